//! Request-wide concerns: a request id, one log line per request and its
//! count in the metrics, and the guarantee that every error answer is
//! problem+json and no panic escapes.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use futures_util::FutureExt;
use tracing::Instrument;

use super::metrics;
use crate::error::{ApiError, PROBLEM_JSON, Problem, StatusProblem};

/// The id of the request being served; also answered as `X-Request-Id`.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Gives the request an id, runs it inside a span carrying that id, and logs
/// one line when it is answered: method, path (feed tokens hidden), status,
/// latency. Bodies, query strings and headers are never logged. The same
/// answer is counted in the metrics under its route's template.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    let method = req.method().clone();
    let path = loggable_path(req.path());
    // The template is read before routing: the request cannot be kept
    // shared across the call (routing needs it unshared), and errors come
    // back without it.
    let route = req.match_pattern();
    let span = tracing::info_span!("request", request_id = %id);
    let started = Instant::now();
    let mut res = match next.call(req).instrument(span.clone()).await {
        Ok(res) => res,
        Err(err) => {
            let status = err.as_response_error().status_code().as_u16();
            metrics::request_answered(method.as_str(), route.as_deref(), status, started.elapsed());
            span.in_scope(|| tracing::info!(%method, path, status, "answered with an error"));
            return Err(err);
        }
    };
    metrics::request_answered(
        method.as_str(),
        route.as_deref(),
        res.status().as_u16(),
        started.elapsed(),
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    span.in_scope(|| {
        tracing::info!(
            %method,
            path,
            status = res.status().as_u16(),
            latency_ms = started.elapsed().as_secs_f64() * 1000.0,
            "answered"
        );
    });
    Ok(res)
}

/// A calendar feed's path holds its secret token: log the shape only.
fn loggable_path(path: &str) -> String {
    match path.strip_prefix("/calendar/") {
        Some(rest) if !rest.starts_with("public/") => "/calendar/<token>".to_owned(),
        _ => path.chars().take(200).collect(),
    }
}

/// Turns any answer of 400 or more that is not yet problem+json or a page (an unknown
/// route, a wrong method, a body the framework refused) into one, and a
/// panicking handler into a plain 500 problem. (Errors are returned as
/// `Err`, which the server answers with their problem body: the request
/// cannot be kept here to build a response, as routing needs it unshared.)
pub async fn problem_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(Ok(res)) => res.map_into_boxed_body(),
        Ok(Err(err))
            if err.as_error::<ApiError>().is_some()
                || err.as_error::<crate::console::error::Rendered>().is_some() =>
        {
            return Err(err);
        }
        Ok(Err(err)) => return Err(StatusProblem(err.as_response_error().status_code()).into()),
        Err(_) => {
            tracing::error!("a handler panicked");
            return Err(ApiError::Internal.into());
        }
    };
    if res.status().as_u16() < 400 || is_problem(&res) {
        return Ok(res);
    }
    let status = res.status();
    let allow = res.headers().get(header::ALLOW).cloned();
    Ok(res.map_body(|head, _| {
        head.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(allow) = allow {
            head.headers_mut().insert(header::ALLOW, allow);
        }
        BoxBody::new(serde_json::to_string(&Problem::for_status(status)).unwrap_or_default())
    }))
}

/// A problem already, or a page of the console (which answers its errors
/// as pages for people).
fn is_problem(res: &ServiceResponse<BoxBody>) -> bool {
    res.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()) || v.as_bytes().starts_with(b"text/html")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_tokens_never_reach_the_log() {
        assert_eq!(loggable_path("/calendar/s3cr3t.ics"), "/calendar/<token>");
        assert_eq!(
            loggable_path("/calendar/public/press-conferences.ics"),
            "/calendar/public/press-conferences.ics"
        );
        assert_eq!(loggable_path("/api/v1/users/3"), "/api/v1/users/3");
    }
}
