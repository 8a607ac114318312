//! A press conference's attendees: who they are, and registering one (a
//! foreign reporter only with an approved accreditation covering the day).

use super::{AttendeeInput, for_change, require_writer, visible};
use crate::db::accreditation::{self as acc_db};
use crate::db::conference::Attendee;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{PressConferenceId, ReporterId};
use crate::domain::press::PressConference;
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

/// The attendees of a press conference.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn attendees(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
) -> ApiResult<Vec<Attendee>> {
    visible(conn, caller, id)?;
    db::conference::attendees(conn, id)
}

/// Registers an attendee (Provincial Office); a foreign reporter must hold
/// an approved accreditation covering the day.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn register_attendee(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
    input: AttendeeInput,
) -> ApiResult<Audited<Attendee>> {
    let c = for_change(conn, caller, id)?;
    require_writer(caller)?;
    let (attendee, entry) = insert_attendee(
        conn,
        &c,
        input.outlet.trim(),
        input.name.trim(),
        input.reporter_id,
    )?;
    Ok(Audited::new(attendee, entry))
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
pub(crate) fn insert_attendee(
    conn: &mut AnyConnection,
    c: &PressConference,
    outlet: &str,
    name: &str,
    reporter: Option<ReporterId>,
) -> ApiResult<(Attendee, AuditEvent)> {
    if !c.status.open_to_changes() {
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
