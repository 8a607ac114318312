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
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::lunar::{self, LunarDate};

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

/// A change the government announces for one day: a working day off
/// (`working: false`) or a weekly rest day worked (`working: true`). It
/// overrides every rule for that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swap {
    pub date: NaiveDate,
    pub working: bool,
    pub note: String,
}

/// What a deployment decides rather than the law.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarSettings {
    /// Saturday is a working day. Off by default: state offices work a
    /// 40-hour, Monday–Friday week (Quyết định 188/1999/QĐ-TTg).
    pub saturday_working: bool,
    /// Holidays added after this code was written; each gets substitute
    /// days like the Labour Code's own. A one-off day off with no
    /// substitute is a [`Swap`].
    pub extra_holidays: Vec<ExtraHoliday>,
}

/// A holiday a deployment adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraHoliday {
    pub when: ExtraDate,
    pub vi: String,
    pub en: String,
}

/// When an [`ExtraHoliday`] falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraDate {
    /// One day.
    Once(NaiveDate),
    /// The same solar day every year from `since` on (a 29/2 only in leap years).
    Yearly { month: u32, day: u32, since: i32 },
}

impl ExtraHoliday {
    /// 24/11, Ngày Văn hóa Việt Nam, from 2026. The Politburo chose it as a
    /// paid holiday (Nghị quyết 80-NQ/TW) and the Government's action plan
    /// (Nghị quyết 30/NQ-CP, 2026) has Art. 112(1) amended to add it; until
    /// the amendment is in force a deployment opts in with this setting.
    /// The `holidays` package already lists it from 2026.
    pub fn culture_day() -> ExtraHoliday {
        ExtraHoliday {
            when: ExtraDate::Yearly {
                month: 11,
                day: 24,
                since: 2026,
            },
            vi: "Ngày Văn hóa Việt Nam".to_owned(),
            en: "Vietnamese Culture Day".to_owned(),
        }
    }

    fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match self.when {
            ExtraDate::Once(date) => (date.year() == year).then_some(date),
            ExtraDate::Yearly { month, day, since } if year >= since => {
                NaiveDate::from_ymd_opt(year, month, day)
            }
            ExtraDate::Yearly { .. } => None,
        }
    }
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

