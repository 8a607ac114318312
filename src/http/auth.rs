//! Logins: password hashing (argon2id), JWT issue and verification (HS256
//! only), and the [`SignedIn`] extractor that gives handlers the logged-in user.

use std::future::Future;
use std::pin::Pin;
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
use crate::domain::role::{Caller, Role};
use crate::domain::user::{NewPassword, User};
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

/// The logged-in user making the request, checked against the database on
/// every request (so deactivation takes effect at once).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub request_id: String,
}

impl SignedIn {
    pub fn id(&self) -> UserId {
        self.user.id
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn unit_id(&self) -> Option<UnitId> {
        self.user.unit_id
    }

    /// The caller, as every `model::` operation takes it.
    pub fn caller(&self) -> Caller {
        self.user.caller()
    }

    /// The caller as the audit trail records it.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.id),
            username: self.user.username.clone(),
            role: Some(self.user.role),
            unit_id: self.user.unit_id,
            request_id: Some(self.request_id.clone()),
        }
    }

    /// 403 unless `allowed`.
    pub fn require(&self, allowed: bool, what: &str) -> ApiResult<()> {
        if allowed {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "the role `{}` may not {what}",
                self.user.role
            )))
        }
    }
}

const NO_TOKEN: &str =
    "this request needs `Authorization: Bearer <token>` from POST /api/v1/auth/login";
const BAD_TOKEN: &str = "the token is invalid or expired; log in again";
const STALE_TOKEN: &str =
    "the token is no longer valid (the account changed or was deactivated); log in again";

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = ApiResult<Self>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
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
            .map(|t| t.trim().to_owned());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            let token = token
                .filter(|t| !t.is_empty())
                .ok_or(ApiError::Unauthorized(NO_TOKEN))?;
            let claims = state
                .tokens
                .verify(&token)
                .ok_or(ApiError::Unauthorized(BAD_TOKEN))?;
            let id = claims
                .sub
                .parse()
                .map(UserId)
                .map_err(|_| ApiError::Unauthorized(BAD_TOKEN))?;
            let user = state
                .db
                .read(move |conn| db::user::find(conn, id))
                .await?
                .ok_or(ApiError::Unauthorized(STALE_TOKEN))?;
            if !user.active || user.token_epoch != claims.ver {
                return Err(ApiError::Unauthorized(STALE_TOKEN));
            }
            Ok(SignedIn { user, request_id })
        })
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
