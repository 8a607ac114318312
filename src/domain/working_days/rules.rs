//! The holiday rules: the statutory holidays of a year, their substitute
//! days (Art. 111(3)), and which rules were in force in which year.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::{Holiday, HolidayName, WorkingCalendar};
use crate::domain::lunar::{self, LunarDate};

impl WorkingCalendar {
    /// The year's statutory and extra holidays, before substitutes, by date.
    pub(super) fn raw_holidays(&self, year: i32) -> Vec<Holiday> {
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
    pub(super) fn substitutes(&self, year: i32, raw: &[Holiday]) -> Vec<Holiday> {
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
pub(super) struct Era {
    /// Tết days from lunar 1/1 on (the eve comes on top).
    tet_days: u8,
    pub(super) hung_kings: bool,
    national_day_extra: bool,
    substitutes: bool,
    tet_saturday_before: bool,
}

impl Era {
    pub(super) fn of(year: i32) -> Era {
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
