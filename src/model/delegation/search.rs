//! Reading delegations: a search as a client or a form asks for it, the
//! page of those the caller may see, and one delegation's timeline.

use super::visible;
use crate::db::delegation::{Cursor, Filter};
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEntry, RecordKind, redact_changes};
use crate::domain::delegation::{self as rules, Delegation, DelegationStatus, Direction};
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;
use crate::domain::text::{CountryCode, fold};
use crate::domain::time::Bound;
use crate::error::{ApiError, ApiResult};

/// A search of the delegations as a client or a form asks for it, before
/// it is read: the API's query parameters, the console's filters.
#[derive(Debug, Default)]
pub struct Search<'a> {
    pub direction: Option<Direction>,
    pub status: Option<DelegationStatus>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub q: Option<&'a str>,
    pub country: Option<&'a str>,
    pub host_unit_id: Option<i64>,
}

impl Search<'_> {
    /// The filter it asks for, or 422 naming the parameter at fault.
    pub fn filter(&self) -> ApiResult<Filter> {
        let country = self
            .country
            .map(|c| {
                CountryCode::parse(c)
                    .map(|c| c.as_str().to_owned())
                    .map_err(|m| ApiError::invalid("country", m))
            })
            .transpose()?;
        Ok(Filter {
            direction: self.direction,
            status: self.status,
            from: super::input::day("from", self.from, Bound::Start)?,
            to: super::input::day("to", self.to, Bound::End)?,
            words: self
                .q
                .map(fold)
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            country,
            host_unit_id: self.host_unit_id.map(UnitId),
            only_unit: None,
            statuses: Vec::new(),
        })
    }
}

/// A page of the delegations `caller` may see that match `filter`.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    mut filter: Filter,
    after: Option<Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Delegation>> {
    filter.only_unit = rules::list_scope(caller);
    db::delegation::list(conn, &filter, after, limit)
}

/// The delegation's own timeline, oldest first; personal data and police
/// notes only for those who may see them.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn history(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Vec<AuditEntry>> {
    visible(conn, caller, id)?;
    let filter = db::audit::AuditFilter {
        record_kind: Some(RecordKind::Delegation),
        record_id: Some(id.get()),
        ..Default::default()
    };
    let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut entries = db::audit::list(conn, &filter, None, max)?;
    entries.reverse();
    for e in &mut entries {
        redact_changes(&mut e.changes, caller.role);
    }
    Ok(entries)
}
