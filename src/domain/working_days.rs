//! Working days: Vietnam's public holidays, substitute days and the government's swaps.
//!
//! The rules, by year (`Era::of` gives each era's source):
//! - Public holidays (Labour Code 2019, Art. 112(1)): 1/1; Tết Âm lịch, the
//!   last day of the lunar year and the first four of the new one; Giỗ Tổ
//!   Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and one day next to it.
//! - A holiday on a weekly rest day gives the next working day off
//!   (Art. 111(3)); a block of holidays pushes those days past its end.
//!   Tết is the exception: Art. 112(3) lets the Prime Minister fix its days,
//!   and the decisions since 2014 have moved a Tết day that fell on a
//!   Saturday to the working day *before* the block (2017: 26/1–1/2; 2020: 23–29/1;
//!   2023: 20–26/1; 2024: 8–14/2; 2025: 27/1 for Saturday 1/2), which is
//!   what this calendar predicts for the years not yet announced.
//! - The government's swaps for civil servants (a weekday off, a Saturday
//!   worked) are data, [`Swap`]; those announced so far are [`known_swaps`].
//! - A holiday the law adds later (24/11, Ngày Văn hóa Việt Nam, is on its
//!   way) is a setting, [`ExtraHoliday`], not code.
//!
//! Counting: "due n working days after X" is the n-th working day strictly
//! after X ([`WorkingCalendar::add_working_days`]); the count between two
//! dates is of the working days in (a, b]. Each year's table (a bitmap of
//! days off) is built once per calendar, lazily, so counting a thousand
//! deadlines costs a thousand short bitmap walks.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use self::year_table::{YearTable, ordinal0};

mod rules;
mod settings;
pub use settings::{CalendarSettings, ExtraDate, ExtraHoliday, Swap, known_swaps};
mod year_table;

/// The first year the calendar knows; the same span as `time::YEARS`, the
/// years records may fall in.
pub const FIRST_YEAR: i32 = 1990;
/// The last year the calendar knows.
pub const LAST_YEAR: i32 = 2100;

/// Which public holiday a day is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayName {
    /// 1/1, Tết Dương lịch.
    NewYear,
    /// The last day of the lunar year (29 or 30 tháng Chạp), the day before Tết.
    TetEve,
    /// Day n of the lunar year, 1..=4 (1..=3 before 2013).
    TetDay(u8),
    /// 10/3 lunar, Giỗ Tổ Hùng Vương.
    HungKings,
    /// 30/4, Ngày Chiến thắng (Ngày Giải phóng miền Nam, thống nhất đất nước).
    ReunificationDay,
    /// 1/5, Ngày Quốc tế Lao động.
    LabourDay,
    /// 2/9, Quốc khánh.
    NationalDay,
    /// The day before or after 2/9 (since 2021).
    NationalDayExtra,
    /// A holiday from [`CalendarSettings::extra_holidays`].
    Extra { vi: String, en: String },
    /// The day off a holiday on a weekly rest day gives (nghỉ bù).
    Substitute(Box<HolidayName>),
}

