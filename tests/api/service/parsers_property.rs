//! The two parsers that read what a client sends byte for byte, fed what a
//! fuzzer would: the iCal importer (`ical_import::read`, then each event's
//! `check`) and the list cursor decoder (`pagination::decode_cursor`).
//! Whatever the input, neither panics nor takes more than two seconds;
//! every event the importer accepts ends after it starts; every cursor the
//! encoder gives out decodes to the key it was made from.
//!
//! The generated cases are run by one test, on a fixed budget and a fixed
//! seed (the same inputs on every CI run), so that it can count them for the
//! report; large inputs and the cases worth keeping are tests of their own.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use visitdesk::domain::ical_import::{ReadError, read};
use visitdesk::domain::pagination::{decode_cursor, encode_cursor};

/// The same inputs on every run: a failure in CI is a failure on a laptop.
const SEED: u64 = 0x7669_7369_7464_6573;

/// What "does not hang" means for one generated input (each takes well
/// under a millisecond when nothing is wrong).
const BOUND: Duration = Duration::from_secs(2);

/// What "does not hang" means for the inputs of several megabytes, in a
/// debug build on a busy machine (each takes a fraction of it).
const LARGE_BOUND: Duration = Duration::from_secs(8);

/// The key types the list routes decode cursors into (`db::*::Cursor` and
/// `(i64,)`).
type IdKey = (i64,);
type TimeKey = (NaiveDateTime, i64);
type DateKey = (NaiveDate, i64);

// ----------------------------------------------------------------------
// Running a case: on a thread of its own, within a time bound.

/// Runs `work` on a thread of its own and waits at most `bound` for it; a
/// panic or a timeout is an error naming it. A thread that hangs is left
/// behind: the test fails anyway.
fn bounded<T: Send + 'static>(
    bound: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let worker = thread::Builder::new()
        .name("parser-fuzz".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .expect("a thread for the case");
    match rx.recv_timeout(bound) {
        Ok(value) => {
            let _ = worker.join();
            Ok(value)
        }
        Err(RecvTimeoutError::Timeout) => Err(format!("still running after {bound:?}")),
        Err(RecvTimeoutError::Disconnected) => {
            let payload = worker.join().err();
            let message = payload
                .as_ref()
                .and_then(|p| {
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                })
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        }
    }
}

/// An iCal body, shown in a failure as the bytes it is (`b"BEGIN:…\r\n"`)
/// rather than as a list of numbers.
#[derive(Clone)]
struct Body(Vec<u8>);

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// What one event of a read came to: its place, and its start and end when
/// `check` (over every date there is) accepted it.
type Outcome = Result<Vec<(usize, Option<(DateTime<Utc>, DateTime<Utc>)>)>, ReadError>;

/// Reads `body` and checks every event, as the import route does.
fn import(body: &[u8]) -> Outcome {
    read(body).map(|events| {
        events
            .iter()
            .map(|e| {
                let entry = e.check(NaiveDate::MIN, NaiveDate::MAX).ok();
                (e.index, entry.map(|x| (x.starts_at, x.ends_at)))
            })
            .collect()
    })
}

/// The importer's properties for one input: no panic, no hang, events in
/// file order, and every accepted event ending after it starts.
fn import_holds(Body(body): Body) -> Result<(), TestCaseError> {
    let outcome = bounded(BOUND, move || import(&body)).map_err(TestCaseError::fail)?;
    if let Ok(events) = outcome {
        for (place, (index, span)) in events.iter().enumerate() {
            prop_assert_eq!(place, *index);
            if let Some((starts, ends)) = span {
                prop_assert!(
                    ends > starts,
                    "event {} ends {} before {}",
                    index,
                    ends,
                    starts
                );
            }
        }
    }
    Ok(())
}

/// The decoder's property for one input: no panic and no hang, whichever key
/// type a route asks for.
fn decode_holds(raw: String) -> Result<(), TestCaseError> {
    bounded(BOUND, move || {
        let _ = decode_cursor::<IdKey>(&raw);
        let _ = decode_cursor::<TimeKey>(&raw);
        let _ = decode_cursor::<DateKey>(&raw);
    })
    .map_err(TestCaseError::fail)
}

/// Runs `cases` generated inputs through `property` on the fixed seed;
/// returns how many ran, or the (shrunk) failure.
fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> Result<usize, String> {
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        // A hang costs two seconds a try: shrinking stops after a minute.
        max_shrink_time: 60_000,
        ..Config::default()
    });
    let (ran, started) = (AtomicUsize::new(0), Instant::now());
    runner
        .run(&strategy, |value| {
            ran.fetch_add(1, Ordering::Relaxed);
            property(value)
        })
        .map_err(|e| format!("{name}: {e}"))?;
    let ran = ran.into_inner();
    println!("{name}: {ran} inputs in {:?}", started.elapsed());
    Ok(ran)
}

