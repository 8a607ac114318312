//! Signing in and out, and choosing the language (before sign-in too).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Lang;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::Visit;
use crate::domain::FieldError;
use crate::error::ApiError;
use crate::http::auth;

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    c: Chrome,
    errors: FormErrors,
    username: String,
    next: String,
}

#[derive(Debug, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// `GET /sign-in`: the form.
#[get("/sign-in")]
pub async fn show(visit: Visit, query: web::Query<NextQuery>) -> Result<HttpResponse, PageError> {
    let next = page::local_path(query.next.as_deref());
    page::html(
        &visit,
        &SignInPage {
            c: Chrome::new(&visit, None, Nav::Other, "/sign-in"),
            errors: FormErrors::default(),
            username: String::new(),
            next,
        },
    )
}

#[derive(Debug, Deserialize)]
struct SignInForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// `POST /sign-in`: the password checked under the API's login throttle;
/// a session on success, the form again with the reason otherwise.
#[post("/sign-in")]
pub async fn submit(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let next = page::local_path(form.next.as_deref());
    let t = visit.tr();
    let mut errors = Vec::new();
    if form.username.trim().is_empty() {
        errors.push(FieldError::new("username", t.t("sign-in-need-username")));
    }
    if form.password.is_empty() {
        errors.push(FieldError::new("password", t.t("sign-in-need-password")));
    }
    let status = if errors.is_empty() {
        let address = auth::client_address(&req, state.config.behind_proxy);
        match auth::sign_in(&state, &form.username, form.password, address).await {
            Ok(user) => return visit.open(&state, user, page::see_other(&next)).await,
            Err(ApiError::Unauthorized(_)) => {
                errors.push(FieldError::new("", t.t("sign-in-wrong")));
                StatusCode::UNAUTHORIZED
            }
            Err(ApiError::TooManyRequests { retry_after }) => {
                let minutes = retry_after.div_ceil(60);
                errors.push(FieldError::new(
                    "",
                    t.with("sign-in-throttled", &[("minutes", minutes.into())]),
                ));
                StatusCode::TOO_MANY_REQUESTS
            }
            Err(other) => return Err(other.into()),
        }
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page::html_with(
        &visit,
        status,
        &SignInPage {
            c: Chrome::new(&visit, None, Nav::Other, "/sign-in"),
            errors: FormErrors(errors),
            username: form.username,
            next,
        },
    )
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /sign-out`: the session ends here and in the database.
#[post("/sign-out")]
pub async fn sign_out(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    visit.close(&state, page::see_other("/sign-in")).await
}

#[derive(Debug, Deserialize)]
struct LanguageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    back: Option<String>,
}

/// `POST /language`: the language of this browser, and of the signed-in
/// user wherever they sign in next.
#[post("/language")]
pub async fn language(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let lang = Lang::parse(&form.lang)
        .ok_or_else(|| ApiError::invalid("lang", "must be one of: vi, en"))?;
    let back = page::local_path(form.back.as_deref());
    visit
        .choose_language(&state, lang, page::see_other(&back))
        .await
}
