//! What the console promises against a hostile page or a stolen moment:
//! CSRF tokens per session, the cookie's flags, sessions that end when the
//! account changes, the Content-Security-Policy, and typed text shown as
//! text.

use serde_json::json;
use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    a_form_without_this_sessions_csrf_token_is_refused_and_changes_nothing,
    the_session_cookie_is_http_only_and_same_site_lax,
    a_deactivated_users_open_session_is_gone_on_the_next_click,
    a_new_password_role_or_unit_ends_the_open_session,
    every_page_carries_the_content_security_policy,
    text_with_script_and_quotes_is_shown_as_text,
);

async fn a_form_without_this_sessions_csrf_token_is_refused_and_changes_nothing(app: TestApp) {
    super::user(&app, "one", Role::Viewer).await;
    super::user(&app, "two", Role::Viewer).await;
    let mut one = Browser::new();
    one.sign_in(&app, "one").await;
    let mut two = Browser::new();
    let home = two.sign_in(&app, "two").await.text();
    let twos_token = super::csrf_of(&home).unwrap();
    let before = app.audit_entries().await.len();

    let none = one
        .post_raw(&app, "/language", &[("lang", "en"), ("back", "/")])
        .await;
    let html = page(&none, 403);
    assert!(html.contains("Biểu mẫu đã hết hạn"), "{html}");
    let other = one
        .post_raw(
            &app,
            "/language",
            &[("csrf", &twos_token), ("lang", "en"), ("back", "/")],
        )
        .await;
    page(&other, 403);
    let forged = one
        .post_raw(
            &app,
            "/sign-out",
            &[("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")],
        )
        .await;
    page(&forged, 403);
    // Nothing changed: no audit entry, still Vietnamese, still signed in.
    assert_eq!(app.audit_entries().await.len(), before);
    let home = page(&one.get(&app, "/").await, 200);
    assert!(home.contains("<html lang=\"vi\">"));
    // The session's own token works.
    let ok = one
        .post(&app, "/language", &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(ok.status.as_u16(), 303);
}

async fn the_session_cookie_is_http_only_and_same_site_lax(app: TestApp) {
    super::user(&app, "clerk", Role::Viewer).await;
    let mut browser = Browser::new();
    browser.sign_in(&app, "clerk").await;
    // Over plain http (this test's server): no Secure, no __Host- prefix.
    let mut again = Browser::new();
    again.get(&app, "/sign-in").await;
    let reply = again
        .post(
            &app,
            "/sign-in",
            &[
                ("username", "clerk"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await;
    let cookie = session_cookie(&reply, "visitdesk-session=");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");

    // Behind https: __Host- and Secure.
    let engine = app.engine;
    drop(app);
    let app = TestApp::spawn_with(engine, |c| {
        c.public_url = "https://visitdesk.example.gov.vn".to_owned();
    })
    .await;
    super::user(&app, "clerk", Role::Viewer).await;
    let mut browser = Browser::new();
    browser.get(&app, "/sign-in").await;
    let reply = browser
        .post(
            &app,
            "/sign-in",
            &[
                ("username", "clerk"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await;
    let cookie = session_cookie(&reply, "__Host-visitdesk-session=");
    for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(flag), "{flag}: {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
}

fn session_cookie(reply: &crate::helpers::Reply, prefix: &str) -> String {
    reply
        .headers
        .get_all("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} cookie: {:?}", reply.headers))
}

async fn a_deactivated_users_open_session_is_gone_on_the_next_click(app: TestApp) {
    let id = super::user(&app, "leaver", Role::HostUnit).await;
    let mut browser = Browser::new();
    page(&browser.sign_in(&app, "leaver").await, 200);
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin_token,
        json!({"active": false}),
    )
    .await
    .ok(200);
    let next = browser.get(&app, "/").await;
    assert_eq!(next.status.as_u16(), 303);
    assert_eq!(next.header("location").as_deref(), Some("/sign-in"));
    // A form posted from the page still open changes nothing either.
    let before = app.audit_entries().await.len();
    let post = browser
        .post(&app, "/language", &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(post.status.as_u16(), 303);
    assert!(post.header("location").unwrap().starts_with("/sign-in"));
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn a_new_password_role_or_unit_ends_the_open_session(app: TestApp) {
    let id = super::user(&app, "mover", Role::Viewer).await;
    let path = format!("/api/v1/users/{id}");
    for change in [
        json!({"password": "a whole new password"}),
        json!({"role": "police"}),
    ] {
        let mut browser = Browser::new();
        browser.get(&app, "/sign-in").await;
        let password = if change.get("role").is_some() {
            "a whole new password"
        } else {
            crate::helpers::PASSWORD
        };
        let reply = browser
            .post(
                &app,
                "/sign-in",
                &[("username", "mover"), ("password", password)],
            )
            .await;
        assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
        page(&browser.get(&app, "/").await, 200);
        app.patch(&path, &app.admin_token, change.clone())
            .await
            .ok(200);
        let next = browser.get(&app, "/").await;
        assert_eq!(next.status.as_u16(), 303, "after {change}");
    }
}

async fn every_page_carries_the_content_security_policy(app: TestApp) {
    super::user(&app, "reader", Role::Viewer).await;
    let mut browser = Browser::new();
    let mut replies = vec![
        browser.get(&app, "/sign-in").await,
        browser.get(&app, "/").await,
    ];
    replies.push(browser.sign_in(&app, "reader").await);
    replies.push(browser.get(&app, "/assets/console.nosuchfile.css").await);
    replies.push(browser.post_raw(&app, "/sign-out", &[]).await);
    for reply in &replies {
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(reply.header("x-frame-options").as_deref(), Some("DENY"));
    }
    // An unknown asset is a page saying so, not JSON.
    page(&replies[3], 404);
    // No inline script on any page: scripts come from /assets/ only.
    let html = replies[2].text();
    assert!(!html.contains("<script>"));
    assert!(html.contains("<script src=\"/assets/console."));
}

async fn text_with_script_and_quotes_is_shown_as_text(app: TestApp) {
    let id = super::user(&app, "typist", Role::Viewer).await;
    let name = r#"<script>alert("x")</script> O'Brien & "Co""#;
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin_token,
        json!({"display_name": name}),
    )
    .await
    .ok(200);
    let mut browser = Browser::new();
    let html = page(&browser.sign_in(&app, "typist").await, 200);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains(
            "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; O&#39;Brien &#38; &#34;Co&#34;"
        ),
        "{html}"
    );
}