// ----------------------------------------------------------------------
// iCal inputs.

// The strategies are boxed: nested as plain types, their value trees
// overflowed the test thread's stack in a debug build.

/// A string strategy of a regular expression, parsed once (a `&str` used
/// as a strategy is parsed again for every value: most of the run's time).
fn re(pattern: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(pattern)
        .expect("a valid pattern")
        .boxed()
}

/// The names a TZID can give: zone database names (one path-like, as
/// Thunderbird writes), Windows names the importer knows and one it does
/// not, names only a VTIMEZONE of the file defines, and nonsense.
fn zone_name() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(vec![
            "Asia/Ho_Chi_Minh",
            "Europe/Berlin",
            "UTC",
            "/mozilla.org/20070129_1/Europe/Berlin",
            "SE Asia Standard Time",
            "W. Europe Standard Time",
            "Central Europe Standard Time",
            "Mars Standard Time",
            "Custom Zone",
            "\"Asia/Tokyo\"",
            "",
            "/",
            "//",
        ])
        .prop_map(str::to_owned),
        1 => re("\\PC{0,12}"),
    ]
    .boxed()
}

/// DTSTART / DTEND / RDATE / UNTIL values: well formed, nearly so (days
/// and times that do not exist, or twice), years of more than four digits
/// near the ends of what chrono holds, and not dates at all.
fn stamp_value() -> BoxedStrategy<String> {
    prop_oneof![
        4 => re("(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3])[0-5][0-9]([0-5][0-9])?Z?"),
        2 => re("(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"),
        2 => re("[+-]?[0-9]{0,9}[Tt]?[0-9]{0,7}[Zz]?"),
        2 => proptest::sample::select(vec![
            "+2621420101T000000",
            "+2621421231T235959",
            "-2621430101T000000",
            "-2621431231T235959",
            "+2621421231",
            "-2621430101",
            "99991231T235959Z",
            "00000101T000000",
            "20260230T100000",
            "20261202T250000",
            "20261231T235960",
            "20261231T235960Z",
            "20260329T023000",
            "20261025T023000",
        ])
        .prop_map(str::to_owned),
        1 => re("\\PC{0,20}"),
    ].boxed()
}

/// DURATION values, the huge ones included.
fn duration_value() -> BoxedStrategy<String> {
    prop_oneof![
        3 => re("[+-]?P[0-9]{0,4}[WD]?(T([0-9]{1,4}[HMS]){0,3})?"),
        2 => re("[+-]?P([0-9]{1,20}[WDTHMS]){1,4}"),
        2 => proptest::sample::select(vec![
            "P999999999D",
            "P99999999D",
            "P15250284452W",
            "P15250284452W7D",
            "PT9223372036854775807S",
            "PT9223372036854S",
            "P106751991167DT23H",
            "P1W1D",
            "PT",
            "P",
        ])
        .prop_map(str::to_owned),
        1 => re("\\PC{0,12}"),
    ]
    .boxed()
}

/// A VTIMEZONE observance's RRULE, as Outlook writes it and otherwise.
fn rrule_value() -> BoxedStrategy<String> {
    let month = prop_oneof![re("(1[0-2]|[1-9])"), re("-?[0-9]{1,3}"), re("\\PC{0,2}")];
    let day = prop_oneof![
        re("[+-]?[0-9]{0,4}(MO|TU|WE|TH|FR|SA|SU|XX)"),
        re("\\PC{0,3}"),
        proptest::sample::select(vec!["-1SU", "2SU", "-128SU", "127MO", "0SU", "ệ", "1ệ"])
            .prop_map(str::to_owned),
    ];
    let rest = prop_oneof![
        Just(String::new()),
        stamp_value().prop_map(|u| format!(";UNTIL={u}")),
        re("(;BYMONTHDAY=-?[0-9]{1,3})"),
        Just(";INTERVAL=1;WKST=MO".to_owned()),
    ];
    let freq = prop_oneof![3 => Just("YEARLY"), 1 => Just("MONTHLY"), 1 => Just("yearly")];
    (freq, month, day, rest)
        .prop_map(|(freq, month, day, rest)| {
            format!("FREQ={freq};BYMONTH={month};BYDAY={day}{rest}")
        })
        .boxed()
}

