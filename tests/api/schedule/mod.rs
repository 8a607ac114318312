//! The monitoring schedule (`GET /api/v1/schedule`): every kind of entry in
//! one list by start, each with its record, place, escort, foreigners (counted,
//! never named) and review; clashes of escort officer or venue flagged on both
//! entries; host units limited to their own delegations; the window's rules.

use std::collections::BTreeSet;

use chrono::{DateTime, Days, NaiveDate};
use serde_json::{Value, json};

use crate::fixtures::merged;
use crate::fixtures::{Cast, item_body, query};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    PLACES, Reporters, activity_body, add_attendee, attendee_body, conference_at, conference_from,
    interview_body, interview_from, invalid,
};
use crate::schedule_fixtures::{
    TwoUnitsDay, accreditation, activity, day, incoming, item, item_at, two_units_day,
};

on_both_engines!(
    every_kind_is_listed_by_start_with_its_record_and_no_names,
    the_same_escort_officer_at_overlapping_times_is_flagged_on_both,
    the_same_venue_at_overlapping_times_is_flagged_on_both,
    a_host_unit_sees_only_its_own_delegations_and_nothing_of_the_press_side,
    the_kind_filter_keeps_the_kinds_asked_for,
    the_window_defaults_to_a_week_and_is_checked,
    a_week_read_again_shows_every_change_and_only_what_the_reader_may_see,
);

/// Names and personal data that must never reach the schedule.
const SECRETS: [&str; 7] = [
    "Suzuki Ichiro",
    "Park Ji-hoon",
    "Yamada Hanako",
    "Nguyễn Thị Lan",
    "TR1234567",
    "TZ1234567",
    "1971-04-02",
];

async fn schedule(app: &TestApp, token: &str, pairs: &[(&str, &str)]) -> Value {
    app.get(&format!("/api/v1/schedule?{}", query(pairs)), token)
        .await
        .ok(200)
}

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().unwrap()
}

/// The entry of `kind` with `id` in a schedule answer.
fn entry<'a>(body: &'a Value, kind: &str, id: i64) -> &'a Value {
    items(body)
        .iter()
        .find(|e| e["kind"] == kind && e["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in {body}"))
}

