//! The calendar page of the administration (a swap day added by filling
//! the form, its errors in both languages, a form without its CSRF token,
//! other roles refused) and the due dates a person sees on a delegation's
//! page and in the inbox — over HTTP with forms, on both engines.

use chrono::Days;
use serde_json::{Value, json};
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;

use super::{Browser, page};
use crate::fixtures::{self, Cast, delegation_body, merged};
use crate::helpers::TestApp;
use crate::on_both_engines;

/// The reporter, accreditation and settings pages (H8).
mod pages;

on_both_engines!(
    the_administrator_adds_a_swap_day_by_filling_the_form,
    a_bad_swap_shows_the_form_again_with_its_errors_in_both_languages,
    the_swap_form_without_its_csrf_token_is_refused,
    other_roles_get_the_403_page,
    a_record_and_the_inbox_show_the_working_days_left,
    a_passport_typed_in_the_member_form_is_warned_of_on_the_record,
);

async fn signed_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

async fn swaps(app: &TestApp) -> Value {
    app.get("/api/v1/calendar/swaps", &app.admin_token)
        .await
        .ok(200)
}

async fn the_administrator_adds_a_swap_day_by_filling_the_form(app: TestApp) {
    let mut admin = signed_in(&app, "admin").await;
    let html = page(&admin.get(&app, "/admin/calendar?year=2026").await, 200);
    assert!(
        html.contains("<h1>Ngày nghỉ và ngày làm bù 2026</h1>"),
        "{html}"
    );
    // The shipped swaps, with their sources, and the year's days off.
    assert!(
        html.contains("02/01/2026") && html.contains("12729/VPCP-KGVX"),
        "{html}"
    );
    assert!(html.contains("Nghỉ bù Giỗ Tổ Hùng Vương"), "{html}");
    assert!(
        html.contains("<label for=\"f-note\">Ghi chú</label>"),
        "{html}"
    );

    let saved = admin
        .post(
            &app,
            "/admin/calendar/swaps",
            &[
                ("date", "03/05/2027"),
                ("working", "false"),
                ("note", "Nghỉ hoán đổi, làm bù thứ Bảy 08/05/2027"),
                ("source", "Văn bản thử"),
            ],
        )
        .await;
    let html = page(&admin.follow(&app, &saved).await, 200);
    assert!(html.contains("Đã lưu ngày hoán đổi."), "{html}");
    assert!(html.contains("03/05/2027"), "{html}");
    let listed = swaps(&app).await;
    let swap = fixtures::items(&listed)
        .iter()
        .find(|s| s["date"] == "2027-05-03")
        .expect("the new swap")
        .clone();
    assert_eq!(swap["working"], false);
    assert_eq!(swap["source"], "Văn bản thử");
    let day = app
        .get(
            "/api/v1/calendar/days?from=2027-05-03&to=2027-05-03",
            &app.admin_token,
        )
        .await
        .ok(200);
    assert_eq!(fixtures::items(&day)[0]["working"], false);

    // Removed with its button.
    let removed = admin
        .post(&app, "/admin/calendar/swaps/2027-05-03/remove", &[])
        .await;
    let html = page(&admin.follow(&app, &removed).await, 200);
    assert!(html.contains("Đã xóa ngày hoán đổi."), "{html}");
    assert!(
        !fixtures::items(&swaps(&app).await)
            .iter()
            .any(|s| s["date"] == "2027-05-03")
    );
}