/// A `TZOFFSETFROM` / `TZOFFSETTO` value.
fn offset_value() -> BoxedStrategy<String> {
    prop_oneof![
        3 => re("[+-](0[0-9]|1[0-4])[0-5][0-9]"),
        1 => re("[+-][0-9]{4}([0-9]{2})?"),
        1 => re("\\PC{0,7}"),
    ]
    .boxed()
}

/// Text values: the characters the writer suite uses, and any at all.
fn text_value() -> BoxedStrategy<String> {
    prop_oneof![
        3 => re("[a-zA-Z ,;:\\\\]{0,40}"),
        1 => re("[ăâđêôơưàảãáạệộữ ]{0,20}"),
        1 => re("\\PC{0,40}"),
    ]
    .boxed()
}

/// One property line, without its line end: the ones the importer reads,
/// with the parameters calendar programs write, and any other.
fn property_line() -> BoxedStrategy<Vec<u8>> {
    let text_name = proptest::sample::select(vec![
        "SUMMARY",
        "LOCATION",
        "DESCRIPTION",
        "UID",
        "CATEGORIES",
        "STATUS",
        "X-WR-TIMEZONE",
        "X-LIC-LOCATION",
        "TZID",
        "RRULE",
        "RECURRENCE-ID",
    ]);
    prop_oneof![
        2 => stamp_line("DTSTART"),
        2 => stamp_line("DTEND"),
        1 => stamp_line("dtstart"),
        1 => stamp_line("RDATE"),
        2 => duration_value().prop_map(|v| format!("DURATION:{v}").into_bytes()),
        2 => rrule_value().prop_map(|v| format!("RRULE:{v}").into_bytes()),
        2 => (proptest::sample::select(vec!["TZOFFSETFROM", "TZOFFSETTO"]), offset_value())
            .prop_map(|(n, v)| format!("{n}:{v}").into_bytes()),
        2 => zone_name().prop_map(|z| format!("TZID:{z}").into_bytes()),
        1 => zone_name().prop_map(|z| format!("X-WR-TIMEZONE:{z}").into_bytes()),
        1 => zone_name().prop_map(|z| format!("X-LIC-LOCATION:{z}").into_bytes()),
        4 => (text_name, text_value()).prop_map(|(n, v)| format!("{n}:{v}").into_bytes()),
        1 => re("[A-Za-z-]{0,12}(;[A-Za-z-]{0,6}=(\"[^\"]{0,6}\"?|[^:;]{0,6})){0,3}:?\\PC{0,20}").prop_map(String::into_bytes),
        1 => re("\\PC{0,40}").prop_map(String::into_bytes),
    ]
    .boxed()
}

/// A DTSTART, DTEND or other date property, with the parameters calendar
/// programs write and others.
fn stamp_line(name: &'static str) -> BoxedStrategy<Vec<u8>> {
    let params = prop_oneof![
        3 => Just(String::new()),
        3 => zone_name().prop_map(|z| format!(";TZID={z}")),
        2 => Just(";VALUE=DATE".to_owned()),
        1 => Just(";VALUE=DATE-TIME".to_owned()),
        1 => zone_name().prop_map(|z| format!(";VALUE=DATE;TZID={z}")),
        1 => re("(;[A-Z]{1,6}=[^:\r\n]{0,8}){1,3}"),
    ];
    (params, stamp_value())
        .prop_map(move |(p, v)| format!("{name}{p}:{v}").into_bytes())
        .boxed()
}

/// The components a calendar nests.
fn component_name() -> BoxedStrategy<&'static str> {
    proptest::sample::select(vec![
        "VCALENDAR",
        "VEVENT",
        "VTIMEZONE",
        "VALARM",
        "STANDARD",
        "DAYLIGHT",
        "VTODO",
        "X-THING",
        "vevent",
        "",
    ])
    .boxed()
}

/// One line of any kind: a BEGIN or END, a property, a long folded one, one
/// with a byte that is not UTF-8 in it.
fn any_line() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => component_name().prop_map(|c| format!("BEGIN:{c}").into_bytes()),
        3 => component_name().prop_map(|c| format!("END:{c}").into_bytes()),
        8 => property_line(),
        1 => long_folded_line(),
        1 => (property_line(), any::<Index>(), any::<u8>()).prop_map(|(mut line, at, byte)| {
            line.insert(at.index(line.len() + 1), byte);
            line
        }),
    ]
    .boxed()
}

