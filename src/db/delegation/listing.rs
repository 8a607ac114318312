//! The delegation list: its filters, its cursor, a page of it and the whole
//! of it for a feed or an inbox.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{KIND, Row};
use crate::db::AnyConnection;
use crate::db::filters::{after_newest, contains};
use crate::db::schema::delegations as d;
use crate::domain::delegation::{Delegation, DelegationStatus, Direction};
use crate::domain::ids::UnitId;
use crate::domain::pagination::Limit;
use crate::domain::review::SecurityReview;
use crate::error::ApiResult;

/// Filters of the delegation list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub direction: Option<Direction>,
    pub status: Option<DelegationStatus>,
    /// Delegations whose dates overlap `from..=to`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Folded search words, all of which must appear.
    pub words: Vec<String>,
    pub country: Option<String>,
    pub host_unit_id: Option<UnitId>,
    /// A host unit's own unit: it sees nothing else.
    pub only_unit: Option<UnitId>,
    /// Statuses to include (for the inbox); empty = all.
    pub statuses: Vec<DelegationStatus>,
}

/// Where the last page ended: (start date, id), newest first.
pub type Cursor = (NaiveDate, i64);

/// A page of the delegations `filter` matches, newest start first.
pub fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Delegation>> {
    matching(conn, filter, after, Some(limit.probe()))
}

/// Every delegation `filter` matches (a feed's window, an inbox): no page
/// limit, which would silently drop the rest.
pub fn all(conn: &mut AnyConnection, filter: &Filter) -> ApiResult<Vec<Delegation>> {
    matching(conn, filter, None, None)
}

fn matching(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Option<i64>,
) -> ApiResult<Vec<Delegation>> {
    let mut query = d::table
        .select(Row::as_select())
        .order((d::start_date.desc(), d::id.desc()))
        .into_boxed();
    if let Some(limit) = limit {
        query = query.limit(limit);
    }
    if let Some(direction) = filter.direction {
        query = query.filter(d::direction.eq(direction));
    }
    if let Some(status) = filter.status {
        query = query.filter(d::status.eq(status));
    }
    if !filter.statuses.is_empty() {
        query = query.filter(d::status.eq_any(&filter.statuses));
    }
    if let Some(from) = filter.from {
        query = query.filter(d::end_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(d::start_date.le(to));
    }
    for word in &filter.words {
        query = query.filter(contains(d::search_text, word));
    }
    if let Some(country) = &filter.country {
        query = query.filter(d::countries.like(format!("%,{country},%")));
    }
    if let Some(unit) = filter.host_unit_id {
        query = query.filter(d::host_unit_id.eq(unit));
    }
    if let Some(unit) = filter.only_unit {
        query = query.filter(d::host_unit_id.eq(unit));
    }
    if let Some(cursor) = after {
        query = query.filter(after_newest(d::start_date, d::id, cursor));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let mut reviews: HashMap<i64, SecurityReview> =
        super::super::review::for_records(conn, KIND, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let review = reviews.remove(&row.id.get()).unwrap_or_default();
            row.into_delegation(review)
        })
        .collect())
}
