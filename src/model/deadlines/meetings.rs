//! The due dates of the press side's meetings: a press conference (a
//! foreign body's registered at least n working days ahead) and an
//! interview (the registration of the press programme that covers it);
//! and the inbox's flag of a foreign body's conference registered late.

use chrono::{NaiveDate, NaiveTime};

use super::{RecordDeadlines, accreditation_deadlines};
use crate::db::{self, AnyConnection};
use crate::domain::deadlines::{self, ConferenceFacts, DeadlineKind, DeadlineState, Rules};
use crate::domain::ids::{InterviewId, PressConferenceId};
use crate::domain::press::PressConference;
use crate::domain::role::{Caller, Role};
use crate::error::ApiResult;
use crate::model::inbox::{InboxEntry, RecordLink};

/// What a conference's deadline is worked out from.
fn conference_facts(c: &PressConference) -> ConferenceFacts {
    ConferenceFacts {
        day: c.day(),
        registered_on: c.organizer.registered_on(),
    }
}

/// A press conference's due dates: a foreign body's registration at least
/// `conference_notice_working_days` (2) working days before it is held,
/// met or late; none for the province's own. No warnings: nobody's
/// documents are checked for a conference (its foreign attendees'
/// accreditations are).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn of_conference(
    conn: &mut AnyConnection,
    caller: Caller,
    id: PressConferenceId,
    today: NaiveDate,
) -> ApiResult<RecordDeadlines> {
    let c = crate::model::conference::visible(conn, caller, id)?;
    let calendar = crate::model::settings::calendar(conn)?;
    let rules = calendar.rules(today);
    Ok(RecordDeadlines {
        deadlines: deadlines::conference(&rules, &conference_facts(&c)),
        warnings: Vec::new(),
    })
}

/// An interview's due dates. An interview has no deadline of its own in
/// Nghị định 88/2012/NĐ-CP: a foreign reporter's interview is part of the
/// press programme registered with the province, so it answers that
/// programme's registration (10 working days ahead; for resident reporters
/// the province's answer within 5), read off the accreditation that covers
/// it. The accreditation's police review and its reporters' document
/// warnings stay on the accreditation's page (they are the accreditation's
/// to act on, not the interview's). A domestic interview has none.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn of_interview(
    conn: &mut AnyConnection,
    caller: Caller,
    id: InterviewId,
    today: NaiveDate,
) -> ApiResult<RecordDeadlines> {
    let i = crate::model::interview::visible(conn, caller, id)?;
    let Some(accreditation_id) = i.accreditation_id else {
        return Ok(RecordDeadlines {
            deadlines: Vec::new(),
            warnings: Vec::new(),
        });
    };
    let a = crate::model::accreditation::visible(conn, caller, accreditation_id)?;
    let calendar = crate::model::settings::calendar(conn)?;
    let rules = calendar.rules(today);
    let reporters = db::reporter::documents_of(conn, &a.reporter_ids)?;
    let deadlines = accreditation_deadlines(conn, &a, &reporters, &rules)?
        .into_iter()
        .filter(|d| {
            matches!(
                d.what,
                DeadlineKind::ProgrammeNotice | DeadlineKind::ResidentAnswer
            )
        })
        .collect();
    Ok(RecordDeadlines {
        deadlines,
        warnings: Vec::new(),
    })
}

/// Why a late registration waits in the inbox (the console says it in
/// Vietnamese from its catalogue).
pub fn late_registration(working_days: u32) -> String {
    format!(
        "registered late: a foreign body registers its press conference at least {working_days} working days ahead"
    )
}

/// The inbox entries of foreign bodies' press conferences registered late
/// and still to be held, for the units that deal with them: the Provincial
/// Office (the province's press conferences), Sở Ngoại vụ (foreign bodies'
/// press activities in the province) and the administrator. Each is due by
/// the conference's day: what to decide (let it go ahead, ask for it to be
/// moved) must be decided before then.
pub fn conference_entries(
    conn: &mut AnyConnection,
    caller: Caller,
    rules: &Rules<'_>,
) -> ApiResult<Vec<InboxEntry>> {
    if !matches!(
        caller.role,
        Role::ProvincialOffice | Role::ForeignAffairs | Role::Admin
    ) {
        return Ok(Vec::new());
    }
    // A day early in UTC: the province is 7 hours ahead, so a conference
    // this morning ended "yesterday" in UTC; the day is checked below.
    let from = rules
        .today
        .pred_opt()
        .unwrap_or(rules.today)
        .and_time(NaiveTime::MIN)
        .and_utc();
    let n = rules.settings.conference_notice_working_days;
    let mut items = Vec::new();
    for c in db::conference::foreign_open(conn, from)? {
        let day = c.day();
        if day < rules.today {
            continue;
        }
        let late = deadlines::conference(rules, &conference_facts(&c))
            .iter()
            .any(|d| d.state == DeadlineState::Late);
        if !late {
            continue;
        }
        items.push(InboxEntry {
            record: Some(RecordLink {
                kind: "press_conference".to_owned(),
                id: c.id.get(),
                reference: c.reference.clone(),
            }),
            title: c.title.clone(),
            status: c.status.as_str().to_owned(),
            reason: late_registration(n),
            due_date: day,
            working_days_left: rules.working_days_left(day),
        });
    }
    Ok(items)
}