/// A DESCRIPTION of up to some 70 KB, folded every few octets (in the
/// middle of a character too) with CRLF or LF and a space or a tab.
fn long_folded_line() -> BoxedStrategy<Vec<u8>> {
    let fold = proptest::sample::select(vec![&b"\r\n "[..], b"\r\n\t", b"\n ", b"\n\t"]);
    (re("[aệ ]{1,4}"), 1_usize..6000, 1_usize..120, fold)
        .prop_map(|(unit, count, every, fold)| {
            let value = format!("DESCRIPTION:{}", unit.repeat(count)).into_bytes();
            let mut line = Vec::with_capacity(value.len() * 2);
            for (i, chunk) in value.chunks(every).enumerate() {
                if i > 0 {
                    line.extend_from_slice(fold);
                }
                line.extend_from_slice(chunk);
            }
            line
        })
        .boxed()
}

/// Line ends as exporters and hand edits mix them.
fn line_end() -> BoxedStrategy<&'static [u8]> {
    prop_oneof![
        6 => Just(&b"\r\n"[..]),
        3 => Just(&b"\n"[..]),
        1 => Just(&b"\r"[..]),
        1 => Just(&b"\n\r\n"[..]),
        1 => Just(&b""[..]),
    ]
    .boxed()
}

/// `line` with a line end after it.
fn ended(line: impl Strategy<Value = Vec<u8>> + 'static) -> BoxedStrategy<Vec<u8>> {
    (line, line_end())
        .prop_map(|(mut line, end)| {
            line.extend_from_slice(end);
            line
        })
        .boxed()
}

/// Lines of every kind in any order and nesting, most often between a
/// VCALENDAR's BEGIN and END so that the reading goes past the header.
fn line_soup() -> BoxedStrategy<Vec<u8>> {
    (
        proptest::collection::vec(ended(any_line()), 0..60),
        any::<bool>(),
    )
        .prop_map(|(lines, wrapped)| {
            let mut body = Vec::new();
            if wrapped {
                body.extend_from_slice(b"BEGIN:VCALENDAR\r\n");
            }
            body.extend(lines.concat());
            if wrapped {
                body.extend_from_slice(b"END:VCALENDAR\r\n");
            }
            body
        })
        .boxed()
}

/// A calendar of the right shape (VTIMEZONEs with their observances,
/// VEVENTs with alarms) whose properties are anything: this is what gets
/// past the parser to the importer's own reading of dates and zones.
fn shaped_calendar() -> BoxedStrategy<Vec<u8>> {
    // Line ends that keep lines apart: the soup has the others.
    let props = |n| {
        let end = proptest::sample::select(vec![&b"\r\n"[..], b"\n"]);
        let line = (property_line(), end).prop_map(|(line, end)| [&line[..], end].concat());
        proptest::collection::vec(line, 0..n)
    };
    let observance = (
        proptest::sample::select(vec!["STANDARD", "DAYLIGHT"]),
        props(6),
    )
        .prop_map(|(kind, lines)| block(kind, lines));
    let vtimezone = (
        ended(zone_name().prop_map(|z| format!("TZID:{z}").into_bytes())),
        props(2),
        proptest::collection::vec(observance, 0..3),
    )
        .prop_map(|(tzid, mut lines, observances)| {
            lines.insert(0, tzid);
            lines.extend(observances);
            block("VTIMEZONE", lines)
        });
    let alarm = props(3).prop_map(|lines| block("VALARM", lines));
    // Most events have what an item needs (a title, a place, a start, an
    // end or a length), so that their times are read and checked.
    let end = prop_oneof![
        2 => stamp_line("DTEND"),
        1 => duration_value().prop_map(|v| format!("DURATION:{v}").into_bytes()),
        1 => Just(Vec::new()),
    ];
    let core = (stamp_line("DTSTART"), end).prop_map(|(start, end)| {
        [
            "SUMMARY:Họp\r\n".as_bytes().to_vec(),
            "LOCATION:Hòa Bình\r\n".as_bytes().to_vec(),
            [&start[..], b"\r\n"].concat(),
            [&end[..], b"\r\n"].concat(),
        ]
    });
    let vevent = (
        proptest::option::weighted(0.8, core),
        props(6),
        proptest::option::weighted(0.2, alarm),
    )
        .prop_map(|(core, mut lines, alarm)| {
            lines.extend(core.into_iter().flatten());
            lines.extend(alarm);
            lines
        })
        .prop_shuffle()
        .prop_map(|lines| block("VEVENT", lines));
    let part = prop_oneof![6 => vevent, 2 => vtimezone, 1 => ended(any_line())];
    (props(3), proptest::collection::vec(part, 0..8))
        .prop_map(|(head, parts)| block("VCALENDAR", [head, parts].concat()))
        .boxed()
}

