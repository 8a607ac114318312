//! Bad input to delegations, their members, itinerary and lists: each
//! answers a 4xx problem naming the field, never a 5xx, and changes nothing.
//! Also what an approved delegation still lets change, and concurrent creates.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Datelike;
use serde_json::{Value, json};
use visitdesk::domain::time::province_today;

use crate::fixtures::{
    self, Cast, add_item, create, delegation_body, ids, item_body, member_body, merged, path, query,
};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    bad_delegations_are_422_naming_the_field,
    bad_itinerary_items_are_422_naming_the_field,
    items_are_checked_in_their_own_time_zone,
    dates_that_would_leave_an_item_outside_are_refused,
    bad_members_are_422_naming_the_field,
    bad_list_parameters_are_422_naming_the_parameter,
    injection_like_text_is_kept_and_found_literally,
    an_approved_delegation_is_locked_but_its_itinerary_can_change,
    fifty_concurrent_creates_get_fifty_running_references,
);

/// What a failed request must leave as it was.
#[derive(Debug, PartialEq)]
struct Trace {
    delegations: Vec<Value>,
    audit_entries: usize,
}

async fn trace(app: &TestApp) -> Trace {
    Trace {
        delegations: fixtures::all_delegations(app).await,
        audit_entries: app.audit_entries().await.len(),
    }
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn bad_delegations_are_422_naming_the_field(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let good = delegation_body("incoming", cast.host_unit);
    let id = create(&app, fa, good.clone()).await["id"].as_i64().unwrap();
    let cases = [
        (
            json!({"start_date": "2025-03-12", "end_date": "2025-03-10"}),
            "end_date",
        ),
        (json!({"countries": ["XX"]}), "countries"),
        (json!({"countries": ["JP", "Nhật Bản"]}), "countries"),
        (json!({"countries": []}), "countries"),
        (json!({"title": "Đ".repeat(10_000)}), "title"),
        (json!({"title": "   "}), "title"),
        (json!({"head_of_delegation": ""}), "head_of_delegation"),
        (json!({"direction": "sideways"}), "direction"),
        (json!({"start_date": "2025-02-30"}), "start_date"),
        (json!({"end_date": "3025-01-01"}), "end_date"),
        (json!({"host_unit_id": "Sở Công Thương"}), "host_unit_id"),
    ];
    let before = trace(&app).await;

    for (change, field) in cases {
        let body = merged(good.clone(), change.clone());
        let problem = app.post("/api/v1/delegations", fa, body).await.problem(422);
        assert!(
            fields(&problem).contains(&field.to_owned()),
            "POST {change}: {problem}"
        );
        if field != "direction" {
            let problem = app.patch(&path(id), fa, change.clone()).await.problem(422);
            assert!(
                fields(&problem).contains(&field.to_owned()),
                "PATCH {change}: {problem}"
            );
        }
    }
    // A PATCH that moves only one end past the other.
    let problem = app
        .patch(&path(id), fa, json!({"end_date": "2025-03-01"}))
        .await
        .problem(422);
    assert_eq!(fields(&problem), ["end_date"]);

    assert_eq!(trace(&app).await, before);
}

async fn bad_itinerary_items_are_422_naming_the_field(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    // 10–12 March 2025, one item on the 10th.
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let items_path = format!("{}/itinerary", path(id));
    let item = &app.get(&items_path, fa).await.ok(200)["items"][0];
    let item_path = format!("{items_path}/{}", item["id"]);
    let good = item_body("2025-03-11T09:00", "2025-03-11T10:00");
    let cases = [
        (json!({"time_zone": "Mars/Olympus"}), "time_zone"),
        (
            json!({"starts_at": "2025-03-09T09:00", "ends_at": "2025-03-09T10:00"}),
            "starts_at",
        ),
        (
            json!({"starts_at": "2025-03-13T09:00", "ends_at": "2025-03-13T10:00"}),
            "starts_at",
        ),
        (
            json!({"starts_at": "2025-03-12T22:00", "ends_at": "2025-03-13T01:00"}),
            "ends_at",
        ),
        (
            json!({"starts_at": "2025-03-11T10:00", "ends_at": "2025-03-11T09:00"}),
            "ends_at",
        ),
        (
            json!({"starts_at": "2025-03-11T10:00", "ends_at": "2025-03-11T10:00"}),
            "ends_at",
        ),
        (json!({"starts_at": "ngày mai"}), "starts_at"),
        (json!({"kind": "party"}), "kind"),
        (json!({"title": ""}), "title"),
        (json!({"place": {"name": ""}}), "place.name"),
    ];
    let before = trace(&app).await;
    let items_before = app.get(&items_path, fa).await.ok(200);

    for (change, field) in cases {
        let problem = app
            .post(&items_path, fa, merged(good.clone(), change.clone()))
            .await
            .problem(422);
        assert!(
            fields(&problem).contains(&field.to_owned()),
            "POST {change}: {problem}"
        );
        let problem = app.patch(&item_path, fa, change.clone()).await.problem(422);
        assert!(
            fields(&problem).contains(&field.to_owned()),
            "PATCH {change}: {problem}"
        );
    }

    assert_eq!(app.get(&items_path, fa).await.ok(200), items_before);
    assert_eq!(trace(&app).await, before);
}

async fn items_are_checked_in_their_own_time_zone(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    // A delegation to Germany, 10–12 March 2025.
    let body = merged(
        delegation_body("outgoing", cast.host_unit),
        json!({"countries": ["DE"]}),
    );
    let id = create(&app, fa, body).await["id"].as_i64().unwrap();
    let items_path = format!("{}/itinerary", path(id));
    // 20:00–22:00 on the 12th in Berlin is already the 13th in Hà Nội.
    let in_berlin = merged(
        item_body("2025-03-12T20:00", "2025-03-12T22:00"),
        json!({"time_zone": "Europe/Berlin", "title": "Gặp gỡ cộng đồng người Việt tại Berlin"}),
    );
    let same_instant_in_hanoi = merged(
        item_body("2025-03-13T02:00", "2025-03-13T04:00"),
        json!({"time_zone": "Asia/Ho_Chi_Minh"}),
    );

    let item = add_item(&app, fa, id, in_berlin).await;
    let problem = app
        .post(&items_path, fa, same_instant_in_hanoi)
        .await
        .problem(422);

    assert_eq!(item["time_zone"], "Europe/Berlin");
    assert_eq!(item["starts_at"], "2025-03-12T20:00:00+01:00");
    assert_eq!(item["ends_at"], "2025-03-12T22:00:00+01:00");
    assert_eq!(fields(&problem), ["starts_at"]);
    // An instant with an offset is read as given, then checked in the item's zone.
    let early = merged(
        item_body("2025-03-09T23:30:00Z", "2025-03-10T01:00:00Z"),
        json!({"time_zone": "Europe/Berlin"}),
    );
    let early = add_item(&app, fa, id, early).await;
    assert_eq!(early["starts_at"], "2025-03-10T00:30:00+01:00");
    let list = app.get(&items_path, fa).await.ok(200);
    assert_eq!(ids(&list).len(), 2);
}

async fn dates_that_would_leave_an_item_outside_are_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    // 10–12 March 2025, one item on the 10th.
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let before = trace(&app).await;

    let problem = app
        .patch(
            &path(id),
            fa,
            json!({"start_date": "2025-03-11", "end_date": "2025-03-14"}),
        )
        .await
        .problem(409);

    assert!(
        problem["detail"].as_str().unwrap().contains("itinerary"),
        "{problem}"
    );
    assert_eq!(trace(&app).await, before);
    // Widening the dates leaves the item inside.
    let wider = app
        .patch(&path(id), fa, json!({"end_date": "2025-03-20"}))
        .await
        .ok(200);
    assert_eq!(wider["end_date"], "2025-03-20");
}

