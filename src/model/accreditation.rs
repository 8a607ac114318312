//! Accreditations of foreign reporters, their security review and their
//! press activities: each change as one operation with its audit entry.

use std::str::FromStr;

use chrono_tz::Tz;

use super::reporter::check_reporters;
use super::year;
use crate::db::accreditation::{self as acc_db, ActivityFields, StateChanges};
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{ReporterId, UserId};
use crate::domain::itinerary::{ItemStatus, check_span};
use crate::domain::press::{
    Accreditation, AccreditationAction, AccreditationStatus as S, Need, PressActivity,
};
use crate::domain::reference::Series;
use crate::domain::review::SecurityReview;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

pub fn create_accreditation(
    conn: &mut AnyConnection,
    fields: &acc_db::Fields,
    reporters: &[ReporterId],
    by: Option<UserId>,
) -> ApiResult<(Accreditation, AuditEvent)> {
    check_reporters(conn, reporters)?;
    let reference = db::references::next(conn, Series::Accreditation, year())?;
    let a = acc_db::insert(conn, fields, reporters, &reference, by, db::now())?;
    let changes = Changes::new()
        .set("reference", &a.reference)
        .set("reporter_ids", &a.reporter_ids)
        .set("topics", &a.topics)
        .set("permitted_places", &a.permitted_places)
        .set("start_date", a.start_date)
        .set("end_date", a.end_date)
        .set("referral_number", &a.referral_number);
    let entry = AuditEvent::new("create", RecordKind::Accreditation, a.id.get(), changes);
    Ok((a, entry))
}

/// Changes an accreditation's fields (while draft or submitted); `None`
/// when nothing would change.
pub fn update_accreditation(
    conn: &mut AnyConnection,
    current: &Accreditation,
    fields: &acc_db::Fields,
    reporters: &[ReporterId],
) -> ApiResult<Option<(Accreditation, AuditEvent)>> {
    if !matches!(current.status, S::Draft | S::Submitted) {
        return Err(ApiError::conflict(
            "an accreditation changes only while it is a draft or submitted",
        ));
    }
    check_reporters(conn, reporters)?;
    let places: Vec<String> = serde_json::from_str(&fields.permitted_places).unwrap_or_default();
    let changes = Changes::new()
        .diff("reporter_ids", &current.reporter_ids, &reporters.to_vec())
        .diff("topics", &current.topics, &fields.topics)
        .diff("permitted_places", &current.permitted_places, &places)
        .diff("start_date", &current.start_date, &fields.start_date)
        .diff("end_date", &current.end_date, &fields.end_date)
        .diff(
            "referral_number",
            &current.referral_number,
            &fields.referral_number,
        )
        .diff(
            "referral_date",
            &current.referral_date,
            &fields.referral_date,
        )
        .diff(
            "escort_officer",
            &current.escort_officer,
            &fields.escort_officer,
        );
    if changes.is_empty() {
        return Ok(None);
    }
    // Its activities must still lie within its dates, at its places.
    let proposed = Accreditation {
        start_date: fields.start_date,
        end_date: fields.end_date,
        permitted_places: places.clone(),
        ..current.clone()
    };
    let stranded = acc_db::activities(conn, current.id)?
        .into_iter()
        .filter(|a| a.status != ItemStatus::Cancelled)
        .filter(|a| {
            check_span(
                a.starts_at,
                a.ends_at,
                a.time_zone,
                proposed.start_date,
                proposed.end_date,
            )
            .is_err()
                || !proposed.permits_place(&a.place.name)
        })
        .count();
    if stranded > 0 {
        return Err(ApiError::conflict(format!(
            "{stranded} activit(y/ies) would lie outside the new dates or permitted places; move or cancel them first"
        )));
    }
    if reporters != current.reporter_ids.as_slice() {
        acc_db::set_reporters(conn, current.id, reporters)?;
    }
    let now = db::now();
    let mut a = acc_db::update(
        conn,
        current.id,
        current.version,
        Some(fields),
        &StateChanges::default(),
        now,
    )?
    .ok_or(ApiError::PreconditionFailed {
        current: current.version,
    })?;
    // What the police reviewed changed: the review needs another look, and
    // approval waits for it.
    let changed = changes.clone().into_value();
    let reviewed_matter = ["reporter_ids", "start_date", "end_date", "permitted_places"];
    if current.review.reviewed_at.is_some()
        && reviewed_matter.iter().any(|k| changed.get(*k).is_some())
    {
        acc_db::mark_schedule_changed(conn, current.id, now)?;
        a = acc_db::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    }
    Ok(Some((
        a,
        AuditEvent::new(
            "update",
            RecordKind::Accreditation,
            current.id.get(),
            changes,
        ),
    )))
}

/// Takes a workflow action as `role`; revoking also flags the open
/// interviews the accreditation covered (an entry for each).
pub fn transition_accreditation(
    conn: &mut AnyConnection,
    current: &Accreditation,
    action: AccreditationAction,
    note: Option<String>,
    role: Role,
) -> ApiResult<(Accreditation, Vec<AuditEvent>)> {
    let to = super::go(current.decide(action, role), action, role, "accreditation")?;
    current
        .check_needs(action, note.as_deref())
        .map_err(|need| match need {
            Need::Field(field, message) => ApiError::invalid(field, message),
            Need::Condition(why) => ApiError::conflict(why),
        })?;
    let now = db::now();
    let state = StateChanges {
        status: Some(to.as_str().to_owned()),
        status_note: matches!(to, S::Revoked | S::Rejected | S::Cancelled).then(|| note.clone()),
    };
    let a = acc_db::update(conn, current.id, current.version, None, &state, now)?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    let changes = Changes::new().diff("status", &current.status, &to);
    let mut entries = vec![
        AuditEvent::new(
            action.as_str(),
            RecordKind::Accreditation,
            current.id.get(),
            changes,
        )
        .with_note(note.clone()),
    ];
    if to == S::Revoked {
        for interview in db::interview::flag_revoked(conn, current.id, now)? {
            let changes = Changes::new().set("accreditation_revoked", current.id);
            entries.push(
                AuditEvent::new(
                    "flag_accreditation_revoked",
                    RecordKind::Interview,
                    interview,
                    changes,
                )
                .with_note(note.clone()),
            );
        }
    }
    Ok((a, entries))
}

pub fn review_accreditation(
    conn: &mut AnyConnection,
    current: &Accreditation,
    new: &SecurityReview,
) -> ApiResult<(Accreditation, AuditEvent)> {
    // The version first: its row lock orders two reviews at once.
    acc_db::touch(conn, current.id, db::now(), false)?;
    let changes = super::review::store(conn, acc_db::KIND, current.id.get(), &current.review, new)?;
    let a = acc_db::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    Ok((
        a,
        AuditEvent::new(
            "security_review",
            RecordKind::Accreditation,
            current.id.get(),
            changes,
        ),
    ))
}

/// Plans an activity: while the accreditation is submitted or approved
/// (409), within its dates in the activity's zone and at a permitted place
/// (422).
pub fn add_activity(
    conn: &mut AnyConnection,
    acc: &Accreditation,
    fields: &ActivityFields,
) -> ApiResult<(PressActivity, AuditEvent)> {
    if !acc.takes_activities() {
        return Err(ApiError::conflict(format!(
            "activities are planned while an accreditation is submitted or approved; this one is {}",
            acc.status.as_str()
        )));
    }
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
