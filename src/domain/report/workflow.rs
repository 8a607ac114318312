//! A unit's report and its workflow: drafted by the unit, submitted to the
//! compiling unit, returned with a note or accepted (DESIGN.md, "Reports").
//! The table is data like the other workflows'; who acts is not a role
//! here but the caller's relation to the report (a member of its unit, a
//! member of the compiling unit), so the rows name relations and one pure
//! function turns the caller into the [`Verdict`] the other tables give.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::period::Period;
use super::settings::ReportSettings;
use crate::domain::ids::{UnitId, UnitReportId, UserId};
use crate::domain::role::{Caller, Role};
use crate::domain::workflow::Verdict;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Draft,
    Submitted,
    Returned,
    Accepted,
}
text_enum!(ReportStatus {
    Draft => "draft", Submitted => "submitted", Returned => "returned", Accepted => "accepted",
});

impl ReportStatus {
    /// The unit writes its sections while the report is its own: a draft,
    /// or returned to it for changes.
    pub fn open_to_changes(self) -> bool {
        matches!(self, ReportStatus::Draft | ReportStatus::Returned)
    }

    /// The unit has handed it in (it waits on the compiling unit or is done).
    pub fn handed_in(self) -> bool {
        matches!(self, ReportStatus::Submitted | ReportStatus::Accepted)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    Submit,
    Return,
    Accept,
}
text_enum!(ReportAction {
    Submit => "submit", Return => "return", Accept => "accept",
});

/// Who may take a row of the table, besides the administrator (who may
/// take every row, as in the other tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// A member of the report's unit (any role that writes: not `viewer`).
    ReportingUnit,
    /// A member of the compiling unit (`settings.reports.compiling_unit`).
    CompilingUnit,
}

/// One row: `action` from `from` to `to`, by `who`.
#[derive(Debug)]
pub struct ReportRule {
    pub action: ReportAction,
    pub from: &'static [ReportStatus],
    pub to: ReportStatus,
    pub who: &'static [Party],
}

use ReportStatus as S;

/// The unit-report workflow (DESIGN.md, "Reports"; issue 17).
pub const WORKFLOW: &[ReportRule] = &[
    ReportRule {
        action: ReportAction::Submit,
        from: &[S::Draft, S::Returned],
        to: S::Submitted,
        who: &[Party::ReportingUnit],
    },
    ReportRule {
        action: ReportAction::Return,
        from: &[S::Submitted],
        to: S::Returned,
        who: &[Party::CompilingUnit],
    },
    ReportRule {
        action: ReportAction::Accept,
        from: &[S::Submitted],
        to: S::Accepted,
        who: &[Party::CompilingUnit],
    },
];

/// The caller as the report workflow sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub role: Role,
    /// A member of the report's unit.
    pub in_reporting_unit: bool,
    /// A member of the compiling unit.
    pub in_compiling_unit: bool,
}

impl Standing {
    pub fn of(caller: Caller, report_unit: UnitId, compiling_unit: Option<UnitId>) -> Standing {
        Standing {
            role: caller.role,
            in_reporting_unit: caller.unit == Some(report_unit),
            in_compiling_unit: caller.unit.is_some() && caller.unit == compiling_unit,
        }
    }

    fn is(self, party: Party) -> bool {
        // A viewer writes nothing (DESIGN.md, "Roles"), in its unit or not.
        self.role != Role::Viewer
            && match party {
                Party::ReportingUnit => self.in_reporting_unit,
                Party::CompilingUnit => self.in_compiling_unit,
            }
    }

    /// May take this row: the administrator, or one of its parties.
    fn may(self, rule: &ReportRule) -> bool {
        self.role == Role::Admin || rule.who.iter().any(|p| self.is(*p))
    }

    /// May write the sections (the reporting unit's own words).
    pub fn may_edit(self) -> bool {
        self.role == Role::Admin || self.is(Party::ReportingUnit)
    }

    /// May see the report: its own unit, the compiling unit (which
    /// follows every unit's work, drafts included, to see who is behind)
    /// and the administrator; no one else (a unit's report speaks of its
    /// own unit, as a host unit's delegations are its own).
    pub fn sees(self) -> bool {
        self.role == Role::Admin || self.in_reporting_unit || self.in_compiling_unit
    }

    /// May read the province's overview of who has reported: the
    /// administrator and the compiling unit.
    pub fn reads_province(role: Role, in_compiling_unit: bool) -> bool {
        role == Role::Admin || in_compiling_unit
    }
}

