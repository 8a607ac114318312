//! The deadline rules on the real calendar: Tết, swaps, the 10-day notice.

use super::*;
use crate::domain::working_days::{Swap, known_swaps};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn calendar() -> WorkingCalendar {
    WorkingCalendar::new(CalendarSettings::default(), known_swaps())
}

#[test]
fn a_report_due_in_calendar_days_skips_tet_2027() {
    // Tết Đinh Mùi: lunar 1/1 is Saturday 6/2/2027; the eve (5/2) and
    // mùng 1–4 are off, with Saturday's day moved before the block (4/2)
    // and Sunday's after it (10/2). 25/1 + 15 = 9/2 is off: the period ends
    // on the next working day.
    let cal = calendar();
    let settings = DeadlineSettings::default();
    let rules = Rules {
        calendar: &cal,
        settings: &settings,
        today: d(2027, 1, 20),
    };
    let due = rules.report_due(d(2027, 1, 25));
    let mut expected = d(2027, 2, 9);
    while !cal.is_working(expected) {
        expected = expected.succ_opt().unwrap();
    }
    assert!(expected > d(2027, 2, 9), "9/2/2027 is a Tết day");
    assert_eq!(due, expected);
}

#[test]
fn a_report_due_in_working_days_skips_every_tet_day() {
    let cal = calendar();
    let settings = DeadlineSettings {
        report_day_count: DayCount::Working,
        ..DeadlineSettings::default()
    };
    let rules = Rules {
        calendar: &cal,
        settings: &settings,
        today: d(2027, 1, 20),
    };
    let end = d(2027, 1, 29);
    let due = rules.report_due(end);
    assert_eq!(cal.working_days_between(end, due), 15);
    // Fifteen weekdays would be 19/2; the Tết days push it further.
    assert!(due > d(2027, 2, 19));
}

#[test]
fn a_programme_nine_working_days_ahead_is_late_ten_is_met() {
    let cal = calendar();
    let settings = DeadlineSettings::default();
    let rules = Rules {
        calendar: &cal,
        settings: &settings,
        today: d(2027, 3, 1),
    };
    let start = d(2027, 3, 29);
    let ten = cal.working_days_before(start, 10).unwrap();
    let nine = cal.working_days_before(start, 9).unwrap();
    let facts = |registered_on| AccreditationFacts {
        closed: false,
        registered_on,
        start_date: start,
        resident: false,
        answered_on: None,
        reviewed_on: None,
    };
    let on_time = accreditation(&rules, &facts(ten));
    assert_eq!(on_time[0].what, DeadlineKind::ProgrammeNotice);
    assert_eq!(on_time[0].state, DeadlineState::Met);
    assert_eq!(
        accreditation(&rules, &facts(nine))[0].state,
        DeadlineState::Late
    );
}

#[test]
fn a_swap_day_moves_a_due_date_that_spans_it() {
    let settings = DeadlineSettings {
        report_day_count: DayCount::Working,
        report_days: 5,
        ..DeadlineSettings::default()
    };
    let before = calendar();
    let rules = Rules {
        calendar: &before,
        settings: &settings,
        today: d(2027, 6, 1),
    };
    let end = d(2027, 6, 7);
    let due = rules.report_due(end);
    let mut swaps = known_swaps();
    swaps.push(Swap {
        date: d(2027, 6, 9),
        working: false,
        note: "x".into(),
    });
    let after = WorkingCalendar::new(CalendarSettings::default(), swaps);
    let rules = Rules {
        calendar: &after,
        settings: &settings,
        today: d(2027, 6, 1),
    };
    assert_eq!(rules.report_due(end), due.succ_opt().unwrap());
}

#[test]
fn states_and_days_left() {
    let cal = calendar();
    let settings = DeadlineSettings::default();
    // Monday 7/6/2027.
    let rules = Rules {
        calendar: &cal,
        settings: &settings,
        today: d(2027, 6, 7),
    };
    let ahead = rules.deadline(DeadlineKind::Report, d(2027, 6, 10), None);
    assert_eq!(
        (ahead.state, ahead.working_days_left),
        (DeadlineState::Pending, 3)
    );
    let past = rules.deadline(DeadlineKind::Report, d(2027, 6, 3), None);
    assert_eq!(
        (past.state, past.working_days_left),
        (DeadlineState::Overdue, -2)
    );
    let late = rules.deadline(DeadlineKind::Report, d(2027, 6, 3), Some(d(2027, 6, 4)));
    assert_eq!(late.state, DeadlineState::Late);
}

#[test]
fn an_incoming_delegation_owes_a_review_before_it_starts() {
    let cal = calendar();
    let settings = DeadlineSettings::default();
    let rules = Rules {
        calendar: &cal,
        settings: &settings,
        today: d(2027, 6, 1),
    };
    let facts = DelegationFacts {
        incoming: true,
        closed: false,
        approved: false,
        start_date: d(2027, 6, 14),
        end_date: d(2027, 6, 18),
        reviewed_on: Some(d(2027, 6, 12)),
        reported_on: None,
    };
    let out = delegation(&rules, &facts);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].due_date, d(2027, 6, 11));
    assert_eq!(out[0].state, DeadlineState::Met);
}

#[test]
fn names_match_serde() {
    for k in DeadlineKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
    for s in DeadlineState::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
}

#[test]
fn a_foreign_bodys_conference_is_registered_two_working_days_ahead() {
    let cal = calendar();
    let settings = DeadlineSettings::default();
    let rules = Rules {
        calendar: &cal,
        settings: &settings,
        today: d(2026, 4, 20),
    };
    let state = |day: NaiveDate, registered: NaiveDate| {
        let all = conference(
            &rules,
            &ConferenceFacts {
                day,
                registered_on: Some(registered),
            },
        );
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].what, DeadlineKind::ConferenceNotice);
        (all[0].due_date, all[0].state)
    };
    // Monday 4/5/2026 after 30/4 and 1/5: Wednesday 29/4 is one working
    // day ahead (late), Tuesday 28/4 two (met).
    assert_eq!(
        state(d(2026, 5, 4), d(2026, 4, 29)),
        (d(2026, 4, 28), DeadlineState::Late)
    );
    assert_eq!(
        state(d(2026, 5, 4), d(2026, 4, 28)),
        (d(2026, 4, 28), DeadlineState::Met)
    );
    // The province's own registers with nobody.
    let own = ConferenceFacts {
        day: d(2026, 5, 4),
        registered_on: None,
    };
    assert!(conference(&rules, &own).is_empty());
}
