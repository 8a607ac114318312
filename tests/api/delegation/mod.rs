//! Delegations: registering, reading, changing and deleting them; lists with
//! filters, search and pages; references; ETags; history and audit.

mod input;
mod visibility;
mod workflow;

use awc::http::Method;
use chrono::Datelike;
use serde_json::{Value, json};
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;

use crate::fixtures::{
    self, Cast, act, add_item, add_member, create, delegation_body, ids, item_body, member_body,
    merged, path, query,
};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    a_registered_delegation_is_a_draft_with_its_reference_and_etag,
    references_run_per_direction_within_the_year,
    the_report_is_due_15_days_after_the_end_date,
    who_may_register_a_delegation,
    a_draft_is_changed_and_the_change_audited,
    a_stale_if_match_is_412_and_the_loser_changes_nothing,
    two_patches_at_once_with_one_etag_one_wins,
    two_patches_at_once_without_if_match_both_apply,
    who_may_change_a_delegation_and_when,
    only_drafts_are_deleted,
    lists_filter_by_direction_status_country_and_unit,
    lists_filter_by_dates,
    lists_page_with_a_cursor_in_a_stable_order,
    search_ignores_case_and_vietnamese_diacritics,
    history_tells_who_did_what_and_when_oldest_first,
    every_change_leaves_one_audit_entry_and_a_failure_none,
);

async fn a_registered_delegation_is_a_draft_with_its_reference_and_etag(app: TestApp) {
    let cast = Cast::new(&app).await;
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"countries": ["jp", "KR", "JP"], "title": "  Đoàn tỉnh Shizuoka  "}),
    );

    let reply = app
        .post("/api/v1/delegations", &cast.foreign_affairs.token, body)
        .await;

    let d = reply.ok(201);
    let year = province_today().year();
    assert_eq!(d["reference"], format!("DV-{year}-0001"));
    assert_eq!(d["status"], "draft");
    assert_eq!(d["direction"], "incoming");
    assert_eq!(d["title"], "Đoàn tỉnh Shizuoka");
    assert_eq!(d["countries"], json!(["JP", "KR"]));
    assert_eq!(d["host_unit_id"], cast.host_unit.get());
    assert_eq!(d["start_date"], fixtures::START);
    assert_eq!(d["end_date"], fixtures::END);
    assert_eq!(d["version"], 1);
    assert_eq!(d["created_by"], cast.foreign_affairs.id);
    assert_eq!(d["security_review"]["status"], "pending");
    assert!(d["appraisal"].is_null() && d["decision"].is_null() && d["report"].is_null());
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/api/v1/delegations/{}", d["id"])
    );
    assert_eq!(reply.header("etag").as_deref(), Some("\"1\""));

    let read = app
        .get(&path(d["id"].as_i64().unwrap()), &cast.viewer.token)
        .await;
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(read.ok(200)["reference"], d["reference"]);
}

async fn references_run_per_direction_within_the_year(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let mut references = Vec::new();
    for direction in ["incoming", "outgoing", "incoming", "outgoing", "incoming"] {
        let d = create(&app, fa, delegation_body(direction, cast.host_unit)).await;
        references.push(d["reference"].as_str().unwrap().to_owned());
    }
    // A deleted draft does not give its number back to a later one.
    let last = create(&app, fa, delegation_body("outgoing", cast.host_unit)).await;
    let deleted = app.delete(&path(last["id"].as_i64().unwrap()), fa).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    let after = create(&app, fa, delegation_body("outgoing", cast.host_unit)).await;

    let y = province_today().year();
    assert_eq!(
        references,
        [
            format!("DV-{y}-0001"),
            format!("DR-{y}-0001"),
            format!("DV-{y}-0002"),
            format!("DR-{y}-0002"),
            format!("DV-{y}-0003"),
        ]
    );
    assert_eq!(last["reference"], format!("DR-{y}-0003"));
    assert_eq!(after["reference"], format!("DR-{y}-0004"));
}

async fn the_report_is_due_15_days_after_the_end_date(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let body = merged(
        delegation_body("outgoing", cast.host_unit),
        json!({"start_date": "2025-01-27", "end_date": "2025-01-30"}),
    );
    let d = create(&app, fa, body).await;
    assert_eq!(d["report_due_date"], "2025-02-14");

    let changed = app
        .patch(
            &path(d["id"].as_i64().unwrap()),
            fa,
            json!({"end_date": "2025-02-20"}),
        )
        .await
        .ok(200);
    assert_eq!(changed["report_due_date"], "2025-03-07");
}

