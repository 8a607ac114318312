//! Unit tests of `domain::working_days`.

use chrono::Days;

use super::*;
use crate::domain::lunar;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn calendar() -> WorkingCalendar {
    WorkingCalendar::new(CalendarSettings::default(), known_swaps())
}

fn off_days(cal: &WorkingCalendar, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| !cal.is_working(*d))
        .collect()
}

fn holiday_on(cal: &WorkingCalendar, d: NaiveDate) -> Option<HolidayName> {
    cal.day(d).holiday
}

#[test]
fn tet_dates() {
    let cal = calendar();
    for (year, tet) in [
        (1985, date(1985, 1, 21)),
        (2007, date(2007, 2, 17)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        (2030, date(2030, 2, 2)),
    ] {
        assert_eq!(lunar::new_year(year), Some(tet));
        if year >= FIRST_YEAR {
            assert_eq!(holiday_on(&cal, tet), Some(HolidayName::TetDay(1)));
        }
    }
    assert_eq!(
        holiday_on(&cal, date(2026, 4, 26)),
        Some(HolidayName::HungKings)
    );
}

#[test]
fn year_2026_with_swaps() {
    let cal = calendar();
    // New Year: Thursday 1/1 and the swapped Friday 2/1; Saturday 10/1 worked.
    assert_eq!(
        off_days(&cal, date(2026, 1, 1), date(2026, 1, 11)),
        [1, 2, 3, 4, 11].map(|d| date(2026, 1, d))
    );
    assert!(cal.is_working(date(2026, 1, 10)));
    assert!(cal.day(date(2026, 1, 2)).swap.is_some());
    // Tết: Saturday 14/2 to Sunday 22/2, working on both sides.
    assert!(cal.is_working(date(2026, 2, 13)));
    assert_eq!(
        off_days(&cal, date(2026, 2, 13), date(2026, 2, 23)),
        (14..=22).map(|d| date(2026, 2, d)).collect::<Vec<_>>()
    );
    assert_eq!(
        holiday_on(&cal, date(2026, 2, 16)),
        Some(HolidayName::TetEve)
    );
    assert_eq!(
        holiday_on(&cal, date(2026, 2, 20)),
        Some(HolidayName::TetDay(4))
    );
    // Giỗ Tổ on Sunday 26/4, its substitute Monday 27/4; then 30/4, 1/5.
    assert_eq!(
        holiday_on(&cal, date(2026, 4, 27)),
        Some(HolidayName::Substitute(Box::new(HolidayName::HungKings)))
    );
    assert_eq!(
        off_days(&cal, date(2026, 4, 25), date(2026, 5, 4)),
        [25, 26, 27, 30]
            .map(|d| date(2026, 4, d))
            .into_iter()
            .chain([1, 2, 3].map(|d| date(2026, 5, d)))
            .collect::<Vec<_>>()
    );
    // Quốc khánh: 29/8–2/9, Monday 31/8 swapped, Saturday 22/8 worked.
    assert!(cal.is_working(date(2026, 8, 22)));
    assert_eq!(
        off_days(&cal, date(2026, 8, 28), date(2026, 9, 3)),
        [
            date(2026, 8, 29),
            date(2026, 8, 30),
            date(2026, 8, 31),
            date(2026, 9, 1),
            date(2026, 9, 2)
        ]
    );
    assert_eq!(
        holiday_on(&cal, date(2026, 9, 1)),
        Some(HolidayName::NationalDayExtra)
    );
}

#[test]
fn year_2025_tet_and_swaps() {
    let cal = calendar();
    // Tết Ất Tỵ: Saturday 25/1 to Sunday 2/2; Saturday 1/2 (mùng 4) gives Monday 27/1.
    assert_eq!(
        off_days(&cal, date(2025, 1, 24), date(2025, 2, 3)),
        (25..=31)
            .map(|d| date(2025, 1, d))
            .chain([date(2025, 2, 1), date(2025, 2, 2)])
            .collect::<Vec<_>>()
    );
    assert_eq!(
        holiday_on(&cal, date(2025, 1, 27)),
        Some(HolidayName::Substitute(Box::new(HolidayName::TetDay(4))))
    );
    // 30/4–4/5 with Friday 2/5 swapped for Saturday 26/4; 30/8–2/9.
    assert!(cal.is_working(date(2025, 4, 26)));
    assert!(!cal.is_working(date(2025, 5, 2)));
    assert_eq!(
        off_days(&cal, date(2025, 8, 29), date(2025, 9, 3)),
        [
            date(2025, 8, 30),
            date(2025, 8, 31),
            date(2025, 9, 1),
            date(2025, 9, 2)
        ]
    );
}

#[test]
fn substitutes_and_chains() {
    let cal = calendar();
    // 30/4/2022 Saturday, 1/5 Sunday: Monday 2/5 and Tuesday 3/5.
    assert_eq!(
        holiday_on(&cal, date(2022, 5, 2)),
        Some(HolidayName::Substitute(Box::new(
            HolidayName::ReunificationDay
        )))
    );
    assert_eq!(
        holiday_on(&cal, date(2022, 5, 3)),
        Some(HolidayName::Substitute(Box::new(HolidayName::LabourDay)))
    );
    // 1/1/2023 Sunday: Monday 2/1.
    assert_eq!(
        holiday_on(&cal, date(2023, 1, 2)),
        Some(HolidayName::Substitute(Box::new(HolidayName::NewYear)))
    );
    // Tết 2023 (Saturday eve, Sunday 1/1): 20/1 before the block, 26/1 after it.
    assert_eq!(
        off_days(&cal, date(2023, 1, 19), date(2023, 1, 27)),
        (20..=26).map(|d| date(2023, 1, d)).collect::<Vec<_>>()
    );
    // 2/9/2029 Sunday: 3/9 is the adjacent day, so the substitute is 4/9.
    assert_eq!(
        holiday_on(&cal, date(2029, 9, 4)),
        Some(HolidayName::Substitute(Box::new(HolidayName::NationalDay)))
    );
}

#[test]
fn six_day_week() {
    let settings = CalendarSettings {
        saturday_working: true,
        extra_holidays: vec![],
    };
    let cal = WorkingCalendar::new(settings, vec![]);
    // Tết 2024: eve Friday 9/2, mùng 1 Saturday (a working day now, so
    // no substitute), mùng 2 Sunday → after the block, Wednesday 14/2.
    assert!(cal.is_working(date(2024, 2, 17)));
    assert_eq!(
        off_days(&cal, date(2024, 2, 8), date(2024, 2, 15)),
        (9..=14).map(|d| date(2024, 2, d)).collect::<Vec<_>>()
    );
    // 30/4/2022 Saturday is just a holiday; 1/5 Sunday gives Monday 2/5.
    assert_eq!(
        holiday_on(&cal, date(2022, 5, 2)),
        Some(HolidayName::Substitute(Box::new(HolidayName::LabourDay)))
    );
    assert!(cal.is_working(date(2022, 5, 3)));
}

#[test]
fn extra_holidays_get_substitutes_across_the_new_year() {
    let settings = CalendarSettings {
        saturday_working: false,
        extra_holidays: vec![
            ExtraHoliday::culture_day(),
            ExtraHoliday {
                when: ExtraDate::Once(date(2033, 12, 31)),
                vi: "Thử".to_owned(),
                en: "Test".to_owned(),
            },
        ],
    };
    let cal = WorkingCalendar::new(settings, vec![]);
    // 24/11/2029 Saturday → Monday 26/11; none before 2026.
    assert!(!cal.is_working(date(2029, 11, 26)));
    assert!(cal.is_working(date(2025, 11, 24)));
    // 31/12/2033 Saturday and 1/1/2034 Sunday: Monday 2/1 and Tuesday 3/1.
    let january: Vec<_> = cal.holidays(2034).into_iter().take(3).collect();
    assert_eq!(
        january.iter().map(|h| h.date).collect::<Vec<_>>(),
        [date(2034, 1, 1), date(2034, 1, 2), date(2034, 1, 3)]
    );
    assert!(
        matches!(&january[1].name, HolidayName::Substitute(of) if matches!(**of, HolidayName::Extra { .. }))
    );
    assert_eq!(
        january[2].name,
        HolidayName::Substitute(Box::new(HolidayName::NewYear))
    );
}

#[test]
fn report_due_over_tet_2027() {
    let cal = calendar();
    // Tết Đinh Mùi: eve Friday 5/2, mùng 1 Saturday 6/2 → Thursday 4/2,
    // mùng 2 Sunday 7/2 → Wednesday 10/2 after the block. From Monday
    // 1/2: 2/2 (1), 3/2 (2), then 11, 12, 15–19, 22–26/2 (3–14), 1/3 (15).
    assert_eq!(
        off_days(&cal, date(2027, 2, 1), date(2027, 2, 12)),
        (4..=10).map(|d| date(2027, 2, d)).collect::<Vec<_>>()
    );
    assert_eq!(
        cal.add_working_days(date(2027, 2, 1), 15),
        Some(date(2027, 3, 1))
    );
    assert_eq!(
        cal.working_days_between(date(2027, 2, 1), date(2027, 3, 1)),
        15
    );
    assert_eq!(
        cal.working_days_between(date(2027, 3, 1), date(2027, 2, 1)),
        -15
    );
    assert_eq!(
        cal.working_days_before(date(2027, 3, 1), 15),
        Some(date(2027, 2, 1))
    );
    assert_eq!(
        cal.add_working_days(date(2027, 2, 3), 1),
        Some(date(2027, 2, 11))
    );
    // From a day off, counting starts the same way.
    assert_eq!(
        cal.add_working_days(date(2027, 2, 6), 1),
        Some(date(2027, 2, 11))
    );
    assert_eq!(
        cal.add_working_days(date(2027, 2, 6), 0),
        Some(date(2027, 2, 6))
    );
}

#[test]
fn counting_laws() {
    let cal = calendar();
    let start = date(2024, 1, 1);
    for d in start.iter_days().take(3 * 366) {
        for n in [1, 2, 5, 10, 15, 30, 300] {
            let due = cal.add_working_days(d, n).unwrap();
            assert!(cal.is_working(due));
            assert_eq!(cal.working_days_between(d, due), i64::from(n), "{d} + {n}");
            assert_eq!(cal.working_days_between(due, d), -i64::from(n));
            let back = cal.working_days_before(d, n).unwrap();
            assert!(cal.is_working(back));
            if cal.is_working(d) {
                assert_eq!(cal.add_working_days(back, n), Some(d));
                assert_eq!(cal.working_days_between(back, d), i64::from(n));
            }
        }
    }
    let walked = start
        .iter_days()
        .take(1000)
        .filter(|d| cal.is_working(*d))
        .count();
    assert_eq!(
        cal.working_days_between(date(2023, 12, 31), start + Days::new(999)),
        i64::try_from(walked).unwrap()
    );
}

#[test]
fn never_panics_and_saturates() {
    let cal = calendar();
    for d in [
        NaiveDate::MIN,
        NaiveDate::MAX,
        date(1989, 12, 31),
        date(2101, 1, 1),
    ] {
        assert_eq!(cal.add_working_days(d, 1), None);
        assert_eq!(cal.working_days_before(d, 1), None);
        assert!(cal.holidays(d.year()).is_empty());
        let _ = cal.day(d);
    }
    assert_eq!(cal.add_working_days(date(2100, 12, 20), 1_000), None);
    assert_eq!(cal.working_days_before(date(1990, 1, 10), 1_000), None);
    assert!(cal.add_working_days(date(1990, 1, 1), u32::MAX).is_none());
    let all = cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
    assert_eq!(
        all,
        cal.working_days_between(date(1989, 12, 31), date(2100, 12, 31))
    );
    assert_eq!(
        cal.working_days_between(NaiveDate::MAX, NaiveDate::MIN),
        -all
    );
    assert!(all > 110 * 240 && all < 111 * 262, "{all}");
    assert_eq!(
        cal.working_days_between(date(1980, 1, 1), date(1985, 1, 1)),
        0
    );
}

#[test]
fn holidays_listing() {
    let cal = calendar();
    let list = cal.holidays(2026);
    assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(list.iter().filter(|h| h.name.is_tet()).count(), 5);
    assert_eq!(list.len(), 12, "{list:?}");
    assert_eq!(
        HolidayName::Substitute(Box::new(HolidayName::HungKings)).vi(),
        "Nghỉ bù Giỗ Tổ Hùng Vương"
    );
    assert_eq!(HolidayName::TetDay(2).en(), "Lunar New Year (day 2)");
}

mod oracle;
