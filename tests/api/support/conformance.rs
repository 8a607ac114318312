//! Answers as the OpenAPI document declares them: the authorization matrix
//! sends every operation as every role and checks each answer here (its
//! status, headers and body), so that what generated clients are told is
//! what the server sends.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::Reply;
use crate::service::openapi::{committed, operations};

/// The response headers a client may rely on: each is declared where it is
/// sent, and sent where it is declared.
const DECLARED_HEADERS: [&str; 5] = [
    "etag",
    "location",
    "last-modified",
    "cache-control",
    "x-request-id",
];

/// Checks answers against the document: `check` finds where one answer
/// differs from what the document declares for it; `always_sent` then
/// names the properties that every answer carried, some as `null`, and
/// that the document does not require (a field always sent is `required`,
/// so that generated clients do not carry `Unset` for it). A property
/// absent from some answer (personal data, for roles that may not see it)
/// stays optional.
pub struct Conformance<'d> {
    doc: &'d Value,
    /// Schemas a client also sends: their optional properties are so for
    /// the requests, whatever the answers carry.
    sent_by_clients: BTreeSet<String>,
    /// (schema, property) → (answers that carried it, as null, without it).
    seen: std::collections::BTreeMap<(String, String), (usize, usize, usize)>,
}

impl<'d> Conformance<'d> {
    pub fn new(doc: &'d Value) -> Self {
        let mut sent_by_clients = BTreeSet::new();
        for (_, _, op) in operations(doc) {
            let mut todo = Vec::new();
            collect_refs(&op["requestBody"], &mut todo);
            collect_refs(&op["parameters"], &mut todo);
            while let Some(name) = todo.pop() {
                if sent_by_clients.insert(name.clone()) {
                    collect_refs(&doc["components"]["schemas"][&name], &mut todo);
                }
            }
        }
        Self {
            doc,
            sent_by_clients,
            seen: Default::default(),
        }
    }

    /// Where `reply`, the answer to `method template`, differs from what
    /// the document declares for its status: an undeclared status, a
    /// header sent and not declared or declared and not sent, a body of an
    /// undeclared type or one that does not match its schema.
    pub fn check(&mut self, method: &str, template: &str, reply: &Reply) -> Vec<String> {
        let doc = self.doc;
        let status = reply.status.as_u16().to_string();
        let op = &doc["paths"][template][method.to_lowercase()];
        let Some(response) = op["responses"].get(&status) else {
            return vec![format!("status {status} is not declared")];
        };
        let mut wrong = Vec::new();
        for name in DECLARED_HEADERS {
            let declared = response["headers"]
                .as_object()
                .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name)));
            let sent = reply.headers.contains_key(name);
            if declared != sent {
                let what = if sent {
                    "sent but not declared"
                } else {
                    "declared but not sent"
                };
                wrong.push(format!("{status}: header {name} is {what}"));
            }
        }
        if reply.body.is_empty() {
            return wrong;
        }
        let content_type = reply.header("content-type").unwrap_or_default();
        let media = content_type.split(';').next().unwrap_or("").trim();
        let Some(content) = response["content"].get(media) else {
            wrong.push(format!("{status}: {media} is not a declared content type"));
            return wrong;
        };
        if media.ends_with("json") {
            let body: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
            self.conforms(&content["schema"], None, &body, "body", &mut wrong);
        } else if content.get("schema").is_none() {
            wrong.push(format!("{status}: the {media} body has no declared schema"));
        }
        wrong
    }

    /// The properties every answer carried, some as `null`, that the
    /// document does not require.
    pub fn always_sent(&self) -> Vec<String> {
        self.seen
            .iter()
            .filter(|((schema, _), (carried, null, without))| {
                *carried > 0 && *null > 0 && *without == 0 && !self.sent_by_clients.contains(schema)
            })
            .map(|((schema, property), (carried, ..))| {
                format!("{schema}.{property}: in all {carried} answers that had a {schema}, not required")
            })
            .collect()
    }

    /// The schema `schema` (of component `name`, if one) allows `value`;
    /// what does not is added to `wrong`, named by its place in the answer.
    fn conforms(
        &mut self,
        schema: &Value,
        name: Option<&str>,
        value: &Value,
        at: &str,
        wrong: &mut Vec<String>,
    ) {
        let doc = self.doc;
        if let Some(r) = schema["$ref"].as_str() {
            let target = doc.pointer(&r[1..]).unwrap_or(&Value::Null);
            let name = r.rsplit('/').next();
            return self.conforms(target, name, value, at, wrong);
        }
        if let Some(variants) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
            let fitting: Vec<&Value> = variants
                .iter()
                .filter(|v| {
                    let mut scratch = Vec::new();
                    Conformance {
                        doc,
                        sent_by_clients: BTreeSet::new(),
                        seen: Default::default(),
                    }
                    .conforms(v, None, value, at, &mut scratch);
                    scratch.is_empty()
                })
                .collect();
            match fitting.first() {
                None => wrong.push(format!(
                    "{at}: {} fits none of its variants",
                    excerpt(value)
                )),
                // Checked again to count what it carries.
                Some(v) => self.conforms(v, None, value, at, wrong),
            }
            return;
        }
        if schema.get("allOf").is_some() {
            let merged = merged(doc, schema);
            return self.conforms(&merged, name, value, at, wrong);
        }
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let kind = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let typed = types.is_empty()
            || types.contains(&kind)
            || (kind == "integer" && types.contains(&"number"));
        if !typed {
            wrong.push(format!("{at}: {} is not {types:?}", excerpt(value)));
            return;
        }
        if let Some(values) = schema["enum"].as_array()
            && !value.is_null()
            && !values.contains(value)
        {
            wrong.push(format!("{at}: {value} is not one of {values:?}"));
        }
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.conforms(&schema["items"], None, item, &format!("{at}[{i}]"), wrong);
                }
            }
            Value::Object(map) => self.object(schema, name, map, at, wrong),
            _ => {}
        }
    }

    fn object(
        &mut self,
        schema: &Value,
        name: Option<&str>,
        map: &serde_json::Map<String, Value>,
        at: &str,
        wrong: &mut Vec<String>,
    ) {
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for key in &required {
            if !map.contains_key(*key) {
                wrong.push(format!("{at}: required `{key}` is missing"));
            }
        }
        let properties = schema["properties"].as_object();
        if let (Some(name), Some(properties)) = (name, properties) {
            for property in properties.keys() {
                let seen = self
                    .seen
                    .entry((name.to_owned(), property.clone()))
                    .or_default();
                match map.get(property) {
                    Some(Value::Null) if !required.contains(&property.as_str()) => {
                        seen.0 += 1;
                        seen.1 += 1;
                    }
                    Some(_) => seen.0 += 1,
                    None => seen.2 += 1,
                }
            }
        }
        for (key, inner) in map {
            let place = format!("{at}.{key}");
            match properties.and_then(|p| p.get(key)) {
                Some(property) => self.conforms(property, None, inner, &place, wrong),
                None => match &schema["additionalProperties"] {
                    Value::Object(extra) => {
                        let extra = Value::Object(extra.clone());
                        self.conforms(&extra, None, inner, &place, wrong);
                    }
                    Value::Bool(true) => {}
                    _ if properties.is_some() => {
                        wrong.push(format!("{place} is sent but not declared"));
                    }
                    _ => {}
                },
            }
        }
    }
}

