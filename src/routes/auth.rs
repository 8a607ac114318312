//! `POST /api/v1/auth/login`: a username and password for a token.

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::users::UserView;
use crate::AppState;
use crate::auth;
use crate::db;
use crate::domain::user::{User, Username};
use crate::error::*;
use crate::extract::ValidJson;

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

const WRONG: &str = "wrong username or password";

/// Log in. A wrong password and an unknown username get the same answer in
/// the same time; after 5 failures in 15 minutes a username is refused for
/// 15 minutes (429 with `Retry-After`).
#[utoipa::path(
    tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse, description = "Logged in: the token and the user"), UnauthorizedProblem, TooManyRequestsProblem, JsonBodyProblems)
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    body: ValidJson<LoginRequest>,
) -> ApiResult<web::Json<LoginResponse>> {
    let LoginRequest { username, password } = body.0;
    // A name that cannot be a username still costs a hash check and counts
    // as a failure, so that its answer tells nothing.
    let key = Username::parse(&username)
        .map_or_else(|_| username.trim().to_lowercase(), Username::into_inner);
    let policy = state.config.login_throttle;

    let lookup_key = key.clone();
    let (record, account) = state
        .db
        .read(move |conn| {
            let record = db::login_failures::get(conn, &lookup_key)?;
            let account = db::users::find_for_login(conn, &lookup_key)?;
            Ok((record, account))
        })
        .await?;
    if let Some(retry_after) = policy.locked_for(record.as_ref(), db::now()) {
        return Err(ApiError::TooManyRequests { retry_after });
    }

    let (user, verified) = web::block(move || match account {
        Some((user, hash)) if user.active => {
            let ok = auth::verify_password(&hash, &password);
            (Some(user), ok)
        }
        _ => {
            auth::verify_password(auth::dummy_hash(), &password);
            (None, false)
        }
    })
    .await?;

    match user.filter(|_| verified) {
        Some(user) => {
            if record.is_some() {
                state
                    .db
                    .write_unaudited(move |conn| db::login_failures::clear(conn, &key))
                    .await?;
            }
            tracing::info!(user_id = user.id.get(), "login");
            Ok(web::Json(LoginResponse::new(&state, user)?))
        }
        None => {
            let record = state
                .db
                .write_unaudited(move |conn| {
                    db::login_failures::record_failure(conn, &key, &policy, db::now())
                })
                .await?;
            tracing::warn!(failures = record.failures, "failed login");
            Err(ApiError::Unauthorized(WRONG))
        }
    }
}
