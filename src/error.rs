//! One error type for the whole API, answered as RFC 9457 problem+json.
//!
//! Internal causes are logged (inside the request's span, so with its id)
//! and never sent to the client.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToSchema};

use crate::domain::FieldError;

pub type ApiResult<T> = Result<T, ApiError>;

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(String),
    #[error("no such record")]
    NotFound,
    #[error("{detail}")]
    Conflict {
        detail: String,
        extra: Option<serde_json::Value>,
    },
    #[error("the record has changed since it was read (version {current}); read it again")]
    PreconditionFailed { current: i64 },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("the request body did not arrive within {seconds} seconds")]
    RequestTimeout { seconds: u64 },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the input is not valid")]
    Invalid(Vec<FieldError>),
    #[error("too many failed attempts; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    #[error("the service is busy or its database unreachable; try again shortly")]
    Unavailable,
    #[error("internal error")]
    Internal,
}

impl ApiError {
    /// One invalid field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::Forbidden(detail.into())
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::Conflict {
            detail: detail.into(),
            extra: None,
        }
    }

    /// Logs the cause (never sent) and answers 500.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::Internal
    }

    fn slug(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad-request",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound => "not-found",
            Self::Conflict { .. } => "conflict",
            Self::PreconditionFailed { .. } => "precondition-failed",
            Self::PayloadTooLarge { .. } => "payload-too-large",
            Self::RequestTimeout { .. } => "request-timeout",
            Self::UnsupportedMediaType(_) => "unsupported-media-type",
            Self::Invalid(_) => "invalid-input",
            Self::TooManyRequests { .. } => "too-many-requests",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as Kind, Error};
        match e {
            Error::NotFound => Self::NotFound,
            Error::DatabaseError(Kind::UniqueViolation, _) => {
                Self::conflict("a record with the same unique value already exists")
            }
            Error::DatabaseError(Kind::ForeignKeyViolation, _) => {
                Self::conflict("the record refers to, or is referred to by, another record")
            }
            Error::DatabaseError(Kind::SerializationFailure, _) => Self::Unavailable,
            other => Self::internal(format_args!("database: {other}")),
        }
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(e: r2d2::Error) -> Self {
        tracing::warn!(cause = %e, "no database connection");
        Self::Unavailable
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::internal(format_args!("blocking task: {e}"))
    }
}

/// The kinds of problem this service answers, as `ApiError::slug` and
/// `Problem::for_status` name them; a problem's `type` is
/// `urn:visitdesk:problem:` and one of these.
pub const PROBLEM_SLUGS: [&str; 15] = [
    "bad-request",
    "unauthorized",
    "forbidden",
    "not-found",
    "method-not-allowed",
    "conflict",
    "precondition-failed",
    "request-timeout",
    "payload-too-large",
    "unsupported-media-type",
    "invalid-input",
    "too-many-requests",
    "unavailable",
    "internal",
    "error",
];

const PROBLEM_TYPE_PREFIX: &str = "urn:visitdesk:problem:";

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    #[schema(schema_with = problem_types)]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For invalid input: each field and what is wrong with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

/// The document's `Problem.type`: the closed list of `PROBLEM_SLUGS`.
fn problem_types() -> RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .description(Some("A URI naming the kind of problem."))
        .enum_values(Some(
            PROBLEM_SLUGS.map(|slug| format!("{PROBLEM_TYPE_PREFIX}{slug}")),
        ))
        .build()
        .into()
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, detail: impl Into<String>) -> Self {
        debug_assert!(
            PROBLEM_SLUGS.contains(&slug),
            "{slug} is not in PROBLEM_SLUGS, which the OpenAPI document lists"
        );
        Self {
            problem_type: format!("{PROBLEM_TYPE_PREFIX}{slug}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: None,
        }
    }

    /// The generic problem for a status that no handler produced (an
    /// unknown route, a wrong method, a body the framework refused).
    pub fn for_status(status: StatusCode) -> Self {
        let (slug, detail) = match status.as_u16() {
            404 => ("not-found", "no such resource"),
            405 => (
                "method-not-allowed",
                "this resource does not answer that method",
            ),
            413 => ("payload-too-large", "the request body is too large"),
            415 => (
                "unsupported-media-type",
                "the request's content type is not accepted here",
            ),
            400 => ("bad-request", "the request could not be read"),
            s if s >= 500 => ("internal", "internal error"),
            _ => ("error", "the request could not be handled"),
        };
        Self::new(status, slug, detail)
    }

    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .body(serde_json::to_string(self).unwrap_or_default())
    }
}

