//! The press side's figures, province-wide: distinct reporters, the
//! accreditations' outcomes, press activities, and conferences by quarter.

use chrono::{Datelike, NaiveDate};

use super::{
    ConferenceFigures, Figure, PeriodFacts, PressFacts, PressFigures, QuarterFigures, ReporterFact,
    Window, keyed, tally,
};
use crate::domain::press::{AccreditationStatus, ConferenceKind, ConferenceStatus};

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

pub(super) fn press(
    window: Window,
    current: &PeriodFacts,
    previous: &PeriodFacts,
) -> Option<PressFigures> {
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
