//! The iCal feeds as calendar apps see them: every feed the service writes
//! parses and keeps RFC 5545 and the design (UIDs, SEQUENCE from the
//! record's version, a VTIMEZONE per zone); conditional requests; changes,
//! cancellations and deletions; who sees what; no personal data or police
//! notes ever; tokens that stop working.

mod ical_property;

use chrono::{Days, Duration, NaiveDate};
use serde_json::json;
use visitdesk::domain::role::Role;

use crate::feed_checks::{
    Feed, PUBLIC_FEED, check, feed_of, feed_path, fetch, http_date, read_feed, subscribe,
    transitions,
};
use crate::fixtures::{Cast, add_member, create, delegation_body, member_body, merged, path, walk};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    PLACES, Reporters, accreditation_path, activity_body, add_attendee, attendee_body,
    conference_at, conference_from, conference_path, interview_body, interview_from,
    interview_path,
};
use crate::schedule_fixtures::{
    TwoUnitsDay, accreditation, activity, day, incoming, item, item_at, two_units_day,
};

on_both_engines!(
    every_feed_is_well_formed_with_stable_uids_versions_and_zones,
    conditional_requests_and_changes_to_the_feed,
    tokens_that_are_revoked_wrong_or_of_a_deactivated_owner_answer_404,
    a_host_units_feed_holds_only_its_units_entries,
    the_public_feed_holds_announced_and_held_press_conferences_only,
    the_public_feed_lists_its_conferences_by_start,
    no_feed_holds_personal_data_or_police_notes,
);

const ROLES: [Role; 6] = [
    Role::Admin,
    Role::ForeignAffairs,
    Role::ProvincialOffice,
    Role::Police,
    Role::Viewer,
    Role::HostUnit,
];

type Records = std::collections::BTreeSet<(String, i64)>;

fn records(list: &[(&str, i64)]) -> Records {
    list.iter().map(|(k, id)| ((*k).to_owned(), *id)).collect()
}

/// An outgoing draft of the cast's host unit with one provincial official.
async fn outgoing(app: &TestApp, cast: &Cast, first: NaiveDate, last: NaiveDate) -> i64 {
    let token = &cast.foreign_affairs.token;
    let body = merged(
        delegation_body("outgoing", cast.host_unit),
        json!({"start_date": first, "end_date": last}),
    );
    let id = create(app, token, body).await["id"].as_i64().unwrap();
    let member = merged(member_body("Hoàng Văn Nam"), json!({"nationality": "VN"}));
    add_member(app, token, id, member).await;
    id
}

/// The `version` of the item with `id` in a list at `list_path`.
async fn version_in(app: &TestApp, list_path: &str, id: i64) -> i64 {
    let list = app.get(list_path, &app.admin_token).await.ok(200);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list}"))["version"]
        .as_i64()
        .unwrap()
}

async fn version_of(app: &TestApp, record_path: &str) -> i64 {
    app.get(record_path, &app.admin_token).await.ok(200)["version"]
        .as_i64()
        .unwrap()
}

fn itinerary_path(delegation: i64) -> String {
    format!("{}/itinerary", path(delegation))
}

