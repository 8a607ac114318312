//! What each change on the press side writes, the rules it must meet, and
//! its audit entry.

use std::str::FromStr;

use chrono::Datelike;
use chrono_tz::Tz;

use crate::db::accreditation::{self as acc_db, ActivityFields, StateChanges};
use crate::db::conference::Attendee;
use crate::db::reporter::ReporterFields;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AccreditationId, ReporterId, UnitId, UserId};
use crate::domain::itinerary::{ItemStatus, check_span};
use crate::domain::press::{
    self as rules, Accreditation, AccreditationAction, AccreditationStatus as S, ConferenceAction,
    ConferenceStatus, Interview, InterviewAction, Need, PressActivity, PressConference, Reporter,
};
use crate::domain::reference::Series;
use crate::domain::review::SecurityReview;
use crate::domain::role::Role;
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};

fn year() -> i32 {
    db::now().with_timezone(&PROVINCE_TZ).year()
}

pub fn create_reporter(
    conn: &mut AnyConnection,
    fields: &ReporterFields,
) -> ApiResult<(Reporter, AuditEvent)> {
    let reporter = db::reporter::insert(conn, fields, db::now())?;
    let mut changes = Changes::new()
        .set("full_name", &fields.full_name)
        .set("nationality", &fields.nationality)
        .set("outlet", &fields.outlet)
        .set("outlet_country", &fields.outlet_country)
        .set("position", &fields.position);
    for (key, value) in [
        ("passport_number", &fields.passport_number),
        ("press_card_number", &fields.press_card_number),
        ("email", &fields.email),
        ("phone", &fields.phone),
    ] {
        if let Some(value) = value {
            changes = changes.set(key, value);
        }
    }
    let entry = AuditEvent::new("create", RecordKind::Reporter, reporter.id.get(), changes);
    Ok((reporter, entry))
}

/// Every reporter named must exist.
fn check_reporters(conn: &mut AnyConnection, ids: &[ReporterId]) -> ApiResult<Vec<Reporter>> {
    let found = db::reporter::find_many(conn, ids)?;
    if found.len() != ids.len() {
        return Err(ApiError::invalid(
            "reporter_ids",
            "names a reporter that does not exist",
        ));
    }
    Ok(found)
}

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
    if let Some(unit) = fields.organizing_unit_id
        && !db::unit::exists(conn, UnitId(unit))?
    {
        return Err(ApiError::invalid("organizing_unit_id", "no such unit"));
    }
    Ok(())
}

pub fn create_interview(
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

pub fn transition_interview(
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

pub fn create_conference(
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
        .set("speakers", &c.speakers);
    let entry = AuditEvent::new("create", RecordKind::PressConference, c.id.get(), changes);
    Ok((c, entry))
}

pub fn transition_conference(
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

/// A conference moved to another day keeps its foreign attendees covered
/// by an approved accreditation of that day (409 naming how many are not).
pub fn check_attendees_covered(
    conn: &mut AnyConnection,
    c: &PressConference,
    day: chrono::NaiveDate,
) -> ApiResult<()> {
    let mut uncovered = 0;
    for attendee in db::conference::attendees(conn, c.id)? {
        if let Some(reporter_id) = attendee.reporter_id
            && let Some(reporter) = db::reporter::find(conn, reporter_id)?
            && reporter.is_foreign()
            && !acc_db::covers(conn, reporter_id, day)?
        {
            uncovered += 1;
        }
    }
    if uncovered > 0 {
        return Err(ApiError::conflict(format!(
            "{uncovered} foreign attendee(s) hold no approved accreditation covering {day}; remove them or move their accreditation first"
        )));
    }
    Ok(())
}

/// Registers an attendee while the conference is planned or announced
/// (409); a foreign reporter needs an approved accreditation covering the day (422).
pub fn add_attendee(
    conn: &mut AnyConnection,
    c: &PressConference,
    outlet: &str,
    name: &str,
    reporter: Option<ReporterId>,
) -> ApiResult<(Attendee, AuditEvent)> {
    if !matches!(
        c.status,
        ConferenceStatus::Planned | ConferenceStatus::Announced
    ) {
        return Err(ApiError::conflict(
            "attendees are registered while a press conference is planned or announced",
        ));
    }
    if let Some(reporter_id) = reporter {
        let found = db::reporter::find(conn, reporter_id)?
            .ok_or_else(|| ApiError::invalid("reporter_id", "no such reporter"))?;
        if found.is_foreign() && !acc_db::covers(conn, reporter_id, c.day())? {
            return Err(ApiError::invalid(
                "reporter_id",
                "a foreign reporter attends only with an approved accreditation that covers the day",
            ));
        }
    }
    let now = db::now();
    let attendee = db::conference::add_attendee(conn, c.id, outlet, name, reporter, now)?;
    db::conference::touch(conn, c.id, now)?;
    let changes = Changes::new()
        .set("attendee_id", attendee.id)
        .set("outlet", &attendee.outlet)
        .set("name", &attendee.name)
        .set("reporter_id", attendee.reporter_id);
    Ok((
        attendee,
        AuditEvent::new(
            "add_attendee",
            RecordKind::PressConference,
            c.id.get(),
            changes,
        ),
    ))
}
