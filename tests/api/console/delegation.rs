//! The delegation pages as people use them: the list and its search,
//! registering a delegation, its record (members, itinerary by day, what
//! each role may do), every form of it, the .ics import, the security
//! review and the history — over HTTP with forms, on both engines.

use awc::http::Method;
use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::fixtures::{self, Cast, add_item, add_member, item_body, member_body, path};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;

on_both_engines!(
    the_list_finds_delegations_and_a_host_unit_sees_its_own,
    the_list_pages_by_fifty_keeping_its_filters,
    registering_a_delegation_shows_errors_then_the_new_draft,
    the_record_shows_personal_data_only_to_those_who_may_see_it,
    the_itinerary_is_shown_by_day_in_each_entrys_own_zone,
    a_viewer_is_offered_nothing_and_cannot_change_anything,
    the_workflow_is_walked_with_forms_from_draft_to_approved,
    members_are_added_changed_and_removed,
    a_host_unit_changing_a_member_keeps_the_passport_it_cannot_see,
    itinerary_items_are_added_changed_cancelled_and_deleted,
    an_ics_file_is_imported_and_a_bad_one_is_refused_event_by_event,
    the_police_record_a_review_whose_notes_only_they_read,
    the_history_says_who_did_what_without_personal_data_for_a_viewer,
    a_change_to_a_record_changed_meanwhile_says_so,
    a_draft_is_deleted_after_confirmation,
    the_pages_speak_english_when_chosen,
);

/// One console user per role (the host unit user in the cast's host unit),
/// named as in the demo.
async fn people(app: &TestApp, cast: &Cast) {
    super::user(app, "ngoaivu", Role::ForeignAffairs).await;
    super::user(app, "vanphong", Role::ProvincialOffice).await;
    super::user(app, "congan", Role::Police).await;
    super::user(app, "xemtin", Role::Viewer).await;
    app.make_user("donvi", Role::HostUnit, Some(cast.host_unit))
        .await;
}

async fn signed_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

/// The delegation as the API shows it to Sở Ngoại vụ.
async fn api_view(app: &TestApp, cast: &Cast, id: i64) -> Value {
    app.get(&path(id), &cast.foreign_affairs.token)
        .await
        .ok(200)
}

/// The error summary's text of a form shown again (422), and the page.
fn refused(reply: &Reply) -> String {
    let html = page(reply, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    html
}

/// POSTs a `multipart/form-data` form with a file, as a browser sends one.
async fn post_file(
    browser: &mut Browser,
    app: &TestApp,
    path: &str,
    file: &str,
    with_token: bool,
) -> Reply {
    let boundary = "----visitdesk-test-boundary";
    let token = if with_token {
        browser.csrf.clone().unwrap_or_default()
    } else {
        String::new()
    };
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chuong-trinh.ics\"\r\n\
         Content-Type: text/calendar\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    let req = browser.request(app, Method::POST, path).insert_header((
        "content-type",
        format!("multipart/form-data; boundary={boundary}"),
    ));
    let reply = app.finish(req.send_body(body)).await;
    browser.keep(&reply);
    reply
}

async fn the_list_finds_delegations_and_a_host_unit_sees_its_own(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let ours = fixtures::draft(&app, &cast, "incoming").await;
    let (other_unit, _) = fixtures::host_unit_user(&app, "so-khac", "Sở Y tế").await;
    let theirs = fixtures::create(
        &app,
        &cast.foreign_affairs.token,
        fixtures::merged(
            fixtures::delegation_body("outgoing", other_unit),
            json!({"title": "Đoàn công tác tại Hàn Quốc về y tế"}),
        ),
    )
    .await;
    let ours_ref = api_view(&app, &cast, ours).await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let theirs_ref = theirs["reference"].as_str().unwrap();

    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, "/delegations").await, 200);
    assert!(html.contains("<h1>Đoàn ra, đoàn vào</h1>"));
    assert!(html.contains(&format!("<a href=\"/delegations/{ours}\">{ours_ref}</a>")));
    assert!(html.contains(theirs_ref));
    assert!(html.contains("Đăng ký đoàn mới"));
    // Searched without diacritics, as the API searches.
    let html = page(&fa.get(&app, "/delegations?q=han+quoc").await, 200);
    assert!(
        html.contains(theirs_ref) && !html.contains(&ours_ref),
        "{html}"
    );
    let html = page(
        &fa.get(&app, "/delegations?direction=incoming&status=draft")
            .await,
        200,
    );
    assert!(html.contains(&ours_ref) && !html.contains(theirs_ref));
    // Dates as the office writes them.
    let html = page(
        &fa.get(&app, "/delegations?from=11/03/2025&to=11/03/2025")
            .await,
        200,
    );
    assert!(html.contains(&ours_ref) && html.contains(theirs_ref));
    // A filter that cannot be read: 422, said in Vietnamese, linked to its field.
    let html = refused(&fa.get(&app, "/delegations?from=32/13/2025").await);
    assert!(
        html.contains("<a href=\"#f-from\">Phải là một ngày (ngày/tháng/năm)</a>"),
        "{html}"
    );
    assert!(html.contains("<p class=\"field__error\" id=\"f-from-error\">"));

    let mut host = signed_in(&app, "donvi").await;
    let html = page(&host.get(&app, "/delegations").await, 200);
    assert!(html.contains(&ours_ref));
    assert!(
        !html.contains(theirs_ref),
        "a host unit sees its own unit's only"
    );
    // Its record is not there for it either (404, as from the API).
    let other = theirs["id"].as_i64().unwrap();
    let reply = host.get(&app, &format!("/delegations/{other}")).await;
    assert_eq!(reply.status.as_u16(), 404);
}

