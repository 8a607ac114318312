//! The `interviews` table and its reporters.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use super::AnyConnection;
use super::filters::after_newest;
use super::schema::{interview_reporters as ir, interviews as iv};
use super::stamp::Stamp;
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId, UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::press::{Interview, InterviewStatus};
use crate::error::ApiResult;

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = iv)]
struct Row {
    id: InterviewId,
    reference: String,
    interviewee_name: String,
    interviewee_position: String,
    outlet: String,
    accreditation_id: Option<AccreditationId>,
    starts_at: Stamp,
    ends_at: Stamp,
    time_zone: Tz,
    place: String,
    topics: String,
    questions: Option<String>,
    organizing_unit_id: Option<UnitId>,
    status: InterviewStatus,
    accreditation_revoked_at: Option<Stamp>,
    created_by: Option<UserId>,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl Row {
    fn into_interview(self, reporter_ids: Vec<ReporterId>) -> Interview {
        Interview {
            id: self.id,
            time_zone: self.time_zone,
            status: self.status,
            reporter_ids,
            reference: self.reference,
            interviewee_name: self.interviewee_name,
            interviewee_position: self.interviewee_position,
            outlet: self.outlet,
            accreditation_id: self.accreditation_id,
            starts_at: self.starts_at.and_utc(),
            ends_at: self.ends_at.and_utc(),
            place: self.place,
            topics: self.topics,
            questions: self.questions,
            organizing_unit_id: self.organizing_unit_id,
            accreditation_revoked_at: self.accreditation_revoked_at.map(|t| t.and_utc()),
            created_by: self.created_by,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        }
    }
}

/// The fields of an interview that its organisers write.
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset)]
#[diesel(table_name = iv, treat_none_as_null = true)]
pub struct Fields {
    pub interviewee_name: String,
    pub interviewee_position: String,
    pub outlet: String,
    pub accreditation_id: Option<i64>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub place: String,
    pub topics: String,
    pub questions: Option<String>,
    pub organizing_unit_id: Option<i64>,
}

fn assemble(conn: &mut AnyConnection, rows: Vec<Row>) -> ApiResult<Vec<Interview>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let mut reporters: HashMap<i64, Vec<ReporterId>> = HashMap::new();
    if !ids.is_empty() {
        let pairs: Vec<(i64, ReporterId)> = ir::table
            .filter(ir::interview_id.eq_any(&ids))
            .order((ir::interview_id.asc(), ir::reporter_id.asc()))
            .select((ir::interview_id, ir::reporter_id))
            .load(conn)?;
        for (interview, reporter) in pairs {
            reporters.entry(interview).or_default().push(reporter);
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id.get();
            row.into_interview(reporters.remove(&id).unwrap_or_default())
        })
        .collect())
}

