//! Who is at the browser: the session cookie, the language, and the CSRF
//! token every form carries.
//!
//! A session is a random key in an `HttpOnly`, `SameSite=Lax` cookie
//! (`__Host-` and `Secure` when the public URL is https); the database keeps
//! only its SHA-256 (`db::session`). Every request that reads or changes
//! data checks the session inside its own database call, as the API checks
//! a token: a deactivated user, or one given a new password, role or unit,
//! is signed out on their next click.
//!
//! The CSRF token of a form is an HMAC of the session key (before sign-in:
//! of a random per-browser cookie) under a key derived from the service's
//! secret; a form posted with another session's token, or none, is refused
//! before anything is read.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::error::PageError;
use super::i18n::{Lang, Tr};
use crate::AppState;
use crate::config::JwtSecret;
use crate::db::{self, Actor, AnyConnection, Audited};
use crate::domain::role::Caller;
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};
use crate::http::middleware::RequestId;

const LANG_COOKIE: &str = "visitdesk-lang";
const BROWSER_COOKIE: &str = "visitdesk-browser";

/// The key CSRF tokens are signed with: derived from the service's secret,
/// so that it is never the key tokens are signed with.
#[derive(Clone)]
pub struct CsrfKey([u8; 32]);

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfKey(..)")
    }
}

impl CsrfKey {
    pub fn new(secret: &JwtSecret) -> Self {
        let mut hash = Sha256::new();
        hash.update(b"visitdesk console csrf\0");
        hash.update(secret.as_bytes());
        Self(hash.finalize().into())
    }

    fn mac(&self, purpose: &str, value: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        mac
    }

    fn token(&self, purpose: &str, value: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(purpose, value).finalize().into_bytes())
    }

    fn verify(&self, purpose: &str, value: &str, token: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(token)
            .is_ok_and(|bytes| self.mac(purpose, value).verify_slice(&bytes).is_ok())
    }
}

/// The cookie names and flags of this deployment.
#[derive(Debug, Clone, Copy)]
struct Cookies {
    secure: bool,
}

impl Cookies {
    fn of(state: &AppState) -> Self {
        Self {
            secure: state.config.public_url.starts_with("https://"),
        }
    }

    /// `__Host-` binds the cookie to this host and path `/`; browsers take
    /// it only over https.
    fn session_name(self) -> &'static str {
        if self.secure {
            "__Host-visitdesk-session"
        } else {
            "visitdesk-session"
        }
    }

    fn build(self, name: &'static str, value: String) -> Cookie<'static> {
        Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .finish()
    }
}

/// A random key: 32 bytes from the system's generator, base64url.
fn random_key() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The person at the browser, as the request's cookies say (no database
/// work here): their language, their session key if any, and the browser
/// key that signs the forms shown before sign-in.
#[derive(Debug, Clone)]
pub struct Visit {
    pub lang: Lang,
    session: Option<String>,
    browser: String,
    /// Whether the browser key is new and must be set with the answer.
    new_browser: bool,
    cookies: Cookies,
    pub request_id: String,
    csrf: CsrfKey,
}

/// The signed-in user a page is for.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    pub caller: Caller,
    /// How many entries wait in their inbox (known on pages that read).
    pub waiting: Option<usize>,
}

impl Visit {
    pub fn tr(&self) -> Tr {
        Tr::new(self.lang)
    }

    pub fn signed_in(&self) -> bool {
        self.session.is_some()
    }

    /// The CSRF token of this browser's forms.
    pub fn csrf_token(&self) -> String {
        match &self.session {
            Some(key) => self.csrf.token("session", key),
            None => self.csrf.token("browser", &self.browser),
        }
    }

    /// Refuses a form whose token is not this browser's (403, nothing read).
    pub fn check_csrf(&self, token: &str) -> Result<(), PageError> {
        let right = match &self.session {
            Some(key) => self.csrf.verify("session", key, token),
            None => self.csrf.verify("browser", &self.browser, token),
        };
        if right { Ok(()) } else { Err(PageError::Csrf) }
    }

    fn check(&self) -> Result<String, PageError> {
        self.session.as_deref().map(hash).ok_or(PageError::SignIn)
    }