async fn every_feed_is_well_formed_with_stable_uids_versions_and_zones(app: TestApp) {
    // Arrange: an approved incoming delegation with an item in the province;
    // a submitted outgoing one with an item in Berlin; one of each press entry.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let d1 = d0 + Days::new(1);
    let incoming_id = incoming(&app, &cast, cast.host_unit, d0, d1).await;
    let hcm = item(
        &app,
        &cast,
        incoming_id,
        item_at(
            d0,
            ("09:00", "11:00"),
            Some("Lê Minh Đức"),
            "Trụ sở UBND tỉnh",
            "Phó Chủ tịch UBND tỉnh",
        ),
    )
    .await;
    walk(&app, &cast, incoming_id, "approved").await;
    let outgoing_id = outgoing(&app, &cast, d0, d0 + Days::new(2)).await;
    let abroad = merged(
        item_at(
            d1,
            ("10:00", "12:00"),
            None,
            "Rathaus Schöneberg, Berlin",
            "Phó Chủ tịch UBND tỉnh",
        ),
        json!({"time_zone": "Europe/Berlin"}),
    );
    let berlin = item(&app, &cast, outgoing_id, abroad).await;
    walk(&app, &cast, outgoing_id, "submitted").await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation(&app, &cast, &[r.foreign], d0).await;
    let activity = activity(
        &app,
        &cast,
        acc,
        activity_body(&format!("{d1}T08:00"), &format!("{d1}T09:00"), PLACES[0]),
    )
    .await;
    let body = merged(
        interview_body(&[r.foreign], Some(acc)),
        json!({"starts_at": format!("{d1}T10:00"), "ends_at": format!("{d1}T11:00")}),
    );
    let interview = interview_from(&app, &cast, body, "approved").await;
    let conference = conference_from(
        &app,
        &cast,
        conference_at(&format!("{d1}T14:00"), &format!("{d1}T15:30")),
        "announced",
    )
    .await;
    let expected = [
        (
            ("delegation", incoming_id),
            version_of(&app, &path(incoming_id)).await,
            "CONFIRMED",
        ),
        (
            ("delegation", outgoing_id),
            version_of(&app, &path(outgoing_id)).await,
            "TENTATIVE",
        ),
        (
            ("itinerary_item", hcm),
            version_in(&app, &itinerary_path(incoming_id), hcm).await,
            "CONFIRMED",
        ),
        (
            ("itinerary_item", berlin),
            version_in(&app, &itinerary_path(outgoing_id), berlin).await,
            "TENTATIVE",
        ),
        (
            ("press_activity", activity),
            version_in(
                &app,
                &format!("{}/activities", accreditation_path(acc)),
                activity,
            )
            .await,
            "CONFIRMED",
        ),
        (
            ("interview", interview),
            version_of(&app, &interview_path(interview)).await,
            "CONFIRMED",
        ),
        (
            ("press_conference", conference),
            version_of(&app, &conference_path(conference)).await,
            "CONFIRMED",
        ),
    ];
    let everything = records(&expected.map(|(r, _, _)| r));
    let own = records(&expected[..4].iter().map(|(r, _, _)| *r).collect::<Vec<_>>());

    // Act: every role's feed, and the public one.
    let mut feeds: Vec<(String, Feed)> = Vec::new();
    for role in ROLES {
        let path = feed_of(&app, cast.token(role)).await;
        feeds.push((role.as_str().to_owned(), read_feed(&app, &path).await));
    }
    feeds.push(("public".into(), read_feed(&app, PUBLIC_FEED).await));

    // Assert: each holds what its owner may see, each event at its record's
    // version and status.
    for (who, feed) in &feeds {
        let wanted = match who.as_str() {
            "host_unit" => own.clone(),
            "public" => records(&[("press_conference", conference)]),
            _ => everything.clone(),
        };
        assert_eq!(feed.records(), wanted, "{who}:\n{}", feed.text);
        for ((kind, id), version, status) in &expected {
            if let Some(event) = feed.event(kind, *id) {
                assert_eq!(event.sequence, *version, "{who}: SEQUENCE of {kind} {id}");
                assert_eq!(event.status, *status, "{who}: STATUS of {kind} {id}");
                assert!(
                    event.value("DESCRIPTION").is_some() && event.value("CATEGORIES").is_some(),
                    "{who}: {event:?}"
                );
            }
        }
    }

    // The zones: Berlin with its summer and winter time, Vietnam one block at +0700.
    let admin = &feeds[0].1;
    let berlin_zone = transitions(admin.timezone("Europe/Berlin"));
    assert!(
        berlin_zone
            .iter()
            .any(|(k, to)| *k == "DAYLIGHT" && to == "+0200"),
        "{berlin_zone:?}"
    );
    assert!(
        berlin_zone
            .iter()
            .any(|(k, to)| *k == "STANDARD" && to == "+0100"),
        "{berlin_zone:?}"
    );
    assert_eq!(
        transitions(admin.timezone("Asia/Ho_Chi_Minh")),
        [("STANDARD", "+0700".to_owned())]
    );
    let start = admin.event("itinerary_item", berlin).unwrap();
    assert!(
        admin.unfolded().contains(&format!(
            "DTSTART;TZID=Europe/Berlin:{}T100000\r\n",
            d1.format("%Y%m%d")
        )),
        "{start:?}"
    );
    assert!(admin.unfolded().contains(&format!(
        "DTSTART;TZID=Asia/Ho_Chi_Minh:{}T090000\r\n",
        d0.format("%Y%m%d")
    )));
    assert_eq!(feeds[5].0, "host_unit");
    let host = &feeds[5].1;
    assert!(host.timezone("Europe/Berlin").transitions.len() >= 2);

    // Stable between fetches: the same UIDs, the same text.
    let path = feed_of(&app, &cast.admin.token).await;
    let once = read_feed(&app, &path).await;
    let again = read_feed(&app, &path).await;
    assert_eq!(once.uids(), admin.uids());
    assert_eq!(again.uids(), once.uids());
    assert_eq!(again.text, once.text);
    assert_eq!(again.etag, once.etag);
}

