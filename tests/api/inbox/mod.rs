//! The inbox: what waits on the caller's unit, worked out from the
//! delegations' states, earliest due first.

mod expiry;
mod press;

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use visitdesk::domain::time::province_today;

use crate::fixtures::{self, Cast, act_with, delegation_body, merged, path};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    foreign_affairs_sees_submitted_delegations,
    the_provincial_office_sees_appraised_delegations,
    police_see_unreviewed_delegations_and_changed_itineraries,
    a_host_unit_sees_its_returned_drafts_and_reports_due,
    a_viewers_inbox_is_empty,
    the_inbox_is_ordered_by_due_date,
);

/// Every entry of the caller's inbox.
async fn whole_inbox(app: &TestApp, token: &str) -> Vec<Value> {
    let body = app.get("/api/v1/inbox", token).await.ok(200);
    fixtures::items(&body).clone()
}

/// The delegation entries of the caller's inbox (other records wait there too).
async fn inbox(app: &TestApp, token: &str) -> Vec<Value> {
    whole_inbox(app, token)
        .await
        .into_iter()
        .filter(|e| e["record"]["kind"] == "delegation")
        .collect()
}

/// The delegation ids of inbox entries, in order.
fn ids(entries: &[Value]) -> Vec<i64> {
    entries
        .iter()
        .map(|e| e["record"]["id"].as_i64().unwrap())
        .collect()
}

/// A delegation of the cast's host unit from `start` to `end`, walked to `state`.
async fn dated(app: &TestApp, cast: &Cast, start: NaiveDate, end: NaiveDate, state: &str) -> i64 {
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": start, "end_date": end}),
    );
    let id = fixtures::draft_from(app, cast, body).await;
    fixtures::walk(app, cast, id, state).await;
    id
}

/// One delegation in each of these states.
async fn one_in_each(app: &TestApp, cast: &Cast, states: &[&str]) -> Vec<i64> {
    let mut ids = Vec::new();
    for state in states {
        ids.push(fixtures::delegation_in(app, cast, "incoming", state).await);
    }
    ids
}

async fn foreign_affairs_sees_submitted_delegations(app: TestApp) {
    let cast = Cast::new(&app).await;
    let all = one_in_each(
        &app,
        &cast,
        &["draft", "submitted", "appraised", "approved", "cancelled"],
    )
    .await;

    let entries = inbox(&app, &cast.foreign_affairs.token).await;

    assert_eq!(ids(&entries), [all[1]]);
    let d = app.get(&path(all[1]), &cast.admin.token).await.ok(200);
    assert_eq!(entries[0]["record"]["reference"], d["reference"]);
    assert_eq!(entries[0]["due_date"], fixtures::START);
    assert!(
        entries[0]["reason"].as_str().unwrap().contains("submitted"),
        "{entries:?}"
    );
}

async fn the_provincial_office_sees_appraised_delegations(app: TestApp) {
    let cast = Cast::new(&app).await;
    let all = one_in_each(
        &app,
        &cast,
        &["draft", "submitted", "appraised", "approved", "rejected"],
    )
    .await;

    let entries = inbox(&app, &cast.provincial_office.token).await;

    assert_eq!(ids(&entries), [all[2]]);
    assert_eq!(entries[0]["due_date"], fixtures::START);
    assert!(
        entries[0]["reason"].as_str().unwrap().contains("appraised"),
        "{entries:?}"
    );
}