async fn a_bad_swap_shows_the_form_again_with_its_errors_in_both_languages(app: TestApp) {
    let mut admin = signed_in(&app, "admin").await;
    admin.get(&app, "/admin/calendar").await;
    let before = swaps(&app).await;
    let bad = [
        ("date", "31/02/2027"),
        ("working", "false"),
        ("note", " "),
        ("source", ""),
    ];
    let html = page(&admin.post(&app, "/admin/calendar/swaps", &bad).await, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(
        html.contains("href=\"#f-date\">Phải là một ngày (ngày/tháng/năm)</a>"),
        "{html}"
    );
    // The date is read first; with a good one, the note is refused.
    let html = page(
        &admin
            .post(
                &app,
                "/admin/calendar/swaps",
                &[("date", "03/05/2027"), ("working", "false"), ("note", " ")],
            )
            .await,
        422,
    );
    assert!(
        html.contains("href=\"#f-note\">Hãy ghi ngày này là ngày gì</a>"),
        "{html}"
    );
    assert!(
        html.contains("value=\"03/05/2027\""),
        "the form keeps what was typed: {html}"
    );

    let chosen = admin
        .post(
            &app,
            "/language",
            &[("lang", "en"), ("back", "/admin/calendar")],
        )
        .await;
    let html = page(&admin.follow(&app, &chosen).await, 200);
    assert!(html.contains("Holidays and swap days"), "{html}");
    let html = page(
        &admin
            .post(
                &app,
                "/admin/calendar/swaps",
                &[("date", "03/05/2027"), ("working", "false"), ("note", "")],
            )
            .await,
        422,
    );
    assert!(
        html.contains("href=\"#f-note\">say what the day is</a>"),
        "{html}"
    );
    let html = page(
        &admin
            .post(
                &app,
                "/admin/calendar/swaps",
                &[("date", ""), ("working", ""), ("note", "x")],
            )
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-working\">"), "{html}");
    assert_eq!(swaps(&app).await, before, "nothing changed");
}

async fn the_swap_form_without_its_csrf_token_is_refused(app: TestApp) {
    let mut admin = signed_in(&app, "admin").await;
    admin.get(&app, "/admin/calendar").await;
    let before = swaps(&app).await;
    let fields = [
        ("date", "03/05/2027"),
        ("working", "false"),
        ("note", "Nghỉ hoán đổi"),
    ];
    page(
        &admin.post_raw(&app, "/admin/calendar/swaps", &fields).await,
        403,
    );
    let mut forged = vec![("csrf", "not-the-token")];
    forged.extend_from_slice(&fields);
    page(
        &admin.post_raw(&app, "/admin/calendar/swaps", &forged).await,
        403,
    );
    page(
        &admin
            .post_raw(&app, "/admin/calendar/swaps/2026-01-02/remove", &[])
            .await,
        403,
    );
    assert_eq!(swaps(&app).await, before);
}

async fn other_roles_get_the_403_page(app: TestApp) {
    for (name, role) in [
        ("ngoaivu", Role::ForeignAffairs),
        ("congan", Role::Police),
        ("donvi", Role::HostUnit),
        ("xemtin", Role::Viewer),
    ] {
        super::user(&app, name, role).await;
        let mut browser = signed_in(&app, name).await;
        page(&browser.get(&app, "/admin/calendar").await, 403);
        let refused = browser
            .post(
                &app,
                "/admin/calendar/swaps",
                &[("date", "03/05/2027"), ("working", "false"), ("note", "x")],
            )
            .await;
        page(&refused, 403);
        let refused = browser
            .post(&app, "/admin/calendar/swaps/2026-01-02/remove", &[])
            .await;
        page(&refused, 403);
    }
    let listed = swaps(&app).await;
    assert!(
        fixtures::items(&listed)
            .iter()
            .any(|s| s["date"] == "2026-01-02")
    );
    assert!(
        !fixtures::items(&listed)
            .iter()
            .any(|s| s["date"] == "2027-05-03")
    );
}

