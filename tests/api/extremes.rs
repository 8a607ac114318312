//! Issue 12's extreme values: every instant and date a client sends lies in
//! 1990–2100 or gets a 422 naming the field; no window arithmetic on a
//! client's value can panic into a 500.

use serde_json::Value;

use crate::fixtures::Cast;
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{CONFERENCES, INTERVIEWS, conference_at, interview_body, reporter};

on_both_engines!(
    ends_far_in_the_future_are_refused_like_starts,
    schedule_windows_at_the_ends_of_time_are_refused,
);

/// The field a 422 names first, and its message.
fn first_error(problem: &Value) -> (String, String) {
    let e = &problem["errors"][0];
    (
        e["field"].as_str().unwrap_or_default().to_owned(),
        e["message"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn ends_far_in_the_future_are_refused_like_starts(app: TestApp) {
    let cast = Cast::new(&app).await;
    let office = &cast.provincial_office.token;
    let domestic = reporter(&app, &cast.foreign_affairs.token, "VN").await;

    // An interview ending on the last day chrono knows, or in 9999.
    for ends in [
        "9999-12-31T10:00",
        "+262141-12-31T10:00",
        "2101-01-01T00:00",
    ] {
        let mut body = interview_body(&[domestic], None);
        body["ends_at"] = ends.into();
        let problem = app.post(INTERVIEWS, office, body).await.problem(422);
        let (field, message) = first_error(&problem);
        assert_eq!(field, "ends_at", "{ends}: {problem}");
        assert!(message.contains("1990 and 2100"), "{ends}: {message}");
    }
    // A conference ending in a year chrono can barely hold.
    let body = conference_at("2026-12-02T14:00", "+262141-12-31T15:30");
    let problem = app.post(CONFERENCES, office, body).await.problem(422);
    assert_eq!(first_error(&problem).0, "ends_at", "{problem}");

    // Nothing was stored, and the schedule and the feeds still answer.
    let listed = app.get(INTERVIEWS, office).await.ok(200);
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
    let police = &cast.police.token;
    app.get("/api/v1/schedule?from=2026-12-01", police)
        .await
        .ok(200);

    // The last moment of 2100, written in the province's time, is in.
    let mut body = interview_body(&[domestic], None);
    body["starts_at"] = "2100-12-31T22:00".into();
    body["ends_at"] = "2100-12-31T23:59".into();
    app.post(INTERVIEWS, office, body).await.ok(201);
}

async fn schedule_windows_at_the_ends_of_time_are_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    let police = &cast.police.token;
    for (query, field) in [
        ("from=%2B262142-12-31", "from"),
        ("from=-262143-01-02", "from"),
        ("from=9999-12-25", "from"),
        ("from=2026-12-01&to=%2B262142-12-31", "to"),
        ("from=1989-12-31T23:59:59Z", "from"),
    ] {
        let reply = app.get(&format!("/api/v1/schedule?{query}"), police).await;
        let problem = reply.problem(422);
        assert_eq!(first_error(&problem).0, field, "{query}: {problem}");
    }
    app.get("/api/v1/schedule?from=2100-12-25", police)
        .await
        .ok(200);
}