async fn conditional_requests_and_changes_to_the_feed(app: TestApp) {
    // Arrange: an approved delegation with three items.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let id = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    let mut items = Vec::new();
    for (n, hours) in [("09:00", "10:00"), ("10:00", "11:00"), ("14:00", "15:00")]
        .into_iter()
        .enumerate()
    {
        let body = item_at(
            d0,
            hours,
            Some("Lê Minh Đức"),
            &format!("Điểm {n}"),
            &format!("Lãnh đạo {n}"),
        );
        items.push(item(&app, &cast, id, body).await);
    }
    let (edited, cancelled, deleted) = (items[0], items[1], items[2]);
    walk(&app, &cast, id, "approved").await;
    let fa = &cast.foreign_affairs.token;
    let feed = feed_of(&app, fa).await;
    let first = read_feed(&app, &feed).await;

    // Validators: a matching ETag, or a date at or after Last-Modified, is 304 without a body.
    let other = "\"0123456789abcdef\"".to_owned();
    let matching = [
        first.etag.clone(),
        format!("{other}, {}", first.etag),
        "*".into(),
    ];
    for tag in &matching {
        let reply = fetch(&app, &feed, &[("If-None-Match", tag)]).await;
        assert_eq!(reply.status.as_u16(), 304, "If-None-Match: {tag}");
        assert!(reply.body.is_empty(), "a 304 with a body");
        assert_eq!(reply.header("etag").as_deref(), Some(first.etag.as_str()));
        assert_eq!(
            reply.header("last-modified"),
            Some(http_date(first.last_modified))
        );
    }
    check(
        &app,
        &fetch(&app, &feed, &[("If-None-Match", &other)]).await,
    );
    for since in [first.last_modified, first.last_modified + Duration::days(1)] {
        let reply = fetch(&app, &feed, &[("If-Modified-Since", &http_date(since))]).await;
        assert_eq!(reply.status.as_u16(), 304, "If-Modified-Since: {since}");
        assert!(reply.body.is_empty());
    }
    let before = http_date(first.last_modified - Duration::seconds(1));
    check(
        &app,
        &fetch(&app, &feed, &[("If-Modified-Since", &before)]).await,
    );

    // An edited title: a new ETag, and the item's SEQUENCE up by one.
    let item_path = format!("{}/{edited}", itinerary_path(id));
    let new_title = "Làm việc với Sở Kế hoạch và Đầu tư";
    let changed = app
        .patch(&item_path, fa, json!({"title": new_title}))
        .await
        .ok(200);
    let second = read_feed(&app, &feed).await;
    assert_ne!(second.etag, first.etag);
    assert!(second.last_modified >= first.last_modified);
    let was = first.event("itinerary_item", edited).unwrap();
    let now = second.event("itinerary_item", edited).unwrap();
    assert_eq!(now.sequence, was.sequence + 1);
    assert_eq!(now.sequence, changed["version"].as_i64().unwrap());
    assert!(now.summary.starts_with(new_title), "{}", now.summary);
    assert_eq!(second.uids(), first.uids());
    check(
        &app,
        &fetch(&app, &feed, &[("If-None-Match", &first.etag)]).await,
    );

    // A cancelled item stays, as cancelled.
    let reply = app
        .patch(
            &format!("{}/{cancelled}", itinerary_path(id)),
            fa,
            json!({"status": "cancelled"}),
        )
        .await;
    reply.ok(200);
    let third = read_feed(&app, &feed).await;
    assert_ne!(third.etag, second.etag);
    let event = third
        .event("itinerary_item", cancelled)
        .expect("a cancelled item stays in the feed");
    assert_eq!(event.status, "CANCELLED");
    assert!(event.sequence > second.event("itinerary_item", cancelled).unwrap().sequence);
    assert!(third.last_modified >= second.last_modified);

    // A deleted item leaves; Last-Modified does not go back.
    let reply = app
        .delete(&format!("{}/{deleted}", itinerary_path(id)), fa)
        .await;
    assert_eq!(reply.status.as_u16(), 204, "{}", reply.text());
    let fourth = read_feed(&app, &feed).await;
    assert_ne!(fourth.etag, third.etag);
    assert!(fourth.event("itinerary_item", deleted).is_none());
    assert!(
        fourth.last_modified >= third.last_modified,
        "{} after {}",
        fourth.last_modified,
        third.last_modified
    );
    let reply = fetch(&app, &feed, &[("If-None-Match", &fourth.etag)]).await;
    assert_eq!(reply.status.as_u16(), 304);
}

