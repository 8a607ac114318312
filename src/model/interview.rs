//! Leaders' interviews with the press: each change as one operation with
//! its audit entry.

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
