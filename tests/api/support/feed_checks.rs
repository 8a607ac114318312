//! Reading an iCal feed as a calendar client does: fetched (with or without
//! validators), checked line by line against RFC 5545 and what clients get
//! wrong (CRLF only, 75 octets, no BOM, no floating times, a VTIMEZONE for
//! each TZID), and parsed with the `ical` crate into its events.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;

use awc::http::Method;
use chrono::{DateTime, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalTimeZone, IcalTimeZoneTransitionType};
use ical::property::Property;
use serde_json::{Value, json};
use visitdesk::domain::ical::unescape_text;

use crate::helpers::{Reply, TestApp};

/// The kinds of record a feed's UIDs name.
pub const UID_KINDS: [&str; 5] = [
    "delegation",
    "itinerary_item",
    "press_activity",
    "interview",
    "press_conference",
];

pub const PUBLIC_FEED: &str = "/calendar/public/press-conferences.ics";

/// One VEVENT, by what a client keys it on.
#[derive(Debug, Clone)]
pub struct FeedEvent {
    pub kind: String,
    pub id: i64,
    pub sequence: i64,
    pub status: String,
    pub summary: String,
    pub properties: Vec<Property>,
}

impl FeedEvent {
    /// The first value of property `name`, as written.
    pub fn value(&self, name: &str) -> Option<&str> {
        value(&self.properties, name)
    }
}

/// A feed that passed every check.
#[derive(Debug)]
pub struct Feed {
    pub text: String,
    pub etag: String,
    pub last_modified: DateTime<Utc>,
    /// By UID.
    pub events: BTreeMap<String, FeedEvent>,
    pub timezones: Vec<IcalTimeZone>,
}

impl Feed {
    pub fn uids(&self) -> BTreeSet<String> {
        self.events.keys().cloned().collect()
    }

    /// The event of record `kind` `id`, if the feed holds it.
    pub fn event(&self, kind: &str, id: i64) -> Option<&FeedEvent> {
        self.events.values().find(|e| e.kind == kind && e.id == id)
    }

    /// `(kind, id)` of every event.
    pub fn records(&self) -> BTreeSet<(String, i64)> {
        self.events
            .values()
            .map(|e| (e.kind.clone(), e.id))
            .collect()
    }

    /// The text with its folds undone: what a search for a value must look at.
    pub fn unfolded(&self) -> String {
        self.text.replace("\r\n ", "")
    }

    /// The VTIMEZONE of `tzid`.
    pub fn timezone(&self, tzid: &str) -> &IcalTimeZone {
        self.timezones
            .iter()
            .find(|tz| value(&tz.properties, "TZID") == Some(tzid))
            .unwrap_or_else(|| panic!("no VTIMEZONE {tzid}"))
    }
}

fn value<'a>(properties: &'a [Property], name: &str) -> Option<&'a str> {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn param<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .iter()
        .flatten()
        .find(|(n, _)| n == name)
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// How a DAYLIGHT or STANDARD block of a VTIMEZONE reads: (kind, TZOFFSETTO).
pub fn transitions(tz: &IcalTimeZone) -> Vec<(&'static str, String)> {
    tz.transitions
        .iter()
        .map(|t| {
            let kind = match t.transition {
                IcalTimeZoneTransitionType::DAYLIGHT => "DAYLIGHT",
                IcalTimeZoneTransitionType::STANDARD => "STANDARD",
            };
            let to = value(&t.properties, "TZOFFSETTO").unwrap_or("").to_owned();
            (kind, to)
        })
        .collect()
}

/// The host part of feed UIDs: the public URL's host, without its port.
pub fn uid_host(app: &TestApp) -> String {
    let rest = app.address.split_once("://").unwrap().1;
    rest.rsplit_once(':').map_or(rest, |(h, _)| h).to_owned()
}

/// `GET path` without a login, with these request headers.
pub async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = app.request(Method::GET, path);
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    app.finish(req.send()).await
}

/// An HTTP date, as `Last-Modified` and `If-Modified-Since` carry it.
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// A new subscription of `token`'s user; its answer (`id`, `url`, `webcal_url`…).
pub async fn subscribe(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/calendar/subscriptions", token, body)
        .await
        .ok(201)
}

/// The path of a subscription's feed, from its answer.
pub fn feed_path(app: &TestApp, subscription: &Value) -> String {
    let url = subscription["url"].as_str().unwrap();
    url.strip_prefix(&app.address)
        .unwrap_or_else(|| panic!("{url} is not under {}", app.address))
        .to_owned()
}

/// Subscribes `token`'s user to everything it may see; the feed's path.
pub async fn feed_of(app: &TestApp, token: &str) -> String {
    let sub = subscribe(app, token, json!({"name": "Lịch công tác đối ngoại"})).await;
    feed_path(app, &sub)
}

/// Fetches the feed at `path` and checks it whole.
pub async fn read_feed(app: &TestApp, path: &str) -> Feed {
    check(app, &fetch(app, path, &[]).await)
}

