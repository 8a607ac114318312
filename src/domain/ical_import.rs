//! Reading a delegation's itinerary from an iCalendar file a partner sends
//! (Google Calendar, Outlook, Apple Calendar, Thunderbird exports): each
//! VEVENT becomes an itinerary item's fields, or the list of what is wrong
//! with it, property by property.
//!
//! Where DESIGN.md is silent: an all-day event is the working day, 08:00 to
//! 17:00 in its zone, on each of its days (midnight to midnight would clash
//! with every other entry of the day in the monitoring schedule); a missing
//! LOCATION is an error (every item needs a place); times without a zone
//! (floating, or UTC) are planned in the calendar's `X-WR-TIMEZONE` when it
//! names an IANA zone, else in the province's.

mod zones;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, hash_map};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;
use ical::property::Property;
use sha2::{Digest, Sha256};

use self::zones::{Zone, Zones};
use super::FieldError;
use super::ical::unescape_text;
use super::itinerary::{ItemKind, check_span};
use super::time::PROVINCE_TZ;

/// The limits of an item's text, as for items entered by hand.
const MAX_TITLE: usize = 500;
const MAX_PLACE: usize = 300;
const MAX_PARTICIPANTS: usize = 2000;
const MAX_UID: usize = 255;

/// The working day an all-day event stands for.
const DAY_STARTS: NaiveTime = NaiveTime::from_hms_opt(8, 0, 0).expect("08:00");
const DAY_ENDS: NaiveTime = NaiveTime::from_hms_opt(17, 0, 0).expect("17:00");

/// Why a body is not a calendar this service can read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("must be UTF-8 text")]
    NotText,
    /// PostgreSQL cannot keep it in text; refused on both engines alike.
    #[error("must not contain the NUL character (U+0000)")]
    Nul,
    /// Past one of the bounds on what a file may cost to read.
    #[error("{0}")]
    Limit(String),
    #[error("the body is not an iCalendar file ({0})")]
    Syntax(String),
    #[error("the calendar holds no events (VEVENT)")]
    NoEvents,
}

/// What an event becomes: an itinerary item's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The IANA zone it was planned in.
    pub zone: Tz,
    /// The kind its CATEGORIES name, if they name one.
    pub kind: Option<ItemKind>,
    pub title: String,
    pub place: String,
    /// From DESCRIPTION.
    pub participants: Option<String>,
    /// `STATUS:CANCELLED`.
    pub cancelled: bool,
}

/// One VEVENT of the file, read as far as it could be.
#[derive(Debug, Clone)]
pub struct ImportedEvent {
    /// Its place among the file's VEVENTs, from 0.
    pub index: usize,
    /// Its UID as the file gives it.
    pub uid: Option<String>,
    /// What the item remembers it by (`import_uid`): its UID, or for an
    /// event without one a digest of its start, title and place, so that
    /// the same file imported again finds it.
    pub key: String,
    /// Its start, end and zone, when they could be read.
    span: Option<Span>,
    /// The rest of what the item would hold (its times are `span`'s).
    fields: Fields,
    errors: Vec<FieldError>,
}

#[derive(Debug, Clone)]
struct Fields {
    kind: Option<ItemKind>,
    title: String,
    place: String,
    participants: Option<String>,
    cancelled: bool,
}

