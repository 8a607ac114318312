//! Demo press side: reporters, their accreditations with activities,
//! leaders' interviews and press conferences, each record in its own
//! transaction with every audit entry, through `crate::model`.
//!
//! The story runs in the order it happened: accreditations are opened
//! (registered, reviewed, decided), then the interviews and press
//! conferences that need them approved are arranged, then the finished
//! ones are completed or revoked. Each step looks first at what is there,
//! so a second load adds nothing and an interrupted one picks up.

use chrono::NaiveDate;

use super::press_calendar::conferences;
use super::press_effects::{self as fx, refused};
use super::press_events;
use super::press_interviews::INTERVIEWS;
use super::press_lookup::{find_accreditation, find_reporter, reporter_ids};
use super::press_people::{ACCREDITATIONS, REPORTERS};
use super::press_spec::{AccSpec, AccStep, Close, InterviewSpec, POLICE_OFFICER, rows};
use crate::db::reporter::ReporterFields;
use crate::db::{self, Actor, AnyConnection, Audited, Db};
use crate::domain::audit::AuditEvent;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::press::{AccreditationAction as A, AccreditationStatus};
use crate::domain::role::Role;
use crate::domain::time::province_today;
use crate::error::{ApiError, ApiResult};

/// What one load made.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub reporters: usize,
    pub accreditations: usize,
    pub interviews: usize,
    pub conferences: usize,
}

/// Who acts: the demo users and units where they exist.
pub(super) struct Cast {
    pub today: NaiveDate,
    pub foreign_affairs: Option<UserId>,
    pub office: Option<UserId>,
    pub police: Option<UserId>,
    pub foreign_affairs_unit: UnitId,
    pub office_unit: UnitId,
}

fn user(conn: &mut AnyConnection, username: &str) -> ApiResult<Option<UserId>> {
    Ok(db::user::find_for_login(conn, username)?.map(|(u, _)| u.id))
}

pub(super) fn load(db: &Db, actor: &Actor) -> ApiResult<Counts> {
    let today = province_today();
    let cast = db.read_blocking(|conn| {
        Ok(Cast {
            today,
            foreign_affairs: user(conn, "ngoaivu")?,
            office: user(conn, "vanphong")?,
            police: user(conn, "congan")?,
            foreign_affairs_unit: super::unit_id(conn, "Sở Ngoại vụ")?,
            office_unit: super::unit_id(conn, "Văn phòng UBND tỉnh")?,
        })
    })?;
    let reporters: Vec<ReporterFields> = rows(REPORTERS)
        .map(super::press_spec::reporter)
        .collect::<Result<_, _>>()
        .map_err(ApiError::internal)?;
    let mut counts = Counts::default();
    let write = |f: &mut dyn FnMut(&mut AnyConnection) -> ApiResult<Audited<bool>>| {
        db.write_blocking(actor, f).map(usize::from)
    };
    for fields in &reporters {
        counts.reporters += write(&mut |conn| {
            if find_reporter(conn, &fields.full_name)?.is_some() {
                return Ok(Audited::unchanged(false));
            }
            let (_, entry) = crate::model::reporter::insert(conn, fields)
                .map_err(|e| refused(format_args!("reporter {}", fields.full_name), e))?;
            Ok(Audited::new(true, entry))
        })?;
    }
    let mut specs: Vec<&AccSpec> = ACCREDITATIONS.iter().collect();
    // Older programmes first, so that references run with the calendar.
    specs.sort_by_key(|s| s.starts_in);
    for spec in &specs {
        counts.accreditations += write(&mut |conn| open(conn, spec, &cast))?;
    }
    let mut interviews: Vec<&InterviewSpec> = INTERVIEWS.iter().collect();
    interviews.sort_by_key(|i| (i.starts_in, i.hours));
    for spec in interviews {
        counts.interviews += write(&mut |conn| press_events::interview(conn, spec, &cast))?;
    }
    for c in conferences(today) {
        counts.conferences += write(&mut |conn| press_events::conference(conn, &c, &cast))?;
    }
    counts.conferences += write(&mut |conn| press_events::foreign_conference(conn, &cast))?;
    for spec in &specs {
        write(&mut |conn| close(conn, spec))?;
    }
    Ok(counts)
}

