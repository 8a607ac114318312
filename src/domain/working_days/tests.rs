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

mod oracle {
    //! The comparison with the `holidays` package (tests/oracle/vn_holidays.py).

    use std::collections::BTreeSet;

    use super::super::rules::Era;
    use super::super::*;
    use super::date;
    use crate::domain::lunar::{self, LunarDate};
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Oracle {
        version: String,
        lunar: Vec<LunarRow>,
        years: Vec<YearRow>,
    }

    #[derive(Deserialize)]
    struct LunarRow {
        year: i32,
        tet: NaiveDate,
        hung_kings: NaiveDate,
        hung_kings_is_holiday: bool,
    }

    #[derive(Deserialize)]
    struct YearRow {
        year: i32,
        holidays: Vec<HolidayRow>,
    }

    #[derive(Deserialize)]
    struct HolidayRow {
        date: NaiveDate,
        kind: String,
        name_en: String,
        worked: Option<NaiveDate>,
    }

    /// Days where the oracle is wrong, with the second source.
    const ORACLE_WRONG: &[(&str, &str)] = &[
        (
            "2026-01-02",
            "swapped for Saturday 10/1 by Văn bản 12729/VPCP-KGVX (25/12/2025); the package lacks it",
        ),
        (
            "2026-01-10",
            "worked for Friday 2/1 by Văn bản 12729/VPCP-KGVX (25/12/2025); the package lacks it",
        ),
    ];

    /// Swaps are shipped from this year on ([`known_swaps`]); the
    /// package's earlier ones are past and not needed for deadlines.
    const SWAPS_SHIPPED_FROM: i32 = 2025;

    /// The holiday the package's English name stands for.
    fn statutory_name(en: &str, date: NaiveDate) -> Option<HolidayName> {
        Some(match en {
            "New Year's Day" => HolidayName::NewYear,
            "Lunar New Year's Eve" => HolidayName::TetEve,
            "Lunar New Year" => HolidayName::TetDay(1),
            "Second Day of Lunar New Year" => HolidayName::TetDay(2),
            "Third Day of Lunar New Year" => HolidayName::TetDay(3),
            "Fourth Day of Lunar New Year" => HolidayName::TetDay(4),
            "Hung Kings' Commemoration Day" => HolidayName::HungKings,
            "Liberation Day/Reunification Day" => HolidayName::ReunificationDay,
            "International Labor Day" => HolidayName::LabourDay,
            "National Day" if date.month() == 9 && date.day() == 2 => HolidayName::NationalDay,
            "National Day" => HolidayName::NationalDayExtra,
            "Vietnam Cultural Day" => {
                let culture = ExtraHoliday::culture_day();
                HolidayName::Extra {
                    vi: culture.vi,
                    en: culture.en,
                }
            }
            _ => return None,
        })
    }

    /// Whether our substitute's holiday is the one the package's
    /// observed name gives (its Tết ones are named by the day they
    /// land on, "29 of Lunar New Year", so any Tết day matches them).
    fn observed_matches(en: &str, date: NaiveDate, of: &HolidayName) -> bool {
        match en.strip_suffix(" (observed)") {
            Some(base) => statutory_name(base, date).is_some_and(|n| {
                // The package's observed 2/9 keeps its plain name.
                n == *of || (base == "National Day" && *of == HolidayName::NationalDay)
            }),
            None => of.is_tet() && en.contains("Lunar New Year"),
        }
    }