async fn who_may_register_a_delegation(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (other_unit, _) = fixtures::host_unit_user(&app, "so-y-te", "Sở Y tế").await;
    let before = fixtures::all_delegations(&app).await.len();
    let own = delegation_body("incoming", cast.host_unit);
    let others = delegation_body("incoming", other_unit);

    create(&app, &cast.admin.token, others.clone()).await;
    create(&app, &cast.foreign_affairs.token, others.clone()).await;
    create(&app, &cast.host.token, own.clone()).await;
    let entries = app.audit_entries().await.len();
    app.post("/api/v1/delegations", &cast.host.token, others)
        .await
        .problem(403);
    for role in [Role::ProvincialOffice, Role::Police, Role::Viewer] {
        app.post("/api/v1/delegations", cast.token(role), own.clone())
            .await
            .problem(403);
    }
    let missing = merged(own, json!({"host_unit_id": 987_654}));
    let problem = app
        .post("/api/v1/delegations", &cast.foreign_affairs.token, missing)
        .await
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "host_unit_id");

    assert_eq!(fixtures::all_delegations(&app).await.len(), before + 3);
    assert_eq!(app.audit_entries().await.len(), entries);
}

async fn a_draft_is_changed_and_the_change_audited(app: TestApp) {
    let cast = Cast::new(&app).await;
    let d = create(
        &app,
        &cast.host.token,
        delegation_body("incoming", cast.host_unit),
    )
    .await;
    let id = d["id"].as_i64().unwrap();
    let before = app.audit_entries().await.len();

    let reply = app
        .patch(
            &path(id),
            &cast.host.token,
            json!({"title": "Đoàn Hiệp hội Doanh nghiệp Shizuoka", "countries": ["JP", "US"]}),
        )
        .await;

    assert_eq!(reply.header("etag").as_deref(), Some("\"2\""));
    let changed = reply.ok(200);
    assert_eq!(changed["title"], "Đoàn Hiệp hội Doanh nghiệp Shizuoka");
    assert_eq!(changed["countries"], json!(["JP", "US"]));
    assert_eq!(changed["purpose"], d["purpose"]);
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["reference"], d["reference"]);
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    let entry = entries.last().unwrap();
    assert_eq!(entry.action, "update");
    assert_eq!(entry.record_id, id);
    assert_eq!(
        entry.changes["title"],
        json!({"from": "Đoàn doanh nghiệp tỉnh Shizuoka", "to": "Đoàn Hiệp hội Doanh nghiệp Shizuoka"})
    );
    assert!(entry.changes.get("purpose").is_none(), "{}", entry.changes);

    // Changing nothing is no change: no new version, no entry.
    let same = app
        .patch(
            &path(id),
            &cast.host.token,
            json!({"title": "Đoàn Hiệp hội Doanh nghiệp Shizuoka"}),
        )
        .await
        .ok(200);
    assert_eq!(same["version"], 2);
    assert_eq!(app.audit_entries().await.len(), before + 1);
}

async fn a_stale_if_match_is_412_and_the_loser_changes_nothing(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    let etag = app.get(&path(id), fa).await.header("etag").unwrap();
    let before = app.audit_entries().await.len();
    let send = |title: &'static str| {
        app.request(Method::PATCH, &path(id))
            .bearer_auth(fa)
            .insert_header(("If-Match", etag.clone()))
            .send_json(&json!({"title": title, "end_date": "2025-03-13"}))
    };

    let first = app.finish(send("Đoàn Shizuoka (sửa lần 1)")).await;
    let second = app.finish(send("Đoàn Shizuoka (sửa lần 2)")).await;

    first.ok(200);
    second.problem(412);
    let d = app.get(&path(id), fa).await.ok(200);
    assert_eq!(d["title"], "Đoàn Shizuoka (sửa lần 1)");
    assert_eq!(d["version"], 2);
    assert_eq!(app.audit_entries().await.len(), before + 1);

    // The current ETag goes through.
    let current = app
        .finish(
            app.request(Method::PATCH, &path(id))
                .bearer_auth(fa)
                .insert_header(("If-Match", "\"2\""))
                .send_json(&json!({"title": "Đoàn Shizuoka (sửa lần 3)"})),
        )
        .await;
    assert_eq!(current.ok(200)["version"], 3);
}

