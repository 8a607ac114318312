//! The iCalendar (RFC 5545) writer for every feed: CRLF lines folded at 75
//! octets (never inside a UTF-8 character), text escaped, times with their
//! TZID and a VTIMEZONE for each zone used, computed from the zone database
//! (daylight-saving zones included).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

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
    out
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

// RFC 5545's DATE and DATE-TIME forms, written field by field: chrono's
// `format` parses its pattern on every call, which was a tenth of a feed's
// time.
fn basic_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn local_stamp(t: NaiveDateTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}",
        basic_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    format!("{}Z", local_stamp(t.naive_utc()))
}

fn when(out: &mut String, name: &str, w: When) {
    match w {
        When::Date(d) => line(out, &format!("{name};VALUE=DATE:{}", basic_date(d))),
        When::Zoned(t, tz) if tz == chrono_tz::UTC => {
            line(out, &format!("{name}:{}", utc_stamp(t)))
        }
        When::Zoned(t, tz) => line(
            out,
            &format!(
                "{name};TZID={}:{}",
                tz.name(),
                local_stamp(t.with_timezone(&tz).naive_local())
            ),
        ),
    }
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, (s % 3600) / 60, s % 60)
    }
}

/// The zone's state at an instant: offset in seconds, daylight or not, name.
fn state(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc());
    let total = offset.base_utc_offset() + offset.dst_offset();
    let seconds = i32::try_from(total.num_seconds()).unwrap_or(0);
    let name = offset
        .abbreviation()
        .map_or_else(|| offset_text(seconds), str::to_owned);
    (seconds, !offset.dst_offset().is_zero(), name)
}

