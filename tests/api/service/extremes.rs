//! Issue 12's extreme values: every instant and date a client sends lies in
//! 1990–2100 or gets a 422 naming the field; no window arithmetic on a
//! client's value can panic into a 500; no NUL character reaches a
//! database that cannot store it.

use serde_json::Value;

use crate::fixtures::{Cast, delegation_body, path};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    ACCREDITATIONS, CONFERENCES, INTERVIEWS, REPORTERS, accreditation_body, conference_at,
    create_accreditation, interview_body, reporter,
};

on_both_engines!(
    ends_far_in_the_future_are_refused_like_starts,
    schedule_windows_at_the_ends_of_time_are_refused,
    nul_characters_get_the_same_422_on_both_engines,
    years_far_before_the_records_get_422,
    crafted_calendar_files_are_refused_by_their_bounds,
    a_caller_who_may_not_import_is_answered_before_the_file_is_read,
    a_feeds_etag_moves_when_a_parent_of_its_entries_changes,
    clashes_at_one_venue_grow_the_schedule_linearly,
    feeds_answer_head_as_get_without_a_body,
    the_public_feed_says_what_is_announced_not_who_attends,
    a_span_stored_before_the_bound_leaves_the_schedule_answering,
);

/// A fresh incoming draft of the cast's host unit, registered by Sở Ngoại vụ.
async fn new_delegation(app: &TestApp, cast: &Cast) -> i64 {
    let body = delegation_body("incoming", cast.host_unit);
    crate::fixtures::create(app, &cast.foreign_affairs.token, body).await["id"]
        .as_i64()
        .unwrap()
}

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
        ("from=-5000-01-01", "from"),
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

/// Issue 12, defect 5: PostgreSQL cannot store U+0000 and answered 500 (and
/// logged an ERROR) where SQLite stored it. Both now refuse it alike.
async fn nul_characters_get_the_same_422_on_both_engines(app: TestApp) {
    // Without a token, on the login.
    let login = app
        .send(
            awc::http::Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({"username": "ad\u{0}min", "password": "x"})),
        )
        .await
        .problem(422);
    assert_eq!(first_error(&login).0, "username", "{login}");

    let cast = Cast::new(&app).await;
    let clerk = &cast.foreign_affairs.token;
    let mut body = delegation_body("incoming", cast.host_unit);
    body["countries"] = serde_json::json!(["JP"]);
    body["head_of_delegation"] = "Tanaka\u{0}Hiroshi".into();
    let problem = app
        .post("/api/v1/delegations", clerk, body)
        .await
        .problem(422);
    let (field, message) = first_error(&problem);
    assert_eq!(field, "head_of_delegation", "{problem}");
    assert!(message.contains("NUL"), "{message}");

    // In a list of strings, and in a search.
    let mut body = delegation_body("incoming", cast.host_unit);
    body["countries"] = serde_json::json!(["JP", "K\u{0}"]);
    let problem = app
        .post("/api/v1/delegations", clerk, body)
        .await
        .problem(422);
    assert_eq!(first_error(&problem).0, "countries[1]", "{problem}");
    let problem = app
        .get("/api/v1/delegations?q=Shizu%00oka", clerk)
        .await
        .problem(422);
    assert_eq!(first_error(&problem).0, "q", "{problem}");
    let problem = app.get("/api/v1/reporters?q=%00", clerk).await.problem(422);
    assert_eq!(first_error(&problem).0, "q", "{problem}");

    // In an .ics import.
    let id = new_delegation(&app, &cast).await;
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n\
               UID:nul-1\r\nDTSTART:20250310T020000Z\r\nDTEND:20250310T030000Z\r\n\
               SUMMARY:Th\u{0}am\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let problem = import(&app, clerk, id, ics.to_owned()).await.problem(422);
    assert_eq!(first_error(&problem).0, "body", "{problem}");

    // Nothing of it was stored.
    let listed = app.get("/api/v1/delegations", clerk).await.ok(200);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

