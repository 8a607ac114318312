//! Password guesses: a sign-in, a password change, the login throttle both
//! go through, and the client address it counts by.

use actix_web::HttpRequest;

use super::password::{dummy_hash, hash_password, verify_password};
use crate::AppState;
use crate::db;
use crate::domain::login::ThrottleScope;
use crate::domain::user::{NewPassword, User, Username};
use crate::error::{ApiError, ApiResult};

const WRONG: &str = "wrong username or password";

/// Checks a username and password under the login throttle (the API's
/// login and the console's sign-in alike): the user, or 401 saying only
/// "wrong username or password" (429 past the throttle). A wrong password
/// and an unknown username get the same answer in the same time; a name
/// that cannot be a username still costs a hash check and counts as a
/// failure, so that its answer tells nothing.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    password: String,
    address: String,
) -> ApiResult<User> {
    let name = Username::parse(username)
        .map_or_else(|_| username.trim().to_lowercase(), Username::into_inner);
    let subjects = [
        (ThrottleScope::Username, name.clone()),
        (ThrottleScope::Address, address),
    ];
    let account = state
        .db
        .read(move |conn| db::user::find_for_login(conn, &name))
        .await?;
    let (verified, user) = throttled(state, subjects, move || match account {
        Some((user, hash)) if user.active => (verify_password(&hash, &password), Some(user)),
        _ => {
            verify_password(dummy_hash(), &password);
            (false, None)
        }
    })
    .await?;
    match user.filter(|_| verified) {
        Some(user) => {
            tracing::info!(user_id = user.id.get(), "login");
            Ok(user)
        }
        None => Err(ApiError::Unauthorized(WRONG)),
    }
}

/// A signed-in user's new password (the API's `/me/password` and the
/// console's alike): their current one is checked against `stored` under
/// the login throttle of their username and `address` — a stolen token or
/// session must not become the password by guessing here instead — and the
/// new one hashed, both off the async workers. The new hash; 422 on
/// `current_password` when it is wrong, 429 past the throttle.
pub async fn replace_password(
    state: &AppState,
    me: &User,
    address: String,
    stored: String,
    current: String,
    new: NewPassword,
) -> ApiResult<String> {
    let subjects = [
        (ThrottleScope::Username, me.username.clone()),
        (ThrottleScope::Address, address),
    ];
    let (right, new_hash) = throttled(state, subjects, move || {
        if verify_password(&stored, &current) {
            (true, Some(hash_password(&new)))
        } else {
            (false, None)
        }
    })
    .await?;
    match new_hash {
        Some(hash) if right => hash,
        _ => Err(ApiError::invalid(
            "current_password",
            "is not your current password",
        )),
    }
}

/// One password guess under the login throttle of `subjects` (a username
/// and the client's address): `check` says whether it was right. The guess
/// is counted as a failure before it is checked, in one transaction for all
/// subjects, so parallel guesses cannot all slip under the limit; one past
/// it gets 429 without a check. A right guess takes its count back (and
/// clears the username's failures).
async fn throttled<T: Send + 'static>(
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
