//! `POST /api/v1/auth/login`: a username and password for a token.

use actix_web::{HttpRequest, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::user::UserView;
use crate::AppState;
use crate::domain::user::User;
use crate::error::*;
use crate::http::auth;
use crate::http::extract::ValidJson;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "ngoaivu")]
    pub username: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(min_length = 1, max_length = 128, format = Password)]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// A JWT to send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the token expires.
    pub expires_in: u64,
    pub user: UserView,
}

impl LoginResponse {
    pub fn new(state: &AppState, user: User) -> ApiResult<Self> {
        Ok(Self {
            access_token: state.tokens.issue(&user)?,
            token_type: "Bearer",
            expires_in: state.tokens.lifetime().as_secs(),
            user: user.into(),
        })
    }
}

/// Log in. A wrong password and an unknown username get the same answer in
/// the same time. After 5 failures in 15 minutes a username is refused for
/// 15 minutes, and after 20 failures in 15 minutes from one client address
/// every login from it is (429 with `Retry-After`).
#[utoipa::path(
    tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse, description = "Logged in: the token and the user"), UnauthorizedProblem, TooManyRequestsProblem, JsonBodyProblems)
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidJson<LoginRequest>,
) -> ApiResult<web::Json<LoginResponse>> {
    let LoginRequest { username, password } = body.0;
    let address = auth::client_address(&req, state.config.behind_proxy);
    let user = auth::sign_in(&state, &username, password, address).await?;
    Ok(web::Json(LoginResponse::new(&state, user)?))
}
