//! The binary's start and command line: bad databases fail at once with the
//! engine's own words and leave no file; `user create` makes the first admin.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::{Engine, TestApp, postgres_base_url};
use crate::on_both_engines;

fn visitdesk(args: &[&str], dir: &std::path::Path, env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_visitdesk"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("VISITDESK_JWT_SECRET")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    names.sort();
    names
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                [vec![path.clone()], walk(&path)].concat()
            } else {
                vec![path]
            }
        })
        .collect()
}

fn start_fails(url: &str, expect_in_stderr: &[&str], code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let out = visitdesk(
        &["serve", "--database-url", url, "--bind", "127.0.0.1:0"],
        dir.path(),
        &[],
        "",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{url}: {stderr}");
    assert!(
        expect_in_stderr.iter().any(|e| stderr.contains(e)),
        "{url}: expected one of {expect_in_stderr:?} in: {stderr}"
    );
    assert!(
        files_in(dir.path()).is_empty(),
        "{url} left {:?}",
        files_in(dir.path())
    );
}

#[test]
fn a_malformed_postgres_url_fails_with_libpqs_message_and_no_file() {
    start_fails(
        "postgresql:nonsense",
        &["missing \"=\" after", "invalid connection option"],
        1,
    );
}

#[test]
fn an_unreachable_postgres_fails_at_start_and_leaves_no_file() {
    start_fails(
        "postgres://postgres@127.0.0.1:1/visitdesk",
        &["Connection refused", "connection to server"],
        1,
    );
}

#[test]
fn an_unknown_scheme_is_refused_as_usage() {
    start_fails(
        "mysql://root@localhost/visitdesk",
        &["unsupported database URL scheme `mysql:`"],
        2,
    );
}

#[test]
fn a_short_jwt_secret_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = visitdesk(
        &["serve", "--bind", "127.0.0.1:0"],
        dir.path(),
        &[("VISITDESK_JWT_SECRET", "short")],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 32"));
}

#[test]
fn openapi_prints_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = visitdesk(&["openapi"], dir.path(), &[], "");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        visitdesk::openapi::document_json()
    );
    assert!(files_in(dir.path()).is_empty());
}

on_both_engines!(user_create_makes_an_administrator_who_can_log_in);

async fn user_create_makes_an_administrator_who_can_log_in(app: TestApp) {
    let url = match app.engine {
        Engine::Sqlite => None,
        Engine::Postgres => Some(postgres_base_url()),
    };
    // A database of the command's own: a fresh SQLite file, or the app's PostgreSQL database.
    let dir = tempfile::tempdir().unwrap();
    let db_url = match url {
        None => format!("sqlite://{}", dir.path().join("cli.db").display()),
        Some(_) => app_db_url(&app),
    };
    let args = [
        "user",
        "create",
        "--database-url",
        &db_url,
        "--username",
        "Root",
        "--role",
        "admin",
        "--password-stdin",
    ];
    let out = visitdesk(&args, dir.path(), &[], "a long enough password\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("`root` (admin)"));

    // Again: the name is taken.
    let again = visitdesk(&args, dir.path(), &[], "a long enough password\n");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("taken"));
    // A role that needs a unit, without one; a short password.
    let no_unit = [
        "user",
        "create",
        "--database-url",
        &db_url,
        "--username",
        "x1",
        "--role",
        "police",
        "--password-stdin",
    ];
    assert_eq!(
        visitdesk(&no_unit, dir.path(), &[], "a long enough password\n")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        visitdesk(&args, dir.path(), &[], "short\n").status.code(),
        Some(2)
    );

    if app.engine == Engine::Postgres {
        app.login("root", "a long enough password").await.ok(200);
        let entry = app
            .audit_entries()
            .await
            .into_iter()
            .find(|e| e.record_kind.as_str() == "user" && e.changes["username"] == "root")
            .unwrap();
        assert_eq!(entry.actor_username.as_deref(), Some("(command line)"));
    }
}

fn app_db_url(app: &TestApp) -> String {
    match app.db_url() {
        visitdesk::db::DatabaseUrl::Postgres(url) => url,
        visitdesk::db::DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
    }
}
