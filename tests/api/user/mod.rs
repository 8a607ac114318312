//! Users: the administrator creates, changes and deactivates them; each change audited.

use awc::http::Method;
use serde_json::json;
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use crate::helpers::{PASSWORD, TestApp};
use crate::on_both_engines;

on_both_engines!(
    admin_creates_a_user_who_can_log_in,
    non_admins_may_not_create_or_list_users,
    invalid_users_are_422_and_leave_nothing,
    a_taken_username_is_409,
    changes_are_audited_with_what_changed,
    a_stale_if_match_is_412_and_changes_nothing,
    the_last_administrator_cannot_be_removed,
    users_are_listed_with_filters_and_pages,
    two_changes_at_once_without_if_match_both_apply,
    two_administrators_removing_each_other_at_once_leave_one,
);

async fn admin_creates_a_user_who_can_log_in(app: TestApp) {
    let unit = app.make_unit("Sở Ngoại vụ", UnitKind::ForeignAffairs).await;
    let before = app.audit_entries().await.len();
    let reply = app
        .post(
            "/api/v1/users",
            &app.admin_token,
            json!({"username": "Thu.Ha", "display_name": "Trần Thị Thu Hà", "password": "mật khẩu dài dài",
                   "unit_id": unit.get(), "role": "foreign_affairs"}),
        )
        .await;
    let user = reply.ok(201);
    assert_eq!(user["username"], "thu.ha");
    assert_eq!(user["active"], true);
    assert!(
        user.get("password").is_none() && user.get("password_hash").is_none(),
        "{user}"
    );
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/api/v1/users/{}", user["id"])
    );

    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    let entry = entries.last().unwrap();
    assert_eq!(entry.action, "create");
    assert_eq!(entry.record_id, user["id"].as_i64().unwrap());
    assert!(
        !entry.changes.to_string().contains("mật khẩu"),
        "{}",
        entry.changes
    );

    let login = app.login("thu.ha", "mật khẩu dài dài").await.ok(200);
    assert_eq!(login["user"]["unit_id"], unit.get());
}

async fn non_admins_may_not_create_or_list_users(app: TestApp) {
    let unit = app.make_unit("Sở Tài chính", UnitKind::Department).await;
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
        let (id, token) = app.login_as(role).await;
        let before = app.audit_entries().await.len();
        let body = app
            .post(
                "/api/v1/users",
                &token,
                json!({"username": "intruder", "display_name": "X", "password": "long enough pw", "unit_id": unit.get(), "role": "admin"}),
            )
            .await
            .problem(403);
        assert!(
            body["detail"].as_str().unwrap().contains(role.as_str()),
            "{body}"
        );
        app.get("/api/v1/users", &token).await.problem(403);
        app.patch(
            &format!("/api/v1/users/{id}"),
            &token,
            json!({"role": "admin"}),
        )
        .await
        .problem(403);
        assert_eq!(app.audit_entries().await.len(), before, "{role}");
    }
    app.login("intruder", "long enough pw").await.problem(401);
}

