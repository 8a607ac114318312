//! Demo press side: reporters, their accreditations with activities,
//! leaders' interviews and press conferences, each record in its own
//! transaction with every audit entry, through `crate::model::press`.
//!
//! The story runs in the order it happened: accreditations are opened
//! (registered, reviewed, decided), then the interviews and press
//! conferences that need them approved are arranged, then the finished
//! ones are completed or revoked. Each step looks first at what is there,
//! so a second load adds nothing and an interrupted one picks up.

use chrono::NaiveDate;

use super::press_calendar::{DOMESTIC_ATTENDEES, INTERVIEWS, VENUE, conferences};
use super::press_effects::{self as fx, refused};
use super::press_people::{ACCREDITATIONS, REPORTERS};
use super::press_spec::{
    AccSpec, AccStep, Close, Conference, ConferenceStep, InterviewSpec, InterviewStep, POLICE_OFFICER,
    rows, span,
};
use crate::db::reporters::{Filter, ReporterFields};
use crate::db::{self, Actor, AnyConnection, Audited, Db};
use crate::domain::audit::AuditEvent;
use crate::domain::ids::{ReporterId, UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::press::{
    Accreditation, AccreditationAction as A, AccreditationStatus, ConferenceAction, InterviewAction,
};
use crate::domain::role::Role;
use crate::domain::text::fold;
use crate::domain::time::{PROVINCE_TZ, province_today};
use crate::error::{ApiError, ApiResult};
use crate::model::press as ops;

/// What one load made.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub reporters: usize,
    pub accreditations: usize,
    pub interviews: usize,
    pub conferences: usize,
}

/// Who acts: the demo users and units where they exist.
struct Cast {
    today: NaiveDate,
    foreign_affairs: Option<UserId>,
    office: Option<UserId>,
    police: Option<UserId>,
    foreign_affairs_unit: UnitId,
    office_unit: UnitId,
}