impl ImportedEvent {
    /// The entry, if the event is valid and lies within `first..=last` as
    /// dates in its own zone; else everything wrong with it, by property.
    pub fn check(&self, first: NaiveDate, last: NaiveDate) -> Result<Entry, Vec<FieldError>> {
        let mut errors = self.errors.clone();
        if let Some((starts, ends, zone)) = self.span
            && let Err((field, message)) = check_span(starts, ends, zone, first, last)
        {
            let field = if field == "starts_at" {
                "DTSTART"
            } else {
                "DTEND"
            };
            errors.push(FieldError::new(field, message));
        }
        match self.span {
            Some((starts_at, ends_at, zone)) if errors.is_empty() => {
                let f = self.fields.clone();
                Ok(Entry {
                    starts_at,
                    ends_at,
                    zone,
                    kind: f.kind,
                    title: f.title,
                    place: f.place,
                    participants: f.participants,
                    cancelled: f.cancelled,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Reads every VEVENT of an iCalendar body.
pub fn read(body: &[u8]) -> Result<Vec<ImportedEvent>, ReadError> {
    // Unfolded here rather than by the parser: it drops the spaces at the
    // end of each folded part, and a fold may split a UTF-8 character.
    let unfolded = unfold(body);
    let text = std::str::from_utf8(&unfolded).map_err(|_| ReadError::NotText)?;
    if text.contains('\0') {
        return Err(ReadError::Nul);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_bounds(text)?;
    let (mut events, mut timezones, mut default, mut calendars) = (Vec::new(), Vec::new(), None, 0);
    for calendar in ical::IcalParser::new(text.as_bytes()) {
        let calendar = calendar.map_err(|e| ReadError::Syntax(e.to_string()))?;
        calendars += 1;
        default = default.or_else(|| {
            property(&calendar.properties, "X-WR-TIMEZONE")
                .and_then(|p| p.value.as_deref())
                .and_then(|z| zones::Zones::default().resolve(z).ok())
                .and_then(|z| z.iana())
        });
        events.extend(calendar.events);
        timezones.extend(calendar.timezones);
    }
    if calendars == 0 {
        return Err(ReadError::Syntax(
            "it does not begin with BEGIN:VCALENDAR".into(),
        ));
    }
    if events.is_empty() {
        return Err(ReadError::NoEvents);
    }
    let zones = Zones::new(&timezones);
    let default = default.unwrap_or(PROVINCE_TZ);
    let mut read: Vec<ImportedEvent> = events
        .iter()
        .enumerate()
        .map(|(index, event)| read_event(index, event, &zones, default))
        .collect();
    // Each key's first event, looked up rather than searched for: comparing
    // every event with every earlier one is quadratic (some 2 s in a release
    // build for the 40,000 events of a 5 MB body, on the request's worker).
    let mut first_with_key: HashMap<String, usize> = HashMap::new();
    for event in &mut read {
        match first_with_key.entry(event.key.clone()) {
            hash_map::Entry::Occupied(first) => {
                let message = format!(
                    "the same event appears twice in the file (also events[{}])",
                    first.get()
                );
                event.errors.push(FieldError::new("UID", message));
            }
            hash_map::Entry::Vacant(slot) => {
                slot.insert(event.index);
            }
        }
    }
    Ok(read)
}

/// The most characters of one (unfolded) line: a description of pages
/// fits; the parser's work per line stays small.
pub const MAX_LINE: usize = 32 * 1024;
/// The most parameters on one property (`DTSTART;TZID=…;VALUE=…`): calendar
/// programs write two or three; the parser rescans the line per parameter.
pub const MAX_PARAMETERS: usize = 20;
/// The most characters of a TZID (IANA names have at most 32; Outlook's
/// and Lotus' prefixed ones some 60).
pub const MAX_TZID: usize = 128;
/// The most events in one file: a delegation's programme has tens.
pub const MAX_EVENTS: usize = 2_000;

/// Refuses a file past any of the bounds, naming the line and the bound,
/// before the parser sees it: each check is one pass over the line.
fn check_bounds(text: &str) -> Result<(), ReadError> {
    let mut events = 0;
    for (n, line) in text.lines().enumerate() {
        let at = |what: String| ReadError::Limit(format!("line {}: {what}", n + 1));
        if line.chars().count() > MAX_LINE {
            return Err(at(format!("longer than {MAX_LINE} characters")));
        }
        // The name and parameters: up to the first `:` outside quotes.
        let mut quoted = false;
        let head_end = line
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == ':' && !quoted
            })
            .map_or(line.len(), |(i, _)| i);
        let head = &line[..head_end];
        let mut quoted = false;
        let parameters: Vec<&str> = head
            .split(|c| {
                quoted ^= c == '"';
                c == ';' && !quoted
            })
            .skip(1)
            .collect();
        if parameters.len() > MAX_PARAMETERS {
            return Err(at(format!(
                "more than {MAX_PARAMETERS} parameters on one property"
            )));
        }
        let tzid = parameters
            .iter()
            .filter_map(|p| p.split_once('='))
            .chain(std::iter::once((
                head,
                &line[(head_end + 1).min(line.len())..],
            )))
            .any(|(name, value)| {
                name.eq_ignore_ascii_case("TZID") && value.chars().count() > MAX_TZID
            });
        if tzid {
            return Err(at(format!("a TZID longer than {MAX_TZID} characters")));
        }
        if line.trim_end().eq_ignore_ascii_case("BEGIN:VEVENT") {
            events += 1;
            if events > MAX_EVENTS {
                return Err(at(format!("more than {MAX_EVENTS} events in one file")));
            }
        }
    }
    Ok(())
}

fn read_event(index: usize, event: &IcalEvent, zones: &Zones, default: Tz) -> ImportedEvent {
    let p = &event.properties;
    let mut errors = Vec::new();
    let mut error = |field: &str, message: String| errors.push(FieldError::new(field, message));

    let uid = text(p, "UID");
    if uid.as_ref().is_some_and(|u| u.chars().count() > MAX_UID) {
        error("UID", format!("must be at most {MAX_UID} characters"));
    }
    let title = required(p, "SUMMARY", MAX_TITLE, "a title", &mut error);
    let place = required(p, "LOCATION", MAX_PLACE, "a place", &mut error);
    let participants = text(p, "DESCRIPTION");
    if participants
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_PARTICIPANTS)
    {
        error(
            "DESCRIPTION",
            format!("must be at most {MAX_PARTICIPANTS} characters"),
        );
    }
    for repeat in ["RRULE", "RDATE", "RECURRENCE-ID"] {
        if property(p, repeat).is_some() {
            error(
                repeat,
                "repeating events are not imported: list each occurrence as an event of its own"
                    .into(),
            );
        }
    }
    let times = span(p, zones, default);
    if let Err((field, message)) = &times {
        error(field, message.clone());
    }
    let key = uid.clone().unwrap_or_else(|| digest(p));
    ImportedEvent {
        index,
        uid,
        key,
        span: times.ok(),
        fields: Fields {
            kind: kind(p),
            title,
            place,
            participants,
            cancelled: text(p, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")),
        },
        errors,
    }
}

/// The first property of this name (names are case-insensitive).
fn property<'p>(properties: &'p [Property], name: &str) -> Option<&'p Property> {
    properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

fn param<'p>(property: &'p Property, name: &str) -> Option<&'p str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// A TEXT property, unescaped and trimmed; `None` when absent or blank.
fn text(properties: &[Property], name: &str) -> Option<String> {
    let raw = property(properties, name)?.value.as_deref()?;
    Some(unescape_text(raw).trim().to_owned()).filter(|t| !t.is_empty())
}

fn required(
    properties: &[Property],
    name: &str,
    max: usize,
    what: &str,
    error: &mut impl FnMut(&str, String),
) -> String {
    match text(properties, name) {
        None => {
            error(name, format!("missing: every itinerary item needs {what}"));
            String::new()
        }
        Some(t) if t.chars().count() > max => {
            error(name, format!("must be at most {max} characters"));
            t
        }
        Some(t) => t,
    }
}

/// The kind the event's CATEGORIES name (`meeting`, `Site visit`, …).
fn kind(properties: &[Property]) -> Option<ItemKind> {
    properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("CATEGORIES"))
        .filter_map(|p| p.value.as_deref())
        .flat_map(split_list)
        .find_map(|c| {
            let c: String = c
                .trim()
                .chars()
                .map(|ch| {
                    if ch == ' ' || ch == '-' {
                        '_'
                    } else {
                        ch.to_ascii_lowercase()
                    }
                })
                .collect();
            ItemKind::parse(&c)
        })
}

/// The items of a comma-separated TEXT list, unescaped.
fn split_list(raw: &str) -> Vec<String> {
    let (mut items, mut current, mut escaped) = (Vec::new(), String::new(), false);
    for c in raw.chars() {
        match c {
            ',' if !escaped => items.push(std::mem::take(&mut current)),
            _ => {
                escaped = c == '\\' && !escaped;
                current.push(c);
            }
        }
    }
    items.push(current);
    items.iter().map(|i| unescape_text(i)).collect()
}

/// A stable key for an event without a UID.
fn digest(properties: &[Property]) -> String {
    let mut hash = Sha256::new();
    for name in ["DTSTART", "SUMMARY", "LOCATION"] {
        if let Some(p) = property(properties, name) {
            hash.update(p.value.as_deref().unwrap_or("").as_bytes());
            hash.update(param(p, "TZID").unwrap_or("").as_bytes());
        }
        hash.update([0]);
    }
    let hex: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("visitdesk-import-{hex}")
}

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
fn duration(raw: &str) -> Option<Duration> {
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

type Span = (DateTime<Utc>, DateTime<Utc>, Tz);

/// An event's start, end and zone; or the property at fault and why.
fn span(p: &[Property], zones: &Zones, default: Tz) -> Result<Span, (&'static str, String)> {
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

/// Joins folded lines (CRLF or LF followed by a space or tab).
fn unfold(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let fold = match body[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => 3,
            [b'\n', b' ' | b'\t', ..] => 2,
            _ => 0,
        };
        if fold > 0 {
            i += fold;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
}