/// The swaps the government has announced for civil servants (công chức,
/// viên chức), newest last. Days the rules already give are not repeated
/// here; the comments say which.
pub fn known_swaps() -> Vec<Swap> {
    const SWAPS: &[(i32, u32, u32, bool, &str)] = &[
        // 2025, Văn bản 8726/VPCP-KGVX (26/11/2024) on Tết and the year's
        // holidays, carried out by Thông báo 6150/TB-BLĐTBXH (29/11/2024).
        // Tết Ất Tỵ, 25/1–2/2, needs no swap: 28/1–1/2 are the five Tết
        // days and Saturday 1/2 moves to Monday 27/1 by the Tết rule.
        // 30/4–4/5: Friday 2/5 off for Saturday 26/4.
        (2025, 4, 26, true, "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025"),
        (
            2025,
            5,
            2,
            false,
            "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025",
        ),
        // Quốc khánh 2025, 30/8–2/9: 1/9 is the adjacent day, no swap.
        //
        // 2026, Văn bản 12729/VPCP-KGVX (25/12/2025), the Deputy Prime
        // Minister agreeing to Bộ Nội vụ's plan: 1/1–4/1, Friday 2/1 off for
        // Saturday 10/1.
        (
            2026,
            1,
            2,
            false,
            "Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026",
        ),
        (2026, 1, 10, true, "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026"),
        // Tết Bính Ngọ, 14/2–22/2, needs no swap: the five Tết days are
        // Monday 16/2 (29 tháng Chạp) to Friday 20/2 (mùng 4), with a
        // weekend on each side (Bộ Nội vụ's plan, approved October 2025).
        // Giỗ Tổ falls on Sunday 26/4: Monday 27/4 is its substitute day.
        // Quốc khánh, 29/8–2/9: 1/9 is the adjacent day; Monday 31/8 off for
        // Saturday 22/8. Source: the `holidays` package (0.109), citing
        // thuvienphapluat.vn; the government document's number is not
        // confirmed here.
        (2026, 8, 22, true, "Làm bù cho ngày nghỉ thứ Hai 31/08/2026"),
        (
            2026,
            8,
            31,
            false,
            "Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026",
        ),
    ];
    SWAPS
        .iter()
        .filter_map(|&(year, month, day, working, note)| {
            Some(Swap {
                date: NaiveDate::from_ymd_opt(year, month, day)?,
                working,
                note: note.to_owned(),
            })
        })
        .collect()
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

    /// The year's statutory and extra holidays, before substitutes, by date.
    fn raw_holidays(&self, year: i32) -> Vec<Holiday> {
        let era = Era::of(year);
        let mut out = Vec::new();
        let mut push = |date: Option<NaiveDate>, name: HolidayName| {
            if let Some(date) = date {
                out.push(Holiday { date, name });
            }
        };
        push(NaiveDate::from_ymd_opt(year, 1, 1), HolidayName::NewYear);
        if let Some(tet) = lunar::new_year(year) {
            // The day before lunar 1/1 is the year's last, 29 or 30 Chạp.
            push(tet.pred_opt(), HolidayName::TetEve);
            for n in 1..=era.tet_days {
                push(
                    tet.checked_add_days(Days::new(u64::from(n) - 1)),
                    HolidayName::TetDay(n),
                );
            }
        }
        if era.hung_kings {
            push(
                lunar::to_solar(LunarDate::new(year, 3, 10)),
                HolidayName::HungKings,
            );
        }
        push(
            NaiveDate::from_ymd_opt(year, 4, 30),
            HolidayName::ReunificationDay,
        );
        push(NaiveDate::from_ymd_opt(year, 5, 1), HolidayName::LabourDay);
        let national_day = NaiveDate::from_ymd_opt(year, 9, 2);
        push(national_day, HolidayName::NationalDay);
        if era.national_day_extra {
            push(
                national_day.and_then(national_day_extra),
                HolidayName::NationalDayExtra,
            );
        }
        for extra in &self.settings.extra_holidays {
            push(
                extra.date_in(year),
                HolidayName::Extra {
                    vi: extra.vi.clone(),
                    en: extra.en.clone(),
                },
            );
        }
        // Stable: on a shared date the statutory holiday stays first.
        out.sort_by_key(|h| h.date);
        out
    }

    /// The substitute days (Art. 111(3)) that fall in `year`. Holidays of the
    /// year before are walked too, as a late-December extra holiday gives a
    /// day in January; the year after's holidays are only days to skip.
    fn substitutes(&self, year: i32, raw: &[Holiday]) -> Vec<Holiday> {
        let holiday_dates: BTreeSet<NaiveDate> = raw.iter().map(|h| h.date).collect();
        let mut taken = BTreeSet::new();
        let mut given_for = BTreeSet::new();
        let mut out = Vec::new();
        for holiday in raw {
            let era = Era::of(holiday.date.year());
            if holiday.date.year() > year
                || !era.substitutes
                || !self.is_rest_day(holiday.date)
                // Two holidays on one day give one day off.
                || !given_for.insert(holiday.date)
            {
                continue;
            }
            let backwards = holiday.name.is_tet()
                && era.tet_saturday_before
                && holiday.date.weekday() == Weekday::Sat;
            let step = |d: NaiveDate| {
                if backwards {
                    d.pred_opt()
                } else {
                    d.succ_opt()
                }
            };
            // Holidays come at most a few days apart, so a free day is
            // always within a fortnight; the bound only guards the loop.
            let mut candidate = step(holiday.date);
            for _ in 0..31 {
                let Some(day) = candidate else { break };
                if self.is_rest_day(day) || holiday_dates.contains(&day) || taken.contains(&day) {
                    candidate = step(day);
                    continue;
                }
                taken.insert(day);
                if day.year() == year {
                    out.push(Holiday {
                        date: day,
                        name: HolidayName::Substitute(Box::new(holiday.name.clone())),
                    });
                }
                break;
            }
        }
        out
    }

    fn build(&self, year: i32) -> Option<YearTable> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let len = u16::try_from(
            first
                .with_year(year + 1)?
                .signed_duration_since(first)
                .num_days(),
        )
        .ok()?;
        let mut raw = self.raw_holidays(year - 1);
        raw.extend(self.raw_holidays(year));
        raw.extend(self.raw_holidays(year + 1));
        let substitutes = self.substitutes(year, &raw);
        let mut holidays: Vec<Holiday> = raw
            .into_iter()
            .filter(|h| h.date.year() == year)
            .chain(substitutes)
            .collect();
        holidays.sort_by_key(|h| h.date);

        let mut table = YearTable {
            year,
            first,
            len,
            off: [0; 6],
            working: 0,
            holidays,
        };
        for i in 0..len {
            if table.date(i).is_some_and(|d| self.is_rest_day(d)) {
                table.set_off(i, true);
            }
        }
        let holiday_days: Vec<u16> = table.holidays.iter().map(|h| ordinal0(h.date)).collect();
        for i in holiday_days {
            table.set_off(i, true);
        }
        let swaps = self
            .swaps
            .range(first..)
            .take_while(|(d, _)| d.year() == year);
        for (date, swap) in swaps {
            table.set_off(ordinal0(*date), !swap.working);
        }
        table.working = table.working_from(0);
        Some(table)
    }
}

