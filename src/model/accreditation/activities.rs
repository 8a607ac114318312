//! An accreditation's press activities: planning one, changing one,
//! cancelling one (it stays, marked cancelled, in the schedule and the
//! feeds) — each one operation on the accreditation, with its audit entry.

use std::str::FromStr;

use chrono_tz::Tz;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::{for_change, visible};
use crate::db::accreditation::{self as acc_db, ActivityFields};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::itinerary::{EntryPlan, ItemStatus, check_span};
use crate::domain::press::{
    Accreditation, AccreditationStatus as S, ActivityKind, ActivityRefusal, PressActivity,
    activity_open,
};
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};
use crate::model::itinerary::entry::{EntryInput, PlaceView, changed, planned};
use crate::model::reporter::require_foreign_affairs;

/// Fields of an activity to change; absent fields stay as they are. The
/// same rules as planning one hold for the result. To cancel it, take the
/// `cancel` action instead (it stays, marked).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityPatch {
    /// `2026-12-01T09:00` in `time_zone`, or RFC 3339 with an offset.
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64, example = "2026-12-01T09:00")]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64, example = "2026-12-01T11:00")]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub ends_at: Option<String>,
    /// IANA zone; absent: the activity's own. Times not given are kept as
    /// instants and checked in the new zone.
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64, example = "Asia/Ho_Chi_Minh")]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub time_zone: Option<String>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub kind: Option<ActivityKind>,
    #[validate(length(min = 1, max = 500))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub title: Option<String>,
    #[validate(nested)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub place: Option<PlaceView>,
    /// Empty: none.
    #[validate(length(max = 2000))]
    #[schema(nullable = false, max_length = 2000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub participants: Option<String>,
    /// Empty: none.
    #[validate(length(max = 200))]
    #[schema(nullable = false, max_length = 200)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub escort_officer: Option<String>,
}

/// An accreditation's activities, in order of start (cancelled ones
/// included, marked).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn activities(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
) -> ApiResult<Vec<PressActivity>> {
    visible(conn, caller, id)?;
    acc_db::activities(conn, id)
}

/// Plans an activity (Sở Ngoại vụ) within the accreditation's dates, in its
/// own zone, and at a permitted place.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn plan(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    input: EntryInput<ActivityKind>,
) -> ApiResult<Audited<PressActivity>> {
    let acc = for_change(conn, caller, id)?;
    require_foreign_affairs(caller, "plan press activities")?;
    let plan = planned(input, acc.start_date, acc.end_date)?;
    let fields = ActivityFields::from(plan);
    let (activity, entry) = insert_activity(conn, &acc, &fields)?;
    Ok(Audited::new(activity, entry))
}

/// The accreditation (locked) and its activity, if `caller` may change or
/// cancel it now: 404 for what the caller may not see or that is not
/// there, 403 for a role that does not write accreditations, 409 when the
/// accreditation or the activity is closed, 412 when `if_match` is not the
/// activity's version.
fn open_activity(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    activity_id: PressActivityId,
    if_match: Option<i64>,
) -> ApiResult<(Accreditation, PressActivity)> {
    let acc = for_change(conn, caller, id)?;
    let activity = acc_db::find_activity(conn, id, activity_id)?.ok_or(ApiError::NotFound)?;
    match activity_open(&acc, &activity, caller.role) {
        Ok(()) => {}
        Err(ActivityRefusal::Role) => {
            require_foreign_affairs(caller, "change press activities")?;
            return Err(ApiError::forbidden("you may not change press activities"));
        }
        Err(ActivityRefusal::Accreditation(status)) => return Err(closed(status)),
        Err(ActivityRefusal::Activity(status)) => {
            return Err(ApiError::conflict(format!(
                "this activity is {}; only a planned activity changes or is cancelled",
                status.as_str()
            )));
        }
    }
    db::check_version(if_match, activity.version)?;
    Ok((acc, activity))
}

/// The 409 of an accreditation that takes no activities in `status`.
fn closed(status: S) -> ApiError {
    ApiError::conflict(format!(
        "activities are planned while an accreditation is submitted or approved; this one is {}",
        status.as_str()
    ))
}

