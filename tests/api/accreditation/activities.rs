//! Changing and cancelling an accreditation's press activities over the
//! API: who may (403, and 404 for a role that does not see the press
//! side), the rules a new activity follows (422 naming the field), the
//! states that allow it (409), the version (412), the audit entry, and
//! what the schedule's week and a calendar feed show afterwards — a
//! cancelled activity stays, marked, so that whoever reads the week sees
//! it was called off.

use awc::http::Method;
use serde_json::{Value, json};
use visitdesk::domain::audit::RecordKind;

use crate::feed_checks::{feed_of, read_feed};
use crate::fixtures::Cast;
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{
    PLACES, Reporters, accreditation_in, accreditation_path, act_on, activity_body, audit_len,
    invalid, transition,
};
use crate::schedule_fixtures::{self as schedule, day};

on_both_engines!(
    writers_change_and_cancel_activities_others_may_not,
    a_change_keeps_the_activity_within_the_dates_and_places,
    activities_change_only_while_open,
    a_stale_version_is_refused,
    a_change_and_a_cancel_are_audited_with_what_changed,
    the_schedule_and_a_feed_follow_a_change_and_a_cancel,
);

/// An approved accreditation from day 8 for five days (fixture places)
/// with one activity on day 9, 08:00–10:00: (accreditation, activity).
async fn planned(app: &TestApp, cast: &Cast) -> (i64, i64) {
    let r = Reporters::new(app, cast).await;
    let acc = schedule::accreditation(app, cast, &[r.foreign], day(8)).await;
    let activity = schedule::activity(app, cast, acc, on(9, "08:00", "10:00")).await;
    (acc, activity)
}

/// The activity body on day `offset`, from `from` to `to`, at the first place.
fn on(offset: i64, from: &str, to: &str) -> Value {
    let d = day(offset);
    activity_body(&format!("{d}T{from}"), &format!("{d}T{to}"), PLACES[0])
}

fn path(acc: i64, activity: i64) -> String {
    format!("{}/activities/{activity}", accreditation_path(acc))
}

async fn cancel(app: &TestApp, token: &str, acc: i64, activity: i64) -> Reply {
    app.post(
        &format!("{}/transitions", path(acc, activity)),
        token,
        json!({"action": "cancel", "note": "Phóng viên đổi lịch bay"}),
    )
    .await
}

/// The activity as its accreditation lists it.
async fn listed(app: &TestApp, token: &str, acc: i64, activity: i64) -> Value {
    let list = app
        .get(&format!("{}/activities", accreditation_path(acc)), token)
        .await
        .ok(200);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == activity)
        .cloned()
        .unwrap_or_else(|| panic!("activity {activity} is not listed: {list}"))
}

/// A request with an `If-Match` header.
async fn with_if_match(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: &str,
    body: Value,
) -> Reply {
    let req = app
        .request(method, path)
        .bearer_auth(token)
        .insert_header(("if-match", if_match));
    app.finish(req.send_json(&body)).await
}

async fn writers_change_and_cancel_activities_others_may_not(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (acc, activity) = planned(&app, &cast).await;
    let here = path(acc, activity);

    // The roles that may plan activities may change and cancel them.
    for (token, title) in [
        (&cast.foreign_affairs.token, "Quay cảnh chợ phiên"),
        (&cast.admin.token, "Quay cảnh lễ hội"),
    ] {
        let changed = app
            .patch(&here, token, json!({"title": title}))
            .await
            .ok(200);
        assert_eq!(changed["title"], title);
    }

    // Those who see the press side but do not write it: 403, nothing changes.
    let before = audit_len(&app).await;
    for token in [
        &cast.police.token,
        &cast.provincial_office.token,
        &cast.viewer.token,
    ] {
        app.patch(&here, token, json!({"title": "Khác"}))
            .await
            .problem(403);
        cancel(&app, token, acc, activity).await.problem(403);
    }
    // A host unit does not see the press side at all: 404, as if absent.
    app.patch(&here, &cast.host.token, json!({"title": "Khác"}))
        .await
        .problem(404);
    cancel(&app, &cast.host.token, acc, activity)
        .await
        .problem(404);
    assert_eq!(audit_len(&app).await, before);
    assert_eq!(
        listed(&app, &cast.viewer.token, acc, activity).await["title"],
        "Quay cảnh lễ hội"
    );

    // An activity that is not there, or is another accreditation's: 404.
    let fa = &cast.foreign_affairs.token;
    app.patch(&path(acc, activity + 1000), fa, json!({"title": "X"}))
        .await
        .problem(404);
    let (other, _) = planned(&app, &cast).await;
    app.patch(&path(other, activity), fa, json!({"title": "X"}))
        .await
        .problem(404);
    cancel(&app, fa, other, activity).await.problem(404);

    let cancelled = cancel(&app, fa, acc, activity).await.ok(200);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(
        listed(&app, &cast.police.token, acc, activity).await["status"],
        "cancelled"
    );
}

