//! `POST /api/v1/auth/login`: a username and password for a token.

use actix_web::{HttpRequest, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::user::UserView;
use crate::AppState;
use crate::db;
use crate::domain::login::ThrottleScope;
use crate::domain::user::{User, Username};
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

const WRONG: &str = "wrong username or password";

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
    // A name that cannot be a username still costs a hash check and counts
    // as a failure, so that its answer tells nothing.
    let name = Username::parse(&username)
        .map_or_else(|_| username.trim().to_lowercase(), Username::into_inner);
    let subjects = [
        (ThrottleScope::Username, name.clone()),
        (
            ThrottleScope::Address,
            client_address(&req, state.config.behind_proxy),
        ),
    ];
    let throttle = state.config.login_throttle;

    let (records, account) = state
        .db
        .read({
            let subjects = subjects.clone();
            move |conn| {
                let mut records = Vec::with_capacity(subjects.len());
                for (scope, subject) in &subjects {
                    records.push(db::login_throttle::get(conn, *scope, subject)?);
                }
                Ok((records, db::user::find_for_login(conn, &name)?))
            }
        })
        .await?;
    let now = db::now();
    let retry_after = subjects
        .iter()
        .zip(&records)
        .filter_map(|((scope, _), record)| throttle.policy(*scope).locked_for(record.as_ref(), now))
        .max();
    if let Some(retry_after) = retry_after {
        return Err(ApiError::TooManyRequests { retry_after });
    }

    let (user, verified) = state
        .limits
        .hash(move || match account {
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
            let [(scope, name), _] = subjects;
            if records[0].is_some() {
                state
                    .db
                    .write_unaudited(move |conn| db::login_throttle::clear(conn, scope, &name))
                    .await?;
            }
            tracing::info!(user_id = user.id.get(), "login");
            Ok(web::Json(LoginResponse::new(&state, user)?))
        }
        None => {
            let failures = state
                .db
                .write_unaudited(move |conn| {
                    let now = db::now();
                    let mut failures = Vec::with_capacity(subjects.len());
                    for (scope, subject) in &subjects {
                        let policy = throttle.policy(*scope);
                        let record =
                            db::login_throttle::record_failure(conn, *scope, subject, policy, now)?;
                        failures.push(record.failures);
                    }
                    Ok(failures)
                })
                .await?;
            tracing::warn!(
                username_failures = failures[0],
                address_failures = failures[1],
                "failed login"
            );
            Err(ApiError::Unauthorized(WRONG))
        }
    }
}

/// The client's address for the throttle: the connection's peer, or, behind
/// a reverse proxy, the address the proxy forwarded.
fn client_address(req: &HttpRequest, behind_proxy: bool) -> String {
    let address = if behind_proxy {
        req.connection_info()
            .realip_remote_addr()
            .map(str::to_owned)
    } else {
        req.peer_addr().map(|a| a.ip().to_string())
    };
    let address = address.unwrap_or_default();
    // `realip_remote_addr` may carry a port (`1.2.3.4:5678`, `[::1]:5678`).
    match address.parse::<std::net::SocketAddr>() {
        Ok(socket) => socket.ip().to_string(),
        Err(_) => address.chars().take(64).collect(),
    }
}
