//! Leaders' interviews with the press: each change as one operation with
//! its audit entry.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::input::trimmed;
use super::itinerary::zone;
use super::reporter::require_press;
use crate::db::Audited;
use crate::db::interview::Fields;
use crate::domain::ids::InterviewId;
use crate::domain::itinerary::parse_time;
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;
use std::str::FromStr;

use chrono_tz::Tz;

use super::reporter::check_reporters;
use super::year;
use crate::db::accreditation::{self as acc_db};
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AccreditationId, ReporterId, UnitId, UserId};
use crate::domain::press::{self as rules, Interview, InterviewAction};
use crate::domain::reference::Series;
use crate::domain::role::Role;
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Nguyễn Văn Chương")]
    pub interviewee_name: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Phó Chủ tịch UBND tỉnh")]
    pub interviewee_position: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "NHK")]
    pub outlet: String,
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    #[serde(default)]
    pub reporter_ids: Vec<ReporterId>,
    /// Required when a reporter is foreign: an approved accreditation naming them that covers the day.
    pub accreditation_id: Option<AccreditationId>,
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
    #[schema(min_length = 1, max_length = 300)]
    pub place: String,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: String,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub questions: Option<String>,
    pub organizing_unit_id: Option<UnitId>,
}

/// Reads an interview's input into stored fields (its times in its zone);
/// the rules between records are `model::interview::check_interview`'s.
fn checked(input: InterviewInput) -> ApiResult<(Fields, Vec<ReporterId>)> {
    // `validator` counts spaces as characters: a name of spaces alone
    // would be stored empty once trimmed.
    for (field, value) in [
        ("interviewee_name", &input.interviewee_name),
        ("interviewee_position", &input.interviewee_position),
        ("outlet", &input.outlet),
        ("place", &input.place),
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
    let mut ids = input.reporter_ids.clone();
    ids.sort();
    ids.dedup();
    let fields = Fields {
        interviewee_name: input.interviewee_name.trim().to_owned(),
        interviewee_position: input.interviewee_position.trim().to_owned(),
        outlet: input.outlet.trim().to_owned(),
        accreditation_id: input.accreditation_id.map(AccreditationId::get),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: tz.name().to_owned(),
        place: input.place.trim().to_owned(),
        topics: input.topics.trim().to_owned(),
        questions: trimmed(input.questions),
        organizing_unit_id: input.organizing_unit_id.map(UnitId::get),
    };
    Ok((fields, ids))
}

/// Fields to change while requested or approved; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewPatch {
    #[validate(length(min = 1, max = 200))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub interviewee_name: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub interviewee_position: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub outlet: Option<String>,
    #[validate(length(max = 20))]
    #[schema(nullable = false, max_items = 20)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub reporter_ids: Option<Vec<ReporterId>>,
    /// `null` takes the accreditation off (once no foreign reporter is left).
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<AccreditationId>)]
    pub accreditation_id: Option<Option<AccreditationId>>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub ends_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(nullable = false, min_length = 1, max_length = 300)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub place: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(nullable = false, min_length = 1, max_length = 2000)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub topics: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(nullable = false, max_length = 20000)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub questions: Option<String>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub organizing_unit_id: Option<UnitId>,
}

/// The interview `id` for a caller who sees the press side; 404 otherwise.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn visible(conn: &mut AnyConnection, caller: Caller, id: InterviewId) -> ApiResult<Interview> {
    require_press(caller)?;
    db::interview::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// [`visible`] for a change: the row is locked first, so that the change is
/// decided on the record as the previous change left it.
fn for_change(conn: &mut AnyConnection, caller: Caller, id: InterviewId) -> ApiResult<Interview> {
    require_press(caller)?;
    db::interview::lock(conn, id)?;
    visible(conn, caller, id)
}

fn require_writer(caller: Caller) -> ApiResult<()> {
    super::reporter::require_role(caller, rules::writes_interviews, "arrange interviews")
}

/// Whether [`update`] is open to `role` on `i` as it stands (what a page
/// offers: the link to the edit form); the operation decides again.
pub fn editable(i: &Interview, role: Role) -> bool {
    rules::writes_interviews(role) && i.status.open_to_changes()
}

/// A page of the interviews matching `filter`.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    filter: &db::interview::Filter,
    after: Option<db::interview::Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Interview>> {
    require_press(caller)?;
    db::interview::list(conn, filter, after, limit)
}

/// Requests an interview (Provincial Office, or Sở Ngoại vụ for foreign reporters).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: InterviewInput,
) -> ApiResult<Audited<Interview>> {
    require_press(caller)?;
    require_writer(caller)?;
    let (fields, reporters) = checked(input)?;
    let (i, entry) = insert(conn, &fields, &reporters, Some(caller.id))?;
    Ok(Audited::new(i, entry))
}

