//! The figures of a report's period, each beside the same period a year
//! before, counted from what the records were at the period's cut-off
//! ([`PeriodFacts`], gathered by `model::report::figures`), and printed as
//! the tables of the report's documents ([`ReportFigures::tables`]).
//!
//! Pure: what counts where is decided here once; loading the facts as they
//! stood at the cut-off is `db::report`'s.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use super::Period;
use crate::domain::delegation::{DelegationStatus, Direction};
use crate::domain::ids::UnitId;
use crate::domain::press::{
    AccreditationStatus, ConferenceKind, ConferenceStatus, InterviewStatus,
};
use crate::domain::review::ReviewStatus;

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

/// What one delegation counted in a period says, as it stood at the cut-off.
#[derive(Debug, Clone)]
pub struct DelegationFact {
    pub direction: Direction,
    pub status: DelegationStatus,
    pub countries: Vec<String>,
    pub unit: UnitId,
    /// One nationality per member on it at the cut-off.
    pub nationalities: Vec<String>,
    pub review: ReviewStatus,
}

/// A post-trip report that fell due in the period: when, and the province
/// day it was filed if it was by the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct PostTripFact {
    pub due: NaiveDate,
    pub filed_on: Option<NaiveDate>,
}

/// A reporter on an accreditation.
#[derive(Debug, Clone)]
pub struct ReporterFact {
    pub id: i64,
    pub nationality: String,
    pub outlet: String,
}

/// What one accreditation counted in a period says at the cut-off.
#[derive(Debug, Clone)]
pub struct AccreditationFact {
    pub status: AccreditationStatus,
    pub review: ReviewStatus,
    pub reporters: Vec<ReporterFact>,
    /// Its press activities starting in the period, not cancelled.
    pub activities: i64,
}

impl AccreditationFact {
    /// The reporters came: it was approved (and may since have ended or
    /// been revoked).
    fn received(&self) -> bool {
        use AccreditationStatus as A;
        matches!(self.status, A::Approved | A::Completed | A::Revoked)
    }
}

/// An interview starting in the period, at the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct InterviewFact {
    pub status: InterviewStatus,
    /// With at least one reporter who is not Vietnamese.
    pub foreign: bool,
}

/// A press conference starting in the period, at the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct ConferenceFact {
    pub kind: ConferenceKind,
    pub status: ConferenceStatus,
    /// Its day in its own zone.
    pub day: NaiveDate,
}

/// Everything one period's figures are counted from. `interviews` is absent
/// for a caller who does not see the press side; `press` (accreditations,
/// activities, conferences, which belong to no host unit) also for a unit.
#[derive(Debug, Clone, Default)]
pub struct PeriodFacts {
    pub delegations: Vec<DelegationFact>,
    pub post_trip: Vec<PostTripFact>,
    pub interviews: Option<Vec<InterviewFact>>,
    pub press: Option<PressFacts>,
}

#[derive(Debug, Clone, Default)]
pub struct PressFacts {
    pub accreditations: Vec<AccreditationFact>,
    pub conferences: Vec<ConferenceFact>,
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

fn delegations(
    direction: Direction,
    names: &Names<'_>,
    current: &PeriodFacts,
    previous: &PeriodFacts,
) -> DelegationFigures {
    let of = |f: &'_ PeriodFacts| -> Vec<DelegationFact> {
        f.delegations
            .iter()
            .filter(|d| d.direction == direction)
            .cloned()
            .collect()
    };
    let (cur, prev) = (of(current), of(previous));
    let by_status = DelegationStatus::ALL
        .iter()
        .map(|s| Keyed {
            key: s.as_str().to_owned(),
            current: cur.iter().filter(|d| d.status == *s).count() as i64,
            previous: prev.iter().filter(|d| d.status == *s).count() as i64,
        })
        .collect();
    let countries = |ds: &[DelegationFact]| {
        tally(
            ds.iter()
                .flat_map(|d| d.countries.iter().map(String::as_str)),
        )
    };
    let nationalities = |ds: &[DelegationFact]| {
        tally(
            ds.iter()
                .flat_map(|d| d.nationalities.iter().map(String::as_str)),
        )
    };
    let units = |ds: &[DelegationFact]| {
        let mut m: BTreeMap<UnitId, i64> = BTreeMap::new();
        for d in ds {
            *m.entry(d.unit).or_insert(0) += 1;
        }
        m
    };
    let (cu, pu) = (units(&cur), units(&prev));
    let mut by_unit: Vec<UnitCount> = cu
        .keys()
        .chain(pu.keys())
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|id| UnitCount {
            unit_id: id,
            name: names.of(id),
            current: cu.get(&id).copied().unwrap_or(0),
            previous: pu.get(&id).copied().unwrap_or(0),
        })
        .collect();
    by_unit.sort_by(|a, b| b.current.cmp(&a.current).then_with(|| a.name.cmp(&b.name)));
    let members = |ds: &[DelegationFact]| ds.iter().map(|d| d.nationalities.len() as i64).sum();
    DelegationFigures {
        total: Figure {
            current: cur.len() as i64,
            previous: prev.len() as i64,
        },
        by_status,
        by_country: keyed(countries(&cur), countries(&prev)),
        by_unit,
        members: Figure {
            current: members(&cur),
            previous: members(&prev),
        },
        members_by_nationality: keyed(nationalities(&cur), nationalities(&prev)),
    }
}

