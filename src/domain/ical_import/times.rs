//! When an event is: its DTSTART, DTEND or DURATION read into a start, an
//! end and a zone, or the property at fault and why.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use ical::property::Property;

use super::properties::{param, property};
use super::zones::{Zone, Zones};

/// The working day an all-day event stands for.
const DAY_STARTS: NaiveTime = NaiveTime::from_hms_opt(8, 0, 0).expect("08:00");
const DAY_ENDS: NaiveTime = NaiveTime::from_hms_opt(17, 0, 0).expect("17:00");

/// A DTSTART or DTEND value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stamp {
    /// `VALUE=DATE`: a whole day.
    Date(NaiveDate),
    /// An instant, the zone database's zone it was given in (if any), and
    /// the local time as written when the clocks skip it that day (read
    /// with the offset before the change, RFC 5545 §3.3.5).
    Instant(DateTime<Utc>, Option<Tz>, Option<NaiveDateTime>),
}

pub(crate) fn local_time(raw: &str) -> Option<NaiveDateTime> {
    ["%Y%m%dT%H%M%S", "%Y%m%dT%H%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw.trim(), f).ok())
}

fn stamp(p: &Property, zones: &Zones, default: Tz) -> Result<Stamp, String> {
    let raw = p.value.as_deref().map(str::trim).unwrap_or("");
    let is_date = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()));
    if is_date {
        return NaiveDate::parse_from_str(raw, "%Y%m%d")
            .map(Stamp::Date)
            .map_err(|_| format!("`{raw}` is not a date (YYYYMMDD)"));
    }
    let bad = || format!("`{raw}` is not a date-time (YYYYMMDDTHHMMSS, Z for UTC)");
    let zone = param(p, "TZID")
        .map(|tzid| zones.resolve(tzid))
        .transpose()?;
    if let Some(utc) = raw.strip_suffix('Z').or_else(|| raw.strip_suffix('z')) {
        let t = local_time(utc).ok_or_else(bad)?.and_utc();
        return Ok(Stamp::Instant(t, zone.and_then(|z| z.iana()), None));
    }
    let local = local_time(raw).ok_or_else(bad)?;
    let zone = zone.unwrap_or(Zone::Iana(default));
    let skipped = zone
        .iana()
        .filter(|tz| {
            chrono::TimeZone::from_local_datetime(tz, &local)
                .earliest()
                .is_none()
        })
        .map(|_| local);
    Ok(Stamp::Instant(zone.instant(local), zone.iana(), skipped))
}

/// `P1D`, `PT1H30M`, `P1W`, `+P1DT2H` (RFC 5545 §3.3.6), not negative.
pub(super) fn duration(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    let raw = raw.strip_prefix('+').unwrap_or(raw);
    let mut rest = raw.strip_prefix('P')?.chars();
    let (mut total, mut number, mut any, mut in_time) =
        (Duration::zero(), None::<i64>, false, false);
    for c in rest.by_ref() {
        if let Some(d) = c.to_digit(10) {
            number = Some(
                number
                    .unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(i64::from(d))?,
            );
            continue;
        }
        let n = match c {
            'T' if !in_time && number.is_none() => {
                in_time = true;
                continue;
            }
            _ => number.take()?,
        };
        let part = match (c, in_time) {
            ('W', false) => Duration::try_weeks(n)?,
            ('D', false) => Duration::try_days(n)?,
            ('H', true) => Duration::try_hours(n)?,
            ('M', true) => Duration::try_minutes(n)?,
            ('S', true) => Duration::try_seconds(n)?,
            _ => return None,
        };
        // Checked: `+=` panics past chrono's range (`P15250284452W7D`).
        total = total.checked_add(&part)?;
        any = true;
    }
    (any && number.is_none()).then_some(total)
}

pub(super) type Span = (DateTime<Utc>, DateTime<Utc>, Tz);

/// An event's start, end and zone; or the property at fault and why.
pub(super) fn span(
    p: &[Property],
    zones: &Zones,
    default: Tz,
) -> Result<Span, (&'static str, String)> {
    let start = property(p, "DTSTART").ok_or(("DTSTART", "missing".to_owned()))?;
    let start = stamp(start, zones, default).map_err(|m| ("DTSTART", m))?;
    let end = property(p, "DTEND")
        .map(|e| stamp(e, zones, default).map_err(|m| ("DTEND", m)))
        .transpose()?;
    let length = match property(p, "DURATION").and_then(|d| d.value.as_deref()) {
        Some(raw) if end.is_none() => Some(duration(raw).ok_or((
            "DURATION",
            format!("`{raw}` is not a duration (PT1H30M, P1D, …)"),
        ))?),
        _ => None,
    };
    match (start, end) {
        (Stamp::Date(first), end) => {
            let last = match (end, length) {
                (Some(Stamp::Date(after)), _) if after > first => after.pred_opt().unwrap_or(after),
                (Some(Stamp::Date(_)), _) => return Err(("DTEND", "must be after DTSTART".into())),
                (Some(Stamp::Instant(..)), _) => {
                    return Err(("DTEND", "must be a date, as DTSTART is".into()));
                }
                // Checked: `+` panics past chrono's range (`P999999999D`).
                (None, Some(d)) if d.num_days() > 0 && d == Duration::days(d.num_days()) => first
                    .checked_add_signed(Duration::days(d.num_days() - 1))
                    .ok_or(("DURATION", "is too long".to_owned()))?,
                (None, Some(_)) => {
                    return Err(("DURATION", "must be whole days for an all-day event".into()));
                }
                (None, None) => first,
            };
            let zone = Zone::Iana(default);
            Ok((
                zone.instant(first.and_time(DAY_STARTS)),
                zone.instant(last.and_time(DAY_ENDS)),
                default,
            ))
        }
        (Stamp::Instant(starts, tz, start_skipped), end) => {
            let mut skipped = start_skipped.map(|t| ("DTSTART", t, starts));
            let (ends, field) = match (end, length) {
                (Some(Stamp::Instant(ends, _, end_skipped)), _) => {
                    skipped = skipped.or(end_skipped.map(|t| ("DTEND", t, ends)));
                    (ends, "DTEND")
                }
                (Some(Stamp::Date(_)), _) => {
                    return Err(("DTEND", "must be a date-time, as DTSTART is".into()));
                }
                // Checked: `+` panics past chrono's range (`P999999999D`).
                (None, Some(d)) => (
                    starts
                        .checked_add_signed(d)
                        .ok_or(("DURATION", "is too long".to_owned()))?,
                    "DURATION",
                ),
                (None, None) => (starts + Duration::hours(1), "DTEND"),
            };
            if ends <= starts {
                let message = match field {
                    "DURATION" => "must be longer than nothing",
                    _ => "must be after DTSTART",
                };
                // A time the clocks skip moves an hour: say so, or the
                // message contradicts the file as written.
                let why = skipped.zip(tz).map(|((name, written, read), tz)| {
                    format!(
                        " ({name} {} does not exist in {}: the clocks skip it, so it is read \
                         as {})",
                        written.format("%Y-%m-%d %H:%M"),
                        tz.name(),
                        read.with_timezone(&tz).format("%H:%M")
                    )
                });
                return Err((field, format!("{message}{}", why.unwrap_or_default())));
            }
            Ok((starts, ends, tz.unwrap_or(default)))
        }
    }
}