async fn a_change_keeps_the_activity_within_the_dates_and_places(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = &cast.foreign_affairs.token;
    let (acc, activity) = planned(&app, &cast).await;
    let here = path(acc, activity);
    let before = audit_len(&app).await;

    // The day after the accreditation ends (days 8–12), and the day before it.
    invalid(
        &app.patch(&here, fa, json!({"ends_at": format!("{}T10:00", day(13))}))
            .await,
        "ends_at",
    );
    invalid(
        &app.patch(
            &here,
            fa,
            json!({"starts_at": format!("{}T08:00", day(7)), "ends_at": format!("{}T10:00", day(7))}),
        )
        .await,
        "starts_at",
    );
    // Running past midnight of its last day, in the activity's zone.
    invalid(
        &app.patch(
            &here,
            fa,
            json!({"starts_at": format!("{}T23:00", day(12)), "ends_at": format!("{}T01:00", day(13))}),
        )
        .await,
        "ends_at",
    );
    // A place the accreditation does not permit.
    let reply = app
        .patch(&here, fa, json!({"place": {"name": "Hồ Hòa Bình"}}))
        .await;
    invalid(&reply, "place.name");
    assert!(reply.text().contains(PLACES[0]), "{}", reply.text());
    // Ends before it starts, a blank title.
    invalid(
        &app.patch(&here, fa, json!({"ends_at": format!("{}T07:00", day(9))}))
            .await,
        "ends_at",
    );
    invalid(&app.patch(&here, fa, json!({"title": "  "})).await, "title");

    assert_eq!(audit_len(&app).await, before, "nothing changed");
    let unchanged = listed(&app, fa, acc, activity).await;
    assert_eq!(unchanged["version"], 1);
    assert_eq!(unchanged["place"]["name"], PLACES[0]);

    // The permitted places ignore case and diacritics, as when planning.
    let moved = app
        .patch(
            &here,
            fa,
            json!({"place": {"name": "nha may thuy dien hoa binh"}, "starts_at": format!("{}T13:30", day(12)), "ends_at": format!("{}T16:00", day(12))}),
        )
        .await
        .ok(200);
    assert_eq!(moved["starts_at"], format!("{}T13:30:00+07:00", day(12)));
    assert_eq!(moved["version"], 2);
}

