//! Press conferences: each change as one operation with its audit entry;
//! the attendees' operations are in `attendees`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

mod attendees;

pub(crate) use attendees::insert_attendee;
pub use attendees::{attendees, check_attendees_covered, register_attendee};

use super::itinerary::zone;
use super::reporter::require_press;
use super::year;
use crate::db::Audited;
use crate::db::conference::Fields;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::PressConferenceId;
use crate::domain::ids::{ReporterId, UserId};
use crate::domain::itinerary::parse_time;
use crate::domain::pagination::Limit;
use crate::domain::press::{ConferenceAction, PressConference};
use crate::domain::press::{ConferenceKind, Organizer, OrganizerKind};
use crate::domain::reference::Series;
use crate::domain::role::Caller;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferenceInput {
    #[validate(length(min = 1, max = 500))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Họp báo định kỳ quý IV năm 2026"
    )]
    pub title: String,
    pub kind: ConferenceKind,
    /// `2026-12-01T09:00` in `time_zone`, or RFC 3339 with an offset.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub starts_at: String,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub ends_at: String,
    /// IANA zone; default `Asia/Ho_Chi_Minh`.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300, example = "Hội trường UBND tỉnh")]
    pub venue: String,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: String,
    #[validate(length(max = 20))]
    #[schema(value_type = Vec<super::input::SpeakerNameDoc>, max_items = 20)]
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Who holds it: `province` (the Provincial Office, a department;
    /// the default) or `foreign_body` (an embassy, consulate, foreign
    /// organisation or enterprise), which registers it with the province.
    pub organizer: Option<OrganizerKind>,
    /// A foreign body's name (required for `foreign_body`, absent otherwise).
    #[validate(length(max = 300))]
    #[schema(max_length = 300, example = "Đại sứ quán Nhật Bản")]
    pub organizer_name: Option<String>,
    /// The day a foreign body's registration reached the province
    /// (required for `foreign_body`, absent otherwise).
    #[validate(custom(function = "super::input::check_date"))]
    pub registration_date: Option<NaiveDate>,
}

fn checked(input: ConferenceInput) -> ApiResult<Fields> {
    // `validator` counts spaces as characters: a title of spaces alone
    // would be stored empty once trimmed.
    for (field, value) in [
        ("title", &input.title),
        ("venue", &input.venue),
        ("topics", &input.topics),
    ] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid(field, "must not be empty"));
        }
    }
    let tz = zone(input.time_zone.as_deref())?;
    let starts = parse_time(&input.starts_at, tz).map_err(|m| ApiError::invalid("starts_at", m))?;
    let ends = parse_time(&input.ends_at, tz).map_err(|m| ApiError::invalid("ends_at", m))?;
    if ends <= starts {
        return Err(ApiError::invalid("ends_at", "must be after starts_at"));
    }
    let organizer = Organizer::parse(
        input.organizer.unwrap_or_default(),
        input.organizer_name.as_deref(),
        input.registration_date,
    )
    .map_err(|e| ApiError::Invalid(vec![e]))?;
    let mut speakers = Vec::new();
    for (i, s) in input.speakers.iter().enumerate() {
        let too_long = s.chars().count() > 200;
        let s = s.trim();
        if s.is_empty() || too_long {
            return Err(ApiError::invalid(
                &format!("speakers[{i}]"),
                "must be 1 to 200 characters",
            ));
        }
        speakers.push(s.to_owned());
    }
    Ok(Fields {
        title: input.title.trim().to_owned(),
        kind: input.kind.as_str().to_owned(),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: tz.name().to_owned(),
        venue: input.venue.trim().to_owned(),
        topics: input.topics.trim().to_owned(),
        speakers: Fields::speakers(&speakers),
        organizer_kind: String::new(),
        organizer_name: None,
        registration_date: None,
    }
    .with_organizer(&organizer))
}

/// Fields to change while planned or announced; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferencePatch {
    #[validate(length(min = 1, max = 500))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub kind: Option<ConferenceKind>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub ends_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(nullable = false, min_length = 1, max_length = 300)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub venue: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(nullable = false, min_length = 1, max_length = 2000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub topics: Option<String>,
    #[validate(length(max = 20))]
    #[schema(nullable = false, value_type = Option<Vec<super::input::SpeakerNameDoc>>, max_items = 20)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub speakers: Option<Vec<String>>,
    /// `province` drops a foreign body's name and date; `foreign_body`
    /// needs both (given here or already on the conference).
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub organizer: Option<OrganizerKind>,
    #[validate(length(max = 300))]
    #[schema(nullable = false, max_length = 300)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub organizer_name: Option<String>,
    #[validate(custom(function = "super::input::check_date"))]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub registration_date: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Báo Hòa Bình")]
    pub outlet: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// For a foreign reporter: who must hold an approved accreditation covering the day.
    pub reporter_id: Option<ReporterId>,
}

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