/// Issue 12, defect 5: a year like −5000 answered 500 on PostgreSQL.
async fn years_far_before_the_records_get_422(app: TestApp) {
    let cast = Cast::new(&app).await;
    let clerk = &cast.foreign_affairs.token;
    for (field, value) in [("start_date", "-5000-01-01"), ("end_date", "+5000-01-01")] {
        let mut body = delegation_body("incoming", cast.host_unit);
        body[field] = value.into();
        let problem = app
            .post("/api/v1/delegations", clerk, body)
            .await
            .problem(422);
        assert_eq!(first_error(&problem).0, field, "{value}: {problem}");
    }
    // On a record's change, and on each kind of record with dates.
    let foreign = reporter(&app, clerk, "JP").await;
    let acc = create_accreditation(&app, clerk, accreditation_body(&[foreign])).await;
    let acc_path = format!("{ACCREDITATIONS}/{}", acc["id"]);
    for field in ["start_date", "end_date", "referral_date"] {
        let reply = app
            .patch(
                &acc_path,
                clerk,
                serde_json::json!({ field: "-5000-01-01" }),
            )
            .await;
        let problem = reply.problem(422);
        assert_eq!(first_error(&problem).0, field, "{problem}");
    }
    let id = new_delegation(&app, &cast).await;
    let members = format!("{}/members", path(id));
    let mut member = crate::fixtures::member_body("Tanaka Hiroshi");
    member["date_of_birth"] = "-5000-01-01".into();
    let problem = app.post(&members, clerk, member).await.problem(422);
    assert_eq!(first_error(&problem).0, "date_of_birth", "{problem}");
    // Travel documents' dates, on a member and a reporter, new or changed:
    // a passport "ending" in 9999 would hide every warning for good.
    let added = app
        .post(
            &members,
            clerk,
            crate::fixtures::member_body("Suzuki Ichiro"),
        )
        .await
        .ok(201);
    let member_path = format!("{members}/{}", added["id"]);
    let reporter_path = format!("{REPORTERS}/{foreign}");
    for field in ["passport_expiry", "visa_end"] {
        let mut member = crate::fixtures::member_body("Sato Kenji");
        member[field] = "9999-12-31".into();
        let problem = app.post(&members, clerk, member).await.problem(422);
        assert_eq!(first_error(&problem).0, field, "{problem}");
        let body = serde_json::json!({ field: "1900-01-01" });
        let problem = app.patch(&member_path, clerk, body).await.problem(422);
        assert_eq!(first_error(&problem).0, field, "{problem}");
    }
    for field in ["passport_expiry", "visa_end", "press_card_end"] {
        let mut body = crate::press_fixtures::reporter_body("KR");
        body[field] = "9999-12-31".into();
        let problem = app.post(REPORTERS, clerk, body).await.problem(422);
        assert_eq!(first_error(&problem).0, field, "{problem}");
        let body = serde_json::json!({ field: "9999-12-31" });
        let problem = app.patch(&reporter_path, clerk, body).await.problem(422);
        assert_eq!(first_error(&problem).0, field, "{problem}");
    }
    // A foreign body's registration of its press conference.
    let mut body = conference_at("2026-12-21T09:00", "2026-12-21T10:00");
    body["organizer"] = "foreign_body".into();
    body["organizer_name"] = "Đại sứ quán Nhật Bản".into();
    body["registration_date"] = "+5000-01-01".into();
    let office = &cast.provincial_office.token;
    let problem = app.post(CONFERENCES, office, body).await.problem(422);
    assert_eq!(first_error(&problem).0, "registration_date", "{problem}");
    for query in [
        "/api/v1/delegations?from=-5000-01-01",
        "/api/v1/delegations?to=-5000-01-01",
        "/api/v1/accreditations?from=-5000-01-01",
        "/api/v1/audit?from=-5000-01-01",
    ] {
        let reply = app.get(query, &app.admin_token).await;
        assert_eq!(reply.status.as_u16(), 422, "{query}: {}", reply.text());
    }
}

/// Posts `ics` as the itinerary of delegation `id`.
async fn import(app: &TestApp, token: &str, id: i64, ics: String) -> crate::helpers::Reply {
    app.finish(
        app.request(
            awc::http::Method::POST,
            &format!("{}/itinerary/import", path(id)),
        )
        .bearer_auth(token)
        .content_type("text/calendar")
        .send_body(ics),
    )
    .await
}

/// A calendar of one event whose DTSTART line is `dtstart`, and `more`
/// lines after it.
fn calendar_with(dtstart: &str, more: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x-1\r\n\
         {dtstart}\r\nDTEND:20250310T030000Z\r\nSUMMARY:Thăm\r\nEND:VEVENT\r\n{more}END:VCALENDAR\r\n"
    )
}

