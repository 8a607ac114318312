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

mod bounds;
pub use bounds::{MAX_EVENTS, MAX_LINE, MAX_PARAMETERS, MAX_TZID};
mod properties;
mod times;
mod zones;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, hash_map};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;

use self::bounds::check_bounds;
use self::properties::{digest, kind, property, required, text};
use self::times::{Span, local_time, span};
use self::zones::Zones;
use super::FieldError;
use super::itinerary::{ItemKind, check_span};
use super::time::PROVINCE_TZ;

/// The limits of an item's text, as for items entered by hand.
const MAX_TITLE: usize = 500;
const MAX_PLACE: usize = 300;
const MAX_PARTICIPANTS: usize = 2000;
const MAX_UID: usize = 255;

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
