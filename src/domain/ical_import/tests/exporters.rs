//! Calendars as the programs partners use write them.

use chrono::TimeZone;

use super::*;

/// A Google Calendar export: its VTIMEZONE for the calendar's zone, UTC
/// times, long lines folded at 75 octets (one fold right after a space, one
/// inside a Vietnamese letter), `\,` and `\;` escapes, an alarm.
pub(super) const GOOGLE: &str = "BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Chương trình đoàn Shizuoka
X-WR-TIMEZONE:Asia/Ho_Chi_Minh
BEGIN:VTIMEZONE
TZID:Asia/Ho_Chi_Minh
X-LIC-LOCATION:Asia/Ho_Chi_Minh
BEGIN:STANDARD
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
TZNAME:GMT+7
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART:20250310T020000Z
DTEND:20250310T040000Z
DTSTAMP:20250301T081523Z
UID:5g3q1m2d8v0k7o9r4t6s1u2b3c@google.com
CREATED:20250228T101010Z
DESCRIPTION:Phó Chủ tịch UBND tỉnh tiếp đoàn\\; phiên dịch: Sở Ngoại vụ\\,\x20
 cán bộ Lê Minh Đức
LAST-MODIFIED:20250301T081523Z
LOCATION:Trụ sở UBND tỉnh\\, Số 1 đường Trần Hưng Đạo\\, TP. Hòa Bình\\, Vi
 ệt Nam
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Làm việc với lãnh đạo tỉnh
TRANSP:OPAQUE
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H30M0S
END:VALARM
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Asia/Ho_Chi_Minh:20250311T140000
DTEND;TZID=Asia/Ho_Chi_Minh:20250311T163000
DTSTAMP:20250301T081523Z
UID:0a1b2c3d4e5f6g7h8i9j@google.com
CATEGORIES:Site visit
LOCATION:Khu công nghiệp Lương Sơn
SUMMARY:Khảo sát khu công nghiệp
END:VEVENT
END:VCALENDAR";

#[test]
fn a_google_export_is_read() {
    let events = read(crlf(GOOGLE).as_bytes()).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0].uid.as_deref(),
        Some("5g3q1m2d8v0k7o9r4t6s1u2b3c@google.com")
    );
    assert_eq!(events[0].key, "5g3q1m2d8v0k7o9r4t6s1u2b3c@google.com");
    let first = events[0].check(d("2025-03-10"), d("2025-03-12")).unwrap();
    assert_eq!(first.starts_at, utc("2025-03-10T02:00:00Z"));
    assert_eq!(first.ends_at, utc("2025-03-10T04:00:00Z"));
    assert_eq!(first.zone, chrono_tz::Asia::Ho_Chi_Minh);
    assert_eq!(first.title, "Làm việc với lãnh đạo tỉnh");
    assert_eq!(
        first.place,
        "Trụ sở UBND tỉnh, Số 1 đường Trần Hưng Đạo, TP. Hòa Bình, Việt Nam"
    );
    assert_eq!(
        first.participants.as_deref(),
        Some("Phó Chủ tịch UBND tỉnh tiếp đoàn; phiên dịch: Sở Ngoại vụ, cán bộ Lê Minh Đức")
    );
    assert_eq!(first.kind, None);
    assert!(!first.cancelled);

    let second = events[1].check(d("2025-03-10"), d("2025-03-12")).unwrap();
    assert_eq!(second.starts_at, utc("2025-03-11T07:00:00Z"));
    assert_eq!(second.ends_at, utc("2025-03-11T09:30:00Z"));
    assert_eq!(second.kind, Some(ItemKind::SiteVisit));
}

#[test]
fn a_fold_may_split_a_character_and_bare_line_feeds_are_read() {
    // "Việt" folded inside "ệ" (E1 BB 87), with LF line ends.
    let mut body =
        b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nSUMMARY:Vi\xe1\xbb".to_vec();
    body.extend_from_slice(
        b"\n \x87t\nLOCATION:H\xc3\xa0 N\xe1\xbb\x99i\nDTSTART:20250310T090000\n",
    );
    body.extend_from_slice(b"END:VEVENT\nEND:VCALENDAR\n");
    let events = read(&body).unwrap();
    let entry = events[0].check(d("2025-03-10"), d("2025-03-10")).unwrap();
    assert_eq!(entry.title, "Việt");
    assert_eq!(entry.place, "Hà Nội");
    // Floating, in the province's zone; one hour when it gives no end.
    assert_eq!(entry.starts_at, utc("2025-03-10T02:00:00Z"));
    assert_eq!(entry.ends_at, utc("2025-03-10T03:00:00Z"));
}