/// Changes an activity (Sở Ngoại vụ): the result must hold as a new one
/// would — within the accreditation's dates in its zone, at a permitted
/// place (422 naming the field).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id, activity = %activity_id))]
pub fn change_activity(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    activity_id: PressActivityId,
    if_match: Option<i64>,
    patch: ActivityPatch,
) -> ApiResult<Audited<PressActivity>> {
    let (acc, current) = open_activity(conn, caller, id, activity_id, if_match)?;
    let plan = changed(
        EntryPlan::from(&current),
        patch,
        acc.start_date,
        acc.end_date,
    )?;
    let fields = ActivityFields::from(plan);
    check_activity(&acc, &fields)?;
    Ok(
        match rewrite_activity(conn, &acc, &current, &fields, "update_activity", None)? {
            Some((activity, entry)) => Audited::new(activity, entry),
            None => Audited::unchanged(current),
        },
    )
}

/// Cancels an activity (Sở Ngoại vụ), with an optional note: it stays,
/// marked cancelled, on the accreditation, in the schedule and in the
/// feeds (`STATUS:CANCELLED`), so that whoever follows the week sees it
/// was called off.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id, activity = %activity_id))]
pub fn cancel_activity(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    activity_id: PressActivityId,
    if_match: Option<i64>,
    note: Option<String>,
) -> ApiResult<Audited<PressActivity>> {
    let (acc, current) = open_activity(conn, caller, id, activity_id, if_match)?;
    let fields = ActivityFields {
        status: ItemStatus::Cancelled.as_str().to_owned(),
        ..ActivityFields::from(&current)
    };
    let (activity, entry) =
        rewrite_activity(conn, &acc, &current, &fields, "cancel_activity", note)?
            .ok_or_else(|| ApiError::internal("a cancellation that changed nothing"))?;
    Ok(Audited::new(activity, entry))
}

/// What an activity must be to stand on its accreditation: within its
/// dates in the activity's zone (422 on `starts_at` / `ends_at`), at one
/// of its permitted places (422 on `place.name`).
fn check_activity(acc: &Accreditation, fields: &ActivityFields) -> ApiResult<()> {
    let zone = Tz::from_str(&fields.time_zone)
        .map_err(|_| ApiError::invalid("time_zone", "is not a known time zone"))?;
    check_span(
        fields.starts_at.and_utc(),
        fields.ends_at.and_utc(),
        zone,
        acc.start_date,
        acc.end_date,
    )
    .map_err(|(field, message)| ApiError::invalid(field, message))?;
    if !acc.permits_place(&fields.place_name) {
        return Err(ApiError::invalid(
            "place.name",
            format!(
                "must be one of the accreditation's permitted places: {}",
                acc.permitted_places.join("; ")
            ),
        ));
    }
    Ok(())
}

/// Writes the activity's new fields, makes it a change of the accreditation
/// (a new version; once approved, the mark that the police should look
/// again) and says what changed; `None` when nothing would.
fn rewrite_activity(
    conn: &mut AnyConnection,
    acc: &Accreditation,
    current: &PressActivity,
    fields: &ActivityFields,
    action: &'static str,
    note: Option<String>,
) -> ApiResult<Option<(PressActivity, AuditEvent)>> {
    let changes = Changes::between(&ActivityFields::from(current), fields);
    if changes.is_empty() {
        return Ok(None);
    }
    let now = db::now();
    let activity = acc_db::update_activity(conn, current, fields, now)?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    acc_db::touch(conn, acc.id, now, acc.status == S::Approved)?;
    let changes = changes.set("activity_id", current.id);
    Ok(Some((
        activity,
        AuditEvent::new(action, RecordKind::Accreditation, acc.id.get(), changes).with_note(note),
    )))
}

/// Plans an activity: while the accreditation is submitted or approved
/// (409), within its dates in the activity's zone and at a permitted place
/// (422).
pub(crate) fn insert_activity(
    conn: &mut AnyConnection,
    acc: &Accreditation,
    fields: &ActivityFields,
) -> ApiResult<(PressActivity, AuditEvent)> {
    if !acc.takes_activities() {
        return Err(closed(acc.status));
    }
    check_activity(acc, fields)?;
    let now = db::now();
    let activity = acc_db::insert_activity(conn, acc.id, fields, now)?;
    acc_db::touch(conn, acc.id, now, acc.status == S::Approved)?;
    let changes = Changes::new()
        .set("activity_id", activity.id)
        .set("starts_at", activity.starts_at)
        .set("ends_at", activity.ends_at)
        .set("title", &activity.title)
        .set("place_name", &activity.place.name);
    Ok((
        activity,
        AuditEvent::new(
            "add_activity",
            RecordKind::Accreditation,
            acc.id.get(),
            changes,
        ),
    ))
}
