//! A backup taken while writers work, restored: every write answered before
//! the backup started is there (SQLite; PostgreSQL when pg_dump is installed).

use std::path::Path;
use std::process::Command;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;
use visitdesk::db::DatabaseUrl;

use super::{PgDatabase, Service, said, unit_names, visitdesk};
use crate::helpers::report_figure;

fn pg_dump_available() -> bool {
    Command::new("pg_dump")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[actix_web::test]
async fn sqlite_backup_round_trip_under_write_load() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let restored = dir.path().join("restored.db");
    backup_round_trip(
        dir.path(),
        live.to_str().unwrap(),
        restored.to_str().unwrap(),
        DatabaseUrl::Sqlite(restored.clone()),
    )
    .await;
}

#[actix_web::test]
async fn postgres_backup_round_trip_under_write_load() {
    if !pg_dump_available() {
        assert!(std::env::var_os("CI").is_none(), "pg_dump is missing in CI");
        println!("SKIPPED: pg_dump is not on PATH (install postgresql-client)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (live, restored) = (PgDatabase::new(), PgDatabase::new());
    backup_round_trip(
        dir.path(),
        &live.url,
        &restored.url,
        DatabaseUrl::Postgres(restored.url.clone()),
    )
    .await;
}

/// Writers create units through the API of a running service while
/// `visitdesk backup` runs; the backup restored into an empty database
/// holds every unit whose creation was answered before the backup started.
async fn backup_round_trip(dir: &Path, live: &str, restored: &str, restored_url: DatabaseUrl) {
    let service = Rc::new(Service::start(dir, live, &["--demo"], &[]).await);
    let token = service.login("admin", "visitdesk-demo").await;
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (service, token, stop) = (service.clone(), token.clone(), stop.clone());
        writers.push(actix_web::rt::spawn(async move {
            let mut acked = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let name = format!("Đơn vị tải {w}-{n}");
                let (status, body) = service
                    .send(
                        awc::http::Method::POST,
                        "/api/v1/units",
                        Some(&token),
                        Some(json!({"name": name, "name_en": format!("Load unit {w}-{n}"), "kind": "department"})),
                    )
                    .await;
                assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
                acked.push((name, Instant::now()));
            }
            acked
        }));
    }
    actix_web::rt::time::sleep(Duration::from_millis(800)).await;
    let file = dir.join("visitdesk.backup");
    let backup_started = Instant::now();
    let out = {
        let (live, file) = (live.to_owned(), file.to_str().unwrap().to_owned());
        actix_web::web::block(move || visitdesk(&["backup", "--database", &live, "--to", &file]))
            .await
            .unwrap()
    };
    let backup_took = backup_started.elapsed();
    assert!(out.status.success(), "{}", said(&out));
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let mut before = Vec::new();
    let mut total = 0;
    for writer in writers {
        let acked = writer.await.unwrap();
        total += acked.len();
        before.extend(
            acked
                .into_iter()
                .filter(|(_, at)| *at < backup_started)
                .map(|(n, _)| n),
        );
    }
    assert!(
        !before.is_empty() && total > before.len(),
        "the load did not run across the backup"
    );

    // A second backup to the same file is refused: nothing is overwritten.
    let again = visitdesk(&["backup", "--database", live, "--to", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", said(&again));

    let out = visitdesk(&[
        "restore",
        "--from",
        file.to_str().unwrap(),
        "--database",
        restored,
    ]);
    assert!(out.status.success(), "{}", said(&out));
    let names = unit_names(&restored_url);
    let missing: Vec<_> = before.iter().filter(|n| !names.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, not restored: {missing:?}"
    );

    // The restored database is served, and refuses a second restore.
    let copy = Service::start(dir, restored, &[], &[]).await;
    let token = copy.login("admin", "visitdesk-demo").await;
    copy.get("/api/v1/units?limit=500", &token).await;
    let out = visitdesk(&[
        "restore",
        "--from",
        file.to_str().unwrap(),
        "--database",
        restored,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not empty")
            || String::from_utf8_lossy(&out.stderr).contains("tables already"),
        "{}",
        said(&out)
    );
    report_figure(
        &format!(
            "backup_round_trip_{}",
            if restored.starts_with("postgres") {
                "postgres"
            } else {
                "sqlite"
            }
        ),
        &format!(
            "{total} units created by 3 writers across the backup ({:.2} s); {} acknowledged before it, all restored",
            backup_took.as_secs_f64(),
            before.len()
        ),
    );
}