    /// A read for the signed-in user, after the session check, in one
    /// handoff: `f` gets the account the session speaks for; the header's
    /// inbox count is read with it.
    pub async fn read<T, F>(&self, state: &AppState, f: F) -> Result<(Account, T), PageError>
    where
        F: FnOnce(&mut AnyConnection, &Account) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let key = self.check()?;
        let answer = state
            .db
            .read(move |conn| {
                let mut account = session_account(conn, &key)?;
                let today = crate::domain::time::province_today();
                account.waiting =
                    Some(crate::model::inbox::entries(conn, account.caller, today)?.len());
                let value = f(conn, &account)?;
                Ok((account, value))
            })
            .await;
        answer.map_err(PageError::from)
    }

    /// A change by the signed-in user and its audit entries, after the
    /// session check, in one transaction.
    pub async fn write<T, F>(&self, db: &db::Db, f: F) -> Result<T, PageError>
    where
        F: FnOnce(&mut AnyConnection, Caller) -> ApiResult<Audited<T>> + Send + 'static,
        T: Send + 'static,
    {
        let key = self.check()?;
        let request_id = self.request_id.clone();
        db.write_as(
            move |conn| {
                let account = session_account(conn, &key)?;
                Ok((Actor::of(account.user, request_id), account.caller))
            },
            f,
        )
        .await
        .map_err(PageError::from)
    }

    /// Opens a session for `user` (after the password was checked) and
    /// answers with its cookie and the user's language.
    pub async fn open(
        &self,
        state: &AppState,
        user: User,
        mut answer: HttpResponse,
    ) -> Result<HttpResponse, PageError> {
        let key = random_key();
        let key_hash = hash(&key);
        let lifetime = chrono::Duration::from_std(state.config.token_lifetime)
            .unwrap_or(chrono::Duration::hours(12));
        let chosen = self.lang;
        let lang = state
            .db
            .write_unaudited(move |conn| {
                let now = db::now();
                db::session::open(
                    conn,
                    &key_hash,
                    user.id,
                    user.token_epoch,
                    now,
                    now + lifetime,
                )?;
                let kept = db::session::language(conn, user.id)?;
                Ok(kept.as_deref().and_then(Lang::parse).unwrap_or(chosen))
            })
            .await?;
        let cookies = self.cookies;
        let jar = [
            cookies.build(cookies.session_name(), key),
            cookies.build(LANG_COOKIE, lang.code().to_owned()),
        ];
        for cookie in jar {
            answer
                .add_cookie(&cookie)
                .map_err(|e| ApiError::internal(format_args!("a cookie: {e}")))?;
        }
        Ok(answer)
    }

    /// Ends this browser's session and answers with its cookie gone.
    pub async fn close(
        &self,
        state: &AppState,
        mut answer: HttpResponse,
    ) -> Result<HttpResponse, PageError> {
        if let Some(key) = self.session.as_deref() {
            let key_hash = hash(key);
            state
                .db
                .write_unaudited(move |conn| db::session::close(conn, &key_hash))
                .await?;
        }
        let mut gone = self
            .cookies
            .build(self.cookies.session_name(), String::new());
        gone.make_removal();
        answer
            .add_cookie(&gone)
            .map_err(|e| ApiError::internal(format_args!("a cookie: {e}")))?;
        Ok(answer)
    }

    /// Keeps `lang` for this browser (and the user, if signed in: their
    /// preference, audited as a change of the user).
    pub async fn choose_language(
        &self,
        state: &AppState,
        lang: Lang,
        mut answer: HttpResponse,
    ) -> Result<HttpResponse, PageError> {
        if self.signed_in() {
            self.write(&state.db, move |conn, caller| {
                crate::model::user::set_language(conn, caller, lang.code())
            })
            .await?;
        }
        answer
            .add_cookie(&self.cookies.build(LANG_COOKIE, lang.code().to_owned()))
            .map_err(|e| ApiError::internal(format_args!("a cookie: {e}")))?;
        Ok(answer)
    }

    /// Sets the browser key with `answer` if this visit made it.
    pub fn finish(&self, mut answer: HttpResponse) -> HttpResponse {
        if self.new_browser {
            let cookie = self.cookies.build(BROWSER_COOKIE, self.browser.clone());
            if answer.add_cookie(&cookie).is_err() {
                tracing::warn!("the browser cookie could not be set");
            }
        }
        answer
    }
}

/// The account an open session speaks for; 401 if it is closed, expired,
/// or its user was deactivated or changed since it was opened.
fn session_account(conn: &mut AnyConnection, key_hash: &str) -> ApiResult<Account> {
    const GONE: &str = "the session has ended; sign in again";
    let session = db::session::find(conn, key_hash)?
        .filter(|s| s.expires_at > db::now())
        .ok_or(ApiError::Unauthorized(GONE))?;
    let user = db::user::find(conn, session.user_id)?
        .filter(|u| u.active && u.token_epoch == session.token_epoch)
        .ok_or(ApiError::Unauthorized(GONE))?;
    let caller = Caller {
        id: user.id,
        role: user.role,
        unit: user.unit_id,
    };
    Ok(Account {
        user,
        caller,
        waiting: None,
    })
}

impl FromRequest for Visit {
    type Error = PageError;
    type Future = std::future::Ready<Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(visit(req))
    }
}

fn visit(req: &HttpRequest) -> Result<Visit, PageError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    let cookies = Cookies::of(state);
    let value = |name: &str| {
        req.cookie(name)
            .map(|c| c.value().to_owned())
            .filter(|v| !v.is_empty() && v.len() <= 128)
    };
    let browser = value(BROWSER_COOKIE);
    let new_browser = browser.is_none();
    Ok(Visit {
        lang: lang_of(req),
        session: value(cookies.session_name()),
        browser: browser.unwrap_or_else(random_key),
        new_browser,
        cookies,
        request_id: req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default(),
        csrf: state.csrf.clone(),
    })
}

/// The language the browser chose (its cookie), else Vietnamese.
pub fn lang_of(req: &HttpRequest) -> Lang {
    req.cookie(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csrf_token_is_good_for_its_own_session_only() {
        let key = CsrfKey::new(&JwtSecret::new(vec![7u8; 32]).unwrap());
        let token = key.token("session", "one");
        assert!(key.verify("session", "one", &token));
        assert!(!key.verify("session", "two", &token));
        assert!(!key.verify("browser", "one", &token));
        assert!(!key.verify("session", "one", ""));
        assert!(!key.verify("session", "one", "not base64 at all!"));
    }
}