async fn two_patches_at_once_with_one_etag_one_wins(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    let etag = app.get(&path(id), fa).await.header("etag").unwrap();
    let before = app.audit_entries().await.len();
    let send = |title: &'static str| {
        app.finish(
            app.request(Method::PATCH, &path(id))
                .bearer_auth(fa)
                .insert_header(("If-Match", etag.clone()))
                .send_json(&json!({"title": title})),
        )
    };

    let (a, b) = futures_util::future::join(send("Phương án A"), send("Phương án B")).await;

    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412], "{} / {}", a.text(), b.text());
    let (winner, loser) = if a.status == 200 { (a, b) } else { (b, a) };
    loser.problem(412);
    let d = app.get(&path(id), fa).await.ok(200);
    assert_eq!(d["title"], winner.json()["title"]);
    assert_eq!(d["version"], 2);
    assert_eq!(app.audit_entries().await.len(), before + 1);
}

async fn two_patches_at_once_without_if_match_both_apply(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    let before = app.audit_entries().await.len();

    // Two offices change different fields at once, neither sending If-Match.
    let (a, b) = futures_util::future::join(
        app.patch(
            &path(id),
            fa,
            json!({"purpose": "Khảo sát vùng nguyên liệu"}),
        ),
        app.patch(
            &path(id),
            &cast.host.token,
            json!({"head_of_delegation": "Suzuki Ichiro"}),
        ),
    )
    .await;

    // No precondition was sent, so none can fail: both changes apply.
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(b.status, 200, "{}", b.text());
    let d = app.get(&path(id), fa).await.ok(200);
    assert_eq!(d["purpose"], "Khảo sát vùng nguyên liệu");
    assert_eq!(d["head_of_delegation"], "Suzuki Ichiro");
    assert_eq!(d["version"], 3);
    assert_eq!(app.audit_entries().await.len(), before + 2);
}

async fn who_may_change_a_delegation_and_when(app: TestApp) {
    let cast = Cast::new(&app).await;
    let draft = fixtures::draft(&app, &cast, "incoming").await;
    let submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let approved = fixtures::delegation_in(&app, &cast, "incoming", "approved").await;
    let change = json!({"purpose": "Khảo sát đầu tư"});
    let before = app.audit_entries().await.len();

    for role in [Role::ProvincialOffice, Role::Police, Role::Viewer] {
        app.patch(&path(draft), cast.token(role), change.clone())
            .await
            .problem(403);
    }
    // The host unit writes while it is a draft; Sở Ngoại vụ until it is approved.
    app.patch(&path(submitted), &cast.host.token, change.clone())
        .await
        .problem(409);
    app.patch(&path(approved), &cast.foreign_affairs.token, change.clone())
        .await
        .problem(409);
    assert_eq!(app.audit_entries().await.len(), before);

    app.patch(&path(draft), &cast.host.token, change.clone())
        .await
        .ok(200);
    app.patch(&path(submitted), &cast.foreign_affairs.token, change)
        .await
        .ok(200);
    assert_eq!(app.audit_entries().await.len(), before + 2);
}

async fn only_drafts_are_deleted(app: TestApp) {
    let cast = Cast::new(&app).await;
    let draft = fixtures::draft(&app, &cast, "incoming").await;
    let own_draft = create(
        &app,
        &cast.host.token,
        delegation_body("outgoing", cast.host_unit),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let before = app.audit_entries().await.len();

    app.delete(&path(submitted), &cast.foreign_affairs.token)
        .await
        .problem(409);
    app.delete(&path(draft), &cast.viewer.token)
        .await
        .problem(403);
    assert_eq!(app.audit_entries().await.len(), before);
    assert_eq!(
        app.get(&path(submitted), &cast.admin.token).await.ok(200)["status"],
        "submitted"
    );

    let gone = app.delete(&path(draft), &cast.foreign_affairs.token).await;
    assert_eq!(gone.status, 204, "{}", gone.text());
    let own_gone = app.delete(&path(own_draft), &cast.host.token).await;
    assert_eq!(own_gone.status, 204, "{}", own_gone.text());
    app.get(&path(draft), &cast.admin.token).await.problem(404);
    app.get(&format!("{}/members", path(draft)), &cast.admin.token)
        .await
        .problem(404);
    app.get(&path(own_draft), &cast.admin.token)
        .await
        .problem(404);
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 2);
    assert_eq!(entries[before].action, "delete");
    assert_eq!(entries[before].record_id, draft);
    app.delete(&path(draft), &cast.foreign_affairs.token)
        .await
        .problem(404);
}

