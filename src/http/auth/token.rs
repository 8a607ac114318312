//! JWTs: what a token says, and the keys that issue and verify it (HS256
//! only).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::JwtSecret;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::role::Role;
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};

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

/// What a well-signed, unexpired token vouches for.
#[derive(Debug, Clone, Copy)]
pub struct Verified {
    pub id: UserId,
    pub role: Role,
    pub unit: Option<UnitId>,
    pub epoch: i64,
}

/// Signs and checks tokens with the one pinned algorithm.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    lifetime: Duration,
    /// Tokens already verified, with what they vouch for and when they
    /// expire. A client sends the same token with every request; checking
    /// its signature and reading its claims again was a fifteenth of a
    /// one-record GET's work. The same bytes cannot become badly signed,
    /// so only the expiry is checked again.
    verified: Arc<Mutex<HashMap<String, (Verified, u64)>>>,
}

/// Past this many tokens the memo of verified ones starts again empty.
const VERIFIED_MAX: usize = 4096;

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
            verified: Arc::default(),
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

    /// What a well-signed, unexpired token issued by now vouches for;
    /// `None` for anything else (one "issued" later than now, beyond the
    /// clock leeway, was not issued by this service as it runs; one whose
    /// subject is not a user id was not either).
    pub fn verify(&self, token: &str) -> Option<Verified> {
        let now = jsonwebtoken::get_current_timestamp();
        // Expired as the library has it: `exp < now - leeway`.
        let unexpired = |exp: u64| exp >= now.saturating_sub(self.validation.leeway);
        let mut verified = self.verified.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&(vouched, exp)) = verified.get(token) {
            return unexpired(exp).then_some(vouched);
        }
        drop(verified);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        if claims.iat > now + self.validation.leeway {
            return None;
        }
        let vouched = Verified {
            id: UserId(claims.sub.parse().ok()?),
            role: claims.role,
            unit: claims.unit.map(UnitId),
            epoch: claims.ver,
        };
        verified = self.verified.lock().unwrap_or_else(PoisonError::into_inner);
        if verified.len() >= VERIFIED_MAX {
            verified.clear();
        }
        verified.insert(token.to_owned(), (vouched, claims.exp));
        Some(vouched)
    }
}
