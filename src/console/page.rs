//! What every page shares: the header (`Chrome`: language, the signed-in
//! user, the navigation, the CSRF token of its forms), rendering, redirects,
//! and the errors a form is shown again with.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::assets::ASSETS;
use super::error::PageError;
use super::i18n::Tr;
use super::session::{Account, Visit};
use crate::domain::FieldError;
use crate::error::ApiError;

/// The part of the console a page belongs to (marked in the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Inbox,
    Delegations,
    Press,
    Schedule,
    Subscriptions,
    Admin,
    Audit,
    Me,
    Other,
}

/// The parts of the console the signed-in role may open (the domain's
/// rules; the pages decide again).
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts {
    pub press: bool,
    pub admin: bool,
    pub audit: bool,
}

/// The signed-in user as the header names them.
#[derive(Debug, Clone)]
pub struct Who {
    pub name: String,
    pub role: String,
}

/// The frame of every page.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub t: Tr,
    pub csrf: String,
    pub user: Option<Who>,
    pub nav: Nav,
    /// Where the language switch comes back to.
    pub here: String,
    /// How many entries wait in the inbox (the header's count).
    pub waiting: Option<usize>,
    pub parts: Parts,
    pub css: &'static str,
    pub js: &'static str,
}

impl Chrome {
    /// The frame of a page for `account` (or of one shown before sign-in).
    pub fn new(visit: &Visit, account: Option<&Account>, nav: Nav, here: &str) -> Self {
        let t = visit.tr();
        Self {
            t,
            csrf: visit.csrf_token(),
            user: account.map(|a| Who {
                name: a.user.display_name.clone(),
                role: t.name("role", a.user.role.as_str()),
            }),
            nav,
            here: here.to_owned(),
            waiting: account.and_then(|a| a.waiting),
            parts: account.map_or_else(Parts::default, |a| Parts {
                press: crate::domain::press::visible_to(a.caller.role),
                admin: a.caller.role.manages_users(),
                audit: a.caller.role.reads_audit(),
            }),
            css: &ASSETS.css.path,
            js: &ASSETS.js.path,
        }
    }

    /// The frame of an error page, which knows only the language.
    pub fn bare(t: Tr, here: &str) -> Self {
        Self {
            t,
            csrf: String::new(),
            user: None,
            nav: Nav::Other,
            here: here.to_owned(),
            waiting: None,
            parts: Parts::default(),
            css: &ASSETS.css.path,
            js: &ASSETS.js.path,
        }
    }

    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.t.t(id)
    }

    /// `aria-current="page"` for the current part of the console.
    pub fn current(&self, nav: Nav) -> &'static str {
        if self.nav == nav { "page" } else { "false" }
    }
}

/// A page for an error.
#[derive(Debug, Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub title: String,
    pub message: String,
}

/// The errors a form is shown again with, in the page's language: each
/// names its field (the input's id is `f-<field>`) for the summary's links.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    /// The errors of a refused change, translated; `None` for an error that
    /// is not about the form's fields (it is shown as its own page).
    pub fn from_api(error: ApiError, t: Tr) -> Result<Self, PageError> {
        match error {
            ApiError::Invalid(fields) => Ok(Self(
                fields
                    .into_iter()
                    .map(|f| FieldError::new(f.field, t.phrase(&f.message)))
                    .collect(),
            )),
            ApiError::Conflict { detail, .. } => {
                Ok(Self(vec![FieldError::new("", t.phrase(&detail))]))
            }
            other => Err(PageError::Api(other)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field` (its first), if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field || e.field.starts_with(&format!("{field}[")))
            .map(|e| e.message.as_str())
    }

    /// The anchor the summary links an error to.
    pub fn anchor(field: &str) -> String {
        let base = field.split(['[', '.']).next().unwrap_or(field);
        if base.is_empty() {
            "#main".to_owned()
        } else {
            format!("#f-{base}")
        }
    }
}

/// A rendered page.
pub fn html(visit: &Visit, page: &impl Template) -> Result<HttpResponse, PageError> {
    html_with(visit, StatusCode::OK, page)
}

/// A form's page: 200, or 422 when it is shown again with its errors.
pub fn form(
    visit: &Visit,
    errors: &FormErrors,
    page: &impl Template,
) -> Result<HttpResponse, PageError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    html_with(visit, status, page)
}

/// A rendered page with `status` (422 for a form shown again).
pub fn html_with(
    visit: &Visit,
    status: StatusCode,
    page: &impl Template,
) -> Result<HttpResponse, PageError> {
    Ok(visit.finish(html_status(status, page)))
}

/// A rendered page with `status`, for the error pages.
pub fn html_status(status: StatusCode, page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(body) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "a template failed");
            HttpResponse::InternalServerError()
                .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
                .body("internal error")
        }
    }
}

/// The address a page was asked for (where the language switch returns).
pub fn here(req: &HttpRequest, fallback: &str) -> String {
    req.uri()
        .path_and_query()
        .map_or(fallback, |p| p.as_str())
        .to_owned()
}

/// After a change: 303 to the page that shows it.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

/// A path on this site to go back to: only a local absolute path (never
/// `//host` or a scheme), else the home page.
pub fn local_path(raw: Option<&str>) -> String {
    match raw {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(local_path(Some("/delegations/3")), "/delegations/3");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }
}