fn user(conn: &mut AnyConnection, username: &str) -> ApiResult<Option<UserId>> {
    Ok(db::users::find_for_login(conn, username)?.map(|(u, _)| u.id))
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
    let mut write = |f: &mut dyn FnMut(&mut AnyConnection) -> ApiResult<Audited<bool>>| {
        db.write_blocking(actor, f).map(usize::from)
    };
    for fields in &reporters {
        counts.reporters += write(&mut |conn| {
            if find_reporter(conn, &fields.full_name)?.is_some() {
                return Ok(Audited::unchanged(false));
            }
            let (_, entry) = ops::create_reporter(conn, fields)
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
        counts.interviews += write(&mut |conn| interview(conn, spec, &cast))?;
    }
    for c in conferences(today) {
        counts.conferences += write(&mut |conn| conference(conn, &c, &cast))?;
    }
    for spec in &specs {
        write(&mut |conn| close(conn, spec))?;
    }
    Ok(counts)
}

fn audited(events: Vec<AuditEvent>) -> ApiResult<Audited<bool>> {
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
    let fields = db::accreditations::Fields {
        topics: spec.topics.to_owned(),
        permitted_places: db::accreditations::Fields::places(&places),
        start_date: start,
        end_date: end,
        referral_number: spec.referral.to_owned(),
        referral_date: spec.referral_date(cast.today),
        escort_officer: Some(spec.escort.to_owned()),
    };
    let ids = reporter_ids(conn, spec.reporters)?;
    let (a, created) = ops::create_accreditation(conn, &fields, &ids, cast.foreign_affairs)
        .map_err(|e| refused(format_args!("accreditation {}", spec.referral), e))?;
    let mut events = vec![created];
    let activities = spec.activities(cast.today).map_err(ApiError::internal)?;
    let mut next = activities.iter();
    let fa = Role::ForeignAffairs;
    for step in spec.steps {
        match *step {
            AccStep::Submit => events.extend(fx::accreditation_action(conn, a.id, A::Submit, None, fa)?),
            AccStep::Plan(n) => {
                for fields in next.by_ref().take(n) {
                    events.push(fx::plan(conn, a.id, fields)?);
                }
            }
            AccStep::Review(status, notes) => {
                events.push(fx::review(conn, a.id, status, POLICE_OFFICER, notes, cast.police)?);
            }
            AccStep::Approve => events.extend(fx::accreditation_action(conn, a.id, A::Approve, None, fa)?),
            AccStep::Reject(note) => {
                events.extend(fx::accreditation_action(conn, a.id, A::Reject, Some(note), fa)?);
            }
            AccStep::Cancel(note) => {
                events.extend(fx::accreditation_action(conn, a.id, A::Cancel, Some(note), fa)?);
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
        Close::Complete => fx::accreditation_action(conn, a.id, A::Complete, None, Role::ForeignAffairs)?,
        Close::Revoke(note) => fx::accreditation_action(conn, a.id, A::Revoke, Some(note), Role::Police)?,
    };
    audited(events).map(|x| x.map(|_| false))
}

fn interview(conn: &mut AnyConnection, spec: &InterviewSpec, cast: &Cast) -> ApiResult<Audited<bool>> {
    let ids = reporter_ids(conn, spec.reporters)?;
    let known = db::interviews::for_reporter(conn, ids[0])?;
    if known
        .iter()
        .any(|i| i.interviewee_name == spec.interviewee && i.topics == spec.topics)
    {
        return Ok(Audited::unchanged(false));
    }
    let accreditation = match spec.accreditation {
        Some(referral) => Some(find_accreditation(conn, referral)?.ok_or_else(|| {
            ApiError::internal(format_args!("demo accreditation {referral} is missing"))
        })?),
        None => None,
    };
    let (starts, ends) = span(spec.day(cast.today), spec.hours).map_err(ApiError::internal)?;
    // Sở Ngoại vụ prepares interviews with foreign reporters; the Provincial Office the others.
    let (unit, by) = match accreditation {
        Some(_) => (cast.foreign_affairs_unit, cast.foreign_affairs),
        None => (cast.office_unit, cast.office),
    };
    let fields = db::interviews::Fields {
        interviewee_name: spec.interviewee.to_owned(),
        interviewee_position: spec.position.to_owned(),
        outlet: spec.outlet.to_owned(),
        accreditation_id: accreditation.map(|a| a.id.get()),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: PROVINCE_TZ.name().to_owned(),
        place: spec.place.to_owned(),
        topics: spec.topics.to_owned(),
        questions: Some(spec.questions.to_owned()),
        organizing_unit_id: Some(unit.get()),
    };
    let (i, created) = ops::create_interview(conn, &fields, &ids, by)
        .map_err(|e| refused(format_args!("interview {:?}", spec.topics), e))?;
    let mut events = vec![created];
    for step in spec.steps {
        let (action, note) = match *step {
            InterviewStep::Approve => (InterviewAction::Approve, None),
            InterviewStep::Complete => (InterviewAction::Complete, None),
            InterviewStep::Cancel(note) => (InterviewAction::Cancel, Some(note)),
        };
        events.push(fx::interview_action(conn, i.id, action, note)?);
    }
    audited(events)
}

fn conference(conn: &mut AnyConnection, c: &Conference, cast: &Cast) -> ApiResult<Audited<bool>> {
    if conference_exists(conn, c)? {
        return Ok(Audited::unchanged(false));
    }
    let (starts, ends) = span(c.day, c.hours).map_err(ApiError::internal)?;
    let speakers: Vec<String> = c.speakers.iter().map(|s| (*s).to_owned()).collect();
    let fields = db::conferences::Fields {
        title: c.title.clone(),
        kind: c.kind.as_str().to_owned(),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: PROVINCE_TZ.name().to_owned(),
        venue: VENUE.to_owned(),
        topics: c.topics.clone(),
        speakers: db::conferences::Fields::speakers(&speakers),
    };
    let (pc, created) = ops::create_conference(conn, &fields, cast.office)
        .map_err(|e| refused(format_args!("press conference {:?}", c.title), e))?;
    let mut events = vec![created];
    for step in c.steps {
        let (action, note) = match *step {
            ConferenceStep::Register => {
                for &(outlet, name) in DOMESTIC_ATTENDEES {
                    // The demo's domestic reporter is named; the others are not on file.
                    let reporter = find_reporter(conn, name)?.map(|r| r.id);
                    events.push(fx::attend(conn, pc.id, outlet, name, reporter)?);
                }
                if let Some(name) = c.foreign {
                    let r = find_reporter(conn, name)?.ok_or_else(|| {
                        ApiError::internal(format_args!("demo reporter {name} is missing"))
                    })?;
                    events.push(fx::attend(conn, pc.id, &r.outlet, name, Some(r.id))?);
                }
                continue;
            }
            ConferenceStep::Announce => (ConferenceAction::Announce, None),
            ConferenceStep::Complete => (ConferenceAction::Complete, None),
            ConferenceStep::Cancel(note) => (ConferenceAction::Cancel, Some(note)),
        };
        events.push(fx::conference_action(conn, pc.id, action, note)?);
    }
    audited(events)
}