async fn a_record_and_the_inbox_show_the_working_days_left(app: TestApp) {
    let cast = Cast::new(&app).await;
    app.patch(
        "/api/v1/settings",
        &cast.admin.token,
        json!({"deadlines": {"report_days": 10, "report_day_count": "working"}}),
    )
    .await
    .ok(200);
    let today = province_today();
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": today - Days::new(4), "end_date": today - Days::new(1)}),
    );
    let id = fixtures::draft_from(&app, &cast, body).await;
    fixtures::walk(&app, &cast, id, "completed").await;
    let d = app.get(&fixtures::path(id), &cast.host.token).await.ok(200);
    let report = d["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["what"] == "report")
        .unwrap()
        .clone();
    let left = report["working_days_left"].as_i64().unwrap();
    assert!((8..=10).contains(&left), "{report}");
    let due: chrono::NaiveDate = report["due_date"].as_str().unwrap().parse().unwrap();
    let due_vi = due.format("%d/%m/%Y").to_string();

    let mut host = signed_in(&app, "so-cong-thuong").await;
    let html = page(&host.get(&app, &format!("/delegations/{id}")).await, 200);
    assert!(html.contains("Thời hạn"), "{html}");
    assert!(html.contains("Báo cáo kết quả sau chuyến đi"), "{html}");
    assert!(html.contains(&due_vi), "{html}");
    let left_vi = format!("còn {left} ngày làm việc");
    assert!(html.contains(&left_vi), "{html}");
    let home = page(&host.get(&app, "/").await, 200);
    assert!(home.contains(&format!("({left_vi})")), "{home}");
    assert!(home.contains(&due_vi), "{home}");

    let chosen = host
        .post(&app, "/language", &[("lang", "en"), ("back", "/")])
        .await;
    let home = page(&host.follow(&app, &chosen).await, 200);
    assert!(
        home.contains(&format!("({left} working days left)")),
        "{home}"
    );
    let html = page(&host.get(&app, &format!("/delegations/{id}")).await, 200);
    assert!(
        html.contains("Post-trip report") && html.contains("Pending"),
        "{html}"
    );
}

async fn a_passport_typed_in_the_member_form_is_warned_of_on_the_record(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    let start = province_today() + Days::new(30);
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": start, "end_date": start + Days::new(2)}),
    );
    let id = fixtures::create(&app, &cast.foreign_affairs.token, body).await["id"]
        .as_i64()
        .unwrap();
    let mut fa = signed_in(&app, "ngoaivu").await;
    let new = format!("/delegations/{id}/members/new");
    let form = page(&fa.get(&app, &new).await, 200);
    assert!(
        form.contains("<label for=\"f-passport_expiry\">Hộ chiếu có giá trị đến</label>"),
        "{form}"
    );
    let expiry = (start + chrono::Months::new(5))
        .format("%d/%m/%Y")
        .to_string();
    let added = fa
        .post(
            &app,
            &new,
            &[
                ("full_name", "Sato Kenji"),
                ("role", "member"),
                ("nationality", "JP"),
                ("passport_number", "TR1234567"),
                ("passport_expiry", expiry.as_str()),
                ("visa_type", "other"),
            ],
        )
        .await;
    let html = page(&fa.follow(&app, &added).await, 200);
    assert!(html.contains("Cảnh báo hết hạn giấy tờ"), "{html}");
    assert!(
        html.contains("Hộ chiếu còn hạn dưới thời gian tối thiểu sau ngày nhập cảnh"),
        "{html}"
    );
    assert!(html.contains(&expiry), "Sở Ngoại vụ sees the date: {html}");
    // A bad date is refused with the field named.
    let refused = fa
        .post(
            &app,
            &new,
            &[
                ("full_name", "Ito Yui"),
                ("role", "member"),
                ("nationality", "JP"),
                ("passport_expiry", "31/02/2030"),
            ],
        )
        .await;
    let html = page(&refused, 422);
    assert!(html.contains("href=\"#f-passport_expiry\">"), "{html}");

    // The host unit sees the warning, not the passport's date.
    let mut host = signed_in(&app, "so-cong-thuong").await;
    let html = page(&host.get(&app, &format!("/delegations/{id}")).await, 200);
    assert!(html.contains("Sato Kenji"), "{html}");
    assert!(
        html.contains("Hộ chiếu còn hạn dưới thời gian tối thiểu sau ngày nhập cảnh"),
        "{html}"
    );
    assert!(!html.contains(&expiry), "{html}");
    assert!(!html.contains("TR1234567"), "{html}");
}
