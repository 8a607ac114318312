//! The `accreditations` table, its reporters and its press activities.

mod listing;
mod press_activities;
pub use listing::{Cursor, Filter, all, list};
pub use press_activities::{
    ActivityFields, activities, activities_in_window, find_activity, insert_activity,
    update_activity,
};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{accreditation_reporters as ar, accreditations as a};
use super::stamp::Stamp;
use crate::domain::ids::{AccreditationId, ReporterId, UserId};
use crate::domain::press::{Accreditation, AccreditationStatus};
use crate::domain::review::SecurityReview;
use crate::error::{ApiError, ApiResult};

/// The record kind under which accreditations' reviews and audit entries are kept.
pub const KIND: &str = "accreditation";

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = a)]
struct Row {
    id: AccreditationId,
    reference: String,
    topics: String,
    permitted_places: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    referral_number: String,
    referral_date: NaiveDate,
    escort_officer: Option<String>,
    status: AccreditationStatus,
    schedule_changed_at: Option<Stamp>,
    status_note: Option<String>,
    created_by: Option<UserId>,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl Row {
    fn into_accreditation(
        self,
        reporter_ids: Vec<ReporterId>,
        review: SecurityReview,
    ) -> ApiResult<Accreditation> {
        Ok(Accreditation {
            id: self.id,
            status: self.status,
            permitted_places: serde_json::from_str(&self.permitted_places).map_err(|_| {
                ApiError::internal(format_args!(
                    "accreditation {} has a bad place list",
                    self.id
                ))
            })?,
            reporter_ids,
            review,
            reference: self.reference,
            topics: self.topics,
            start_date: self.start_date,
            end_date: self.end_date,
            referral_number: self.referral_number,
            referral_date: self.referral_date,
            escort_officer: self.escort_officer,
            schedule_changed_at: self.schedule_changed_at.map(|t| t.and_utc()),
            status_note: self.status_note,
            created_by: self.created_by,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        })
    }
}

/// The fields of an accreditation that a clerk writes.
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = a, treat_none_as_null = true)]
pub struct Fields {
    pub topics: String,
    /// JSON array of place names.
    pub permitted_places: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub referral_number: String,
    pub referral_date: NaiveDate,
    pub escort_officer: Option<String>,
}

impl Fields {
    pub fn places(places: &[String]) -> String {
        serde_json::to_string(places).unwrap_or_else(|_| "[]".into())
    }
}

/// Loads the reporters and reviews of these rows (two queries for a whole page).
fn assemble(conn: &mut AnyConnection, rows: Vec<Row>) -> ApiResult<Vec<Accreditation>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let mut reviews = super::review::for_records(conn, KIND, &ids)?;
    let mut reporters: HashMap<i64, Vec<ReporterId>> = HashMap::new();
    if !ids.is_empty() {
        let pairs: Vec<(i64, ReporterId)> = ar::table
            .filter(ar::accreditation_id.eq_any(&ids))
            .order((ar::accreditation_id.asc(), ar::reporter_id.asc()))
            .select((ar::accreditation_id, ar::reporter_id))
            .load(conn)?;
        for (acc, rep) in pairs {
            reporters.entry(acc).or_default().push(rep);
        }
    }
    rows.into_iter()
        .map(|row| {
            let id = row.id.get();
            row.into_accreditation(
                reporters.remove(&id).unwrap_or_default(),
                reviews.remove(&id).unwrap_or_default(),
            )
        })
        .collect()
}