async fn bad_members_are_422_naming_the_field(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let members_path = format!("{}/members", path(id));
    let member = &app.get(&members_path, fa).await.ok(200)["items"][0];
    let member_path = format!("{members_path}/{}", member["id"]);
    let good = member_body("Yamada Taro");
    let cases = [
        (json!({"passport_number": "12"}), "passport_number"),
        (json!({"passport_number": "AB<script>1"}), "passport_number"),
        (
            json!({"passport_number": "X".repeat(40)}),
            "passport_number",
        ),
        (json!({"nationality": "ZZ"}), "nationality"),
        (json!({"nationality": "Japan"}), "nationality"),
        (json!({"date_of_birth": "2999-01-01"}), "date_of_birth"),
        (json!({"email": "not an address"}), "email"),
        (json!({"phone": "call me"}), "phone"),
        (json!({"full_name": " "}), "full_name"),
        (json!({"role": "boss"}), "role"),
        (json!({"gender": "unknown"}), "gender"),
    ];
    let before = trace(&app).await;
    let members_before = app.get(&members_path, fa).await.ok(200);

    for (change, field) in cases {
        let problem = app
            .post(&members_path, fa, merged(good.clone(), change.clone()))
            .await
            .problem(422);
        assert!(
            fields(&problem).contains(&field.to_owned()),
            "POST {change}: {problem}"
        );
        let problem = app
            .patch(&member_path, fa, change.clone())
            .await
            .problem(422);
        assert!(
            fields(&problem).contains(&field.to_owned()),
            "PATCH {change}: {problem}"
        );
    }

    assert_eq!(app.get(&members_path, fa).await.ok(200), members_before);
    assert_eq!(trace(&app).await, before);
    // A passport as printed (spaces, dashes, lower case) is kept in one shape.
    let added = fixtures::add_member(
        &app,
        fa,
        id,
        merged(good, json!({"passport_number": "tr 765-4321"})),
    )
    .await;
    assert_eq!(added["passport_number"], "TR7654321");
}