async fn tokens_that_are_revoked_wrong_or_of_a_deactivated_owner_answer_404(app: TestApp) {
    // Arrange
    let cast = Cast::new(&app).await;
    let viewer = &cast.viewer.token;
    let sub = subscribe(
        &app,
        viewer,
        json!({"name": "Lịch của tôi", "kinds": ["press_conference", "interview"]}),
    )
    .await;
    let url = sub["url"].as_str().unwrap();
    let webcal = sub["webcal_url"].as_str().unwrap();
    let feed = feed_path(&app, &sub);
    let token = feed
        .strip_prefix("/calendar/")
        .and_then(|t| t.strip_suffix(".ics"))
        .unwrap_or_else(|| panic!("{feed}"))
        .to_owned();

    // The address: a 256-bit secret; the webcal form differs only by scheme.
    assert_eq!(token.len(), 64, "{token}");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(
        url.starts_with("http://") || url.starts_with("https://"),
        "{url}"
    );
    assert!(webcal.starts_with("webcal://"), "{webcal}");
    assert_eq!(
        url.split_once("://").unwrap().1,
        webcal.split_once("://").unwrap().1
    );
    read_feed(&app, &feed).await;

    // The list never shows the token.
    let reply = app.get("/api/v1/calendar/subscriptions", viewer).await;
    let list = reply.ok(200);
    assert!(!reply.text().contains(&token), "{list}");
    let listed = &list["items"][0];
    assert_eq!(listed["id"], sub["id"]);
    assert_eq!(listed["kinds"], json!(["interview", "press_conference"]));
    for key in ["url", "webcal_url", "token", "token_hash"] {
        assert!(listed.get(key).is_none(), "{key} in {listed}");
    }

    // A wrong token: another secret, one character off, not a token at all.
    let mut off = token.clone().into_bytes();
    off[10] = if off[10] == b'0' { b'1' } else { b'0' };
    let off = String::from_utf8(off).unwrap();
    for wrong in ["0".repeat(64), off, "garbage".into(), token.to_uppercase()] {
        let reply = fetch(&app, &format!("/calendar/{wrong}.ics"), &[]).await;
        assert_eq!(reply.status.as_u16(), 404, "{wrong}: {}", reply.text());
    }

    // Someone else cannot revoke it; its owner can, and it is gone.
    let sub_id = sub["id"].as_i64().unwrap();
    let reply = app
        .delete(
            &format!("/api/v1/calendar/subscriptions/{sub_id}"),
            &cast.police.token,
        )
        .await;
    assert_eq!(reply.status.as_u16(), 404);
    read_feed(&app, &feed).await;
    // A calendar app polling with its ETag gets 304s until the revocation,
    // then 404 like everyone (the 304s come from memory: it must forget).
    let etag = read_feed(&app, &feed).await.etag;
    for _ in 0..3 {
        let reply = fetch(&app, &feed, &[("If-None-Match", &etag)]).await;
        assert_eq!(reply.status.as_u16(), 304, "{}", reply.text());
    }
    let reply = app
        .delete(&format!("/api/v1/calendar/subscriptions/{sub_id}"), viewer)
        .await;
    assert_eq!(reply.status.as_u16(), 204, "{}", reply.text());
    assert_eq!(fetch(&app, &feed, &[]).await.status.as_u16(), 404);
    let reply = fetch(&app, &feed, &[("If-None-Match", &etag)]).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.text());
    let list = app
        .get("/api/v1/calendar/subscriptions", viewer)
        .await
        .ok(200);
    assert!(list["items"][0]["revoked_at"].is_string(), "{list}");

    // A deactivated owner's feed answers 404.
    let (user, token) = app.login_as(Role::Police).await;
    let feed = feed_of(&app, &token).await;
    let etag = read_feed(&app, &feed).await.etag;
    for _ in 0..3 {
        let reply = fetch(&app, &feed, &[("If-None-Match", &etag)]).await;
        assert_eq!(reply.status.as_u16(), 304, "{}", reply.text());
    }
    app.patch(
        &format!("/api/v1/users/{user}"),
        &app.admin_token,
        json!({"active": false}),
    )
    .await
    .ok(200);
    let reply = fetch(&app, &feed, &[]).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.text());
    let reply = fetch(&app, &feed, &[("If-None-Match", &etag)]).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.text());
}

