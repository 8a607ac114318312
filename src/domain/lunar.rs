//! The Vietnamese lunar calendar (âm lịch): solar ↔ lunar dates, computed for UTC+7.
//!
//! Hồ Ngọc Đức's method ("Computing the Vietnamese lunar calendar", calrules):
//! a lunar month starts on the day (in UTC+7) of a new moon found with
//! Meeus' formula; month 11 is the one holding the winter solstice; in a
//! year with 13 months the leap month is the first one after month 11 whose
//! span holds no major solar term (trung khí). China runs the same rules in
//! UTC+8, and a new moon between 23:00 and midnight in Hà Nội splits the two
//! (Tết 1985, 2007, 2030, 2053), so nothing here may borrow a Chinese table.
//!
//! Written here rather than taken from a crate: the only maintained one,
//! amlich-core 0.1.4, wraps the same algorithm in an astrology almanac
//! (JSON data, untyped `i32` days) and slips three signs in Meeus'
//! correction terms, which moves Tết 1991 to 14/2 (it was 15/2). These
//! lines are checked against the `holidays` package's Vietnamese dates by
//! working_days' oracle test.
//!
//! The astronomy is in `f64` as in the reference; every answer is a whole
//! day (a Julian day number) before it leaves this module.

use chrono::{Datelike, NaiveDate};
use std::f64::consts::PI;

/// The first solar year converted; the formulas are accurate far beyond
/// 1900–2100, but that is the span the oracle checks.
pub const FIRST_YEAR: i32 = 1900;
/// The last solar year converted.
pub const LAST_YEAR: i32 = 2100;

/// Vietnam's legal time since 1975 (Hà Nội's meridian, 105° E).
const TIME_ZONE_HOURS: f64 = 7.0;

/// Julian day of the (mean) new moon of 1900-01-01 13:52 UT, the origin of
/// the lunation count `k`.
const EPOCH_JD: f64 = 2_415_021.076_998_695;
/// The mean synodic month, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// Julian day number of 0001-01-01 minus one: chrono counts days from there.
const JD_OF_CE_DAY_ZERO: i64 = 1_721_425;

/// A day of the lunar calendar. `year` is the lunar year that starts at the
/// Tết in solar year `year`; `leap` marks the second of two months with one
/// number (tháng nhuận).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub leap: bool,
}

impl LunarDate {
    /// A date in a regular (not leap) month.
    pub const fn new(year: i32, month: u8, day: u8) -> LunarDate {
        LunarDate {
            year,
            month,
            day,
            leap: false,
        }
    }
}

/// The lunar date of a solar date in 1900–2100 (None outside).
pub fn to_lunar(date: NaiveDate) -> Option<LunarDate> {
    let year = date.year();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return None;
    }
    let day_number = julian_day(date);
    // The reference takes new moon k+1, or k when k+1 is later than the
    // day; the mean month strays up to half a day from the true one, and on
    // a few days (2054-05-07) both are later, which made day 0. Stepping
    // until the month holds the day gives the reference's answer wherever
    // that answer is a real day.
    let mut k = ((day_number as f64 - EPOCH_JD) / SYNODIC_MONTH).floor() as i64 + 1;
    while new_moon_day(k) > day_number {
        k -= 1;
    }
    while new_moon_day(k + 1) <= day_number {
        k += 1;
    }
    let month_start = new_moon_day(k);
    // a11..b11: the lunar "year" from one month 11 to the next, the span the
    // leap-month rule is stated over.
    let mut a11 = lunar_month_11(year);
    let mut b11 = a11;
    let mut lunar_year = year;
    if a11 >= month_start {
        a11 = lunar_month_11(year - 1);
    } else {
        lunar_year = year + 1;
        b11 = lunar_month_11(year + 1);
    }
    let day = day_number - month_start + 1;
    // Whole months since month 11: n months span 29n to 30n days, so
    // dividing by 29 gives n for any n below 29 (here at most 13).
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    Some(LunarDate {
        year: lunar_year,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
        leap,
    })
}

