//! Delegations in (đoàn vào) and out (đoàn ra): their states, the workflow
//! table of DESIGN.md, what each action needs, and who may edit when.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::{DelegationId, UnitId, UserId};
use super::reference::Series;
use super::review::SecurityReview;
use super::role::Role;
use super::workflow::{Rule, Subject, Verdict, Who, decide};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A foreign delegation coming to the province (đoàn vào).
    Incoming,
    /// A provincial delegation going abroad (đoàn ra).
    Outgoing,
}

impl Direction {
    pub fn series(self) -> Series {
        match self {
            Direction::Incoming => Series::IncomingDelegation,
            Direction::Outgoing => Series::OutgoingDelegation,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DelegationStatus {
    Draft,
    Submitted,
    Appraised,
    Approved,
    Rejected,
    Completed,
    Reported,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DelegationAction {
    Submit,
    Return,
    Appraise,
    Approve,
    Reject,
    Complete,
    Report,
    Cancel,
}

/// Sở Ngoại vụ's recommendation when appraising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Approve,
    Reject,
}

text_enum!(Direction { Incoming => "incoming", Outgoing => "outgoing" });
text_enum!(DelegationStatus {
    Draft => "draft", Submitted => "submitted", Appraised => "appraised", Approved => "approved",
    Rejected => "rejected", Completed => "completed", Reported => "reported", Cancelled => "cancelled",
});
text_enum!(DelegationAction {
    Submit => "submit", Return => "return", Appraise => "appraise", Approve => "approve",
    Reject => "reject", Complete => "complete", Report => "report", Cancel => "cancel",
});
text_enum!(Recommendation { Approve => "approve", Reject => "reject" });

use DelegationAction as A;
use DelegationStatus as S;

const FA: Who = Who::Role(Role::ForeignAffairs);
const PO: Who = Who::Role(Role::ProvincialOffice);

/// The delegation workflow (DESIGN.md, "Workflows"), both directions.
pub const WORKFLOW: &[Rule<DelegationStatus, DelegationAction>] = &[
    Rule {
        action: A::Submit,
        from: &[S::Draft],
        to: S::Submitted,
        who: &[Who::OwnUnit, FA],
    },
    Rule {
        action: A::Return,
        from: &[S::Submitted],
        to: S::Draft,
        who: &[FA],
    },
    Rule {
        action: A::Appraise,
        from: &[S::Submitted],
        to: S::Appraised,
        who: &[FA],
    },
    Rule {
        action: A::Approve,
        from: &[S::Appraised],
        to: S::Approved,
        who: &[PO],
    },
    Rule {
        action: A::Reject,
        from: &[S::Appraised],
        to: S::Rejected,
        who: &[PO],
    },
    Rule {
        action: A::Complete,
        from: &[S::Approved],
        to: S::Completed,
        who: &[FA, Who::OwnUnit],
    },
    Rule {
        action: A::Report,
        from: &[S::Completed],
        to: S::Reported,
        who: &[Who::OwnUnit, FA],
    },
    Rule {
        action: A::Cancel,
        from: &[S::Draft],
        to: S::Cancelled,
        who: &[Who::OwnUnit],
    },
    Rule {
        action: A::Cancel,
        from: &[S::Draft, S::Submitted, S::Appraised, S::Approved],
        to: S::Cancelled,
        who: &[FA, PO],
    },
];

pub fn decide_transition(
    action: DelegationAction,
    current: DelegationStatus,
    subject: Subject,
) -> Verdict<DelegationStatus> {
    decide(WORKFLOW, action, current, subject)
}

/// A delegation as stored (its members and itinerary apart).
#[derive(Debug, Clone, PartialEq)]
pub struct Delegation {
    pub id: DelegationId,
    pub reference: String,
    pub direction: Direction,
    pub title: String,
    pub purpose: String,
    pub partner_organization: String,
    pub countries: Vec<String>,
    pub host_unit_id: UnitId,
    pub head_of_delegation: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: DelegationStatus,
    pub review: SecurityReview,
    /// When an approved delegation's itinerary last changed.
    pub itinerary_changed_at: Option<DateTime<Utc>>,
    pub appraisal: Option<(Recommendation, String)>,
    pub decision: Option<Decision>,
    /// Why Sở Ngoại vụ sent it back, while it waits as a draft.
    pub returned_note: Option<String>,
    pub report: Option<(String, DateTime<Utc>)>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// The province's decision on a delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub number: String,
    pub date: NaiveDate,
    pub by: Option<UserId>,
}

impl Delegation {
    /// When the report is due: `days` after the end date.
    pub fn report_due(&self, days: u32) -> NaiveDate {
        self.end_date + chrono::Days::new(u64::from(days))
    }

    /// The police should look again: never reviewed, or the approved
    /// itinerary changed after the review.
    pub fn review_outdated(&self) -> bool {
        match (self.review.reviewed_at, self.itinerary_changed_at) {
            (None, _) => true,
            (Some(reviewed), Some(changed)) => changed > reviewed,
            (Some(_), None) => false,
        }
    }
}

/// What changing a delegation's own fields or members needs of the caller
/// and the state: the host unit while draft, Sở Ngoại vụ until approved.
pub fn may_edit(status: DelegationStatus, subject: Subject) -> EditVerdict {
    let writer = matches!(subject.role, Role::Admin | Role::ForeignAffairs)
        || (subject.role == Role::HostUnit && subject.owns);
    if !writer {
        return EditVerdict::Forbidden;
    }
    match status {
        S::Draft => EditVerdict::Allowed,
        S::Submitted | S::Appraised if subject.role != Role::HostUnit => EditVerdict::Allowed,
        S::Submitted | S::Appraised => {
            EditVerdict::Locked("the delegation has been submitted; Sở Ngoại vụ edits it now")
        }
        S::Approved => {
            EditVerdict::Locked("the delegation is approved: only its itinerary can change")
        }
        _ => EditVerdict::Locked("the delegation is closed and can no longer change"),
    }
}

/// What changing a delegation's itinerary needs: as for editing, and after
/// approval Sở Ngoại vụ may still change it (the police are then asked to
/// look again).
pub fn may_edit_itinerary(status: DelegationStatus, subject: Subject) -> EditVerdict {
    match (status, may_edit(status, subject)) {
        (S::Approved, EditVerdict::Locked(_)) if subject.role != Role::HostUnit => {
            EditVerdict::Allowed
        }
        (_, verdict) => verdict,
    }
}

/// Whether a delegation in `status` can still be deleted (else it is cancelled).
pub fn deletable(status: DelegationStatus) -> bool {
    status == S::Draft
}

/// What a caller may do to one delegation now, as the rules above decide:
/// what a page offers. The operations decide again when asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowed {
    /// Change its own fields and its members.
    pub edit: bool,
    /// Change its itinerary (add, change, cancel, delete, import items).
    pub edit_itinerary: bool,
    pub delete: bool,
    /// Record the security review.
    pub review: bool,
    /// The workflow actions open to the caller from its state.
    pub actions: Vec<DelegationAction>,
}

/// What `subject` may do to a delegation in `status`.
pub fn allowed(status: DelegationStatus, subject: Subject) -> Allowed {
    let edit = may_edit(status, subject) == EditVerdict::Allowed;
    Allowed {
        edit,
        edit_itinerary: may_edit_itinerary(status, subject) == EditVerdict::Allowed,
        delete: edit && deletable(status),
        review: subject.role.records_security_reviews(),
        actions: DelegationAction::ALL
            .iter()
            .copied()
            .filter(|a| matches!(decide_transition(*a, status, subject), Verdict::Go(_)))
            .collect(),
    }
}

/// What a workflow action's request carries besides the action, field by
/// field (the names of `TransitionInput`), and whether [`check_needs`]
/// refuses the action without it.
pub fn inputs(action: DelegationAction) -> &'static [(&'static str, bool)] {
    match action {
        A::Return | A::Cancel => &[("note", true)],
        A::Appraise => &[("recommendation", true), ("note", true)],
        A::Approve | A::Reject => &[
            ("decision_number", true),
            ("decision_date", true),
            ("note", false),
        ],
        A::Report => &[("report", true), ("note", false)],
        A::Submit | A::Complete => &[("note", false)],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditVerdict {
    Allowed,
    /// 403: this role may not change it.
    Forbidden,
    /// 409: the state does not allow it.
    Locked(&'static str),
}

/// Who may see a delegation: host units their own unit's only.
pub fn visible_to(host_unit_id: UnitId, role: Role, unit: Option<UnitId>) -> bool {
    role != Role::HostUnit || unit == Some(host_unit_id)
}

/// The one unit whose delegations a list may show `access`, if it is
/// limited to one: a host unit's own (a host unit with no unit sees none).
pub fn list_scope(access: super::role::Caller) -> Option<UnitId> {
    (access.role == Role::HostUnit).then_some(access.unit.unwrap_or(UnitId(-1)))
}

/// Who may create a delegation hosted by `host_unit_id`.
pub fn may_create(host_unit_id: UnitId, role: Role, unit: Option<UnitId>) -> bool {
    matches!(role, Role::Admin | Role::ForeignAffairs)
        || (role == Role::HostUnit && unit == Some(host_unit_id))
}

/// Roles of members in a delegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Head,
    DeputyHead,
    Member,
    Interpreter,
    Security,
    Other,
}
text_enum!(MemberRole {
    Head => "head", DeputyHead => "deputy_head", Member => "member", Interpreter => "interpreter",
    Security => "security", Other => "other",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}
text_enum!(Gender { Male => "male", Female => "female", Other => "other" });

#[cfg(test)]
mod tests;

/// A member of a delegation as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: super::ids::MemberId,
    pub delegation_id: DelegationId,
    pub full_name: String,
    pub gender: Option<Gender>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub passport_number: Option<String>,
    pub organization: Option<String>,
    pub position: Option<String>,
    pub role: MemberRole,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// What a transition request carries besides its action.
#[derive(Debug, Clone, Default)]
pub struct TransitionInput {
    pub note: Option<String>,
    pub recommendation: Option<Recommendation>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub report: Option<String>,
}

/// What the other data says when an action is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub members: i64,
    pub items: i64,
    /// Today in the province.
    pub today: NaiveDate,
}

/// Why an allowed action cannot be taken yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// 422: fields the action needs.
    Missing(Vec<(&'static str, &'static str)>),
    /// 409: a condition on other data.
    Condition(String),
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Checks what `action` needs (DESIGN.md, "Workflows", column "needs").
pub fn check_needs(
    action: DelegationAction,
    delegation: &Delegation,
    input: &TransitionInput,
    facts: Facts,
) -> Result<(), Unmet> {
    let mut missing = Vec::new();
    let note_needed = |missing: &mut Vec<_>, why| {
        if !filled(&input.note) {
            missing.push(("note", why));
        }
    };
    match action {
        A::Submit => {
            if facts.members == 0 || facts.items == 0 {
                return Err(Unmet::Condition(
                    "a delegation is submitted with at least one member and one itinerary item"
                        .into(),
                ));
            }
        }
        A::Return => note_needed(&mut missing, "say what to fix"),
        A::Appraise => {
            if input.recommendation.is_none() {
                missing.push(("recommendation", "approve or reject"));
            }
            note_needed(&mut missing, "give the appraisal");
        }
        A::Approve | A::Reject => {
            if !filled(&input.decision_number) {
                missing.push((
                    "decision_number",
                    "give the number of the province's decision",
                ));
            }
            if input.decision_date.is_none() {
                missing.push(("decision_date", "give the date of the province's decision"));
            }
        }
        A::Complete => {
            if facts.today < delegation.end_date {
                return Err(Unmet::Condition(format!(
                    "the delegation ends on {}; it can be completed from that day",
                    delegation.end_date
                )));
            }
        }
        A::Report => {
            if !filled(&input.report) {
                missing.push(("report", "give the report's text"));
            }
        }
        A::Cancel => note_needed(&mut missing, "say why it is cancelled"),
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Unmet::Missing(missing))
    }
}

/// Why a delegation waits on the caller's unit, and by when; `None` if it does not.
pub fn inbox_reason(
    delegation: &Delegation,
    role: Role,
    unit: Option<UnitId>,
    today: NaiveDate,
    due_days: u32,
) -> Option<(String, NaiveDate)> {
    let own = unit == Some(delegation.host_unit_id);
    let waiting = |reason: &str| Some((reason.to_owned(), delegation.start_date));
    match (role, delegation.status) {
        (Role::ForeignAffairs | Role::Admin, S::Submitted) => {
            waiting("submitted: appraise it or return it")
        }
        (Role::ProvincialOffice | Role::Admin, S::Appraised) => {
            waiting("appraised: the province's decision is due")
        }
        (Role::Police, S::Submitted | S::Appraised) if delegation.review.reviewed_at.is_none() => {
            waiting("no security review yet")
        }
        (Role::Police, S::Approved) if delegation.review.reviewed_at.is_none() => {
            waiting("approved without a security review")
        }
        (Role::Police, S::Approved) if delegation.review_outdated() => {
            waiting("the itinerary changed after the security review")
        }
        (Role::Police, S::Approved)
            if delegation.review.status != super::review::ReviewStatus::Cleared =>
        {
            waiting("approved without a cleared security review")
        }
        (Role::HostUnit, S::Draft) if own && delegation.returned_note.is_some() => {
            waiting("returned by Sở Ngoại vụ: see the note and submit again")
        }
        (Role::HostUnit | Role::Admin, S::Completed) if own || role == Role::Admin => {
            let due = delegation.report_due(due_days);
            let reason = if today > due {
                "the report is overdue"
            } else {
                "the report is due"
            };
            Some((reason.to_owned(), due))
        }
        _ => None,
    }
}
