//! The audit trail: read by the administrator and the police only.

use serde_json::json;
use visitdesk::domain::role::Role;

use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    only_admin_and_police_read_the_audit_trail,
    the_audit_trail_filters_and_pages
);

async fn only_admin_and_police_read_the_audit_trail(app: TestApp) {
    for role in Role::ALL {
        let (_, token) = app.login_as(role).await;
        let reply = app.get("/api/v1/audit", &token).await;
        if role.reads_audit() {
            reply.ok(200);
        } else {
            reply.problem(403);
        }
    }
}

async fn the_audit_trail_filters_and_pages(app: TestApp) {
    let created = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"}),
        )
        .await;
    let unit = created.ok(201);
    app.patch(
        &format!("/api/v1/units/{}", unit["id"]),
        &app.admin_token,
        json!({"name_en": "Department of Health"}),
    )
    .await
    .ok(200);
    let (_, police) = app.login_as(Role::Police).await;

    let trail = app
        .get(
            &format!("/api/v1/audit?record_kind=unit&record_id={}", unit["id"]),
            &police,
        )
        .await
        .ok(200);
    let items = trail["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{trail}");
    // Newest first.
    assert_eq!(items[0]["action"], "update");
    assert_eq!(items[1]["action"], "create");
    assert_eq!(items[1]["actor"]["username"], "admin");
    assert_eq!(items[1]["actor"]["role"], "admin");
    assert_eq!(
        items[1]["record"],
        json!({"kind": "unit", "id": unit["id"]})
    );
    assert_eq!(
        items[1]["request_id"].as_str(),
        created.header("x-request-id").as_deref()
    );

    let me = app.get("/api/v1/me", &app.admin_token).await.ok(200);
    let mine = app
        .get(
            &format!("/api/v1/audit?actor_id={}&action=update", me["id"]),
            &police,
        )
        .await
        .ok(200);
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    let future = app
        .get("/api/v1/audit?from=2100-12-31", &police)
        .await
        .ok(200);
    assert!(future["items"].as_array().unwrap().is_empty());
    // Beyond the years any record may have: a typing mistake, said so.
    let beyond = app
        .get("/api/v1/audit?from=2999-01-01", &police)
        .await
        .problem(422);
    assert_eq!(beyond["errors"][0]["field"], "from");
    let today = app
        .get("/api/v1/audit?to=2100-12-31T00:00:00Z&limit=1", &police)
        .await
        .ok(200);
    assert_eq!(today["items"].as_array().unwrap().len(), 1);
    assert!(today["next_cursor"].is_string());
}

/// Regression (found by schemathesis): two schemas were both named
/// `RecordRef`, and the document described the audit trail's record with
/// the schedule's (which requires `reference`). Every key the document
/// requires of an audit entry and its record is in the answer.
#[actix_web::test]
async fn the_audit_trail_answers_what_its_schema_requires() {
    let app = TestApp::spawn(crate::helpers::Engine::Sqlite).await;
    app.post(
        "/api/v1/units",
        &app.admin_token,
        json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"}),
    )
    .await
    .ok(201);
    let doc = app
        .send(awc::http::Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .ok(200);
    let schema = |name: &str| doc["components"]["schemas"][name].clone();
    let entry = &app.get("/api/v1/audit", &app.admin_token).await.ok(200)["items"][0];
    let record_ref = schema("AuditEntryView")["properties"]["record"]["$ref"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    for (object, schema) in [
        (entry, schema("AuditEntryView")),
        (&entry["record"], schema(&record_ref)),
    ] {
        for key in schema["required"].as_array().unwrap() {
            assert!(
                object.get(key.as_str().unwrap()).is_some(),
                "{key} missing from {object}"
            );
        }
    }
}
