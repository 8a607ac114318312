//! The OpenAPI document: served, committed, and in sync; every operation
//! documents its problems; the Swagger UI works offline.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::{Engine, TestApp};

const REFRESH: &str = "the committed openapi/openapi.json differs from the code; refresh it with:\n    \
                       cargo run -q -- openapi > openapi/openapi.json";

pub(crate) fn committed() -> Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .expect("openapi/openapi.json is committed");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_committed_document_is_the_generated_one() {
    let generated: Value = serde_json::from_str(&visitdesk::openapi::document_json()).unwrap();
    assert!(generated == committed(), "{REFRESH}");
}

#[actix_web::test]
async fn the_served_document_is_the_committed_one_and_the_ui_works_offline() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let served = app
        .send(awc::http::Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .ok(200);
    assert!(served == committed(), "{REFRESH}");

    let ui = app.send(awc::http::Method::GET, "/docs/", None, None).await;
    assert_eq!(ui.status.as_u16(), 200);
    assert!(ui.text().contains("swagger"), "{}", ui.text());
    let redirect = app.send(awc::http::Method::GET, "/docs", None, None).await;
    assert!(redirect.status.is_redirection() || redirect.status.is_success());
    // The UI's own files are in the binary: nothing is fetched from elsewhere.
    let script = app
        .send(
            awc::http::Method::GET,
            "/docs/swagger-ui-bundle.js",
            None,
            None,
        )
        .await;
    assert_eq!(script.status.as_u16(), 200);
}

pub(crate) fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((path.clone(), method.clone(), op));
        }
    }
    out
}

#[test]
fn the_document_is_openapi_3_1_and_every_operation_names_its_problems() {
    let doc = committed();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );

    let mut ids = BTreeSet::new();
    for (path, method, op) in operations(&doc) {
        let what = format!("{method} {path}");
        assert!(
            ids.insert(op["operationId"].as_str().unwrap().to_owned()),
            "{what}: duplicate operationId"
        );
        let responses = op["responses"].as_object().unwrap();
        for (status, response) in responses {
            let described = response["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty());
            assert!(
                described,
                "{what} {status}: every response needs a description"
            );
        }
        let problems: Vec<&String> = responses
            .keys()
            .filter(|s| s.starts_with('4') || s.starts_with('5'))
            .collect();
        let public = path == "/api/v1/auth/login" || !path.starts_with("/api/v1");
        if path != "/healthz" {
            assert!(!problems.is_empty(), "{what} names no problem response");
        }
        for status in problems {
            let content = responses[status]["content"].as_object().unwrap();
            assert!(
                content.contains_key("application/problem+json"),
                "{what} {status}: {content:?}"
            );
        }
        if public {
            assert_eq!(
                op["security"],
                serde_json::json!([{}]),
                "{what} needs no login, and says so"
            );
        } else {
            assert!(
                op["security"][0].get("bearer").is_some(),
                "{what} must declare bearer security"
            );
            assert!(responses.contains_key("401"), "{what} must document 401");
        }
        if op.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(
                    responses.contains_key(status),
                    "{what} takes a body but does not document {status}"
                );
            }
        }
    }
}

#[test]
fn every_reference_in_the_document_resolves() {
    fn walk<'a>(value: &'a Value, refs: &mut Vec<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    refs.push(r);
                }
                map.values().for_each(|v| walk(v, refs));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    let doc = committed();
    let mut refs = Vec::new();
    walk(&doc, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external $ref {r}"));
        assert!(doc.pointer(pointer).is_some(), "dangling $ref {r}");
    }
}

/// Formats whose values the server parses into a bounded type (a date, an
/// instant, a uuid): a longer string cannot be one.
const BOUNDED_FORMATS: [&str; 4] = ["date", "date-time", "time", "uuid"];

/// Walks a request-side schema and lists each string without `maxLength`
/// (unless an enum, a constant or a bounded format) and each array without
/// `maxItems`.
fn unbounded(
    doc: &Value,
    schema: &Value,
    at: &str,
    seen: &mut BTreeSet<String>,
    gaps: &mut Vec<String>,
) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        // A component is checked once, where it is first met.
        if seen.insert(r.to_owned()) {
            let target = doc.pointer(&r[1..]).unwrap_or(&Value::Null);
            unbounded(doc, target, &format!("{at} → {r}"), seen, gaps);
        }
        return;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            unbounded(doc, part, at, seen, gaps);
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let closed = schema.get("enum").is_some() || schema.get("const").is_some();
    let bounded_format = schema["format"]
        .as_str()
        .is_some_and(|f| BOUNDED_FORMATS.contains(&f));
    if types.contains(&"string") && !closed && !bounded_format && schema.get("maxLength").is_none()
    {
        gaps.push(format!("{at}: a string without maxLength"));
    }
    if types.contains(&"array") {
        if schema.get("maxItems").is_none() {
            gaps.push(format!("{at}: an array without maxItems"));
        }
        if let Some(items) = schema.get("items") {
            unbounded(doc, items, &format!("{at}[]"), seen, gaps);
        }
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        unbounded(doc, property, &format!("{at}.{name}"), seen, gaps);
    }
    if schema["additionalProperties"].is_object() {
        unbounded(
            doc,
            &schema["additionalProperties"],
            &format!("{at}.*"),
            seen,
            gaps,
        );
    }
}

/// Validators a feed client sends back: compared with the feed's own
/// (If-Modified-Since read as a date or ignored), never stored, so no bound
/// of ours applies; the framework's limit on a request's head bounds them.
const COMPARED_ONLY: [&str; 2] = ["If-None-Match", "If-Modified-Since"];

