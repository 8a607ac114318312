//! The demo's interviews and press conferences, each arranged in one
//! transaction with every audit entry, as the Provincial Office (and Sở
//! Ngoại vụ, for interviews with foreign reporters) would through the API.

use super::press::{Cast, audited};
use super::press_calendar::{DOMESTIC_ATTENDEES, VENUE};
use super::press_effects::{self as fx, refused};
use super::press_lookup::{conference_exists, find_accreditation, find_reporter, reporter_ids};
use super::press_spec::{Conference, ConferenceStep, InterviewSpec, InterviewStep, span};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::press::{ConferenceAction, ConferenceKind, InterviewAction, Organizer};
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};

pub(super) fn interview(
    conn: &mut AnyConnection,
    spec: &InterviewSpec,
    cast: &Cast,
) -> ApiResult<Audited<bool>> {
    let ids = reporter_ids(conn, spec.reporters)?;
    let known = db::interview::for_reporter(conn, ids[0])?;
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
    let fields = db::interview::Fields {
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
    let (i, created) = crate::model::interview::insert(conn, &fields, &ids, by)
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

/// The foreign body's press conference of the demo: an embassy's, held
/// the next working day and registered only today, so the Provincial
/// Office's inbox shows a registration that came late and the record its
/// deadline (2 working days ahead by default, Nghị định 88/2012/NĐ-CP).
const FOREIGN_TITLE: &str = "Họp báo giới thiệu Tuần lễ Văn hóa Nhật Bản tại Hòa Bình 2026";
const FOREIGN_BODY: &str = "Đại sứ quán Nhật Bản tại Việt Nam";

/// The foreign body's press conference (once: a second load finds it).
pub(super) fn foreign_conference(
    conn: &mut AnyConnection,
    cast: &Cast,
) -> ApiResult<Audited<bool>> {
    let calendar = crate::model::settings::calendar(conn)?;
    let day = calendar
        .working
        .add_working_days(cast.today, 1)
        .ok_or_else(|| ApiError::internal("no working day after today"))?;
    let spec = Conference {
        title: FOREIGN_TITLE.to_owned(),
        kind: ConferenceKind::AdHoc,
        day,
        hours: "09:00-10:30",
        topics: "Chương trình Tuần lễ Văn hóa Nhật Bản; hợp tác du lịch, giáo dục giữa \
                 tỉnh và các địa phương Nhật Bản"
            .to_owned(),
        speakers: &["Đại sứ Nhật Bản tại Việt Nam", "Giám đốc Sở Ngoại vụ"],
        foreign: None,
        steps: &[],
    };
    let organizer = Organizer::ForeignBody {
        name: FOREIGN_BODY.to_owned(),
        registered_on: cast.today,
    };
    conference_by(conn, &spec, cast, &organizer)
}

pub(super) fn conference(
    conn: &mut AnyConnection,
    c: &Conference,
    cast: &Cast,
) -> ApiResult<Audited<bool>> {
    conference_by(conn, c, cast, &Organizer::Province)
}

fn conference_by(
    conn: &mut AnyConnection,
    c: &Conference,
    cast: &Cast,
    organizer: &Organizer,
) -> ApiResult<Audited<bool>> {
    if conference_exists(conn, c)? {
        return Ok(Audited::unchanged(false));
    }
    let (starts, ends) = span(c.day, c.hours).map_err(ApiError::internal)?;
    let speakers: Vec<String> = c.speakers.iter().map(|s| (*s).to_owned()).collect();
    let fields = db::conference::Fields {
        title: c.title.clone(),
        kind: c.kind.as_str().to_owned(),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: PROVINCE_TZ.name().to_owned(),
        venue: VENUE.to_owned(),
        topics: c.topics.clone(),
        speakers: db::conference::Fields::speakers(&speakers),
        organizer_kind: String::new(),
        organizer_name: None,
        registration_date: None,
    }
    .with_organizer(organizer);
    let (pc, created) = crate::model::conference::insert(conn, &fields, cast.office)
        .map_err(|e| refused(format_args!("press conference {:?}", c.title), e))?;
    let mut events = vec![created];
    for step in c.steps {
        let (action, note) = match *step {
            ConferenceStep::Register => {
                for &(outlet, name) in DOMESTIC_ATTENDEES {
                    // The demo's domestic reporter is named; the others are not on file.
                    let reporter = find_reporter(conn, name)?
                        .filter(|r| r.outlet == outlet)
                        .map(|r| r.id);
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
