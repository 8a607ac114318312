//! Units: everyone reads them, the administrator writes them, each change audited.

use awc::http::Method;
use serde_json::json;
use visitdesk::domain::role::Role;

use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    every_role_reads_units_and_only_admin_writes,
    creating_a_unit_leaves_one_audit_entry,
    a_duplicate_unit_name_is_409_and_leaves_nothing,
    updating_a_unit_records_what_changed,
    units_page_with_a_cursor,
);

async fn every_role_reads_units_and_only_admin_writes(app: TestApp) {
    for role in Role::ALL {
        let (_, token) = app.login_as(role).await;
        app.get("/api/v1/units", &token).await.ok(200);
        if role != Role::Admin {
            let before = app.audit_entries().await.len();
            app.post(
                "/api/v1/units",
                &token,
                json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"}),
            )
            .await
            .problem(403);
            assert_eq!(app.audit_entries().await.len(), before, "{role}");
        }
    }
}

async fn creating_a_unit_leaves_one_audit_entry(app: TestApp) {
    let before = app.audit_entries().await.len();
    let reply = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": " Sở Y tế ", "name_en": "Department of Health", "kind": "department"}),
        )
        .await;
    let unit = reply.ok(201);
    assert_eq!(unit["name"], "Sở Y tế");
    assert_eq!(unit["version"], 1);
    let id = unit["id"].as_i64().unwrap();
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/api/v1/units/{id}")
    );
    assert_eq!(reply.header("etag").unwrap(), "\"1\"");

    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    let entry = entries.last().unwrap();
    assert_eq!((entry.action.as_str(), entry.record_id), ("create", id));
    assert_eq!(entry.changes["name"], "Sở Y tế");
    assert_eq!(entry.actor_username.as_deref(), Some("admin"));
    assert_eq!(entry.request_id, reply.header("x-request-id"));

    let read = app
        .get(&format!("/api/v1/units/{id}"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(read, unit);
}

async fn a_duplicate_unit_name_is_409_and_leaves_nothing(app: TestApp) {
    let body = json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"});
    app.post("/api/v1/units", &app.admin_token, body.clone())
        .await
        .ok(201);
    let before = app.audit_entries().await.len();
    app.post("/api/v1/units", &app.admin_token, body)
        .await
        .problem(409);
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn updating_a_unit_records_what_changed(app: TestApp) {
    let unit = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"}),
        )
        .await
        .ok(201);
    let path = format!("/api/v1/units/{}", unit["id"]);

    // A stale If-Match changes nothing.
    let before = app.audit_entries().await.len();
    let stale = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "\"7\""))
                .send_json(&json!({"name_en": "Department of Health"})),
        )
        .await;
    stale.problem(412);
    assert_eq!(app.audit_entries().await.len(), before);

    let changed = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "\"1\""))
                .send_json(&json!({"name_en": "Department of Health", "kind": "department"})),
        )
        .await
        .ok(200);
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["name_en"], "Department of Health");
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    assert_eq!(
        entries.last().unwrap().changes,
        json!({"name_en": {"from": "Health", "to": "Department of Health"}})
    );

    // Sending the same values again changes nothing and leaves no entry.
    let same = app
        .patch(
            &path,
            &app.admin_token,
            json!({"name_en": "Department of Health"}),
        )
        .await
        .ok(200);
    assert_eq!(same["version"], 2);
    assert_eq!(app.audit_entries().await.len(), before + 1);
}

async fn units_page_with_a_cursor(app: TestApp) {
    for i in 0..5 {
        app.post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": format!("UBND huyện {i}"), "name_en": "District", "kind": "district"}),
        )
        .await
        .ok(201);
    }
    let first = app
        .get("/api/v1/units?kind=district&limit=2", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let mut seen: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_owned())
        .collect();
    let mut cursor = first["next_cursor"].as_str().unwrap().to_owned();
    loop {
        let page = app
            .get(
                &format!("/api/v1/units?kind=district&limit=2&cursor={cursor}"),
                &app.admin_token,
            )
            .await
            .ok(200);
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["name"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(
        seen,
        (0..5)
            .map(|i| format!("UBND huyện {i}"))
            .collect::<Vec<_>>()
    );
}