/// `BEGIN:name`, the lines, `END:name`.
fn block(name: &str, lines: Vec<Vec<u8>>) -> Vec<u8> {
    let mut out = format!("BEGIN:{name}\r\n").into_bytes();
    out.extend(lines.concat());
    out.extend(format!("END:{name}\r\n").into_bytes());
    out
}

/// Many copies of one line inside an event, many BEGINs in a row, many
/// events.
fn huge_counts() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        (ended(property_line()), 500_usize..5000).prop_map(|(line, n)| {
            block("VCALENDAR", vec![block("VEVENT", vec![line.repeat(n)])])
        }),
        (component_name(), 100_usize..5000).prop_map(|(c, n)| {
            let begins = format!("BEGIN:{c}\r\n").repeat(n);
            format!("BEGIN:VCALENDAR\r\n{begins}").into_bytes()
        }),
        (ended(property_line()), 100_usize..2000).prop_map(|(line, n)| {
            let event = block("VEVENT", vec![line]);
            block("VCALENDAR", vec![event.repeat(n)])
        }),
    ]
    .boxed()
}

/// A Google Calendar export: its VTIMEZONE, UTC and zoned times, folded
/// lines (one inside a Vietnamese letter), escapes, an alarm, an all-day
/// event; and an Outlook zone of its own rules, read from the file.
const GOOGLE: &str = "BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
CALSCALE:GREGORIAN\r
METHOD:PUBLISH\r
X-WR-CALNAME:Chương trình đoàn Shizuoka\r
X-WR-TIMEZONE:Asia/Ho_Chi_Minh\r
BEGIN:VTIMEZONE\r
TZID:Asia/Ho_Chi_Minh\r
X-LIC-LOCATION:Asia/Ho_Chi_Minh\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0700\r
TZOFFSETTO:+0700\r
TZNAME:GMT+7\r
DTSTART:19700101T000000\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VTIMEZONE\r
TZID:Central Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
DTSTART:20250310T020000Z\r
DTEND:20250310T040000Z\r
DTSTAMP:20250301T081523Z\r
UID:5g3q1m2d8v0k7o9r4t6s1u2b3c@google.com\r
CREATED:20250228T101010Z\r
DESCRIPTION:Phó Chủ tịch UBND tỉnh tiếp đoàn\\; phiên dịch: Sở Ngoại vụ\\, \r
 cán bộ Lê Minh Đức\r
LAST-MODIFIED:20250301T081523Z\r
LOCATION:Trụ sở UBND tỉnh\\, Số 1 đường Trần Hưng Đạo\\, TP. Hòa Bình\\, Vi\r
 ệt Nam\r
SEQUENCE:0\r
STATUS:CONFIRMED\r
SUMMARY:Làm việc với lãnh đạo tỉnh\r
TRANSP:OPAQUE\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:This is an event reminder\r
TRIGGER:-P0DT0H30M0S\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Asia/Ho_Chi_Minh:20250311T140000\r
DTEND;TZID=Asia/Ho_Chi_Minh:20250311T163000\r
UID:0a1b2c3d4e5f6g7h8i9j@google.com\r
CATEGORIES:Site visit\r
LOCATION:Khu công nghiệp Lương Sơn\r
SUMMARY:Thăm nhà máy\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20250312\r
DTEND;VALUE=DATE:20250314\r
UID:allday-1@google.com\r
LOCATION:Mai Châu\r
SUMMARY:Khảo sát du lịch\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Central Europe Standard Time:20250330T013000\r
DURATION:PT2H\r
UID:outlook-1@example.com\r
LOCATION:Praha\r
SUMMARY:Hội thảo\r
END:VEVENT\r
END:VCALENDAR\r
";

/// What a partner's file goes through on its way: lines lost, doubled,
/// swapped or cut off, a value replaced, bytes flipped or inserted.
#[derive(Debug, Clone)]
enum Mutation {
    Drop(Index),
    Duplicate(Index),
    Swap(Index, Index),
    Replace(Index, Vec<u8>),
    Truncate(Index),
    FlipByte(Index, u8),
    InsertByte(Index, u8),
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Drop),
        any::<Index>().prop_map(Mutation::Duplicate),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<Index>(), property_line()).prop_map(|(a, l)| Mutation::Replace(a, l)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1_u8..=255).prop_map(|(a, m)| Mutation::FlipByte(a, m)),
        (any::<Index>(), any::<u8>()).prop_map(|(a, b)| Mutation::InsertByte(a, b)),
    ]
    .boxed()
}

