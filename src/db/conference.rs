//! The `press_conferences` table and its attendees.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use super::AnyConnection;
use super::filters::after_newest;
use super::schema::{press_conference_attendees as pca, press_conferences as pc};
use super::stamp::Stamp;
use crate::domain::ids::{AttendeeId, PressConferenceId, ReporterId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::press::{
    ConferenceKind, ConferenceStatus, Organizer, OrganizerKind, PressConference,
};
use crate::error::{ApiError, ApiResult};

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = pc)]
struct Row {
    id: PressConferenceId,
    reference: String,
    title: String,
    kind: ConferenceKind,
    starts_at: Stamp,
    ends_at: Stamp,
    time_zone: Tz,
    venue: String,
    topics: String,
    speakers: String,
    status: ConferenceStatus,
    announced_at: Option<Stamp>,
    created_by: Option<UserId>,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
    organizer_kind: OrganizerKind,
    organizer_name: Option<String>,
    registration_date: Option<NaiveDate>,
}

impl TryFrom<Row> for PressConference {
    type Error = ApiError;

    fn try_from(row: Row) -> ApiResult<PressConference> {
        let corrupt = |what: &str| {
            ApiError::internal(format_args!("press conference {} has a bad {what}", row.id))
        };
        Ok(PressConference {
            id: row.id,
            kind: row.kind,
            status: row.status,
            time_zone: row.time_zone,
            speakers: serde_json::from_str(&row.speakers).map_err(|_| corrupt("speaker list"))?,
            // The three columns must agree (a name and a date only for a
            // foreign body): a rule across columns, which no column's type
            // can check.
            organizer: Organizer::parse(
                row.organizer_kind,
                row.organizer_name.as_deref(),
                row.registration_date,
            )
            .map_err(|_| corrupt("organizer"))?,
            reference: row.reference,
            title: row.title,
            starts_at: row.starts_at.and_utc(),
            ends_at: row.ends_at.and_utc(),
            venue: row.venue,
            topics: row.topics,
            announced_at: row.announced_at.map(|t| t.and_utc()),
            created_by: row.created_by,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        })
    }
}

/// The fields of a press conference that the Provincial Office writes.
/// A `None` writes NULL (`treat_none_as_null`): a conference that becomes
/// the province's own loses the foreign body's name and date.
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset)]
#[diesel(table_name = pc, treat_none_as_null = true)]
pub struct Fields {
    pub title: String,
    pub kind: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub venue: String,
    pub topics: String,
    /// JSON array of speakers.
    pub speakers: String,
    pub organizer_kind: String,
    pub organizer_name: Option<String>,
    pub registration_date: Option<NaiveDate>,
}

impl Fields {
    pub fn speakers(speakers: &[String]) -> String {
        serde_json::to_string(speakers).unwrap_or_else(|_| "[]".into())
    }

    /// Sets the organizer's three columns.
    pub fn with_organizer(mut self, organizer: &Organizer) -> Self {
        self.organizer_kind = organizer.kind().as_str().to_owned();
        self.organizer_name = organizer.name().map(str::to_owned);
        self.registration_date = organizer.registered_on();
        self
    }

    /// The organizer as these fields hold it.
    pub fn organizer(&self) -> Organizer {
        OrganizerKind::parse(&self.organizer_kind)
            .and_then(|k| {
                Organizer::parse(k, self.organizer_name.as_deref(), self.registration_date).ok()
            })
            .unwrap_or_default()
    }
}

pub fn find(conn: &mut AnyConnection, id: PressConferenceId) -> ApiResult<Option<PressConference>> {
    pc::table
        .find(id)
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(PressConference::try_from)
        .transpose()
}

/// Press conferences overlapping the window.
pub fn in_window(
    conn: &mut AnyConnection,
    window: &super::schedule::Window,
) -> ApiResult<Vec<PressConference>> {
    pc::table
        .filter(super::schedule::overlapping!(pc, window))
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(PressConference::try_from)
        .collect()
}

pub fn insert(
    conn: &mut AnyConnection,
    fields: &Fields,
    reference: &str,
    by: Option<UserId>,
    at: DateTime<Utc>,
) -> ApiResult<PressConference> {
    let at = at.naive_utc();
    let row = diesel::insert_into(pc::table)
        .values((
            pc::reference.eq(reference),
            fields,
            pc::status.eq(ConferenceStatus::Planned),
            pc::created_by.eq(by),
            pc::created_at.eq(at),
            pc::updated_at.eq(at),
            pc::version.eq(1_i64),
        ))
        .returning(pc::all_columns)
        .get_result::<Row>(conn)?;
    PressConference::try_from(row)
}