/// The VTIMEZONE of `tz` for the years `first..=last`: the state at the start
/// of the range, then every transition in it (found from the zone database,
/// to the second).
pub fn vtimezone(out: &mut String, tz: Tz, first: i32, last: i32) {
    let start = Utc
        .with_ymd_and_hms(first, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let end = Utc
        .with_ymd_and_hms(last + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(start);
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{}", tz.name()));
    let (mut offset, mut dst, name) = state(tz, start);
    let observance =
        |out: &mut String, onset: NaiveDateTime, from: i32, to: i32, dst: bool, name: &str| {
            let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
            line(out, &format!("BEGIN:{kind}"));
            line(out, &format!("DTSTART:{}", local_stamp(onset)));
            line(out, &format!("TZOFFSETFROM:{}", offset_text(from)));
            line(out, &format!("TZOFFSETTO:{}", offset_text(to)));
            line(out, &format!("TZNAME:{}", escape_text(name)));
            line(out, &format!("END:{kind}"));
        };
    let local =
        |t: DateTime<Utc>, offset: i32| t.naive_utc() + Duration::seconds(i64::from(offset));
    observance(out, local(start, offset), offset, offset, dst, &name);
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let (o, d, n) = state(tz, next);
        if o != offset || d != dst {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if state(tz, mid).0 == offset && state(tz, mid).1 == dst {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            observance(out, local(hi, offset), offset, o, d, &n);
            (offset, dst) = (o, d);
        }
        day = next;
    }
    line(out, "END:VTIMEZONE");
}

/// Writes the whole calendar.
pub fn write(calendar: &Calendar) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//visitdesk//visitdesk feeds//VI");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape_text(&calendar.name)),
    );
    line(
        &mut out,
        &format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"),
    );
    line(&mut out, &format!("X-PUBLISHED-TTL:{REFRESH}"));

    // Each zone used, for the years its events span.
    let mut zones: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for event in &calendar.events {
        for w in [event.start, event.end] {
            if let When::Zoned(t, tz) = w
                && tz != chrono_tz::UTC
            {
                let year = t.with_timezone(&tz).year();
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
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape_text(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc_stamp(e.last_modified)));
        when(&mut out, "DTSTART", e.start);
        when(&mut out, "DTEND", e.end);
        line(&mut out, &format!("SEQUENCE:{}", e.sequence.max(0)));
        line(
            &mut out,
            &format!("LAST-MODIFIED:{}", utc_stamp(e.last_modified)),
        );
        line(&mut out, &format!("STATUS:{}", e.status.as_str()));
        line(&mut out, &format!("SUMMARY:{}", escape_text(&e.summary)));
        if let Some(location) = &e.location {
            line(&mut out, &format!("LOCATION:{}", escape_text(location)));
        }
        if let Some(description) = &e.description {
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(description)),
            );
        }
        if !e.categories.is_empty() {
            let mut categories = String::from("CATEGORIES:");
            for (i, c) in e.categories.iter().enumerate() {
                if i > 0 {
                    categories.push(',');
                }
                let _ = write!(categories, "{}", escape_text(c));
            }
            line(&mut out, &categories);
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(summary: &str, tz: Tz) -> Event {
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
        Event {
            uid: "itinerary_item-1@visitdesk.example".into(),
            start: When::Zoned(t, tz),
            end: When::Zoned(t + Duration::hours(2), tz),
            summary: summary.into(),
            location: Some("Nhà máy Thủy điện Hòa Bình, TP. Hòa Bình".into()),
            description: None,
            categories: vec!["itinerary_item".into()],
            status: Status::Confirmed,
            sequence: 3,
            last_modified: t,
        }
    }

    #[test]
    fn lines_are_crlf_folded_at_75_octets_without_splitting_characters() {
        let text = write(&Calendar {
            name: "Lịch".into(),
            events: vec![event(
                &"Thăm nhà máy thủy điện Hòa Bình; gặp lãnh đạo, ".repeat(8),
                chrono_tz::Asia::Ho_Chi_Minh,
            )],
        });
        assert!(!text.starts_with('\u{feff}'));
        for raw in text.split("\r\n") {
            assert!(raw.len() <= 75, "{raw:?} is {} octets", raw.len());
            assert!(!raw.contains('\n') && !raw.contains('\r'));
        }
        assert!(text.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20261201T090000\r\n"));
        assert!(text.contains("SEQUENCE:3\r\n"));
        assert!(text.contains("\\;") && text.contains("\\,"));
    }

    #[test]
    fn no_folded_line_ends_in_a_space() {
        for n in 60..80 {
            let mut out = String::new();
            line(
                &mut out,
                &format!("SUMMARY:{} Hòa Bình  và   Mai Châu", "a".repeat(n)),
            );
            for raw in out.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(raw.len() <= 75, "{raw:?}");
            }
            let lines: Vec<&str> = out.split("\r\n").collect();
            for raw in &lines[..lines.len() - 2] {
                assert!(!raw.ends_with(' '), "{out:?}");
            }
            let unfolded = out.replace("\r\n ", "");
            assert_eq!(
                unfolded,
                format!("SUMMARY:{} Hòa Bình  và   Mai Châu\r\n", "a".repeat(n))
            );
        }
    }

    #[test]
    fn a_zone_without_daylight_time_is_one_standard_block() {
        let mut out = String::new();
        vtimezone(&mut out, chrono_tz::Asia::Ho_Chi_Minh, 2026, 2026);
        assert_eq!(out.matches("BEGIN:STANDARD").count(), 1);
        assert!(!out.contains("DAYLIGHT"));
        assert!(out.contains("TZOFFSETTO:+0700"));
    }

    #[test]
    fn a_daylight_zone_has_its_transitions() {
        let mut out = String::new();
        vtimezone(&mut out, chrono_tz::Europe::Berlin, 2026, 2026);
        // 29 March 2026 02:00 CET → CEST; 25 October 2026 03:00 CEST → CET.
        assert!(out.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"), "{out}");
        assert!(out.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"), "{out}");
    }

    #[test]
    fn text_round_trips() {
        for text in ["a;b,c\\d\ne", "Hòa Bình", "", "\\n"] {
            assert_eq!(unescape_text(&escape_text(text)), text);
        }
    }
}
