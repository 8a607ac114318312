//! Logins: password hashing (argon2id), JWT issue and verification (HS256
//! only), and the [`SignedIn`] extractor that gives handlers the logged-in user.

use std::sync::LazyLock;
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::config::JwtSecret;
use crate::db::{self, Actor};
use crate::domain::ids::{UnitId, UserId};
use crate::domain::login::ThrottleScope;
use crate::domain::role::{Caller, Role};
use crate::domain::user::{NewPassword, User, Username};
use crate::error::{ApiError, ApiResult};
use crate::http::middleware::RequestId;

/// The argon2id cost of new hashes: 7 MiB and five passes, one of OWASP's
/// equivalent choices for argon2id (its list runs from 47 MiB × 1 to 7 MiB
/// × 5, all "equal defense"). The crate's default, 19 MiB × 2, held 19 MiB
/// per login in flight, most of the benchmark's memory budget; the time a
/// hash takes is about the same. A stored hash is checked with the cost it
/// names, so hashes made with other costs keep working.
fn hasher() -> Argon2<'static> {
    const MEMORY_KIB: u32 = 7 * 1024;
    const PASSES: u32 = 5;
    let params = argon2::Params::new(MEMORY_KIB, PASSES, 1, None).unwrap_or_default();
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// Hashes a new password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &NewPassword) -> ApiResult<String> {
    hasher()
        .hash_password(password.expose().as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format_args!("hashing a password: {e}")))
}

/// Whether `candidate` is the password behind `stored`.
pub fn verify_password(stored: &str, candidate: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            hasher()
                .verify_password(candidate.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of no one's password: unknown usernames are checked against it, so
/// that they take as long to refuse as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let password = NewPassword::parse(&crate::config::random_hex(16));
        password
            .ok()
            .and_then(|p| hash_password(&p).ok())
            .unwrap_or_default()
    });
    &DUMMY
}

const ISSUER: &str = "visitdesk";
const ALGORITHM: Algorithm = Algorithm::HS256;

/// What a token says. `ver` is the user's token epoch at login: raising the
/// epoch (deactivation, a new password, role or unit) ends every older token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    pub unit: Option<i64>,
    pub iat: u64,
    pub exp: u64,
    pub jti: String,
    pub iss: String,
    pub ver: i64,
}

/// Signs and checks tokens with the one pinned algorithm.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    lifetime: Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    pub fn new(secret: &JwtSecret, lifetime: Duration) -> Self {
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            lifetime,
        }
    }

    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// A new token for `user`.
    pub fn issue(&self, user: &User) -> ApiResult<String> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = Claims {
            sub: user.id.to_string(),
            role: user.role,
            unit: user.unit_id.map(UnitId::get),
            iat: now,
            exp: now + self.lifetime.as_secs(),
            jti: uuid::Uuid::new_v4().to_string(),
            iss: ISSUER.to_owned(),
            ver: user.token_epoch,
        };
        jsonwebtoken::encode(&Header::new(ALGORITHM), &claims, &self.encoding)
            .map_err(|e| ApiError::internal(format_args!("signing a token: {e}")))
    }

    /// The claims of a well-signed, unexpired token issued by now; `None`
    /// for anything else (one "issued" later than now, beyond the clock
    /// leeway, was not issued by this service as it runs).
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        let now = jsonwebtoken::get_current_timestamp();
        (claims.iat <= now + self.validation.leeway).then_some(claims)
    }
}

/// The logged-in user making the request, as a well-signed token names
/// them. The account behind it (active, at the token's epoch, with the
/// token's role and unit) is checked inside the request's own database
/// call — [`SignedIn::read`], [`SignedIn::write`] — so that deactivation
/// takes effect at once and a request costs one blocking handoff, not two.
#[derive(Debug, Clone)]
pub struct SignedIn {
    token: Token,
    pub request_id: String,
}

/// What a token vouches for.
#[derive(Debug, Clone, Copy)]
struct Token {
    id: UserId,
    role: Role,
    unit: Option<UnitId>,
    epoch: i64,
}

impl Token {
    /// The account, if the token still speaks for it; 401 otherwise.
    fn check(self, conn: &mut db::AnyConnection) -> ApiResult<User> {
        db::user::find(conn, self.id)?
            .filter(|u| {
                u.active
                    && u.token_epoch == self.epoch
                    && u.role == self.role
                    && u.unit_id == self.unit
            })
            .ok_or(ApiError::Unauthorized(STALE_TOKEN))
    }
}

impl SignedIn {
    pub fn id(&self) -> UserId {
        self.token.id
    }

    pub fn role(&self) -> Role {
        self.token.role
    }

    /// The caller, as every `model::` operation takes it. Its role and unit
    /// are the token's: any change to them ends the token (a new epoch),
    /// and every read and write below confirms the account first.
    pub fn caller(&self) -> Caller {
        Caller {
            id: self.token.id,
            role: self.token.role,
            unit: self.token.unit,
        }
    }

    /// A read, after the account check, in one handoff.
    pub async fn read<T, F>(&self, db: &db::Db, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut db::AnyConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let token = self.token;
        db.read(move |conn| {
            token.check(conn)?;
            f(conn)
        })
        .await
    }

    /// The signed-in user's own account.
    pub async fn account(&self, db: &db::Db) -> ApiResult<User> {
        let token = self.token;
        db.read(move |conn| token.check(conn)).await
    }

    /// A change and its audit entries, after the account check, in one
    /// transaction; the audit names the account as it is now.
    pub async fn write<T, F>(&self, db: &db::Db, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut db::AnyConnection) -> ApiResult<db::Audited<T>> + Send + 'static,
        T: Send + 'static,
    {
        let token = self.token;
        let request_id = self.request_id.clone();
        db.write_as(
            move |conn| {
                let user = token.check(conn)?;
                Ok((Actor::of(user, request_id), ()))
            },
            move |conn, ()| f(conn),
        )
        .await
    }
}

const NO_TOKEN: &str =
    "this request needs `Authorization: Bearer <token>` from POST /api/v1/auth/login";
const BAD_TOKEN: &str = "the token is invalid or expired; log in again";
const STALE_TOKEN: &str =
    "the token is no longer valid (the account changed or was deactivated); log in again";

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = std::future::Ready<ApiResult<Self>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(signed_in(req))
    }
}

/// The token's claims, checked for signature, issuer and time only: no
/// database work on the async worker.
fn signed_in(req: &HttpRequest) -> ApiResult<SignedIn> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::Unauthorized(NO_TOKEN))?;
    let claims = state
        .tokens
        .verify(token)
        .ok_or(ApiError::Unauthorized(BAD_TOKEN))?;
    let id = claims
        .sub
        .parse()
        .map(UserId)
        .map_err(|_| ApiError::Unauthorized(BAD_TOKEN))?;
    Ok(SignedIn {
        token: Token {
            id,
            role: claims.role,
            unit: claims.unit.map(UnitId),
            epoch: claims.ver,
        },
        request_id,
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_itself() {
        let hash = hash_password(&NewPassword::parse("correct horse battery").unwrap()).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"));
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse battery "));
        assert!(!verify_password("not a hash", "anything"));
        assert!(!verify_password(dummy_hash(), ""));
    }
}