/// The names of the components `value` refers to.
fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref")
                && let Some(name) = r.strip_prefix("#/components/schemas/")
            {
                out.push(name.to_owned());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// An `allOf` as one object schema: its parts' properties and required
/// properties together (`#[serde(flatten)]` gives these).
fn merged(doc: &Value, schema: &Value) -> Value {
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        let part = match part["$ref"].as_str() {
            Some(r) => doc.pointer(&r[1..]).cloned().unwrap_or(Value::Null),
            None => part.clone(),
        };
        let part = if part.get("allOf").is_some() {
            merged(doc, &part)
        } else {
            part
        };
        if let Some(p) = part["properties"].as_object() {
            properties.extend(p.clone());
        }
        required.extend(part["required"].as_array().cloned().unwrap_or_default());
    }
    serde_json::json!({"type": "object", "properties": properties, "required": required})
}

fn excerpt(value: &Value) -> String {
    value.to_string().chars().take(80).collect()
}

/// The checks the authorization matrix runs on every answer see what they
/// look for.
#[test]
fn the_openapi_conformance_check_sees_what_it_looks_for() {
    let doc = committed();
    let reply = |status: u16, headers: &[(&str, &str)], body: Value| {
        let mut map = awc::http::header::HeaderMap::new();
        map.insert(
            awc::http::header::CONTENT_TYPE,
            awc::http::header::HeaderValue::from_static("application/json"),
        );
        for (name, value) in headers {
            map.insert(
                awc::http::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                awc::http::header::HeaderValue::from_str(value).unwrap(),
            );
        }
        Reply {
            status: awc::http::StatusCode::from_u16(status).unwrap(),
            headers: map,
            body: body.to_string().into_bytes(),
        }
    };
    let mut check = Conformance::new(&doc);
    let wrong = check.check(
        "GET",
        "/api/v1/delegations/{id}",
        &reply(
            200,
            &[("location", "/x")],
            serde_json::json!({"id": 1, "direction": "sideways", "extra": 1}),
        ),
    );
    for expected in [
        "200: header etag is declared but not sent",
        "200: header location is sent but not declared",
        "body: required `reference` is missing",
        "body.direction: \"sideways\" is not one of",
        "body.extra is sent but not declared",
    ] {
        assert!(
            wrong.iter().any(|w| w.starts_with(expected)),
            "{expected} not in {wrong:#?}"
        );
    }
    assert_eq!(
        check.check(
            "GET",
            "/api/v1/delegations/{id}",
            &reply(418, &[], Value::Null)
        ),
        ["status 418 is not declared"]
    );
    // A property every answer carried, once as null, is reported; one an
    // answer left out is not.
    let member = |email: Option<Value>| {
        let mut m = serde_json::json!({"email": Value::Null});
        if let Some(email) = email {
            m["email"] = email;
        } else {
            m.as_object_mut().unwrap().remove("email");
        }
        reply(200, &[], serde_json::json!({"items": [m]}))
    };
    let path = "/api/v1/delegations/{id}/members";
    check.check("GET", path, &member(Some(Value::Null)));
    check.check("GET", path, &member(Some("a@b.c".into())));
    assert!(
        check
            .always_sent()
            .iter()
            .any(|w| w.starts_with("MemberView.email")),
        "{:?}",
        check.always_sent()
    );
    check.check("GET", path, &member(None));
    assert!(
        !check
            .always_sent()
            .iter()
            .any(|w| w.starts_with("MemberView.email"))
    );
}