/// The Google export with `mutations` applied in turn. From the first
/// byte-level change on, the file is bytes and line changes are skipped.
fn mutated(mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = GOOGLE
        .split_inclusive('\n')
        .map(|l| l.as_bytes().to_vec())
        .collect();
    let mut bytes: Option<Vec<u8>> = None;
    for m in mutations {
        let byte_level = matches!(
            m,
            Mutation::Truncate(_) | Mutation::FlipByte(..) | Mutation::InsertByte(..)
        );
        if byte_level || bytes.is_some() {
            change_bytes(bytes.get_or_insert_with(|| lines.concat()), m);
        } else {
            change_lines(&mut lines, m);
        }
    }
    bytes.unwrap_or_else(|| lines.concat())
}

fn change_lines(lines: &mut Vec<Vec<u8>>, m: &Mutation) {
    let n = lines.len();
    if n == 0 {
        return;
    }
    match m {
        Mutation::Drop(at) => {
            lines.remove(at.index(n));
        }
        Mutation::Duplicate(at) => {
            let line = lines[at.index(n)].clone();
            lines.insert(at.index(n), line);
        }
        Mutation::Swap(a, b) => lines.swap(a.index(n), b.index(n)),
        Mutation::Replace(at, line) => {
            lines[at.index(n)] = [&line[..], b"\r\n"].concat();
        }
        Mutation::Truncate(_) | Mutation::FlipByte(..) | Mutation::InsertByte(..) => {}
    }
}

fn change_bytes(bytes: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
        Mutation::FlipByte(at, mask) if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            bytes[at] ^= mask;
        }
        Mutation::InsertByte(at, b) => bytes.insert(at.index(bytes.len() + 1), *b),
        _ => {}
    }
}

// ----------------------------------------------------------------------
// Cursor inputs.

/// Dates over all chrono holds, most of them near today.
fn naive_date() -> BoxedStrategy<NaiveDate> {
    let days = prop_oneof![
        3 => 730_000_i32..745_000,
        1 => NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
    ];
    days.prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("a day chrono holds"))
        .boxed()
}

/// Date-times to the nanosecond, leap seconds (`23:59:60.5`) included.
fn naive_date_time() -> BoxedStrategy<NaiveDateTime> {
    let nanos = prop_oneof![9 => 0_u32..1_000_000_000, 1 => 1_000_000_000_u32..2_000_000_000];
    (naive_date(), 0_u32..86_400, nanos)
        .prop_map(|(date, secs, nanos)| {
            // chrono holds a leap second only in the last second of a minute.
            let secs = if nanos >= 1_000_000_000 {
                secs - secs % 60 + 59
            } else {
                secs
            };
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos)
                .expect("a time of day chrono holds");
            date.and_time(time)
        })
        .boxed()
}

/// A cursor the encoder gives out, for one of the routes' key types.
fn valid_cursor() -> BoxedStrategy<String> {
    prop_oneof![
        any::<i64>().prop_map(|id| encode_cursor(&(id,))),
        (naive_date_time(), any::<i64>()).prop_map(|key| encode_cursor(&key)),
        (naive_date(), any::<i64>()).prop_map(|key| encode_cursor(&key)),
    ]
    .boxed()
}

/// JSON the decoder may find inside the base64: near misses of the key
/// types, other shapes, deep nesting.
fn json_ish() -> BoxedStrategy<String> {
    prop_oneof![
        re("\\[\"[0-9:T.+-]{0,32}\", ?-?[0-9]{1,25}(\\.[0-9]+)?(e[0-9]{1,4})?\\]"),
        re("\\[-?[0-9]{1,25}\\]"),
        re("\\[\"\\PC{0,20}\",[^\\]]{0,10}\\]"),
        re("[\\[{]{0,700}"),
        re("\\PC{0,100}"),
    ]
    .boxed()
}

/// Anything a client might send as `cursor=`.
fn cursor_input() -> BoxedStrategy<String> {
    let base64ish = re("[A-Za-z0-9_=+/-]{0,200}");
    let long = (
        proptest::sample::select(vec!["A", "_", "-", "=", "ệ", "W1s"]),
        valid_cursor(),
    )
        .prop_map(|(unit, cursor)| {
            let mut raw = unit.repeat(100_000 / unit.len());
            raw.insert_str(0, &cursor);
            raw
        });
    let flipped = (valid_cursor(), any::<Index>(), any::<char>()).prop_map(|(c, at, ch)| {
        let mut chars: Vec<char> = c.chars().collect();
        let at = at.index(chars.len());
        chars[at] = ch;
        chars.into_iter().collect()
    });
    let truncated = (valid_cursor(), any::<Index>()).prop_map(|(c, at)| {
        let at = at.index(c.len() + 1);
        c[..at].to_owned()
    });
    let extended = (valid_cursor(), re("[A-Za-z0-9_=-]{1,4}")).prop_map(|(c, tail)| c + &tail);
    prop_oneof![
        2 => any::<String>(),
        2 => base64ish,
        2 => any::<Vec<u8>>().prop_map(|b| URL_SAFE_NO_PAD.encode(b)),
        3 => json_ish().prop_map(|j| URL_SAFE_NO_PAD.encode(j)),
        3 => flipped,
        2 => truncated,
        1 => extended,
        1 => long,
    ]
    .boxed()
}

