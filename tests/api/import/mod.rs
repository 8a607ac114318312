//! Importing an itinerary from an .ics file (DESIGN.md, "Calendar feeds",
//! last bullet): what a client sees, on both engines.

use awc::http::Method;
use serde_json::{Value, json};

use crate::fixtures::{self, Cast, path};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;

on_both_engines!(
    a_valid_file_is_imported,
    a_file_sent_as_octet_stream_is_read_as_a_calendar,
    one_invalid_event_means_nothing_is_imported,
    partial_imports_the_valid_events_and_reports_the_others,
    the_same_file_twice_does_not_duplicate_items,
    what_is_not_a_calendar_is_refused,
    who_may_import_is_who_may_add_items,
    an_approved_itinerary_imported_needs_another_look,
);

/// Folds a content line at 75 octets (never inside a character), as
/// Google Calendar does.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

/// A calendar of `events`, with CRLF line ends and long lines folded.
fn calendar(events: &[String]) -> String {
    let text = format!(
        "BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Chương trình đoàn Shizuoka
X-WR-TIMEZONE:Asia/Ho_Chi_Minh
BEGIN:VTIMEZONE
TZID:Asia/Ho_Chi_Minh
X-LIC-LOCATION:Asia/Ho_Chi_Minh
BEGIN:STANDARD
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
TZNAME:GMT+7
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE
{}END:VCALENDAR
",
        events.concat()
    );
    text.lines().map(|l| fold(l) + "\r\n").collect()
}

fn event(uid: &str, times: &str, summary: &str, location: Option<&str>) -> String {
    let location = location
        .map(|l| format!("LOCATION:{l}\n"))
        .unwrap_or_default();
    format!(
        "BEGIN:VEVENT
UID:{uid}
DTSTAMP:20250301T081523Z
{times}
SUMMARY:{summary}
{location}DESCRIPTION:Phó Chủ tịch UBND tỉnh\\, Giám đốc Sở Công Thương\\; phiên dịch tiếng Nhật do Sở Ngoại vụ bố trí
STATUS:CONFIRMED
END:VEVENT
"
    )
}

/// Three valid events inside the fixtures' dates (10–12 March 2025): UTC
/// times, a TZID, an all-day event.
fn three_events() -> Vec<String> {
    vec![
        event(
            "meeting@google.com",
            "DTSTART:20250310T020000Z\nDTEND:20250310T040000Z\nCATEGORIES:meeting",
            "Làm việc với lãnh đạo tỉnh",
            Some("Trụ sở UBND tỉnh\\, Số 1 đường Trần Hưng Đạo\\, TP. Hòa Bình\\, Việt Nam"),
        ),
        event(
            "visit@google.com",
            "DTSTART;TZID=Asia/Ho_Chi_Minh:20250311T140000\nDTEND;TZID=Asia/Ho_Chi_Minh:20250311T163000",
            "Khảo sát khu công nghiệp Lương Sơn",
            Some("Khu công nghiệp Lương Sơn"),
        ),
        event(
            "halong@google.com",
            "DTSTART;VALUE=DATE:20250312\nDTEND;VALUE=DATE:20250313",
            "Tham quan vịnh Hạ Long",
            Some("Vịnh Hạ Long"),
        ),
    ]
}

fn import_path(id: i64, partial: bool) -> String {
    format!("{}/itinerary/import?partial={partial}", path(id))
}

async fn import(app: &TestApp, token: &str, id: i64, partial: bool, body: String) -> Reply {
    app.finish(
        app.request(Method::POST, &import_path(id, partial))
            .bearer_auth(token)
            .content_type("text/calendar; charset=utf-8")
            .send_body(body),
    )
    .await
}

async fn itinerary(app: &TestApp, id: i64) -> Vec<Value> {
    let body = app
        .get(&format!("{}/itinerary", path(id)), &app.admin_token)
        .await
        .ok(200);
    fixtures::items(&body).clone()
}