impl HolidayName {
    /// The Vietnamese name, as shown to the province's staff.
    pub fn vi(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            HolidayName::NewYear => "Tết Dương lịch",
            HolidayName::TetEve => "Tết Nguyên đán (ngày cuối năm Âm lịch)",
            HolidayName::TetDay(1) => "Tết Nguyên đán (mùng 1)",
            HolidayName::TetDay(2) => "Tết Nguyên đán (mùng 2)",
            HolidayName::TetDay(3) => "Tết Nguyên đán (mùng 3)",
            HolidayName::TetDay(4) => "Tết Nguyên đán (mùng 4)",
            HolidayName::TetDay(n) => return Cow::Owned(format!("Tết Nguyên đán (mùng {n})")),
            HolidayName::HungKings => "Giỗ Tổ Hùng Vương",
            HolidayName::ReunificationDay => "Ngày Chiến thắng (30/4)",
            HolidayName::LabourDay => "Ngày Quốc tế Lao động",
            HolidayName::NationalDay => "Quốc khánh",
            HolidayName::NationalDayExtra => "Quốc khánh (ngày liền kề)",
            HolidayName::Extra { vi, .. } => vi,
            HolidayName::Substitute(of) => return Cow::Owned(format!("Nghỉ bù {}", of.vi())),
        })
    }

    /// The English name, for foreign delegations' programmes.
    pub fn en(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            HolidayName::NewYear => "New Year's Day",
            HolidayName::TetEve => "Lunar New Year's Eve",
            HolidayName::TetDay(1) => "Lunar New Year (day 1)",
            HolidayName::TetDay(2) => "Lunar New Year (day 2)",
            HolidayName::TetDay(3) => "Lunar New Year (day 3)",
            HolidayName::TetDay(4) => "Lunar New Year (day 4)",
            HolidayName::TetDay(n) => return Cow::Owned(format!("Lunar New Year (day {n})")),
            HolidayName::HungKings => "Hung Kings' Commemoration Day",
            HolidayName::ReunificationDay => "Reunification Day",
            HolidayName::LabourDay => "International Labour Day",
            HolidayName::NationalDay => "National Day",
            HolidayName::NationalDayExtra => "National Day holiday",
            HolidayName::Extra { en, .. } => en,
            HolidayName::Substitute(of) => {
                return Cow::Owned(format!("{} (substitute day)", of.en()));
            }
        })
    }

    /// Whether this is one of Tết's days (the rule for its substitutes differs).
    fn is_tet(&self) -> bool {
        matches!(self, HolidayName::TetEve | HolidayName::TetDay(_))
    }
}

/// A public holiday or a substitute day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: HolidayName,
}

/// Everything the calendar says about one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    pub date: NaiveDate,
    pub working: bool,
    pub holiday: Option<HolidayName>,
    /// The note of the [`Swap`] on this day, if any.
    pub swap: Option<String>,
}

/// Working days under one set of settings and swaps. Build it once and
/// share it: year tables are computed on first use and kept.
#[derive(Debug)]
pub struct WorkingCalendar {
    settings: CalendarSettings,
    swaps: BTreeMap<NaiveDate, Swap>,
    /// One slot per year FIRST_YEAR..=LAST_YEAR; `OnceLock` so a calendar
    /// shared between request threads fills each year once, without a lock
    /// on the read path.
    years: Box<[OnceLock<Option<YearTable>>]>,
}

impl WorkingCalendar {
    /// A calendar with `settings`; for a date with several swaps the last wins.
    pub fn new(settings: CalendarSettings, swaps: Vec<Swap>) -> WorkingCalendar {
        let slots = usize::try_from(LAST_YEAR - FIRST_YEAR + 1).unwrap_or(0);
        WorkingCalendar {
            settings,
            swaps: swaps.into_iter().map(|s| (s.date, s)).collect(),
            years: (0..slots).map(|_| OnceLock::new()).collect(),
        }
    }

    pub fn settings(&self) -> &CalendarSettings {
        &self.settings
    }

    /// Whether `date` is a working day. Outside FIRST_YEAR..=LAST_YEAR no
    /// holiday is known and only the weekly rest days count.
    pub fn is_working(&self, date: NaiveDate) -> bool {
        match self.table(date.year()) {
            Some(table) => !table.is_off(ordinal0(date)),
            None => !self.is_rest_day(date),
        }
    }

    /// The day's status, holiday and swap.
    pub fn day(&self, date: NaiveDate) -> DayInfo {
        let holiday = self.table(date.year()).and_then(|t| {
            t.holidays
                .iter()
                .find(|h| h.date == date)
                .map(|h| h.name.clone())
        });
        DayInfo {
            date,
            working: self.is_working(date),
            holiday,
            swap: self
                .table(date.year())
                .and(self.swaps.get(&date))
                .map(|s| s.note.clone()),
        }
    }