/// Changes an interview while it is requested or approved.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: InterviewId,
    if_match: Option<i64>,
    p: InterviewPatch,
) -> ApiResult<Audited<Interview>> {
    let current = for_change(conn, caller, id)?;
    require_writer(caller)?;
    if !current.status.open_to_changes() {
        return Err(ApiError::conflict(
            "an interview changes only while it is requested or approved",
        ));
    }
    db::check_version(if_match, current.version)?;
    let tz = current.time_zone;
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    let input = InterviewInput {
        interviewee_name: p
            .interviewee_name
            .unwrap_or_else(|| current.interviewee_name.clone()),
        interviewee_position: p
            .interviewee_position
            .unwrap_or_else(|| current.interviewee_position.clone()),
        outlet: p.outlet.unwrap_or_else(|| current.outlet.clone()),
        reporter_ids: p
            .reporter_ids
            .unwrap_or_else(|| current.reporter_ids.clone()),
        accreditation_id: p.accreditation_id.unwrap_or(current.accreditation_id),
        starts_at: p.starts_at.unwrap_or_else(|| local(current.starts_at)),
        ends_at: p.ends_at.unwrap_or_else(|| local(current.ends_at)),
        time_zone: Some(p.time_zone.unwrap_or_else(|| tz.name().to_owned())),
        place: p.place.unwrap_or_else(|| current.place.clone()),
        topics: p.topics.unwrap_or_else(|| current.topics.clone()),
        questions: p.questions.or_else(|| current.questions.clone()),
        organizing_unit_id: p.organizing_unit_id.or(current.organizing_unit_id),
    };
    let (fields, reporters) = checked(input)?;
    check_interview(conn, &fields, &reporters)?;
    let changes = Changes::new()
        .diff(
            "interviewee_name",
            &current.interviewee_name,
            &fields.interviewee_name,
        )
        .diff(
            "interviewee_position",
            &current.interviewee_position,
            &fields.interviewee_position,
        )
        .diff("outlet", &current.outlet, &fields.outlet)
        .diff("reporter_ids", &current.reporter_ids, &reporters)
        .diff(
            "accreditation_id",
            &current.accreditation_id.map(AccreditationId::get),
            &fields.accreditation_id,
        )
        .diff(
            "starts_at",
            &current.starts_at.naive_utc(),
            &fields.starts_at,
        )
        .diff("ends_at", &current.ends_at.naive_utc(), &fields.ends_at)
        .diff("time_zone", &tz.name().to_owned(), &fields.time_zone)
        .diff("place", &current.place, &fields.place)
        .diff("topics", &current.topics, &fields.topics)
        .diff("questions", &current.questions, &fields.questions)
        .diff(
            "organizing_unit_id",
            &current.organizing_unit_id.map(UnitId::get),
            &fields.organizing_unit_id,
        );
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    if reporters != current.reporter_ids {
        db::interview::set_reporters(conn, id, &reporters)?;
    }
    let i = db::interview::update(conn, id, current.version, Some(&fields), None, db::now())?
        .ok_or(ApiError::PreconditionFailed {
            current: current.version,
        })?;
    Ok(Audited::new(
        i,
        AuditEvent::new("update", RecordKind::Interview, id.get(), changes),
    ))
}

/// Approves (Provincial Office), completes or cancels an interview.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn transition(
    conn: &mut AnyConnection,
    caller: Caller,
    id: InterviewId,
    action: InterviewAction,
    note: Option<String>,
) -> ApiResult<Audited<Interview>> {
    let current = for_change(conn, caller, id)?;
    let (i, entry) = apply_action(conn, &current, action, note, caller.role)?;
    Ok(Audited::new(i, entry))
}

/// An interview's rules: its reporters exist; foreign ones are covered by
/// the approved accreditation it names; its organising unit exists.
pub fn check_interview(
    conn: &mut AnyConnection,
    fields: &db::interview::Fields,
    reporters: &[ReporterId],
) -> ApiResult<()> {
    let found = check_reporters(conn, reporters)?;
    let accreditation = match fields.accreditation_id {
        Some(id) => Some(
            acc_db::find(conn, AccreditationId(id))?
                .ok_or_else(|| ApiError::invalid("accreditation_id", "no such accreditation"))?,
        ),
        None => None,
    };
    let foreign: Vec<ReporterId> = found
        .iter()
        .filter(|r| r.is_foreign())
        .map(|r| r.id)
        .collect();
    let zone = Tz::from_str(&fields.time_zone).unwrap_or(PROVINCE_TZ);
    let day = fields.starts_at.and_utc().with_timezone(&zone).date_naive();
    rules::check_interview_accreditation(&foreign, accreditation.as_ref(), day)
        .map_err(|m| ApiError::invalid("accreditation_id", m))?;
    if let Some(unit) = fields.organizing_unit_id {
        super::unit::require_open(conn, "organizing_unit_id", UnitId(unit))?;
    }
    Ok(())
}

pub(crate) fn insert(
    conn: &mut AnyConnection,
    fields: &db::interview::Fields,
    reporters: &[ReporterId],
    by: Option<UserId>,
) -> ApiResult<(Interview, AuditEvent)> {
    check_interview(conn, fields, reporters)?;
    let reference = db::references::next(conn, Series::Interview, year())?;
    let i = db::interview::insert(conn, fields, reporters, &reference, by, db::now())?;
    let changes = Changes::new()
        .set("reference", &i.reference)
        .set("interviewee_name", &i.interviewee_name)
        .set("outlet", &i.outlet)
        .set("reporter_ids", &i.reporter_ids)
        .set("accreditation_id", i.accreditation_id)
        .set("starts_at", i.starts_at)
        .set("place", &i.place);
    let entry = AuditEvent::new("create", RecordKind::Interview, i.id.get(), changes);
    Ok((i, entry))
}

pub(crate) fn apply_action(
    conn: &mut AnyConnection,
    current: &Interview,
    action: InterviewAction,
    note: Option<String>,
    role: Role,
) -> ApiResult<(Interview, AuditEvent)> {
    let to = super::go(current.decide(action, role), action, role, "interview")?;
    let i = db::interview::update(conn, current.id, current.version, None, Some(to), db::now())?
        .ok_or(ApiError::PreconditionFailed {
            current: current.version,
        })?;
    let changes = Changes::new().diff("status", &current.status, &to);
    Ok((
        i,
        AuditEvent::new(
            action.as_str(),
            RecordKind::Interview,
            current.id.get(),
            changes,
        )
        .with_note(note),
    ))
}