    fn compare(oracle: &Oracle) -> (usize, Vec<String>) {
        let mut compared = 0;
        let mut out = Vec::new();
        for row in &oracle.lunar {
            compared += 2;
            if lunar::new_year(row.year) != Some(row.tet) {
                out.push(format!(
                    "{}: Tết ours {:?}, oracle {}",
                    row.year,
                    lunar::new_year(row.year),
                    row.tet
                ));
            }
            let hung = lunar::to_solar(LunarDate::new(row.year, 3, 10));
            if hung != Some(row.hung_kings) {
                out.push(format!(
                    "{}: Giỗ Tổ ours {hung:?}, oracle {}",
                    row.year, row.hung_kings
                ));
            }
            if row.hung_kings_is_holiday != Era::of(row.year).hung_kings {
                out.push(format!(
                    "{}: Giỗ Tổ a holiday? oracle {}",
                    row.year, row.hung_kings_is_holiday
                ));
            }
        }
        let settings = CalendarSettings {
            saturday_working: false,
            extra_holidays: vec![ExtraHoliday::culture_day()],
        };
        let cal = WorkingCalendar::new(settings, known_swaps());
        for year in &oracle.years {
            let ours: BTreeMap<NaiveDate, HolidayName> = cal
                .holidays(year.year)
                .into_iter()
                .map(|h| (h.date, h.name))
                .collect();
            let mut theirs = BTreeSet::new();
            for row in &year.holidays {
                compared += 1;
                let d = row.date;
                theirs.insert(d);
                let mine = ours.get(&d);
                let swap = cal.swaps.get(&d);
                match row.kind.as_str() {
                    "statutory" => {
                        let want = statutory_name(&row.name_en, d);
                        if want.is_none() || mine != want.as_ref() {
                            out.push(format!("{d}: oracle {:?}, ours {mine:?}", row.name_en));
                        }
                    }
                    "observed" => match mine {
                        Some(HolidayName::Substitute(of))
                            if observed_matches(&row.name_en, d, of) => {}
                        _ => out.push(format!("{d}: oracle {:?}, ours {mine:?}", row.name_en)),
                    },
                    "special" => {
                        let worked = row.worked.and_then(|w| cal.swaps.get(&w));
                        let swapped =
                            swap.is_some_and(|s| !s.working) && worked.is_some_and(|s| s.working);
                        if !swapped {
                            out.push(format!(
                                "{d}: oracle {:?} (worked {:?}), ours swap {swap:?}",
                                row.name_en, row.worked
                            ));
                        }
                        if let Some(w) = row.worked {
                            theirs.insert(w);
                        }
                    }
                    other => out.push(format!("{d}: oracle kind {other:?}")),
                }
            }
            for (d, name) in &ours {
                if !theirs.contains(d) {
                    out.push(format!("{d}: ours {name:?}, not in the oracle"));
                }
            }
            let swaps = cal
                .swaps
                .range(date(year.year, 1, 1)..=date(year.year, 12, 31));
            for (d, s) in swaps {
                if !theirs.contains(d) {
                    out.push(format!("{d}: ours swap {:?}, not in the oracle", s.note));
                }
            }
        }
        (compared, out)
    }

    /// Why a disagreement is expected, if it is.
    fn excuse(line: &str) -> Option<String> {
        let day = line.get(..10)?;
        if let Some((_, why)) = ORACLE_WRONG.iter().find(|(d, _)| *d == day) {
            return Some((*why).to_owned());
        }
        let year: i32 = day.get(..4)?.parse().ok()?;
        (line.contains("(worked") && year < SWAPS_SHIPPED_FROM)
            .then(|| format!("a swap before {SWAPS_SHIPPED_FROM}, not shipped"))
    }

    #[test]
    fn matches_holidays_oracle() {
        let Ok(path) = std::env::var("VISITDESK_HOLIDAYS_ORACLE") else {
            eprintln!(
                "VISITDESK_HOLIDAYS_ORACLE unset: tests/oracle/vn_holidays.py makes the file"
            );
            return;
        };
        let started = std::time::Instant::now();
        let text = std::fs::read_to_string(&path).unwrap();
        let oracle: Oracle = serde_json::from_str(&text).unwrap();
        let (compared, disagreements) = compare(&oracle);
        let (excused, unexplained): (Vec<_>, Vec<_>) =
            disagreements.into_iter().partition(|l| excuse(l).is_some());
        eprintln!(
            "holidays {}: {} lunar years, {} holiday years, {compared} dates compared in {:?}",
            oracle.version,
            oracle.lunar.len(),
            oracle.years.len(),
            started.elapsed()
        );
        for line in &excused {
            eprintln!("  skipped: {line} — {}", excuse(line).unwrap_or_default());
        }
        for line in &unexplained {
            eprintln!("  DISAGREES: {line}");
        }
        assert!(
            unexplained.is_empty(),
            "{} disagreements",
            unexplained.len()
        );
    }
}