async fn a_host_units_feed_holds_only_its_units_entries(app: TestApp) {
    // Arrange: a delegation of each of two host units, and the press side.
    let cast = Cast::new(&app).await;
    let TwoUnitsDay {
        other_unit,
        other,
        ours,
        our_item,
        theirs,
        their_item,
        ..
    } = two_units_day(&app, &cast).await;
    walk(&app, &cast, ours, "submitted").await;
    let mine = records(&[("delegation", ours), ("itinerary_item", our_item)]);

    // Act & Assert: everything it may see is its own.
    let feed = feed_of(&app, &cast.host.token).await;
    assert_eq!(read_feed(&app, &feed).await.records(), mine);
    // Asking for the other unit changes nothing; its delegation is unknown.
    let sub = subscribe(
        &app,
        &cast.host.token,
        json!({"name": "Sở Du lịch", "unit_id": other_unit.get()}),
    )
    .await;
    assert_eq!(
        read_feed(&app, &feed_path(&app, &sub)).await.records(),
        mine
    );
    let reply = app
        .post(
            "/api/v1/calendar/subscriptions",
            &cast.host.token,
            json!({"name": "x", "delegation_id": theirs}),
        )
        .await;
    crate::press_fixtures::invalid(&reply, "delegation_id");
    // The other unit sees its draft's item only (a draft is no event of its own).
    let feed = feed_of(&app, &other.token).await;
    assert_eq!(
        read_feed(&app, &feed).await.records(),
        records(&[("itinerary_item", their_item)])
    );
    // Foreign affairs narrowed to one unit: that unit's delegations, no press.
    let sub = subscribe(
        &app,
        &cast.foreign_affairs.token,
        json!({"name": "Sở Du lịch", "unit_id": other_unit.get()}),
    )
    .await;
    let narrowed = read_feed(&app, &feed_path(&app, &sub)).await;
    assert_eq!(
        narrowed.records(),
        records(&[("itinerary_item", their_item)])
    );
}