    /// The n-th working day strictly after `from` ("due 10 working days
    /// after X"); `from` itself when n is 0. None when `from` or the answer
    /// lies outside FIRST_YEAR..=LAST_YEAR.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut table = self.table(from.year())?;
        if n == 0 {
            return Some(from);
        }
        let mut remaining = n;
        let mut start = ordinal0(from) + 1;
        loop {
            // Whole years are skipped by their count: a huge n costs at
            // most one step per year of the range.
            let left = u32::from(table.working_from(start));
            if left < remaining {
                remaining -= left;
            } else {
                for i in start..table.len {
                    if !table.is_off(i) {
                        remaining -= 1;
                        if remaining == 0 {
                            return table.date(i);
                        }
                    }
                }
            }
            table = self.table(table.year + 1)?;
            start = 0;
        }
    }

    /// The n-th working day strictly before `date`: the last day a request
    /// may arrive under "at least n working days before". It mirrors
    /// [`add_working_days`](Self::add_working_days): when `date` is a working
    /// day, adding n working days to the answer gives `date` back. `date`
    /// itself when n is 0; None outside FIRST_YEAR..=LAST_YEAR.
    pub fn working_days_before(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut table = self.table(date.year())?;
        if n == 0 {
            return Some(date);
        }
        let mut remaining = n;
        // Days of this year before `date` are ordinals 0..end.
        let mut end = ordinal0(date);
        loop {
            let left = u32::from(table.working_before(end));
            if left < remaining {
                remaining -= left;
            } else {
                for i in (0..end).rev() {
                    if !table.is_off(i) {
                        remaining -= 1;
                        if remaining == 0 {
                            return table.date(i);
                        }
                    }
                }
            }
            table = self.table(table.year - 1)?;
            end = table.len;
        }
    }

    /// The working days in (a, b]: how many working days after `a` day `b`
    /// is; negative when b is before a. Dates outside FIRST_YEAR..=LAST_YEAR
    /// count as the range's ends, so the count saturates.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.working_days_between(b, a);
        }
        let (year_a, through_a) = self.prefix(a);
        let (year_b, through_b) = self.prefix(b);
        if year_a == year_b {
            return through_b - through_a;
        }
        let mut count = self.year_total(year_a) - through_a;
        for year in year_a + 1..year_b {
            count += self.year_total(year);
        }
        count + through_b
    }

    /// The year's public holidays and substitute days, by date. Swaps are
    /// not applied: [`day`](Self::day) and [`is_working`](Self::is_working)
    /// apply them. Empty outside FIRST_YEAR..=LAST_YEAR.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        self.table(year)
            .map(|t| t.holidays.clone())
            .unwrap_or_default()
    }

    fn table(&self, year: i32) -> Option<&YearTable> {
        let slot = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
        self.years
            .get(slot)?
            .get_or_init(|| self.build(year))
            .as_ref()
    }

    /// The year of `date`, clamped to the range, and the working days from
    /// that year's 1 January through `date`.
    fn prefix(&self, date: NaiveDate) -> (i32, i64) {
        if date.year() < FIRST_YEAR {
            return (FIRST_YEAR, 0);
        }
        if date.year() > LAST_YEAR {
            return (LAST_YEAR, self.year_total(LAST_YEAR));
        }
        let through = self
            .table(date.year())
            .map_or(0, |t| i64::from(t.working_before(ordinal0(date) + 1)));
        (date.year(), through)
    }

    fn year_total(&self, year: i32) -> i64 {
        self.table(year).map_or(0, |t| i64::from(t.working))
    }

    fn is_rest_day(&self, date: NaiveDate) -> bool {
        match date.weekday() {
            Weekday::Sun => true,
            Weekday::Sat => !self.settings.saturday_working,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
