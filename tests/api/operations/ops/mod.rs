//! `visitdesk backup`, `restore` and `copy`, run as an operator runs them:
//! the binary against real databases, beside a real `visitdesk serve`.
//! This file holds what the tests share: running the binary, a scratch
//! PostgreSQL database, a served process.

mod backup;
mod copy;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use diesel::Connection;
use serde_json::{Value, json};
use visitdesk::db::DatabaseUrl;

use crate::helpers::{SECRET, postgres_base_url};

/// Runs `visitdesk ARGS` to its end.
pub fn visitdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_visitdesk"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub fn said(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A new, empty PostgreSQL database (no tables), dropped at the end.
pub struct PgDatabase {
    pub url: String,
    name: String,
}

impl PgDatabase {
    pub fn new() -> Self {
        use diesel::RunQueryDsl;
        let name = format!("vdops_{}", uuid::Uuid::new_v4().simple());
        let mut conn = diesel::PgConnection::establish(&server_url(None)).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .unwrap();
        Self {
            url: server_url(Some(&name)),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        use diesel::RunQueryDsl;
        if let Ok(mut conn) = diesel::PgConnection::establish(&server_url(None)) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

/// The test server's URL, for database `name`, without TLS.
fn server_url(name: Option<&str>) -> String {
    let base = postgres_base_url();
    let path = base.split_once('?').map_or(base.as_str(), |(p, _)| p);
    match name {
        Some(name) => format!(
            "{}/{name}?sslmode=disable",
            path.rsplit_once('/').unwrap().0
        ),
        None => format!("{path}?sslmode=disable"),
    }
}

/// A running `visitdesk serve`, stopped when dropped.
pub struct Service {
    child: Child,
    pub base: String,
    client: awc::Client,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Service {
    /// `visitdesk serve` on `database_url` with `extra` flags and
    /// environment, ready when it answers `/readyz`.
    pub async fn start(
        dir: &Path,
        database_url: &str,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let bind = format!("127.0.0.1:{port}");
        let log = dir.join(format!("serve-{port}.log"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_visitdesk"))
            .args(["serve", "--bind", &bind, "--database-url", database_url])
            .args(["--workers", "2", "--data-dir"])
            .arg(dir)
            .args(extra)
            .envs(env.iter().copied())
            .env_remove("DATABASE_URL")
            .env("VISITDESK_JWT_SECRET", SECRET)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let base = format!("http://{bind}");
        let client = awc::Client::builder()
            .timeout(Duration::from_secs(30))
            .finish();
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "serve exited with {status}: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            if let Ok(res) = client.get(format!("{base}/readyz")).send().await
                && res.status() == 200
            {
                return Self {
                    child,
                    base,
                    client,
                };
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "serve did not get ready"
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Status and body of a request, with `token` as bearer if any.
    pub async fn send(
        &self,
        method: awc::http::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Vec<u8>) {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let mut res = match body {
            Some(body) => req.send_json(&body).await,
            None => req.send().await,
        }
        .unwrap();
        let bytes = res.body().limit(64 * 1024 * 1024).await.unwrap();
        (res.status().as_u16(), bytes.to_vec())
    }

    pub async fn get(&self, path: &str, token: &str) -> Vec<u8> {
        let (status, body) = self
            .send(awc::http::Method::GET, path, Some(token), None)
            .await;
        assert_eq!(
            status,
            200,
            "GET {path}: {}",
            String::from_utf8_lossy(&body)
        );
        body
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let (status, body) = self
            .send(
                awc::http::Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"username": username, "password": password})),
            )
            .await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        let body: Value = serde_json::from_slice(&body).unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }
}

/// The names of the units in a database, read directly.
pub fn unit_names(url: &DatabaseUrl) -> Vec<String> {
    use diesel::prelude::*;
    use visitdesk::db::schema::units;
    let mut conn = url.connect().unwrap();
    units::table.select(units::name).load(&mut conn).unwrap()
}
