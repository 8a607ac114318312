//! The iCalendar (RFC 5545) writer for every feed: CRLF lines folded at 75
//! octets (never inside a UTF-8 character), text escaped, times with their
//! TZID and a VTIMEZONE for each zone used, computed from the zone database
//! (daylight-saving zones included).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

use self::vtimezone::vtimezone;

mod vtimezone;

/// An event's start or end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// An instant, written as local time in its zone.
    Zoned(DateTime<Utc>, Tz),
    /// A whole day (`VALUE=DATE`).
    Date(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Confirmed,
    Tentative,
    Cancelled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "CONFIRMED",
            Status::Tentative => "TENTATIVE",
            Status::Cancelled => "CANCELLED",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable across fetches: `{kind}-{id}@{host}`.
    pub uid: String,
    pub start: When,
    pub end: When,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    pub categories: Vec<String>,
    pub status: Status,
    /// The record's version.
    pub sequence: i64,
    pub last_modified: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: String,
    pub events: Vec<Event>,
}

/// How often clients should poll (Outlook polls every few hours without it).
const REFRESH: &str = "PT1H";

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape_text`], appended to `out`.
fn escape_into(out: &mut String, text: &str) {
    // Most text needs nothing: every byte that may need escaping or
    // dropping is ASCII or starts a C1 control (0xC2 0x80–0x9F).
    if !text
        .bytes()
        .any(|b| matches!(b, b'\\' | b';' | b',' | 0..=0x1f | 0x7f | 0xc2))
    {
        out.push_str(text);
        return;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Reads a TEXT value back (for imported calendars).
pub fn unescape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a
/// character, ended by CRLF.
///
/// A folded line never ends in white space: some parsers (the `ical` crate
/// among them) trim it, which would eat a space of the text. The fold moves
/// before such spaces instead; they start the next line, after its fold space.
fn line(out: &mut String, content: &str) {
    if content.len() <= 75 {
        out.push_str(content);
        out.push_str("\r\n");
        return;
    }
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            let line_start = out.rfind('\n').map_or(0, |i| i + 1);
            let trailing = out[line_start..].len() - out[line_start..].trim_end_matches(' ').len();
            // Keep at least one character of text on the line being ended.
            let moved = if trailing + 1 < width { trailing } else { 0 };
            out.truncate(out.len() - moved);
            out.push_str("\r\n ");
            out.push_str(&" ".repeat(moved));
            width = 1 + moved;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The text being written, and one content line's worth of scratch space
/// reused for every line (a feed has tens of thousands of lines).
struct Out {
    text: String,
    scratch: String,
}

impl Out {
    fn new(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            scratch: String::new(),
        }
    }

    /// A content line without anything to build.
    fn plain(&mut self, content: &str) {
        line(&mut self.text, content);
    }

    /// A content line built by `build`, then folded onto the text.
    fn line(&mut self, build: impl FnOnce(&mut String)) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        build(&mut scratch);
        line(&mut self.text, &scratch);
        self.scratch = scratch;
    }

    /// `NAME:value`, the value escaped as TEXT.
    fn text(&mut self, name: &str, value: &str) {
        self.line(|l| {
            l.push_str(name);
            l.push(':');
            escape_into(l, value);
        });
    }

    fn when(&mut self, name: &str, w: When) {
        self.line(|l| {
            l.push_str(name);
            match w {
                When::Date(d) => {
                    l.push_str(";VALUE=DATE:");
                    push_date(l, d);
                }
                When::Zoned(t, tz) if tz == chrono_tz::UTC => {
                    l.push(':');
                    push_utc(l, t);
                }
                When::Zoned(t, tz) => {
                    l.push_str(";TZID=");
                    l.push_str(tz.name());
                    l.push(':');
                    push_local(l, t.with_timezone(&tz).naive_local());
                }
            }
        });
    }

    fn utc(&mut self, name: &str, t: DateTime<Utc>) {
        self.line(|l| {
            l.push_str(name);
            l.push(':');
            push_utc(l, t);
        });
    }
}

// RFC 5545's DATE and DATE-TIME forms, written field by field: chrono's
// `format` parses its pattern on every call, which was a tenth of a feed's
// time. (Writing to a String cannot fail.)
fn push_date(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

fn push_local(out: &mut String, t: NaiveDateTime) {
    push_date(out, t.date());
    let _ = write!(out, "T{:02}{:02}{:02}", t.hour(), t.minute(), t.second());
}

fn push_utc(out: &mut String, t: DateTime<Utc>) {
    push_local(out, t.naive_utc());
    out.push('Z');
}

/// Writes the whole calendar.
pub fn write(calendar: &Calendar) -> String {
    // An event is about 450 octets.
    let mut out = Out::new(1024 + 512 * calendar.events.len());
    out.plain("BEGIN:VCALENDAR");
    out.plain("VERSION:2.0");
    out.plain("PRODID:-//visitdesk//visitdesk feeds//VI");
    out.plain("CALSCALE:GREGORIAN");
    out.plain("METHOD:PUBLISH");
    out.text("X-WR-CALNAME", &calendar.name);
    out.line(|l| {
        l.push_str("REFRESH-INTERVAL;VALUE=DURATION:");
        l.push_str(REFRESH);
    });
    out.line(|l| {
        l.push_str("X-PUBLISHED-TTL:");
        l.push_str(REFRESH);
    });

    // Each zone used, for the years its events span.
    let mut zones: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for event in &calendar.events {
        for w in [event.start, event.end] {
            if let When::Zoned(t, tz) = w
                && tz != chrono_tz::UTC
            {
                // Within the years any record may have: an end stored
                // before that bound (9999) made the zone walk 8,000 years.
                let year = t
                    .with_timezone(&tz)
                    .year()
                    .clamp(*super::time::YEARS.start(), *super::time::YEARS.end());
                let entry = zones.entry(tz.name()).or_insert((tz, year, year));
                entry.1 = entry.1.min(year);
                entry.2 = entry.2.max(year);
            }
        }
    }
    for (tz, first, last) in zones.into_values() {
        vtimezone(&mut out, tz, first, last);
    }

    for e in &calendar.events {
        out.plain("BEGIN:VEVENT");
        out.text("UID", &e.uid);
        out.utc("DTSTAMP", e.last_modified);
        out.when("DTSTART", e.start);
        out.when("DTEND", e.end);
        out.line(|l| {
            let _ = write!(l, "SEQUENCE:{}", e.sequence.max(0));
        });
        out.utc("LAST-MODIFIED", e.last_modified);
        out.line(|l| {
            l.push_str("STATUS:");
            l.push_str(e.status.as_str());
        });
        out.text("SUMMARY", &e.summary);
        if let Some(location) = &e.location {
            out.text("LOCATION", location);
        }
        if let Some(description) = &e.description {
            out.text("DESCRIPTION", description);
        }
        if !e.categories.is_empty() {
            out.line(|l| {
                l.push_str("CATEGORIES:");
                for (i, c) in e.categories.iter().enumerate() {
                    if i > 0 {
                        l.push(',');
                    }
                    escape_into(l, c);
                }
            });
        }
        out.plain("END:VEVENT");
    }
    out.plain("END:VCALENDAR");
    out.text
}

#[cfg(test)]
mod tests;