/// One year's days off.
#[derive(Debug)]
struct YearTable {
    year: i32,
    first: NaiveDate,
    /// 365 or 366.
    len: u16,
    /// Bit i: the day of ordinal0 i is off.
    off: [u64; 6],
    /// Working days in the year.
    working: u16,
    holidays: Vec<Holiday>,
}

impl YearTable {
    fn is_off(&self, i: u16) -> bool {
        self.off
            .get(usize::from(i / 64))
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn set_off(&mut self, i: u16, off: bool) {
        if let Some(w) = self.off.get_mut(usize::from(i / 64)) {
            if off {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }

    fn date(&self, i: u16) -> Option<NaiveDate> {
        self.first.checked_add_days(Days::new(u64::from(i)))
    }

    /// Working days among ordinals start..len.
    fn working_from(&self, start: u16) -> u16 {
        (start..self.len).map(|i| u16::from(!self.is_off(i))).sum()
    }

    /// Working days among ordinals 0..end.
    fn working_before(&self, end: u16) -> u16 {
        (0..end.min(self.len))
            .map(|i| u16::from(!self.is_off(i)))
            .sum()
    }
}

fn ordinal0(date: NaiveDate) -> u16 {
    // ordinal0 is below 366.
    u16::try_from(date.ordinal0()).unwrap_or(u16::MAX)
}

/// The day off next to 2/9 (Labour Code 2019, Art. 112(1)(đ): "2/9 and one
/// day before or after", the Prime Minister choosing). The choice that
/// joins a weekend, as each year's decision has made it: 2021 Thu → 3/9,
/// 2022 Fri → 1/9, 2023 Sat → 1/9, 2024 Mon → 3/9, 2025 Tue → 1/9, 2026
/// Wed → 1/9; the same table as the `holidays` package's NATIONAL_DAY_RULE.
fn national_day_extra(national_day: NaiveDate) -> Option<NaiveDate> {
    match national_day.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => national_day.succ_opt(),
        Weekday::Tue | Weekday::Wed | Weekday::Fri | Weekday::Sat => national_day.pred_opt(),
    }
}

/// The holiday rules in force in a year.
#[derive(Debug, Clone, Copy)]
struct Era {
    /// Tết days from lunar 1/1 on (the eve comes on top).
    tet_days: u8,
    hung_kings: bool,
    national_day_extra: bool,
    substitutes: bool,
    tet_saturday_before: bool,
}

impl Era {
    fn of(year: i32) -> Era {
        Era {
            // Labour Code 1994 Art. 73: Tết of four days; Labour Code 2012
            // Art. 115 made it five, applied from Tết Quý Tỵ 2013.
            tet_days: if year >= 2013 { 4 } else { 3 },
            // Added to Art. 73 by Law 84/2007/QH11.
            hung_kings: year >= 2007,
            // Labour Code 2019 Art. 112, in force 1 January 2021.
            national_day_extra: year >= 2021,
            // Labour Code 1994 (in force 1 January 1995) first gave the
            // next day for a holiday on a rest day.
            substitutes: year >= 1995,
            // The Prime Minister's Tết decisions from 2014 on; before, the
            // days went after the block (Tết 2010, 2013), as the `holidays`
            // package has it.
            tet_saturday_before: year >= 2014,
        }
    }
}

#[cfg(test)]
mod tests;
