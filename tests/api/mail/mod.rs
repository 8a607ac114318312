//! E-mail against a real SMTP server started by the test (aiosmtpd,
//! `tests/mail/smtp_sink.py`): the user's settings, change notices of the
//! coming week (and none for an entry three weeks ahead), the daily digest
//! per role, the recipient's language, no personal data or police note in
//! any message; a `serve` killed with SIGKILL between commit and send
//! sends its notice once after restart; two processes on one database
//! send each notice once.

mod messages;
mod processes;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use serde_json::{Value, json};
use visitdesk::db::outbox;
use visitdesk::domain::role::Role;
use visitdesk::mail::{MailConfig, TlsMode};

use crate::fixtures::{Cast, add_member, create, delegation_body, member_body, merged, path};
use crate::helpers::TestApp;
use crate::schedule_fixtures::{day, item, item_at};

pub(super) const PASSPORT: &str = "TR1234567";
pub(super) const NOTE: &str = "Theo dõi đặc biệt: ông X có tiền án";

/// A Python with aiosmtpd: the CI venv's, or the system's. Without one the
/// tests say why and pass, but not under CI (`CI` set), where it must be.
pub(super) fn python() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-venv/bin/python3");
    for candidate in [venv, PathBuf::from("python3")] {
        let ok = Command::new(&candidate)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(candidate);
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "aiosmtpd is missing (.ci/run installs it into target/ci-venv)"
    );
    println!("skipped: no Python with aiosmtpd (pip install aiosmtpd, or run .ci/run)");
    None
}

pub(super) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The SMTP server: what it received, one JSON file per message.
pub(super) struct Sink {
    child: Child,
    dir: tempfile::TempDir,
    pub(super) port: u16,
}

impl Sink {
    pub(super) fn start(python: &Path, port: u16) -> Sink {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/smtp_sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(dir.path())
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap()
            .parse()
            .unwrap();
        Sink { child, dir, port }
    }

    pub(super) fn messages(&self) -> Vec<Value> {
        let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| {
                let path = e.unwrap().path();
                let n = path.file_stem()?.to_str()?.parse().ok()?;
                (path.extension()? == "json").then_some((n, path))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|(_, p)| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `n` messages arrived (30 s at most).
    pub(super) async fn wait_for(&self, n: usize) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{} of {n} messages arrived: {got:#?}",
                got.len()
            );
            actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(super) fn mail_config(port: u16, digest_at: &str) -> MailConfig {
    MailConfig {
        host: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        credentials: None,
        from: "visitdesk <visitdesk@so-ngoai-vu.example.gov.vn>"
            .parse()
            .unwrap(),
        digest_at: NaiveTime::parse_from_str(digest_at, "%H:%M").unwrap(),
        sweep: Duration::from_millis(300),
        retry: Duration::from_secs(1),
    }
}

/// Gives `token`'s user an address, in `lang`, with or without the digest.
pub(super) async fn opt_in(app: &TestApp, token: &str, email: &str, lang: &str, digest: bool) {
    let body = json!({"address": email, "daily_digest": digest});
    app.put("/api/v1/me/mail", token, body).await.ok(200);
    // The console's language choice is the user's language for e-mail.
    let me = app.get("/api/v1/me", token).await.ok(200);
    let id = visitdesk::domain::ids::UserId(me["id"].as_i64().unwrap());
    let lang: &'static str = if lang == "en" { "en" } else { "vi" };
    app.db
        .write_blocking(&visitdesk::db::Actor::system("test"), move |conn| {
            visitdesk::model::user::set_language(
                conn,
                visitdesk::domain::role::Caller {
                    id,
                    role: Role::Police,
                    unit: None,
                },
                lang,
            )
        })
        .unwrap();
}

pub(super) fn pending(app: &TestApp) -> i64 {
    app.db
        .read_blocking(|conn| Ok(outbox::pending(conn)?))
        .unwrap()
}

/// No passport number, date of birth or police note anywhere in a message.
pub(super) fn assert_no_personal_data(messages: &[Value]) {
    for m in messages {
        for field in ["raw", "body", "subject"] {
            let text = m[field].as_str().unwrap();
            for secret in [PASSPORT, "1971-04-02", "02/04/1971", NOTE, "tiền án"] {
                assert!(!text.contains(secret), "{secret} in {field}: {text}");
            }
        }
    }
}

/// An incoming delegation with a member (passport, date of birth), a
/// police note, an item tomorrow and one in three weeks.
pub(super) async fn visit(app: &TestApp, cast: &Cast) -> (i64, i64, i64) {
    let fa = &cast.foreign_affairs.token;
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": day(0), "end_date": day(25)}),
    );
    let id = create(app, fa, body).await["id"].as_i64().unwrap();
    add_member(app, fa, id, member_body("Tanaka Hiroshi")).await;
    let review = json!({"status": "concerns", "officer": "Đại úy Trần Văn B", "notes": NOTE});
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        review,
    )
    .await
    .ok(200);
    let soon = item(
        app,
        cast,
        id,
        item_at(
            day(1),
            ("09:00", "11:00"),
            Some("Lê Minh Đức"),
            "Nhà khách tỉnh",
            "Chủ tịch UBND tỉnh",
        ),
    )
    .await;
    let later = item(
        app,
        cast,
        id,
        item_at(
            day(21),
            ("09:00", "11:00"),
            Some("Lê Minh Đức"),
            "Khu công nghiệp",
            "Giám đốc Sở",
        ),
    )
    .await;
    (id, soon, later)
}