fn kinds(body: &Value) -> BTreeSet<String> {
    items(body)
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// The (kind, id, reason) of an entry's conflicts.
fn conflicts(entry: &Value) -> Vec<(String, i64, String)> {
    entry["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["id"].as_i64().unwrap(),
                c["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn window(first: NaiveDate, last: NaiveDate) -> [(&'static str, String); 2] {
    [("from", first.to_string()), ("to", last.to_string())]
}

fn pairs<'a>(window: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    window.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn every_kind_is_listed_by_start_with_its_record_and_no_names(app: TestApp) {
    // Arrange: a delegation's item on day 0; a press activity, an interview
    // and a press conference on day 1, each with foreign and Vietnamese people.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let d1 = d0 + Days::new(1);
    let delegation = incoming(&app, &cast, cast.host_unit, d0, d1).await;
    let item = item(
        &app,
        &cast,
        delegation,
        item_body(&format!("{d0}T09:00"), &format!("{d0}T11:00")),
    )
    .await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation(&app, &cast, &[r.foreign], d0).await;
    let activity = activity(
        &app,
        &cast,
        acc,
        activity_body(&format!("{d1}T08:00"), &format!("{d1}T09:00"), PLACES[0]),
    )
    .await;
    let interview_body = merged(
        interview_body(&[r.foreign, r.domestic], Some(acc)),
        json!({"starts_at": format!("{d1}T10:00"), "ends_at": format!("{d1}T11:00")}),
    );
    let interview = interview_from(&app, &cast, interview_body, "approved").await;
    let conference = conference_from(
        &app,
        &cast,
        conference_at(&format!("{d1}T14:00"), &format!("{d1}T15:30")),
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

    for token in [&cast.viewer.token, &cast.provincial_office.token] {
        // Act
        let reply = app
            .get(
                &format!("/api/v1/schedule?{}", query(&pairs(&window(d0, d1)))),
                token,
            )
            .await;
        let body = reply.ok(200);

        // Assert: one list, by start, of every kind.
        let order: Vec<(String, i64)> = items(&body)
            .iter()
            .map(|e| {
                (
                    e["kind"].as_str().unwrap().to_owned(),
                    e["id"].as_i64().unwrap(),
                )
            })
            .collect();
        let expected = [
            ("itinerary_item", item),
            ("press_activity", activity),
            ("interview", interview),
            ("press_conference", conference),
        ]
        .map(|(k, id)| (k.to_owned(), id));
        assert_eq!(order, expected, "{body}");
        let starts: Vec<DateTime<chrono::FixedOffset>> = items(&body)
            .iter()
            .map(|e| DateTime::parse_from_rfc3339(e["starts_at"].as_str().unwrap()).unwrap())
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        for e in items(&body) {
            for key in [
                "record",
                "title",
                "place",
                "status",
                "escort_officer",
                "foreigners",
                "security_review_status",
                "conflicts",
                "time_zone",
                "ends_at",
            ] {
                assert!(e.get(key).is_some(), "{key} missing from {e}");
            }
            assert!(e["conflicts"].as_array().unwrap().is_empty(), "{e}");
        }

        let i = entry(&body, "itinerary_item", item);
        assert_eq!(i["record"]["kind"], "delegation");
        assert_eq!(i["record"]["id"], delegation);
        assert!(
            i["record"]["reference"]
                .as_str()
                .unwrap()
                .starts_with("DV-"),
            "{i}"
        );
        assert_eq!(i["place"], "Trụ sở UBND tỉnh");
        assert_eq!(i["status"], "planned");
        assert_eq!(i["escort_officer"], "Lê Minh Đức");
        assert_eq!(
            i["foreigners"],
            json!({"count": 2, "nationalities": ["JP", "KR"]})
        );
        assert_eq!(i["security_review_status"], "pending");
        assert_eq!(i["time_zone"], "Asia/Ho_Chi_Minh");
        assert!(i["starts_at"].as_str().unwrap().ends_with("+07:00"), "{i}");

        let a = entry(&body, "press_activity", activity);
        assert_eq!(a["record"]["kind"], "accreditation");
        assert_eq!(a["record"]["id"], acc);
        assert!(
            a["record"]["reference"]
                .as_str()
                .unwrap()
                .starts_with("PV-"),
            "{a}"
        );
        assert_eq!(a["place"], PLACES[0]);
        assert_eq!(a["escort_officer"], "Lê Minh Đức");
        assert_eq!(
            a["foreigners"],
            json!({"count": 1, "nationalities": ["JP"]})
        );
        assert_eq!(a["security_review_status"], "cleared");

        let iv = entry(&body, "interview", interview);
        assert_eq!(iv["record"]["kind"], "interview");
        assert_eq!(iv["record"]["id"], interview);
        assert!(
            iv["record"]["reference"]
                .as_str()
                .unwrap()
                .starts_with("PH-"),
            "{iv}"
        );
        assert_eq!(iv["status"], "approved");
        assert_eq!(
            iv["foreigners"],
            json!({"count": 1, "nationalities": ["JP"]}),
            "the Vietnamese reporter is no foreigner"
        );

        let c = entry(&body, "press_conference", conference);
        assert_eq!(c["record"]["kind"], "press_conference");
        assert!(
            c["record"]["reference"]
                .as_str()
                .unwrap()
                .starts_with("HB-"),
            "{c}"
        );
        assert_eq!(c["place"], "Hội trường UBND tỉnh");
        assert_eq!(c["status"], "announced");
        assert_eq!(
            c["foreigners"],
            json!({"count": 1, "nationalities": ["JP"]})
        );

        // No one is named, and no personal data appears, anywhere.
        let text = reply.text();
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

async fn the_same_escort_officer_at_overlapping_times_is_flagged_on_both(app: TestApp) {
    // Arrange: an item 09:00–10:00 and a press activity 09:30–11:00 with the
    // same escort officer (different places and people); a second item from
    // 11:00, back to back with the activity, with the same officer again.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let delegation = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    let officer = Some("Trần Thu Hà");
    let first = item(
        &app,
        &cast,
        delegation,
        item_at(
            d0,
            ("09:00", "10:00"),
            officer,
            "Nhà văn hóa xóm Lác",
            "Giám đốc Sở Công Thương",
        ),
    )
    .await;
    let last = item(
        &app,
        &cast,
        delegation,
        item_at(
            d0,
            ("11:00", "12:00"),
            officer,
            "Nhà máy Thủy điện Hòa Bình",
            "Phó Giám đốc Sở Du lịch",
        ),
    )
    .await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation(&app, &cast, &[r.foreign], d0).await;
    let body = merged(
        activity_body(&format!("{d0}T09:30"), &format!("{d0}T11:00"), PLACES[0]),
        json!({"escort_officer": "Trần Thu Hà"}),
    );
    let activity = activity(&app, &cast, acc, body).await;

    // Act
    let body = schedule(&app, &cast.police.token, &pairs(&window(d0, d0))).await;

    // Assert
    let reason = "escort_officer".to_owned();
    assert_eq!(
        conflicts(entry(&body, "itinerary_item", first)),
        [("press_activity".to_owned(), activity, reason.clone())],
        "{body}"
    );
    assert_eq!(
        conflicts(entry(&body, "press_activity", activity)),
        [("itinerary_item".to_owned(), first, reason)],
        "only the overlapping item, not the one back to back: {body}"
    );
    assert!(
        conflicts(entry(&body, "itinerary_item", last)).is_empty(),
        "back to back is no clash: {body}"
    );
    let clash = &entry(&body, "itinerary_item", first)["conflicts"][0];
    assert_eq!(clash["with"], "Trần Thu Hà");
}

async fn the_same_venue_at_overlapping_times_is_flagged_on_both(app: TestApp) {
    // Arrange: an item 14:00–15:00 (no escort) in the hall, a press
    // conference 14:30–15:30 there, and another 15:30–16:30 back to back.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let hall = "Hội trường UBND tỉnh";
    let delegation = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    let item = item(
        &app,
        &cast,
        delegation,
        item_at(
            d0,
            ("14:00", "15:00"),
            None,
            hall,
            "Giám đốc Sở Công Thương",
        ),
    )
    .await;
    let overlapping = conference_from(
        &app,
        &cast,
        conference_at(&format!("{d0}T14:30"), &format!("{d0}T15:30")),
        "announced",
    )
    .await;
    let after = conference_from(
        &app,
        &cast,
        conference_at(&format!("{d0}T15:30"), &format!("{d0}T16:30")),
        "planned",
    )
    .await;

    // Act
    let body = schedule(&app, &cast.viewer.token, &pairs(&window(d0, d0))).await;

    // Assert
    let venue = "venue".to_owned();
    assert_eq!(
        entry(&body, "itinerary_item", item)["escort_officer"],
        Value::Null
    );
    assert_eq!(
        conflicts(entry(&body, "itinerary_item", item)),
        [("press_conference".to_owned(), overlapping, venue.clone())],
        "{body}"
    );
    assert_eq!(
        conflicts(entry(&body, "press_conference", overlapping)),
        [("itinerary_item".to_owned(), item, venue)],
        "{body}"
    );
    assert!(
        conflicts(entry(&body, "press_conference", after)).is_empty(),
        "back to back is no clash: {body}"
    );
}

async fn a_host_unit_sees_only_its_own_delegations_and_nothing_of_the_press_side(app: TestApp) {
    // Arrange: a delegation of the cast's host unit, one of another unit, and
    // the press side on the same day.
    let cast = Cast::new(&app).await;
    let TwoUnitsDay {
        day: d0,
        other,
        our_item,
        their_item,
        ..
    } = two_units_day(&app, &cast).await;
    let w = window(d0, d0);

    // Act & Assert: each host unit sees its own items, and nothing else.
    let mine = schedule(&app, &cast.host.token, &pairs(&w)).await;
    let ids: Vec<(&str, i64)> = items(&mine)
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["id"].as_i64().unwrap()))
        .collect();
    assert_eq!(ids, [("itinerary_item", our_item)], "{mine}");
    let yours = schedule(&app, &other.token, &pairs(&w)).await;
    let ids: Vec<(&str, i64)> = items(&yours)
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["id"].as_i64().unwrap()))
        .collect();
    assert_eq!(ids, [("itinerary_item", their_item)], "{yours}");
    let mut press = pairs(&w);
    press.push(("kind", "press_activity,interview,press_conference"));
    let none = schedule(&app, &cast.host.token, &press).await;
    assert!(items(&none).is_empty(), "{none}");

    // The others see all of it.
    let all = schedule(&app, &cast.foreign_affairs.token, &pairs(&w)).await;
    assert_eq!(items(&all).len(), 4, "{all}");
}

async fn the_kind_filter_keeps_the_kinds_asked_for(app: TestApp) {
    // Arrange: one entry of each kind.
    let cast = Cast::new(&app).await;
    let d0 = day(20);
    let delegation = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    item(
        &app,
        &cast,
        delegation,
        item_at(
            d0,
            ("07:00", "08:00"),
            None,
            "Nhà khách UBND tỉnh",
            "Chánh Văn phòng",
        ),
    )
    .await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation(&app, &cast, &[r.foreign], d0).await;
    activity(
        &app,
        &cast,
        acc,
        activity_body(&format!("{d0}T08:00"), &format!("{d0}T09:00"), PLACES[1]),
    )
    .await;
    let body = merged(
        interview_body(&[r.foreign], Some(acc)),
        json!({"starts_at": format!("{d0}T10:00"), "ends_at": format!("{d0}T11:00")}),
    );
    interview_from(&app, &cast, body, "requested").await;
    conference_from(
        &app,
        &cast,
        conference_at(&format!("{d0}T15:00"), &format!("{d0}T16:00")),
        "planned",
    )
    .await;
    let w = window(d0, d0);
    let token = &cast.viewer.token;

    // Act & Assert
    let all = schedule(&app, token, &pairs(&w)).await;
    let every = [
        "interview",
        "itinerary_item",
        "press_activity",
        "press_conference",
    ];
    assert_eq!(
        kinds(&all),
        BTreeSet::from(every.map(String::from)),
        "{all}"
    );
    let mut two = pairs(&w);
    two.push(("kind", "itinerary_item,interview"));
    let body = schedule(&app, token, &two).await;
    assert_eq!(
        kinds(&body),
        BTreeSet::from(["interview", "itinerary_item"].map(String::from)),
        "{body}"
    );
    assert_eq!(items(&body).len(), 2);
    // The parameter repeated, as the document declares it (an array,
    // form-style, exploded): what generated clients send.
    let mut repeated = pairs(&w);
    repeated.push(("kind", "itinerary_item"));
    repeated.push(("kind", "interview"));
    assert_eq!(schedule(&app, token, &repeated).await, body);
    let mut one = pairs(&w);
    one.push(("kind", "press_conference"));
    assert_eq!(
        kinds(&schedule(&app, token, &one).await),
        BTreeSet::from(["press_conference".to_owned()])
    );
    let mut bad = pairs(&w);
    bad.push(("kind", "itinerary_item,meeting"));
    invalid(
        &app.get(&format!("/api/v1/schedule?{}", query(&bad)), token)
            .await,
        "kind",
    );
    let mut bad = pairs(&w);
    bad.push(("kind", "itinerary_item"));
    bad.push(("kind", "meeting"));
    invalid(
        &app.get(&format!("/api/v1/schedule?{}", query(&bad)), token)
            .await,
        "kind",
    );
}

async fn the_window_defaults_to_a_week_and_is_checked(app: TestApp) {
    // Arrange: items yesterday, today, in six days and in seven.
    let cast = Cast::new(&app).await;
    let delegation = incoming(&app, &cast, cast.host_unit, day(-1), day(8)).await;
    let mut ids = Vec::new();
    for offset in [-1, 0, 6, 7] {
        let body = item_at(
            day(offset),
            ("10:00", "11:00"),
            None,
            &format!("Điểm {offset}"),
            "Chánh Văn phòng",
        );
        ids.push(item(&app, &cast, delegation, body).await);
    }
    let token = &cast.viewer.token;

    // Act & Assert: no window given is today and the six days after it.
    let body = app.get("/api/v1/schedule", token).await.ok(200);
    let listed: Vec<i64> = items(&body)
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [ids[1], ids[2]], "{body}");

    // Instants are taken as well as dates.
    let from = format!("{}T10:30:00+07:00", day(0));
    let to = format!("{}T00:00:00Z", day(7));
    let body = schedule(&app, token, &[("from", &from), ("to", &to)]).await;
    let listed: Vec<i64> = items(&body)
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        listed,
        [ids[1], ids[2]],
        "an entry overlapping the window's start is in it: {body}"
    );

    // `to` before `from`, or equal to it.
    let (d5, d0) = (day(5).to_string(), day(0).to_string());
    invalid(
        &app.get(
            &format!("/api/v1/schedule?{}", query(&[("from", &d5), ("to", &d0)])),
            token,
        )
        .await,
        "to",
    );
    let instant = format!("{}T09:00:00+07:00", day(0));
    invalid(
        &app.get(
            &format!(
                "/api/v1/schedule?{}",
                query(&[("from", &instant), ("to", &instant)])
            ),
            token,
        )
        .await,
        "to",
    );

    // 92 days are allowed (a date `to` counts whole), 93 are not.
    schedule(&app, token, &[("from", "2026-01-01"), ("to", "2026-04-02")]).await;
    let reply = app
        .get(
            &format!(
                "/api/v1/schedule?{}",
                query(&[("from", "2026-01-01"), ("to", "2026-04-03")])
            ),
            token,
        )
        .await;
    invalid(&reply, "to");
    let reply = app
        .get(
            &format!(
                "/api/v1/schedule?{}",
                query(&[("from", "2026-01-01"), ("to", "2027-01-01")])
            ),
            token,
        )
        .await;
    invalid(&reply, "to");

    // Garbage.
    for (field, raw) in [
        ("from", "yesterday"),
        ("from", "2026-13-01"),
        ("to", "2026-02-30"),
        ("from", "2026-12-01T25:00:00+07:00"),
        ("to", "01/12/2026"),
    ] {
        let reply = app
            .get(
                &format!("/api/v1/schedule?{}", query(&[(field, raw)])),
                token,
            )
            .await;
        invalid(&reply, field);
    }
}

