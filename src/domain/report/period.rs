//! A report's period: a half-year or a year, named by the year it ends in
//! (`2026-h1`, `2026`), with its first and last days and its due date
//! under the province's [`ReportSettings`].

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::settings::ReportSettings;

/// The first and last years a period may name (those the calendar knows).
pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

/// Half-year or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    HalfYear,
    Year,
}

/// A report's period: as text `2026-h1` (the half-year ending in June 2026)
/// or `2026` (the year ending in December 2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
}

impl Period {
    pub fn half_year(year: i32) -> Period {
        Period {
            kind: PeriodKind::HalfYear,
            year,
        }
    }

    pub fn year(year: i32) -> Period {
        Period {
            kind: PeriodKind::Year,
            year,
        }
    }

    /// `2026-h1` or `2026` (upper-case `H` too); a year within 1990..=2100.
    pub fn parse(s: &str) -> Option<Period> {
        let (year, kind) = match s.len() {
            4 => (s, PeriodKind::Year),
            7 if s[4..].eq_ignore_ascii_case("-h1") => (&s[..4], PeriodKind::HalfYear),
            _ => return None,
        };
        if !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        (FIRST_YEAR..=LAST_YEAR)
            .contains(&year)
            .then_some(Period { kind, year })
    }

    /// The inverse of [`Period::parse`].
    pub fn as_text(&self) -> String {
        match self.kind {
            PeriodKind::HalfYear => format!("{}-h1", self.year),
            PeriodKind::Year => self.year.to_string(),
        }
    }

    /// The first day: the year's cut-off in the year before (15/12).
    pub fn first_day(&self, s: &ReportSettings) -> NaiveDate {
        s.year_cutoff.in_year(self.year - 1)
    }

    /// The last day, counted whole: the day before the due date (14/6 or 14/12).
    pub fn last_day(&self, s: &ReportSettings) -> NaiveDate {
        let due = self.due(s);
        due.checked_sub_days(Days::new(1)).unwrap_or(due)
    }

    /// The day the report is due (15/6 or 15/12).
    pub fn due(&self, s: &ReportSettings) -> NaiveDate {
        match self.kind {
            PeriodKind::HalfYear => s.half_year_cutoff.in_year(self.year),
            PeriodKind::Year => s.year_cutoff.in_year(self.year),
        }
    }

    /// The same period a year before.
    pub fn year_before(&self) -> Period {
        Period {
            kind: self.kind,
            year: self.year - 1,
        }
    }

    /// Whether `day` falls within the period.
    pub fn contains(&self, s: &ReportSettings, day: NaiveDate) -> bool {
        (self.first_day(s)..=self.last_day(s)).contains(&day)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_text())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Period::parse(&s).ok_or_else(|| {
            serde::de::Error::custom("a period is `2026-h1` (half-year) or `2026` (year)")
        })
    }
}

impl utoipa::PartialSchema for Period {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "A report's period: `2026-h1` (the half-year ending 14/6/2026) or `2026` (the year ending 14/12/2026).",
            ))
            .pattern(Some("^[0-9]{4}(-[hH]1)?$"))
            .max_length(Some(7))
            .examples(["2026-h1"])
            .build()
            .into()
    }
}

impl utoipa::ToSchema for Period {
    fn name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_and_writes_back() {
        for text in ["2026-h1", "2026", "1990", "2100-h1"] {
            let p = Period::parse(text).unwrap();
            assert_eq!(p.as_text(), text);
        }
        assert_eq!(Period::parse("2026-H1"), Some(Period::half_year(2026)));
        assert_eq!(Period::parse("2026"), Some(Period::year(2026)));
    }

    #[test]
    fn refuses_what_is_not_a_period() {
        for text in [
            "",
            "26",
            "1989",
            "2101",
            "2026-h2",
            "2026-h",
            "2026h1",
            "+2026",
            "-202",
            "２０２６",
            "2026-h1 ",
            " 2026",
            "20261",
            "abcd",
            "2026-q1",
            "2026-h12",
        ] {
            assert_eq!(Period::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn default_boundaries_are_the_state_reporting_dates() {
        let s = ReportSettings::default();
        let h = Period::half_year(2026);
        assert_eq!(h.first_day(&s), d(2025, 12, 15));
        assert_eq!(h.last_day(&s), d(2026, 6, 14));
        assert_eq!(h.due(&s), d(2026, 6, 15));
        let y = Period::year(2026);
        assert_eq!(y.first_day(&s), d(2025, 12, 15));
        assert_eq!(y.last_day(&s), d(2026, 12, 14));
        assert_eq!(y.due(&s), d(2026, 12, 15));
        assert!(h.contains(&s, d(2025, 12, 15)));
        assert!(h.contains(&s, d(2026, 6, 14)));
        assert!(!h.contains(&s, d(2025, 12, 14)));
        assert!(!h.contains(&s, d(2026, 6, 15)));
    }

    #[test]
    fn consecutive_years_meet_without_gap_or_overlap() {
        let s = ReportSettings::default();
        for year in 1991..=2100 {
            let y = Period::year(year);
            let before = y.year_before();
            assert_eq!(before, Period::year(year - 1));
            assert_eq!(before.last_day(&s).succ_opt(), Some(y.first_day(&s)));
        }
        assert_eq!(
            Period::half_year(2026).year_before(),
            Period::half_year(2025)
        );
    }

    #[test]
    fn settings_move_the_boundaries() {
        let s = ReportSettings {
            half_year_cutoff: super::super::DayOfYear::new(1, 7).unwrap(),
            year_cutoff: super::super::DayOfYear::new(1, 1).unwrap(),
            compiling_unit: None,
            province_name: Default::default(),
        };
        let y = Period::year(2026);
        assert_eq!(y.first_day(&s), d(2025, 1, 1));
        assert_eq!(y.last_day(&s), d(2025, 12, 31));
        assert_eq!(Period::half_year(2026).last_day(&s), d(2026, 6, 30));
        assert!(super::super::DayOfYear::new(29, 2).is_none());
        assert!(super::super::DayOfYear::new(31, 4).is_none());
    }

    #[test]
    fn serialises_as_text() {
        let p = Period::half_year(2026);
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"2026-h1\"");
        let back: Period = serde_json::from_str("\"2026\"").unwrap();
        assert_eq!(back, Period::year(2026));
        assert!(serde_json::from_str::<Period>("\"2026-h3\"").is_err());
    }
}