async fn the_list_pages_by_fifty_keeping_its_filters(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    for n in 0..52 {
        let day = format!("2025-01-{:02}", n % 28 + 1);
        fixtures::create(
            &app,
            &cast.foreign_affairs.token,
            fixtures::merged(
                fixtures::delegation_body("incoming", cast.host_unit),
                json!({"title": format!("Đoàn số {n}"), "start_date": day, "end_date": day}),
            ),
        )
        .await;
    }
    let mut fa = signed_in(&app, "ngoaivu").await;
    let first = page(&fa.get(&app, "/delegations?direction=incoming").await, 200);
    assert_eq!(first.matches("<td class=\"nowrap\"><a href=").count(), 50);
    // The address as the page writes it (askama writes `&` as `&#38;`).
    let at = first
        .find("href=\"/delegations?direction=incoming&#38;cursor=")
        .unwrap_or_else(|| panic!("a next page: {first}"));
    let rest = &first[at + 6..];
    let next = rest[..rest.find('"').unwrap()].replace("&#38;", "&");
    let second = page(&fa.get(&app, &next).await, 200);
    assert_eq!(second.matches("<td class=\"nowrap\"><a href=").count(), 2);
    assert!(
        second.contains("<a href=\"/delegations?direction=incoming\">Trang đầu</a>"),
        "{second}"
    );
    assert!(!second.contains("Trang sau"));
}

