//! The time zones of an imported calendar: a TZID as calendar programs write
//! it (an IANA name, a Windows name from Outlook or Exchange, or a name only
//! the file's own VTIMEZONE defines), turned into a way to read local times.

use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use ical::parser::ical::component::{IcalTimeZone, IcalTimeZoneTransition};
use ical::property::Property;

/// Windows zone names (what Outlook and Exchange write as TZID) for the
/// countries the province most often exchanges delegations with, after
/// CLDR's `windowsZones.xml`. Kept small on purpose: Outlook also writes the
/// zone's VTIMEZONE, which [`Zones::resolve`] reads for any other name.
/// "SE Asia Standard Time" is Windows' name for Vietnam's own zone (CLDR maps
/// it to Asia/Saigon for VN, to Asia/Bangkok elsewhere; the same +07:00 all
/// year), so it maps to the province's zone.
const WINDOWS: &[(&str, Tz)] = &[
    ("SE Asia Standard Time", chrono_tz::Asia::Ho_Chi_Minh),
    ("China Standard Time", chrono_tz::Asia::Shanghai),
    ("Tokyo Standard Time", chrono_tz::Asia::Tokyo),
    ("Korea Standard Time", chrono_tz::Asia::Seoul),
    ("Taipei Standard Time", chrono_tz::Asia::Taipei),
    ("Singapore Standard Time", chrono_tz::Asia::Singapore),
    ("W. Europe Standard Time", chrono_tz::Europe::Berlin),
    ("Romance Standard Time", chrono_tz::Europe::Paris),
    ("GMT Standard Time", chrono_tz::Europe::London),
    ("Russian Standard Time", chrono_tz::Europe::Moscow),
    ("AUS Eastern Standard Time", chrono_tz::Australia::Sydney),
    ("Eastern Standard Time", chrono_tz::America::New_York),
    ("Pacific Standard Time", chrono_tz::America::Los_Angeles),
];

/// How local times of one TZID are read.
#[derive(Debug, Clone)]
pub(super) enum Zone {
    /// A zone of the zone database.
    Iana(Tz),
    /// A zone only the file defines: the observances of its VTIMEZONE.
    Defined(Vec<Observance>),
}

/// A STANDARD or DAYLIGHT block of a VTIMEZONE: from each onset on, local
/// time is UTC + `to` seconds.
#[derive(Debug, Clone)]
pub(super) struct Observance {
    first: NaiveDateTime,
    from: i32,
    to: i32,
    rule: Option<Yearly>,
    more: Vec<NaiveDateTime>,
}

/// `RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` (or `BYMONTHDAY=`), the shape
/// every calendar program writes for daylight-saving changes.
#[derive(Debug, Clone)]
struct Yearly {
    month: u32,
    day: Day,
    until: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy)]
enum Day {
    /// The `nth` `weekday` of the month; from its end when negative.
    Weekday(i8, Weekday),
    Month(u32),
}

impl Zone {
    /// The zone database's zone, if it is one.
    pub fn iana(&self) -> Option<Tz> {
        match self {
            Zone::Iana(tz) => Some(*tz),
            Zone::Defined(_) => None,
        }
    }

    /// The instant a local time names. A time the clocks skip is read with
    /// the offset before the change, and a repeated one as its first
    /// occurrence (RFC 5545 §3.3.5).
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let offset = match self {
            Zone::Iana(tz) => match tz.from_local_datetime(&local).earliest() {
                Some(t) => return t.with_timezone(&Utc),
                None => {
                    let before = tz.offset_from_utc_datetime(&(local - Duration::days(1)));
                    i64::from(chrono::Offset::fix(&before).local_minus_utc())
                }
            },
            Zone::Defined(observances) => i64::from(offset_at(observances, local)),
        };
        (local - Duration::seconds(offset)).and_utc()
    }
}

/// The offset in force at `local`: that of the observance whose latest onset
/// at or before it is the latest; before every onset, the first one's `from`.
fn offset_at(observances: &[Observance], local: NaiveDateTime) -> i32 {
    observances
        .iter()
        .filter_map(|o| o.latest_onset(local).map(|at| (at, o.to)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, to)| to)
        .or_else(|| observances.iter().min_by_key(|o| o.first).map(|o| o.from))
        .unwrap_or(0)
}