pub(super) fn audited(events: Vec<AuditEvent>) -> ApiResult<Audited<bool>> {
    let mut events = events.into_iter();
    let first = events
        .next()
        .ok_or_else(|| ApiError::internal("no creation event"))?;
    Ok(events.fold(Audited::new(true, first), Audited::and))
}

/// Registers an accreditation and takes it as far as it goes before its
/// interviews and press conferences.
fn open(conn: &mut AnyConnection, spec: &AccSpec, cast: &Cast) -> ApiResult<Audited<bool>> {
    if find_accreditation(conn, spec.referral)?.is_some() {
        return Ok(Audited::unchanged(false));
    }
    let (start, end) = spec.dates(cast.today);
    let places: Vec<String> = spec.places.iter().map(|p| (*p).to_owned()).collect();
    let fields = db::accreditation::Fields {
        topics: spec.topics.to_owned(),
        permitted_places: db::accreditation::Fields::places(&places),
        start_date: start,
        end_date: end,
        referral_number: spec.referral.to_owned(),
        referral_date: spec.referral_date(cast.today),
        escort_officer: Some(spec.escort.to_owned()),
    };
    let ids = reporter_ids(conn, spec.reporters)?;
    let (a, created) =
        crate::model::accreditation::insert(conn, &fields, &ids, cast.foreign_affairs)
            .map_err(|e| refused(format_args!("accreditation {}", spec.referral), e))?;
    let mut events = vec![created];
    let activities = spec.activities(cast.today).map_err(ApiError::internal)?;
    let mut next = activities.iter();
    let fa = Role::ForeignAffairs;
    for step in spec.steps {
        match *step {
            AccStep::Submit => {
                events.extend(fx::accreditation_action(conn, a.id, A::Submit, None, fa)?)
            }
            AccStep::Plan(n) => {
                for fields in next.by_ref().take(n) {
                    events.push(fx::plan(conn, a.id, fields)?);
                }
            }
            AccStep::Review(status, notes) => {
                events.push(fx::review(
                    conn,
                    a.id,
                    status,
                    POLICE_OFFICER,
                    notes,
                    cast.police,
                )?);
            }
            AccStep::Approve => {
                events.extend(fx::accreditation_action(conn, a.id, A::Approve, None, fa)?)
            }
            AccStep::Reject(note) => {
                events.extend(fx::accreditation_action(
                    conn,
                    a.id,
                    A::Reject,
                    Some(note),
                    fa,
                )?);
            }
            AccStep::Cancel(note) => {
                events.extend(fx::accreditation_action(
                    conn,
                    a.id,
                    A::Cancel,
                    Some(note),
                    fa,
                )?);
            }
        }
    }
    audited(events)
}

/// Completes or revokes an accreditation still approved (nothing otherwise).
fn close(conn: &mut AnyConnection, spec: &AccSpec) -> ApiResult<Audited<bool>> {
    let (Some(how), Some(a)) = (spec.close, find_accreditation(conn, spec.referral)?) else {
        return Ok(Audited::unchanged(false));
    };
    if a.status != AccreditationStatus::Approved {
        return Ok(Audited::unchanged(false));
    }
    let events = match how {
        Close::Complete => {
            fx::accreditation_action(conn, a.id, A::Complete, None, Role::ForeignAffairs)?
        }
        Close::Revoke(note) => {
            fx::accreditation_action(conn, a.id, A::Revoke, Some(note), Role::Police)?
        }
    };
    audited(events).map(|x| x.map(|_| false))
}
