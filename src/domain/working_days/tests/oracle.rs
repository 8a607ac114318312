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
                    Some(HolidayName::Substitute(of)) if observed_matches(&row.name_en, d, of) => {}
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
        eprintln!("VISITDESK_HOLIDAYS_ORACLE unset: tests/oracle/vn_holidays.py makes the file");
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
