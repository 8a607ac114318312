//! The signed-in user's own page: who they are (name, unit, role), the
//! language of the console, their e-mail settings, and a new password.
//!
//! A new password ends every session of the user (their token epoch
//! rises), as it ends every API token; the API answers the change with a
//! fresh token, and this page likewise opens a fresh session for the
//! browser that made it: the person stays signed in here and is signed out
//! everywhere else (a stolen session included).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::{Lang, Tr};
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::{Account, Visit};
use crate::db::AnyConnection;
use crate::domain::FieldError;
use crate::domain::user::NewPassword;
use crate::error::{ApiError, ApiResult};
use crate::http::auth;
use crate::model;

/// This part's routes.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(show).service(change_password).service(set_mail);
}

/// A language the page offers, in its own words.
#[derive(Debug)]
struct LangChoice {
    code: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    c: Chrome,
    errors: FormErrors,
    name: String,
    username: String,
    role: String,
    unit: Option<String>,
    langs: Vec<LangChoice>,
    /// What a new password must be.
    password_rule: String,
    notice: Option<String>,
    /// The e-mail settings as kept (or as typed, when refused).
    mail_email: String,
    mail_digest: bool,
    mail_notices: bool,
}

impl MePage {
    fn new(visit: &Visit, account: &Account, unit: Option<String>) -> Self {
        let t = visit.tr();
        Self {
            c: Chrome::new(visit, Some(account), Nav::Me, "/me"),
            errors: FormErrors::default(),
            name: account.user.display_name.clone(),
            username: account.user.username.clone(),
            role: t.name("role", account.user.role.as_str()),
            unit,
            langs: Lang::ALL
                .iter()
                .map(|lang| LangChoice {
                    code: lang.code(),
                    label: t.t(&format!("me-language-{}", lang.code())),
                    checked: *lang == visit.lang,
                })
                .collect(),
            password_rule: password_rule(t, "me-password-new-hint"),
            notice: None,
            mail_email: String::new(),
            mail_digest: false,
            mail_notices: true,
        }
    }

    fn with_mail(mut self, mail: crate::db::user::MailSettings) -> Self {
        self.mail_email = mail.email.unwrap_or_default();
        self.mail_digest = mail.daily_digest;
        self.mail_notices = mail.change_notices;
        self
    }
}

/// The account's unit's name and its e-mail settings.
fn page_data(
    conn: &mut AnyConnection,
    account: &Account,
) -> ApiResult<(Option<String>, crate::db::user::MailSettings)> {
    Ok((
        unit_name(conn, account)?,
        model::user::mail_settings(conn, account.caller)?,
    ))
}

/// What a new password must be (`id`: the hint, or the error).
fn password_rule(t: Tr, id: &str) -> String {
    t.with(
        id,
        &[
            ("min", NewPassword::MIN.into()),
            ("max", NewPassword::MAX.into()),
        ],
    )
}

/// The name of the account's unit, if it has one.
fn unit_name(conn: &mut AnyConnection, account: &Account) -> ApiResult<Option<String>> {
    account
        .user
        .unit_id
        .map(|id| model::unit::find(conn, id).map(|u| u.name))
        .transpose()
}

#[derive(Debug, Deserialize)]
struct MeQuery {
    done: Option<String>,
}

/// `GET /me`.
#[get("/me")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<MeQuery>,
) -> Result<HttpResponse, PageError> {
    let (account, (unit, mail)) = visit.read(&state, page_data).await?;
    let mut page = MePage::new(&visit, &account, unit).with_mail(mail);
    match query.done.as_deref() {
        Some("password") => page.notice = Some(visit.tr().t("me-password-changed")),
        Some("mail") => page.notice = Some(visit.tr().t("me-mail-saved")),
        _ => {}
    }
    page::html(&visit, &page)
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat_password: String,
}

