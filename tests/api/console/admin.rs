//! The administration and audit pages as the administrator and the police
//! use them: users (new, a name taken, a role changed, the last
//! administrator kept), units merged (their delegations follow, the audit
//! says so, a merge into a merged unit names where that one went), the
//! audit trail filtered by record and by a person chosen by name; the pages
//! refused to the
//! other roles and a form without its CSRF token refused — over HTTP with
//! forms, on both engines.

use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use super::{Browser, page};
use crate::fixtures::{self, Cast};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    the_administrator_adds_a_user_and_a_taken_username_is_refused_in_vietnamese,
    the_administrator_changes_a_role_and_the_user_signs_in_again,
    the_last_administrator_cannot_be_deactivated,
    a_merged_units_delegations_show_under_the_new_one_and_the_audit_says_so,
    the_audit_page_filters_by_record,
    a_host_unit_and_a_viewer_get_the_403_page,
    the_merge_form_without_its_csrf_token_is_refused,
    the_pages_speak_english_when_chosen,
    the_audit_trail_is_filtered_by_a_person_chosen_by_name,
    a_merge_into_a_merged_unit_names_where_it_went_in_both_languages,
);

async fn signed_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

/// The users as the API lists them, by username.
async fn api_user(app: &TestApp, username: &str) -> Option<serde_json::Value> {
    let users = app
        .get("/api/v1/users?limit=500", &app.admin_token)
        .await
        .ok(200);
    users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .cloned()
}

