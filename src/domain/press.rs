//! The press side: foreign reporters and their accreditation in the
//! province, leaders' interviews and press conferences; their workflows
//! (each one table) and the rules between them.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::{
    AccreditationId, InterviewId, PressActivityId, PressConferenceId, ReporterId, UnitId, UserId,
};
use super::itinerary::{ItemStatus, Place};
use super::review::{ReviewStatus, SecurityReview};
use super::role::Role;
use super::text::fold;
use super::workflow::{Rule, Subject, Verdict, Who, decide};

mod activity;
pub use activity::{ActivityAction, ActivityRefusal, activity_open};
mod organizer;
pub use organizer::{ORGANIZER_NAME_MAX, Organizer, OrganizerKind};

/// The press side is not the host units' business: for them it does not exist.
pub fn visible_to(role: Role) -> bool {
    role != Role::HostUnit
}

/// A foreign journalist or crew member.
#[derive(Debug, Clone, PartialEq)]
pub struct Reporter {
    pub id: ReporterId,
    pub full_name: String,
    pub nationality: String,
    pub passport_number: Option<String>,
    pub outlet: String,
    pub outlet_country: String,
    pub position: String,
    pub press_card_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl Reporter {
    /// Reporters of Vietnamese nationality are domestic; all others foreign.
    pub fn is_foreign(&self) -> bool {
        self.nationality != "VN"
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccreditationStatus {
    Draft,
    Submitted,
    Approved,
    Rejected,
    Revoked,
    Completed,
    Cancelled,
}
text_enum!(AccreditationStatus {
    Draft => "draft", Submitted => "submitted", Approved => "approved", Rejected => "rejected",
    Revoked => "revoked", Completed => "completed", Cancelled => "cancelled",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccreditationAction {
    Submit,
    Approve,
    Reject,
    Revoke,
    Complete,
    Cancel,
}
text_enum!(AccreditationAction {
    Submit => "submit", Approve => "approve", Reject => "reject", Revoke => "revoke",
    Complete => "complete", Cancel => "cancel",
});

const FA: Who = Who::Role(Role::ForeignAffairs);
const PO: Who = Who::Role(Role::ProvincialOffice);
const POLICE: Who = Who::Role(Role::Police);

/// The accreditation workflow (DESIGN.md, "Workflows").
pub const ACCREDITATION_WORKFLOW: &[Rule<AccreditationStatus, AccreditationAction>] = {
    use AccreditationAction as A;
    use AccreditationStatus as S;
    &[
        Rule {
            action: A::Submit,
            from: &[S::Draft],
            to: S::Submitted,
            who: &[FA],
        },
        Rule {
            action: A::Approve,
            from: &[S::Submitted],
            to: S::Approved,
            who: &[FA],
        },
        Rule {
            action: A::Reject,
            from: &[S::Submitted],
            to: S::Rejected,
            who: &[FA],
        },
        Rule {
            action: A::Revoke,
            from: &[S::Approved],
            to: S::Revoked,
            who: &[FA, POLICE],
        },
        Rule {
            action: A::Complete,
            from: &[S::Approved],
            to: S::Completed,
            who: &[FA],
        },
        Rule {
            action: A::Cancel,
            from: &[S::Draft, S::Submitted, S::Approved],
            to: S::Cancelled,
            who: &[FA],
        },
    ]
};

/// An accreditation: a press programme of one or more reporters in the province.
#[derive(Debug, Clone, PartialEq)]
pub struct Accreditation {
    pub id: AccreditationId,
    pub reference: String,
    pub reporter_ids: Vec<ReporterId>,
    pub topics: String,
    pub permitted_places: Vec<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub referral_number: String,
    pub referral_date: NaiveDate,
    pub escort_officer: Option<String>,
    pub status: AccreditationStatus,
    pub review: SecurityReview,
    /// When its activities last changed after it was approved.
    pub schedule_changed_at: Option<DateTime<Utc>>,
    /// The note of the last revocation, rejection or cancellation.
    pub status_note: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl Accreditation {
    pub fn decide(&self, action: AccreditationAction, role: Role) -> Verdict<AccreditationStatus> {
        decide(
            ACCREDITATION_WORKFLOW,
            action,
            self.status,
            Subject { role, owns: false },
        )
    }

    /// Whether it lets its reporters work on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.status == AccreditationStatus::Approved
            && self.start_date <= day
            && day <= self.end_date
    }

    /// Never reviewed, or its activities changed after the review.
    pub fn review_outdated(&self) -> bool {
        match (self.review.reviewed_at, self.schedule_changed_at) {
            (None, _) => true,
            (Some(reviewed), Some(changed)) => changed > reviewed,
            (Some(_), None) => false,
        }
    }

    /// A place is permitted when none are listed, or when it is one of them
    /// (ignoring case and diacritics: "Mai Chau" is "Mai Châu").
    pub fn permits_place(&self, place: &str) -> bool {
        self.permitted_places.is_empty()
            || self
                .permitted_places
                .iter()
                .any(|p| fold(p).trim() == fold(place).trim())
    }

    /// Activities are planned while it is submitted or approved.
    pub fn takes_activities(&self) -> bool {
        matches!(
            self.status,
            AccreditationStatus::Submitted | AccreditationStatus::Approved
        )
    }

    /// What an action needs beyond the table: approval a cleared review,
    /// revocation a note.
    pub fn check_needs(&self, action: AccreditationAction, note: Option<&str>) -> Result<(), Need> {
        match action {
            AccreditationAction::Approve if self.review.status != ReviewStatus::Cleared => Err(Need::Condition(
                "an accreditation is approved only after the police have cleared it (security review `cleared`)".into(),
            )),
            AccreditationAction::Approve if self.review_outdated() => Err(Need::Condition(
                "the reporters, dates or places changed after the police cleared it: the review needs another look".into(),
            )),
            AccreditationAction::Revoke if note.is_none_or(|n| n.trim().is_empty()) => {
                Err(Need::Field("note", "say why the accreditation is revoked"))
            }
            _ => Ok(()),
        }
    }
}

/// Why an allowed action cannot be taken yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// 422: a field the action needs.
    Field(&'static str, &'static str),
    /// 409: a condition on other data.
    Condition(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Filming,
    Interview,
    Visit,
    Other,
}
text_enum!(ActivityKind { Filming => "filming", Interview => "interview", Visit => "visit", Other => "other" });

/// A scheduled entry of an accreditation (filming, an interview, a visit).
#[derive(Debug, Clone, PartialEq)]
pub struct PressActivity {
    pub id: PressActivityId,
    pub accreditation_id: AccreditationId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub kind: ActivityKind,
    pub title: String,
    pub place: Place,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
    pub status: ItemStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterviewStatus {
    Requested,
    Approved,
    Done,
    Cancelled,
}
text_enum!(InterviewStatus { Requested => "requested", Approved => "approved", Done => "done", Cancelled => "cancelled" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterviewAction {
    Approve,
    Complete,
    Cancel,
}
text_enum!(InterviewAction { Approve => "approve", Complete => "complete", Cancel => "cancel" });

/// The interview workflow: the Provincial Office approves; it or Sở Ngoại vụ
/// (which prepares interviews with foreign reporters) records it done or cancels.
pub const INTERVIEW_WORKFLOW: &[Rule<InterviewStatus, InterviewAction>] = {
    use InterviewAction as A;
    use InterviewStatus as S;
    &[
        Rule {
            action: A::Approve,
            from: &[S::Requested],
            to: S::Approved,
            who: &[PO],
        },
        Rule {
            action: A::Complete,
            from: &[S::Approved],
            to: S::Done,
            who: &[PO, FA],
        },
        Rule {
            action: A::Cancel,
            from: &[S::Requested, S::Approved],
            to: S::Cancelled,
            who: &[PO, FA],
        },
    ]
};

/// Who writes interviews: the Provincial Office arranges them, Sở Ngoại vụ
/// prepares those with foreign reporters.
pub fn writes_interviews(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::ProvincialOffice | Role::ForeignAffairs
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct Interview {
    pub id: InterviewId,
    pub reference: String,
    pub interviewee_name: String,
    pub interviewee_position: String,
    pub outlet: String,
    pub reporter_ids: Vec<ReporterId>,
    pub accreditation_id: Option<AccreditationId>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub place: String,
    pub topics: String,
    pub questions: Option<String>,
    pub organizing_unit_id: Option<UnitId>,
    pub status: InterviewStatus,
    /// The accreditation that covered it was revoked at this time.
    pub accreditation_revoked_at: Option<DateTime<Utc>>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl Interview {
    pub fn decide(&self, action: InterviewAction, role: Role) -> Verdict<InterviewStatus> {
        decide(
            INTERVIEW_WORKFLOW,
            action,
            self.status,
            Subject { role, owns: false },
        )
    }

    /// The day it takes place, in its own zone.
    pub fn day(&self) -> NaiveDate {
        self.starts_at.with_timezone(&self.time_zone).date_naive()
    }
}

/// An interview with foreign reporters needs an approved accreditation that
/// covers its day and names every foreign reporter in it.
pub fn check_interview_accreditation(
    foreign: &[ReporterId],
    accreditation: Option<&Accreditation>,
    day: NaiveDate,
) -> Result<(), &'static str> {
    if foreign.is_empty() {
        return Ok(());
    }
    let Some(acc) = accreditation else {
        return Err("an interview with a foreign reporter needs the accreditation that covers it");
    };
    if !acc.covers(day) {
        return Err("the accreditation is not approved for the interview's day");
    }
    if !foreign.iter().all(|r| acc.reporter_ids.contains(r)) {
        return Err("every foreign reporter in the interview must be on the accreditation");
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConferenceKind {
    /// Held at least every three months.
    Periodic,
    /// For a major event.
    AdHoc,
}
text_enum!(ConferenceKind { Periodic => "periodic", AdHoc => "ad_hoc" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConferenceStatus {
    Planned,
    Announced,
    Held,
    Cancelled,
}
text_enum!(ConferenceStatus { Planned => "planned", Announced => "announced", Held => "held", Cancelled => "cancelled" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConferenceAction {
    Announce,
    Complete,
    Cancel,
}
text_enum!(ConferenceAction { Announce => "announce", Complete => "complete", Cancel => "cancel" });

/// The press conference workflow: the Provincial Office's alone.
pub const CONFERENCE_WORKFLOW: &[Rule<ConferenceStatus, ConferenceAction>] = {
    use ConferenceAction as A;
    use ConferenceStatus as S;
    &[
        Rule {
            action: A::Announce,
            from: &[S::Planned],
            to: S::Announced,
            who: &[PO],
        },
        Rule {
            action: A::Complete,
            from: &[S::Announced],
            to: S::Held,
            who: &[PO],
        },
        Rule {
            action: A::Cancel,
            from: &[S::Planned, S::Announced],
            to: S::Cancelled,
            who: &[PO],
        },
    ]
};

/// Who writes press conferences and their attendees.
pub fn writes_conferences(role: Role) -> bool {
    matches!(role, Role::Admin | Role::ProvincialOffice)
}

#[derive(Debug, Clone, PartialEq)]
pub struct PressConference {
    pub id: PressConferenceId,
    pub reference: String,
    pub title: String,
    pub kind: ConferenceKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub venue: String,
    pub topics: String,
    pub speakers: Vec<String>,
    /// Who holds it: the province's own, or a foreign body registering it.
    pub organizer: Organizer,
    pub status: ConferenceStatus,
    /// Set when it was announced: from then on it is in the public feed
    /// (and stays there, as cancelled, if it is called off).
    pub announced_at: Option<DateTime<Utc>>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl PressConference {
    pub fn decide(&self, action: ConferenceAction, role: Role) -> Verdict<ConferenceStatus> {
        decide(
            CONFERENCE_WORKFLOW,
            action,
            self.status,
            Subject { role, owns: false },
        )
    }

    pub fn day(&self) -> NaiveDate {
        self.starts_at.with_timezone(&self.time_zone).date_naive()
    }
}

/// Writers of reporters, accreditations and their activities: Sở Ngoại vụ.
pub fn writes_accreditations(role: Role) -> bool {
    matches!(role, Role::Admin | Role::ForeignAffairs)
}

/// What a role may do to an accreditation now, as the console offers it:
/// the workflow actions open to it, and whether it may change the
/// accreditation, plan its activities or record its security review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccreditationAllowed {
    pub actions: Vec<AccreditationAction>,
    pub edit: bool,
    pub plan: bool,
    pub review: bool,
}

/// What `role` may do to `a` now (the workflow table and the writers'
/// rules; what an action needs beyond them is `check_needs`'s).
pub fn accreditation_allowed(a: &Accreditation, role: Role) -> AccreditationAllowed {
    let writes = writes_accreditations(role);
    AccreditationAllowed {
        actions: AccreditationAction::ALL
            .iter()
            .copied()
            .filter(|action| matches!(a.decide(*action, role), Verdict::Go(_)))
            .collect(),
        edit: writes && a.status.open_to_changes(),
        plan: writes && a.takes_activities(),
        review: role.records_security_reviews(),
    }
}

/// Whether an accreditation action needs a note (`check_needs` refuses
/// it without one); every action takes one.
pub fn accreditation_needs_note(action: AccreditationAction) -> bool {
    action == AccreditationAction::Revoke
}

impl AccreditationStatus {
    /// Its fields may change: while a draft or submitted.
    pub fn open_to_changes(self) -> bool {
        matches!(self, Self::Draft | Self::Submitted)
    }
}

impl InterviewStatus {
    /// Its fields may change (and it can still be held): requested or approved.
    pub fn open_to_changes(self) -> bool {
        matches!(self, Self::Requested | Self::Approved)
    }
}

impl ConferenceStatus {
    /// Its fields and attendees may change: planned or announced.
    pub fn open_to_changes(self) -> bool {
        matches!(self, Self::Planned | Self::Announced)
    }
}

#[cfg(test)]
mod tests;

/// Why an accreditation waits on the caller's unit, and by when.
pub fn accreditation_inbox_reason(a: &Accreditation, role: Role) -> Option<(String, NaiveDate)> {
    use AccreditationStatus as S;
    let waiting = |reason: &str| Some((reason.to_owned(), a.start_date));
    match (role, a.status) {
        (Role::ForeignAffairs | Role::Admin, S::Submitted) => {
            waiting("submitted: approve or reject the accreditation")
        }
        (Role::Police, S::Submitted | S::Approved) if a.review.reviewed_at.is_none() => {
            waiting("no security review yet")
        }
        (Role::Police, S::Approved) if a.review_outdated() => {
            waiting("its activities changed after the security review")
        }
        _ => None,
    }
}

/// Why an interview waits on the caller's unit, and by when.
pub fn interview_inbox_reason(i: &Interview, role: Role) -> Option<(String, NaiveDate)> {
    let open = i.status.open_to_changes();
    match role {
        Role::ProvincialOffice | Role::ForeignAffairs | Role::Admin
            if open && i.accreditation_revoked_at.is_some() =>
        {
            Some((
                "the accreditation covering it was revoked: cancel or rearrange it".into(),
                i.day(),
            ))
        }
        Role::ProvincialOffice | Role::Admin if i.status == InterviewStatus::Requested => {
            Some(("requested: approve or cancel the interview".into(), i.day()))
        }
        _ => None,
    }
}

/// The first and last day of the quarter `day` falls in.
pub fn quarter_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let first_month = (day.month0() / 3) * 3 + 1;
    let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let next = if first_month == 10 {
        NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(day.year(), first_month + 3, 1)
    };
    (start, next.and_then(|n| n.pred_opt()).unwrap_or(day))
}

/// The interview actions the workflow opens to `role` on one in `status`
/// (what a page offers; the operation decides again).
pub fn interview_allowed(status: InterviewStatus, role: Role) -> Vec<InterviewAction> {
    InterviewAction::ALL
        .iter()
        .copied()
        .filter(|a| {
            matches!(
                decide(
                    INTERVIEW_WORKFLOW,
                    *a,
                    status,
                    Subject { role, owns: false }
                ),
                Verdict::Go(_)
            )
        })
        .collect()
}

/// The press conference actions the workflow opens to `role` on one in
/// `status`.
pub fn conference_allowed(status: ConferenceStatus, role: Role) -> Vec<ConferenceAction> {
    ConferenceAction::ALL
        .iter()
        .copied()
        .filter(|a| {
            matches!(
                decide(
                    CONFERENCE_WORKFLOW,
                    *a,
                    status,
                    Subject { role, owns: false }
                ),
                Verdict::Go(_)
            )
        })
        .collect()
}

/// Whether `role` may register attendees of a press conference in `status`.
pub fn attendees_open(status: ConferenceStatus, role: Role) -> bool {
    writes_conferences(role) && status.open_to_changes()
}

#[cfg(test)]
mod quarter_tests {
    use super::*;

    #[test]
    fn quarters_begin_and_end_where_the_calendar_says() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            quarter_of(d("2026-11-26")),
            (d("2026-10-01"), d("2026-12-31"))
        );
        assert_eq!(
            quarter_of(d("2026-01-01")),
            (d("2026-01-01"), d("2026-03-31"))
        );
        assert_eq!(
            quarter_of(d("2026-06-30")),
            (d("2026-04-01"), d("2026-06-30"))
        );
    }
}

#[cfg(test)]
mod allowed_tests {
    use super::*;

    #[test]
    fn pages_offer_the_actions_the_workflow_opens() {
        use ConferenceStatus as C;
        use InterviewStatus as I;
        assert_eq!(
            interview_allowed(I::Requested, Role::ProvincialOffice),
            vec![InterviewAction::Approve, InterviewAction::Cancel]
        );
        assert_eq!(
            interview_allowed(I::Requested, Role::ForeignAffairs),
            vec![InterviewAction::Cancel]
        );
        assert!(interview_allowed(I::Approved, Role::Viewer).is_empty());
        assert!(interview_allowed(I::Done, Role::ProvincialOffice).is_empty());
        assert_eq!(
            conference_allowed(C::Announced, Role::ProvincialOffice),
            vec![ConferenceAction::Complete, ConferenceAction::Cancel]
        );
        assert!(conference_allowed(C::Planned, Role::ForeignAffairs).is_empty());
        assert!(attendees_open(C::Announced, Role::ProvincialOffice));
        assert!(!attendees_open(C::Held, Role::ProvincialOffice));
        assert!(!attendees_open(C::Planned, Role::Viewer));
    }
}
