//! Press conferences: each change as one operation with its audit entry;
//! the attendees' operations are in `attendees`, what a client sends in
//! `requests`.

use chrono::{DateTime, Utc};

mod attendees;
mod requests;

pub(crate) use attendees::insert_attendee;
pub use attendees::{attendees, check_attendees_covered, register_attendee};
use requests::checked;
pub use requests::{AttendeeInput, ConferenceInput, ConferencePatch};

// The request types' attributes name `super::input::…`.
use super::input;
use super::reporter::require_press;
use super::year;
use crate::db::Audited;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::PressConferenceId;
use crate::domain::ids::UserId;
use crate::domain::pagination::Limit;
use crate::domain::press::OrganizerKind;
use crate::domain::press::{ConferenceAction, PressConference};
use crate::domain::reference::Series;
use crate::domain::role::Caller;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

/// The press conference `id` for a caller who sees the press side; 404 otherwise.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn visible(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
) -> ApiResult<PressConference> {
    require_press(caller)?;
    db::conference::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// [`visible`] for a change: the row is locked first, so that the change is
/// decided on the record as the previous change left it.
fn for_change(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
) -> ApiResult<PressConference> {
    require_press(caller)?;
    db::conference::lock(conn, id)?;
    visible(conn, caller, id)
}

/// Whether [`update`] is open to `role` on `c` as it stands (what a page
/// offers: the link to the edit form); the operation decides again.
pub fn editable(c: &PressConference, role: Role) -> bool {
    crate::domain::press::writes_conferences(role) && c.status.open_to_changes()
}

fn require_writer(caller: Caller) -> ApiResult<()> {
    super::reporter::require_role(
        caller,
        crate::domain::press::writes_conferences,
        "change press conferences",
    )
}

/// A page of the press conferences matching `filter`.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    filter: &db::conference::Filter,
    after: Option<db::conference::Cursor>,
    limit: Limit,
) -> ApiResult<Vec<PressConference>> {
    require_press(caller)?;
    db::conference::list(conn, filter, after, limit)
}

/// Plans a press conference (Provincial Office).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: ConferenceInput,
) -> ApiResult<Audited<PressConference>> {
    require_press(caller)?;
    require_writer(caller)?;
    let fields = checked(input)?;
    let (c, entry) = insert(conn, &fields, Some(caller.id))?;
    Ok(Audited::new(c, entry))
}

/// Changes a press conference while it is planned or announced; moved to
/// another day, its foreign attendees must stay covered.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
    if_match: Option<i64>,
    p: ConferencePatch,
) -> ApiResult<Audited<PressConference>> {
    let current = for_change(conn, caller, id)?;
    require_writer(caller)?;
    if !current.status.open_to_changes() {
        return Err(ApiError::conflict(
            "a press conference changes only while it is planned or announced",
        ));
    }
    db::check_version(if_match, current.version)?;
    let tz = current.time_zone;
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    // A foreign body's conference keeps its name and date unless the patch
    // gives new ones; one made the province's own keeps neither.
    let organizer = p.organizer.unwrap_or(current.organizer.kind());
    let (organizer_name, registration_date) = match organizer {
        OrganizerKind::Province => (p.organizer_name, p.registration_date),
        OrganizerKind::ForeignBody => (
            p.organizer_name
                .or_else(|| current.organizer.name().map(str::to_owned)),
            p.registration_date
                .or_else(|| current.organizer.registered_on()),
        ),
    };
    let fields = checked(ConferenceInput {
        title: p.title.unwrap_or_else(|| current.title.clone()),
        kind: p.kind.unwrap_or(current.kind),
        starts_at: p.starts_at.unwrap_or_else(|| local(current.starts_at)),
        ends_at: p.ends_at.unwrap_or_else(|| local(current.ends_at)),
        time_zone: Some(p.time_zone.unwrap_or_else(|| tz.name().to_owned())),
        venue: p.venue.unwrap_or_else(|| current.venue.clone()),
        topics: p.topics.unwrap_or_else(|| current.topics.clone()),
        speakers: p.speakers.unwrap_or_else(|| current.speakers.clone()),
        organizer: Some(organizer),
        organizer_name,
        registration_date,
    })?;
    let new_zone: chrono_tz::Tz = fields.time_zone.parse().unwrap_or(tz);
    let new_day = fields
        .starts_at
        .and_utc()
        .with_timezone(&new_zone)
        .date_naive();
    if new_day != current.day() {
        check_attendees_covered(conn, &current, new_day)?;
    }
    let speakers: Vec<String> = serde_json::from_str(&fields.speakers).unwrap_or_default();
    let changes = Changes::new()
        .diff("title", &current.title, &fields.title)
        .diff("kind", &current.kind.as_str().to_owned(), &fields.kind)
        .diff(
            "starts_at",
            &current.starts_at.naive_utc(),
            &fields.starts_at,
        )
        .diff("ends_at", &current.ends_at.naive_utc(), &fields.ends_at)
        .diff("time_zone", &tz.name().to_owned(), &fields.time_zone)
        .diff("venue", &current.venue, &fields.venue)
        .diff("topics", &current.topics, &fields.topics)
        .diff("speakers", &current.speakers, &speakers)
        .diff(
            "organizer",
            &current.organizer.kind().as_str().to_owned(),
            &fields.organizer_kind,
        )
        .diff(
            "organizer_name",
            &current.organizer.name().map(str::to_owned),
            &fields.organizer_name,
        )
        .diff(
            "registration_date",
            &current.organizer.registered_on(),
            &fields.registration_date,
        );
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let c = db::conference::update(conn, id, current.version, Some(&fields), None, db::now())?
        .ok_or(ApiError::PreconditionFailed {
            current: current.version,
        })?;
    Ok(Audited::new(
        c,
        AuditEvent::new("update", RecordKind::PressConference, id.get(), changes),
    ))
}

