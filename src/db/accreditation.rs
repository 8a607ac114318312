//! The `accreditations` table, its reporters and its press activities.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{accreditation_reporters as ar, accreditations as a, press_activities as pa};
use super::stamp::Stamp;
use crate::domain::ids::{AccreditationId, PressActivityId, ReporterId, UserId};
use crate::domain::itinerary::{ItemStatus, Place};
use crate::domain::pagination::Limit;
use crate::domain::press::{Accreditation, AccreditationStatus, ActivityKind, PressActivity};
use crate::domain::review::SecurityReview;
use crate::error::{ApiError, ApiResult};

/// The record kind under which accreditations' reviews and audit entries are kept.
pub const KIND: &str = "accreditation";

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = a)]
struct Row {
    id: i64,
    reference: String,
    topics: String,
    permitted_places: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    referral_number: String,
    referral_date: NaiveDate,
    escort_officer: Option<String>,
    status: String,
    schedule_changed_at: Option<Stamp>,
    status_note: Option<String>,
    created_by: Option<i64>,
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
        let corrupt = |what: &str| {
            ApiError::internal(format_args!("accreditation {} has a bad {what}", self.id))
        };
        Ok(Accreditation {
            id: AccreditationId(self.id),
            status: AccreditationStatus::parse(&self.status).ok_or_else(|| corrupt("status"))?,
            permitted_places: serde_json::from_str(&self.permitted_places)
                .map_err(|_| corrupt("place list"))?,
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
            created_by: self.created_by.map(UserId),
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
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut reviews = super::review::for_records(conn, KIND, &ids)?;
    let mut reporters: HashMap<i64, Vec<ReporterId>> = HashMap::new();
    if !ids.is_empty() {
        let pairs: Vec<(i64, i64)> = ar::table
            .filter(ar::accreditation_id.eq_any(&ids))
            .order((ar::accreditation_id.asc(), ar::reporter_id.asc()))
            .select((ar::accreditation_id, ar::reporter_id))
            .load(conn)?;
        for (acc, rep) in pairs {
            reporters.entry(acc).or_default().push(ReporterId(rep));
        }
    }
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            row.into_accreditation(
                reporters.remove(&id).unwrap_or_default(),
                reviews.remove(&id).unwrap_or_default(),
            )
        })
        .collect()
}

pub fn find(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<Option<Accreditation>> {
    let rows: Vec<Row> = a::table
        .filter(a::id.eq(id.get()))
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
            a::status.eq(AccreditationStatus::Draft.as_str()),
            a::created_by.eq(by.map(UserId::get)),
            a::created_at.eq(at),
            a::updated_at.eq(at),
            a::version.eq(1_i64),
        ))
        .returning(a::all_columns)
        .get_result::<Row>(conn)?;
    set_reporters(conn, AccreditationId(row.id), reporters)?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