async fn activities_change_only_while_open(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = &cast.foreign_affairs.token;
    let (acc, activity) = planned(&app, &cast).await;
    let second = schedule::activity(&app, &cast, acc, on(10, "08:00", "09:00")).await;

    // A cancelled activity stays as it was cancelled: neither changed nor
    // cancelled again.
    cancel(&app, fa, acc, activity).await.ok(200);
    let before = audit_len(&app).await;
    let problem = app
        .patch(&path(acc, activity), fa, json!({"title": "Lại"}))
        .await
        .problem(409);
    assert!(
        problem["detail"].as_str().unwrap().contains("cancelled"),
        "{problem}"
    );
    cancel(&app, fa, acc, activity).await.problem(409);
    assert_eq!(audit_len(&app).await, before);

    // Once the accreditation is completed, its activities are closed: 409
    // naming its state; the police still get 403 first.
    act_on(&app, fa, &accreditation_path(acc), "complete")
        .await
        .ok(200);
    let problem = app
        .patch(&path(acc, second), fa, json!({"title": "Muộn"}))
        .await
        .problem(409);
    assert!(
        problem["detail"].as_str().unwrap().contains("completed"),
        "{problem}"
    );
    cancel(&app, fa, acc, second).await.problem(409);
    cancel(&app, &cast.police.token, acc, second)
        .await
        .problem(403);
    assert_eq!(listed(&app, fa, acc, second).await["status"], "planned");

    // An unknown action is bad input, not a state.
    app.post(
        &format!("{}/transitions", path(acc, second)),
        fa,
        transition("approve"),
    )
    .await
    .problem(422);
    // A rejected accreditation's activities too.
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let activity = schedule::activity(
        &app,
        &cast,
        acc,
        activity_body("2026-12-02T09:00", "2026-12-02T10:00", PLACES[1]),
    )
    .await;
    act_on(&app, fa, &accreditation_path(acc), "reject")
        .await
        .ok(200);
    app.patch(&path(acc, activity), fa, json!({"title": "Muộn"}))
        .await
        .problem(409);
}

async fn a_stale_version_is_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = &cast.foreign_affairs.token;
    let (acc, activity) = planned(&app, &cast).await;
    let here = path(acc, activity);

    let first = app.patch(&here, fa, json!({"title": "Một"})).await;
    let etag = first.header("etag").expect("an ETag");
    assert_eq!(etag, "\"2\"");
    first.ok(200);

    // Someone who read version 1 changes it: 412, and nothing changes.
    let before = audit_len(&app).await;
    with_if_match(
        &app,
        Method::PATCH,
        &here,
        fa,
        "\"1\"",
        json!({"title": "Hai"}),
    )
    .await
    .problem(412);
    with_if_match(
        &app,
        Method::POST,
        &format!("{here}/transitions"),
        fa,
        "\"1\"",
        json!({"action": "cancel"}),
    )
    .await
    .problem(412);
    assert_eq!(audit_len(&app).await, before);
    assert_eq!(listed(&app, fa, acc, activity).await["title"], "Một");

    // With the version last read, both go through.
    let changed = with_if_match(
        &app,
        Method::PATCH,
        &here,
        fa,
        &etag,
        json!({"title": "Hai"}),
    )
    .await
    .ok(200);
    assert_eq!(changed["version"], 3);
    let cancelled = with_if_match(
        &app,
        Method::POST,
        &format!("{here}/transitions"),
        fa,
        "\"3\"",
        json!({"action": "cancel"}),
    )
    .await;
    assert_eq!(cancelled.header("etag").as_deref(), Some("\"4\""));
    assert_eq!(cancelled.ok(200)["status"], "cancelled");
}

