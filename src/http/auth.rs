//! Logins: password hashing (argon2id), JWT issue and verification (HS256
//! only), and the [`SignedIn`] extractor that gives handlers the logged-in user.

mod kept;
mod login;
mod password;
mod token;
pub use kept::KeptReads;
pub(crate) use login::client_address;
pub use login::{replace_password, sign_in};
pub use password::{dummy_hash, hash_password, verify_password};
pub use token::{Claims, TokenKeys, Verified};

use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use crate::AppState;
use crate::db::{self, Actor};
use crate::domain::ids::UserId;
use crate::domain::role::{Caller, Role};
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};
use crate::http::middleware::RequestId;
use crate::model::settings::Calendar;

/// The logged-in user making the request, as a well-signed token names
/// them. The account behind it (active, at the token's epoch, with the
/// token's role and unit) is checked inside the request's own database
/// call — [`SignedIn::read`], [`SignedIn::write`] — so that deactivation
/// takes effect at once and a request costs one blocking handoff, not two.
#[derive(Debug, Clone)]
pub struct SignedIn {
    token: Verified,
    pub request_id: String,
    kept: Arc<KeptReads>,
}

impl Verified {
    /// The account as it is now, if the token still speaks for it; 401
    /// otherwise. A change reads the row itself: its audit names the
    /// account as the transaction sees it.
    fn check(self, conn: &mut db::AnyConnection) -> ApiResult<User> {
        self.speaks_for(db::user::find(conn, self.id)?)
    }

    /// [`Verified::check`] for a read, on the account as kept.
    fn check_kept(self, conn: &mut db::AnyConnection, kept: &kept::Now) -> ApiResult<User> {
        self.speaks_for(kept.account(conn, self.id)?)
    }

    fn speaks_for(self, account: Option<User>) -> ApiResult<User> {
        account
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
        self.read_kept(db, move |conn, _| f(conn)).await
    }

    /// [`SignedIn::read`] for an answer that carries due dates: with the
    /// province's calendar as it is now.
    pub async fn read_dated<T, F>(&self, db: &db::Db, f: F) -> ApiResult<(T, Arc<Calendar>)>
    where
        F: FnOnce(&mut db::AnyConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.read_kept(db, move |conn, kept| {
            let found = f(conn)?;
            Ok((found, kept.calendar(conn)?))
        })
        .await
    }

    /// A read with what is kept as of its start, after the account check.
    async fn read_kept<T, F>(&self, db: &db::Db, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut db::AnyConnection, &kept::Now) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let token = self.token;
        let kept = Arc::clone(&self.kept);
        db.read(move |conn| {
            let now = kept.now();
            token.check_kept(conn, &now)?;
            f(conn, &now)
        })
        .await
    }

    /// The signed-in user's own account.
    pub async fn account(&self, db: &db::Db) -> ApiResult<User> {
        let token = self.token;
        let kept = Arc::clone(&self.kept);
        db.read(move |conn| token.check_kept(conn, &kept.now()))
            .await
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
    let vouched = state
        .tokens
        .verify(token)
        .ok_or(ApiError::Unauthorized(BAD_TOKEN))?;
    Ok(SignedIn {
        token: vouched,
        request_id,
        kept: Arc::clone(&state.kept_reads),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::NewPassword;

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
