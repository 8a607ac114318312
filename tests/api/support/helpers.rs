//! The test harness: the real application on a free port, over a fresh
//! database (a temp SQLite file, or a new PostgreSQL database), with helpers
//! to log in as any role and send requests.

use std::net::TcpListener;
use std::sync::LazyLock;
use std::time::Duration;

use awc::http::{Method, StatusCode, header::HeaderMap};
use diesel::Connection;
use serde_json::{Value, json};
use visitdesk::config::{Config, JwtSecret};
use visitdesk::db::{self, Actor, DatabaseUrl, Db, PoolOptions};
use visitdesk::domain::ids::UnitId;
use visitdesk::domain::login::LoginThrottle;
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;
use visitdesk::domain::user::{NewPassword, Username};

pub use visitdesk::db::Engine;

/// The password of every user the harness makes.
pub const PASSWORD: &str = "correct horse battery";
pub const SECRET: &str = "test-secret-that-is-long-enough-for-hs256!";

/// Where the PostgreSQL tests make their databases.
pub fn postgres_base_url() -> String {
    std::env::var("VISITDESK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The URL of database `name` on the test server, without TLS: the test
/// process ends while servers' pools are still open, and libpq freeing TLS
/// connections during OpenSSL's exit-time cleanup crashes it now and then.
fn postgres_url(name: Option<&str>) -> String {
    let base = postgres_base_url();
    let (path, query) = base.split_once('?').unwrap_or((&base, ""));
    let path = match name {
        Some(name) => format!("{}/{name}", path.rsplit_once('/').unwrap().0),
        None => path.to_owned(),
    };
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("sslmode="))
        .collect();
    params.push("sslmode=disable");
    format!("{path}?{}", params.join("&"))
}

/// One hash for every test user: hashing is deliberately slow.
static PASSWORD_HASH: LazyLock<String> = LazyLock::new(|| {
    visitdesk::http::auth::hash_password(&NewPassword::parse(PASSWORD).unwrap()).unwrap()
});

/// A fresh database that is removed when the test ends.
enum Scratch {
    // Held so the folder lives as long as the test.
    Sqlite(#[expect(dead_code, reason = "held for its Drop")] tempfile::TempDir),
    Postgres { base: String, name: String },
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Scratch::Postgres { base, name } = self
            && let Ok(mut conn) = diesel::PgConnection::establish(base)
        {
            use diesel::RunQueryDsl;
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

fn scratch(engine: Engine) -> (DatabaseUrl, Scratch) {
    match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            (
                DatabaseUrl::Sqlite(dir.path().join("visitdesk.db")),
                Scratch::Sqlite(dir),
            )
        }
        Engine::Postgres => {
            use diesel::RunQueryDsl;
            let base = postgres_url(None);
            let name = format!("vdtest_{}", uuid::Uuid::new_v4().simple());
            let mut conn = diesel::PgConnection::establish(&base).unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL tests need a server at {base} (set VISITDESK_TEST_POSTGRES_URL, or run .ci/run \
                     which starts one): {e}"
                )
            });
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .unwrap();
            let url = postgres_url(Some(&name));
            (DatabaseUrl::Postgres(url), Scratch::Postgres { base, name })
        }
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// Asserts an RFC 9457 answer with this status, and returns its body.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "body: {}",
            self.text()
        );
        let body = self.json();
        assert_eq!(body["status"], status);
        assert!(
            body["type"]
                .as_str()
                .unwrap()
                .starts_with("urn:visitdesk:problem:")
        );
        assert!(
            body["title"].is_string() && body["detail"].is_string(),
            "{body}"
        );
        body
    }

    /// Asserts this status and returns the JSON body.
    pub fn ok(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        self.json()
    }
}

/// The running application.
pub struct TestApp {
    pub address: String,
    url: DatabaseUrl,
    pub engine: Engine,
    pub db: Db,
    pub admin_token: String,
    client: awc::Client,
    _scratch: Scratch,
}

impl TestApp {
    pub async fn spawn(engine: Engine) -> TestApp {
        Self::spawn_with(engine, |_| {}).await
    }