pub fn set_reporters(
    conn: &mut AnyConnection,
    id: AccreditationId,
    reporters: &[ReporterId],
) -> ApiResult<()> {
    diesel::delete(ar::table.filter(ar::accreditation_id.eq(id.get()))).execute(conn)?;
    for reporter in reporters {
        diesel::insert_into(ar::table)
            .values((
                ar::accreditation_id.eq(id.get()),
                ar::reporter_id.eq(reporter.get()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Columns a change may set besides the clerk's fields.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = a)]
pub struct StateChanges {
    pub status: Option<String>,
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
    let target = a::table
        .filter(a::id.eq(id.get()))
        .filter(a::version.eq(version));
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
    let target = a::table.filter(a::id.eq(id.get()));
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
        query = query.filter(a::status.eq(status.as_str()));
    }
    if !filter.statuses.is_empty() {
        query = query.filter(
            a::status.eq_any(
                filter
                    .statuses
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>(),
            ),
        );
    }
    if let Some(from) = filter.from {
        query = query.filter(a::end_date.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(a::start_date.le(to));
    }
    if let Some(reporter) = filter.reporter_id {
        let ids = ar::table
            .filter(ar::reporter_id.eq(reporter.get()))
            .select(ar::accreditation_id);
        query = query.filter(a::id.eq_any(ids));
    }
    if let Some((date, id)) = after {
        query = query.filter(
            a::start_date
                .lt(date)
                .or(a::start_date.eq(date).and(a::id.lt(id))),
        );
    }
    let rows: Vec<Row> = query.load(conn)?;
    assemble(conn, rows)
}

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = pa)]
struct ActivityRow {
    id: i64,
    accreditation_id: i64,
    starts_at: Stamp,
    ends_at: Stamp,
    time_zone: String,
    kind: String,
    title: String,
    place_name: String,
    place_address: Option<String>,
    place_district: Option<String>,
    participants: Option<String>,
    escort_officer: Option<String>,
    status: String,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl TryFrom<ActivityRow> for PressActivity {
    type Error = ApiError;

    fn try_from(row: ActivityRow) -> ApiResult<PressActivity> {
        let corrupt = |what: &str| {
            ApiError::internal(format_args!("press activity {} has a bad {what}", row.id))
        };
        Ok(PressActivity {
            id: PressActivityId(row.id),
            accreditation_id: AccreditationId(row.accreditation_id),
            starts_at: row.starts_at.and_utc(),
            ends_at: row.ends_at.and_utc(),
            time_zone: Tz::from_str(&row.time_zone).map_err(|_| corrupt("time zone"))?,
            kind: ActivityKind::parse(&row.kind).ok_or_else(|| corrupt("kind"))?,
            status: ItemStatus::parse(&row.status).ok_or_else(|| corrupt("status"))?,
            title: row.title,
            place: Place {
                name: row.place_name,
                address: row.place_address,
                district: row.place_district,
            },
            participants: row.participants,
            escort_officer: row.escort_officer,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        })
    }
}

/// A press activity's fields (a change sets them all: cleared ones to null).
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset)]
#[diesel(table_name = pa, treat_none_as_null = true)]
pub struct ActivityFields {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub kind: String,
    pub title: String,
    pub place_name: String,
    pub place_address: Option<String>,
    pub place_district: Option<String>,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
    pub status: String,
}

impl From<&PressActivity> for ActivityFields {
    fn from(p: &PressActivity) -> Self {
        Self {
            starts_at: p.starts_at.naive_utc(),
            ends_at: p.ends_at.naive_utc(),
            time_zone: p.time_zone.name().to_owned(),
            kind: p.kind.as_str().to_owned(),
            title: p.title.clone(),
            place_name: p.place.name.clone(),
            place_address: p.place.address.clone(),
            place_district: p.place.district.clone(),
            participants: p.participants.clone(),
            escort_officer: p.escort_officer.clone(),
            status: p.status.as_str().to_owned(),
        }
    }
}

/// One activity of the accreditation `id` (`None` if it has no such one).
pub fn find_activity(
    conn: &mut AnyConnection,
    id: AccreditationId,
    activity: PressActivityId,
) -> ApiResult<Option<PressActivity>> {
    pa::table
        .filter(pa::accreditation_id.eq(id.get()))
        .filter(pa::id.eq(activity.get()))
        .select(ActivityRow::as_select())
        .first::<ActivityRow>(conn)
        .optional()?
        .map(PressActivity::try_from)
        .transpose()
}

/// Writes `fields` over the activity (and a new version) if it is still at
/// the version `current` was read at; `None` if another change came first.
/// The table's triggers widen `entry_spans` when the new times are longer.
pub fn update_activity(
    conn: &mut AnyConnection,
    current: &PressActivity,
    fields: &ActivityFields,
    at: DateTime<Utc>,
) -> ApiResult<Option<PressActivity>> {
    let row = diesel::update(
        pa::table
            .filter(pa::id.eq(current.id.get()))
            .filter(pa::version.eq(current.version)),
    )
    .set((
        fields,
        pa::updated_at.eq(at.naive_utc()),
        pa::version.eq(pa::version + 1),
    ))
    .returning(pa::all_columns)
    .get_result::<ActivityRow>(conn)
    .optional()?;
    row.map(PressActivity::try_from).transpose()
}

pub fn activities(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<Vec<PressActivity>> {
    pa::table
        .filter(pa::accreditation_id.eq(id.get()))
        .order((pa::starts_at.asc(), pa::id.asc()))
        .select(ActivityRow::as_select())
        .load::<ActivityRow>(conn)?
        .into_iter()
        .map(PressActivity::try_from)
        .collect()
}

/// Activities overlapping the window.
pub fn activities_in_window(
    conn: &mut AnyConnection,
    window: &super::schedule::Window,
) -> ApiResult<Vec<PressActivity>> {
    pa::table
        .filter(super::schedule::overlapping!(pa, window))
        .select(ActivityRow::as_select())
        .load::<ActivityRow>(conn)?
        .into_iter()
        .map(PressActivity::try_from)
        .collect()
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

pub fn insert_activity(
    conn: &mut AnyConnection,
    id: AccreditationId,
    fields: &ActivityFields,
    at: DateTime<Utc>,
) -> ApiResult<PressActivity> {
    let at = at.naive_utc();
    let row = diesel::insert_into(pa::table)
        .values((
            pa::accreditation_id.eq(id.get()),
            fields,
            pa::created_at.eq(at),
            pa::updated_at.eq(at),
            pa::version.eq(1_i64),
        ))
        .returning(pa::all_columns)
        .get_result::<ActivityRow>(conn)?;
    PressActivity::try_from(row)
}

/// Whether an approved accreditation names `reporter` and covers `day`.
pub fn covers(conn: &mut AnyConnection, reporter: ReporterId, day: NaiveDate) -> ApiResult<bool> {
    let ids = ar::table
        .filter(ar::reporter_id.eq(reporter.get()))
        .select(ar::accreditation_id);
    let n: i64 = a::table
        .filter(a::id.eq_any(ids))
        .filter(a::status.eq(AccreditationStatus::Approved.as_str()))
        .filter(a::start_date.le(day))
        .filter(a::end_date.ge(day))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<bool> {
    Ok(diesel::update(a::table.find(id.get()))
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
    diesel::update(a::table.find(id.get()))
        .set(a::schedule_changed_at.eq(Some(at.naive_utc())))
        .execute(conn)?;
    Ok(())
}
