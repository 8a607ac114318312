//! The figures of a report's period, each beside the same period a year
//! before, counted from what the records were at the period's cut-off
//! ([`PeriodFacts`], gathered by `model::report::figures`), and printed as
//! the tables of the report's documents ([`ReportFigures::tables`]).
//!
//! Pure: what counts where is decided here once; loading the facts as they
//! stood at the cut-off is `db::report`'s.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use self::delegations::{delegations, post_trip};
use self::press::press;
use super::Period;
use crate::domain::delegation::Direction;
use crate::domain::ids::UnitId;
use crate::domain::press::InterviewStatus;
use crate::domain::review::ReviewStatus;

mod delegations;
mod facts;
pub use facts::{
    AccreditationFact, ConferenceFact, DelegationFact, InterviewFact, PeriodFacts, PostTripFact,
    PressFacts, ReporterFact,
};
mod press;
pub use press::quarters;
mod tables;

/// A count in the period and in the same period a year before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Figure {
    pub current: i64,
    pub previous: i64,
}

/// A count under a key: a status, a country code, a nationality, an outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Keyed {
    pub key: String,
    pub current: i64,
    pub previous: i64,
}

/// A count for a host (incoming) or sending (outgoing) unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitCount {
    #[schema(value_type = i64)]
    pub unit_id: UnitId,
    pub name: String,
    pub current: i64,
    pub previous: i64,
}

/// Delegations of one direction.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct DelegationFigures {
    pub total: Figure,
    /// Every status, in the workflow's order.
    pub by_status: Vec<Keyed>,
    /// A delegation to or from several countries counts once for each.
    pub by_country: Vec<Keyed>,
    pub by_unit: Vec<UnitCount>,
    pub members: Figure,
    pub members_by_nationality: Vec<Keyed>,
}

/// Post-trip reports that fell due in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct PostTripFigures {
    pub on_time: Figure,
    pub late: Figure,
    /// Not filed by the cut-off.
    pub missing: Figure,
}

/// Security reviews of the period's delegations (and, for the province,
/// accreditations): how many the police concluded, how many with concerns.
/// Counts only: the police's notes are never part of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct ReviewFigures {
    pub done: Figure,
    pub with_concerns: Figure,
}

/// Leaders' interviews held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct InterviewFigures {
    pub foreign_press: Figure,
    pub domestic_press: Figure,
}

/// Press conferences held in one calendar quarter (clipped to the period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct QuarterFigures {
    /// `2026-Q1`; `previous` counts the same quarter a year before.
    pub quarter: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub periodic: Figure,
    pub ad_hoc: Figure,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ConferenceFigures {
    pub periodic: Figure,
    pub ad_hoc: Figure,
    pub by_quarter: Vec<QuarterFigures>,
    /// The period's quarters in which no periodic press conference was held
    /// (the Provincial Office's quarterly duty).
    pub quarters_without_periodic: Vec<String>,
}

/// The press side, province-wide.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PressFigures {
    /// Distinct foreign reporters on accreditations approved for the period.
    pub reporters: Figure,
    pub reporters_by_country: Vec<Keyed>,
    pub reporters_by_outlet: Vec<Keyed>,
    pub accreditations_approved: Figure,
    pub accreditations_rejected: Figure,
    pub accreditations_revoked: Figure,
    pub press_activities: Figure,
    pub conferences: ConferenceFigures,
}

/// The figures of a period for a unit or the province.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ReportFigures {
    pub period: Period,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub previous_period: Period,
    /// The unit these figures are of; absent for the province's.
    #[schema(required = true)]
    pub unit: Option<UnitCount>,
    pub incoming: DelegationFigures,
    pub outgoing: DelegationFigures,
    pub post_trip_reports: PostTripFigures,
    pub security_reviews: ReviewFigures,
    /// Absent for a caller who does not see the press side.
    #[schema(required = true)]
    pub interviews: Option<InterviewFigures>,
    /// The province's only, and not for a caller who does not see the
    /// press side.
    #[schema(required = true)]
    pub press: Option<PressFigures>,
}

/// One period's window, for quartering its conferences.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub period: Period,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

/// The unit of a unit's figures, and the names of the units counted.
#[derive(Debug)]
pub struct Names<'a> {
    pub unit: Option<UnitId>,
    pub names: &'a HashMap<UnitId, String>,
}

impl Names<'_> {
    fn of(&self, id: UnitId) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// The figures of `current` beside `previous` (the same facts a year before).
pub fn compare(
    window: Window,
    previous_period: Period,
    names: &Names<'_>,
    current: &PeriodFacts,
    previous: &PeriodFacts,
) -> ReportFigures {
    let direction = |dir| delegations(dir, names, current, previous);
    let reviews = |f: &PeriodFacts, which: fn(ReviewStatus) -> bool| {
        let accreditations = f.press.iter().flat_map(|p| &p.accreditations);
        f.delegations.iter().filter(|d| which(d.review)).count() as i64
            + accreditations.filter(|a| which(a.review)).count() as i64
    };
    let done = |r| matches!(r, ReviewStatus::Cleared | ReviewStatus::Concerns);
    let concerns = |r| r == ReviewStatus::Concerns;
    ReportFigures {
        period: window.period,
        first_day: window.first_day,
        last_day: window.last_day,
        previous_period,
        unit: names.unit.map(|id| UnitCount {
            unit_id: id,
            name: names.of(id),
            current: 0,
            previous: 0,
        }),
        incoming: direction(Direction::Incoming),
        outgoing: direction(Direction::Outgoing),
        post_trip_reports: post_trip(current, previous),
        security_reviews: ReviewFigures {
            done: figure(|f| reviews(f, done), current, previous),
            with_concerns: figure(|f| reviews(f, concerns), current, previous),
        },
        interviews: interviews(current, previous),
        press: press(window, current, previous),
    }
}

fn figure(
    count: impl Fn(&PeriodFacts) -> i64,
    current: &PeriodFacts,
    previous: &PeriodFacts,
) -> Figure {
    Figure {
        current: count(current),
        previous: count(previous),
    }
}

fn tally<'a>(keys: impl Iterator<Item = &'a str>) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for key in keys {
        *out.entry(key.to_owned()).or_insert(0) += 1;
    }
    out
}

/// Both periods' counts by key, largest now first, then by key.
fn keyed(current: BTreeMap<String, i64>, previous: BTreeMap<String, i64>) -> Vec<Keyed> {
    let mut keys: Vec<&String> = current.keys().chain(previous.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out: Vec<Keyed> = keys
        .into_iter()
        .map(|k| Keyed {
            key: k.clone(),
            current: current.get(k).copied().unwrap_or(0),
            previous: previous.get(k).copied().unwrap_or(0),
        })
        .collect();
    out.sort_by(|a, b| b.current.cmp(&a.current).then_with(|| a.key.cmp(&b.key)));
    out
}

fn interviews(current: &PeriodFacts, previous: &PeriodFacts) -> Option<InterviewFigures> {
    current.interviews.as_ref()?;
    let count = |foreign: bool| {
        figure(
            |f| {
                f.interviews
                    .iter()
                    .flatten()
                    .filter(|i| i.status == InterviewStatus::Done && i.foreign == foreign)
                    .count() as i64
            },
            current,
            previous,
        )
    };
    Some(InterviewFigures {
        foreign_press: count(true),
        domestic_press: count(false),
    })
}

#[cfg(test)]
mod tests;
