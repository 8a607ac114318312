//! Instants and the province's time zone.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone records are planned in unless they say otherwise.
pub const PROVINCE_TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// Today's date in the province.
pub fn province_today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&PROVINCE_TZ).date_naive()
}

/// The years records may fall in: older or later dates are typing mistakes.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The earliest instant any stored entry can start at: the first day of
/// [`YEARS`] in the zone furthest ahead of UTC (UTC+14), so that a window
/// reaching further back (a span stored before the bound) stops here, inside
/// what both engines can compare.
pub fn earliest_instant() -> DateTime<Utc> {
    let first = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap_or(NaiveDate::MIN);
    first.and_time(chrono::NaiveTime::MIN).and_utc() - chrono::Duration::hours(14)
}

pub fn check_year(year: i32) -> Result<(), &'static str> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err("must be between 1990 and 2100")
    }
}

/// `t` in UTC, if the year it is written in lies in [`YEARS`]: every instant
/// a client sends passes here, so none far outside them reaches arithmetic,
/// storage or a feed.
pub fn within_years<Z: TimeZone>(t: DateTime<Z>) -> Result<DateTime<Utc>, &'static str> {
    check_year(t.year())?;
    Ok(t.with_timezone(&Utc))
}

/// The province's day a window bound names (an end bound is exclusive: the
/// day is the one before it).
pub fn parse_day(raw: &str, bound: Bound) -> Result<chrono::NaiveDate, &'static str> {
    let t = parse_instant(raw, bound)?;
    let t = if bound == Bound::End {
        t - chrono::Duration::seconds(1)
    } else {
        t
    };
    Ok(t.with_timezone(&PROVINCE_TZ).date_naive())
}

/// Which end of a window a date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A date means its first instant.
    Start,
    /// A date means the end of that day (the next day's first instant, exclusive).
    End,
}

/// An RFC 3339 instant, or a date read in the province's zone.
pub fn parse_instant(raw: &str, bound: Bound) -> Result<DateTime<Utc>, &'static str> {
    let raw = raw.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(raw) {
        return within_years(instant);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(
        |_| "must be a date (2026-12-01) or an RFC 3339 instant (2026-12-01T08:00:00+07:00)",
    )?;
    check_year(date.year())?;
    let date = match bound {
        Bound::Start => date,
        Bound::End => date.succ_opt().ok_or("is out of range")?,
    };
    let midnight = date.and_hms_opt(0, 0, 0).ok_or("is out of range")?;
    PROVINCE_TZ
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or("is out of range")
}

/// Serializes an instant as chrono does (RFC 3339, `AutoSi` fractions,
/// `+07:00` offsets, `Z` for UTC), written field by field: through chrono's `Display`
/// serde_json received it one character at a time, a tenth of a week's
/// schedule (perf, bench/run). For `#[serde(serialize_with)]`.
pub fn rfc3339<S: serde::Serializer>(
    t: &DateTime<chrono::FixedOffset>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write as _;
    let mut text = String::with_capacity(35);
    let year = t.year();
    // Writing to a String cannot fail.
    if (0..=9999).contains(&year) {
        let _ = write!(text, "{year:04}");
    } else {
        let _ = write!(text, "{year:+05}");
    }
    let _ = write!(
        text,
        "-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let nanos = t.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        let _ = if nanos.is_multiple_of(1_000_000) {
            write!(text, ".{:03}", nanos / 1_000_000)
        } else if nanos.is_multiple_of(1_000) {
            write!(text, ".{:06}", nanos / 1_000)
        } else {
            write!(text, ".{nanos:09}")
        };
    }
    let offset = t.offset().local_minus_utc();
    if offset == 0 {
        text.push('Z');
        return serializer.serialize_str(&text);
    }
    let sign = if offset < 0 { '-' } else { '+' };
    // To the nearest minute, as chrono rounds (historical zones have seconds).
    let minutes = (offset.unsigned_abs() + 30) / 60;
    let _ = write!(text, "{sign}{:02}:{:02}", minutes / 60, minutes % 60);
    serializer.serialize_str(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_province_days() {
        let start = parse_instant("2026-12-01", Bound::Start).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-11-30T17:00:00+00:00");
        let end = parse_instant("2026-12-01", Bound::End).unwrap();
        assert_eq!(end.to_rfc3339(), "2026-12-01T17:00:00+00:00");
        let instant = parse_instant("2026-12-01T08:00:00+07:00", Bound::Start).unwrap();
        assert_eq!(instant.to_rfc3339(), "2026-12-01T01:00:00+00:00");
        assert!(parse_instant("yesterday", Bound::Start).is_err());
        assert!(parse_instant("2026-13-01", Bound::Start).is_err());
    }

    #[test]
    fn instants_serialize_exactly_as_chrono_writes_them() {
        #[derive(serde::Serialize)]
        struct Ours(#[serde(serialize_with = "rfc3339")] DateTime<chrono::FixedOffset>);
        let zones = [
            0,
            7 * 3600,
            -(5 * 3600 + 30 * 60),
            5 * 3600 + 45 * 60,
            3617,
            3631,
            -3631,
        ];
        let instants = [
            "2026-11-26T09:30:00Z",
            "2026-11-26T09:30:00.5Z",
            "2026-11-26T09:30:00.123456Z",
            "2026-11-26T09:30:00.000000001Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ];
        for instant in instants {
            let t = DateTime::parse_from_rfc3339(instant).unwrap();
            for seconds in zones {
                let local = t.with_timezone(&chrono::FixedOffset::east_opt(seconds).unwrap());
                assert_eq!(
                    serde_json::to_string(&Ours(local)).unwrap(),
                    serde_json::to_string(&local).unwrap()
                );
            }
        }
    }
}
