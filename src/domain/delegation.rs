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

mod editing;
pub use editing::{Allowed, EditVerdict, allowed, deletable, may_edit, may_edit_itinerary};
mod member;
pub use member::{Gender, Member, MemberRole};
mod needs;
pub use needs::{Facts, TransitionInput, Unmet, check_needs, inputs};

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

#[cfg(test)]
mod tests;

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