fn post_trip(current: &PeriodFacts, previous: &PeriodFacts) -> PostTripFigures {
    let count = |which: fn(&PostTripFact) -> bool| {
        figure(
            |f| f.post_trip.iter().filter(|r| which(r)).count() as i64,
            current,
            previous,
        )
    };
    PostTripFigures {
        on_time: count(|r| r.filed_on.is_some_and(|d| d <= r.due)),
        late: count(|r| r.filed_on.is_some_and(|d| d > r.due)),
        missing: count(|r| r.filed_on.is_none()),
    }
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

/// The calendar quarters the window touches, clipped to it.
pub fn quarters(
    first_day: NaiveDate,
    last_day: NaiveDate,
) -> Vec<(i32, u32, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = first_day;
    while start <= last_day {
        let q = (start.month() - 1) / 3 + 1;
        let next = if q == 4 {
            NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(start.year(), q * 3 + 1, 1)
        };
        let Some(next) = next else { break };
        let end = next.pred_opt().unwrap_or(next).min(last_day);
        out.push((start.year(), q, start, end));
        start = next;
    }
    out
}

fn quarter_of(day: NaiveDate) -> (i32, u32) {
    (day.year(), (day.month() - 1) / 3 + 1)
}

fn press(window: Window, current: &PeriodFacts, previous: &PeriodFacts) -> Option<PressFigures> {
    let cur = current.press.as_ref()?;
    let empty = PressFacts::default();
    let prev = previous.press.as_ref().unwrap_or(&empty);
    let reporters = |p: &PressFacts| -> Vec<ReporterFact> {
        let mut seen = std::collections::HashSet::new();
        p.accreditations
            .iter()
            .filter(|a| a.received())
            .flat_map(|a| a.reporters.iter())
            .filter(|r| seen.insert(r.id))
            .cloned()
            .collect()
    };
    let (rc, rp) = (reporters(cur), reporters(prev));
    let by = |rs: &[ReporterFact], key: fn(&ReporterFact) -> &str| tally(rs.iter().map(key));
    let status = |which: fn(AccreditationStatus) -> bool| Figure {
        current: cur
            .accreditations
            .iter()
            .filter(|a| which(a.status))
            .count() as i64,
        previous: prev
            .accreditations
            .iter()
            .filter(|a| which(a.status))
            .count() as i64,
    };
    let activities = |p: &PressFacts| {
        p.accreditations
            .iter()
            .filter(|a| a.received())
            .map(|a| a.activities)
            .sum()
    };
    let held = |p: &PressFacts, kind: ConferenceKind, quarter: Option<(i32, u32)>| {
        p.conferences
            .iter()
            .filter(|c| c.status == ConferenceStatus::Held && c.kind == kind)
            .filter(|c| quarter.is_none_or(|q| quarter_of(c.day) == q))
            .count() as i64
    };
    let by_quarter: Vec<QuarterFigures> = quarters(window.first_day, window.last_day)
        .into_iter()
        .map(|(year, q, first_day, last_day)| {
            let (now, before) = (Some((year, q)), Some((year - 1, q)));
            let kind = |k| Figure {
                current: held(cur, k, now),
                previous: held(prev, k, before),
            };
            QuarterFigures {
                quarter: format!("{year}-Q{q}"),
                first_day,
                last_day,
                periodic: kind(ConferenceKind::Periodic),
                ad_hoc: kind(ConferenceKind::AdHoc),
            }
        })
        .collect();
    let quarters_without_periodic = by_quarter
        .iter()
        .filter(|q| q.periodic.current == 0)
        .map(|q| q.quarter.clone())
        .collect();
    use AccreditationStatus as A;
    Some(PressFigures {
        reporters: Figure {
            current: rc.len() as i64,
            previous: rp.len() as i64,
        },
        reporters_by_country: keyed(by(&rc, |r| &r.nationality), by(&rp, |r| &r.nationality)),
        reporters_by_outlet: keyed(by(&rc, |r| &r.outlet), by(&rp, |r| &r.outlet)),
        // Completed accreditations were approved and ran their course.
        accreditations_approved: status(|s| matches!(s, A::Approved | A::Completed)),
        accreditations_rejected: status(|s| s == A::Rejected),
        accreditations_revoked: status(|s| s == A::Revoked),
        press_activities: Figure {
            current: activities(cur),
            previous: activities(prev),
        },
        conferences: ConferenceFigures {
            periodic: Figure {
                current: held(cur, ConferenceKind::Periodic, None),
                previous: held(prev, ConferenceKind::Periodic, None),
            },
            ad_hoc: Figure {
                current: held(cur, ConferenceKind::AdHoc, None),
                previous: held(prev, ConferenceKind::AdHoc, None),
            },
            by_quarter,
            quarters_without_periodic,
        },
    })
}

mod tables;

#[cfg(test)]
mod tests;
