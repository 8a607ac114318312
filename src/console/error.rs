//! What a page answers when it cannot show what was asked: the sign-in page
//! for a browser without a session, a page in the person's language saying
//! what went wrong (never a JSON problem, never a 5xx for bad input).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, ResponseError};

use crate::error::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// No open session: sign in first.
    #[error("sign in first")]
    SignIn,
    /// A form without this browser's CSRF token.
    #[error("the form's security token is missing or not this session's")]
    Csrf,
    #[error(transparent)]
    Api(#[from] ApiError),
}

impl PageError {
    /// Whether the answer is "sign in (again)".
    pub fn wants_sign_in(&self) -> bool {
        matches!(
            self,
            PageError::SignIn | PageError::Api(ApiError::Unauthorized(_))
        )
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            _ if self.wants_sign_in() => StatusCode::SEE_OTHER,
            PageError::Api(e) => e.status_code(),
            PageError::SignIn => StatusCode::SEE_OTHER,
            PageError::Csrf => StatusCode::FORBIDDEN,
        }
    }

    /// A bare answer; `console::pages` turns it into the page (it knows the
    /// request: the language, the path to come back to).
    fn error_response(&self) -> HttpResponse {
        let mut answer = HttpResponse::build(self.status_code());
        if self.wants_sign_in() {
            answer.insert_header((header::LOCATION, "/sign-in"));
        }
        answer.finish()
    }
}

/// An error already rendered as the page (or redirect) a person gets: what
/// the console's middleware answers for a handler's error. (The request
/// cannot be kept to build a response there: routing needs it unshared.)
#[derive(Debug)]
pub struct Rendered {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Rendered {
    pub fn page(status: StatusCode, body: String) -> Self {
        Self {
            status,
            location: None,
            body,
        }
    }

    pub fn redirect(location: String) -> Self {
        Self {
            status: StatusCode::SEE_OTHER,
            location: Some(location),
            body: String::new(),
        }
    }
}

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a page answered {}", self.status)
    }
}

impl ResponseError for Rendered {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut answer = HttpResponse::build(self.status);
        if let Some(location) = &self.location {
            answer.insert_header((header::LOCATION, location.clone()));
        }
        let mut answer = answer
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .body(self.body.clone());
        super::secure(answer.headers_mut());
        answer
    }
}
