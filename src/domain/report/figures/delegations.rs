//! The delegations' figures: those of one direction, by status, country,
//! unit and members' nationality; and their post-trip reports.

use std::collections::BTreeMap;

use super::{
    DelegationFact, DelegationFigures, Figure, Keyed, Names, PeriodFacts, PostTripFact,
    PostTripFigures, UnitCount, figure, keyed, tally,
};
use crate::domain::delegation::{DelegationStatus, Direction};
use crate::domain::ids::UnitId;

pub(super) fn delegations(
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

pub(super) fn post_trip(current: &PeriodFacts, previous: &PeriodFacts) -> PostTripFigures {
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