/// The solar date of a lunar date, or None when it does not exist (a 30th
/// in a 29-day month, a leap flag on a month that is not the year's leap
/// month) or falls outside 1900–2100.
pub fn to_solar(lunar: LunarDate) -> Option<NaiveDate> {
    let LunarDate {
        year,
        month,
        day,
        leap,
    } = lunar;
    // Lunar year 1899 reaches into January 1900; lunar 2100's month 12 may
    // end in 2101 and is then refused by the final range check.
    if !(FIRST_YEAR - 1..=LAST_YEAR).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1), lunar_month_11(year))
    } else {
        (lunar_month_11(year), lunar_month_11(year + 1))
    };
    let k = (0.5 + (a11 as f64 - EPOCH_JD) / SYNODIC_MONTH).floor() as i64;
    let mut offset = i64::from(month) - 11;
    if offset < 0 {
        offset += 12;
    }
    if b11 - a11 > 365 {
        let leap_offset = leap_month_offset(a11);
        let mut leap_month = leap_offset - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && i64::from(month) != leap_month {
            return None;
        }
        if leap || offset >= leap_offset {
            offset += 1;
        }
    } else if leap {
        return None;
    }
    let month_start = new_moon_day(k + offset);
    let month_length = new_moon_day(k + offset + 1) - month_start;
    if i64::from(day) > month_length {
        return None;
    }
    let date = from_julian_day(month_start + i64::from(day) - 1)?;
    (FIRST_YEAR..=LAST_YEAR)
        .contains(&date.year())
        .then_some(date)
}

/// Tết: the solar date of 1/1 of the lunar year that starts in `year`.
pub fn new_year(year: i32) -> Option<NaiveDate> {
    to_solar(LunarDate::new(year, 1, 1))
}

/// The leap month of lunar year `year` (Some(4) for 2020's tháng 4 nhuận), if any.
pub fn leap_month(year: i32) -> Option<u8> {
    let start = new_year(year)?;
    let end = new_year(year + 1)?;
    // A leap year holds 13 new moons (383–385 days), a common one 12 (353–355).
    if (end - start).num_days() < 380 {
        return None;
    }
    (1..=12u8).find(|&month| {
        to_solar(LunarDate {
            year,
            month,
            day: 1,
            leap: true,
        })
        .is_some()
    })
}

fn julian_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JD_OF_CE_DAY_ZERO
}

fn from_julian_day(jd: i64) -> Option<NaiveDate> {
    i32::try_from(jd - JD_OF_CE_DAY_ZERO)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// Julian day number of 31 December of `year`, by integer arithmetic: it
/// cannot fail the way building a `NaiveDate` for any `i32` year can.
fn julian_day_of_dec_31(year: i32) -> i64 {
    // Fliegel–Van Flandern for month 12 (a = 0, m = 9): (153·9 + 2) / 5 = 275
    // days from 1 March to 1 December.
    let y = i64::from(year) + 4800;
    31 + 275 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) - 32045
}

/// The instant (Julian day, UT) of the k-th new moon after 1900-01-01 (Meeus,
/// Astronomical Algorithms, with Hồ Ngọc Đức's ΔT terms).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// The sun's apparent longitude in radians, [0, 2π), at Julian day `jd` (UT).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// The local day (Julian day number) the k-th new moon falls on in UTC+7.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i64
}

/// Which 30° sector (0..=11) the sun is in at the start of local day `day`;
/// a major solar term starts each sector.
fn sun_sector(day: i64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - TIME_ZONE_HOURS / 24.0) / PI * 6.0).floor() as i64
}

/// The first day of lunar month 11 (the month holding the winter solstice)
/// that starts in solar year `year`.
fn lunar_month_11(year: i32) -> i64 {
    let offset = julian_day_of_dec_31(year) - 2_415_021;
    let k = (offset as f64 / SYNODIC_MONTH).floor() as i64;
    let new_moon = new_moon_day(k);
    // A month that starts with the sun already past 270° (sector 9) is
    // month 12: month 11 is the one before it.
    if sun_sector(new_moon) >= 9 {
        new_moon_day(k - 1)
    } else {
        new_moon
    }
}

/// Which month after month 11 (starting at `a11`) is the leap month in a
/// 13-month year: the first whose start and next start share a sun sector,
/// i.e. the first month with no major solar term.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - EPOCH_JD) / SYNODIC_MONTH + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            return i - 1;
        }
    }
}

#[cfg(test)]
mod tests;