/// An Outlook export: a Windows TZID with its VTIMEZONE block, quoted
/// TZID parameters, DTSTAMP, X-MICROSOFT and X-ALT-DESC properties, long
/// lines folded.
const OUTLOOK: &str = r#"BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:SE Asia Standard Time
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20250301T020304Z
DESCRIPTION:Giám đốc Sở Công Thương\n
DTEND;TZID="SE Asia Standard Time":20250311T113000
DTSTAMP:20250301T020304Z
DTSTART;TZID="SE Asia Standard Time":20250311T090000
LAST-MODIFIED:20250301T020304Z
LOCATION:Sở Công Thương
PRIORITY:5
SEQUENCE:0
SUMMARY;LANGUAGE=vi:Họp với Sở Công Thương
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E00800000000A0D8B3A5F18ADB01000000000000000
 010000000C1F8E4B0A3D5E24C9D1E3A2B4C5D6E7F
X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//E
 N"><html><body><p>Giám đốc: Sở; phòng 2</p></body></html>
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MS-OLK-AUTOFILLLOCATION:FALSE
X-MS-OLK-CONFTYPE:0
BEGIN:VALARM
TRIGGER:-PT15M
ACTION:DISPLAY
DESCRIPTION:Reminder
END:VALARM
END:VEVENT
END:VCALENDAR"#;

#[test]
fn an_outlook_export_with_a_windows_zone_is_read() {
    let events = read(crlf(OUTLOOK).as_bytes()).unwrap();
    assert_eq!(
        events[0].uid.as_deref(),
        Some(concat!(
            "040000008200E00074C5B7101A82E00800000000A0D8B3A5F18ADB01000000000000000",
            "010000000C1F8E4B0A3D5E24C9D1E3A2B4C5D6E7F"
        ))
    );
    let entries = checked(OUTLOOK, "2025-03-10", "2025-03-12");
    let entry = entries[0].as_ref().unwrap();
    assert_eq!(entry.starts_at, utc("2025-03-11T02:00:00Z"));
    assert_eq!(entry.ends_at, utc("2025-03-11T04:30:00Z"));
    assert_eq!(entry.zone, chrono_tz::Asia::Ho_Chi_Minh);
    assert_eq!(entry.title, "Họp với Sở Công Thương");
    assert_eq!(
        entry.participants.as_deref(),
        Some("Giám đốc Sở Công Thương")
    );
}

/// Outlook's own name for a zone it has no Windows name for, with its
/// daylight-saving rules: read from the VTIMEZONE.
const CUSTOM_ZONE: &str = "BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:before@example.de
DTSTART;TZID=Customized Time Zone:20250328T100000
DTEND;TZID=Customized Time Zone:20250328T120000
SUMMARY:Gespräch mit der Handelskammer
LOCATION:IHK Berlin
END:VEVENT
BEGIN:VEVENT
UID:after@example.de
DTSTART;TZID=Customized Time Zone:20250331T100000
DTEND;TZID=Customized Time Zone:20250331T120000
SUMMARY:Werksbesichtigung
LOCATION:Siemensstadt
END:VEVENT
END:VCALENDAR";

#[test]
fn a_zone_only_the_file_defines_follows_its_rules() {
    let entries = checked(CUSTOM_ZONE, "2025-03-27", "2025-04-01");
    let before = entries[0].as_ref().unwrap();
    let after = entries[1].as_ref().unwrap();
    assert_eq!(before.starts_at, utc("2025-03-28T09:00:00Z"), "CET, UTC+1");
    assert_eq!(after.starts_at, utc("2025-03-31T08:00:00Z"), "CEST, UTC+2");
    // Not a zone of the database: planned in the calendar's default zone.
    assert_eq!(after.zone, chrono_tz::Asia::Ho_Chi_Minh);
}

