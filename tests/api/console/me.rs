//! The console's account page: the e-mail settings, kept through the
//! operation the API's `PUT /me/mail` calls, refused with the errors in
//! the person's language (and nothing changed), seen only by their owner.

use visitdesk::domain::role::Role;

use super::{Browser, page, user};
use crate::helpers::TestApp;

async fn email_settings_on_the_account_page(app: TestApp) {
    user(&app, "canbo-congan", Role::Police).await;
    let mut b = Browser::new();
    b.sign_in(&app, "canbo-congan").await;
    let html = page(&b.get(&app, "/me").await, 200);
    assert!(
        html.contains("Nhận thư điện tử") && html.contains("Địa chỉ thư điện tử"),
        "{html}"
    );

    // A digest without an address: refused, in Vietnamese, nothing kept.
    let refused = b
        .post(
            &app,
            "/me/mail",
            &[
                ("address", ""),
                ("daily_digest", "on"),
                ("change_notices", "on"),
            ],
        )
        .await;
    let html = page(&refused, 422);
    assert!(html.contains("Cần có địa chỉ thư để gửi bản tin"), "{html}");
    let bad = b
        .post(&app, "/me/mail", &[("address", "khong phai dia chi")])
        .await;
    let html = page(&bad, 422);
    assert!(html.contains("Phải là địa chỉ thư điện tử"), "{html}");
    assert!(
        html.contains("value=\"khong phai dia chi\""),
        "the form keeps what was typed"
    );
    let token = app.token("canbo-congan").await;
    let kept = app.get("/api/v1/me/mail", &token).await.ok(200);
    assert!(kept["address"].is_null(), "nothing changed: {kept}");

    // Kept: the page says so and shows the address; the API reads the same.
    let done = b
        .post(
            &app,
            "/me/mail",
            &[
                ("address", "canbo@congan.example.vn"),
                ("daily_digest", "on"),
            ],
        )
        .await;
    let html = page(&b.follow(&app, &done).await, 200);
    assert!(html.contains("Đã lưu cách nhận thư"), "{html}");
    assert!(html.contains("value=\"canbo@congan.example.vn\""), "{html}");
    let kept = app.get("/api/v1/me/mail", &token).await.ok(200);
    assert_eq!(kept["address"], "canbo@congan.example.vn");
    assert_eq!(kept["daily_digest"], true);
    assert_eq!(kept["change_notices"], false, "an unticked box is off");

    // In English when the person chose English.
    b.post(&app, "/language", &[("lang", "en"), ("back", "/me")])
        .await;
    let refused = b
        .post(
            &app,
            "/me/mail",
            &[("address", "x@"), ("daily_digest", "on")],
        )
        .await;
    let html = page(&refused, 422);
    assert!(html.contains("must be an e-mail address"), "{html}");

    // Another person's page never shows this address.
    user(&app, "nguoi-khac", Role::Viewer).await;
    let mut other = Browser::new();
    other.sign_in(&app, "nguoi-khac").await;
    let html = page(&other.get(&app, "/me").await, 200);
    assert!(!html.contains("canbo@congan.example.vn"));
}

crate::on_both_engines!(email_settings_on_the_account_page);
