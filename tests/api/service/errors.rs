//! Bad requests of every kind answer RFC 9457 problems with the right 4xx,
//! never a 5xx, and change nothing.

use awc::http::Method;
use serde_json::json;
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use crate::fixtures::{Cast, delegation_body};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    ACCREDITATIONS, CONFERENCES, REPORTERS, accreditation_body, conference_body, reporter,
    reporter_body,
};

on_both_engines!(
    malformed_json_is_400,
    a_body_that_is_not_json_is_415,
    wrong_field_types_name_the_field,
    missing_and_unknown_fields_are_422,
    a_2_mib_body_is_413,
    unknown_routes_and_methods_are_problems,
    bad_path_and_query_parameters_are_problems,
    over_long_query_parameters_are_422_naming_them,
    over_long_body_text_and_padded_codes_are_422_naming_the_field,
    a_feed_token_of_the_wrong_length_is_404,
    an_over_long_if_match_is_422_and_changes_nothing,
);

async fn users_count(app: &TestApp) -> usize {
    app.get("/api/v1/users?limit=500", &app.admin_token)
        .await
        .ok(200)["items"]
        .as_array()
        .unwrap()
        .len()
}

async fn malformed_json_is_400(app: TestApp) {
    let before = app.audit_entries().await.len();
    let reply = app
        .finish(
            app.request(Method::POST, "/api/v1/units")
                .bearer_auth(&app.admin_token)
                .content_type("application/json")
                .send_body(r#"{"name": "Sở Y tế", "name_en": "#),
        )
        .await;
    let body = reply.problem(400);
    assert!(
        body["detail"].as_str().unwrap().contains("not valid JSON"),
        "{body}"
    );
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn a_body_that_is_not_json_is_415(app: TestApp) {
    let reply = app
        .finish(
            app.request(Method::POST, "/api/v1/units")
                .bearer_auth(&app.admin_token)
                .content_type("text/plain")
                .send_body(r#"{"name":"a","name_en":"b","kind":"other"}"#),
        )
        .await;
    reply.problem(415);
    let none = app
        .finish(
            app.request(Method::POST, "/api/v1/auth/login")
                .send_body("username=admin"),
        )
        .await;
    none.problem(415);
}

async fn wrong_field_types_name_the_field(app: TestApp) {
    let before = users_count(&app).await;
    let body = app
        .post(
            "/api/v1/users",
            &app.admin_token,
            json!({"username": "lan", "display_name": "Lan", "password": "long enough pw", "unit_id": "three", "role": "viewer"}),
        )
        .await
        .problem(422);
    assert_eq!(body["errors"][0]["field"], "unit_id", "{body}");

    let body = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": "Sở Y tế", "name_en": "Health", "kind": "hospital"}),
        )
        .await
        .problem(422);
    assert_eq!(body["errors"][0]["field"], "kind", "{body}");
    let body = app
        .post("/api/v1/units", &app.admin_token, json!([1, 2]))
        .await
        .problem(422);
    assert_eq!(body["errors"][0]["field"], "body", "{body}");
    assert_eq!(users_count(&app).await, before);
}

async fn missing_and_unknown_fields_are_422(app: TestApp) {
    let body = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": "Sở Y tế"}),
        )
        .await
        .problem(422);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("missing field"),
        "{body}"
    );
    let body = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department", "colour": "red"}),
        )
        .await
        .problem(422);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field"),
        "{body}"
    );
    // Rules broken in several fields are all listed.
    let body = app
        .post(
            "/api/v1/users",
            &app.admin_token,
            json!({"username": "a b", "display_name": " ", "password": "short", "role": "police"}),
        )
        .await
        .problem(422);
    let mut fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    fields.sort();
    assert_eq!(fields, ["display_name", "password", "username"], "{body}");
}

async fn a_2_mib_body_is_413(app: TestApp) {
    let before = app.audit_entries().await.len();
    let huge = json!({"name": "x".repeat(2 * 1024 * 1024), "name_en": "x", "kind": "other"});
    let reply = app.post("/api/v1/units", &app.admin_token, huge).await;
    reply.problem(413);
    assert_eq!(app.audit_entries().await.len(), before);
    // The same without a token is refused before the body matters, or as too large: never a 5xx.
    let reply = app
        .finish(
            app.request(Method::POST, "/api/v1/auth/login")
                .content_type("application/json")
                .send_body(vec![b' '; 2 * 1024 * 1024]),
        )
        .await;
    reply.problem(413);
}

async fn unknown_routes_and_methods_are_problems(app: TestApp) {
    app.get("/api/v1/nothing-here", &app.admin_token)
        .await
        .problem(404);
    app.send(Method::GET, "/no/such/page", None, None)
        .await
        .problem(404);
    let reply = app
        .send(
            Method::DELETE,
            "/api/v1/units",
            Some(&app.admin_token),
            None,
        )
        .await;
    reply.problem(405);
    assert_eq!(reply.header("allow").as_deref(), Some("GET, POST"));
    let reply = app
        .send(
            Method::PUT,
            "/api/v1/users/1",
            Some(&app.admin_token),
            Some(json!({})),
        )
        .await;
    reply.problem(405);
    assert_eq!(reply.header("allow").as_deref(), Some("GET, PATCH"));
    // A fixed path beside a parameter one (`/accreditations/{id}` takes
    // PATCH): another method on the fixed path is 405, not "no such
    // record" (schemathesis ST204 found it).
    let reply = app
        .send(
            Method::PATCH,
            "/api/v1/accreditations/covering?date=2026-12-02",
            Some(&app.admin_token),
            Some(json!({})),
        )
        .await;
    reply.problem(405);
    assert_eq!(reply.header("allow").as_deref(), Some("GET"));
    app.send(
        Method::PATCH,
        "/api/v1/accreditations/abc",
        Some(&app.admin_token),
        Some(json!({})),
    )
    .await
    .problem(404);
}

