//! Press conferences and their attendees: each change as one operation
//! with its audit entry.


use super::year;
use crate::db::accreditation::{self as acc_db};
use crate::db::conference::Attendee;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{ReporterId, UserId};
use crate::domain::press::{ConferenceAction, ConferenceStatus, PressConference};
use crate::domain::reference::Series;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

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