pub fn find(conn: &mut AnyConnection, id: InterviewId) -> ApiResult<Option<Interview>> {
    let rows: Vec<Row> = iv::table
        .filter(iv::id.eq(id))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

pub fn for_reporter(conn: &mut AnyConnection, reporter: ReporterId) -> ApiResult<Vec<Interview>> {
    let ids = ir::table
        .filter(ir::reporter_id.eq(reporter))
        .select(ir::interview_id);
    let rows: Vec<Row> = iv::table
        .filter(iv::id.eq_any(ids))
        .order((iv::starts_at.desc(), iv::id.desc()))
        .limit(500)
        .select(Row::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

pub fn insert(
    conn: &mut AnyConnection,
    fields: &Fields,
    reporters: &[ReporterId],
    reference: &str,
    by: Option<UserId>,
    at: DateTime<Utc>,
) -> ApiResult<Interview> {
    let at = at.naive_utc();
    let row = diesel::insert_into(iv::table)
        .values((
            iv::reference.eq(reference),
            fields,
            iv::status.eq(InterviewStatus::Requested),
            iv::created_by.eq(by),
            iv::created_at.eq(at),
            iv::updated_at.eq(at),
            iv::version.eq(1_i64),
        ))
        .returning(iv::all_columns)
        .get_result::<Row>(conn)?;
    set_reporters(conn, row.id, reporters)?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

pub fn set_reporters(
    conn: &mut AnyConnection,
    id: InterviewId,
    reporters: &[ReporterId],
) -> ApiResult<()> {
    diesel::delete(ir::table.filter(ir::interview_id.eq(id))).execute(conn)?;
    for reporter in reporters {
        diesel::insert_into(ir::table)
            .values((ir::interview_id.eq(id), ir::reporter_id.eq(reporter)))
            .execute(conn)?;
    }
    Ok(())
}

/// Applies fields and/or a new status (and a new version) if still at `version`.
pub fn update(
    conn: &mut AnyConnection,
    id: InterviewId,
    version: i64,
    fields: Option<&Fields>,
    status: Option<InterviewStatus>,
    at: DateTime<Utc>,
) -> ApiResult<Option<Interview>> {
    let target = iv::table
        .filter(iv::id.eq(id))
        .filter(iv::version.eq(version));
    let stamp = (
        iv::updated_at.eq(at.naive_utc()),
        iv::version.eq(iv::version + 1),
    );
    let updated = match (fields, status) {
        (Some(f), Some(s)) => diesel::update(target)
            .set((f, iv::status.eq(s), stamp))
            .execute(conn)?,
        (Some(f), None) => diesel::update(target).set((f, stamp)).execute(conn)?,
        (None, Some(s)) => diesel::update(target)
            .set((iv::status.eq(s), stamp))
            .execute(conn)?,
        (None, None) => diesel::update(target).set(stamp).execute(conn)?,
    };
    if updated == 0 {
        return Ok(None);
    }
    find(conn, id)
}

/// Flags the open interviews an accreditation covered when it is revoked;
/// returns their ids.
pub fn flag_revoked(
    conn: &mut AnyConnection,
    accreditation: AccreditationId,
    at: DateTime<Utc>,
) -> ApiResult<Vec<i64>> {
    let open = [InterviewStatus::Requested, InterviewStatus::Approved];
    let target = iv::table
        .filter(iv::accreditation_id.eq(accreditation))
        .filter(iv::status.eq_any(open));
    let ids: Vec<i64> = target.select(iv::id).load(conn)?;
    if !ids.is_empty() {
        let at = at.naive_utc();
        diesel::update(iv::table.filter(iv::id.eq_any(&ids)))
            .set((
                iv::accreditation_revoked_at.eq(Some(at)),
                iv::updated_at.eq(at),
                iv::version.eq(iv::version + 1),
            ))
            .execute(conn)?;
    }
    Ok(ids)
}

/// Filters of the interview list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<InterviewStatus>,
    pub statuses: Vec<InterviewStatus>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub accreditation_id: Option<AccreditationId>,
}

/// Where the last page ended: (start, id), newest first.
pub type Cursor = (NaiveDateTime, i64);

pub fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Interview>> {
    matching(conn, filter, after, Some(limit.probe()))
}

/// Every one `filter` matches (an inbox): no page limit, which would
/// silently drop the oldest — the most urgent.
pub fn all(conn: &mut AnyConnection, filter: &Filter) -> ApiResult<Vec<Interview>> {
    matching(conn, filter, None, None)
}

fn matching(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Option<i64>,
) -> ApiResult<Vec<Interview>> {
    let mut query = iv::table
        .select(Row::as_select())
        .order((iv::starts_at.desc(), iv::id.desc()))
        .into_boxed();
    if let Some(limit) = limit {
        query = query.limit(limit);
    }
    if let Some(status) = filter.status {
        query = query.filter(iv::status.eq(status));
    }
    if !filter.statuses.is_empty() {
        query = query.filter(iv::status.eq_any(&filter.statuses));
    }
    if let Some(from) = filter.from {
        query = query.filter(iv::ends_at.gt(from.naive_utc()));
    }
    if let Some(to) = filter.to {
        query = query.filter(iv::starts_at.lt(to.naive_utc()));
    }
    if let Some(acc) = filter.accreditation_id {
        query = query.filter(iv::accreditation_id.eq(acc));
    }
    if let Some(cursor) = after {
        query = query.filter(after_newest(iv::starts_at, iv::id, cursor));
    }
    let rows: Vec<Row> = query.load(conn)?;
    assemble(conn, rows)
}

/// Interviews overlapping the window.
pub fn in_window(
    conn: &mut AnyConnection,
    window: &super::schedule::Window,
) -> ApiResult<Vec<Interview>> {
    let rows: Vec<Row> = iv::table
        .filter(super::schedule::overlapping!(iv, window))
        .select(Row::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: InterviewId) -> ApiResult<bool> {
    Ok(diesel::update(iv::table.find(id))
        .set(iv::version.eq(iv::version))
        .execute(conn)?
        > 0)
}
