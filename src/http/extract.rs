//! Extractors that turn a request's body, query and headers into typed
//! input, answering problem+json (with the field at fault) when they cannot.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::domain::FieldError;
use crate::error::{ApiError, ApiResult};

const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// How long a body may take where no configuration says (unit tests).
const DEFAULT_BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The whole request body within the configured limits: 413 over the size,
/// 408 when it has not all arrived in time (a client sending a byte every
/// few seconds held a connection for minutes), 400 when it cannot be read.
pub(crate) fn read_body(
    req: &HttpRequest,
    payload: &mut Payload,
) -> impl Future<Output = ApiResult<web::Bytes>> + use<> {
    let (limit, timeout) = req
        .app_data::<web::Data<crate::AppState>>()
        .map_or((DEFAULT_BODY_LIMIT, DEFAULT_BODY_TIMEOUT), |s| {
            (s.config.body_limit, s.config.body_timeout)
        });
    let body = web::Bytes::from_request(req, payload);
    async move {
        match actix_web::rt::time::timeout(timeout, body).await {
            Ok(read) => read.map_err(|e| payload_error(e, limit)),
            Err(_) => Err(ApiError::RequestTimeout {
                seconds: timeout.as_secs(),
            }),
        }
    }
}

/// A JSON body, parsed and validated: 415 for another content type, 413
/// over the body limit, 400 for malformed JSON, 422 (naming the field) for
/// wrong types, missing or unknown fields, or broken rules.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = ApiResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|v| {
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            });
        let body = read_body(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType(
                    "the request body must be JSON (Content-Type: application/json)".into(),
                ));
            }
            let bytes = body.await?;
            let value = parse_json::<T>(&bytes)?;
            validate(&value)?;
            Ok(ValidJson(value))
        })
    }
}

/// A body the framework could not read: 413 over the limit, else 400.
pub(crate) fn payload_error(e: actix_web::Error, limit: usize) -> ApiError {
    match e.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit },
        _ if e.as_response_error().status_code().as_u16() == 413 => {
            ApiError::PayloadTooLarge { limit }
        }
        _ => ApiError::BadRequest("the request body could not be read".into()),
    }
}

/// Parses a JSON object, naming the path of the field at fault.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    // serde reads a struct from an array too (`[1, 2]` as its fields in
    // order): every body here is an object, and saying so is clearer.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
            Ok(_) => Err(ApiError::invalid("body", "must be a JSON object")),
            Err(e) => Err(ApiError::BadRequest(format!(
                "the body is not valid JSON: {e}"
            ))),
        };
    }
    if let Some(field) = nul_in_json(bytes) {
        return Err(ApiError::invalid(&field, NUL));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => ApiError::Invalid(vec![FieldError::new(
                if path == "." { "body".to_owned() } else { path },
                strip_position(&inner.to_string()),
            )]),
            _ => ApiError::BadRequest(format!("the body is not valid JSON: {inner}")),
        }
    })
}

/// PostgreSQL cannot keep U+0000 in text (SQLite can): refused on both
/// engines alike, at the edge, naming the field, before it can become a
/// database error (a 500) on one of them.
const NUL: &str = "must not contain the NUL character (U+0000)";

/// The path of the first string (or key) in a JSON body that holds U+0000.
/// JSON carries it only as the escape `\u0000` (raw control characters are
/// not JSON), so a body without one is not parsed twice.
fn nul_in_json(bytes: &[u8]) -> Option<String> {
    // One pass, escape by escape: `\\u0000` is a backslash and text.
    let mut rest = bytes;
    loop {
        let at = rest.iter().position(|&b| b == b'\\')?;
        let escape = &rest[at + 1..];
        if escape.starts_with(b"u0000") {
            break;
        }
        rest = escape.get(1..)?;
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    nul_at(&value, String::new())
}

fn nul_at(value: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains('\0') => {
            Some(if at.is_empty() { "body".into() } else { at })
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| nul_at(item, format!("{at}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let path = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            if key.contains('\0') {
                Some(path)
            } else {
                nul_at(item, path)
            }
        }),
        _ => None,
    }
}

/// serde_json adds "at line 1 column 9": noise for a field error.
fn strip_position(message: &str) -> String {
    message
        .find(" at line ")
        .map_or(message, |i| &message[..i])
        .to_owned()
}

/// Query parameters, parsed and validated: 422 naming the parameter.
#[derive(Debug)]
pub struct ValidQuery<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<ApiResult<Self>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(ValidQuery))
    }
}

