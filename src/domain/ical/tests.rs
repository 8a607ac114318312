//! Unit tests of `domain::ical`.

use chrono::{Duration, TimeZone};

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
fn a_zone_is_described_only_for_the_years_records_may_have() {
    let mut long = event("Phỏng vấn", chrono_tz::Europe::Berlin);
    long.end = When::Zoned(
        Utc.with_ymd_and_hms(9999, 12, 31, 10, 0, 0).unwrap(),
        chrono_tz::Europe::Berlin,
    );
    let text = write(&Calendar {
        name: "Lịch".into(),
        events: vec![long],
    });
    // One spring change a year, 2026 to 2100 at the most. (The walk
    // to 9999 wrote the same, in 0.56 s of this test instead of 0.01.)
    let springs = text.matches("BEGIN:DAYLIGHT").count();
    assert!((70..=75).contains(&springs), "{springs} DAYLIGHT blocks");
    assert!(!text.contains("DTSTART:2101"));
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
    let mut out = Out::new(0);
    vtimezone(&mut out, chrono_tz::Asia::Ho_Chi_Minh, 2026, 2026);
    let out = out.text;
    assert_eq!(out.matches("BEGIN:STANDARD").count(), 1);
    assert!(!out.contains("DAYLIGHT"));
    assert!(out.contains("TZOFFSETTO:+0700"));
}

#[test]
fn a_daylight_zone_has_its_transitions() {
    let mut out = Out::new(0);
    vtimezone(&mut out, chrono_tz::Europe::Berlin, 2026, 2026);
    let out = out.text;
    // 29 March 2026 02:00 CET → CEST; 25 October 2026 03:00 CEST → CET.
    assert!(
        out.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"
        ),
        "{out}"
    );
}

#[test]
fn controls_are_dropped_and_other_text_kept_as_is() {
    assert_eq!(escape_text("Hòa Bình © 2026"), "Hòa Bình © 2026");
    assert_eq!(escape_text("a\u{85}b\u{7}c\u{7f}d"), "abcd");
    assert_eq!(escape_text("x\r\ny\rz"), "x\\ny\\nz");
    assert_eq!(escape_text("\u{a0}Â"), "\u{a0}Â");
}

#[test]
fn text_round_trips() {
    for text in ["a;b,c\\d\ne", "Hòa Bình", "", "\\n"] {
        assert_eq!(unescape_text(&escape_text(text)), text);
    }
}