async fn bad_path_and_query_parameters_are_problems(app: TestApp) {
    app.get("/api/v1/users/abc", &app.admin_token)
        .await
        .problem(404);
    app.get("/api/v1/users/99999999999999999999999", &app.admin_token)
        .await
        .problem(404);
    app.get("/api/v1/units/424242", &app.admin_token)
        .await
        .problem(404);
    for (query, field) in [
        ("limit=abc", "limit"),
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=501", "limit"),
        ("limit=99999999999999999999", "limit"),
        ("cursor=forged", "cursor"),
        ("cursor=eyJpZCI6MX0", "cursor"),
        ("kind=castle", "kind"),
    ] {
        let body = app
            .get(&format!("/api/v1/units?{query}"), &app.admin_token)
            .await
            .problem(422);
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
    }
    let body = app
        .get("/api/v1/audit?from=yesterday", &app.admin_token)
        .await
        .problem(422);
    assert_eq!(body["errors"][0]["field"], "from");
}

/// The document bounds every query parameter (`maxLength`); one character
/// more is refused, naming it (schemathesis' negative data finds the rest).
async fn over_long_query_parameters_are_422_naming_them(app: TestApp) {
    let long = |n: usize| "a".repeat(n);
    for (path, param, value) in [
        ("/api/v1/delegations", "q", long(201)),
        ("/api/v1/delegations", "from", long(65)),
        ("/api/v1/delegations", "country", "JPN".to_owned()),
        ("/api/v1/delegations", "cursor", long(1025)),
        ("/api/v1/reporters", "nationality", "JPN".to_owned()),
        ("/api/v1/reporters", "outlet_country", "J".to_owned()),
        ("/api/v1/audit", "action", long(65)),
        ("/api/v1/schedule", "kind", long(201)),
        ("/api/v1/press-conferences", "to", long(65)),
        ("/api/v1/units", "cursor", long(1025)),
    ] {
        let body = app
            .get(&format!("{path}?{param}={value}"), &app.admin_token)
            .await
            .problem(422);
        assert_eq!(body["errors"][0]["field"], param, "{path}?{param}: {body}");
    }
}

/// The bound is on the text as sent: padding that trimming would drop does
/// not let a country code, a permitted place or a speaker grow past it.
async fn over_long_body_text_and_padded_codes_are_422_naming_the_field(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.token(Role::ForeignAffairs);
    let po = cast.token(Role::ProvincialOffice);
    let before = app.audit_entries().await.len();

    let mut delegation = delegation_body("incoming", cast.host_unit);
    delegation["countries"] = json!([" JP"]);
    let body = app
        .post("/api/v1/delegations", fa, delegation)
        .await
        .problem(422);
    assert_eq!(body["errors"][0]["field"], "countries", "{body}");

    let mut padded = reporter_body("JP");
    padded["nationality"] = json!("jp ");
    let body = app.post(REPORTERS, fa, padded).await.problem(422);
    assert_eq!(body["errors"][0]["field"], "nationality", "{body}");

    let crew = reporter(&app, fa, "JP").await;
    let mut accreditation = accreditation_body(&[crew]);
    accreditation["permitted_places"] = json!([format!("{}Mai Châu", " ".repeat(300))]);
    let body = app
        .post(ACCREDITATIONS, fa, accreditation)
        .await
        .problem(422);
    assert_eq!(body["errors"][0]["field"], "permitted_places[0]", "{body}");

    let mut conference = conference_body();
    conference["speakers"] = json!([format!("Chủ tịch UBND tỉnh{}", " ".repeat(200))]);
    let body = app.post(CONFERENCES, po, conference).await.problem(422);
    assert_eq!(body["errors"][0]["field"], "speakers[0]", "{body}");

    // Only the reporter made for the accreditation was written.
    assert_eq!(app.audit_entries().await.len(), before + 1);
}

/// A feed's token is 64 hex digits (the document's pattern); any other
/// answers 404 like an unknown one.
async fn a_feed_token_of_the_wrong_length_is_404(app: TestApp) {
    for token in ["0".repeat(65), "0".repeat(63), "g".repeat(64)] {
        app.send(Method::GET, &format!("/calendar/{token}.ics"), None, None)
            .await
            .problem(404);
    }
}

/// Found by schemathesis: an `If-Match` longer than the document's bound
/// answered 412 (as any ETag that is not the record's), which is not a
/// refusal of invalid input. It is 422 naming the header now.
async fn an_over_long_if_match_is_422_and_changes_nothing(app: TestApp) {
    let unit = app.make_unit("Sở Y tế", UnitKind::Department).await;
    let path = format!("/api/v1/units/{}", unit.get());
    let before = app.get(&path, &app.admin_token).await.ok(200);
    let reply = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "0".repeat(65)))
                .content_type("application/json")
                .send_body(r#"{"name_en": "Health"}"#),
        )
        .await;
    let body = reply.problem(422);
    assert_eq!(body["errors"][0]["field"], "If-Match", "{body}");
    assert_eq!(app.get(&path, &app.admin_token).await.ok(200), before);
    // Within the bound, an ETag that is not the record's is still 412.
    let stale = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "\"999\""))
                .content_type("application/json")
                .send_body(r#"{"name_en": "Health"}"#),
        )
        .await;
    stale.problem(412);
}