/// Creates a delegation from the incoming template with `extra` over it; its id.
async fn make(app: &TestApp, cast: &Cast, extra: Value) -> i64 {
    let body = merged(delegation_body("incoming", cast.host_unit), extra);
    create(app, &cast.foreign_affairs.token, body).await["id"]
        .as_i64()
        .unwrap()
}

async fn listed(app: &TestApp, token: &str, pairs: &[(&str, &str)]) -> Vec<i64> {
    let body = app
        .get(&format!("/api/v1/delegations?{}", query(pairs)), token)
        .await
        .ok(200);
    let mut found = ids(&body);
    found.sort_unstable();
    found
}

async fn lists_filter_by_direction_status_country_and_unit(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (other_unit, _) = fixtures::host_unit_user(&app, "so-y-te", "Sở Y tế").await;
    let japan = make(&app, &cast, json!({"countries": ["JP", "TH"]})).await;
    let france = make(
        &app,
        &cast,
        json!({"countries": ["FR"], "host_unit_id": other_unit.get()}),
    )
    .await;
    let outgoing = create(
        &app,
        &cast.foreign_affairs.token,
        delegation_body("outgoing", cast.host_unit),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let token = cast.viewer.token.as_str();
    let other_unit = other_unit.get().to_string();
    let host_unit = cast.host_unit.get().to_string();

    assert_eq!(
        listed(&app, token, &[]).await,
        [japan, france, outgoing, submitted]
    );
    assert_eq!(
        listed(&app, token, &[("direction", "outgoing")]).await,
        [outgoing]
    );
    assert_eq!(
        listed(&app, token, &[("direction", "incoming")]).await,
        [japan, france, submitted]
    );
    assert_eq!(
        listed(&app, token, &[("status", "submitted")]).await,
        [submitted]
    );
    assert_eq!(listed(&app, token, &[("country", "TH")]).await, [japan]);
    assert_eq!(listed(&app, token, &[("country", "KR")]).await, [outgoing]);
    assert_eq!(listed(&app, token, &[("country", "fr")]).await, [france]);
    assert_eq!(
        listed(&app, token, &[("host_unit_id", &other_unit)]).await,
        [france]
    );
    assert_eq!(
        listed(
            &app,
            token,
            &[
                ("host_unit_id", &host_unit),
                ("direction", "incoming"),
                ("status", "draft")
            ]
        )
        .await,
        [japan]
    );
    assert!(listed(&app, token, &[("country", "DE")]).await.is_empty());
    app.get("/api/v1/delegations?status=finished", token)
        .await
        .problem(422);
}

async fn lists_filter_by_dates(app: TestApp) {
    let cast = Cast::new(&app).await;
    let january = make(
        &app,
        &cast,
        json!({"start_date": "2025-01-10", "end_date": "2025-01-12"}),
    )
    .await;
    let across = make(
        &app,
        &cast,
        json!({"start_date": "2025-02-27", "end_date": "2025-03-02"}),
    )
    .await;
    let march = make(
        &app,
        &cast,
        json!({"start_date": "2025-03-15", "end_date": "2025-03-18"}),
    )
    .await;
    let may = make(
        &app,
        &cast,
        json!({"start_date": "2025-05-01", "end_date": "2025-05-03"}),
    )
    .await;
    let token = cast.viewer.token.as_str();

    assert_eq!(
        listed(&app, token, &[("from", "2025-03-01"), ("to", "2025-03-31")]).await,
        [across, march]
    );
    assert_eq!(
        listed(&app, token, &[("from", "2025-03-03")]).await,
        [march, may]
    );
    assert_eq!(
        listed(&app, token, &[("to", "2025-02-27")]).await,
        [january, across]
    );
    // An instant is read as such: the window ends before 15 March begins in Hà Nội.
    assert_eq!(
        listed(
            &app,
            token,
            &[
                ("from", "2025-03-01T00:00:00+07:00"),
                ("to", "2025-03-15T00:00:00+07:00")
            ]
        )
        .await,
        [across]
    );
    let problem = app
        .get("/api/v1/delegations?from=last-week", token)
        .await
        .problem(422);
    assert_eq!(problem["errors"][0]["field"], "from");
}

async fn lists_page_with_a_cursor_in_a_stable_order(app: TestApp) {
    let cast = Cast::new(&app).await;
    let mut made = Vec::new();
    for start in [
        "2025-05-01",
        "2025-04-01",
        "2025-05-01",
        "2025-06-01",
        "2025-04-01",
        "2025-05-01",
        "2025-06-01",
    ] {
        let id = make(
            &app,
            &cast,
            json!({"start_date": start, "end_date": "2025-06-30"}),
        )
        .await;
        made.push((start, id));
    }
    // Latest start first; among the same start, the latest registered first.
    made.sort_by(|a, b| b.cmp(a));
    let expected: Vec<i64> = made.iter().map(|(_, id)| *id).collect();
    let token = cast.viewer.token.as_str();

    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut url = "/api/v1/delegations?limit=3".to_owned();
    loop {
        let page = app.get(&url, token).await.ok(200);
        pages.push(ids(&page).len());
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                url = format!(
                    "/api/v1/delegations?{}",
                    query(&[("limit", "3"), ("cursor", cursor)])
                )
            }
            None => break,
        }
    }

    assert_eq!(pages, [3, 3, 1]);
    assert_eq!(seen, expected);
    let whole = app.get("/api/v1/delegations", token).await.ok(200);
    assert_eq!(ids(&whole), expected);
    assert!(whole["next_cursor"].is_null());
    let again = app.get("/api/v1/delegations?limit=3", token).await.ok(200);
    assert_eq!(ids(&again), expected[..3]);
}