/// Decides `action` from `current` for `who`: 403 before 409, as
/// `domain::workflow::decide` does for the role tables.
pub fn decide(action: ReportAction, current: ReportStatus, who: Standing) -> Verdict<ReportStatus> {
    let rules: Vec<&ReportRule> = WORKFLOW.iter().filter(|r| r.action == action).collect();
    if !rules.iter().any(|r| who.may(r)) {
        return Verdict::Forbidden;
    }
    if let Some(rule) = rules
        .iter()
        .find(|r| r.from.contains(&current) && who.may(r))
    {
        return Verdict::Go(rule.to);
    }
    let mut allowed_from = Vec::new();
    for rule in rules.iter().filter(|r| who.may(r)) {
        for state in rule.from {
            if !allowed_from.contains(state) {
                allowed_from.push(*state);
            }
        }
    }
    Verdict::WrongState {
        current,
        allowed_from,
    }
}

/// What an action needs besides the table: returning says what to fix;
/// a report is handed in with its results written (the one section every
/// unit has something to say in).
pub fn check_needs(
    action: ReportAction,
    note: Option<&str>,
    sections: &Sections,
) -> Result<(), (&'static str, &'static str)> {
    match action {
        ReportAction::Return if note.is_none_or(|n| n.trim().is_empty()) => {
            Err(("note", "returning a report needs a note saying what to fix"))
        }
        ReportAction::Submit if sections.results.trim().is_empty() => {
            Err(("results", "a report is submitted with its results written"))
        }
        _ => Ok(()),
    }
}

/// The four sections only the unit can write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Sections {
    /// Results of the period's foreign-information work.
    pub results: String,
    /// Difficulties and limits.
    pub difficulties: String,
    /// Proposals (kiến nghị, đề xuất).
    pub proposals: String,
    /// Plan for the next period.
    pub plan: String,
}

/// A unit's report for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitReport {
    pub id: UnitReportId,
    pub unit_id: UnitId,
    pub period: Period,
    pub status: ReportStatus,
    pub sections: Sections,
    /// The compiling unit's note when it last returned the report.
    pub return_note: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i64,
}

/// Where a unit stands on a period's report, as the compiling unit's
/// overview shows it: not begun, or its report's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Accepted,
}

impl Progress {
    pub fn of(status: Option<ReportStatus>) -> Progress {
        match status {
            None => Progress::NotStarted,
            Some(ReportStatus::Draft) => Progress::Draft,
            Some(ReportStatus::Submitted) => Progress::Submitted,
            Some(ReportStatus::Returned) => Progress::Returned,
            Some(ReportStatus::Accepted) => Progress::Accepted,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Progress::NotStarted => "not_started",
            Progress::Draft => "draft",
            Progress::Submitted => "submitted",
            Progress::Returned => "returned",
            Progress::Accepted => "accepted",
        }
    }
}

/// A unit is late once the due day has passed and its report was not
/// handed in (not begun, a draft, or returned and not sent again). On the
/// due day itself it is still in time.
pub fn overdue(status: Option<ReportStatus>, due: NaiveDate, today: NaiveDate) -> bool {
    today > due && !status.is_some_and(ReportStatus::handed_in)
}

/// The period whose due day comes next (today's, on the due day itself):
/// the one a unit is working on.
pub fn next_due(today: NaiveDate, settings: &ReportSettings) -> Period {
    let year = chrono::Datelike::year(&today);
    [year, year + 1]
        .into_iter()
        .flat_map(|y| [Period::half_year(y), Period::year(y)])
        .filter(|p| p.due(settings) >= today)
        .min_by_key(|p| p.due(settings))
        .unwrap_or(Period::year(year + 1))
}

/// The period whose due day passed last before `today`: the one whose late
/// units the compiling unit is reminded of, until the next falls due (a
/// reminder for every past period would bury the one that matters).
pub fn last_due(today: NaiveDate, settings: &ReportSettings) -> Period {
    let year = chrono::Datelike::year(&today);
    let mut candidates = Vec::new();
    for y in [year - 1, year, year + 1] {
        candidates.push(Period::half_year(y));
        candidates.push(Period::year(y));
    }
    candidates
        .into_iter()
        .filter(|p| p.due(settings) < today)
        .max_by_key(|p| (p.due(settings), p.kind == super::PeriodKind::Year))
        .unwrap_or(Period::year(year - 1))
}

#[cfg(test)]
mod tests;