impl PasswordForm {
    /// The new password, or what the form lacks before the current
    /// password is worth checking.
    fn new_password(&self, t: Tr) -> Result<NewPassword, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.current_password.is_empty() {
            errors.push(FieldError::new(
                "current_password",
                t.t("me-password-need-current"),
            ));
        }
        let new_password = NewPassword::parse(&self.new_password)
            .map_err(|_| FieldError::new("new_password", password_rule(t, "me-password-rule")));
        if let Err(error) = &new_password {
            errors.push(error.clone());
        }
        if self.repeat_password != self.new_password {
            errors.push(FieldError::new(
                "repeat_password",
                t.t("me-password-repeat-differs"),
            ));
        }
        match new_password {
            Ok(p) if errors.is_empty() => Ok(p),
            _ => Err(errors),
        }
    }
}

/// A current password refused: wrong (422), or one guess too many (429).
fn refusal(error: ApiError, t: Tr) -> Result<(FieldError, StatusCode), PageError> {
    match error {
        ApiError::Invalid(_) => Ok((
            FieldError::new("current_password", t.t("me-password-wrong-current")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        ApiError::TooManyRequests { retry_after } => {
            let minutes = retry_after.div_ceil(60);
            Ok((
                FieldError::new(
                    "current_password",
                    t.with("sign-in-throttled", &[("minutes", minutes.into())]),
                ),
                StatusCode::TOO_MANY_REQUESTS,
            ))
        }
        other => Err(other.into()),
    }
}

/// `POST /me/password`: the current password checked under the login
/// throttle (as the API's `/me/password` checks it), then the new one kept
/// and a fresh session opened; the form again with 422 (429) otherwise.
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let t = visit.tr();
    let checked = form.new_password(t);
    let (account, ((me, stored), (unit, mail))) = visit
        .read(&state, |conn, account| {
            let own = model::user::own_password(conn, account.caller)?;
            Ok((own, page_data(conn, account)?))
        })
        .await?;
    let (errors, status) = match checked {
        Ok(new_password) => {
            let address = auth::client_address(&req, state.config.behind_proxy);
            let current = form.current_password;
            match auth::replace_password(&state, &me, address, stored, current, new_password).await
            {
                Ok(new_hash) => {
                    let user = visit
                        .write(&state.db, move |conn, _caller| {
                            model::user::change_own_password(conn, &me, new_hash)
                        })
                        .await?;
                    return visit
                        .open(&state, user, page::see_other("/me?done=password"))
                        .await;
                }
                Err(refused) => {
                    let (error, status) = refusal(refused, t)?;
                    (vec![error], status)
                }
            }
        }
        Err(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let mut page = MePage::new(&visit, &account, unit).with_mail(mail);
    page.errors = FormErrors(errors);
    page::html_with(&visit, status, &page)
}

#[derive(Debug, Deserialize)]
struct MailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    address: String,
    /// A checkbox: present when ticked.
    daily_digest: Option<String>,
    change_notices: Option<String>,
}

/// `POST /me/mail`: the e-mail settings kept through the operation the
/// API's `PUT /me/mail` calls; the form again with its errors (422) and
/// nothing changed otherwise.
#[post("/me/mail")]
pub async fn set_mail(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<MailForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let t = visit.tr();
    let typed = crate::db::user::MailSettings {
        email: Some(form.address.clone()),
        daily_digest: form.daily_digest.is_some(),
        change_notices: form.change_notices.is_some(),
    };
    let parsed = model::user::MailSettingsInput::parse(
        Some(&form.address),
        typed.daily_digest,
        typed.change_notices,
    );
    let error = match parsed {
        Ok(input) => {
            let kept = visit
                .write(&state.db, move |conn, caller| {
                    model::user::set_mail_settings(conn, caller, input)
                })
                .await;
            match kept {
                Ok(_) => return Ok(visit.finish(page::see_other("/me?done=mail"))),
                Err(PageError::Api(e)) => e,
                Err(other) => return Err(other),
            }
        }
        Err(e) => e,
    };
    let errors = FormErrors::from_api(error, t)?;
    let (account, unit) = visit.read(&state, unit_name).await?;
    let mut page = MePage::new(&visit, &account, unit).with_mail(typed);
    page.errors = errors;
    page::form(&visit, &page.errors.clone(), &page)
}
