//! Unit tests of `domain::ical_import`: what is wrong with an event, the
//! keys, what is refused, and the parts (durations, kinds, bounds); the
//! exporters' calendars are in `exporters`.

use chrono::{Duration, NaiveDate, Utc};
use ical::property::Property;

use super::properties::split_list;
use super::times::duration;
use super::*;

mod exporters;
use exporters::GOOGLE;

/// CRLF line ends, as every exporter writes them.
fn crlf(text: &str) -> String {
    text.lines().map(|l| format!("{l}\r\n")).collect()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Every event, checked against the delegation's dates.
fn checked(text: &str, first: &str, last: &str) -> Vec<Result<Entry, Vec<FieldError>>> {
    read(crlf(text).as_bytes())
        .unwrap()
        .iter()
        .map(|e| e.check(d(first), d(last)))
        .collect()
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn every_problem_of_every_event_is_named() {
    let text = "BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:fine@example.org
DTSTART:20250310T020000Z
DTEND:20250310T030000Z
SUMMARY:Fine
LOCATION:Here
END:VEVENT
BEGIN:VEVENT
UID:bare@example.org
DTSTART:20250310T020000Z
DTEND:20250310T010000Z
END:VEVENT
BEGIN:VEVENT
UID:outside@example.org
DTSTART;TZID=Asia/Ho_Chi_Minh:20250313T090000
SUMMARY:Too late
LOCATION:There
END:VEVENT
BEGIN:VEVENT
UID:mars@example.org
DTSTART;TZID=Mars Standard Time:20250311T090000
SUMMARY:Where?
LOCATION:Olympus Mons
RRULE:FREQ=DAILY;COUNT=2
END:VEVENT
BEGIN:VEVENT
UID:fine@example.org
DTSTART:20250311T020000Z
DURATION:PT0S
SUMMARY:Again
LOCATION:Here
END:VEVENT
END:VCALENDAR";
    let entries = checked(text, "2025-03-10", "2025-03-12");
    assert!(entries[0].is_ok());
    let errors: Vec<Vec<&str>> = entries[1..]
        .iter()
        .map(|e| fields(e.as_ref().unwrap_err()))
        .collect();
    assert_eq!(errors[0], ["SUMMARY", "LOCATION", "DTEND"]);
    assert_eq!(errors[1], ["DTSTART"]);
    assert_eq!(errors[2], ["RRULE", "DTSTART"]);
    assert_eq!(errors[3], ["DURATION", "UID"]);
    let outside = entries[2].as_ref().unwrap_err();
    assert!(
        outside[0].message.contains("2025-03-10 – 2025-03-12"),
        "{outside:?}"
    );
    let mars = entries[3].as_ref().unwrap_err();
    assert!(mars[1].message.contains("Mars Standard Time"), "{mars:?}");
}

#[test]
fn events_without_a_uid_get_a_stable_key() {
    let text = "BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
DTSTART:20250310T020000Z
SUMMARY:Hand-made
LOCATION:Here
END:VEVENT
END:VCALENDAR";
    let once = read(crlf(text).as_bytes()).unwrap();
    let twice = read(crlf(text).as_bytes()).unwrap();
    assert_eq!(once[0].uid, None);
    assert!(once[0].key.starts_with("visitdesk-import-"));
    assert_eq!(once[0].key, twice[0].key);
    let moved = read(crlf(&text.replace("SUMMARY:Hand-made", "SUMMARY:Moved")).as_bytes()).unwrap();
    assert_ne!(once[0].key, moved[0].key);
}

#[test]
fn what_is_not_a_calendar_is_refused() {
    assert_eq!(read(b"\xff\xfeB\0").unwrap_err(), ReadError::NotText);
    assert!(matches!(read(b"hello"), Err(ReadError::Syntax(_))));
    assert!(matches!(read(b""), Err(ReadError::Syntax(_))));
    assert_eq!(
        read(crlf("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR").as_bytes()).unwrap_err(),
        ReadError::NoEvents
    );
    // A byte order mark is tolerated.
    let with_bom = format!("\u{feff}{}", crlf(GOOGLE));
    assert_eq!(read(with_bom.as_bytes()).unwrap().len(), 2);
}

#[test]
fn statuses_and_long_texts() {
    let long = "x".repeat(501);
    let text = format!(
        "BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:a
DTSTART:20250310T020000Z
SUMMARY:Cancelled
LOCATION:Here
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART:20250310T020000Z
SUMMARY:{long}
LOCATION:{long}
END:VEVENT
END:VCALENDAR"
    );
    let entries = checked(&text, "2025-03-10", "2025-03-10");
    assert!(entries[0].as_ref().unwrap().cancelled);
    assert_eq!(
        fields(entries[1].as_ref().unwrap_err()),
        ["SUMMARY", "LOCATION"]
    );
}

#[test]
fn durations_are_read() {
    assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
    assert_eq!(duration("P1DT2H"), Some(Duration::hours(26)));
    assert_eq!(duration("P2W"), Some(Duration::days(14)));
    assert_eq!(duration("+PT45S"), Some(Duration::seconds(45)));
    for bad in ["-PT1H", "P", "PT", "PT1H30", "P1H", "1H", "PT1D"] {
        assert_eq!(duration(bad), None, "{bad}");
    }
}

#[test]
fn categories_name_kinds_in_several_spellings() {
    let p = |v: &str| Property {
        name: "CATEGORIES".into(),
        params: None,
        value: Some(v.into()),
    };
    assert_eq!(
        kind(&[p("Working session")]),
        Some(ItemKind::WorkingSession)
    );
    assert_eq!(kind(&[p("work,site-visit")]), Some(ItemKind::SiteVisit));
    assert_eq!(kind(&[p("a\\,b"), p("SIGNING")]), Some(ItemKind::Signing));
    assert_eq!(kind(&[p("Business")]), None);
    assert_eq!(split_list("a\\,b,c"), ["a,b", "c"]);
}

#[test]
fn bounds_count_parameters_outside_quotes_and_tzids_as_properties_too() {
    // A quoted parameter value may hold `;` and `:`: one parameter, not many.
    let quoted = format!(
        "BEGIN:VCALENDAR\nX-A;X-P=\"{}\":v\nEND:VCALENDAR\n",
        ";:".repeat(50)
    );
    assert_eq!(check_bounds(&quoted), Ok(()));
    let many = format!("X-A{}:v\n", ";P=1".repeat(MAX_PARAMETERS + 1));
    assert!(matches!(check_bounds(&many), Err(ReadError::Limit(m)) if m.contains("parameters")));
    // A VTIMEZONE names its zone in a TZID property, not a parameter.
    let long = format!("TZID:{}\n", "/".repeat(MAX_TZID + 1));
    assert!(matches!(check_bounds(&long), Err(ReadError::Limit(m)) if m.contains("TZID")));
    let ok = format!("TZID:{}\n", "/".repeat(MAX_TZID));
    assert_eq!(check_bounds(&ok), Ok(()));
}

#[test]
fn an_end_before_a_skipped_start_says_the_clocks_skip_it() {
    // 02:30 does not exist in Berlin on 30 March 2025: read as 03:30, so an
    // end at 03:00 as written comes before it.
    let text = "BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:gap-end@example.de
DTSTART;TZID=Europe/Berlin:20250330T023000
DTEND;TZID=Europe/Berlin:20250330T030000
SUMMARY:Frühstück
LOCATION:Hotel
END:VEVENT
END:VCALENDAR";
    let entries = checked(text, "2025-03-29", "2025-03-31");
    let errors = entries[0].as_ref().unwrap_err();
    let dtend = errors.iter().find(|e| e.field == "DTEND").unwrap();
    assert!(
        dtend.message.contains(
            "DTSTART 2025-03-30 02:30 does not exist in Europe/Berlin: the clocks skip it, \
             so it is read as 03:30"
        ),
        "{}",
        dtend.message
    );
}