/// A delegation's days in Germany, across the change to summer time (02:00
/// on 30 March 2025 becomes 03:00).
const BERLIN: &str = "BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.4//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
DTSTART:19810329T020000
TZNAME:CEST
TZOFFSETTO:+0200
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
DTSTART:19961027T030000
TZNAME:CET
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:night-train@example.de
DTSTART;TZID=Europe/Berlin:20250329T220000
DTEND;TZID=Europe/Berlin:20250330T040000
SUMMARY:Nachtzug nach München
LOCATION:Berlin Hbf
CATEGORIES:TRAVEL
END:VEVENT
BEGIN:VEVENT
UID:gap@example.de
DTSTART;TZID=W. Europe Standard Time:20250330T023000
DURATION:PT1H
SUMMARY:Frühstück
LOCATION:Hotel Bayerischer Hof
END:VEVENT
BEGIN:VEVENT
UID:summer@example.de
DTSTART;TZID=Europe/Berlin:20250331T090000
DTEND;TZID=Europe/Berlin:20250331T103000
SUMMARY:Besuch bei Siemens
LOCATION:Werner-von-Siemens-Ring 1
CATEGORIES:Besuch,meeting
END:VEVENT
END:VCALENDAR";

#[test]
fn a_zone_with_daylight_time_is_read_on_both_sides_of_the_change() {
    let entries = checked(BERLIN, "2025-03-29", "2025-03-31");
    let train = entries[0].as_ref().unwrap();
    assert_eq!(train.starts_at, utc("2025-03-29T21:00:00Z"));
    assert_eq!(
        train.ends_at,
        utc("2025-03-30T02:00:00Z"),
        "five hours, not six"
    );
    assert_eq!(train.zone, chrono_tz::Europe::Berlin);
    assert_eq!(train.kind, Some(ItemKind::Travel));
    // 02:30 does not exist that night: read with the offset before the gap.
    let breakfast = entries[1].as_ref().unwrap();
    assert_eq!(breakfast.starts_at, utc("2025-03-30T01:30:00Z"));
    assert_eq!(breakfast.ends_at, utc("2025-03-30T02:30:00Z"));
    let visit = entries[2].as_ref().unwrap();
    assert_eq!(visit.starts_at, utc("2025-03-31T07:00:00Z"));
    assert_eq!(visit.kind, Some(ItemKind::Meeting));
}

const ALL_DAY: &str = "BEGIN:VCALENDAR
VERSION:2.0
X-WR-TIMEZONE:Asia/Tokyo
BEGIN:VEVENT
UID:one-day@example.jp
DTSTART;VALUE=DATE:20250311
DTEND;VALUE=DATE:20250312
SUMMARY:Tham quan Hạ Long
LOCATION:Vịnh Hạ Long
END:VEVENT
BEGIN:VEVENT
UID:three-days@example.jp
DTSTART;VALUE=DATE:20250310
DTEND;VALUE=DATE:20250313
SUMMARY:Hội chợ
LOCATION:Trung tâm Hội chợ
END:VEVENT
BEGIN:VEVENT
UID:no-end@example.jp
DTSTART;VALUE=DATE:20250312
SUMMARY:Tự do
LOCATION:Khách sạn
END:VEVENT
BEGIN:VEVENT
UID:duration@example.jp
DTSTART;VALUE=DATE:20250310
DURATION:P2D
SUMMARY:Làm việc
LOCATION:Văn phòng
END:VEVENT
END:VCALENDAR";

#[test]
fn all_day_events_are_working_days_in_the_calendars_zone() {
    let entries = checked(ALL_DAY, "2025-03-10", "2025-03-12");
    let tokyo = chrono_tz::Asia::Tokyo;
    let at = |date: &str, h: u32| {
        tokyo
            .from_local_datetime(&d(date).and_hms_opt(h, 0, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc)
    };
    let span = |i: usize| {
        let e = entries[i].as_ref().unwrap();
        assert_eq!(e.zone, tokyo);
        (e.starts_at, e.ends_at)
    };
    assert_eq!(span(0), (at("2025-03-11", 8), at("2025-03-11", 17)));
    assert_eq!(span(1), (at("2025-03-10", 8), at("2025-03-12", 17)));
    assert_eq!(span(2), (at("2025-03-12", 8), at("2025-03-12", 17)));
    assert_eq!(span(3), (at("2025-03-10", 8), at("2025-03-11", 17)));
}