/// The files of issue 12, defect 1 (there 400,000 slashes and 200,000
/// parameters; here each just past its own bound and within the others),
/// and a line and a count of events past theirs.
fn crafted() -> Vec<(&'static str, String)> {
    let many_events = "BEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\n".repeat(2_001);
    vec![
        (
            "TZID",
            calendar_with(
                &format!("DTSTART;TZID={}:20250310T090000", "/".repeat(20_000)),
                "",
            ),
        ),
        (
            "parameters",
            calendar_with(
                &format!("DTSTART{}:20250310T020000Z", ";A=1".repeat(5_000)),
                "",
            ),
        ),
        (
            "characters",
            calendar_with(
                "DTSTART:20250310T020000Z",
                &format!("X-NOTE:{}\r\n", "x".repeat(40_000)),
            ),
        ),
        (
            "events",
            calendar_with("DTSTART:20250310T020000Z", &many_events),
        ),
    ]
}

/// Issue 12, defect 1: a viewer stalled the server with one .ics file (a
/// TZID of 400,000 slashes took 22 s on the async worker). Each crafted
/// file is now a 422 naming the bound it passes; twenty at once leave
/// `/healthz` answering (the slowest answer is reported, not asserted).
async fn crafted_calendar_files_are_refused_by_their_bounds(app: TestApp) {
    let cast = Cast::new(&app).await;
    let clerk = &cast.foreign_affairs.token;
    let id = new_delegation(&app, &cast).await;
    for (bound, ics) in crafted() {
        let problem = import(&app, clerk, id, ics).await.problem(422);
        let (field, message) = first_error(&problem);
        assert_eq!(field, "body", "{problem}");
        assert!(message.contains(bound), "{bound}: {message}");
    }

    let files: Vec<String> = crafted()
        .into_iter()
        .map(|(_, ics)| ics)
        .cycle()
        .take(20)
        .collect();
    let imports =
        futures_util::future::join_all(files.into_iter().map(|ics| import(&app, clerk, id, ics)));
    let probe = async {
        let mut slowest = std::time::Duration::ZERO;
        for _ in 0..20 {
            let started = std::time::Instant::now();
            app.send(awc::http::Method::GET, "/healthz", None, None)
                .await
                .ok(200);
            slowest = slowest.max(started.elapsed());
            actix_web::rt::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        slowest
    };
    let (answers, slowest) = futures_util::future::join(imports, probe).await;
    assert!(answers.iter().all(|a| a.status.as_u16() == 422));
    crate::helpers::report_figure(
        &format!("crafted_imports_{:?}", app.engine).to_lowercase(),
        &format!(
            "20 crafted .ics imports at once: slowest /healthz {} ms",
            slowest.as_millis()
        ),
    );
    // Nothing of them was stored.
    let items = app
        .get(&format!("{}/itinerary", path(id)), clerk)
        .await
        .ok(200);
    assert_eq!(items["items"].as_array().unwrap().len(), 0);
}

/// Issue 12, defect 1: the file was read before the caller and the record
/// were checked. A viewer, or a missing delegation, is answered first.
async fn a_caller_who_may_not_import_is_answered_before_the_file_is_read(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = new_delegation(&app, &cast).await;
    let not_a_calendar = "hello".to_owned();
    import(&app, &cast.viewer.token, id, not_a_calendar.clone())
        .await
        .problem(403);
    import(
        &app,
        &cast.foreign_affairs.token,
        id + 1000,
        not_a_calendar.clone(),
    )
    .await
    .problem(404);
    // One who may import hears what is wrong with the file.
    import(&app, &cast.foreign_affairs.token, id, not_a_calendar)
        .await
        .problem(400);
}

/// Issue 12, defect 9: a client sending its login body one byte every few
/// seconds held the connection for minutes. The whole body must arrive
/// within the configured time (2 s here, 30 by default), or 408.
#[actix_web::test]
async fn a_body_sent_too_slowly_is_answered_408() {
    let app = TestApp::spawn_with(crate::helpers::Engine::Sqlite, |c| {
        c.body_timeout = std::time::Duration::from_secs(2)
    })
    .await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let (answer, took) = actix_web::rt::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let started = std::time::Instant::now();
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream
            .write_all(
                b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n\
                  Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
            )
            .unwrap();
        // A byte every half second, never the hundred promised.
        stream
            .set_read_timeout(Some(std::time::Duration::from_millis(500)))
            .unwrap();
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        while started.elapsed() < std::time::Duration::from_secs(20) {
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
                Err(_) => {
                    if !answer.is_empty() || stream.write_all(b" ").is_err() {
                        break;
                    }
                }
            }
        }
        (
            String::from_utf8_lossy(&answer).into_owned(),
            started.elapsed(),
        )
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{took:?}: {answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(answer.contains("within 2 seconds"), "{answer}");
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
}

/// Issue 12, defect 6: a feed of itinerary items kept its ETag when their
/// delegation changed (a member added, the visit cancelled), so calendar
/// clients (which always send `If-None-Match`) got 304 and never saw it.
async fn a_feeds_etag_moves_when_a_parent_of_its_entries_changes(app: TestApp) {
    use crate::feed_checks::{check, feed_path, fetch, read_feed, subscribe};
    let cast = Cast::new(&app).await;
    let clerk = &cast.foreign_affairs.token;
    let d0 = crate::schedule_fixtures::day(20);
    let id = crate::schedule_fixtures::incoming(&app, &cast, cast.host_unit, d0, d0).await;
    let body = crate::schedule_fixtures::item_at(
        d0,
        ("09:00", "10:00"),
        None,
        "Khu công nghiệp",
        "Lãnh đạo",
    );
    let item = crate::schedule_fixtures::item(&app, &cast, id, body).await;
    crate::fixtures::walk(&app, &cast, id, "submitted").await;
    let police = &cast.police.token;
    let sub = subscribe(
        &app,
        police,
        serde_json::json!({"name": "Lịch theo dõi", "kinds": ["itinerary_item"]}),
    )
    .await;
    let feed = feed_path(&app, &sub);
    let first = read_feed(&app, &feed).await;
    let described = |f: &crate::feed_checks::Feed| {
        f.event("itinerary_item", item)
            .unwrap()
            .value("DESCRIPTION")
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        described(&first).contains("foreigners: 2 (JP\\, KR)"),
        "{}",
        described(&first)
    );

    // A third foreigner: the item's description changes, its version not.
    let member = crate::fixtures::merged(
        crate::fixtures::member_body("Kim Min-jun"),
        serde_json::json!({"nationality": "KR"}),
    );
    crate::fixtures::add_member(&app, clerk, id, member).await;
    let reply = fetch(&app, &feed, &[("If-None-Match", &first.etag)]).await;
    let second = check(&app, &reply);
    assert_ne!(second.etag, first.etag);
    assert!(
        described(&second).contains("foreigners: 3 (JP\\, KR)"),
        "{}",
        described(&second)
    );

    // The visit called off.
    crate::fixtures::act(&app, clerk, id, "cancel")
        .await
        .ok(200);
    let reply = fetch(&app, &feed, &[("If-None-Match", &second.etag)]).await;
    let third = check(&app, &reply);
    assert_eq!(
        third.event("itinerary_item", item).unwrap().status,
        "CANCELLED"
    );
    // And an ETag holds while nothing changes.
    let again = fetch(&app, &feed, &[("If-None-Match", &third.etag)]).await;
    assert_eq!(again.status.as_u16(), 304);
}

/// `n` events at one venue and hour on `day`, as one .ics file.
fn crowded_calendar(day: chrono::NaiveDate, n: usize) -> String {
    let date = day.format("%Y%m%d");
    let events: String = (0..n)
        .map(|i| {
            format!(
                "BEGIN:VEVENT\r\nUID:crowd-{i}\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:{date}T090000\r\n\
                 DTEND;TZID=Asia/Ho_Chi_Minh:{date}T100000\r\nSUMMARY:Gặp gỡ {i}\r\n\
                 LOCATION:Hội trường UBND tỉnh\r\nEND:VEVENT\r\n"
            )
        })
        .collect();
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n")
}

/// Issue 12, defect 2: 2,004 items at one venue and hour listed every pair
/// as a clash (3,998,000 entries, 311 MB). Each entry now lists at most 20
/// and says how many there are: four times the items, about four times the
/// answer, not sixteen.
async fn clashes_at_one_venue_grow_the_schedule_linearly(app: TestApp) {
    let cast = Cast::new(&app).await;
    let clerk = &cast.foreign_affairs.token;
    let mut sizes = Vec::new();
    for (offset, n) in [(20, 500), (22, 2_000)] {
        let day = crate::schedule_fixtures::day(offset);
        let id = crate::schedule_fixtures::incoming(&app, &cast, cast.host_unit, day, day).await;
        let imported = import(&app, clerk, id, crowded_calendar(day, n))
            .await
            .ok(200);
        assert_eq!(imported["imported"], n);
        let reply = app
            .get(&format!("/api/v1/schedule?from={day}&to={day}"), clerk)
            .await;
        let schedule = reply.ok(200);
        let items = schedule["items"].as_array().unwrap();
        let crowd: Vec<_> = items
            .iter()
            .filter(|i| i["kind"] == "itinerary_item")
            .collect();
        assert_eq!(crowd.len(), n);
        for item in &crowd {
            assert_eq!(item["conflicts_total"], n - 1);
            assert_eq!(item["conflicts"].as_array().unwrap().len(), 20);
        }
        sizes.push(reply.body.len());
    }
    let ratio = sizes[1] as f64 / sizes[0] as f64;
    crate::helpers::report_figure(
        &format!("crowded_schedule_{:?}", app.engine).to_lowercase(),
        &format!(
            "500 items at one venue and hour: {} bytes; 2,000: {} bytes (×{ratio:.2})",
            sizes[0], sizes[1]
        ),
    );
    assert!(
        ratio < 5.0,
        "the answer grew ×{ratio:.2} for ×4 the items: {sizes:?}"
    );
}

/// Issue 12, defect 11: `HEAD` on the feeds answered 405; RFC 9110 wants it
/// wherever GET is, with GET's headers and no body (calendar clients and
/// monitors ask it to learn whether a feed changed).
async fn feeds_answer_head_as_get_without_a_body(app: TestApp) {
    let cast = Cast::new(&app).await;
    let sub = crate::feed_checks::subscribe(
        &app,
        &cast.police.token,
        serde_json::json!({"name": "Lịch theo dõi"}),
    )
    .await;
    let private = crate::feed_checks::feed_path(&app, &sub);
    for path in [private.as_str(), crate::feed_checks::PUBLIC_FEED] {
        let get = app.send(awc::http::Method::GET, path, None, None).await;
        let head = app.send(awc::http::Method::HEAD, path, None, None).await;
        assert_eq!(get.status.as_u16(), 200, "{path}");
        assert_eq!(head.status.as_u16(), 200, "{path}: HEAD");
        assert!(head.body.is_empty(), "{path}: HEAD with a body");
        for name in ["etag", "last-modified", "content-type"] {
            assert_eq!(head.header(name), get.header(name), "{path}: {name}");
        }
    }
}

/// Issue 12, defect 11: the public feed (no login) listed the foreign
/// attendees' nationalities. It says what the province announces; the
/// attendees stay in the offices' and the police's feeds.
async fn the_public_feed_says_what_is_announced_not_who_attends(app: TestApp) {
    use crate::press_fixtures::{add_attendee, attendee_body, conference_body, conference_from};
    let cast = Cast::new(&app).await;
    let foreign = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    crate::press_fixtures::accreditation_in(&app, &cast, &[foreign], "approved").await;
    let id = conference_from(&app, &cast, conference_body(), "announced").await;
    add_attendee(
        &app,
        &cast.provincial_office.token,
        id,
        attendee_body("NHK", "Yamada Hanako", Some(foreign)),
    )
    .await
    .ok(201);
    let public = crate::feed_checks::read_feed(&app, crate::feed_checks::PUBLIC_FEED).await;
    let event = public.event("press_conference", id).unwrap();
    let description = event.value("DESCRIPTION").unwrap_or_default();
    assert!(!description.contains("JP"), "{description}");
    assert!(!description.contains("foreigners"), "{description}");
    // The police's own feed still says who comes.
    let police = crate::feed_checks::feed_of(&app, &cast.police.token).await;
    let theirs = crate::feed_checks::read_feed(&app, &police).await;
    let event = theirs.event("press_conference", id).unwrap();
    assert!(
        event
            .value("DESCRIPTION")
            .unwrap_or_default()
            .contains("JP")
    );
}

/// Issue 12, defect 3: one interview "ending" in 9999, stored before ends
/// were checked, raised the longest span of its kind for good, and every
/// schedule and feed then asked PostgreSQL for a timestamp before its range
/// (500). A database that holds such a span keeps answering.
async fn a_span_stored_before_the_bound_leaves_the_schedule_answering(app: TestApp) {
    use diesel::RunQueryDsl;
    let cast = Cast::new(&app).await;
    let domestic = reporter(&app, &cast.foreign_affairs.token, "VN").await;
    let interview = app
        .post(
            INTERVIEWS,
            &cast.provincial_office.token,
            interview_body(&[domestic], None),
        )
        .await
        .ok(201);
    // 9999-12-31 less 2026-12-02, in seconds: what the old code let in.
    app.db
        .write_unaudited(|conn| {
            diesel::sql_query("UPDATE entry_spans SET longest_seconds = 251600000000")
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let schedule = app
        .get("/api/v1/schedule?from=2026-12-01", &cast.police.token)
        .await
        .ok(200);
    let ids: Vec<_> = schedule["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "interview")
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids, vec![interview["id"].clone()]);
    let feed = app
        .send(
            awc::http::Method::GET,
            crate::feed_checks::PUBLIC_FEED,
            None,
            None,
        )
        .await;
    assert_eq!(feed.status.as_u16(), 200, "{}", feed.text());
}
