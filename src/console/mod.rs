//! The console: web pages for the people of the province, at `/`, from the
//! same binary as the API. Every page extracts what it was given, makes
//! one `model::` call (the same operations and visibility-checked reads as
//! the JSON routes, so a page can show or do nothing the API would refuse
//! that caller) and renders an askama template; every action is a plain
//! form (POST → 303 → GET; a 422 shows the form again with its errors),
//! so all of it works without JavaScript.

pub mod assets;
pub mod error;
pub mod i18n;
pub mod page;
pub mod pages;
pub mod session;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::web;

use askama::Template;

use self::error::{PageError, Rendered};
use self::i18n::Tr;
use self::page::{Chrome, ErrorPage};
use crate::error::ApiError;

/// The console's routes, under one middleware that answers its errors as
/// pages and sets the headers every page carries.
pub fn scope() -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<BoxBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope("")
        .wrap(from_fn(pages_middleware))
        .service(assets::asset)
        .configure(pages::register)
}

/// What no page may be without: no script but the console's own, no
/// framing, no sniffing, no referrer to other hosts.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

async fn pages_middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = session::lang_of(req.request());
    let here = here_of(&req);
    let mut res = match next.call(req).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(err) => return Err(error_answer(&err, Tr::new(lang), &here).into()),
    };
    // A handler's error arrives as a response that carries it. A path no
    // page matched keeps the service's problem answer (API clients probe).
    let matched = res.request().match_pattern().is_some();
    if let Some(err) = res.response().error().filter(|_| matched) {
        let page = error_answer(err, Tr::new(lang), &here);
        let (req, _) = res.into_parts();
        res = ServiceResponse::new(req, actix_web::ResponseError::error_response(&page));
    }
    secure(res.headers_mut());
    Ok(res)
}

/// The headers every page carries.
pub(crate) fn secure(headers: &mut header::HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The path and query of a request, to come back to after signing in.
fn here_of(req: &ServiceRequest) -> String {
    let uri = req.uri();
    uri.path_and_query()
        .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned())
}

/// A page for an error a handler returned: the sign-in page for a browser
/// without a (still valid) session, else a page saying what went wrong.
fn error_answer(err: &actix_web::Error, t: Tr, here: &str) -> Rendered {
    let fallback;
    let page_error = match (err.as_error::<PageError>(), err.as_error::<ApiError>()) {
        (Some(e), _) => e,
        (None, Some(ApiError::Unauthorized(m))) => {
            fallback = PageError::Api(ApiError::Unauthorized(m));
            &fallback
        }
        (None, Some(ApiError::NotFound)) => {
            fallback = PageError::Api(ApiError::NotFound);
            &fallback
        }
        (None, Some(e)) => {
            fallback = PageError::Api(ApiError::BadRequest(e.to_string()));
            &fallback
        }
        (None, None) => {
            fallback = PageError::Api(ApiError::BadRequest(err.to_string()));
            &fallback
        }
    };
    if page_error.wants_sign_in() {
        let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
        let location = if here == "/" || here.starts_with("/sign-") {
            "/sign-in".to_owned()
        } else {
            format!("/sign-in?next={next}")
        };
        return Rendered::redirect(location);
    }
    let status = actix_web::ResponseError::status_code(page_error);
    let (title, message) = match page_error {
        PageError::Csrf => (t.t("error-csrf-title"), t.t("error-csrf")),
        PageError::Api(ApiError::NotFound) => {
            (t.t("error-not-found-title"), t.t("error-not-found"))
        }
        PageError::Api(ApiError::Forbidden(m)) => (t.t("error-forbidden-title"), t.phrase(m)),
        PageError::Api(ApiError::Conflict { detail, .. }) => {
            (t.t("error-conflict-title"), t.phrase(detail))
        }
        PageError::Api(ApiError::TooManyRequests { retry_after }) => (
            t.t("error-busy-title"),
            t.with("error-too-many", &[("seconds", (*retry_after).into())]),
        ),
        PageError::Api(e) if status.is_server_error() => {
            tracing::error!(error = %e, "a page failed");
            (t.t("error-internal-title"), t.t("error-internal"))
        }
        PageError::Api(e) => (t.t("error-bad-request-title"), t.phrase(&e.to_string())),
        PageError::SignIn => (t.t("sign-in"), String::new()),
    };
    let page = ErrorPage {
        c: Chrome::bare(t, here),
        title,
        message,
    };
    let body = page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "the error page failed");
        message_text(&page)
    });
    Rendered::page(status, body)
}

/// The error page's text alone, should its template fail.
fn message_text(page: &ErrorPage) -> String {
    format!("{}: {}", page.title, page.message)
}
