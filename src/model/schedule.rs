//! The monitoring schedule as a caller may read it: which entries of which
//! kinds, over a window, ordered by start with their clashes flagged. The
//! JSON route (`GET /api/v1/schedule`), the calendar feeds and the
//! console's week and day pages all ask here, so that none shows more.

use chrono::{DateTime, Utc};

use crate::db::schedule::Scope;
use crate::db::{self, AnyConnection};
use crate::domain::delegation::list_scope;
use crate::domain::press;
use crate::domain::role::Caller;
use crate::domain::schedule::{Entry, EntryKind, order_and_flag};
use crate::error::{ApiError, ApiResult};

/// What `caller` may see of the schedule, of these kinds.
pub fn scope(caller: Caller, kinds: Vec<EntryKind>) -> Scope {
    Scope {
        kinds,
        only_unit: list_scope(caller),
        press: press::visible_to(caller.role),
        delegation: None,
    }
}

/// The kinds of entry `caller` can ever find in the schedule (a host unit
/// sees no press side): what a filter offers them.
pub fn visible_kinds(caller: Caller) -> Vec<EntryKind> {
    EntryKind::ALL
        .iter()
        .copied()
        .filter(|k| *k == EntryKind::ItineraryItem || press::visible_to(caller.role))
        .collect()
}

/// The kinds a request lists (comma-separated), every kind when it names
/// none; 422 on `kind` for a name that is no kind.
pub fn parse_kinds(raw: Option<&str>) -> ApiResult<Vec<EntryKind>> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(EntryKind::ALL.to_vec()),
        Some(raw) => raw
            .split(',')
            .map(|k| {
                EntryKind::parse(k.trim()).ok_or_else(|| {
                    ApiError::invalid(
                        "kind",
                        "must list itinerary_item, press_activity, interview or press_conference",
                    )
                })
            })
            .collect(),
    }
}

/// Every entry of `kinds` that `caller` may see overlapping `from..to`, by
/// start, each with its clashes: one read on one connection (the route
/// reads the same two sides on two, `db::schedule::entries_side_by_side`).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn entries(
    conn: &mut AnyConnection,
    caller: Caller,
    kinds: Vec<EntryKind>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<Entry>> {
    let scope = scope(caller, kinds);
    if scope.kinds.is_empty() {
        return Ok(Vec::new());
    }
    let mut entries = db::schedule::entries(conn, &scope, from, to)?;
    order_and_flag(&mut entries);
    Ok(entries)
}
