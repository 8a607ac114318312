//! `/api/v1/me`: the logged-in user, and changing one's own password.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::auth::LoginResponse;
use super::user::{UserView, check_password};
use crate::AppState;
use crate::db::{self, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::user::NewPassword;
use crate::error::*;
use crate::http::auth::{self, Caller};
use crate::http::extract::ValidJson;

/// The logged-in user.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, body = UserView, description = "The logged-in user"), UnauthorizedProblem))]
#[get("/me")]
pub async fn get_me(caller: Caller) -> HttpResponse {
    super::user::answer(HttpResponse::Ok(), caller.user)
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
/// the answer carries a fresh one.
#[utoipa::path(
    tag = "auth", security(("bearer" = [])), request_body = ChangePassword,
    responses((status = 200, body = LoginResponse, description = "Password changed: a fresh token"), UnauthorizedProblem, JsonBodyProblems)
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<ChangePassword>,
) -> ApiResult<web::Json<LoginResponse>> {
    let ChangePassword {
        current_password,
        new_password,
    } = body.0;
    let new_password =
        NewPassword::parse(&new_password).map_err(|m| ApiError::invalid("new_password", m))?;
    let id = caller.id();
    let stored = state
        .db
        .read(move |conn| db::user::password_hash(conn, id))
        .await?;
    let new_hash = state
        .limits
        .hash(move || {
            if auth::verify_password(&stored, &current_password) {
                auth::hash_password(&new_password).map(Some)
            } else {
                Ok(None)
            }
        })
        .await??
        .ok_or_else(|| ApiError::invalid("current_password", "is not your current password"))?;

    let current = caller.user.clone();
    let user = state
        .db
        .write(caller.actor(), move |conn| {
            let set = db::user::UserChanges {
                password_hash: Some(new_hash),
                token_epoch: Some(current.token_epoch + 1),
                ..Default::default()
            };
            let user = db::user::update(conn, current.id, current.version, &set, db::now())?
                .ok_or(ApiError::PreconditionFailed {
                    current: current.version,
                })?;
            let changes = Changes::new().redacted("password");
            Ok(Audited::new(
                user,
                AuditEvent::new(
                    "change_password",
                    RecordKind::User,
                    current.id.get(),
                    changes,
                ),
            ))
        })
        .await?;
    Ok(web::Json(LoginResponse::new(&state, user)?))
}
