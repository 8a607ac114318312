//! `/api/v1/me`: the logged-in user, changing one's own password, and
//! one's e-mail settings (address, daily digest, change notices).

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::auth::LoginResponse;
use super::user::{UserView, check_password};
use crate::AppState;
use crate::domain::user::NewPassword;
use crate::error::*;
use crate::http::auth::{self, SignedIn, client_address};
use crate::http::extract::ValidJson;

/// The logged-in user.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = UserView, description = "The logged-in user", headers(("ETag"))), UnauthorizedProblem))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, signed_in: SignedIn) -> ApiResult<HttpResponse> {
    let me = signed_in.account(&state.db).await?;
    Ok(super::user::answer(HttpResponse::Ok(), me))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    #[validate(length(min = 1, max = 128))]
    #[schema(max_length = 128, format = Password)]
    pub current_password: String,
    /// 10–128 characters.
    #[validate(custom(function = "check_password"))]
    #[schema(min_length = 10, max_length = 128, format = Password)]
    pub new_password: String,
}

/// Change one's own password. Every older token of the user stops working;
/// the answer carries a fresh one. A wrong current password counts as a
/// failed login (429 once the username or the address is locked).
#[utoipa::path(
    tag = "auth", security(("bearer" = [])), request_body = ChangePassword,
    responses((status = 200, body = LoginResponse, description = "Password changed: a fresh token"), UnauthorizedProblem, TooManyRequestsProblem, JsonBodyProblems)
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    body: ValidJson<ChangePassword>,
) -> ApiResult<web::Json<LoginResponse>> {
    let ChangePassword {
        current_password,
        new_password,
    } = body.0;
    let new_password =
        NewPassword::parse(&new_password).map_err(|m| ApiError::invalid("new_password", m))?;
    let caller = signed_in.caller();
    let (me, stored) = signed_in
        .read(&state.db, move |conn| {
            crate::model::user::own_password(conn, caller)
        })
        .await?;
    let address = client_address(&req, state.config.behind_proxy);
    let new_hash =
        auth::replace_password(&state, &me, address, stored, current_password, new_password)
            .await?;

    let user = signed_in
        .write(&state.db, move |conn| {
            crate::model::user::change_own_password(conn, &me, new_hash)
        })
        .await?;
    Ok(web::Json(LoginResponse::new(&state, user)?))
}

/// One's e-mail settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailSettingsView {
    /// Where reminders go; `null`: no e-mail. Seen only by its user (and
    /// the administrators).
    #[schema(required = true)]
    pub address: Option<String>,
    /// A daily e-mail of what waits on one's unit, due and overdue (opt-in).
    pub daily_digest: bool,
    /// An e-mail when an entry of the coming week that concerns one's unit
    /// changes or is cancelled (police; the escort officer's unit).
    pub change_notices: bool,
}

impl From<crate::db::user::MailSettings> for MailSettingsView {
    fn from(s: crate::db::user::MailSettings) -> Self {
        Self {
            address: s.email,
            daily_digest: s.daily_digest,
            change_notices: s.change_notices,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetMailSettings {
    /// An e-mail address, at most 254 characters (checked by the service:
    /// 422 when it is not one); `null` or blank: none. No `format: email` in
    /// the document: blank is accepted on purpose (a form's empty field).
    #[validate(length(max = 254))]
    #[schema(max_length = 254)]
    pub address: Option<String>,
    /// Needs an address.
    #[serde(default)]
    pub daily_digest: bool,
    #[serde(default = "on")]
    pub change_notices: bool,
}

fn on() -> bool {
    true
}

/// One's e-mail settings.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = MailSettingsView, description = "One's e-mail settings"), UnauthorizedProblem))]
#[get("/me/mail")]
pub async fn get_mail_settings(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> ApiResult<web::Json<MailSettingsView>> {
    let caller = signed_in.caller();
    let settings = signed_in
        .read(&state.db, move |conn| {
            crate::model::user::mail_settings(conn, caller)
        })
        .await?;
    Ok(web::Json(settings.into()))
}

/// Sets one's e-mail address and what to receive: the daily digest (opt-in,
/// needs an address) and change notices.
#[utoipa::path(
    tag = "auth", security(("bearer" = [])), request_body = SetMailSettings,
    responses((status = 200, body = MailSettingsView, description = "The settings kept"), UnauthorizedProblem, JsonBodyProblems)
)]
#[put("/me/mail")]
pub async fn set_mail_settings(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<SetMailSettings>,
) -> ApiResult<web::Json<MailSettingsView>> {
    let SetMailSettings {
        address,
        daily_digest,
        change_notices,
    } = body.0;
    let input = crate::model::user::MailSettingsInput::parse(
        address.as_deref(),
        daily_digest,
        change_notices,
    )?;
    let caller = signed_in.caller();
    let settings = signed_in
        .write(&state.db, move |conn| {
            crate::model::user::set_mail_settings(conn, caller, input)
        })
        .await?;
    Ok(web::Json(settings.into()))
}
