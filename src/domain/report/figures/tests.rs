//! The counting rules of a period's figures, on facts made by hand.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::documents::Cell;
use crate::domain::delegation::DelegationStatus;
use crate::domain::press::{AccreditationStatus, ConferenceKind, ConferenceStatus};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn delegation(
    direction: Direction,
    status: DelegationStatus,
    countries: &[&str],
) -> DelegationFact {
    DelegationFact {
        direction,
        status,
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        unit: UnitId(7),
        nationalities: vec!["JP".into(), "JP".into(), "KR".into()],
        review: ReviewStatus::Pending,
    }
}

fn window() -> Window {
    Window {
        period: Period::half_year(2026),
        first_day: d(2025, 12, 15),
        last_day: d(2026, 6, 14),
    }
}

fn figures(current: &PeriodFacts, previous: &PeriodFacts) -> ReportFigures {
    let names = HashMap::from([(UnitId(7), "Sở Công Thương".to_owned())]);
    let names = Names {
        unit: None,
        names: &names,
    };
    compare(window(), Period::half_year(2025), &names, current, previous)
}

#[test]
fn quarters_of_a_half_year_are_clipped_to_it() {
    let q = quarters(d(2025, 12, 15), d(2026, 6, 14));
    assert_eq!(
        q,
        [
            (2025, 4, d(2025, 12, 15), d(2025, 12, 31)),
            (2026, 1, d(2026, 1, 1), d(2026, 3, 31)),
            (2026, 2, d(2026, 4, 1), d(2026, 6, 14)),
        ]
    );
    assert_eq!(quarters(d(2026, 1, 1), d(2026, 12, 31)).len(), 4);
    assert!(quarters(d(2026, 2, 1), d(2026, 1, 1)).is_empty());
}

#[test]
fn delegations_count_by_status_country_unit_and_nationality() {
    let current = PeriodFacts {
        delegations: vec![
            delegation(
                Direction::Incoming,
                DelegationStatus::Approved,
                &["JP", "KR"],
            ),
            delegation(Direction::Incoming, DelegationStatus::Cancelled, &["JP"]),
            delegation(Direction::Outgoing, DelegationStatus::Draft, &["FR"]),
        ],
        ..Default::default()
    };
    let previous = PeriodFacts {
        delegations: vec![delegation(
            Direction::Incoming,
            DelegationStatus::Reported,
            &["JP"],
        )],
        ..Default::default()
    };
    let f = figures(&current, &previous);
    assert_eq!(
        f.incoming.total,
        Figure {
            current: 2,
            previous: 1
        }
    );
    let status = |s: &str| {
        f.incoming
            .by_status
            .iter()
            .find(|k| k.key == s)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (status("approved").current, status("reported").previous),
        (1, 1)
    );
    assert_eq!(f.incoming.by_status.len(), DelegationStatus::ALL.len());
    assert_eq!(f.incoming.by_country[0].key, "JP");
    assert_eq!(
        (
            f.incoming.by_country[0].current,
            f.incoming.by_country[0].previous
        ),
        (2, 1)
    );
    assert_eq!(f.incoming.by_unit[0].name, "Sở Công Thương");
    assert_eq!(
        f.incoming.members,
        Figure {
            current: 6,
            previous: 3
        }
    );
    assert_eq!(
        f.outgoing.total,
        Figure {
            current: 1,
            previous: 0
        }
    );
    assert!(f.interviews.is_none() && f.press.is_none());
}

#[test]
fn post_trip_reports_are_on_time_late_or_missing() {
    let due = d(2026, 3, 1);
    let current = PeriodFacts {
        post_trip: vec![
            PostTripFact {
                due,
                filed_on: Some(due),
            },
            PostTripFact {
                due,
                filed_on: Some(d(2026, 3, 2)),
            },
            PostTripFact {
                due,
                filed_on: None,
            },
            PostTripFact {
                due,
                filed_on: None,
            },
        ],
        ..Default::default()
    };
    let f = figures(&current, &PeriodFacts::default());
    assert_eq!(f.post_trip_reports.on_time.current, 1);
    assert_eq!(f.post_trip_reports.late.current, 1);
    assert_eq!(f.post_trip_reports.missing.current, 2);
}