async fn invalid_users_are_422_and_leave_nothing(app: TestApp) {
    let before = app.audit_entries().await.len();
    let cases = [
        (
            json!({"username": "ab", "display_name": "A", "password": "long enough pw", "role": "admin"}),
            "username",
        ),
        (
            json!({"username": "abc", "display_name": "A", "password": "short", "role": "admin"}),
            "password",
        ),
        (
            json!({"username": "abc", "display_name": "A", "password": "long enough pw", "role": "police"}),
            "unit_id",
        ),
        (
            json!({"username": "abc", "display_name": "A", "password": "long enough pw", "role": "police", "unit_id": 9999}),
            "unit_id",
        ),
        (
            json!({"username": "abc", "display_name": "A", "password": "long enough pw", "role": "superuser"}),
            "role",
        ),
        (
            json!({"username": "abc", "display_name": "x".repeat(201), "password": "long enough pw", "role": "admin"}),
            "display_name",
        ),
    ];
    for (body, field) in cases {
        let problem = app
            .post("/api/v1/users", &app.admin_token, body.clone())
            .await
            .problem(422);
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
    }
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn a_taken_username_is_409(app: TestApp) {
    let before = app.audit_entries().await.len();
    let body = app
        .post("/api/v1/users", &app.admin_token, json!({"username": "Admin", "display_name": "A", "password": "long enough pw", "role": "admin"}))
        .await
        .problem(409);
    assert!(body["detail"].as_str().unwrap().contains("admin"));
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn changes_are_audited_with_what_changed(app: TestApp) {
    let (id, _) = app.login_as(Role::Viewer).await;
    let police = app.make_unit("Công an tỉnh", UnitKind::Police).await;
    let path = format!("/api/v1/users/{id}");
    let before = app.audit_entries().await.len();

    let user = app
        .patch(
            &path,
            &app.admin_token,
            json!({"role": "police", "unit_id": police.get(), "display_name": "Phạm Quốc Bảo"}),
        )
        .await
        .ok(200);
    assert_eq!(user["role"], "police");
    assert_eq!(user["version"], 2);
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    let entry = entries.last().unwrap();
    assert_eq!(entry.action, "update");
    assert_eq!(
        entry.changes["role"],
        json!({"from": "viewer", "to": "police"})
    );
    assert_eq!(entry.changes["unit_id"]["to"], police.get());
    assert_eq!(entry.changes["display_name"]["to"], "Phạm Quốc Bảo");

    app.patch(
        &path,
        &app.admin_token,
        json!({"password": "another long one"}),
    )
    .await
    .ok(200);
    app.patch(&path, &app.admin_token, json!({"active": false}))
        .await
        .ok(200);
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 3);
    assert_eq!(entries[before + 1].changes, json!({"password": "changed"}));
    assert_eq!(entries[before + 2].action, "deactivate");

    // A failed change leaves no entry.
    app.patch(&path, &app.admin_token, json!({"unit_id": 424242}))
        .await
        .problem(422);
    app.patch(
        &path,
        &app.admin_token,
        json!({"role": "admin", "active": "yes"}),
    )
    .await
    .problem(422);
    assert_eq!(app.audit_entries().await.len(), before + 3);
}

async fn a_stale_if_match_is_412_and_changes_nothing(app: TestApp) {
    let (id, _) = app.login_as(Role::Viewer).await;
    let path = format!("/api/v1/users/{id}");
    let etag = app
        .get(&path, &app.admin_token)
        .await
        .header("etag")
        .unwrap();
    let send = |name: &'static str| {
        app.request(Method::PATCH, &path)
            .bearer_auth(&app.admin_token)
            .insert_header(("If-Match", etag.clone()))
            .send_json(&json!({"display_name": name}))
    };
    let first = app.finish(send("Nguyễn Văn An")).await;
    let second = app.finish(send("Nguyễn Văn Bình")).await;
    first.ok(200);
    second.problem(412);
    let user = app.get(&path, &app.admin_token).await.ok(200);
    assert_eq!(user["display_name"], "Nguyễn Văn An");
    assert_eq!(user["version"], 2);
    let garbage = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "not-an-etag"))
                .send_json(&json!({"display_name": "X"})),
        )
        .await;
    garbage.problem(412);
}

async fn the_last_administrator_cannot_be_removed(app: TestApp) {
    let me = app.get("/api/v1/me", &app.admin_token).await.ok(200);
    let path = format!("/api/v1/users/{}", me["id"]);
    app.patch(&path, &app.admin_token, json!({"active": false}))
        .await
        .problem(409);
    app.patch(&path, &app.admin_token, json!({"role": "viewer", "unit_id": app.make_unit("Sở Tư pháp", UnitKind::Department).await.get()}))
        .await
        .problem(409);
    // With a second administrator, the first may step down.
    app.make_user("second-admin", Role::Admin, None).await;
    app.patch(&path, &app.admin_token, json!({"active": false}))
        .await
        .ok(200);
    app.login("admin", PASSWORD).await.problem(401);
}

