//! `/api/v1/me`: the logged-in user, and changing one's own password.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
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
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = UserView, description = "The logged-in user"), UnauthorizedProblem))]
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
