//! The `unit_reports` table: a unit's half-year or annual report, one per
//! unit and period.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::unit_reports as r;
use super::stamp::Stamp;
use crate::domain::ids::{UnitId, UnitReportId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::report::Period;
use crate::domain::report::workflow::{ReportStatus, Sections, UnitReport};
use crate::error::ApiResult;

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = r)]
struct Row {
    id: UnitReportId,
    unit_id: UnitId,
    period: Period,
    status: ReportStatus,
    results: String,
    difficulties: String,
    proposals: String,
    plan: String,
    return_note: Option<String>,
    created_by: Option<UserId>,
    created_at: Stamp,
    updated_at: Stamp,
    submitted_at: Option<Stamp>,
    version: i64,
}

impl From<Row> for UnitReport {
    fn from(row: Row) -> UnitReport {
        UnitReport {
            id: row.id,
            unit_id: row.unit_id,
            period: row.period,
            status: row.status,
            sections: Sections {
                results: row.results,
                difficulties: row.difficulties,
                proposals: row.proposals,
                plan: row.plan,
            },
            return_note: row.return_note,
            created_by: row.created_by,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            submitted_at: row.submitted_at.map(|t| t.and_utc()),
            version: row.version,
        }
    }
}

fn assemble(rows: Vec<Row>) -> Vec<UnitReport> {
    rows.into_iter().map(UnitReport::from).collect()
}

pub fn find(conn: &mut AnyConnection, id: UnitReportId) -> ApiResult<Option<UnitReport>> {
    let rows: Vec<Row> = r::table
        .filter(r::id.eq(id))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(rows).pop())
}

/// The report of `unit` for `period`, if it was begun.
pub fn find_for(
    conn: &mut AnyConnection,
    unit: UnitId,
    period: Period,
) -> ApiResult<Option<UnitReport>> {
    let rows: Vec<Row> = r::table
        .filter(r::unit_id.eq(unit))
        .filter(r::period.eq(period))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(rows).pop())
}

/// Every report of `period` (all units; a province has a few dozen), or
/// of every period when `None`; only `unit`'s when given. By period, then
/// unit.
pub fn all(
    conn: &mut AnyConnection,
    period: Option<Period>,
    unit: Option<UnitId>,
) -> ApiResult<Vec<UnitReport>> {
    let mut query = r::table.select(Row::as_select()).into_boxed();
    if let Some(period) = period {
        query = query.filter(r::period.eq(period));
    }
    if let Some(unit) = unit {
        query = query.filter(r::unit_id.eq(unit));
    }
    let rows: Vec<Row> = query
        .order((r::period.desc(), r::unit_id.asc(), r::id.asc()))
        .load(conn)?;
    Ok(assemble(rows))
}

/// A page of reports, newest first (by id), of `period` and `unit` when
/// given; `after` is the last id of the page before. One more row than
/// `limit`, to learn whether another page follows.
pub fn list(
    conn: &mut AnyConnection,
    period: Option<Period>,
    unit: Option<UnitId>,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<UnitReport>> {
    let mut query = r::table.select(Row::as_select()).into_boxed();
    if let Some(period) = period {
        query = query.filter(r::period.eq(period));
    }
    if let Some(unit) = unit {
        query = query.filter(r::unit_id.eq(unit));
    }
    if let Some(after) = after {
        query = query.filter(r::id.lt(after));
    }
    let rows: Vec<Row> = query.order(r::id.desc()).limit(limit.probe()).load(conn)?;
    Ok(assemble(rows))
}

/// `unit`'s reports returned to it for changes, of every period.
pub fn returned(conn: &mut AnyConnection, unit: UnitId) -> ApiResult<Vec<UnitReport>> {
    let rows: Vec<Row> = r::table
        .filter(r::unit_id.eq(unit))
        .filter(r::status.eq(ReportStatus::Returned))
        .order(r::id.asc())
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(rows))
}

/// Begins `unit`'s report for `period` as a draft with these sections.
pub fn insert(
    conn: &mut AnyConnection,
    unit: UnitId,
    period: Period,
    sections: &Sections,
    by: Option<UserId>,
    at: DateTime<Utc>,
) -> ApiResult<UnitReport> {
    let at = at.naive_utc();
    let row = diesel::insert_into(r::table)
        .values((
            r::unit_id.eq(unit),
            r::period.eq(period),
            r::status.eq(ReportStatus::Draft),
            r::results.eq(&sections.results),
            r::difficulties.eq(&sections.difficulties),
            r::proposals.eq(&sections.proposals),
            r::plan.eq(&sections.plan),
            r::created_by.eq(by),
            r::created_at.eq(at),
            r::updated_at.eq(at),
            r::version.eq(1_i64),
        ))
        .returning(r::all_columns)
        .get_result::<Row>(conn)?;
    Ok(row.into())
}

/// Locks the row (a no-op update), so that a change is decided on the
/// report as the previous change left it.
pub fn lock(conn: &mut AnyConnection, id: UnitReportId) -> ApiResult<bool> {
    Ok(diesel::update(r::table.find(id))
        .set(r::version.eq(r::version))
        .execute(conn)?
        > 0)
}

/// Writes the sections if still at `version`; `None` when another change
/// came first.
pub fn set_sections(
    conn: &mut AnyConnection,
    id: UnitReportId,
    version: i64,
    sections: &Sections,
    at: DateTime<Utc>,
) -> ApiResult<Option<UnitReport>> {
    let updated = diesel::update(r::table.filter(r::id.eq(id)).filter(r::version.eq(version)))
        .set((
            r::results.eq(&sections.results),
            r::difficulties.eq(&sections.difficulties),
            r::proposals.eq(&sections.proposals),
            r::plan.eq(&sections.plan),
            r::updated_at.eq(at.naive_utc()),
            r::version.eq(r::version + 1),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Ok(None);
    }
    find(conn, id)
}

/// Moves the report to `status` if still at `version`: a submission stamps
/// `submitted_at`; a return keeps its note (other moves leave the last
/// note as it was, for the history of what was fixed).
pub fn set_status(
    conn: &mut AnyConnection,
    id: UnitReportId,
    version: i64,
    status: ReportStatus,
    return_note: Option<&str>,
    at: DateTime<Utc>,
) -> ApiResult<Option<UnitReport>> {
    let target = r::table.filter(r::id.eq(id)).filter(r::version.eq(version));
    let stamp = (
        r::status.eq(status),
        r::updated_at.eq(at.naive_utc()),
        r::version.eq(r::version + 1),
    );
    let updated = match (status, return_note) {
        (ReportStatus::Submitted, _) => diesel::update(target)
            .set((stamp, r::submitted_at.eq(Some(at.naive_utc()))))
            .execute(conn)?,
        (ReportStatus::Returned, Some(note)) => diesel::update(target)
            .set((stamp, r::return_note.eq(Some(note))))
            .execute(conn)?,
        _ => diesel::update(target).set(stamp).execute(conn)?,
    };
    if updated == 0 {
        return Ok(None);
    }
    find(conn, id)
}