async fn search_ignores_case_and_vietnamese_diacritics(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let hoa_binh = make(
        &app,
        &cast,
        json!({"title": "Đoàn khảo sát Thủy điện Hòa Bình"}),
    )
    .await;
    let member = make(&app, &cast, json!({"title": "Đoàn Đại sứ quán Nhật Bản"})).await;
    add_member(&app, fa, member, member_body("Nguyễn Thị Lan Anh")).await;
    let renamed = make(&app, &cast, json!({})).await;
    let old_name = add_member(&app, fa, renamed, member_body("Lê Văn Tám")).await;
    app.patch(
        &format!("{}/members/{}", path(renamed), old_name["id"]),
        fa,
        json!({"full_name": "Phạm Thị Hằng"}),
    )
    .await
    .ok(200);
    let partner = make(
        &app,
        &cast,
        json!({"partner_organization": "Đại học Quốc gia Seoul"}),
    )
    .await;
    let plain = make(&app, &cast, json!({})).await;
    let reference = app.get(&path(plain), fa).await.ok(200)["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = cast.viewer.token.as_str();

    for q in ["hoa binh", "HÒA BÌNH", "Hoà Bình", "thuy dien hoa"] {
        assert_eq!(listed(&app, token, &[("q", q)]).await, [hoa_binh], "q={q}");
    }
    for q in ["nguyen", "NGUYỄN", "lan anh nguyen"] {
        assert_eq!(listed(&app, token, &[("q", q)]).await, [member], "q={q}");
    }
    assert_eq!(
        listed(&app, token, &[("q", "pham thi hang")]).await,
        [renamed]
    );
    assert!(listed(&app, token, &[("q", "le van tam")]).await.is_empty());
    assert_eq!(
        listed(&app, token, &[("q", "dai hoc quoc gia")]).await,
        [partner]
    );
    assert_eq!(listed(&app, token, &[("q", &reference)]).await, [plain]);
    assert!(
        listed(&app, token, &[("q", "hoa binh nguyen")])
            .await
            .is_empty()
    );
    assert!(listed(&app, token, &[("q", "Hà Giang")]).await.is_empty());
    assert_eq!(
        listed(&app, token, &[("q", "hoa binh"), ("status", "submitted")]).await,
        Vec::<i64>::new()
    );
}

async fn history_tells_who_did_what_and_when_oldest_first(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let started = chrono::Utc::now() - chrono::Duration::seconds(5);
    let id = create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    app.patch(
        &path(id),
        &cast.host.token,
        json!({"purpose": "Hợp tác giáo dục"}),
    )
    .await
    .ok(200);
    add_member(&app, fa, id, member_body("Tanaka Hiroshi")).await;
    add_item(
        &app,
        &cast.host.token,
        id,
        item_body("2025-03-11T09:00", "2025-03-11T11:00"),
    )
    .await;
    fixtures::act_with(
        &app,
        &cast.host.token,
        id,
        json!({"action": "submit", "note": "Kính gửi Sở Ngoại vụ thẩm định"}),
    )
    .await
    .ok(200);

    let history = app
        .get(&format!("{}/history", path(id)), &cast.viewer.token)
        .await
        .ok(200);

    let items = fixtures::items(&history);
    let summary: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["actor"]["role"].as_str().unwrap(),
                e["actor"]["username"].as_str().unwrap(),
            )
        })
        .collect();
    let fa_name = items[0]["actor"]["username"].as_str().unwrap();
    assert!(fa_name.starts_with("foreign-affairs"), "{history}");
    assert_eq!(
        summary,
        [
            ("create", "foreign_affairs", fa_name),
            ("update", "host_unit", "so-cong-thuong"),
            ("add_member", "foreign_affairs", fa_name),
            ("add_item", "host_unit", "so-cong-thuong"),
            ("submit", "host_unit", "so-cong-thuong"),
        ]
    );
    assert_eq!(items[0]["actor"]["id"], cast.foreign_affairs.id);
    assert_eq!(items[4]["actor"]["unit_id"], cast.host_unit.get());
    assert_eq!(items[4]["note"], "Kính gửi Sở Ngoại vụ thẩm định");
    assert!(items[0]["note"].is_null());
    assert_eq!(items[1]["changes"]["purpose"]["to"], "Hợp tác giáo dục");
    assert_eq!(
        items[4]["changes"]["status"],
        json!({"from": "draft", "to": "submitted"})
    );
    let times: Vec<chrono::DateTime<chrono::FixedOffset>> = items
        .iter()
        .map(|e| chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap()).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{history}");
    assert!(times[0] >= started, "{history}");
}

