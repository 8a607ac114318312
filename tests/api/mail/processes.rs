//! Real `visitdesk serve` processes: killed with SIGKILL between commit
//! and send, and two at once on one PostgreSQL database.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use super::{Sink, free_port, opt_in, pending, python, visit};
use crate::fixtures::{Cast, path};
use crate::helpers::{Engine, SECRET, TestApp};

/// A `visitdesk serve` on `app`'s database with e-mail to `smtp_port`.
struct Serve {
    child: Child,
    base: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve(app: &TestApp, smtp_port: u16, log: &Path) -> Serve {
    let bind = format!("127.0.0.1:{}", free_port());
    let url = match app.db_url() {
        visitdesk::db::DatabaseUrl::Sqlite(p) => p.display().to_string(),
        visitdesk::db::DatabaseUrl::Postgres(u) => u,
    };
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_visitdesk"))
        .args([
            "serve",
            "--bind",
            &bind,
            "--database-url",
            &url,
            "--workers",
            "1",
        ])
        .env_remove("DATABASE_URL")
        .env("VISITDESK_JWT_SECRET", SECRET)
        .env("VISITDESK_SMTP_HOST", "127.0.0.1")
        .env("VISITDESK_SMTP_PORT", smtp_port.to_string())
        .env("VISITDESK_SMTP_TLS", "none")
        .env(
            "VISITDESK_MAIL_FROM",
            "visitdesk@so-ngoai-vu.example.gov.vn",
        )
        .env("VISITDESK_MAIL_DIGEST_AT", "23:59")
        .env("VISITDESK_MAIL_SWEEP_SECONDS", "1")
        .env("VISITDESK_MAIL_RETRY_SECONDS", "1")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://{bind}");
    let client = awc::Client::default();
    let started = Instant::now();
    while !matches!(client.get(format!("{base}/readyz")).send().await, Ok(r) if r.status() == 200) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not start"
        );
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    Serve { child, base }
}

async fn patch(base: &str, token: &str, path: &str, body: Value) {
    let res = awc::Client::default()
        .patch(format!("{base}{path}"))
        .bearer_auth(token)
        .send_json(&body)
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// SMTP down, a change committed, the process killed (SIGKILL) before it
/// could send: after a restart with the server up, sent exactly once.
async fn killed_between_commit_and_send(engine: Engine) {
    let Some(python) = python() else { return };
    let app = TestApp::spawn(engine).await;
    let cast = Cast::new(&app).await;
    opt_in(&app, &cast.police.token, "congan@example.vn", "vi", false).await;
    let (id, soon, _) = visit(&app, &cast).await;
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("serve.log");
    let port = free_port();

    let mut first = serve(&app, port, &log).await;
    let item = format!("{}/itinerary/{soon}", path(id));
    patch(
        &first.base,
        &cast.foreign_affairs.token,
        &item,
        json!({"title": "Dời giờ làm việc"}),
    )
    .await;
    assert_eq!(pending(&app), 1, "the notice was committed with the change");
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    assert_eq!(pending(&app), 1, "not sent: the SMTP server was down");

    let sink = Sink::start(&python, port);
    let _second = serve(&app, port, &log).await;
    let got = sink.wait_for(1).await;
    actix_web::rt::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.messages().len(), 1, "sent once: {got:#?}");
    assert!(
        got[0]["body"]
            .as_str()
            .unwrap()
            .contains("Dời giờ làm việc")
    );
    assert_eq!(pending(&app), 0);
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("e-mail is on"), "{log}");
}

#[actix_web::test]
async fn killed_between_commit_and_send_sqlite() {
    killed_between_commit_and_send(Engine::Sqlite).await;
}

#[actix_web::test]
async fn killed_between_commit_and_send_postgres() {
    killed_between_commit_and_send(Engine::Postgres).await;
}

/// Two processes on one PostgreSQL: notices piled up while SMTP was down,
/// then both senders sweep the same rows at once: each is sent once.
#[actix_web::test]
async fn two_processes_send_each_notice_once() {
    let Some(python) = python() else { return };
    let app = TestApp::spawn(Engine::Postgres).await;
    let cast = Cast::new(&app).await;
    opt_in(&app, &cast.police.token, "congan@example.vn", "vi", false).await;
    let (_, second_police) = app.login_as(Role::Police).await;
    opt_in(&app, &second_police, "trucban@example.vn", "en", false).await;
    let (id, soon, _) = visit(&app, &cast).await;
    let logs = tempfile::tempdir().unwrap();
    let port = free_port();
    let a = serve(&app, port, &logs.path().join("a.log")).await;
    let b = serve(&app, port, &logs.path().join("b.log")).await;
    let item = format!("{}/itinerary/{soon}", path(id));
    let changes = 6;
    for n in 0..changes {
        let base = if n % 2 == 0 { &a.base } else { &b.base };
        patch(
            base,
            &cast.foreign_affairs.token,
            &item,
            json!({"title": format!("Lần đổi {n}")}),
        )
        .await;
    }
    let expected = changes * 2;
    assert_eq!(pending(&app), i64::try_from(expected).unwrap());
    let sink = Sink::start(&python, port);
    let got = sink.wait_for(expected).await;
    actix_web::rt::time::sleep(Duration::from_secs(3)).await;
    let got_now = sink.messages();
    assert_eq!(got_now.len(), expected, "{got:#?}");
    let ids: std::collections::HashSet<&str> = got_now
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), expected, "no Message-ID twice");
    assert_eq!(pending(&app), 0);
    crate::helpers::report_figure(
        "mail_two_processes",
        &format!("{expected} notices, 2 processes, each sent once"),
    );
}
