//! `visitdesk copy`: a generated province copied SQLite → PostgreSQL is
//! served alike; a non-empty target is refused; a failed copy leaves the
//! target empty.

use std::path::Path;

use chrono::Datelike;
use diesel::Connection;
use serde_json::{Value, json};
use visitdesk::db::DatabaseUrl;

use super::{PgDatabase, Service, said, unit_names, visitdesk};

/// A small generated province on SQLite.
fn generated(dir: &Path) -> String {
    let path = dir.join("source.db").to_str().unwrap().to_owned();
    let out = visitdesk(&[
        "generate",
        "--database-url",
        &path,
        "--scale",
        "0.002",
        "--seed",
        "7",
    ]);
    assert!(out.status.success(), "{}", said(&out));
    path
}

#[actix_web::test]
async fn sqlite_copied_to_postgres_answers_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let source = generated(dir.path());
    let target = PgDatabase::new();
    let out = visitdesk(&[
        "copy",
        "--from",
        &source,
        "--to",
        &target.url,
        "--batch",
        "50",
    ]);
    assert!(out.status.success(), "{}", said(&out));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for table in [
        "units",
        "users",
        "delegations",
        "itinerary_items",
        "audit_entries",
        "reference_counters",
        "calendar_swaps",
    ] {
        assert!(
            stderr.contains(&format!("verified {table}: ")),
            "{table} not verified: {stderr}"
        );
    }
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("every table's row count and checksum match")
    );

    // The service on the copy answers as the service on the original.
    let (old, new) = (
        Service::start(dir.path(), &source, &[], &[]).await,
        Service::start(dir.path(), &target.url, &[], &[]).await,
    );
    let (old_token, new_token) = (
        old.login("congan", "visitdesk-demo").await,
        new.login("congan", "visitdesk-demo").await,
    );
    let page = old.get("/api/v1/delegations?limit=5", &old_token).await;
    assert_eq!(
        page,
        new.get("/api/v1/delegations?limit=5", &new_token).await
    );
    let page: Value = serde_json::from_slice(&page).unwrap();
    for d in page["items"].as_array().unwrap() {
        let path = format!("/api/v1/delegations/{}", d["id"]);
        assert_eq!(
            old.get(&path, &old_token).await,
            new.get(&path, &new_token).await,
            "{path}"
        );
    }
    let today = chrono::Utc::now().date_naive();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week = format!(
        "/api/v1/schedule?from={monday}&to={}",
        monday + chrono::Duration::days(7)
    );
    let schedule = old.get(&week, &old_token).await;
    assert!(
        serde_json::from_slice::<Value>(&schedule).unwrap()["items"]
            .as_array()
            .is_some_and(|i| !i.is_empty())
    );
    assert_eq!(schedule, new.get(&week, &new_token).await);
    let feed = "/calendar/public/press-conferences.ics";
    assert_eq!(old.get(feed, "").await, new.get(feed, "").await);

    // New records follow the copied ones (the sequences were set).
    let admin = new.login("admin", "visitdesk-demo").await;
    let (status, body) = new
        .send(
            awc::http::Method::POST,
            "/api/v1/units",
            Some(&admin),
            Some(json!({"name": "Đơn vị mới", "name_en": "New unit", "kind": "other"})),
        )
        .await;
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    let units: Value = serde_json::from_slice(&old.get("/api/v1/units?limit=500", &admin).await)
        .unwrap_or(Value::Null);
    let created: Value = serde_json::from_slice(&body).unwrap();
    let highest = units["items"].as_array().map_or(0, |u| {
        u.iter().filter_map(|u| u["id"].as_i64()).max().unwrap_or(0)
    });
    assert!(
        created["id"].as_i64().unwrap() > highest,
        "{created} after {highest}"
    );

    // A target that holds records is refused, and left as it was.
    let out = visitdesk(&["copy", "--from", &source, "--to", &target.url]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the target is not empty"),
        "{}",
        said(&out)
    );
    assert!(
        unit_names(&DatabaseUrl::Postgres(target.url.clone())).contains(&"Đơn vị mới".to_owned())
    );

    // And back: PostgreSQL to SQLite by the same code, verified too.
    let back = dir.path().join("back.db");
    let out = visitdesk(&[
        "copy",
        "--from",
        &target.url,
        "--to",
        back.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", said(&out));
}

#[actix_web::test]
async fn a_copy_that_fails_midway_leaves_the_target_empty() {
    let dir = tempfile::tempdir().unwrap();
    let source = generated(dir.path());
    {
        // A member whose delegation is gone (written with the foreign keys
        // off): PostgreSQL refuses it after the tables before it went in.
        use diesel::RunQueryDsl;
        let mut conn = diesel::SqliteConnection::establish(&source).unwrap();
        diesel::sql_query("PRAGMA foreign_keys = OFF")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query(
            "INSERT INTO delegation_members (delegation_id, full_name, nationality, role, created_at, updated_at, version) \
             VALUES (999999, 'Không đoàn', 'JP', 'member', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
        )
        .execute(&mut conn)
        .unwrap();
    }
    let pg = PgDatabase::new();
    let sqlite = dir.path().join("target.db");
    for target in [pg.url.clone(), sqlite.to_str().unwrap().to_owned()] {
        let out = visitdesk(&["copy", "--from", &source, "--to", &target]);
        assert_eq!(out.status.code(), Some(1), "{}", said(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("copied delegations: "),
            "not midway: {stderr}"
        );
        let url = DatabaseUrl::parse(&target).unwrap();
        let mut conn = url.connect().unwrap();
        assert_eq!(
            visitdesk::ops::non_empty_tables(&mut conn).unwrap(),
            vec![],
            "{target}"
        );
        assert!(unit_names(&url).is_empty());
    }
}
