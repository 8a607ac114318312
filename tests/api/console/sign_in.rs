//! Signing in and out of the console, and its two languages.

use serde_json::json;
use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::helpers::{PASSWORD, TestApp};
use crate::on_both_engines;

on_both_engines!(
    a_clerk_signs_in_and_lands_on_the_inbox,
    a_wrong_password_shows_the_form_again_with_the_reason,
    empty_fields_are_named_in_the_error_summary,
    the_throttle_of_the_api_holds_for_the_console,
    after_sign_in_the_page_asked_for_opens_but_never_another_host,
    signing_out_ends_the_session_on_the_server,
    english_can_be_chosen_before_sign_in_and_is_remembered_for_the_user,
);

async fn a_clerk_signs_in_and_lands_on_the_inbox(app: TestApp) {
    super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    let mut browser = Browser::new();
    // Home without a session: the sign-in page.
    let home = browser.get(&app, "/").await;
    assert_eq!(home.status.as_u16(), 303);
    assert_eq!(home.header("location").as_deref(), Some("/sign-in"));
    let html = page(&browser.get(&app, "/sign-in").await, 200);
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains("<label for=\"f-username\">Tên đăng nhập</label>"));
    let inbox = page(&browser.sign_in(&app, "ngoaivu").await, 200);
    assert!(inbox.contains("<h1>Việc cần làm</h1>"), "{inbox}");
    assert!(inbox.contains("Test ngoaivu"));
    assert!(inbox.contains("Đăng xuất"));
}

async fn a_wrong_password_shows_the_form_again_with_the_reason(app: TestApp) {
    super::user(&app, "donvi", Role::Viewer).await;
    let mut browser = Browser::new();
    browser.get(&app, "/sign-in").await;
    let reply = browser
        .post(
            &app,
            "/sign-in",
            &[("username", "donvi"), ("password", "wrong one")],
        )
        .await;
    let html = page(&reply, 401);
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("Tên đăng nhập hoặc mật khẩu không đúng"));
    // The username typed stays; the password does not.
    assert!(html.contains("value=\"donvi\""));
    assert!(!html.contains("wrong one"));
    assert!(browser.cookie("visitdesk-session").is_none());
}

async fn empty_fields_are_named_in_the_error_summary(app: TestApp) {
    let mut browser = Browser::new();
    browser.get(&app, "/sign-in").await;
    let html = page(
        &browser
            .post(&app, "/sign-in", &[("username", " "), ("password", "")])
            .await,
        422,
    );
    assert!(
        html.contains("<a href=\"#f-username\">Nhập tên đăng nhập</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#f-password\">Nhập mật khẩu</a>"));
    assert!(html.contains("aria-invalid=\"true\""));
}

async fn the_throttle_of_the_api_holds_for_the_console(app: TestApp) {
    super::user(&app, "guessed", Role::Viewer).await;
    let mut browser = Browser::new();
    browser.get(&app, "/sign-in").await;
    for _ in 0..5 {
        let reply = browser
            .post(
                &app,
                "/sign-in",
                &[("username", "guessed"), ("password", "nope nope")],
            )
            .await;
        assert_eq!(reply.status.as_u16(), 401);
    }
    // Locked now, even with the right password, here and in the API.
    let html = page(
        &browser
            .post(
                &app,
                "/sign-in",
                &[("username", "guessed"), ("password", PASSWORD)],
            )
            .await,
        429,
    );
    assert!(html.contains("Đã nhập sai quá nhiều lần"), "{html}");
    app.login("guessed", PASSWORD).await.problem(429);
}

async fn after_sign_in_the_page_asked_for_opens_but_never_another_host(app: TestApp) {
    super::user(&app, "police", Role::Police).await;
    let mut browser = Browser::new();
    let asked = browser.get(&app, "/me").await;
    assert_eq!(
        asked.header("location").as_deref(),
        Some("/sign-in?next=%2Fme")
    );
    let form = page(&browser.get(&app, "/sign-in?next=%2Fme").await, 200);
    assert!(form.contains("name=\"next\" value=\"/me\""));
    let reply = browser
        .post(
            &app,
            "/sign-in",
            &[
                ("username", "police"),
                ("password", PASSWORD),
                ("next", "/me"),
            ],
        )
        .await;
    assert_eq!(reply.header("location").as_deref(), Some("/me"));
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let mut other = Browser::new();
        other.get(&app, "/sign-in").await;
        let reply = other
            .post(
                &app,
                "/sign-in",
                &[
                    ("username", "police"),
                    ("password", PASSWORD),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!(reply.header("location").as_deref(), Some("/"), "{evil}");
    }
}

async fn signing_out_ends_the_session_on_the_server(app: TestApp) {
    super::user(&app, "leaving", Role::Viewer).await;
    let mut browser = Browser::new();
    browser.sign_in(&app, "leaving").await;
    let session = browser.cookie("visitdesk-session").unwrap().to_owned();
    let reply = browser.post(&app, "/sign-out", &[]).await;
    assert_eq!(reply.header("location").as_deref(), Some("/sign-in"));
    assert!(browser.cookie("visitdesk-session").is_none());
    // A copy of the old cookie opens nothing.
    let mut thief = Browser::new();
    thief.get(&app, "/sign-in").await;
    thief.set_cookie("visitdesk-session", &session);
    let home = thief.get(&app, "/").await;
    assert_eq!(home.status.as_u16(), 303);
    assert_eq!(home.header("location").as_deref(), Some("/sign-in"));
}

async fn english_can_be_chosen_before_sign_in_and_is_remembered_for_the_user(app: TestApp) {
    let id = super::user(&app, "anh", Role::Viewer).await;
    let mut browser = Browser::new();
    browser.get(&app, "/sign-in").await;
    let reply = browser
        .post(&app, "/language", &[("lang", "en"), ("back", "/sign-in")])
        .await;
    let html = page(&browser.follow(&app, &reply).await, 200);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<label for=\"f-username\">Username</label>"));
    // Wrong password, in English.
    let wrong = browser
        .post(
            &app,
            "/sign-in",
            &[("username", "anh"), ("password", "not it at all")],
        )
        .await;
    assert!(page(&wrong, 401).contains("Wrong username or password"));
    // Signed in, English is chosen for the user (an audited change)…
    let home = page(&browser.sign_in(&app, "anh").await, 200);
    assert!(home.contains("<h1>To do</h1>"));
    browser
        .post(&app, "/language", &[("lang", "en"), ("back", "/")])
        .await;
    let entry = app.audit_entries().await.pop().unwrap();
    assert_eq!(entry.action, "set_language");
    assert_eq!(entry.record_id, id);
    assert_eq!(
        entry.changes,
        json!({"language": {"from": null, "to": "en"}})
    );
    // …and a browser that never chose opens in English after sign-in.
    let mut elsewhere = Browser::new();
    let home = page(&elsewhere.sign_in(&app, "anh").await, 200);
    assert!(home.contains("<html lang=\"en\">"), "{home}");
}
