//! Scheduled entries for the schedule and feed tests, on days counted from
//! today (feeds reach from 90 days back to 400 ahead, so fixed dates would
//! fall out of them): delegations with foreign members, itinerary items with
//! a chosen escort, place and people; approved accreditations and activities.

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use visitdesk::domain::ids::UnitId;
use visitdesk::domain::time::province_today;

use crate::fixtures::{
    Cast, add_item, add_member, create, delegation_body, item_body, member_body, merged,
};
use crate::helpers::TestApp;
use crate::press_fixtures::{accreditation_body, accreditation_from, add_activity};

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