async fn the_public_feed_holds_announced_and_held_press_conferences_only(app: TestApp) {
    // Arrange: press conferences in every state, and other entries.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let at =
        |hour: u32| conference_at(&format!("{d0}T{hour:02}:00"), &format!("{d0}T{hour:02}:45"));
    let planned = conference_from(&app, &cast, at(8), "planned").await;
    let announced = conference_from(&app, &cast, at(9), "announced").await;
    let held = conference_from(
        &app,
        &cast,
        conference_at(&format!("{}T09:00", day(-3)), &format!("{}T10:00", day(-3))),
        "held",
    )
    .await;
    let called_off = conference_from(&app, &cast, at(10), "announced").await;
    let po = &cast.provincial_office.token;
    crate::press_fixtures::act_on(&app, po, &conference_path(called_off), "cancel")
        .await
        .ok(200);
    let never = conference_from(&app, &cast, at(11), "cancelled").await;
    let delegation = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    item(
        &app,
        &cast,
        delegation,
        item_at(
            d0,
            ("13:00", "14:00"),
            None,
            "Hội trường",
            "Chủ tịch UBND tỉnh",
        ),
    )
    .await;
    let r = Reporters::new(&app, &cast).await;
    interview_from(
        &app,
        &cast,
        merged(
            interview_body(&[r.domestic], None),
            json!({"starts_at": format!("{d0}T15:00"), "ends_at": format!("{d0}T16:00")}),
        ),
        "approved",
    )
    .await;

    // Act: no login.
    let feed = read_feed(&app, PUBLIC_FEED).await;

    // Assert
    let statuses: Vec<(i64, &str)> = feed
        .events
        .values()
        .map(|e| (e.id, e.status.as_str()))
        .collect();
    assert_eq!(
        feed.records(),
        records(&[
            ("press_conference", announced),
            ("press_conference", held),
            ("press_conference", called_off)
        ]),
        "{}",
        feed.text
    );
    assert_eq!(
        feed.event("press_conference", announced).unwrap().status,
        "CONFIRMED",
        "{statuses:?}"
    );
    assert_eq!(
        feed.event("press_conference", held).unwrap().status,
        "CONFIRMED",
        "{statuses:?}"
    );
    assert_eq!(
        feed.event("press_conference", called_off).unwrap().status,
        "CANCELLED",
        "{statuses:?}"
    );
    assert!(
        feed.event("press_conference", planned).is_none()
            && feed.event("press_conference", never).is_none()
    );
    let reply = fetch(&app, PUBLIC_FEED, &[("If-None-Match", &feed.etag)]).await;
    assert_eq!(reply.status.as_u16(), 304);
    assert!(reply.body.is_empty());

    // Announcing the planned one brings it in, with a new ETag.
    crate::press_fixtures::act_on(&app, po, &conference_path(planned), "announce")
        .await
        .ok(200);
    let later = check(
        &app,
        &fetch(&app, PUBLIC_FEED, &[("If-None-Match", &feed.etag)]).await,
    );
    assert_ne!(later.etag, feed.etag);
    assert!(later.event("press_conference", planned).is_some());
    assert!(later.last_modified >= feed.last_modified);
}

/// Issue 18's copy check: the public feed listed its conferences in the
/// order the database returned them, so a PostgreSQL copy of a SQLite
/// database answered other bytes (and another ETag) than its source. Made
/// in the reverse of their order by start, each row rewritten by its
/// announcement: read unordered, the feed would list them by id.
async fn the_public_feed_lists_its_conferences_by_start(app: TestApp) {
    // Arrange
    let cast = Cast::new(&app).await;
    let on = |offset: i64| {
        let d = day(offset);
        conference_at(&format!("{d}T09:00"), &format!("{d}T10:00"))
    };
    let last = conference_from(&app, &cast, on(30), "announced").await;
    let first = conference_from(&app, &cast, on(10), "announced").await;
    let middle = conference_from(&app, &cast, on(20), "announced").await;

    // Act
    let feed = read_feed(&app, PUBLIC_FEED).await;

    // Assert: the events in the order they are written.
    let listed: Vec<String> = feed
        .unfolded()
        .lines()
        .filter_map(|line| line.trim_end().strip_prefix("UID:"))
        .map(|uid| uid.split('@').next().unwrap_or(uid).to_owned())
        .collect();
    let expected: Vec<String> = [first, middle, last]
        .iter()
        .map(|id| format!("press_conference-{id}"))
        .collect();
    assert_eq!(listed, expected, "{}", feed.text);
}

