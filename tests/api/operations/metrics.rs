//! `GET /metrics`: closed unless configured, then behind its bearer token;
//! what it shows is read by Prometheus' own checker (`promtool check
//! metrics`) and names routes by their template, never by a request's path.

use std::io::Write;
use std::process::{Command, Stdio};

use awc::http::Method;

use visitdesk::domain::unit::UnitKind;

use super::ops::Service;
use crate::helpers::{Engine, TestApp};
use crate::on_both_engines;

const TOKEN: &str = "metrics-token-long-enough-for-the-service";

on_both_engines!(metrics_are_closed_unless_configured);

async fn metrics_are_closed_unless_configured(app: TestApp) {
    app.get("/metrics", &app.admin_token).await.problem(404);
}

#[actix_web::test]
async fn sqlite_metrics_read_by_promtool() {
    scrape(Engine::Sqlite).await;
}

#[actix_web::test]
async fn postgres_metrics_read_by_promtool() {
    scrape(Engine::Postgres).await;
}

/// A real `visitdesk serve` with a metrics token, on the test app's
/// database, answers some requests and is scraped.
async fn scrape(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let url = match app.db_url() {
        visitdesk::db::DatabaseUrl::Sqlite(path) => path.to_str().unwrap().to_owned(),
        visitdesk::db::DatabaseUrl::Postgres(url) => url,
    };
    let dir = tempfile::tempdir().unwrap();
    let service =
        Service::start(dir.path(), &url, &[], &[("VISITDESK_METRICS_TOKEN", TOKEN)]).await;
    let token = app.admin_token.clone();
    let unit = app.make_unit("Sở Tư pháp", UnitKind::Department).await.0;
    for id in [unit, unit, unit, 999_999] {
        service
            .send(
                Method::GET,
                &format!("/api/v1/units/{id}"),
                Some(&token),
                None,
            )
            .await;
    }
    service
        .send(Method::GET, "/no/such/7f3a9", None, None)
        .await;
    service
        .send(Method::GET, "/calendar/s3cr3t-feed-token.ics", None, None)
        .await;

    // Without the token, or with a login token instead: 401.
    let (status, _) = service.send(Method::GET, "/metrics", None, None).await;
    assert_eq!(status, 401);
    let (status, _) = service
        .send(Method::GET, "/metrics", Some(&token), None)
        .await;
    assert_eq!(status, 401);

    let (status, body) = service
        .send(Method::GET, "/metrics", Some(TOKEN), None)
        .await;
    assert_eq!(status, 200);
    let text = String::from_utf8(body).unwrap();
    for expected in [
        r#"visitdesk_http_requests_total{method="GET",route="/api/v1/units/{id}",status="200"} 3"#,
        r#"visitdesk_http_requests_total{method="GET",route="/api/v1/units/{id}",status="404"} 1"#,
        r#"visitdesk_http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
        r#"visitdesk_http_request_duration_seconds_bucket{method="GET",route="/api/v1/units/{id}",le="+Inf"} 4"#,
        r#"visitdesk_build_info{version=""#,
        "visitdesk_db_pool_connections{pool=",
        "visitdesk_db_pool_wait_seconds_count{pool=",
        "visitdesk_outbox_pending 0",
    ] {
        assert!(text.contains(expected), "no {expected} in:\n{text}");
    }
    let pool = if engine == Engine::Sqlite {
        "read"
    } else {
        "main"
    };
    assert!(
        text.contains(&format!(
            r#"visitdesk_db_pool_connections{{pool="{pool}",state="idle"}}"#
        )),
        "{text}"
    );
    // Paths hold ids and feed tokens: never a label.
    for leak in ["/999999", "s3cr3t", "7f3a9", "/no/such"] {
        assert!(!text.contains(leak), "{leak} in:\n{text}");
    }
    promtool_check(&text);
}

/// `promtool check metrics` on `text`: Prometheus' own reading of the
/// format and its naming rules. Skipped (said so) only outside CI when
/// promtool is not installed; `.ci/run` installs it.
fn promtool_check(text: &str) {
    let child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "promtool is required in CI (Debian's prometheus package): {e}"
            );
            println!(
                "SKIPPED promtool check: promtool is not installed (apt-get install prometheus)"
            );
            return;
        }
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
        "promtool: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
