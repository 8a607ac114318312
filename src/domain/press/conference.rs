//! Press conferences: their kinds and workflow (the Provincial Office's
//! alone), who writes them, and the quarter a periodic one is held in.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Organizer, PO};
use crate::domain::ids::{PressConferenceId, UserId};
use crate::domain::role::Role;
use crate::domain::workflow::{Rule, Subject, Verdict, decide};

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

impl ConferenceStatus {
    /// Its fields and attendees may change: planned or announced.
    pub fn open_to_changes(self) -> bool {
        matches!(self, Self::Planned | Self::Announced)
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