pub fn parse_query<T: DeserializeOwned + Validate>(query: &str) -> ApiResult<T> {
    if let Some((name, _)) =
        form_urlencoded_parse(query).find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        return Err(ApiError::invalid(&name.replace('\0', ""), NUL));
    }
    // serde_html_form (serde_urlencoded's fork that axum-extra reads
    // queries with): a repeated key fills a list (`kind=a&kind=b`).
    let de = serde_html_form::Deserializer::from_bytes(query.as_bytes());
    let value: T = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // What serde_html_form says of a parameter that takes one value
        // and was given several (`limit=1&limit=2`).
        let message = if message == "unsupported value" {
            "is given more than once; give it once".to_owned()
        } else {
            message
        };
        ApiError::invalid(if path == "." { "query" } else { &path }, message)
    })?;
    validate(&value)?;
    Ok(value)
}

fn form_urlencoded_parse(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

pub use crate::model::input::validate;

/// The version an `If-Match` header asks for; `None` when absent or `*`.
/// A value that names no version of ours cannot match: 412. One longer than
/// the document allows (`IF_MATCH_MAX`) is refused as input: 422.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i64>);

/// The longest `If-Match` taken (an ETag here is a quoted i64: 22 at most).
pub const IF_MATCH_MAX: usize = 64;

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<ApiResult<Self>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get(header::IF_MATCH) {
            None => Ok(IfMatch(None)),
            Some(v) if v.len() > IF_MATCH_MAX => Err(ApiError::invalid(
                "If-Match",
                format!("must be an ETag this service gave (at most {IF_MATCH_MAX} characters)"),
            )),
            Some(v) => {
                let raw = v.to_str().unwrap_or("").trim();
                if raw == "*" {
                    Ok(IfMatch(None))
                } else {
                    Ok(IfMatch(Some(parse_etag(raw).unwrap_or(-1))))
                }
            }
        };
        std::future::ready(parsed)
    }
}

/// The ETag of a record at `version`.
pub fn etag(version: i64) -> header::EntityTag {
    header::EntityTag::new_strong(version.to_string())
}

fn parse_etag(raw: &str) -> Option<i64> {
    let raw = raw.strip_prefix("W/").unwrap_or(raw);
    raw.strip_prefix('"')?.strip_suffix('"')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Probe {
        #[validate(length(max = 3, message = "too long"))]
        name: String,
        #[allow(dead_code)]
        tags: Vec<u8>,
    }

    #[test]
    fn a_query_repeats_a_list_and_not_a_value() {
        #[derive(Debug, Deserialize, Validate)]
        struct Query {
            #[serde(default)]
            kind: Vec<String>,
            #[allow(dead_code)]
            limit: Option<u32>,
        }
        let query = parse_query::<Query>("kind=a&kind=b").ok();
        assert_eq!(query.map(|q| q.kind), Some(vec!["a".into(), "b".into()]));
        match parse_query::<Query>("limit=1&limit=2") {
            Err(ApiError::Invalid(errors)) => {
                assert_eq!(errors[0].field, "limit");
                assert_eq!(errors[0].message, "is given more than once; give it once");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn field_errors_name_the_field() {
        match parse_json::<Probe>(br#"{"name":"a","tags":[1,"x"]}"#) {
            Err(ApiError::Invalid(errors)) => assert_eq!(errors[0].field, "tags[1]"),
            other => panic!("{other:?}"),
        }
        match parse_json::<Probe>(br#"{"name":"a","tags":[],"extra":1}"#) {
            Err(ApiError::Invalid(errors)) => assert!(errors[0].message.contains("unknown field")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_json::<Probe>(b"{\"name\":"),
            Err(ApiError::BadRequest(_))
        ));
        let probe = parse_json::<Probe>(br#"{"name":"abcd","tags":[]}"#).unwrap();
        match validate(&probe) {
            Err(ApiError::Invalid(errors)) => {
                assert_eq!(errors, [FieldError::new("name", "too long")]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_a_real_nul_escape_is_found_and_named() {
        assert_eq!(nul_in_json(br#"{"a": "x\\u0000"}"#), None);
        assert_eq!(
            nul_in_json(br#"{"a": ["ok", "x\u0000"]}"#).as_deref(),
            Some("a[1]")
        );
        assert_eq!(
            nul_in_json(br#"{"a": {"b": "\\\u0000"}}"#).as_deref(),
            Some("a.b")
        );
        assert_eq!(nul_in_json(br#"{"a": "ends in \"#), None);
    }

    #[test]
    fn etags_round_trip() {
        assert_eq!(parse_etag(&etag(7).to_string()), Some(7));
        assert_eq!(parse_etag("W/\"7\""), Some(7));
        assert_eq!(parse_etag("7"), None);
    }
}