/// An error the framework raised with only a status: answered as the
/// generic problem for that status.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StatusProblem(pub StatusCode);

impl ResponseError for StatusProblem {
    fn status_code(&self) -> StatusCode {
        self.0
    }

    fn error_response(&self) -> HttpResponse {
        Problem::for_status(self.0).response()
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut problem = Problem::new(self.status_code(), self.slug(), self.to_string());
        if let Self::Invalid(errors) = self {
            problem.errors = Some(errors.clone());
        }
        let body = match self {
            // Extension members (RFC 9457 §3.2) after the standard ones.
            Self::Conflict {
                extra: Some(serde_json::Value::Object(extra)),
                ..
            } => {
                let mut text = serde_json::to_string(&problem).unwrap_or_default();
                let more = serde_json::to_string(extra).unwrap_or_default();
                if text.ends_with('}') && more.len() > 2 {
                    text.pop();
                    text.push(',');
                    text.push_str(&more[1..]);
                }
                text
            }
            _ => serde_json::to_string(&problem).unwrap_or_default(),
        };
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        match self {
            Self::Unauthorized(_) => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            Self::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            Self::Unavailable => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            _ => {}
        }
        response.body(body)
    }
}

/// Declares, for the OpenAPI document, the problem answers an operation may
/// give; listed in each path's `responses(...)`.
macro_rules! problem_responses {
    ($($(#[$doc:meta])* $name:ident => $status:literal, $description:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                problem_response($status, $description)
            }
        }
    )*};
}

fn problem_response(status: &str, description: &str) -> BTreeMap<String, RefOr<Response>> {
    let content = ContentBuilder::new()
        .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
            "Problem",
        ))))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_JSON, content)
        .build();
    BTreeMap::from([(status.to_owned(), RefOr::T(response))])
}

problem_responses! {
    /// 400: the body is not JSON at all.
    BadRequestProblem => "400", "The request could not be read (malformed JSON)";
    /// 401: no valid token.
    UnauthorizedProblem => "401", "Missing, invalid or expired token, or a deactivated user";
    /// 403: the caller sees the record but may not do this.
    ForbiddenProblem => "403", "The caller's role may not do this";
    /// 404: no such record, or one the caller may not see.
    NotFoundProblem => "404", "No such record, or one the caller may not see";
    /// 409: the record's state or another record forbids it.
    ConflictProblem => "409", "The record's state, or other data, does not allow this now";
    /// 412: `If-Match` names an older version.
    PreconditionFailedProblem => "412", "If-Match does not match the record's current version";
    /// 408: the body came too slowly.
    RequestTimeoutProblem => "408", "The request body did not arrive within the time allowed";
    /// 413: the body is over the limit.
    PayloadTooLargeProblem => "413", "The request body is larger than the limit";
    /// 415: not JSON.
    UnsupportedMediaTypeProblem => "415", "The request body must be application/json";
    /// 422: fields are missing or invalid.
    InvalidProblem => "422", "Invalid input; `errors` lists each field";
    /// 429: too many failed logins.
    TooManyRequestsProblem => "429", "Too many failed attempts; see Retry-After";
    /// 503: the database cannot be reached.
    UnavailableProblem => "503", "The database is unreachable or busy; retry shortly";
}

/// The problems any request with a JSON body may meet before its handler runs.
#[derive(Debug)]
pub struct JsonBodyProblems;

impl IntoResponses for JsonBodyProblems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut all = BadRequestProblem::responses();
        all.extend(RequestTimeoutProblem::responses());
        all.extend(PayloadTooLargeProblem::responses());
        all.extend(UnsupportedMediaTypeProblem::responses());
        all.extend(InvalidProblem::responses());
        all
    }
}