impl Observance {
    fn latest_onset(&self, local: NaiveDateTime) -> Option<NaiveDateTime> {
        let ruled = self.rule.as_ref().and_then(|rule| {
            [local.year(), local.year() - 1]
                .into_iter()
                .filter_map(|year| rule.date(year))
                .map(|date| date.and_time(self.first.time()))
                .find(|at| *at >= self.first && *at <= local && rule.until.is_none_or(|u| *at <= u))
        });
        std::iter::once(self.first)
            .chain(self.more.iter().copied())
            .chain(ruled)
            .filter(|at| *at <= local)
            .max()
    }
}

impl Yearly {
    fn parse(raw: &str) -> Option<Yearly> {
        let mut freq = None;
        let (mut month, mut day, mut until) = (None, None, None);
        for part in raw.split(';') {
            let (key, value) = part.split_once('=')?;
            match key.to_ascii_uppercase().as_str() {
                "FREQ" => freq = Some(value.to_ascii_uppercase()),
                "BYMONTH" => month = Some(value.parse().ok()?),
                "BYDAY" => {
                    let value = value.trim();
                    // `split_at_checked`: two bytes from the end may fall inside a
                    // character (`BYDAY=¡A`), where `split_at` panics.
                    let (nth, name) = value.split_at_checked(value.len().checked_sub(2)?)?;
                    let nth = if nth.is_empty() { 1 } else { nth.parse().ok()? };
                    day = Some(Day::Weekday(nth, weekday(name)?));
                }
                "BYMONTHDAY" => day = Some(Day::Month(value.parse().ok()?)),
                "UNTIL" => until = Some(super::local_time(value.trim_end_matches('Z'))?),
                "INTERVAL" if value == "1" => {}
                "WKST" => {}
                _ => return None,
            }
        }
        (freq.as_deref() == Some("YEARLY")).then_some(())?;
        Some(Yearly {
            month: month?,
            day: day?,
            until,
        })
    }

    fn date(&self, year: i32) -> Option<NaiveDate> {
        match self.day {
            Day::Month(d) => NaiveDate::from_ymd_opt(year, self.month, d),
            Day::Weekday(nth, weekday) if nth > 0 => {
                NaiveDate::from_weekday_of_month_opt(year, self.month, weekday, nth.unsigned_abs())
            }
            Day::Weekday(nth, weekday) => {
                let next_month = if self.month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, self.month + 1, 1)
                }?;
                let last = next_month.pred_opt()?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                let date = last
                    - Duration::days(i64::from(back))
                    - Duration::weeks(i64::from(nth.unsigned_abs()) - 1);
                (date.month() == self.month).then_some(date)
            }
        }
    }
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// `+0700`, `-0500`, `+053000` in seconds.
fn offset(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    let (sign, digits) = match raw.split_at_checked(1)? {
        ("+", d) => (1, d),
        ("-", d) => (-1, d),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i32>().ok());
    let seconds = if digits.len() == 6 { n(4..6)? } else { 0 };
    let (hours, minutes) = (n(0..2)?, n(2..4)?);
    // Minutes and seconds of a clock, and no further from UTC than any zone
    // has ever been (±18:00 bounds every offset in use; -995959 is not one).
    if minutes >= 60 || seconds >= 60 || hours * 3600 + minutes * 60 + seconds > MAX_OFFSET {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// The furthest from UTC an offset may be, in seconds.
const MAX_OFFSET: i32 = 18 * 3600;

fn value<'p>(properties: &'p [Property], name: &str) -> Option<&'p str> {
    super::property(properties, name).and_then(|p| p.value.as_deref())
}

fn observance(t: &IcalTimeZoneTransition) -> Option<Observance> {
    let p = &t.properties;
    let to = offset(value(p, "TZOFFSETTO")?)?;
    let rule = match value(p, "RRULE") {
        Some(raw) => Some(Yearly::parse(raw)?),
        None => None,
    };
    let more = p
        .iter()
        .filter(|x| x.name.eq_ignore_ascii_case("RDATE"))
        .filter_map(|x| x.value.as_deref())
        .flat_map(|v| v.split(','))
        .map(|v| super::local_time(v.trim_end_matches('Z')))
        .collect::<Option<Vec<_>>>()?;
    Some(Observance {
        first: super::local_time(value(p, "DTSTART")?)?,
        from: value(p, "TZOFFSETFROM").and_then(offset).unwrap_or(to),
        to,
        rule,
        more,
    })
}