/// Decodes `raw` as a `K`, on a thread and within the bound.
fn decoded<K>(raw: String) -> Result<Result<K, &'static str>, TestCaseError>
where
    K: serde::de::DeserializeOwned + Send + 'static,
{
    bounded(BOUND, move || decode_cursor::<K>(&raw)).map_err(TestCaseError::fail)
}

// ----------------------------------------------------------------------
// The tests.

/// The mutations start from a file the importer reads in full.
#[test]
fn the_unmutated_export_is_read_in_full() {
    let events = import(GOOGLE.as_bytes()).expect("the export is read");
    assert_eq!(events.len(), 4);
    assert!(events.iter().all(|(_, span)| span.is_some()), "{events:?}");
}

#[test]
fn parsers_survive_generated_inputs() {
    let started = Instant::now();
    let ical = [
        fuzz(
            "iCal: arbitrary bytes",
            256,
            proptest::collection::vec(any::<u8>(), 0..2000).prop_map(Body),
            import_holds,
        ),
        fuzz(
            "iCal: lines in any order",
            384,
            line_soup().prop_map(Body),
            import_holds,
        ),
        fuzz(
            "iCal: shaped calendars",
            512,
            shaped_calendar().prop_map(Body),
            import_holds,
        ),
        fuzz(
            "iCal: mutated Google export",
            512,
            proptest::collection::vec(mutation(), 1..8).prop_map(|m| Body(mutated(&m))),
            import_holds,
        ),
        fuzz(
            "iCal: huge counts",
            24,
            huge_counts().prop_map(Body),
            import_holds,
        ),
    ];
    let cursor = [
        fuzz("cursor: any input", 512, cursor_input(), decode_holds),
        fuzz("cursor: ids round-trip", 128, any::<i64>(), |id| {
            prop_assert_eq!(decoded::<IdKey>(encode_cursor(&(id,)))?, Ok((id,)));
            Ok(())
        }),
        fuzz(
            "cursor: date-times round-trip",
            128,
            (naive_date_time(), any::<i64>()),
            |key| {
                let raw = encode_cursor(&key);
                prop_assert!(
                    raw.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                );
                prop_assert_eq!(decoded::<TimeKey>(raw)?, Ok(key));
                Ok(())
            },
        ),
        fuzz(
            "cursor: dates round-trip",
            128,
            (naive_date(), any::<i64>()),
            |key| {
                prop_assert_eq!(decoded::<DateKey>(encode_cursor(&key))?, Ok(key));
                Ok(())
            },
        ),
    ];
    let failures: Vec<&String> = ical
        .iter()
        .chain(&cursor)
        .filter_map(|r| r.as_ref().err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let count = |runs: &[Result<usize, String>]| runs.iter().flatten().sum::<usize>();
    let (a, b) = (count(&ical), count(&cursor));
    println!("parser fuzzing took {:?}", started.elapsed());
    crate::helpers::report_figure(
        "parser_fuzz",
        &format!(
            "{} generated inputs: iCal import {a}, cursor decoder {b}; no panic, none over 2 s",
            a + b
        ),
    );
}

/// Several megabytes, each read within the bound (a hang check: each takes a
/// fraction of it).
#[test]
fn large_bodies_are_read_in_bounded_time() {
    let mb5 = 5 * 1024 * 1024;
    let line = b"X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n";
    let many_properties = block(
        "VCALENDAR",
        vec![block("VEVENT", vec![line.repeat(mb5 / line.len())])],
    );
    let many_events = {
        let events: Vec<Vec<u8>> = (0..mb5 / 120)
            .map(|i| {
                format!(
                    "BEGIN:VEVENT\r\nUID:event-{i}@example.com\r\nDTSTART:20260101T080000Z\r\n\
                     SUMMARY:Họp\r\nLOCATION:Hòa Bình\r\nEND:VEVENT\r\n"
                )
                .into_bytes()
            })
            .collect();
        block("VCALENDAR", events)
    };
    let nested = format!("BEGIN:VCALENDAR\r\n{}", "BEGIN:VEVENT\r\n".repeat(10_000)).into_bytes();
    let one_long_line = block(
        "VCALENDAR",
        vec![block(
            "VEVENT",
            vec![{
                let mut l = b"DESCRIPTION:".to_vec();
                for _ in 0..mb5 / 76 {
                    l.extend_from_slice(&[b'a'; 73]);
                    l.extend_from_slice(b"\r\n ");
                }
                l.extend_from_slice(b"\r\n");
                l
            }],
        )],
    );
    let blank_lines = [b"BEGIN:VCALENDAR\r\n".to_vec(), b"\r\n".repeat(mb5 / 2)].concat();
    for (name, body) in [
        ("5 MB of properties in one event", many_properties),
        ("5 MB of events", many_events),
        ("10,000 nested BEGIN:VEVENT", nested),
        ("one 5 MB folded line", one_long_line),
        ("5 MB of blank lines", blank_lines),
    ] {
        let started = Instant::now();
        let outcome = bounded(LARGE_BOUND, move || import(&body).map(|e| e.len()));
        let took = started.elapsed();
        println!("{name}: {outcome:?} in {took:?}");
        if let Err(e) = outcome {
            panic!("{name}: {e}");
        }
    }
}

/// The fields `check` names for each event of `body`, read on a thread
/// within the bound (an accepted event names none).
fn rejected_fields(body: &'static str) -> Vec<Vec<String>> {
    let events = bounded(BOUND, move || {
        read(body.as_bytes()).map(|events| {
            events
                .iter()
                .map(|e| match e.check(NaiveDate::MIN, NaiveDate::MAX) {
                    Ok(_) => Vec::new(),
                    Err(errors) => errors.into_iter().map(|e| e.field).collect(),
                })
                .collect()
        })
    });
    match events {
        Ok(Ok(fields)) => fields,
        other => panic!("{body:?}: {other:?}"),
    }
}

/// Inputs the fuzzing found panicking, shrunk, each fixed in `ical_import`
/// (see the comments there): now an error on the property at fault.
#[test]
fn inputs_that_panicked_are_errors_on_the_property() {
    // `split_at` inside a character: `BYDAY=¡A` (two bytes from the end is
    // the middle of `¡`). The zone cannot be read; the event says so.
    let by_day = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\n\
                  BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETTO:+0000\r\n\
                  RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=¡A\r\nEND:STANDARD\r\n\
                  END:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Custom Zone:20261202T090000\r\n\
                  SUMMARY:Họp\r\nLOCATION:Hòa Bình\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(rejected_fields(by_day), [["DTSTART"]]);
    // A duration past chrono's range, after a date-time and after a date.
    let long_after_time = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDURATION:P999999999D\r\n\
                           DTSTART:19000101T0000\r\nSUMMARY:Họp\r\nLOCATION:Hòa Bình\r\n\
                           END:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(rejected_fields(long_after_time), [["DURATION"]]);
    let long_after_date = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDURATION:P999999999D\r\n\
                           DTSTART:19000101\r\nSUMMARY:Họp\r\nLOCATION:Hòa Bình\r\n\
                           END:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(rejected_fields(long_after_date), [["DURATION"]]);
    // Parts that fit chrono's range one by one but not added up.
    let parts_overflow = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDURATION:P15250284452W7D\r\n\
                          DTSTART:20261202T090000\r\nSUMMARY:Họp\r\nLOCATION:Hòa Bình\r\n\
                          END:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(rejected_fields(parts_overflow), [["DURATION"]]);
}

/// The repeated-event check, made linear for large files (`ical_import`),
/// still names the first copy, by UID or, without one, by content.
#[test]
fn a_repeated_event_names_its_first_copy() {
    let event = |uid: &str| {
        format!(
            "BEGIN:VEVENT\r\n{uid}DTSTART:20261202T090000\r\nSUMMARY:Họp\r\n\
             LOCATION:Hòa Bình\r\nEND:VEVENT\r\n"
        )
    };
    let body = format!(
        "BEGIN:VCALENDAR\r\n{}{}{}{}{}END:VCALENDAR\r\n",
        event("UID:a\r\n"),
        event(""),
        event("UID:b\r\n"),
        event("UID:a\r\n"),
        event(""),
    );
    let events = read(body.as_bytes()).expect("a calendar");
    let messages: Vec<Vec<String>> = events
        .iter()
        .map(|e| match e.check(NaiveDate::MIN, NaiveDate::MAX) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect(),
        })
        .collect();
    let twice = |first: usize| {
        vec![format!(
            "UID: the same event appears twice in the file (also events[{first}])"
        )]
    };
    assert_eq!(messages, [vec![], vec![], vec![], twice(0), twice(1)]);
}
