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
    let account = state
        .db
        .read(move |conn| db::user::find_for_login(conn, &name))
        .await?;
    let (verified, user) = throttled(&state, subjects, move || match account {
        Some((user, hash)) if user.active => (auth::verify_password(&hash, &password), Some(user)),
        _ => {
            auth::verify_password(auth::dummy_hash(), &password);
            (false, None)
        }
    })
    .await?;
    match user.filter(|_| verified) {
        Some(user) => {
            tracing::info!(user_id = user.id.get(), "login");
            Ok(web::Json(LoginResponse::new(&state, user)?))
        }
        None => Err(ApiError::Unauthorized(WRONG)),
    }
}

/// One password guess under the login throttle of `subjects` (a username
/// and the client's address): `check` says whether it was right. The guess
/// is counted as a failure before it is checked, in one transaction for all
/// subjects, so parallel guesses cannot all slip under the limit; one past
/// it gets 429 without a check. A right guess takes its count back (and
/// clears the username's failures).
pub(crate) async fn throttled<T: Send + 'static>(
    state: &AppState,
    subjects: [(ThrottleScope, String); 2],
    check: impl FnOnce() -> (bool, T) + Send + 'static,
) -> ApiResult<(bool, T)> {
    let throttle = state.config.login_throttle;
    let counted = subjects.clone();
    let failures = state
        .db
        .write_unaudited(move |conn| {
            db::login_throttle::reserve_all(conn, &throttle, &counted, db::now())
        })
        .await?;
    let (right, value) = state.limits.hash(check).await?;
    if right {
        state
            .db
            .write_unaudited(move |conn| {
                db::login_throttle::settle_right_guess(conn, &throttle, &subjects)
            })
            .await?;
    } else {
        tracing::warn!(
            username_failures = failures[0],
            address_failures = failures[1],
            "failed password"
        );
    }
    Ok((right, value))
}

/// The client's address for the throttle: the connection's peer, or, behind
/// a reverse proxy, the address the proxy forwarded.
pub(crate) fn client_address(req: &HttpRequest, behind_proxy: bool) -> String {
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