async fn registering_a_delegation_shows_errors_then_the_new_draft(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let mut host = signed_in(&app, "donvi").await;
    let form = page(&host.get(&app, "/delegations/new").await, 200);
    assert!(form.contains("<h1>Đăng ký đoàn mới</h1>"));
    assert!(form.contains("<legend>Loại đoàn</legend>"));
    assert!(form.contains("<label for=\"f-title\">Tên đoàn</label>"));
    // Its one unit is chosen already.
    assert!(form.contains(&format!("<option value=\"{}\" selected>", cast.host_unit)));

    let reply = host
        .post(
            &app,
            "/delegations/new",
            &[
                ("direction", "incoming"),
                ("title", "  "),
                ("countries", "JP, XX"),
                ("host_unit_id", &cast.host_unit.to_string()),
                ("start_date", "12/03/2026"),
                ("end_date", "2026-03-10"),
            ],
        )
        .await;
    let html = refused(&reply);
    assert!(
        html.contains("<a href=\"#f-title\">Không được để trống</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#f-countries\">Phải là mã quốc gia hai chữ cái"));
    assert!(
        html.contains("<p class=\"field__error\" id=\"f-title-error\">Không được để trống</p>")
    );
    // What was typed stays, the day as a date input shows it.
    assert!(html.contains("value=\"JP, XX\""));
    assert!(html.contains("value=\"2026-03-12\""));
    // The operation's own rule, translated: the end before the start.
    let good = [
        ("direction", "incoming"),
        ("title", "Đoàn doanh nghiệp tỉnh Shizuoka"),
        ("purpose", "Tìm hiểu cơ hội đầu tư"),
        ("partner_organization", "Shizuoka Chamber of Commerce"),
        ("countries", "jp"),
        ("head_of_delegation", "Tanaka Hiroshi"),
    ];
    let unit = cast.host_unit.to_string();
    let mut fields = good.to_vec();
    fields.extend([
        ("host_unit_id", unit.as_str()),
        ("start_date", "12/03/2026"),
        ("end_date", "10/03/2026"),
    ]);
    let html = refused(&host.post(&app, "/delegations/new", &fields).await);
    assert!(
        html.contains("<a href=\"#f-end_date\">Không được trước ngày bắt đầu</a>"),
        "{html}"
    );

    let mut fields = good.to_vec();
    fields.extend([
        ("host_unit_id", unit.as_str()),
        ("start_date", "10/03/2026"),
        ("end_date", "12/03/2026"),
    ]);
    let reply = host.post(&app, "/delegations/new", &fields).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let location = reply.header("location").unwrap();
    let html = page(&host.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã đăng ký đoàn."), "{html}");
    assert!(html.contains("<h1>Đoàn doanh nghiệp tỉnh Shizuoka</h1>"));
    assert!(html.contains("<span class=\"tag tag--draft\">Dự thảo</span>"));
    assert!(html.contains("10/03/2026 – 12/03/2026"));
    let id: i64 = location
        .trim_start_matches("/delegations/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let d = api_view(&app, &cast, id).await;
    assert_eq!(d["status"], "draft");
    assert_eq!(d["countries"], json!(["JP"]));
    assert_eq!(d["host_unit_id"], cast.host_unit.get());
}

async fn the_record_shows_personal_data_only_to_those_who_may_see_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let record = format!("/delegations/{id}");
    // member_body's passport, date of birth, e-mail and phone.
    let personal = [
        "TR1234567",
        "02/04/1971",
        "tanaka@example.jp",
        "+81 54 254 0000",
    ];
    for (username, sees) in [
        ("ngoaivu", true),
        ("congan", true),
        ("vanphong", false),
        ("donvi", false),
        ("xemtin", false),
    ] {
        let mut browser = signed_in(&app, username).await;
        let html = page(&browser.get(&app, &record).await, 200);
        assert!(html.contains("Tanaka Hiroshi"), "{username}");
        assert!(html.contains("Trưởng đoàn"), "{username}");
        for value in personal {
            assert_eq!(html.contains(value), sees, "{username}: {value}");
        }
        assert_eq!(html.contains("Số hộ chiếu"), sees, "{username}: the column");
    }
}

async fn the_itinerary_is_shown_by_day_in_each_entrys_own_zone(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    // 10–12 March 2025, one item on the 10th at 09:00–11:00 (Vietnam).
    let id = fixtures::draft(&app, &cast, "outgoing").await;
    let fa = &cast.foreign_affairs.token;
    let mut abroad = item_body("2025-03-11T14:00", "2025-03-11T15:30");
    abroad["time_zone"] = json!("Asia/Seoul");
    abroad["title"] = json!("Làm việc với tỉnh Gyeonggi");
    add_item(&app, fa, id, abroad).await;
    let mut browser = signed_in(&app, "xemtin").await;
    let html = page(&browser.get(&app, &format!("/delegations/{id}")).await, 200);
    let first = html.find("<h3>10/03/2025</h3>").expect("the first day");
    let second = html.find("<h3>11/03/2025</h3>").expect("the second day");
    assert!(first < second);
    let province = html.find("09:00–11:00</td>").expect("a time in Vietnam");
    let seoul = html
        .find("14:00–15:30 (Asia/Seoul)</td>")
        .expect("a time abroad");
    assert!(
        first < province && province < second && second < seoul,
        "{html}"
    );
    assert!(html.contains("Làm việc với tỉnh Gyeonggi"));
    assert!(html.contains("Lịch trình (2 hoạt động)"));
}

async fn a_viewer_is_offered_nothing_and_cannot_change_anything(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let before = api_view(&app, &cast, id).await;
    let mut viewer = signed_in(&app, "xemtin").await;
    let html = page(&viewer.get(&app, &format!("/delegations/{id}")).await, 200);
    for offer in [
        "Việc bạn có thể làm",
        "Sửa thông tin đoàn",
        "Gửi hồ sơ",
        "Thêm thành viên",
        "Thêm hoạt động",
        "Ghi ý kiến an ninh",
        "/edit\"",
    ] {
        assert!(!html.contains(offer), "a viewer is offered {offer}");
    }
    let list = page(&viewer.get(&app, "/delegations").await, 200);
    assert!(!list.contains("Đăng ký đoàn mới"));
    // The forms are not open to it, and posting them changes nothing.
    for form in [
        format!("/delegations/{id}/edit"),
        format!("/delegations/{id}/members/new"),
        format!("/delegations/{id}/actions/submit"),
        "/delegations/new".to_owned(),
    ] {
        let html = page(&viewer.get(&app, &form).await, 403);
        assert!(
            html.contains("Bạn không thể làm việc này với hồ sơ đoàn lúc này"),
            "{form}"
        );
    }
    let reply = viewer
        .post(
            &app,
            &format!("/delegations/{id}/edit"),
            &[("title", "Đổi tên"), ("countries", "JP")],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 403, "{}", reply.text());
    let reply = viewer
        .post(&app, &format!("/delegations/{id}/actions/submit"), &[])
        .await;
    assert_eq!(reply.status.as_u16(), 403);
    assert_eq!(api_view(&app, &cast, id).await, before);
}

async fn the_workflow_is_walked_with_forms_from_draft_to_approved(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let fa_token = &cast.foreign_affairs.token;
    let id = fixtures::create(
        &app,
        fa_token,
        fixtures::delegation_body("incoming", cast.host_unit),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let record = format!("/delegations/{id}");

    // Submitting an empty draft: the operation's condition, in Vietnamese.
    let mut host = signed_in(&app, "donvi").await;
    let html = page(&host.get(&app, &record).await, 200);
    assert!(
        html.contains(&format!("action=\"{record}/actions/submit\"")),
        "{html}"
    );
    let html = refused(
        &host
            .post(&app, &format!("{record}/actions/submit"), &[])
            .await,
    );
    assert!(
        html.contains("cần có ít nhất một thành viên và một hoạt động"),
        "{html}"
    );
    add_member(&app, fa_token, id, member_body("Tanaka Hiroshi")).await;
    add_item(
        &app,
        fa_token,
        id,
        item_body("2025-03-10T09:00", "2025-03-10T11:00"),
    )
    .await;
    let reply = host
        .post(&app, &format!("{record}/actions/submit"), &[])
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&host.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã gửi hồ sơ đến Sở Ngoại vụ."));
    assert!(
        !html.contains("Sửa thông tin đoàn"),
        "the host unit no longer edits it"
    );

    // Sở Ngoại vụ appraises: the form asks for a recommendation and a note.
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, &record).await, 200);
    assert!(html.contains(&format!("href=\"{record}/actions/appraise\"")));
    assert!(html.contains(&format!("href=\"{record}/actions/return\"")));
    let form = page(
        &fa.get(&app, &format!("{record}/actions/appraise")).await,
        200,
    );
    assert!(form.contains("<legend>Đề xuất</legend>"), "{form}");
    assert!(form.contains("<label for=\"f-note\">Ý kiến thẩm định</label>"));
    let html = refused(
        &fa.post(&app, &format!("{record}/actions/appraise"), &[])
            .await,
    );
    assert!(
        html.contains(
            "<a href=\"#f-recommendation\">Chọn đề nghị phê duyệt hoặc không phê duyệt</a>"
        ),
        "{html}"
    );
    assert!(html.contains("<a href=\"#f-note\">Ghi ý kiến thẩm định</a>"));
    let reply = fa
        .post(
            &app,
            &format!("{record}/actions/appraise"),
            &[("recommendation", "approve"), ("note", "Đề nghị đồng ý.")],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    // Approving is not Sở Ngoại vụ's: not offered, not open.
    let html = page(&fa.get(&app, &record).await, 200);
    assert!(html.contains("Đề nghị phê duyệt"));
    assert!(!html.contains("/actions/approve"));
    assert_eq!(
        fa.get(&app, &format!("{record}/actions/approve"))
            .await
            .status
            .as_u16(),
        403
    );

    // The provincial office decides.
    let mut po = signed_in(&app, "vanphong").await;
    let form = page(
        &po.get(&app, &format!("{record}/actions/approve")).await,
        200,
    );
    assert!(form.contains("<label for=\"f-decision_number\">Số quyết định</label>"));
    assert!(form.contains("Ghi chú (không bắt buộc)"));
    let reply = po
        .post(
            &app,
            &format!("{record}/actions/approve"),
            &[
                ("decision_number", "1234/QĐ-UBND"),
                ("decision_date", "01/03/2025"),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&po.follow(&app, &reply).await, 200);
    assert!(html.contains("<span class=\"tag tag--approved\">Đã phê duyệt</span>"));
    assert!(html.contains("Số 1234/QĐ-UBND ngày 01/03/2025"));
    let d = api_view(&app, &cast, id).await;
    assert_eq!(d["status"], "approved");
    assert_eq!(d["decision"]["date"], "2025-03-01");
}

async fn members_are_added_changed_and_removed(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::create(
        &app,
        &cast.foreign_affairs.token,
        fixtures::delegation_body("incoming", cast.host_unit),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let members = format!("/api/v1/delegations/{id}/members");
    let mut fa = signed_in(&app, "ngoaivu").await;
    let new = format!("/delegations/{id}/members/new");
    let form = page(&fa.get(&app, &new).await, 200);
    assert!(form.contains("<label for=\"f-passport_number\">Số hộ chiếu</label>"));
    let html = refused(
        &fa.post(
            &app,
            &new,
            &[
                ("full_name", ""),
                ("role", "head"),
                ("nationality", "Nhật"),
                ("passport_number", "12"),
                ("email", "not-an-address"),
                ("date_of_birth", "2/4/1971"),
            ],
        )
        .await,
    );
    assert!(
        html.contains("<a href=\"#f-full_name\">Không được để trống</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#f-passport_number\">Phải gồm 5 đến 20 chữ cái và chữ số</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#f-email\">Phải là địa chỉ thư điện tử</a>"));
    // Listed in the form's order.
    assert!(html.find("#f-full_name").unwrap() < html.find("#f-nationality").unwrap());
    let reply = fa
        .post(
            &app,
            &new,
            &[
                ("full_name", "Tanaka Hiroshi"),
                ("role", "head"),
                ("gender", "male"),
                ("nationality", "jp"),
                ("passport_number", "tr 1234567"),
                ("date_of_birth", "2/4/1971"),
                ("email", "tanaka@example.jp"),
                ("organization", "Shizuoka Chamber of Commerce"),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã thêm thành viên."));
    assert!(html.contains("TR1234567") && html.contains("02/04/1971"));
    let member = &app.get(&members, &cast.foreign_affairs.token).await.ok(200)["items"][0];
    assert_eq!(member["nationality"], "JP");
    let member_id = member["id"].as_i64().unwrap();

    let edit = format!("/delegations/{id}/members/{member_id}/edit");
    let form = page(&fa.get(&app, &edit).await, 200);
    assert!(form.contains("value=\"1971-04-02\""));
    let reply = fa
        .post(
            &app,
            &edit,
            &[
                ("version", &member["version"].to_string()),
                ("full_name", "Tanaka Hiroshi"),
                ("role", "deputy_head"),
                ("gender", "male"),
                ("nationality", "JP"),
                ("passport_number", "TR1234567"),
                ("date_of_birth", "1971-04-02"),
                ("email", ""),
                ("organization", "Shizuoka Chamber of Commerce"),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let member = &app.get(&members, &cast.foreign_affairs.token).await.ok(200)["items"][0];
    assert_eq!(member["role"], "deputy_head");
    assert_eq!(member["email"], Value::Null, "an emptied field is cleared");

    let remove = format!("/delegations/{id}/members/{member_id}/remove");
    let confirm = page(&fa.get(&app, &remove).await, 200);
    assert!(confirm.contains("<h1>Xóa Tanaka Hiroshi khỏi đoàn?</h1>"));
    let reply = fa.post(&app, &remove, &[]).await;
    assert_eq!(reply.status.as_u16(), 303);
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã xóa thành viên khỏi đoàn."));
    assert!(html.contains("Chưa có thành viên nào."));
    assert_eq!(
        app.get(&members, &cast.foreign_affairs.token).await.ok(200)["items"],
        json!([])
    );
}

async fn a_host_unit_changing_a_member_keeps_the_passport_it_cannot_see(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let members = format!("/api/v1/delegations/{id}/members");
    let member = app.get(&members, &cast.foreign_affairs.token).await.ok(200)["items"][0].clone();
    let edit = format!("/delegations/{id}/members/{}/edit", member["id"]);
    let mut host = signed_in(&app, "donvi").await;
    let form = page(&host.get(&app, &edit).await, 200);
    assert!(!form.contains("TR1234567") && !form.contains("1971-04-02"));
    assert!(
        !form.contains("f-passport_number"),
        "no field for what it may not see"
    );
    let reply = host
        .post(
            &app,
            &edit,
            &[
                ("version", &member["version"].to_string()),
                ("full_name", "Tanaka Hiroshi"),
                ("role", "head"),
                ("gender", "male"),
                ("nationality", "JP"),
                ("organization", "Shizuoka Chamber of Commerce"),
                ("position", "Chủ tịch"),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let after = &app.get(&members, &cast.foreign_affairs.token).await.ok(200)["items"][0];
    assert_eq!(after["position"], "Chủ tịch");
    assert_eq!(after["passport_number"], "TR1234567");
    assert_eq!(after["date_of_birth"], "1971-04-02");
    assert_eq!(after["email"], "tanaka@example.jp");
}

async fn itinerary_items_are_added_changed_cancelled_and_deleted(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    // 10–12 March 2025, one item on the 10th.
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let items = format!("/api/v1/delegations/{id}/itinerary");
    let mut host = signed_in(&app, "donvi").await;
    let new = format!("/delegations/{id}/itinerary/new");
    let form = page(&host.get(&app, &new).await, 200);
    assert!(form.contains("Đoàn ở từ 10/03/2025 đến 12/03/2025"));
    assert!(form.contains("value=\"Asia/Ho_Chi_Minh\""));
    let outside = [
        ("kind", "site_visit"),
        ("title", "Thăm khu công nghiệp"),
        ("starts_at", "14/03/2025"),
        ("starts_at_time", "09:00"),
        ("ends_at_time", "10:00"),
        ("time_zone", "Asia/Ho_Chi_Minh"),
        ("place_name", "KCN Lương Sơn"),
    ];
    let html = refused(&host.post(&app, &new, &outside).await);
    assert!(
        html.contains(
            "<a href=\"#f-starts_at\">Phải nằm trong thời gian của đoàn (theo giờ Việt Nam)</a>"
        ),
        "{html}"
    );
    let mut inside = outside.to_vec();
    inside[2] = ("starts_at", "11/03/2025");
    let reply = host.post(&app, &new, &inside).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&host.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã thêm hoạt động vào lịch trình."));
    assert!(html.contains("<h3>11/03/2025</h3>"));
    let item = app.get(&items, &cast.foreign_affairs.token).await.ok(200)["items"][1].clone();
    assert_eq!(item["title"], "Thăm khu công nghiệp");
    assert_eq!(item["starts_at"], "2025-03-11T09:00:00+07:00");
    let base = format!("/delegations/{id}/itinerary/{}", item["id"]);

    let form = page(&host.get(&app, &format!("{base}/edit")).await, 200);
    assert!(form.contains("value=\"2025-03-11\"") && form.contains("value=\"09:00\""));
    let version = item["version"].to_string();
    let mut changed: Vec<(&str, &str)> = inside
        .iter()
        .copied()
        .filter(|(k, _)| *k != "ends_at_time")
        .collect();
    changed.extend([
        ("version", version.as_str()),
        ("ends_at_time", "11:30"),
        ("status", "planned"),
    ]);
    let reply = host.post(&app, &format!("{base}/edit"), &changed).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let item = app.get(&items, &cast.foreign_affairs.token).await.ok(200)["items"][1].clone();
    assert_eq!(item["ends_at"], "2025-03-11T11:30:00+07:00");

    let confirm = page(&host.get(&app, &format!("{base}/cancel")).await, 200);
    assert!(confirm.contains("Hủy hoạt động “Thăm khu công nghiệp”?"));
    let reply = host.post(&app, &format!("{base}/cancel"), &[]).await;
    let html = page(&host.follow(&app, &reply).await, 200);
    assert!(
        html.contains("<span class=\"tag tag--cancelled\">Đã hủy</span>"),
        "{html}"
    );
    let reply = host.post(&app, &format!("{base}/remove"), &[]).await;
    let html = page(&host.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã xóa hoạt động khỏi lịch trình."));
    assert!(!html.contains("Thăm khu công nghiệp"));
    assert_eq!(
        app.get(&items, &cast.foreign_affairs.token).await.ok(200)["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// Two events within 10–12 March 2025, in Vietnam's time.
const GOOD_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:visit-1@partner\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20250311T090000\r\n\
DTEND;TZID=Asia/Ho_Chi_Minh:20250311T100000\r\nSUMMARY:Thăm nhà máy\r\nLOCATION:KCN Lương Sơn\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:visit-2@partner\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20250312T140000\r\n\
DTEND;TZID=Asia/Ho_Chi_Minh:20250312T150000\r\nSUMMARY:Tiệc chia tay\r\nLOCATION:Khách sạn Hòa Bình\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

async fn an_ics_file_is_imported_and_a_bad_one_is_refused_event_by_event(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let import = format!("/delegations/{id}/itinerary/import");
    let mut fa = signed_in(&app, "ngoaivu").await;
    let form = page(&fa.get(&app, &import).await, 200);
    assert!(form.contains("enctype=\"multipart/form-data\""));
    assert!(form.contains("<label for=\"f-file\">Tệp lịch (.ics)</label>"));

    // Without the form's token: refused before anything is read.
    let reply = post_file(&mut fa, &app, &import, GOOD_ICS, false).await;
    assert_eq!(reply.status.as_u16(), 403);
    // One event without a place, one outside the delegation's days: nothing imported.
    let bad = GOOD_ICS
        .replace("LOCATION:KCN Lương Sơn\r\n", "")
        .replace("20250312T14", "20250316T14")
        .replace("20250312T15", "20250316T15");
    fa.get(&app, &import).await;
    let html = refused(&post_file(&mut fa, &app, &import, &bad, true).await);
    assert!(
        html.contains(
            "Sự kiện thứ 1, UID visit-1@partner (LOCATION): Thiếu: mỗi hoạt động cần có địa điểm"
        ),
        "{html}"
    );
    assert!(
        html.contains("Sự kiện thứ 2, UID visit-2@partner"),
        "{html}"
    );
    let items = format!("/api/v1/delegations/{id}/itinerary");
    let count = |v: Value| v["items"].as_array().unwrap().len();
    assert_eq!(
        count(app.get(&items, &cast.foreign_affairs.token).await.ok(200)),
        1
    );
    // Not a calendar at all.
    let html = refused(&post_file(&mut fa, &app, &import, "hello", true).await);
    assert!(
        html.contains("Tệp này không phải tệp lịch iCalendar (.ics)"),
        "{html}"
    );

    let reply = post_file(&mut fa, &app, &import, GOOD_ICS, true).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(
        html.contains(
            "Đã nhập lịch trình: 2 hoạt động mới, 0 hoạt động được cập nhật, 0 hoạt động không đổi."
        ),
        "{html}"
    );
    assert!(html.contains("Thăm nhà máy") && html.contains("Tiệc chia tay"));
    assert_eq!(
        count(app.get(&items, &cast.foreign_affairs.token).await.ok(200)),
        3
    );
    // The same file again updates nothing and adds nothing.
    fa.get(&app, &import).await;
    let reply = post_file(&mut fa, &app, &import, GOOD_ICS, true).await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("0 hoạt động mới, 0 hoạt động được cập nhật, 2 hoạt động không đổi."));
    assert_eq!(
        count(app.get(&items, &cast.foreign_affairs.token).await.ok(200)),
        3
    );
}

async fn the_police_record_a_review_whose_notes_only_they_read(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let record = format!("/delegations/{id}");
    let review = format!("{record}/security-review");
    let notes = "Một thành viên cần theo dõi <script>alert(1)</script>";
    let mut police = signed_in(&app, "congan").await;
    let html = page(&police.get(&app, &record).await, 200);
    assert!(html.contains("Chưa có ý kiến an ninh."));
    assert!(html.contains(&format!("href=\"{review}\"")));
    let html = refused(
        &police
            .post(&app, &review, &[("officer", "Thiếu tá Trần Quang")])
            .await,
    );
    assert!(
        html.contains("<a href=\"#f-status\">Hãy chọn một mục</a>"),
        "{html}"
    );
    let reply = police
        .post(
            &app,
            &review,
            &[
                ("status", "concerns"),
                ("officer", "Thiếu tá Trần Quang"),
                ("notes", notes),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&police.follow(&app, &reply).await, 200);
    assert!(html.contains("<span class=\"tag tag--concerns\">Có vấn đề cần lưu ý</span>"));
    assert!(
        html.contains("Một thành viên cần theo dõi &#60;script&#62;"),
        "typed text is text"
    );
    assert!(!html.contains("<script>alert(1)"));

    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, &record).await, 200);
    assert!(html.contains("Thiếu tá Trần Quang"));
    assert!(
        !html.contains("Một thành viên cần theo dõi"),
        "the notes are the police's"
    );
    assert!(!html.contains(&format!("href=\"{review}\"")));
    assert_eq!(fa.get(&app, &review).await.status.as_u16(), 403);
    let d = api_view(&app, &cast, id).await;
    assert_eq!(d["security_review"]["status"], "concerns");
}

async fn the_history_says_who_did_what_without_personal_data_for_a_viewer(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    app.patch(
        &path(id),
        &cast.foreign_affairs.token,
        json!({"title": "Đoàn doanh nghiệp Shizuoka (sửa)"}),
    )
    .await
    .ok(200);
    let history = format!("/delegations/{id}/history");
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, &history).await, 200);
    assert!(html.contains("<h1>Lịch sử hồ sơ</h1>"));
    for event in [
        "Đăng ký đoàn",
        "Thêm thành viên",
        "Thêm hoạt động",
        "Sửa thông tin đoàn",
    ] {
        assert!(
            html.contains(&format!("<h2 class=\"timeline__title\">{event}</h2>")),
            "{event}"
        );
    }
    assert!(html.contains("Đoàn doanh nghiệp tỉnh Shizuoka</span> → <span class=\"change__to pre\">Đoàn doanh nghiệp Shizuoka (sửa)"), "{html}");
    assert!(
        html.contains("TR1234567"),
        "Sở Ngoại vụ sees the member's passport"
    );
    let mut viewer = signed_in(&app, "xemtin").await;
    let html = page(&viewer.get(&app, &history).await, 200);
    assert!(html.contains("Thêm thành viên"));
    assert!(!html.contains("TR1234567") && !html.contains("tanaka@example.jp"));
}

async fn a_change_to_a_record_changed_meanwhile_says_so(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let edit = format!("/delegations/{id}/edit");
    let mut fa = signed_in(&app, "ngoaivu").await;
    let form = page(&fa.get(&app, &edit).await, 200);
    let version = api_view(&app, &cast, id).await["version"].to_string();
    assert!(form.contains(&format!("name=\"version\" value=\"{version}\"")));
    // Someone else changes it meanwhile.
    app.patch(
        &path(id),
        &cast.foreign_affairs.token,
        json!({"purpose": "Mục đích mới"}),
    )
    .await
    .ok(200);
    let fields = [
        ("version", version.as_str()),
        ("title", "Tên mới"),
        ("purpose", "Tìm hiểu cơ hội đầu tư vào khu công nghiệp"),
        ("partner_organization", "Shizuoka Chamber of Commerce"),
        ("countries", "JP"),
        ("host_unit_id", &cast.host_unit.to_string()),
        ("head_of_delegation", "Tanaka Hiroshi"),
        ("start_date", "2025-03-10"),
        ("end_date", "2025-03-12"),
    ];
    let html = refused(&fa.post(&app, &edit, &fields).await);
    assert!(
        html.contains("Hồ sơ vừa được người khác thay đổi"),
        "{html}"
    );
    assert_eq!(
        api_view(&app, &cast, id).await["title"],
        "Đoàn doanh nghiệp tỉnh Shizuoka"
    );
    // The form now carries the current version: saving again goes through.
    let current = api_view(&app, &cast, id).await["version"].to_string();
    assert!(html.contains(&format!("name=\"version\" value=\"{current}\"")));
    let mut again = fields.to_vec();
    again[0] = ("version", &current);
    let reply = fa.post(&app, &edit, &again).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    assert_eq!(api_view(&app, &cast, id).await["title"], "Tên mới");
}

async fn a_draft_is_deleted_after_confirmation(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let mut host = signed_in(&app, "donvi").await;
    let html = page(&host.get(&app, &format!("/delegations/{id}")).await, 200);
    assert!(html.contains(&format!("href=\"/delegations/{id}/delete\"")));
    let confirm = page(
        &host.get(&app, &format!("/delegations/{id}/delete")).await,
        200,
    );
    assert!(confirm.contains("<h1>Xóa dự thảo này?</h1>"));
    let reply = host
        .post(&app, &format!("/delegations/{id}/delete"), &[])
        .await;
    assert_eq!(reply.status.as_u16(), 303);
    let html = page(&host.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã xóa dự thảo."));
    assert_eq!(
        app.get(&path(id), &cast.foreign_affairs.token).await.status,
        404
    );
    // A submitted one offers no deletion, and the operation refuses it.
    let html = page(
        &host.get(&app, &format!("/delegations/{submitted}")).await,
        200,
    );
    assert!(!html.contains("/delete\""));
    let reply = host
        .post(&app, &format!("/delegations/{submitted}/delete"), &[])
        .await;
    assert_eq!(reply.status.as_u16(), 409, "{}", reply.text());
    assert!(
        reply
            .text()
            .contains("Hồ sơ đã gửi; giờ Sở Ngoại vụ mới sửa được")
    );
}

async fn the_pages_speak_english_when_chosen(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app, &cast).await;
    let id = fixtures::draft(&app, &cast, "outgoing").await;
    let mut fa = signed_in(&app, "ngoaivu").await;
    fa.get(&app, "/delegations").await;
    let reply = fa
        .post(
            &app,
            "/language",
            &[("lang", "en"), ("back", "/delegations")],
        )
        .await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("<h1>Delegations</h1>"), "{html}");
    assert!(html.contains("Outgoing"));
    assert!(html.contains("10 Mar 2025 – 12 Mar 2025"));
    let html = page(&fa.get(&app, &format!("/delegations/{id}")).await, 200);
    assert!(html.contains("What you can do") && html.contains("Submit"));
    assert!(html.contains("Itinerary (1 activity)"));
    let html = refused(
        &fa.post(
            &app,
            &format!("/delegations/{id}/members/new"),
            &[("role", "head")],
        )
        .await,
    );
    assert!(
        html.contains("<a href=\"#f-full_name\">must not be empty</a>"),
        "{html}"
    );
}