/// The zone database's zone of this name: as written, or the end of a
/// path-like TZID (`/mozilla.org/20070129_1/Europe/Berlin`).
fn iana(name: &str) -> Option<Tz> {
    let name = name.trim();
    // Each suffix after a `/` is tried (`/mozilla.org/…/Europe/Berlin`):
    // quadratic in the length, so only for names of a sane length.
    if name.chars().count() > super::MAX_TZID {
        return None;
    }
    Tz::from_str(name).ok().or_else(|| {
        name.match_indices('/')
            .find_map(|(i, _)| Tz::from_str(&name[i + 1..]).ok())
    })
}

/// The zones a calendar defines, by TZID.
#[derive(Debug, Default)]
pub(super) struct Zones {
    defined: Vec<(String, Result<Zone, String>)>,
}

impl Zones {
    pub fn new(timezones: &[IcalTimeZone]) -> Zones {
        let defined = timezones
            .iter()
            .filter_map(|tz| {
                let name = value(&tz.properties, "TZID")?.trim().to_owned();
                Some((name.clone(), Self::define(&name, tz)))
            })
            .collect();
        Zones { defined }
    }

    fn define(name: &str, tz: &IcalTimeZone) -> Result<Zone, String> {
        // Google and Thunderbird say which zone they mean.
        if let Some(tz) = value(&tz.properties, "X-LIC-LOCATION").and_then(iana) {
            return Ok(Zone::Iana(tz));
        }
        let observances = tz
            .transitions
            .iter()
            .map(observance)
            .collect::<Option<Vec<_>>>()
            .filter(|o| !o.is_empty())
            .ok_or_else(|| {
                format!(
                    "the VTIMEZONE of `{name}` has rules that cannot be read here; \
                     name the zone by its IANA name (Asia/Ho_Chi_Minh, Europe/Berlin, …)"
                )
            })?;
        Ok(Zone::Defined(observances))
    }

    /// The zone a TZID names: a zone database name, a known Windows name,
    /// or one the file's VTIMEZONE defines.
    pub fn resolve(&self, tzid: &str) -> Result<Zone, String> {
        let tzid = tzid.trim();
        if let Some(tz) = iana(tzid) {
            return Ok(Zone::Iana(tz));
        }
        if let Some((_, tz)) = WINDOWS.iter().find(|(n, _)| n.eq_ignore_ascii_case(tzid)) {
            return Ok(Zone::Iana(*tz));
        }
        match self.defined.iter().find(|(n, _)| n == tzid) {
            Some((_, zone)) => zone.clone(),
            None => Err(format!(
                "the time zone `{tzid}` is neither an IANA zone \
                 nor defined by a VTIMEZONE in the file"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_rules_are_read() {
        assert_eq!(offset("+0700"), Some(7 * 3600));
        assert_eq!(offset("-0430"), Some(-(4 * 3600 + 30 * 60)));
        assert_eq!(offset("+053015"), Some(5 * 3600 + 30 * 60 + 15));
        assert_eq!(offset("0700"), None);
        assert_eq!(offset("+1400"), Some(14 * 3600));
        assert_eq!(offset("-995959"), None);
        assert_eq!(offset("+0760"), None);
        assert_eq!(offset("+070060"), None);
        assert_eq!(offset("+1801"), None);
        let last_sunday = Yearly::parse("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3").unwrap();
        assert_eq!(last_sunday.date(2025), NaiveDate::from_ymd_opt(2025, 3, 30));
        assert_eq!(last_sunday.date(2026), NaiveDate::from_ymd_opt(2026, 3, 29));
        let second_sunday = Yearly::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU").unwrap();
        assert_eq!(
            second_sunday.date(2025),
            NaiveDate::from_ymd_opt(2025, 3, 9)
        );
        assert!(Yearly::parse("FREQ=MONTHLY;BYMONTH=3;BYDAY=2SU").is_none());
        assert!(Yearly::parse("FREQ=YEARLY;BYDAY=2SU").is_none());
    }

    #[test]
    fn windows_and_path_names_are_known() {
        let zones = Zones::default();
        for (name, tz) in [
            ("SE Asia Standard Time", chrono_tz::Asia::Ho_Chi_Minh),
            ("W. Europe Standard Time", chrono_tz::Europe::Berlin),
            ("Tokyo Standard Time", chrono_tz::Asia::Tokyo),
            (
                "/mozilla.org/20070129_1/Europe/Berlin",
                chrono_tz::Europe::Berlin,
            ),
            ("Asia/Ho_Chi_Minh", chrono_tz::Asia::Ho_Chi_Minh),
        ] {
            assert_eq!(zones.resolve(name).unwrap().iana(), Some(tz), "{name}");
        }
        assert!(zones.resolve("Mars Standard Time").is_err());
    }
}