async fn users_are_listed_with_filters_and_pages(app: TestApp) {
    for _ in 0..3 {
        app.login_as(Role::Police).await;
    }
    app.login_as(Role::Viewer).await;
    let police = app
        .get("/api/v1/users?role=police", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(police["items"].as_array().unwrap().len(), 3);
    assert!(police["next_cursor"].is_null());
    let page = app
        .get("/api/v1/users?limit=2", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/v1/users?limit=500&cursor={cursor}"),
            &app.admin_token,
        )
        .await
        .ok(200);
    assert_eq!(rest["items"].as_array().unwrap().len(), 3);
}

async fn two_changes_at_once_without_if_match_both_apply(app: TestApp) {
    let (id, _) = app.login_as(Role::Viewer).await;
    let path = format!("/api/v1/users/{id}");
    let (a, b) = futures_util::future::join(
        app.patch(
            &path,
            &app.admin_token,
            json!({"display_name": "Nguyễn Văn An"}),
        ),
        app.patch(&path, &app.admin_token, json!({"role": "police"})),
    )
    .await;
    // No If-Match: neither asked to be refused; the row lock applies one after the other.
    assert_eq!(
        (a.status.as_u16(), b.status.as_u16()),
        (200, 200),
        "{} / {}",
        a.text(),
        b.text()
    );
    let user = app.get(&path, &app.admin_token).await.ok(200);
    assert_eq!(user["display_name"], "Nguyễn Văn An");
    assert_eq!(user["role"], "police");
    assert_eq!(user["version"], 3);
}

/// Rounds of the race below: it lost on PostgreSQL in most rounds before
/// the count was taken under a lock.
const ROUNDS: usize = 10;

/// Issue 12, defect 10: two administrators, the only active ones,
/// deactivate each other at the same moment. Each saw the other still
/// active, and both went: no administrator was left. One must stay.
async fn two_administrators_removing_each_other_at_once_leave_one(app: TestApp) {
    let mut survivor = app.admin_token.clone();
    let mut survivor_path = {
        let me = app.get("/api/v1/me", &survivor).await.ok(200);
        format!("/api/v1/users/{}", me["id"])
    };
    for round in 0..ROUNDS {
        let a = app
            .make_user(&format!("admin-a{round}"), Role::Admin, None)
            .await;
        let b = app
            .make_user(&format!("admin-b{round}"), Role::Admin, None)
            .await;
        // The last round's survivor steps down: a and b are the only ones.
        app.patch(&survivor_path, &survivor, json!({"active": false}))
            .await
            .ok(200);
        let (token_a, token_b) = (
            app.token(&format!("admin-a{round}")).await,
            app.token(&format!("admin-b{round}")).await,
        );
        let (path_a, path_b) = (format!("/api/v1/users/{a}"), format!("/api/v1/users/{b}"));
        let (by_a, by_b) = futures_util::future::join(
            app.patch(&path_b, &token_a, json!({"active": false})),
            app.patch(&path_a, &token_b, json!({"active": false})),
        )
        .await;
        let statuses = [by_a.status.as_u16(), by_b.status.as_u16()];
        let admins = app
            .db
            .read(|conn| {
                visitdesk::db::user::other_active_admins(conn, visitdesk::domain::ids::UserId(0))
            })
            .await
            .unwrap();
        assert_eq!(admins, 1, "round {round}: answers {statuses:?}");
        // One was refused as the last (409), or as no longer signed in (401).
        assert!(statuses.contains(&200), "round {round}: {statuses:?}");
        (survivor, survivor_path) = if statuses[0] == 200 {
            (token_a, path_a)
        } else {
            (token_b, path_b)
        };
    }
}