/// Applies fields and/or a new status (and a new version) if still at `version`.
pub fn update(
    conn: &mut AnyConnection,
    id: PressConferenceId,
    version: i64,
    fields: Option<&Fields>,
    status: Option<ConferenceStatus>,
    at: DateTime<Utc>,
) -> ApiResult<Option<PressConference>> {
    let target = pc::table
        .filter(pc::id.eq(id))
        .filter(pc::version.eq(version));
    let stamp = (
        pc::updated_at.eq(at.naive_utc()),
        pc::version.eq(pc::version + 1),
    );
    let announced = status
        .filter(|s| *s == ConferenceStatus::Announced)
        .map(|_| at.naive_utc());
    let updated = match (fields, status) {
        (Some(f), Some(s)) => diesel::update(target)
            .set((f, pc::status.eq(s), stamp))
            .execute(conn)?,
        (Some(f), None) => diesel::update(target).set((f, stamp)).execute(conn)?,
        (None, Some(s)) => diesel::update(target)
            .set((pc::status.eq(s), stamp))
            .execute(conn)?,
        (None, None) => diesel::update(target).set(stamp).execute(conn)?,
    };
    if updated == 0 {
        return Ok(None);
    }
    if let Some(at) = announced {
        diesel::update(pc::table.find(id))
            .set(pc::announced_at.eq(Some(at)))
            .execute(conn)?;
    }
    find(conn, id)
}

/// A version bump for a change to the conference's attendees.
pub fn touch(conn: &mut AnyConnection, id: PressConferenceId, at: DateTime<Utc>) -> ApiResult<()> {
    diesel::update(pc::table.find(id))
        .set((
            pc::updated_at.eq(at.naive_utc()),
            pc::version.eq(pc::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Filters of the press conference list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<ConferenceStatus>,
    pub kind: Option<ConferenceKind>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Where the last page ended: (start, id), newest first.
pub type Cursor = (NaiveDateTime, i64);

pub fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<Cursor>,
    limit: Limit,
) -> ApiResult<Vec<PressConference>> {
    let mut query = pc::table
        .select(Row::as_select())
        .order((pc::starts_at.desc(), pc::id.desc()))
        .limit(limit.probe())
        .into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(pc::status.eq(status));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(pc::kind.eq(kind));
    }
    if let Some(from) = filter.from {
        query = query.filter(pc::ends_at.gt(from.naive_utc()));
    }
    if let Some(to) = filter.to {
        query = query.filter(pc::starts_at.lt(to.naive_utc()));
    }
    if let Some(cursor) = after {
        query = query.filter(after_newest(pc::starts_at, pc::id, cursor));
    }
    query
        .load::<Row>(conn)?
        .into_iter()
        .map(PressConference::try_from)
        .collect()
}

/// An attendee of a press conference: an outlet and a name, and for a
/// foreign reporter the reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub id: AttendeeId,
    pub outlet: String,
    pub name: String,
    pub reporter_id: Option<ReporterId>,
    pub created_at: DateTime<Utc>,
}

pub fn attendees(conn: &mut AnyConnection, id: PressConferenceId) -> ApiResult<Vec<Attendee>> {
    let rows: Vec<(
        AttendeeId,
        String,
        String,
        Option<ReporterId>,
        NaiveDateTime,
    )> = pca::table
        .filter(pca::press_conference_id.eq(id))
        .order(pca::id.asc())
        .select((
            pca::id,
            pca::outlet,
            pca::name,
            pca::reporter_id,
            pca::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, outlet, name, reporter_id, at)| Attendee {
            id,
            outlet,
            name,
            reporter_id,
            created_at: at.and_utc(),
        })
        .collect())
}

pub fn add_attendee(
    conn: &mut AnyConnection,
    id: PressConferenceId,
    outlet: &str,
    name: &str,
    reporter: Option<ReporterId>,
    at: DateTime<Utc>,
) -> ApiResult<Attendee> {
    let created_at = at.naive_utc();
    let attendee_id: AttendeeId = diesel::insert_into(pca::table)
        .values((
            pca::press_conference_id.eq(id),
            pca::outlet.eq(outlet),
            pca::name.eq(name),
            pca::reporter_id.eq(reporter),
            pca::created_at.eq(created_at),
        ))
        .returning(pca::id)
        .get_result(conn)?;
    Ok(Attendee {
        id: attendee_id,
        outlet: outlet.to_owned(),
        name: name.to_owned(),
        reporter_id: reporter,
        created_at: at,
    })
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: PressConferenceId) -> ApiResult<bool> {
    Ok(diesel::update(pc::table.find(id))
        .set(pc::version.eq(pc::version))
        .execute(conn)?
        > 0)
}

/// The conferences that were ever announced (announced, held, or cancelled
/// after their announcement): the public feed's.
pub fn announced_ids(conn: &mut AnyConnection) -> ApiResult<std::collections::HashSet<i64>> {
    Ok(pc::table
        .filter(pc::announced_at.is_not_null())
        .select(pc::id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Foreign bodies' press conferences still to be held (planned or
/// announced, ending after `from`): the inbox's late-registration flags.
pub fn foreign_open(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
) -> ApiResult<Vec<PressConference>> {
    pc::table
        .filter(pc::organizer_kind.eq(OrganizerKind::ForeignBody))
        .filter(pc::status.eq_any([ConferenceStatus::Planned, ConferenceStatus::Announced]))
        .filter(pc::ends_at.gt(from.naive_utc()))
        .order((pc::starts_at.asc(), pc::id.asc()))
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(PressConference::try_from)
        .collect()
}