    /// The application with a configuration `adjust` changed.
    pub async fn spawn_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let (url, scratch) = scratch(engine);
        let (serving, _) = Db::open_for_serving(&url, PoolOptions::default()).unwrap();
        let db = serving.db().clone();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let mut config = Config {
            bind: address.clone(),
            public_url: address.clone(),
            database: url,
            data_dir: std::env::temp_dir(),
            jwt_secret: JwtSecret::new(SECRET).unwrap(),
            token_lifetime: Duration::from_secs(3600),
            body_limit: 1024 * 1024,
            body_timeout: Duration::from_secs(30),
            workers: Some(1),
            pool: PoolOptions::default(),
            login_throttle: LoginThrottle::default(),
            behind_proxy: false,
        };
        adjust(&mut config);
        let server =
            visitdesk::server(visitdesk::AppState::new(serving, config.clone()), listener).unwrap();
        actix_web::rt::spawn(server);
        let client = awc::Client::builder()
            .timeout(Duration::from_secs(30))
            .finish();
        let mut app = TestApp {
            address,
            url: config.database.clone(),
            engine,
            db,
            admin_token: String::new(),
            client,
            _scratch: scratch,
        };
        app.make_user("admin", Role::Admin, None).await;
        app.admin_token = app.token("admin").await;
        app
    }

    /// The database the application runs on.
    pub fn db_url(&self) -> DatabaseUrl {
        self.url.clone()
    }

    /// Makes a user directly in the database (as the command line does).
    pub async fn make_user(&self, username: &str, role: Role, unit: Option<UnitId>) -> i64 {
        let new = db::user::NewUser {
            username: Username::parse(username).unwrap(),
            display_name: format!("Test {username}"),
            unit_id: unit,
            role,
            password_hash: PASSWORD_HASH.clone(),
        };
        let db = self.db.clone();
        actix_web::web::block(move || {
            db.write_blocking(&Actor::system("test"), |conn| {
                visitdesk::model::user::insert(conn, &new)
            })
        })
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
    }

    /// Makes a unit directly in the database.
    pub async fn make_unit(&self, name: &str, kind: UnitKind) -> UnitId {
        let new = db::unit::NewUnit {
            name: name.to_owned(),
            name_en: format!("{name} (en)"),
            kind,
        };
        let db = self.db.clone();
        actix_web::web::block(move || {
            db.write_blocking(&Actor::system("test"), |conn| {
                visitdesk::model::unit::insert(conn, &new)
            })
        })
        .await
        .unwrap()
        .unwrap()
        .id
    }

    /// A token for `username`, logging in over HTTP.
    pub async fn token(&self, username: &str) -> String {
        let reply = self.login(username, PASSWORD).await;
        reply.ok(200)["access_token"].as_str().unwrap().to_owned()
    }

    pub async fn login(&self, username: &str, password: &str) -> Reply {
        self.send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"username": username, "password": password})),
        )
        .await
    }

    /// A new user of `role` (in a unit of its own kind) and its token.
    pub async fn login_as(&self, role: Role) -> (i64, String) {
        let username = format!(
            "{}-{}",
            role.as_str().replace('_', "-"),
            &uuid::Uuid::new_v4().simple().to_string()[..6]
        );
        let unit = match role {
            Role::Admin => None,
            _ => Some(
                self.make_unit(&format!("Unit of {username}"), unit_kind(role))
                    .await,
            ),
        };
        let id = self.make_user(&username, role, unit).await;
        (id, self.token(&username).await)
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.send(Method::DELETE, path, Some(token), None).await
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self.request(method, path);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        match body {
            Some(body) => self.finish(req.send_json(&body)).await,
            None => self.finish(req.send()).await,
        }
    }

    /// A request to finish by hand (headers, raw bodies).
    pub fn request(&self, method: Method, path: &str) -> awc::ClientRequest {
        self.client
            .request(method, format!("{}{path}", self.address))
    }

    pub async fn finish(&self, sent: awc::SendClientRequest) -> Reply {
        let mut res = sent.await.unwrap();
        let body = res.body().limit(16 * 1024 * 1024).await.unwrap().to_vec();
        Reply {
            status: res.status(),
            headers: res.headers().clone(),
            body,
        }
    }

    /// Every audit entry, oldest first (read straight from the database).
    pub async fn audit_entries(&self) -> Vec<visitdesk::domain::audit::AuditEntry> {
        let db = self.db.clone();
        let mut entries = actix_web::web::block(move || {
            db.read_blocking(|conn| {
                db::audit::list(
                    conn,
                    &Default::default(),
                    None,
                    visitdesk::domain::pagination::Limit::parse(Some(500)).unwrap(),
                )
            })
        })
        .await
        .unwrap()
        .unwrap();
        entries.reverse();
        entries
    }
}

fn unit_kind(role: Role) -> UnitKind {
    match role {
        Role::ForeignAffairs => UnitKind::ForeignAffairs,
        Role::ProvincialOffice => UnitKind::ProvincialOffice,
        Role::Police => UnitKind::Police,
        Role::Viewer => UnitKind::Information,
        Role::HostUnit | Role::Admin => UnitKind::Department,
    }
}

/// Runs each named `async fn(TestApp)` twice: once on SQLite, once on
/// PostgreSQL, each on a fresh database (`name::sqlite`, `name::postgres`).
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[actix_web::test]
            async fn sqlite() {
                super::$name($crate::helpers::TestApp::spawn($crate::helpers::Engine::Sqlite).await).await;
            }

            #[actix_web::test]
            async fn postgres() {
                super::$name($crate::helpers::TestApp::spawn($crate::helpers::Engine::Postgres).await).await;
            }
        }
    )*};
}

/// Records a figure a hardening test measured (cases run, kill cycles,
/// concurrent clients) where `.ci/run` prints it after the suite: one line
/// per figure in `target/tmp/figures/<name>.txt`. `cargo test` hides a
/// passing test's own output, so this is how the numbers reach CI's log.
pub fn report_figure(name: &str, line: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.txt")), format!("{line}\n")).unwrap();
    println!("{name}: {line}");
}