async fn bad_list_parameters_are_422_naming_the_parameter(app: TestApp) {
    let cast = Cast::new(&app).await;
    let token = cast.viewer.token.as_str();
    for _ in 0..3 {
        create(
            &app,
            &cast.foreign_affairs.token,
            delegation_body("incoming", cast.host_unit),
        )
        .await;
    }
    let real = app.get("/api/v1/delegations?limit=1", token).await.ok(200)["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let forged = [
        "not-a-cursor!".to_owned(),
        URL_SAFE_NO_PAD.encode(b"[\"2025-01-01\"]"),
        URL_SAFE_NO_PAD.encode(b"[\"yesterday\", 5]"),
        URL_SAFE_NO_PAD.encode(b"{\"id\": 5}"),
        URL_SAFE_NO_PAD.encode(b"' OR 1=1 --"),
        format!("{real}x"),
        "A".repeat(5000),
    ];
    let mut cases: Vec<(String, &str)> = ["-1", "0", "100000", "abc", "501", "1.5"]
        .into_iter()
        .map(|limit| (format!("limit={limit}"), "limit"))
        .collect();
    cases.extend(forged.iter().map(|c| (query(&[("cursor", c)]), "cursor")));
    cases.push(("country=XX".into(), "country"));
    cases.push(("direction=up".into(), "direction"));
    cases.push(("host_unit_id=abc".into(), "host_unit_id"));
    cases.push((query(&[("q", &"x".repeat(201))]), "q"));

    for (params, field) in cases {
        let problem = app
            .get(&format!("/api/v1/delegations?{params}"), token)
            .await
            .problem(422);
        assert_eq!(fields(&problem), [field], "{params}: {problem}");
    }
    // The real cursor still works.
    let next = app
        .get(
            &format!(
                "/api/v1/delegations?{}",
                query(&[("limit", "1"), ("cursor", &real)])
            ),
            token,
        )
        .await
        .ok(200);
    assert_eq!(ids(&next).len(), 1);
}