async fn every_change_leaves_one_audit_entry_and_a_failure_none(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let host = cast.host.token.as_str();
    let before = app.audit_entries().await.len();

    // Eight changes of different kinds…
    let id = create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    let member = add_member(&app, fa, id, member_body("Tanaka Hiroshi")).await;
    let member_path = format!("{}/members/{}", path(id), member["id"]);
    let item = add_item(
        &app,
        fa,
        id,
        item_body("2025-03-11T09:00", "2025-03-11T11:00"),
    )
    .await;
    let item_path = format!("{}/itinerary/{}", path(id), item["id"]);
    app.patch(&path(id), fa, json!({"purpose": "Đầu tư"}))
        .await
        .ok(200);
    app.patch(&member_path, fa, json!({"position": "Chủ tịch"}))
        .await
        .ok(200);
    app.patch(&item_path, fa, json!({"title": "Hội đàm"}))
        .await
        .ok(200);
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": "cleared", "officer": "Đại úy Phạm Văn Hùng", "notes": "Không có vấn đề"}),
    )
    .await
    .ok(200);
    act(&app, host, id, "submit").await.ok(200);

    // …eight entries, one each.
    let entries = app.audit_entries().await;
    let actions: Vec<&str> = entries[before..]
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "create",
            "add_member",
            "add_item",
            "update",
            "update_member",
            "update_item",
            "security_review",
            "submit"
        ]
    );
    assert!(entries[before..].iter().all(|e| e.record_id == id));
    let count = entries.len();

    // Failures leave nothing: 403, 409, 412, 422.
    app.patch(&path(id), &cast.viewer.token, json!({"purpose": "x"}))
        .await
        .problem(403);
    app.patch(&path(id), host, json!({"purpose": "x"}))
        .await
        .problem(409);
    app.delete(&path(id), fa).await.problem(409);
    act(&app, fa, id, "approve").await.problem(403);
    act(&app, &cast.provincial_office.token, id, "approve")
        .await
        .problem(409);
    app.patch(&path(id), fa, json!({"title": ""}))
        .await
        .problem(422);
    app.finish(
        app.request(Method::PATCH, &path(id))
            .bearer_auth(fa)
            .insert_header(("If-Match", "\"1\""))
            .send_json(&json!({"purpose": "x"})),
    )
    .await
    .problem(412);
    app.post(
        &format!("{}/members", path(id)),
        fa,
        json!({"full_name": "X", "nationality": "XX", "role": "member"}),
    )
    .await
    .problem(422);
    assert_eq!(app.audit_entries().await.len(), count);

    // Removing a member is a change too.
    let removed = app.delete(&member_path, fa).await;
    assert_eq!(removed.status, 204, "{}", removed.text());
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), count + 1);
    assert_eq!(entries[count].action, "remove_member");
}