/// Announces (from then on it is in the public feed), completes (held) or
/// cancels a press conference.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn transition(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
    action: ConferenceAction,
    note: Option<String>,
) -> ApiResult<Audited<PressConference>> {
    let current = for_change(conn, caller, id)?;
    let (c, entry) = apply_action(conn, &current, action, note, caller.role)?;
    Ok(Audited::new(c, entry))
}

pub(crate) fn insert(
    conn: &mut AnyConnection,
    fields: &db::conference::Fields,
    by: Option<UserId>,
) -> ApiResult<(PressConference, AuditEvent)> {
    let reference = db::references::next(conn, Series::PressConference, year())?;
    let c = db::conference::insert(conn, fields, &reference, by, db::now())?;
    let changes = Changes::new()
        .set("reference", &c.reference)
        .set("title", &c.title)
        .set("kind", c.kind)
        .set("starts_at", c.starts_at)
        .set("venue", &c.venue)
        .set("speakers", &c.speakers)
        .set("organizer", c.organizer.kind())
        .set("organizer_name", c.organizer.name())
        .set("registration_date", c.organizer.registered_on());
    let entry = AuditEvent::new("create", RecordKind::PressConference, c.id.get(), changes);
    Ok((c, entry))
}

pub(crate) fn apply_action(
    conn: &mut AnyConnection,
    current: &PressConference,
    action: ConferenceAction,
    note: Option<String>,
    role: Role,
) -> ApiResult<(PressConference, AuditEvent)> {
    let to = super::go(
        current.decide(action, role),
        action,
        role,
        "press conference",
    )?;
    let c = db::conference::update(conn, current.id, current.version, None, Some(to), db::now())?
        .ok_or(ApiError::PreconditionFailed {
        current: current.version,
    })?;
    let changes = Changes::new().diff("status", &current.status, &to);
    Ok((
        c,
        AuditEvent::new(
            action.as_str(),
            RecordKind::PressConference,
            current.id.get(),
            changes,
        )
        .with_note(note),
    ))
}

/// The press conferences the public sees, between `from` and `to`: those
/// ever announced (announced, held, or cancelled after their announcement,
/// as the public feed has them), soonest first. No caller: nothing of a
/// conference is personal, and one never announced is not among them.
#[tracing::instrument(level = "debug", skip_all)]
pub fn public(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<PressConference>> {
    let filter = db::conference::Filter {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut found: Vec<PressConference> = db::conference::list(conn, &filter, None, max)?
        .into_iter()
        .filter(|c| c.announced_at.is_some())
        .collect();
    found.sort_by_key(|c| (c.starts_at, c.id));
    Ok(found)
}