#[test]
fn press_counts_received_reporters_once_and_finds_quarters_without_a_conference() {
    let reporter = |id, nationality: &str| ReporterFact {
        id,
        nationality: nationality.into(),
        outlet: "NHK".into(),
    };
    let acc = |status, review, reporters| AccreditationFact {
        status,
        review,
        reporters,
        activities: 2,
    };
    let conference = |kind, status, day| ConferenceFact { kind, status, day };
    let current = PeriodFacts {
        interviews: Some(vec![
            InterviewFact {
                status: InterviewStatus::Done,
                foreign: true,
            },
            InterviewFact {
                status: InterviewStatus::Approved,
                foreign: true,
            },
            InterviewFact {
                status: InterviewStatus::Done,
                foreign: false,
            },
        ]),
        press: Some(PressFacts {
            accreditations: vec![
                acc(
                    AccreditationStatus::Approved,
                    ReviewStatus::Cleared,
                    vec![reporter(1, "JP"), reporter(2, "US")],
                ),
                acc(
                    AccreditationStatus::Revoked,
                    ReviewStatus::Concerns,
                    vec![reporter(1, "JP")],
                ),
                acc(
                    AccreditationStatus::Rejected,
                    ReviewStatus::Concerns,
                    vec![reporter(3, "CN")],
                ),
            ],
            conferences: vec![
                conference(
                    ConferenceKind::Periodic,
                    ConferenceStatus::Held,
                    d(2026, 2, 1),
                ),
                conference(ConferenceKind::AdHoc, ConferenceStatus::Held, d(2026, 5, 1)),
                conference(
                    ConferenceKind::Periodic,
                    ConferenceStatus::Cancelled,
                    d(2026, 5, 2),
                ),
            ],
        }),
        ..Default::default()
    };
    let previous = PeriodFacts {
        press: Some(PressFacts {
            conferences: vec![conference(
                ConferenceKind::Periodic,
                ConferenceStatus::Held,
                d(2025, 5, 1),
            )],
            ..Default::default()
        }),
        ..Default::default()
    };
    let f = figures(&current, &previous);
    let i = f.interviews.unwrap();
    assert_eq!((i.foreign_press.current, i.domestic_press.current), (1, 1));
    let p = f.press.unwrap();
    assert_eq!(
        p.reporters.current, 2,
        "reporter 1 counts once; the rejected one not"
    );
    assert_eq!(p.press_activities.current, 4);
    assert_eq!(p.accreditations_approved.current, 1);
    assert_eq!(p.accreditations_rejected.current, 1);
    assert_eq!(p.accreditations_revoked.current, 1);
    assert_eq!(f.security_reviews.done.current, 3);
    assert_eq!(f.security_reviews.with_concerns.current, 2);
    assert_eq!(
        p.conferences.quarters_without_periodic,
        ["2025-Q4", "2026-Q2"]
    );
    let q2 = &p.conferences.by_quarter[2];
    assert_eq!(
        (q2.periodic.current, q2.periodic.previous, q2.ad_hoc.current),
        (0, 1, 1)
    );
}

#[test]
fn tables_have_one_cell_per_heading_and_vietnamese_titles() {
    let current = PeriodFacts {
        delegations: vec![delegation(
            Direction::Incoming,
            DelegationStatus::Approved,
            &["JP"],
        )],
        interviews: Some(Vec::new()),
        press: Some(PressFacts::default()),
        ..Default::default()
    };
    let tables = figures(&current, &PeriodFacts::default()).tables();
    assert!(tables.iter().any(|t| t.title == "Đoàn vào theo trạng thái"));
    assert!(tables.iter().any(|t| t.title == "Họp báo theo quý"));
    for t in &tables {
        assert!(
            t.rows.iter().all(|r| r.len() == t.headers.len()),
            "{}",
            t.title
        );
    }
    let status = tables
        .iter()
        .find(|t| t.title == "Đoàn vào theo trạng thái")
        .unwrap();
    let total = status.rows.last().unwrap();
    assert_eq!(total[0], Cell::Text("Tổng số".into()));
    assert_eq!(total[1], Cell::Number(1));
}