async fn a_change_and_a_cancel_are_audited_with_what_changed(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = &cast.foreign_affairs.token;
    let (acc, activity) = planned(&app, &cast).await;
    let version = app.get(&accreditation_path(acc), fa).await.ok(200)["version"]
        .as_i64()
        .unwrap();

    app.patch(
        &path(acc, activity),
        fa,
        json!({"title": "Phỏng vấn nghệ nhân", "starts_at": format!("{}T08:30", day(9))}),
    )
    .await
    .ok(200);
    // The same values again change nothing and write nothing.
    let before = audit_len(&app).await;
    app.patch(
        &path(acc, activity),
        fa,
        json!({"title": "Phỏng vấn nghệ nhân"}),
    )
    .await
    .ok(200);
    assert_eq!(audit_len(&app).await, before);
    cancel(&app, fa, acc, activity).await.ok(200);

    let entries: Vec<_> = app
        .audit_entries()
        .await
        .into_iter()
        .filter(|e| e.record_kind == RecordKind::Accreditation && e.record_id == acc)
        .collect();
    let update = entries
        .iter()
        .find(|e| e.action == "update_activity")
        .expect("the change's entry");
    assert_eq!(
        update.actor_id,
        Some(visitdesk::domain::ids::UserId(cast.foreign_affairs.id))
    );
    assert_eq!(update.changes["activity_id"], activity);
    assert_eq!(
        update.changes["title"]["from"],
        "Quay phóng sự về nghề dệt thổ cẩm"
    );
    assert_eq!(update.changes["title"]["to"], "Phỏng vấn nghệ nhân");
    assert!(update.changes["starts_at"]["from"].is_string());
    assert!(
        update.changes.get("ends_at").is_none(),
        "{}",
        update.changes
    );
    let cancelled = entries
        .iter()
        .find(|e| e.action == "cancel_activity")
        .expect("the cancellation's entry");
    assert_eq!(cancelled.changes["status"]["from"], "planned");
    assert_eq!(cancelled.changes["status"]["to"], "cancelled");
    assert_eq!(cancelled.note.as_deref(), Some("Phóng viên đổi lịch bay"));

    // Each is a change of the accreditation: a new version, and (it was
    // approved and reviewed) the police's review needs another look.
    let a = app.get(&accreditation_path(acc), fa).await.ok(200);
    assert_eq!(a["version"], version + 2);
    assert_eq!(a["security_review"]["needs_another_look"], true, "{a}");

    // The accreditation's history (the audit trail by record) shows both.
    let trail = app
        .get(
            &format!("/api/v1/audit?record_kind=accreditation&record_id={acc}"),
            &cast.police.token,
        )
        .await
        .ok(200);
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"update_activity"), "{actions:?}");
    assert!(actions.contains(&"cancel_activity"), "{actions:?}");
}

/// The schedule's entry of `activity` between days `from` and `to`, if listed.
async fn in_schedule(
    app: &TestApp,
    token: &str,
    from: i64,
    to: i64,
    activity: i64,
) -> Option<Value> {
    let week = app
        .get(
            &format!("/api/v1/schedule?from={}&to={}", day(from), day(to)),
            token,
        )
        .await
        .ok(200);
    week["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "press_activity" && e["id"] == activity)
        .cloned()
}

async fn the_schedule_and_a_feed_follow_a_change_and_a_cancel(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = &cast.foreign_affairs.token;
    let police = &cast.police.token;
    let (acc, activity) = planned(&app, &cast).await;
    let feed = feed_of(&app, police).await;
    let before = read_feed(&app, &feed).await;
    let event = before
        .event("press_activity", activity)
        .expect("the activity in the feed")
        .clone();
    assert_eq!(event.status, "CONFIRMED");

    // Moved to run from day 9, 08:00 to day 11, 14:00 (a long shoot): a
    // week that begins on day 11 holds it, though it began two days
    // before — the feeds' and schedule's bound on how long entries last
    // grew with it.
    let longer = json!({
        "ends_at": format!("{}T14:00", day(11)),
        "title": "Quay phim tài liệu ba ngày",
    });
    app.patch(&path(acc, activity), fa, longer).await.ok(200);
    let entry = in_schedule(&app, police, 11, 17, activity)
        .await
        .expect("the long activity in the week it reaches");
    assert_eq!(entry["title"], "Quay phim tài liệu ba ngày");
    assert_eq!(entry["ends_at"], format!("{}T14:00:00+07:00", day(11)));
    assert_eq!(entry["status"], "planned");
    let after = read_feed(&app, &feed).await;
    let changed = after.event("press_activity", activity).unwrap();
    assert!(changed.sequence > event.sequence, "SEQUENCE grows");
    assert_eq!(changed.summary, "Quay phim tài liệu ba ngày");
    assert_ne!(after.etag, before.etag);
    assert!(after.last_modified >= before.last_modified);

    // Cancelled: still in the week and in the feed, marked.
    cancel(&app, fa, acc, activity).await.ok(200);
    let entry = in_schedule(&app, police, 8, 14, activity)
        .await
        .expect("the cancelled activity stays in the week");
    assert_eq!(entry["status"], "cancelled");
    let last = read_feed(&app, &feed).await;
    let gone = last
        .event("press_activity", activity)
        .expect("the cancelled activity stays in the feed");
    assert_eq!(gone.status, "CANCELLED");
    assert!(gone.sequence > changed.sequence);
    assert!(last.last_modified >= after.last_modified);
}
