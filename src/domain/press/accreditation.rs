//! Accreditations: a press programme of reporters in the province, its
//! workflow, what an action needs beyond the table, its scheduled
//! activities, and what each role may do to it now.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{FA, POLICE};
use crate::domain::ids::{AccreditationId, PressActivityId, ReporterId, UserId};
use crate::domain::itinerary::{ItemStatus, Place};
use crate::domain::review::{ReviewStatus, SecurityReview};
use crate::domain::role::Role;
use crate::domain::text::fold;
use crate::domain::workflow::{Rule, Subject, Verdict, decide};

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
