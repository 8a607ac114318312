//! One year's table of days off, built once per calendar from the rules,
//! the weekly rest days and the swaps.

use chrono::{Datelike, Days, NaiveDate};

use super::{Holiday, WorkingCalendar};

impl WorkingCalendar {
    pub(super) fn build(&self, year: i32) -> Option<YearTable> {
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
pub(super) struct YearTable {
    pub(super) year: i32,
    first: NaiveDate,
    /// 365 or 366.
    pub(super) len: u16,
    /// Bit i: the day of ordinal0 i is off.
    off: [u64; 6],
    /// Working days in the year.
    pub(super) working: u16,
    pub(super) holidays: Vec<Holiday>,
}

impl YearTable {
    pub(super) fn is_off(&self, i: u16) -> bool {
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

    pub(super) fn date(&self, i: u16) -> Option<NaiveDate> {
        self.first.checked_add_days(Days::new(u64::from(i)))
    }

    /// Working days among ordinals start..len.
    pub(super) fn working_from(&self, start: u16) -> u16 {
        (start..self.len).map(|i| u16::from(!self.is_off(i))).sum()
    }

    /// Working days among ordinals 0..end.
    pub(super) fn working_before(&self, end: u16) -> u16 {
        (0..end.min(self.len))
            .map(|i| u16::from(!self.is_off(i)))
            .sum()
    }
}

pub(super) fn ordinal0(date: NaiveDate) -> u16 {
    // ordinal0 is below 366.
    u16::try_from(date.ordinal0()).unwrap_or(u16::MAX)
}