async fn the_administrator_adds_a_user_and_a_taken_username_is_refused_in_vietnamese(app: TestApp) {
    let unit = app.make_unit("Sở Y tế", UnitKind::Department).await;
    let mut admin = signed_in(&app, "admin").await;
    let hub = page(&admin.get(&app, "/admin").await, 200);
    assert!(hub.contains("href=\"/admin/users\"") && hub.contains("href=\"/admin/units\""));
    let form = page(&admin.get(&app, "/admin/users/new").await, 200);
    assert!(
        form.contains("<label for=\"f-username\">Tên đăng nhập</label>"),
        "{form}"
    );
    let unit_id = unit.get().to_string();
    let fields = [
        ("username", "nguyen.van.a"),
        ("display_name", "Nguyễn Văn A"),
        ("role", "host_unit"),
        ("unit_id", unit_id.as_str()),
        ("password", "mot-mat-khau-dai"),
    ];
    let created = admin.post(&app, "/admin/users", &fields).await;
    let shown = page(&admin.follow(&app, &created).await, 200);
    assert!(shown.contains("<h1>Nguyễn Văn A</h1>"), "{shown}");
    assert!(shown.contains("Đã thêm người dùng."), "{shown}");
    assert!(shown.contains("Sở Y tế"));
    let user = api_user(&app, "nguyen.van.a").await.expect("the new user");
    assert_eq!(user["role"], "host_unit");
    assert_eq!(user["unit_id"], unit.get());
    // The new user signs in with the initial password.
    assert_eq!(
        app.login("nguyen.van.a", "mot-mat-khau-dai")
            .await
            .status
            .as_u16(),
        200
    );

    // The same username again: the form again, in Vietnamese, the
    // password not sent back.
    let again = admin.post(&app, "/admin/users", &fields).await;
    let html = page(&again, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(
        html.contains("href=\"#f-username\">Tên đăng nhập này đã có người dùng</a>"),
        "{html}"
    );
    assert!(html.contains("value=\"Nguyễn Văn A\""));
    assert!(!html.contains("mot-mat-khau-dai"));
    // A short password and no unit for a host unit: each field says so.
    let bad = admin
        .post(
            &app,
            "/admin/users",
            &[
                ("username", "tran.thi.b"),
                ("display_name", "Trần Thị B"),
                ("role", "host_unit"),
                ("unit_id", ""),
                ("password", "ngan"),
            ],
        )
        .await;
    let html = page(&bad, 422);
    assert!(
        html.contains("href=\"#f-password\">Phải dài ít nhất 10 ký tự</a>"),
        "{html}"
    );
    assert!(api_user(&app, "tran.thi.b").await.is_none());
}

async fn the_administrator_changes_a_role_and_the_user_signs_in_again(app: TestApp) {
    let id = super::user(&app, "xemtin", Role::Viewer).await;
    let mut viewer = signed_in(&app, "xemtin").await;
    let mut admin = signed_in(&app, "admin").await;
    let list = page(&admin.get(&app, "/admin/users").await, 200);
    assert!(
        list.contains(&format!("href=\"/admin/users/{id}\"")),
        "{list}"
    );
    let shown = page(&admin.get(&app, &format!("/admin/users/{id}")).await, 200);
    assert!(shown.contains("Người xem"));
    let user = api_user(&app, "xemtin").await.unwrap();
    let unit = user["unit_id"].as_i64().unwrap().to_string();
    let version = user["version"].as_i64().unwrap().to_string();
    let changed = admin
        .post(
            &app,
            &format!("/admin/users/{id}"),
            &[
                ("display_name", "Người xem tin"),
                ("role", "police"),
                ("unit_id", &unit),
                ("version", &version),
            ],
        )
        .await;
    let html = page(&admin.follow(&app, &changed).await, 200);
    assert!(html.contains("Đã lưu thay đổi."), "{html}");
    assert!(html.contains("<dd>Công an tỉnh</dd>"), "{html}");
    assert_eq!(api_user(&app, "xemtin").await.unwrap()["role"], "police");
    // Their session ended with the role it vouched for.
    let home = viewer.get(&app, "/").await;
    assert_ne!(home.status.as_u16(), 200);

    // A new password: the user signs in with it.
    let reset = admin
        .post(
            &app,
            &format!("/admin/users/{id}/password"),
            &[("password", "mat-khau-moi-dai")],
        )
        .await;
    let html = page(&admin.follow(&app, &reset).await, 200);
    assert!(html.contains("Đã đặt mật khẩu mới."), "{html}");
    assert_eq!(
        app.login("xemtin", "mat-khau-moi-dai")
            .await
            .status
            .as_u16(),
        200
    );
}

async fn the_last_administrator_cannot_be_deactivated(app: TestApp) {
    let me = app.get("/api/v1/me", &app.admin_token).await.ok(200);
    let id = me["id"].as_i64().unwrap();
    let mut admin = signed_in(&app, "admin").await;
    let confirm = page(
        &admin
            .get(&app, &format!("/admin/users/{id}/deactivate"))
            .await,
        200,
    );
    assert!(confirm.contains("<h1>Khóa tài khoản</h1>"), "{confirm}");
    let refused = admin
        .post(&app, &format!("/admin/users/{id}/deactivate"), &[])
        .await;
    let html = page(&refused, 422);
    assert!(
        html.contains(
            "Đây là quản trị viên cuối cùng còn hoạt động; hãy tạo một quản trị viên khác trước"
        ),
        "{html}"
    );
    assert_eq!(api_user(&app, "admin").await.unwrap()["active"], true);

    // Another user is deactivated after confirmation.
    let other = super::user(&app, "xemtin", Role::Viewer).await;
    let done = admin
        .post(&app, &format!("/admin/users/{other}/deactivate"), &[])
        .await;
    let html = page(&admin.follow(&app, &done).await, 200);
    assert!(html.contains("Đã khóa tài khoản."), "{html}");
    assert_eq!(api_user(&app, "xemtin").await.unwrap()["active"], false);
}

async fn a_merged_units_delegations_show_under_the_new_one_and_the_audit_says_so(app: TestApp) {
    let cast = Cast::new(&app).await;
    let old = app
        .make_unit("Sở Thông tin và Truyền thông", UnitKind::Department)
        .await;
    let new = app
        .make_unit("Sở Khoa học và Công nghệ", UnitKind::Department)
        .await;
    let delegation = fixtures::create(
        &app,
        &cast.foreign_affairs.token,
        fixtures::delegation_body("incoming", old),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let mut admin = signed_in(&app, "admin").await;
    let units = page(&admin.get(&app, "/admin/units").await, 200);
    assert!(
        units.contains(&format!("href=\"/admin/units/{old}\"")),
        "{units}"
    );
    let form = page(
        &admin.get(&app, &format!("/admin/units/{old}/merge")).await,
        200,
    );
    assert!(form.contains("<h1>Sáp nhập đơn vị</h1>"), "{form}");
    assert!(form.contains(&format!(
        "<option value=\"{new}\">Sở Khoa học và Công nghệ</option>"
    )));
    assert!(
        !form.contains(&format!("<option value=\"{old}\"")),
        "not into itself"
    );

    // Nothing chosen: the form again.
    let html = page(
        &admin
            .post(&app, &format!("/admin/units/{old}/merge"), &[("into", "")])
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-into\""), "{html}");

    let into = new.get().to_string();
    let merged = admin
        .post(
            &app,
            &format!("/admin/units/{old}/merge"),
            &[("into", &into)],
        )
        .await;
    let html = page(&admin.follow(&app, &merged).await, 200);
    assert!(html.contains("Đã sáp nhập đơn vị"), "{html}");
    assert!(
        html.contains("Đã sáp nhập vào <strong>Sở Khoa học và Công nghệ</strong>"),
        "{html}"
    );

    // The delegation is the new unit's now.
    let list = page(
        &admin
            .get(&app, &format!("/delegations?host_unit_id={new}"))
            .await,
        200,
    );
    assert!(
        list.contains(&format!("href=\"/delegations/{delegation}\"")),
        "{list}"
    );
    let list = page(
        &admin
            .get(&app, &format!("/delegations?host_unit_id={old}"))
            .await,
        200,
    );
    assert!(
        !list.contains(&format!("href=\"/delegations/{delegation}\"")),
        "{list}"
    );
    // The merged unit can no longer be chosen.
    let units = page(&admin.get(&app, "/admin/users/new").await, 200);
    assert!(
        !units.contains(&format!("<option value=\"{old}\"")),
        "{units}"
    );

    // The audit shows the merge on the unit, with what moved, and the
    // delegation's move.
    let audit = page(
        &admin
            .get(&app, &format!("/audit?record_kind=unit&record_id={old}"))
            .await,
        200,
    );
    assert!(audit.contains("<td>Sáp nhập</td>"), "{audit}");
    assert!(audit.contains("<dt>Sáp nhập vào</dt>"), "{audit}");
    assert!(audit.contains("Sở Khoa học và Công nghệ"), "{audit}");
    assert!(
        audit.contains("<dt>Số đoàn chuyển đi</dt>\n          <dd>1</dd>"),
        "{audit}"
    );
    let audit = page(
        &admin
            .get(
                &app,
                &format!("/audit?record_kind=delegation&record_id={delegation}"),
            )
            .await,
        200,
    );
    assert!(audit.contains("<dt>Đơn vị chủ trì</dt>"), "{audit}");
    assert!(
        audit.contains("Sở Thông tin và Truyền thông</span>"),
        "{audit}"
    );
    assert!(
        audit.contains(&format!("href=\"/delegations/{delegation}\"")),
        "{audit}"
    );
}

async fn the_audit_page_filters_by_record(app: TestApp) {
    let a = app.make_unit("Sở A", UnitKind::Department).await;
    let b = app.make_unit("Sở B", UnitKind::Department).await;
    super::user(&app, "congan", Role::Police).await;
    let mut police = signed_in(&app, "congan").await;
    let all = page(&police.get(&app, "/audit").await, 200);
    assert!(all.contains("<h1>Nhật ký thay đổi</h1>"));
    assert!(all.contains("Sở A") && all.contains("Sở B"), "{all}");
    let one = page(
        &police
            .get(&app, &format!("/audit?record_kind=unit&record_id={a}"))
            .await,
        200,
    );
    assert!(one.contains("Sở A"), "{one}");
    assert!(!one.contains("Sở B"), "{one}");
    // The police see no administration links to records they cannot open.
    assert!(!one.contains("/admin/units/"), "{one}");
    let _ = b;
    // A filter that cannot be read: the form again.
    let bad = page(
        &police
            .get(&app, "/audit?record_id=abc&from=31/02/2026")
            .await,
        422,
    );
    assert!(bad.contains("href=\"#f-record_id\""), "{bad}");
    assert!(bad.contains("href=\"#f-from\""), "{bad}");
}

async fn a_host_unit_and_a_viewer_get_the_403_page(app: TestApp) {
    super::user(&app, "donvi", Role::HostUnit).await;
    super::user(&app, "xemtin", Role::Viewer).await;
    for name in ["donvi", "xemtin"] {
        let mut browser = signed_in(&app, name).await;
        let home = page(&browser.get(&app, "/").await, 200);
        assert!(!home.contains("href=\"/admin\"") && !home.contains("href=\"/audit\""));
        for path in [
            "/admin",
            "/admin/users",
            "/admin/units",
            "/admin/users/new",
            "/admin/units/1/merge",
            "/audit",
        ] {
            page(&browser.get(&app, path).await, 403);
        }
        let refused = browser
            .post(
                &app,
                "/admin/units",
                &[("name", "Sở X"), ("name_en", "X"), ("kind", "department")],
            )
            .await;
        page(&refused, 403);
    }
    let units = app
        .get("/api/v1/units?limit=500", &app.admin_token)
        .await
        .ok(200);
    assert!(!units.to_string().contains("Sở X"));
}

async fn the_merge_form_without_its_csrf_token_is_refused(app: TestApp) {
    let a = app.make_unit("Sở A", UnitKind::Department).await;
    let b = app.make_unit("Sở B", UnitKind::Department).await;
    let mut admin = signed_in(&app, "admin").await;
    admin.get(&app, &format!("/admin/units/{a}/merge")).await;
    let into = b.get().to_string();
    let refused = admin
        .post_raw(&app, &format!("/admin/units/{a}/merge"), &[("into", &into)])
        .await;
    page(&refused, 403);
    let refused = admin
        .post_raw(
            &app,
            &format!("/admin/units/{a}/merge"),
            &[("csrf", "not-the-token"), ("into", &into)],
        )
        .await;
    page(&refused, 403);
    let unit = app
        .get(&format!("/api/v1/units/{a}"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(unit["merged_into"], serde_json::Value::Null);
}

async fn the_pages_speak_english_when_chosen(app: TestApp) {
    let unit = app.make_unit("Sở Y tế", UnitKind::Department).await;
    let mut admin = signed_in(&app, "admin").await;
    let chosen = admin
        .post(
            &app,
            "/language",
            &[("lang", "en"), ("back", "/admin/units")],
        )
        .await;
    let html = page(&admin.follow(&app, &chosen).await, 200);
    assert!(html.contains("<h1>Units</h1>"), "{html}");
    assert!(html.contains("Sở Y tế (en)"), "the English name: {html}");
    let html = page(
        &admin.get(&app, &format!("/admin/units/{unit}/merge")).await,
        200,
    );
    assert!(html.contains("<h1>Merge the unit</h1>"), "{html}");
    let html = page(&admin.get(&app, "/audit").await, 200);
    assert!(html.contains("<h1>Audit trail</h1>"), "{html}");
    let html = page(&admin.get(&app, "/admin/users/new").await, 200);
    assert!(
        html.contains("<label for=\"f-username\">Username</label>"),
        "{html}"
    );
}

async fn the_audit_trail_is_filtered_by_a_person_chosen_by_name(app: TestApp) {
    let (po, po_token) = app.login_as(Role::ProvincialOffice).await;
    let po_name = app.get("/api/v1/me", &po_token).await.ok(200)["username"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut body = crate::press_fixtures::conference_body();
    body["title"] = "Họp báo về mùa du lịch".into();
    crate::press_fixtures::create_conference(&app, &po_token, body).await;
    app.make_unit("Sở Xây dựng", UnitKind::Department).await;
    app.post(
        "/api/v1/units",
        &app.admin_token,
        serde_json::json!({"name": "Sở Tư pháp", "name_en": "Department of Justice", "kind": "department"}),
    )
    .await
    .ok(201);
    super::user(&app, "quantri", Role::Admin).await;
    super::user(&app, "congan", Role::Police).await;

    // The administrator chooses the person by name (and user name).
    let mut admin = signed_in(&app, "quantri").await;
    let html = page(&admin.get(&app, "/audit").await, 200);
    assert!(
        html.contains("<select id=\"f-actor_id\" name=\"actor_id\""),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<option value=\"{po}\">Test {po_name} ({po_name})</option>"
        )),
        "{html}"
    );
    // A user who never acted is not offered.
    assert!(!html.contains("Test congan (congan)</option>"), "{html}");
    let html = page(
        &admin.get(&app, &format!("/audit?actor_id={po}")).await,
        200,
    );
    assert!(html.contains("Họp báo về mùa du lịch"), "{html}");
    assert!(!html.contains("Sở Tư pháp"), "{html}");
    assert!(
        html.contains(&format!("<option value=\"{po}\" selected>")),
        "the choice is kept: {html}"
    );

    // The police choose among the same people, by the user names the
    // trail shows them (display names are the users list's, the
    // administrator's).
    let mut police = signed_in(&app, "congan").await;
    let html = page(&police.get(&app, "/audit").await, 200);
    assert!(
        html.contains(&format!("<option value=\"{po}\">{po_name}</option>")),
        "{html}"
    );
    assert!(
        !html.contains(&format!("Test {po_name} ({po_name})</option>")),
        "{html}"
    );
    let html = page(
        &police.get(&app, &format!("/audit?actor_id={po}")).await,
        200,
    );
    assert!(html.contains("Họp báo về mùa du lịch"), "{html}");
    assert!(!html.contains("Sở Tư pháp"), "{html}");
}

async fn a_merge_into_a_merged_unit_names_where_it_went_in_both_languages(app: TestApp) {
    let a = app.make_unit("Sở A", UnitKind::Department).await;
    let b = app
        .make_unit("Sở Thông tin và Truyền thông", UnitKind::Information)
        .await;
    let c = app
        .make_unit("Sở Khoa học và Công nghệ", UnitKind::Department)
        .await;
    app.post(
        &format!("/api/v1/units/{b}/merge"),
        &app.admin_token,
        serde_json::json!({"into": c.get()}),
    )
    .await
    .ok(200);
    super::user(&app, "quantri", Role::Admin).await;
    let mut admin = signed_in(&app, "quantri").await;
    let merge = format!("/admin/units/{a}/merge");
    let html = page(&admin.get(&app, &merge).await, 200);
    // The merged unit is not offered; a form sent with it anyway (opened
    // before the merge) is refused, naming where it went.
    assert!(!html.contains(&format!("<option value=\"{b}\"")), "{html}");
    let into = b.to_string();
    let html = page(&admin.post(&app, &merge, &[("into", &into)]).await, 422);
    assert!(html.contains("href=\"#f-into\""), "{html}");
    assert!(
        html.contains("đã được sáp nhập vào Sở Khoa học và Công nghệ; hãy chọn đơn vị đó"),
        "{html}"
    );
    let reply = admin
        .post(&app, "/language", &[("lang", "en"), ("back", &merge)])
        .await;
    page(&admin.follow(&app, &reply).await, 200);
    let html = page(&admin.post(&app, &merge, &[("into", &into)]).await, 422);
    assert!(
        html.contains("was merged into Sở Khoa học và Công nghệ (en); choose that unit instead"),
        "{html}"
    );
    let unit = app
        .get(&format!("/api/v1/units/{a}"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(unit["merged_into"], serde_json::Value::Null);
}