async fn police_see_unreviewed_delegations_and_changed_itineraries(app: TestApp) {
    let cast = Cast::new(&app).await;
    let police = cast.police.token.as_str();
    let fa = cast.foreign_affairs.token.as_str();
    let review = |id: i64| {
        let app = &app;
        async move {
            app.put(
                &format!("{}/security-review", path(id)),
                police,
                json!({"status": "cleared", "officer": "Đại úy Phạm Văn Hùng"}),
            )
            .await
            .ok(200);
        }
    };
    let submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let approved = fixtures::delegation_in(&app, &cast, "incoming", "approved").await;
    let reviewed_submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    review(reviewed_submitted).await;
    let changed = fixtures::delegation_in(&app, &cast, "incoming", "approved").await;
    review(changed).await;
    let reviewed_approved = fixtures::delegation_in(&app, &cast, "incoming", "approved").await;
    review(reviewed_approved).await;
    fixtures::delegation_in(&app, &cast, "incoming", "draft").await;
    fixtures::delegation_in(&app, &cast, "incoming", "completed").await;
    let item = &app
        .get(&format!("{}/itinerary", path(changed)), fa)
        .await
        .ok(200)["items"][0];
    app.patch(
        &format!("{}/itinerary/{}", path(changed), item["id"]),
        fa,
        json!({"place": {"name": "Khu công nghiệp Lương Sơn"}}),
    )
    .await
    .ok(200);

    let entries = inbox(&app, police).await;

    let mut found = ids(&entries);
    found.sort_unstable();
    assert_eq!(found, [submitted, approved, changed], "{entries:?}");
    let reason = |id: i64| {
        entries.iter().find(|e| e["record"]["id"] == id).unwrap()["reason"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(reason(submitted).contains("review"), "{entries:?}");
    assert!(reason(approved).contains("review"), "{entries:?}");
    assert!(reason(changed).contains("itinerary"), "{entries:?}");
}

async fn a_host_unit_sees_its_returned_drafts_and_reports_due(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (other_unit, other_host) = fixtures::host_unit_user(&app, "so-y-te", "Sở Y tế").await;
    let today = province_today();
    let days_ago = |n: u64| today.checked_sub_days(Days::new(n)).unwrap();

    let returned = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    act_with(
        &app,
        &cast.foreign_affairs.token,
        returned,
        json!({"action": "return", "note": "Thiếu chương trình chi tiết"}),
    )
    .await
    .ok(200);
    fixtures::delegation_in(&app, &cast, "incoming", "draft").await;
    fixtures::delegation_in(&app, &cast, "incoming", "reported").await;
    let due = dated(&app, &cast, days_ago(4), days_ago(2), "completed").await;
    let overdue = dated(&app, &cast, days_ago(40), days_ago(30), "completed").await;
    // Another unit's completed delegation is not this unit's business.
    let body = merged(
        delegation_body("incoming", other_unit),
        json!({"start_date": days_ago(4), "end_date": days_ago(2)}),
    );
    let others = fixtures::draft_from(&app, &cast, body).await;
    fixtures::walk(&app, &cast, others, "completed").await;

    let entries = inbox(&app, &cast.host.token).await;

    let mut found = ids(&entries);
    found.sort_unstable();
    assert_eq!(found, [returned, due, overdue], "{entries:?}");
    let entry = |id: i64| entries.iter().find(|e| e["record"]["id"] == id).unwrap();
    assert!(
        entry(returned)["reason"]
            .as_str()
            .unwrap()
            .contains("returned"),
        "{entries:?}"
    );
    // 15 calendar days after the end, a last day off moving to the next
    // working day (the province's default; tests/api/deadlines/ counts it).
    for (id, end) in [(due, days_ago(2)), (overdue, days_ago(30))] {
        let d = app.get(&path(id), &cast.host.token).await.ok(200);
        assert_eq!(entry(id)["due_date"], d["report_due_date"]);
        let day: NaiveDate = d["report_due_date"].as_str().unwrap().parse().unwrap();
        assert!(
            day >= end + Days::new(15) && day <= end + Days::new(21),
            "{d}"
        );
    }
    let due_reason = entry(due)["reason"].as_str().unwrap();
    let overdue_reason = entry(overdue)["reason"].as_str().unwrap();
    assert!(
        due_reason.contains("due") && !due_reason.contains("overdue"),
        "{due_reason}"
    );
    assert!(overdue_reason.contains("overdue"), "{overdue_reason}");
    assert_eq!(ids(&inbox(&app, &other_host.token).await), [others]);
}

async fn a_viewers_inbox_is_empty(app: TestApp) {
    let cast = Cast::new(&app).await;
    one_in_each(
        &app,
        &cast,
        &["draft", "submitted", "appraised", "approved", "completed"],
    )
    .await;

    assert!(whole_inbox(&app, &cast.viewer.token).await.is_empty());
}

async fn the_inbox_is_ordered_by_due_date(app: TestApp) {
    let cast = Cast::new(&app).await;
    let date = |s: &str| s.parse::<NaiveDate>().unwrap();
    let later = dated(
        &app,
        &cast,
        date("2025-06-10"),
        date("2025-06-12"),
        "submitted",
    )
    .await;
    let soonest = dated(
        &app,
        &cast,
        date("2025-02-01"),
        date("2025-02-03"),
        "submitted",
    )
    .await;
    let middle = dated(
        &app,
        &cast,
        date("2025-04-20"),
        date("2025-04-21"),
        "submitted",
    )
    .await;

    let entries = inbox(&app, &cast.foreign_affairs.token).await;

    assert_eq!(ids(&entries), [soonest, middle, later]);
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["due_date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-02-01", "2025-04-20", "2025-06-10"]);
    // Whatever else waits there, the whole inbox keeps the same order.
    let whole: Vec<String> = whole_inbox(&app, &cast.foreign_affairs.token)
        .await
        .iter()
        .map(|e| e["due_date"].as_str().unwrap().to_owned())
        .collect();
    assert!(whole.is_sorted(), "{whole:?}");
}
