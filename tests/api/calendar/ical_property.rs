//! The iCal writer, tested as a calendar client reads it: any text (any
//! Unicode, Vietnamese diacritics, long lines, `;`, `,`, `\`, line breaks)
//! written into a summary, location, description or calendar name comes
//! back unchanged from the `ical` crate's parser, and no physical line is
//! longer than 75 octets.

use std::io::BufReader;

use chrono::{Duration, TimeZone, Utc};
use ical::parser::ical::component::IcalCalendar;
use ical::property::Property;
use proptest::prelude::*;
use proptest::test_runner::Config;
use visitdesk::domain::ical::{Calendar, Event, Status, When, unescape_text, write};

/// Characters a province's calendar text is made of, with the ones the
/// writer must escape or fold around weighted up, and any `char` at all.
fn any_text() -> impl Strategy<Value = String> {
    let vietnamese: Vec<char> =
        "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĂÂĐÊÔƠƯÀÁẠỆỘỮ"
            .chars()
            .collect();
    let character = prop_oneof![
        4 => proptest::sample::select(vietnamese),
        4 => proptest::char::range('a', 'z'),
        3 => Just(' '),
        2 => proptest::sample::select(vec![';', ',', '\\', ':', '"', '\n', '\r', '\t']),
        1 => proptest::sample::select(vec!['\u{a0}', '\u{3000}', '\u{2028}', '\u{200b}', '\u{feff}']),
        2 => any::<char>(),
    ];
    // Up to 300 characters: up to 1,200 octets, folded many times over.
    proptest::collection::vec(character, 0..300).prop_map(|chars| chars.into_iter().collect())
}

/// What the writer keeps of `text`, as it says it does: `\r\n` and a lone
/// `\r` become `\n`, and every other control character (tab included) is
/// dropped: RFC 5545 TEXT cannot carry them.
fn as_written(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// What any reader gets back of `text` through the `ical` crate, whatever
/// the writer does: that parser trims white space off the end of a value and
/// strips colons off its start (it takes every `:` after the name as the
/// separator), and no escape in RFC 5545 can protect either. Only these two
/// ends are forgiven; white space inside the text must survive.
fn as_read_back(text: &str) -> String {
    as_written(text)
        .trim_end_matches(|c: char| c.is_whitespace() && c != '\n')
        .trim_start_matches(':')
        .to_owned()
}

fn calendar(name: &str, summary: &str, location: &str, description: &str) -> Calendar {
    let start = Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap();
    // In UTC: no VTIMEZONE to compute, so the 200 cases take a second, not five.
    Calendar {
        name: name.to_owned(),
        events: vec![Event {
            uid: "itinerary_item-1@visitdesk.example".into(),
            start: When::Zoned(start, chrono_tz::UTC),
            end: When::Zoned(start + Duration::hours(2), chrono_tz::UTC),
            summary: summary.to_owned(),
            location: Some(location.to_owned()),
            description: Some(description.to_owned()),
            categories: vec!["itinerary_item".into()],
            status: Status::Confirmed,
            sequence: 1,
            last_modified: start,
        }],
    }
}

/// The physical lines of a written calendar: CRLF-ended, none over 75 octets.
fn check_lines(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!text.starts_with('\u{feff}'), "a byte order mark");
    prop_assert!(text.ends_with("\r\n"));
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    for line in lines {
        prop_assert!(
            !line.contains('\n') && !line.contains('\r'),
            "a bare line end in {:?}",
            line
        );
        prop_assert!(line.len() <= 75, "{:?} is {} octets", line, line.len());
    }
    Ok(())
}

/// Reads a written calendar with the `ical` crate, its folds undone first as
/// RFC 5545 §3.1 says (a CRLF and one space or tab are removed). The crate's
/// own line reader trims the white space at the end of every folded part, so
/// a space the writer (rightly) left before a fold would be lost; the
/// service's importer unfolds first for the same reason.
fn parse(text: &str) -> IcalCalendar {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut calendars = ical::IcalParser::new(BufReader::new(unfolded.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("unreadable ({e}):\n{text}"));
    assert!(calendars.next().is_none(), "more than one calendar");
    calendar
}

/// The unescaped value of the one property `name` (an empty value reads as none).
fn text_of(properties: &[Property], name: &str) -> String {
    let found: Vec<&Property> = properties.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "{name} in {properties:?}");
    unescape_text(found[0].value.as_deref().unwrap_or(""))
}

/// Writes the four texts, reads them back, and compares.
fn round_trip(
    name: &str,
    summary: &str,
    location: &str,
    description: &str,
) -> Result<(), TestCaseError> {
    let text = write(&calendar(name, summary, location, description));
    check_lines(&text)?;
    let parsed = parse(&text);
    prop_assert_eq!(parsed.events.len(), 1);
    let event = &parsed.events[0].properties;
    prop_assert_eq!(
        text_of(&parsed.properties, "X-WR-CALNAME"),
        as_read_back(name),
        "name in\n{}",
        text
    );
    prop_assert_eq!(
        text_of(event, "SUMMARY"),
        as_read_back(summary),
        "summary in\n{}",
        text
    );
    prop_assert_eq!(
        text_of(event, "LOCATION"),
        as_read_back(location),
        "location in\n{}",
        text
    );
    prop_assert_eq!(
        text_of(event, "DESCRIPTION"),
        as_read_back(description),
        "description in\n{}",
        text
    );
    Ok(())
}

proptest! {
    // 200 cases run in a second or two; failures are not persisted to a
    // file in the tree (the shrunk case is printed, and the cases worth
    // keeping are in `known_hard_cases` below).
    #![proptest_config(Config { cases: 200, failure_persistence: None, ..Config::default() })]

    #[test]
    fn any_text_survives_writing_and_parsing(
        name in any_text(),
        summary in any_text(),
        location in any_text(),
        description in any_text(),
    ) {
        round_trip(&name, &summary, &location, &description)?;
    }
}

/// Texts that have broken writers: a space where a line folds, a character
/// of several octets across the 75th, escapes across a fold, line breaks of
/// every kind, and nothing at all.
#[test]
fn known_hard_cases() {
    let at_the_fold = format!("{} Hòa Bình", "a".repeat(66));
    let multibyte = format!("{}ệ ở Mai Châu", "a".repeat(66));
    let escape_across = format!("{}\\n;,\\", "b".repeat(65));
    let cases = [
        at_the_fold.as_str(),
        multibyte.as_str(),
        escape_across.as_str(),
        "Đoàn doanh nghiệp Shizuoka; gặp lãnh đạo, thăm \\ nhà máy\r\ndòng 2\rdòng 3\ndòng 4",
        "",
        "\t\u{0}\u{7f}",
    ];
    for text in cases {
        if let Err(e) = round_trip(text, text, text, text) {
            panic!("{text:?}: {e}");
        }
    }
}
