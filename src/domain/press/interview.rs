//! Leaders' interviews: their workflow, who writes them, and the
//! accreditation an interview with foreign reporters needs.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Accreditation, FA, PO};
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId, UnitId, UserId};
use crate::domain::role::Role;
use crate::domain::workflow::{Rule, Subject, Verdict, decide};

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

impl InterviewStatus {
    /// Its fields may change (and it can still be held): requested or approved.
    pub fn open_to_changes(self) -> bool {
        matches!(self, Self::Requested | Self::Approved)
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