async fn injection_like_text_is_kept_and_found_literally(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let token = cast.viewer.token.as_str();
    let titles = [
        "'; DROP TABLE delegations;--",
        "<script>alert(1)</script>",
        "100%_\\ hợp tác",
        "Đoàn bình thường",
    ];
    let mut made = Vec::new();
    for title in titles {
        let body = merged(
            delegation_body("incoming", cast.host_unit),
            json!({"title": title, "head_of_delegation": title}),
        );
        let d = create(&app, fa, body).await;
        assert_eq!(d["title"], title);
        made.push(d["id"].as_i64().unwrap());
    }

    for (title, id) in titles.iter().zip(&made) {
        assert_eq!(app.get(&path(*id), token).await.ok(200)["title"], *title);
    }
    let search = |q: &'static str| {
        let app = &app;
        async move {
            let body = app
                .get(
                    &format!("/api/v1/delegations?{}", query(&[("q", q)])),
                    token,
                )
                .await
                .ok(200);
            ids(&body)
        }
    };
    assert_eq!(search("drop table").await, [made[0]]);
    assert_eq!(search("'; DROP").await, [made[0]]);
    assert_eq!(search("<script>").await, [made[1]]);
    assert_eq!(search("%").await, [made[2]]);
    assert_eq!(search("_").await, [made[2]]);
    assert_eq!(search("\\").await, [made[2]]);
    assert_eq!(search("%_\\").await, [made[2]]);
    assert!(search("%%").await.is_empty());
    assert!(search("' OR '1'='1").await.is_empty());
    assert_eq!(fixtures::all_delegations(&app).await.len(), titles.len());
}

async fn an_approved_delegation_is_locked_but_its_itinerary_can_change(app: TestApp) {
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
    let police_inbox = app.get("/api/v1/inbox", &cast.police.token).await.ok(200);
    assert!(fixtures::items(&police_inbox).is_empty(), "{police_inbox}");
    let entries = app.audit_entries().await.len();

    // The delegation's own fields and members are locked…
    app.patch(&path(id), fa, json!({"title": "Đổi tên"}))
        .await
        .problem(409);
    app.post(
        &format!("{}/members", path(id)),
        fa,
        member_body("Sato Kenji"),
    )
    .await
    .problem(409);
    // …and the host unit may not touch the itinerary any more.
    app.post(
        &format!("{}/itinerary", path(id)),
        &cast.host.token,
        item_body("2025-03-12T09:00", "2025-03-12T10:00"),
    )
    .await
    .problem(409);
    assert_eq!(app.get(&path(id), fa).await.ok(200), reviewed);
    assert_eq!(app.audit_entries().await.len(), entries);

    // Sở Ngoại vụ may still change the itinerary; the police are asked to look again.
    let items_path = format!("{}/itinerary", path(id));
    let item = &app.get(&items_path, fa).await.ok(200)["items"][0];
    let moved = app
        .patch(
            &format!("{items_path}/{}", item["id"]),
            fa,
            json!({"starts_at": "2025-03-12T14:00", "ends_at": "2025-03-12T16:00"}),
        )
        .await
        .ok(200);
    assert_eq!(moved["starts_at"], "2025-03-12T14:00:00+07:00");
    let after = app.get(&path(id), fa).await.ok(200);
    assert_eq!(after["status"], "approved");
    assert_eq!(after["security_review"]["status"], "cleared");
    assert_eq!(after["security_review"]["needs_another_look"], true);
    assert_eq!(app.audit_entries().await.len(), entries + 1);
    let police_inbox = app.get("/api/v1/inbox", &cast.police.token).await.ok(200);
    let waiting = fixtures::items(&police_inbox);
    assert_eq!(waiting.len(), 1, "{police_inbox}");
    assert_eq!(waiting[0]["record"]["id"], id);
    assert!(
        waiting[0]["reason"].as_str().unwrap().contains("itinerary"),
        "{police_inbox}"
    );
}

async fn fifty_concurrent_creates_get_fifty_running_references(app: TestApp) {
    let cast = Cast::new(&app).await;
    let body = delegation_body("incoming", cast.host_unit);

    let replies = futures_util::future::join_all((0..50).map(|_| {
        app.post(
            "/api/v1/delegations",
            &cast.foreign_affairs.token,
            body.clone(),
        )
    }))
    .await;

    let mut numbers: Vec<u32> = replies
        .iter()
        .map(|r| {
            let reference = r.ok(201)["reference"].as_str().unwrap().to_owned();
            let (prefix, number) = reference.rsplit_once('-').unwrap();
            assert_eq!(prefix, format!("DV-{}", province_today().year()));
            number.parse().unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<u32>>());
    assert_eq!(fixtures::all_delegations(&app).await.len(), 50);
}
