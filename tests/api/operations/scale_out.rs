//! Two real `visitdesk serve` processes on one database, as behind a load
//! balancer: a change made through one is in the other's very next JSON
//! read, schedule week and feed (a client holding the old ETag gets 200, not
//! 304, at once), also gzipped; on PostgreSQL, ending the connections the
//! processes listen on (`pg_terminate_backend`) brings back no stale
//! answer, and they listen again; on SQLite, the other process's commit is
//! seen through `data_version`.

use std::io::{Read as _, Write as _};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use awc::http::StatusCode;
use chrono::Days;
use diesel::{Connection, RunQueryDsl};
use serde_json::{Value, json};

use crate::helpers::{Engine, SECRET, postgres_base_url};

const PASSWORD: &str = "a long enough password";

#[actix_web::test]
async fn postgres() {
    let db = Scratch::postgres();
    two_processes(&db, Engine::Postgres).await;
}

#[actix_web::test]
async fn sqlite() {
    let db = Scratch::sqlite();
    two_processes(&db, Engine::Sqlite).await;
}

/// A one-shot command (`migrate`, `user create`, `copy`, ...) keeps no
/// answer, so it opens no listening connection (nor its thread): only the
/// serving process listens, and it listens before it answers.
#[test]
fn only_a_serving_process_listens() {
    use visitdesk::db::{Db, PoolOptions};
    let db = Scratch::postgres();
    let url = visitdesk::db::DatabaseUrl::parse(&db.url).unwrap();
    let (one_shot, _) = Db::open(&url, PoolOptions::default()).unwrap();
    assert!(!one_shot.changes().watches());
    assert_eq!(db.listeners(), 0, "a one-shot command listens to nobody");
    let (serving, _) = Db::open_for_serving(&url, PoolOptions::default()).unwrap();
    assert!(serving.db().changes().watches());
    assert_eq!(db.listeners(), 1, "the serving process listens at once");
    drop(one_shot);
}

/// A database of the test's own, removed at its end.
struct Scratch {
    url: String,
    dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl Scratch {
    fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/visitdesk.db", dir.path().display());
        Self {
            url,
            dir,
            postgres: None,
        }
    }

    fn postgres() -> Self {
        let base = postgres_base_url();
        let base = base
            .split_once('?')
            .map_or(base.as_str(), |(b, _)| b)
            .to_owned();
        let name = format!("vdscale_{}", uuid::Uuid::new_v4().simple());
        let mut conn = diesel::PgConnection::establish(&base).unwrap();
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .unwrap();
        let url = format!(
            "{}/{name}?sslmode=disable",
            base.rsplit_once('/').unwrap().0
        );
        Self {
            url,
            dir: tempfile::tempdir().unwrap(),
            postgres: Some((base, name)),
        }
    }

    /// Ends the backends listening for changes on this database; how many.
    fn end_listeners(&self) -> usize {
        let mut conn = diesel::PgConnection::establish(&self.url).unwrap();
        diesel::sql_query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = 'visitdesk-listen' AND datname = current_database()",
        )
        .execute(&mut conn)
        .unwrap()
    }

    /// How many backends listen for changes on this database.
    fn listeners(&self) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = diesel::PgConnection::establish(&self.url).unwrap();
        diesel::sql_query(
            "SELECT COUNT(*) AS n FROM pg_stat_activity \
             WHERE application_name = 'visitdesk-listen' AND datname = current_database()",
        )
        .get_result::<N>(&mut conn)
        .unwrap()
        .n
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some((base, name)) = &self.postgres
            && let Ok(mut conn) = diesel::PgConnection::establish(base)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

/// A running `visitdesk serve`, stopped when dropped.
struct Process {
    child: Child,
    base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn visitdesk(db: &Scratch) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_visitdesk"));
    command
        .current_dir(db.dir.path())
        .env_remove("DATABASE_URL")
        .env("VISITDESK_JWT_SECRET", SECRET)
        .env("RUST_LOG", "warn");
    command
}