pub fn find(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<Option<Accreditation>> {
    let rows: Vec<Row> = a::table
        .filter(a::id.eq(id))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

pub fn insert(
    conn: &mut AnyConnection,
    fields: &Fields,
    reporters: &[ReporterId],
    reference: &str,
    by: Option<UserId>,
    at: DateTime<Utc>,
) -> ApiResult<Accreditation> {
    let at = at.naive_utc();
    let row = diesel::insert_into(a::table)
        .values((
            a::reference.eq(reference),
            a::topics.eq(&fields.topics),
            a::permitted_places.eq(&fields.permitted_places),
            a::start_date.eq(fields.start_date),
            a::end_date.eq(fields.end_date),
            a::referral_number.eq(&fields.referral_number),
            a::referral_date.eq(fields.referral_date),
            a::escort_officer.eq(fields.escort_officer.as_deref()),
            a::status.eq(AccreditationStatus::Draft),
            a::created_by.eq(by),
            a::created_at.eq(at),
            a::updated_at.eq(at),
            a::version.eq(1_i64),
        ))
        .returning(a::all_columns)
        .get_result::<Row>(conn)?;
    set_reporters(conn, row.id, reporters)?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

pub fn set_reporters(
    conn: &mut AnyConnection,
    id: AccreditationId,
    reporters: &[ReporterId],
) -> ApiResult<()> {
    diesel::delete(ar::table.filter(ar::accreditation_id.eq(id))).execute(conn)?;
    for reporter in reporters {
        diesel::insert_into(ar::table)
            .values((ar::accreditation_id.eq(id), ar::reporter_id.eq(reporter)))
            .execute(conn)?;
    }
    Ok(())
}

/// Columns a change may set besides the clerk's fields.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = a)]
pub struct StateChanges {
    pub status: Option<AccreditationStatus>,
    pub status_note: Option<Option<String>>,
}

/// Applies `fields` and `state` (and a new version) if still at `version`.
pub fn update(
    conn: &mut AnyConnection,
    id: AccreditationId,
    version: i64,
    fields: Option<&Fields>,
    state: &StateChanges,
    at: DateTime<Utc>,
) -> ApiResult<Option<Accreditation>> {
    let target = a::table.filter(a::id.eq(id)).filter(a::version.eq(version));
    let stamp = (
        a::updated_at.eq(at.naive_utc()),
        a::version.eq(a::version + 1),
    );
    let updated = match (
        fields,
        state.status.is_some() || state.status_note.is_some(),
    ) {
        (Some(fields), true) => diesel::update(target)
            .set((fields, state, stamp))
            .execute(conn)?,
        (Some(fields), false) => diesel::update(target).set((fields, stamp)).execute(conn)?,
        (None, true) => diesel::update(target).set((state, stamp)).execute(conn)?,
        (None, false) => diesel::update(target).set(stamp).execute(conn)?,
    };
    if updated == 0 {
        return Ok(None);
    }
    find(conn, id)
}

/// A change to an accreditation's activities or review is a change to it: a
/// new version (and, once approved, the mark that the police should look again).
pub fn touch(
    conn: &mut AnyConnection,
    id: AccreditationId,
    at: DateTime<Utc>,
    schedule_changed: bool,
) -> ApiResult<()> {
    let at = at.naive_utc();
    let target = a::table.filter(a::id.eq(id));
    if schedule_changed {
        diesel::update(target)
            .set((
                a::updated_at.eq(at),
                a::version.eq(a::version + 1),
                a::schedule_changed_at.eq(Some(at)),
            ))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set((a::updated_at.eq(at), a::version.eq(a::version + 1)))
            .execute(conn)?;
    }
    Ok(())
}

/// The accreditations with these ids, in one go.
pub fn find_many(conn: &mut AnyConnection, ids: &[i64]) -> ApiResult<Vec<Accreditation>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = a::table
        .filter(a::id.eq_any(ids))
        .select(Row::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

/// Whether an approved accreditation names `reporter` and covers `day`.
pub fn covers(conn: &mut AnyConnection, reporter: ReporterId, day: NaiveDate) -> ApiResult<bool> {
    let ids = ar::table
        .filter(ar::reporter_id.eq(reporter))
        .select(ar::accreditation_id);
    let n: i64 = a::table
        .filter(a::id.eq_any(ids))
        .filter(a::status.eq(AccreditationStatus::Approved))
        .filter(a::start_date.le(day))
        .filter(a::end_date.ge(day))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<bool> {
    Ok(diesel::update(a::table.find(id))
        .set(a::version.eq(a::version))
        .execute(conn)?
        > 0)
}

/// Marks that what the police reviewed changed after their review.
pub fn mark_schedule_changed(
    conn: &mut AnyConnection,
    id: AccreditationId,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    diesel::update(a::table.find(id))
        .set(a::schedule_changed_at.eq(Some(at.naive_utc())))
        .execute(conn)?;
    Ok(())
}