async fn no_feed_holds_personal_data_or_police_notes(app: TestApp) {
    // Arrange: a member and a reporter with every piece of personal data,
    // police notes on the delegation and the accreditation.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let delegation = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    add_member(
        &app,
        &cast.foreign_affairs.token,
        delegation,
        member_body("Tanaka Hiroshi"),
    )
    .await;
    item(
        &app,
        &cast,
        delegation,
        item_at(
            d0,
            ("09:00", "10:00"),
            Some("Lê Minh Đức"),
            "Trụ sở UBND tỉnh",
            "Phó Chủ tịch UBND tỉnh",
        ),
    )
    .await;
    let delegation_note = "Theo doi dac biet XK-5571";
    app.put(
        &format!("{}/security-review", path(delegation)),
        &cast.police.token,
        json!({"status": "concerns", "officer": "Đại úy Trần Văn Hùng", "notes": delegation_note}),
    )
    .await
    .ok(200);
    walk(&app, &cast, delegation, "approved").await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation(&app, &cast, &[r.foreign], d0).await;
    let accreditation_note = "Nghi van thu thap thong tin QX-9902";
    app.put(
        &format!("{}/security-review", accreditation_path(acc)),
        &cast.police.token,
        json!({"status": "cleared", "officer": "Đại úy Trần Văn Hùng", "notes": accreditation_note}),
    )
    .await
    .ok(200);
    activity(
        &app,
        &cast,
        acc,
        activity_body(&format!("{d0}T13:00"), &format!("{d0}T14:00"), PLACES[0]),
    )
    .await;
    let body = merged(
        interview_body(&[r.foreign], Some(acc)),
        json!({"starts_at": format!("{d0}T15:00"), "ends_at": format!("{d0}T16:00")}),
    );
    interview_from(&app, &cast, body, "approved").await;
    let conference = conference_from(
        &app,
        &cast,
        conference_at(&format!("{d0}T16:30"), &format!("{d0}T17:30")),
        "announced",
    )
    .await;
    add_attendee(
        &app,
        &cast.provincial_office.token,
        conference,
        attendee_body("NHK", "Yamada Hanako", Some(r.foreign)),
    )
    .await
    .ok(201);
    let secrets = [
        "TR1234567",
        "TZ1234567",
        "C1234567",
        "1971-04-02",
        "19710402",
        "tanaka@example.jp",
        "yamada@nhk.example.jp",
        "+81 54 254 0000",
        "+81 3 3465 1111",
        delegation_note,
        accreditation_note,
    ];

    // Act: every role's feed (the police's and the administrator's too), and the public one.
    let mut paths: Vec<String> = Vec::new();
    for role in ROLES {
        paths.push(feed_of(&app, cast.token(role)).await);
    }
    paths.push(PUBLIC_FEED.to_owned());

    // Assert
    for feed_path in &paths {
        let feed = read_feed(&app, feed_path).await;
        assert!(!feed.events.is_empty(), "{feed_path} is empty");
        let unfolded = feed.unfolded();
        for secret in secrets {
            assert!(
                !feed.text.contains(secret) && !unfolded.contains(secret),
                "{secret} in {feed_path}:\n{}",
                feed.text
            );
        }
    }
    let admin = read_feed(&app, &paths[0]).await;
    assert_eq!(admin.records().len(), 5, "{}", admin.text);
}