async fn a_week_read_again_shows_every_change_and_only_what_the_reader_may_see(app: TestApp) {
    // Arrange: the police read a day twice (the second answer is the one
    // built for the first, the data being the same) — the answer is kept.
    let cast = Cast::new(&app).await;
    let TwoUnitsDay {
        day: d0,
        our_item,
        their_item,
        ..
    } = two_units_day(&app, &cast).await;
    let w = window(d0, d0);
    let first = schedule(&app, &cast.police.token, &pairs(&w)).await;
    assert_eq!(schedule(&app, &cast.police.token, &pairs(&w)).await, first);
    assert_eq!(items(&first).len(), 4, "{first}");

    // Act & Assert: a host unit asking the same week gets its own answer,
    // not the police's.
    let mine = schedule(&app, &cast.host.token, &pairs(&w)).await;
    let ids: Vec<i64> = items(&mine)
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [our_item], "{mine}");

    // A change in between shows at once: a new item at the same venue at
    // the same time as ours, flagged as a clash on both.
    let ours = entry(&first, "itinerary_item", our_item).clone();
    let delegation = ours["record"]["id"].as_i64().unwrap();
    let (starts, ends) = (
        ours["starts_at"].as_str().unwrap(),
        ours["ends_at"].as_str().unwrap(),
    );
    let body = merged(
        item_body(&starts[..16], &ends[..16]),
        json!({"place": {"name": ours["place"]}}),
    );
    let added = item(&app, &cast, delegation, body).await;
    let after = schedule(&app, &cast.police.token, &pairs(&w)).await;
    assert_eq!(items(&after).len(), 5, "{after}");
    assert_eq!(
        conflicts(entry(&after, "itinerary_item", added)),
        [("itinerary_item".to_owned(), our_item, "venue".to_owned())],
        "{after}"
    );
    assert!(
        items(&after).iter().any(|e| e["id"] == their_item),
        "{after}"
    );
}
