//! Scheduled entries for the schedule and feed tests, on days counted from
//! today (feeds reach from 90 days back to 400 ahead, so fixed dates would
//! fall out of them): delegations with foreign members, itinerary items with
//! a chosen escort, place and people; approved accreditations and activities.

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use visitdesk::domain::ids::UnitId;
use visitdesk::domain::time::province_today;

use crate::fixtures::{
    Cast, add_item, add_member, create, delegation_body, host_unit_user, item_body, member_body,
    merged,
};
use crate::helpers::TestApp;
use crate::press_fixtures::{
    PLACES, Reporters, accreditation_body, accreditation_from, activity_body, add_activity,
    conference_at, conference_from,
};

/// `offset` days after today in the province (before it if negative).
pub fn day(offset: i64) -> NaiveDate {
    let today = province_today();
    if offset >= 0 {
        today + Days::new(offset.unsigned_abs())
    } else {
        today - Days::new(offset.unsigned_abs())
    }
}

/// An itinerary item on `on` from `from` to `to` (local times), with this
/// escort officer (or none), place and participants.
pub fn item_at(
    on: NaiveDate,
    (from, to): (&str, &str),
    officer: Option<&str>,
    place: &str,
    participants: &str,
) -> Value {
    merged(
        item_body(&format!("{on}T{from}"), &format!("{on}T{to}")),
        json!({
            "escort_officer": officer,
            "place": {"name": place, "district": "Thành phố Hòa Bình"},
            "participants": participants,
        }),
    )
}

/// An incoming draft of `unit` from `first` to `last`, with two foreign
/// members (JP, KR) and one Vietnamese interpreter; returns its id.
pub async fn incoming(
    app: &TestApp,
    cast: &Cast,
    unit: UnitId,
    first: NaiveDate,
    last: NaiveDate,
) -> i64 {
    let token = &cast.foreign_affairs.token;
    let body = merged(
        delegation_body("incoming", unit),
        json!({"start_date": first, "end_date": last}),
    );
    let id = create(app, token, body).await["id"].as_i64().unwrap();
    for (name, nationality) in [
        ("Suzuki Ichiro", "JP"),
        ("Park Ji-hoon", "KR"),
        ("Đỗ Văn Minh", "VN"),
    ] {
        let member = merged(member_body(name), json!({"nationality": nationality}));
        add_member(app, token, id, member).await;
    }
    id
}

/// Adds an item to delegation `id` and returns the item's id.
pub async fn item(app: &TestApp, cast: &Cast, id: i64, body: Value) -> i64 {
    add_item(app, &cast.foreign_affairs.token, id, body).await["id"]
        .as_i64()
        .unwrap()
}

/// An approved accreditation of `reporters` from `first` for five days.
pub async fn accreditation(app: &TestApp, cast: &Cast, reporters: &[i64], first: NaiveDate) -> i64 {
    let body = merged(
        accreditation_body(reporters),
        json!({"start_date": first, "end_date": first + Days::new(4), "referral_date": day(-30)}),
    );
    accreditation_from(app, cast, body, "approved").await
}

/// A press activity of `accreditation` and its id.
pub async fn activity(app: &TestApp, cast: &Cast, accreditation: i64, body: Value) -> i64 {
    add_activity(app, &cast.foreign_affairs.token, accreditation, body)
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap()
}

/// One day (20 days ahead) of two host units and the press side: a
/// delegation with an item for the cast's host unit and for another one
/// ("Sở Du lịch", with its own user), a foreign reporter's accreditation
/// with an activity, and an announced press conference.
pub struct TwoUnitsDay {
    pub day: NaiveDate,
    pub other_unit: UnitId,
    pub other: crate::fixtures::User,
    pub ours: i64,
    pub our_item: i64,
    pub theirs: i64,
    pub their_item: i64,
}

pub async fn two_units_day(app: &TestApp, cast: &Cast) -> TwoUnitsDay {
    let d0 = day(20);
    let (other_unit, other) = host_unit_user(app, "so-du-lich", "Sở Du lịch").await;
    let ours = incoming(app, cast, cast.host_unit, d0, d0).await;
    let our_item = item(
        app,
        cast,
        ours,
        item_at(
            d0,
            ("09:00", "10:00"),
            None,
            "Khu công nghiệp Bờ trái sông Đà",
            "Giám đốc Sở Công Thương",
        ),
    )
    .await;
    let theirs = incoming(app, cast, other_unit, d0, d0).await;
    let their_item = item(
        app,
        cast,
        theirs,
        item_at(
            d0,
            ("13:00", "14:00"),
            None,
            "Hồ Hòa Bình",
            "Giám đốc Sở Du lịch",
        ),
    )
    .await;
    let r = Reporters::new(app, cast).await;
    let acc = accreditation(app, cast, &[r.foreign], d0).await;
    activity(
        app,
        cast,
        acc,
        activity_body(&format!("{d0}T08:00"), &format!("{d0}T09:00"), PLACES[1]),
    )
    .await;
    conference_from(
        app,
        cast,
        conference_at(&format!("{d0}T15:00"), &format!("{d0}T16:00")),
        "announced",
    )
    .await;
    TwoUnitsDay {
        day: d0,
        other_unit,
        other,
        ours,
        our_item,
        theirs,
        their_item,
    }
}