async fn a_valid_file_is_imported(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let entries = app.audit_entries().await.len();

    let body = import(&app, &cast.host.token, id, false, calendar(&three_events()))
        .await
        .ok(200);

    assert_eq!(
        (&body["imported"], &body["updated"], &body["unchanged"]),
        (&json!(3), &json!(0), &json!(0)),
        "{body}"
    );
    assert_eq!(body["rejected"], json!([]));
    let items = body["items"].as_array().unwrap();
    assert_eq!(items[0]["starts_at"], "2025-03-10T09:00:00+07:00");
    assert_eq!(items[0]["ends_at"], "2025-03-10T11:00:00+07:00");
    assert_eq!(items[0]["kind"], "meeting");
    assert_eq!(
        items[0]["place"]["name"],
        "Trụ sở UBND tỉnh, Số 1 đường Trần Hưng Đạo, TP. Hòa Bình, Việt Nam"
    );
    assert_eq!(
        items[0]["participants"],
        "Phó Chủ tịch UBND tỉnh, Giám đốc Sở Công Thương; phiên dịch tiếng Nhật do Sở Ngoại vụ bố trí"
    );
    assert_eq!(items[1]["starts_at"], "2025-03-11T14:00:00+07:00");
    assert_eq!(items[1]["kind"], "other");
    assert_eq!(items[1]["time_zone"], "Asia/Ho_Chi_Minh");
    assert_eq!(items[2]["starts_at"], "2025-03-12T08:00:00+07:00");
    assert_eq!(items[2]["ends_at"], "2025-03-12T17:00:00+07:00");
    let outcomes: Vec<(&str, &str)> = body["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["uid"].as_str().unwrap(), o["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("meeting@google.com", "imported"),
            ("visit@google.com", "imported"),
            ("halong@google.com", "imported")
        ]
    );

    // The fixture's own item, and the three.
    assert_eq!(itinerary(&app, id).await.len(), 4);
    let audit = app.audit_entries().await;
    assert_eq!(audit.len(), entries + 3);
    for entry in &audit[entries..] {
        assert_eq!(entry.action, "add_item");
        assert_eq!(entry.record_id, id);
        assert!(
            entry.note.as_deref().unwrap().contains("iCalendar"),
            "{entry:?}"
        );
    }
}

/// The three valid events with an invalid one (no place, outside the
/// delegation's dates) second.
fn with_an_invalid_event() -> Vec<String> {
    let mut events = three_events();
    events.insert(
        1,
        event(
            "late@google.com",
            "DTSTART:20250314T020000Z\nDTEND:20250314T030000Z",
            "Tiệc chia tay",
            None,
        ),
    );
    events
}

async fn one_invalid_event_means_nothing_is_imported(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let items = itinerary(&app, id).await.len();
    let entries = app.audit_entries().await.len();

    let reply = import(
        &app,
        &cast.host.token,
        id,
        false,
        calendar(&with_an_invalid_event()),
    )
    .await;

    let problem = reply.problem(422);
    let errors = problem["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["events[1].LOCATION", "events[1].DTSTART"],
        "{problem}"
    );
    for e in errors {
        assert!(
            e["message"].as_str().unwrap().contains("late@google.com"),
            "{e}"
        );
    }
    assert!(
        errors[1]["message"]
            .as_str()
            .unwrap()
            .contains("2025-03-10 – 2025-03-12")
    );
    assert_eq!(itinerary(&app, id).await.len(), items);
    assert_eq!(app.audit_entries().await.len(), entries);
}