/// `visitdesk serve` on the database, both processes with the same secret
/// (a token from one is good at the other, as behind a load balancer).
async fn serve(db: &Scratch, name: &str) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bind = format!("127.0.0.1:{port}");
    let log = db.dir.path().join(format!("{name}.log"));
    let child = visitdesk(db)
        .args(["serve", "--bind", &bind, "--database-url", &db.url])
        .args(["--workers", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut process = Process {
        child,
        base: format!("http://{bind}"),
    };
    let client = awc::Client::default();
    let started = Instant::now();
    loop {
        if let Some(status) = process.child.try_wait().unwrap() {
            panic!(
                "{name} exited with {status}: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        if let Ok(res) = client.get(format!("{}/readyz", process.base)).send().await
            && res.status() == 200
        {
            return process;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{name} never got ready"
        );
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A client of one process.
struct Client {
    http: awc::Client,
    base: String,
    token: String,
}

struct Answer {
    status: StatusCode,
    etag: Option<String>,
    gzip: bool,
    body: String,
}

impl Client {
    fn new(process: &Process, token: &str) -> Self {
        Self {
            http: awc::Client::builder()
                .timeout(Duration::from_secs(30))
                .finish(),
            base: process.base.clone(),
            token: token.to_owned(),
        }
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Answer {
        let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .insert_header(("Authorization", format!("Bearer {}", self.token)));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        let mut res = match body {
            Some(body) => req.send_json(&body).await.unwrap(),
            None => req.send().await.unwrap(),
        };
        let bytes = res.body().limit(16 * 1024 * 1024).await.unwrap();
        let header = |name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let gzip = header("content-encoding").as_deref() == Some("gzip");
        let body = if gzip {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            text
        } else {
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        Answer {
            status: res.status(),
            etag: header("etag"),
            gzip,
            body,
        }
    }

    async fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self.send(method, path, &[], body).await;
        assert!(
            answer.status.is_success(),
            "{method} {path}: {} {}",
            answer.status,
            answer.body
        );
        serde_json::from_str(&answer.body).unwrap()
    }
}

const FEED: &str = "/calendar/public/press-conferences.ics";

/// What process `b` shows of the press conference after it was changed
/// through the other one: its JSON, the schedule's week and the public
/// feed (to a client holding `old_etag`, plain and gzipped) all hold
/// `title`; answers the feed's new ETag.
async fn shows(b: &Client, id: i64, week: &str, title: &str, old_etag: &str) -> String {
    let read = b
        .ok("GET", &format!("/api/v1/press-conferences/{id}"), None)
        .await;
    assert_eq!(read["title"], title, "the JSON read");
    let schedule = b
        .send("GET", week, &[("Accept-Encoding", "gzip")], None)
        .await;
    assert_eq!(schedule.status, StatusCode::OK);
    assert!(schedule.gzip, "a week this big leaves gzipped when asked");
    let items: Value = serde_json::from_str(&schedule.body).unwrap();
    assert_eq!(items["items"][0]["title"], title, "the schedule's week");
    let plain = b
        .send("GET", FEED, &[("If-None-Match", old_etag)], None)
        .await;
    assert_eq!(
        plain.status,
        StatusCode::OK,
        "the old ETag is stale: 200, not 304"
    );
    // Lines are folded at 75 octets (RFC 5545 §3.1).
    let unfolded = plain.body.replace("\r\n ", "");
    assert!(unfolded.contains(title), "the feed: {unfolded}");
    let etag = plain.etag.unwrap();
    assert_ne!(etag, old_etag);
    let gzipped = b
        .send(
            "GET",
            FEED,
            &[("If-None-Match", old_etag), ("Accept-Encoding", "gzip")],
            None,
        )
        .await;
    assert_eq!(gzipped.status, StatusCode::OK);
    assert!(gzipped.gzip);
    assert_eq!(gzipped.body, plain.body, "the same calendar, gzipped");
    // Now current: 304 (from what it keeps), for either representation.
    for held in [etag.clone(), gzipped.etag.unwrap()] {
        let again = b.send("GET", FEED, &[("If-None-Match", &held)], None).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    }
    etag
}

async fn two_processes(db: &Scratch, engine: Engine) {
    let mut create = visitdesk(db)
        .args(["user", "create", "--database-url", &db.url])
        .args(["--username", "root", "--role", "admin", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(create.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = create.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (pa, pb) = (serve(db, "a").await, serve(db, "b").await);
    let login = Client::new(&pa, "");
    let token = login
        .ok(
            "POST",
            "/api/v1/auth/login",
            Some(json!({"username": "root", "password": PASSWORD})),
        )
        .await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (a, b) = (Client::new(&pa, &token), Client::new(&pb, &token));

    let day = chrono::Utc::now().date_naive() + Days::new(3);
    let week = format!(
        "/api/v1/schedule?from={day}&to={}&kind=press_conference",
        day + Days::new(1)
    );
    // Eight announced press conferences that day, so that the week and the
    // feed are worth gzipping; the first (at 07:00) is the one changed.
    let mut ids = Vec::new();
    for hour in 7..15 {
        let created = a
            .ok(
                "POST",
                "/api/v1/press-conferences",
                Some(json!({
                    "title": format!("Họp báo định kỳ quý IV, phiên {hour} giờ"),
                    "kind": "periodic",
                    "starts_at": format!("{day}T{hour:02}:00"),
                    "ends_at": format!("{day}T{hour:02}:45"),
                    "venue": "Hội trường UBND tỉnh, 1 Trần Hưng Đạo",
                    "topics": "Tình hình kinh tế - xã hội, đầu tư nước ngoài, du lịch",
                    "speakers": ["Chủ tịch UBND tỉnh"],
                })),
            )
            .await;
        let id = created["id"].as_i64().unwrap();
        a.ok(
            "POST",
            &format!("/api/v1/press-conferences/{id}/transitions"),
            Some(json!({"action": "announce"})),
        )
        .await;
        ids.push(id);
    }
    let id = ids[0];
    let path = format!("/api/v1/press-conferences/{id}");

    // B builds and keeps its answers: the week and the feed.
    let first = b.send("GET", FEED, &[], None).await;
    assert_eq!(first.status, StatusCode::OK);
    let mut etag = first.etag.unwrap();
    let kept = b.send("GET", FEED, &[("If-None-Match", &etag)], None).await;
    assert_eq!(kept.status, StatusCode::NOT_MODIFIED);
    b.ok("GET", &week, None).await;

    // Changed through A: B's very next answers show it.
    for round in 1..=3 {
        let title = format!("Họp báo định kỳ quý IV (lần {round})");
        a.ok("PATCH", &path, Some(json!({"title": title}))).await;
        etag = shows(&b, id, &week, &title, &etag).await;
        // And the other way round: A kept answers too.
        let title = format!("Họp báo định kỳ quý IV (lần {round} từ B)");
        b.ok("PATCH", &path, Some(json!({"title": title}))).await;
        let from_a = shows(&a, id, &week, &title, &etag).await;
        etag = shows(&b, id, &week, &title, &etag).await;
        assert_eq!(from_a, etag, "both processes tag the same calendar alike");
    }

    // An administrator made by A, whose account B has just checked (and
    // keeps): deactivated through A, B refuses the token at once.
    let other = a
        .ok(
            "POST",
            "/api/v1/users",
            Some(
                json!({"username": "root2", "display_name": "Quản trị hai", "password": PASSWORD,
                        "role": "admin"}),
            ),
        )
        .await;
    let token2 = login
        .ok(
            "POST",
            "/api/v1/auth/login",
            Some(json!({"username": "root2", "password": PASSWORD})),
        )
        .await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let b2 = Client::new(&pb, &token2);
    b2.ok("GET", "/api/v1/me", None).await;
    b2.ok("GET", &path, None).await;
    a.ok(
        "PATCH",
        &format!("/api/v1/users/{}", other["id"]),
        Some(json!({"active": false})),
    )
    .await;
    for page in ["/api/v1/me", path.as_str()] {
        let refused = b2.send("GET", page, &[], None).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{page}");
    }

    if engine == Engine::Postgres {
        assert_eq!(
            db.listeners(),
            2,
            "each process listens on a connection of its own"
        );
        // Both listening connections ended; the next change is announced
        // to nobody. Neither process may answer from what it kept.
        assert_eq!(db.end_listeners(), 2);
        let title = "Họp báo định kỳ quý IV (không ai nghe)";
        a.ok("PATCH", &path, Some(json!({"title": title}))).await;
        etag = shows(&b, id, &week, title, &etag).await;
        // They listen again, and kept answers hold and go as before.
        let started = Instant::now();
        while db.listeners() < 2 {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the processes did not listen again"
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
        let title = "Họp báo định kỳ quý IV (nghe lại)";
        a.ok("PATCH", &path, Some(json!({"title": title}))).await;
        shows(&b, id, &week, title, &etag).await;
    }
}
