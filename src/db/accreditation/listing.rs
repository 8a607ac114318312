//! The accreditation list: its filters, its cursor, a page of it and the
//! whole of it for an inbox.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Row, assemble};
use crate::db::AnyConnection;
use crate::db::filters::after_newest;
use crate::db::schema::{accreditation_reporters as ar, accreditations as a};
use crate::domain::ids::ReporterId;
use crate::domain::pagination::Limit;
use crate::domain::press::{Accreditation, AccreditationStatus};
use crate::error::ApiResult;

/// Filters of the accreditation list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<AccreditationStatus>,
    pub statuses: Vec<AccreditationStatus>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub reporter_id: Option<ReporterId>,
}

/// Where the last page ended: (start date, id), newest first.
pub type Cursor = (NaiveDate, i64);

pub fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Accreditation>> {
    matching(conn, filter, after, Some(limit.probe()))
}

/// Every one `filter` matches (an inbox): no page limit, which would
/// silently drop the oldest — the most urgent.
pub fn all(conn: &mut AnyConnection, filter: &Filter) -> ApiResult<Vec<Accreditation>> {
    matching(conn, filter, None, None)
}

fn matching(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Option<i64>,
) -> ApiResult<Vec<Accreditation>> {
    let mut query = a::table
        .select(Row::as_select())
        .order((a::start_date.desc(), a::id.desc()))
        .into_boxed();
    if let Some(limit) = limit {
        query = query.limit(limit);
    }
    if let Some(status) = filter.status {
        query = query.filter(a::status.eq(status));
    }
    if !filter.statuses.is_empty() {
        query = query.filter(a::status.eq_any(&filter.statuses));
    }
    if let Some(from) = filter.from {
        query = query.filter(a::end_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(a::start_date.le(to));
    }
    if let Some(reporter) = filter.reporter_id {
        let ids = ar::table
            .filter(ar::reporter_id.eq(reporter))
            .select(ar::accreditation_id);
        query = query.filter(a::id.eq_any(ids));
    }
    if let Some(cursor) = after {
        query = query.filter(after_newest(a::start_date, a::id, cursor));
    }
    let rows: Vec<Row> = query.load(conn)?;
    assemble(conn, rows)
}