async fn partial_imports_the_valid_events_and_reports_the_others(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let entries = app.audit_entries().await.len();

    let body = import(
        &app,
        &cast.host.token,
        id,
        true,
        calendar(&with_an_invalid_event()),
    )
    .await
    .ok(200);

    assert_eq!(body["imported"], 3, "{body}");
    let rejected = body["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["uid"], "late@google.com");
    assert_eq!(rejected[0]["index"], 1);
    let fields: Vec<&str> = rejected[0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["LOCATION", "DTSTART"]);
    let indexes: Vec<i64> = body["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["index"].as_i64().unwrap())
        .collect();
    assert_eq!(indexes, [0, 2, 3]);
    assert_eq!(itinerary(&app, id).await.len(), 4);
    assert_eq!(app.audit_entries().await.len(), entries + 3);
}

async fn the_same_file_twice_does_not_duplicate_items(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let first = import(&app, fa, id, false, calendar(&three_events()))
        .await
        .ok(200);
    let entries = app.audit_entries().await.len();

    let again = import(&app, fa, id, false, calendar(&three_events()))
        .await
        .ok(200);

    assert_eq!(
        (&again["imported"], &again["updated"], &again["unchanged"]),
        (&json!(0), &json!(0), &json!(3)),
        "{again}"
    );
    assert_eq!(itinerary(&app, id).await.len(), 4);
    assert_eq!(
        app.audit_entries().await.len(),
        entries,
        "no change, no entry"
    );

    // The partner moves the visit an hour later: the same item changes.
    let mut moved = three_events();
    moved[1] = moved[1].replace("T140000", "T150000");
    let third = import(&app, fa, id, false, calendar(&moved)).await.ok(200);
    assert_eq!(
        (&third["imported"], &third["updated"], &third["unchanged"]),
        (&json!(0), &json!(1), &json!(2)),
        "{third}"
    );
    assert_eq!(third["outcomes"][1]["outcome"], "updated");
    assert_eq!(third["items"][1]["id"], first["items"][1]["id"]);
    assert_eq!(third["items"][1]["starts_at"], "2025-03-11T15:00:00+07:00");
    assert_eq!(third["items"][1]["version"], 2);
    assert_eq!(itinerary(&app, id).await.len(), 4);
    let audit = app.audit_entries().await;
    assert_eq!(audit.len(), entries + 1);
    assert_eq!(audit[entries].action, "update_item");
}

/// Generated clients send a file as `application/octet-stream` (the
/// document declares the body so): the same bytes, the same import.
async fn a_file_sent_as_octet_stream_is_read_as_a_calendar(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let send = |content_type: &'static str| {
        app.finish(
            app.request(Method::POST, &import_path(id, false))
                .bearer_auth(&cast.host.token)
                .content_type(content_type)
                .send_body(calendar(&three_events())),
        )
    };

    let body = send("application/octet-stream").await.ok(200);
    assert_eq!(
        (&body["imported"], &body["updated"], &body["unchanged"]),
        (&json!(3), &json!(0), &json!(0)),
        "{body}"
    );
    assert_eq!(body["items"][1]["starts_at"], "2025-03-11T14:00:00+07:00");
    // The same file as text/calendar: the same events, already there.
    let again = send("text/calendar").await.ok(200);
    assert_eq!(again["unchanged"], 3, "{again}");
    assert_eq!(itinerary(&app, id).await.len(), 4);
}

async fn what_is_not_a_calendar_is_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let entries = app.audit_entries().await.len();

    for content_type in ["application/json", "text/plain"] {
        let reply = app
            .finish(
                app.request(Method::POST, &import_path(id, false))
                    .bearer_auth(fa)
                    .content_type(content_type)
                    .send_body(calendar(&three_events())),
            )
            .await;
        let problem = reply.problem(415);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("text/calendar")
        );
    }
    let no_type = app
        .finish(
            app.request(Method::POST, &import_path(id, false))
                .bearer_auth(fa)
                .send_body(calendar(&three_events())),
        )
        .await;
    no_type.problem(415);

    import(&app, fa, id, false, "hello, world".into())
        .await
        .problem(400);
    let empty = import(&app, fa, id, false, calendar(&[]))
        .await
        .problem(422);
    assert_eq!(empty["errors"][0]["field"], "body");
    let huge = calendar(&[event(
        "big",
        "DTSTART:20250310T020000Z",
        &"x".repeat(1100 * 1024),
        Some("Here"),
    )]);
    import(&app, fa, id, false, huge).await.problem(413);
    let bad_flag = app
        .finish(
            app.request(
                Method::POST,
                &format!("{}/itinerary/import?partial=maybe", path(id)),
            )
            .bearer_auth(fa)
            .content_type("text/calendar")
            .send_body(calendar(&three_events())),
        )
        .await;
    assert_eq!(bad_flag.problem(422)["errors"][0]["field"], "partial");

    assert_eq!(itinerary(&app, id).await.len(), 1);
    assert_eq!(app.audit_entries().await.len(), entries);
}

async fn who_may_import_is_who_may_add_items(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let (_, other_host) = fixtures::host_unit_user(&app, "so-y-te", "Sở Y tế").await;
    let file = || calendar(&three_events());

    import(&app, &other_host.token, id, false, file())
        .await
        .problem(404);
    import(&app, &other_host.token, 999_999, false, file())
        .await
        .problem(404);
    import(&app, &cast.viewer.token, id, false, file())
        .await
        .problem(403);
    import(&app, &cast.police.token, id, false, file())
        .await
        .problem(403);
    assert_eq!(itinerary(&app, id).await.len(), 1);

    // Submitted: the host unit's turn is over.
    fixtures::walk(&app, &cast, id, "submitted").await;
    import(&app, &cast.host.token, id, false, file())
        .await
        .problem(409);
    let body = import(&app, &cast.foreign_affairs.token, id, false, file())
        .await
        .ok(200);
    assert_eq!(body["imported"], 3);
}

async fn an_approved_itinerary_imported_needs_another_look(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::delegation_in(&app, &cast, "incoming", "approved").await;
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": "cleared", "officer": "Đại úy Phạm Văn Hùng"}),
    )
    .await
    .ok(200);
    let reviewed = app.get(&path(id), fa).await.ok(200);
    assert_eq!(reviewed["security_review"]["needs_another_look"], false);

    import(&app, &cast.host.token, id, false, calendar(&three_events()))
        .await
        .problem(409);
    let body = import(&app, fa, id, false, calendar(&three_events()))
        .await
        .ok(200);

    assert_eq!(body["imported"], 3);
    assert_eq!(itinerary(&app, id).await.len(), 4);
    let after = app.get(&path(id), fa).await.ok(200);
    assert_eq!(after["security_review"]["needs_another_look"], true);
    assert_eq!(after["security_review"]["status"], "cleared");
}