/// Checks a feed answer against RFC 5545 and the design, and parses it.
pub fn check(app: &TestApp, reply: &Reply) -> Feed {
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    let content_type = reply.header("content-type").unwrap_or_default();
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    let etag = reply.header("etag").expect("an ETag");
    let last_modified = reply.header("last-modified").expect("a Last-Modified");
    let last_modified = DateTime::parse_from_rfc2822(&last_modified)
        .unwrap_or_else(|e| panic!("Last-Modified {last_modified}: {e}"))
        .with_timezone(&Utc);

    // Bytes: no BOM, CRLF only, no physical line over 75 octets.
    assert!(
        !reply.body.starts_with(&[0xef, 0xbb, 0xbf]),
        "a byte order mark"
    );
    let text = String::from_utf8(reply.body.clone()).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "the last line is not CRLF-ended");
    for (n, line) in text.trim_end_matches("\r\n").split("\r\n").enumerate() {
        assert!(
            !line.contains(['\r', '\n']),
            "line {n} has a bare line end: {line:?}"
        );
        assert!(
            line.len() <= 75,
            "line {n} is {} octets: {line:?}",
            line.len()
        );
    }

    // Parsed: one calendar with its name and refresh hints. Unfolded first
    // (RFC 5545 §3.1): the crate's line reader drops the white space at the
    // end of each folded part.
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut parsed = ical::IcalParser::new(BufReader::new(unfolded.as_bytes()));
    let calendar: IcalCalendar = parsed
        .next()
        .expect("a VCALENDAR")
        .unwrap_or_else(|e| panic!("unreadable ({e}):\n{text}"));
    assert!(parsed.next().is_none(), "more than one VCALENDAR");
    for name in ["X-WR-CALNAME", "X-PUBLISHED-TTL", "REFRESH-INTERVAL"] {
        assert!(
            value(&calendar.properties, name).is_some_and(|v| !v.is_empty()),
            "no {name}:\n{text}"
        );
    }
    let zones: BTreeSet<&str> = calendar
        .timezones
        .iter()
        .map(|tz| value(&tz.properties, "TZID").expect("a VTIMEZONE without TZID"))
        .collect();
    assert_eq!(zones.len(), calendar.timezones.len(), "a zone given twice");

    let host = uid_host(app);
    let mut events = BTreeMap::new();
    for event in &calendar.events {
        let props = &event.properties;
        let uid = value(props, "UID").unwrap_or_else(|| panic!("no UID in {props:?}"));
        let (record, at) = uid.split_once('@').unwrap_or_else(|| panic!("UID {uid}"));
        assert_eq!(at, host, "UID {uid}");
        let (kind, id) = record
            .rsplit_once('-')
            .unwrap_or_else(|| panic!("UID {uid}"));
        assert!(UID_KINDS.contains(&kind), "UID {uid}");
        let id: i64 = id.parse().unwrap_or_else(|_| panic!("UID {uid}"));
        for name in ["DTSTAMP", "LAST-MODIFIED"] {
            let stamp = value(props, name).unwrap_or_else(|| panic!("no {name} in {uid}"));
            assert!(
                stamp.len() == 16 && stamp.ends_with('Z'),
                "{name}:{stamp} in {uid}"
            );
        }
        let sequence = value(props, "SEQUENCE")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no SEQUENCE in {uid}"));
        let status = value(props, "STATUS").unwrap_or_else(|| panic!("no STATUS in {uid}"));
        assert!(
            ["CONFIRMED", "TENTATIVE", "CANCELLED"].contains(&status),
            "STATUS:{status} in {uid}"
        );
        // Times: a date, UTC, or a TZID with its VTIMEZONE; never floating.
        for name in ["DTSTART", "DTEND"] {
            let p = props
                .iter()
                .find(|p| p.name == name)
                .unwrap_or_else(|| panic!("no {name} in {uid}"));
            let v = p.value.as_deref().unwrap_or("");
            match (param(p, "TZID"), param(p, "VALUE")) {
                (Some(tzid), _) => {
                    assert!(zones.contains(tzid), "TZID={tzid} without its VTIMEZONE")
                }
                (None, Some("DATE")) => assert_eq!(v.len(), 8, "{name}:{v} in {uid}"),
                _ => assert!(v.ends_with('Z'), "a floating {name}:{v} in {uid}"),
            }
        }
        let summary = unescape_text(value(props, "SUMMARY").unwrap_or(""));
        let previous = events.insert(
            uid.to_owned(),
            FeedEvent {
                kind: kind.to_owned(),
                id,
                sequence,
                status: status.to_owned(),
                summary,
                properties: props.clone(),
            },
        );
        assert!(previous.is_none(), "UID {uid} twice");
    }
    Feed {
        text,
        etag,
        last_modified,
        events,
        timezones: calendar.timezones,
    }
}