/// Every string and list a client can send (path, query and header
/// parameters, bodies) has a documented bound; the tests in `errors.rs`
/// show the server holding to them.
#[test]
fn every_string_and_list_a_client_sends_is_bounded() {
    let doc = committed();
    let (mut gaps, mut parameters) = (Vec::new(), 0);
    for (path, method, op) in operations(&doc) {
        let what = format!("{} {path}", method.to_uppercase());
        // Components are checked once per operation: a bound missing on a
        // shared schema shows under the first operation that uses it.
        let mut seen = BTreeSet::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            parameters += 1;
            if COMPARED_ONLY.contains(&p["name"].as_str().unwrap_or("")) {
                continue;
            }
            let at = format!(
                "{what} {} parameter `{}`",
                p["in"].as_str().unwrap(),
                p["name"].as_str().unwrap()
            );
            unbounded(&doc, &p["schema"], &at, &mut seen, &mut gaps);
        }
        for (media, content) in op["requestBody"]["content"]
            .as_object()
            .into_iter()
            .flatten()
        {
            unbounded(
                &doc,
                &content["schema"],
                &format!("{what} body ({media})"),
                &mut seen,
                &mut gaps,
            );
        }
    }
    assert!(
        parameters > 50,
        "the walk found only {parameters} parameters"
    );
    // The walk itself sees what it looks for.
    let mut probe = Vec::new();
    let sample = serde_json::json!({"type": "object", "properties": {
        "a": {"type": ["string", "null"]},
        "b": {"type": "array", "items": {"type": "string", "maxLength": 3}},
        "c": {"type": "string", "format": "date"},
        "d": {"type": "string", "enum": ["x"]},
    }});
    unbounded(&doc, &sample, "probe", &mut BTreeSet::new(), &mut probe);
    assert_eq!(
        probe,
        [
            "probe.a: a string without maxLength",
            "probe.b: an array without maxItems"
        ]
    );
    assert!(
        gaps.is_empty(),
        "unbounded request input:\n{}",
        gaps.join("\n")
    );
}

/// What generated clients need of the document (issue 12): names a person
/// would write, enums referenced, headers and conditional requests
/// declared, the .ics import a file.
#[test]
fn the_document_is_what_generated_clients_need() {
    let doc = committed();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    // No generic's name (`Page_DelegationView`, `ActionRequest_…`).
    let generic: Vec<&String> = schemas.keys().filter(|n| n.contains('_')).collect();
    assert!(
        generic.is_empty(),
        "name these in openapi::GENERIC_NAMES: {generic:?}"
    );
    assert_eq!(
        doc["components"]["schemas"]["DelegationPage"]["properties"]["items"]["items"]["$ref"],
        "#/components/schemas/DelegationView"
    );
    // No component copied inside another (utoipa inlines generic arguments).
    let mut copies = Vec::new();
    for (name, schema) in schemas {
        copied(schema, schemas, name, true, &mut copies);
    }
    assert!(copies.is_empty(), "inline copies of components: {copies:?}");

    for (path, method, op) in operations(&doc) {
        let what = format!("{method} {path}");
        for (status, response) in op["responses"].as_object().unwrap() {
            assert!(
                response["headers"].get("X-Request-Id").is_some(),
                "{what} {status} does not declare X-Request-Id"
            );
        }
        for p in op["parameters"].as_array().into_iter().flatten() {
            if p["name"] == "If-Match" {
                assert!(
                    p["description"].as_str().unwrap().contains(r#"`"3"`"#),
                    "{what}: If-Match must say it wants the quoted ETag"
                );
            }
        }
    }
    for feed in [
        "/calendar/{token}.ics",
        "/calendar/public/press-conferences.ics",
    ] {
        let op = &doc["paths"][feed]["get"];
        let names: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert!(names.contains(&"If-None-Match") && names.contains(&"If-Modified-Since"));
        for status in ["200", "304"] {
            for header in ["ETag", "Last-Modified", "Cache-Control"] {
                assert!(
                    op["responses"][status]["headers"].get(header).is_some(),
                    "{feed} {status} {header}"
                );
            }
        }
        assert_eq!(
            op["responses"]["200"]["content"]["text/calendar"]["schema"]["type"],
            "string"
        );
    }
    let import = &doc["paths"]["/api/v1/delegations/{id}/itinerary/import"]["post"];
    let file = &doc["components"]["schemas"]["CalendarFile"];
    assert!(import["requestBody"]["content"]["application/octet-stream"].is_object());
    assert_eq!(file["format"], "binary");
    assert_eq!(file["contentMediaType"], "text/calendar");
}

/// Where a schema below a component's root equals a component that is an
/// object with properties or an enum.
fn copied(
    schema: &Value,
    schemas: &serde_json::Map<String, Value>,
    at: &str,
    root: bool,
    found: &mut Vec<String>,
) {
    match schema {
        Value::Object(map) => {
            let substantial = map.contains_key("properties") || map.contains_key("enum");
            if !root
                && substantial
                && let Some((name, _)) = schemas.iter().find(|(_, s)| *s == schema)
            {
                found.push(format!("{at} copies {name}"));
            }
            for (key, inner) in map {
                copied(inner, schemas, &format!("{at}.{key}"), false, found);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                copied(inner, schemas, &format!("{at}[{i}]"), false, found);
            }
        }
        _ => {}
    }
}
