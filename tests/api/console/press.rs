//! The press pages as people use them: the hub, the reporters' list and
//! search, registering a reporter, an accreditation walked with forms
//! through its workflow and the police's review, an activity refused at a
//! place not permitted, and what each role may not read — over HTTP with
//! forms, on both engines.

use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::fixtures::Cast;
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{self as press, accreditation_in, accreditation_path, reporter};

on_both_engines!(
    the_hub_leads_to_the_four_sections_for_those_who_see_the_press_side,
    the_reporters_are_listed_and_searched,
    registering_a_reporter_refuses_a_bad_passport_in_vietnamese,
    an_accreditation_is_walked_from_draft_to_approved_after_the_police_clear_it,
    an_activity_is_refused_at_a_place_not_permitted,
    personal_data_is_absent_for_a_viewer_and_the_provincial_office,
    police_notes_are_absent_for_so_ngoai_vu,
    an_activity_is_changed_and_cancelled_through_its_forms,
    only_who_may_sees_the_activity_buttons_and_forged_posts_are_refused,
    an_accreditation_is_changed_through_its_edit_form_in_both_languages,
);

/// One console user per role, named as in the demo.
async fn people(app: &TestApp) {
    super::user(app, "ngoaivu", Role::ForeignAffairs).await;
    super::user(app, "vanphong", Role::ProvincialOffice).await;
    super::user(app, "congan", Role::Police).await;
    super::user(app, "xemtin", Role::Viewer).await;
    super::user(app, "donvi", Role::HostUnit).await;
}

async fn signed_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

/// The page of a form shown again (422) with its error summary.
fn refused(reply: &Reply) -> String {
    let html = page(reply, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    html
}

/// The accreditation as the API shows it to the administrator.
async fn api_accreditation(app: &TestApp, cast: &Cast, id: i64) -> serde_json::Value {
    app.get(&accreditation_path(id), &cast.admin.token)
        .await
        .ok(200)
}

async fn the_hub_leads_to_the_four_sections_for_those_who_see_the_press_side(app: TestApp) {
    people(&app).await;
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, "/press-work").await, 200);
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(html.contains("<h1>Báo chí</h1>"));
    for href in [
        "/reporters",
        "/accreditations",
        "/interviews",
        "/press-conferences",
    ] {
        assert!(html.contains(&format!("<a href=\"{href}\">")), "{href}");
    }
    assert!(html.contains("<a href=\"/press-work\" aria-current=\"page\">"));
    // In English when chosen, every text from the catalogue.
    fa.set_cookie("visitdesk-lang", "en");
    let html = page(&fa.get(&app, "/press-work").await, 200);
    assert!(html.contains("<h1>Press</h1>") && html.contains(">Accreditations</a>"));
    let html = page(&fa.get(&app, "/accreditations").await, 200);
    assert!(html.contains("<h1>Accreditations</h1>"), "{html}");
    assert!(!html.contains("Unknown localization"));
    let mut host = signed_in(&app, "donvi").await;
    assert_eq!(host.get(&app, "/press-work").await.status.as_u16(), 404);
    assert_eq!(host.get(&app, "/reporters").await.status.as_u16(), 404);
    assert_eq!(host.get(&app, "/accreditations").await.status.as_u16(), 404);
}

async fn the_reporters_are_listed_and_searched(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let vn = reporter(&app, &cast.foreign_affairs.token, "VN").await;
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, "/reporters").await, 200);
    assert!(html.contains(&format!("<a href=\"/reporters/{jp}\">Yamada Hanako</a>")));
    assert!(html.contains(&format!("<a href=\"/reporters/{vn}\">Nguyễn Thị Lan</a>")));
    assert!(html.contains("href=\"/reporters/new\""));
    // Words without diacritics, as the API searches.
    let html = page(&fa.get(&app, "/reporters?q=nguyen+lan").await, 200);
    assert!(
        html.contains("Nguyễn Thị Lan") && !html.contains("Yamada"),
        "{html}"
    );
    let html = page(&fa.get(&app, "/reporters?q=nhk").await, 200);
    assert!(html.contains("Yamada") && !html.contains("Nguyễn Thị Lan"));
    let html = page(&fa.get(&app, "/reporters?nationality=vn").await, 200);
    assert!(html.contains("Nguyễn Thị Lan") && !html.contains("Yamada"));
    let html = page(&fa.get(&app, "/reporters?outlet_country=JP").await, 200);
    assert!(html.contains("Yamada") && !html.contains("Nguyễn Thị Lan"));
    let html = page(&fa.get(&app, "/reporters?q=khong+co+ai").await, 200);
    assert!(html.contains("Không có phóng viên nào khớp"));
    // A code that is not a country: 422, in Vietnamese, linked to its field.
    let html = refused(&fa.get(&app, "/reporters?nationality=XQ").await);
    assert!(
        html.contains("<a href=\"#f-nationality\">Phải là mã quốc gia hai chữ cái"),
        "{html}"
    );
    // Paging: 50 a page, the next keeps the search.
    for i in 0..50 {
        let body = crate::fixtures::merged(
            press::reporter_body("JP"),
            serde_json::json!({"full_name": format!("Suzuki {i:02}"), "passport_number": null}),
        );
        app.post(press::REPORTERS, &cast.foreign_affairs.token, body)
            .await
            .ok(201);
    }
    let html = page(&fa.get(&app, "/reporters?nationality=JP").await, 200);
    assert_eq!(html.matches("<a href=\"/reporters/").count(), 50);
    let next = html
        .split("<a href=\"")
        .find_map(|s| {
            // The address as the page writes it (askama writes `&` as `&#38;`).
            s.starts_with("/reporters?nationality=JP&#38;cursor=")
                .then(|| s[..s.find('"').unwrap()].replace("&#38;", "&"))
        })
        .expect("a next page");
    let html = page(&fa.get(&app, &next).await, 200);
    assert_eq!(html.matches("<a href=\"/reporters/").count(), 1);
    assert!(html.contains("<a href=\"/reporters?nationality=JP\">Trang đầu</a>"));
    assert!(!html.contains("Trang sau"));
}

async fn registering_a_reporter_refuses_a_bad_passport_in_vietnamese(app: TestApp) {
    people(&app).await;
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, "/reporters/new").await, 200);
    assert!(html.contains("<label for=\"f-passport_number\">"));
    let fields = [
        ("full_name", "Kim Min-jun"),
        ("nationality", "KR"),
        ("passport_number", "M1"),
        ("outlet", "KBS"),
        ("outlet_country", "kr"),
        ("position", "camera"),
        ("email", "kim@kbs.example.kr"),
        ("phone", "+82 2 781 1000"),
    ];
    let html = refused(&fa.post(&app, "/reporters/new", &fields).await);
    assert!(
        html.contains("<a href=\"#f-passport_number\">Phải gồm 5 đến 20 chữ cái và chữ số</a>"),
        "{html}"
    );
    assert!(html.contains("id=\"f-passport_number-error\""));
    assert!(
        html.contains("value=\"Kim Min-jun\""),
        "what was typed stays"
    );
    let mut good = fields.to_vec();
    good[2] = ("passport_number", "M12345678");
    let reply = fa.post(&app, "/reporters/new", &good).await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("<h1>Kim Min-jun</h1>"));
    assert!(html.contains("Đã đăng ký phóng viên."));
    assert!(html.contains("M12345678") && html.contains("kim@kbs.example.kr"));
    let location = reply.header("location").unwrap();
    let id = location
        .trim_start_matches("/reporters/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    // Changed: the model decides who may (the viewer may not).
    let edit = format!("/reporters/{id}/edit");
    let html = page(&fa.get(&app, &edit).await, 200);
    assert!(html.contains("value=\"M12345678\""));
    let mut changed = good.clone();
    changed[3] = ("outlet", "KBS World");
    let reply = fa.post(&app, &edit, &changed).await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("KBS World") && html.contains("Đã lưu thông tin phóng viên."));
    let mut viewer = signed_in(&app, "xemtin").await;
    assert_eq!(viewer.get(&app, &edit).await.status.as_u16(), 403);
    assert_eq!(
        viewer.get(&app, "/reporters/new").await.status.as_u16(),
        403
    );
    let html = page(&viewer.get(&app, "/reporters").await, 200);
    assert!(!html.contains("href=\"/reporters/new\""));
}

async fn an_accreditation_is_walked_from_draft_to_approved_after_the_police_clear_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, "/accreditations/new").await, 200);
    assert!(html.contains(&format!(
        "<input type=\"checkbox\" id=\"f-reporter_ids-{jp}\" name=\"reporter_ids\" value=\"{jp}\">"
    )));
    assert!(html.contains("<legend>Phóng viên</legend>"));
    // No reporter chosen: refused, said in Vietnamese.
    let mut fields = vec![
        ("topics", "Du lịch cộng đồng Mai Châu"),
        (
            "permitted_places",
            "Bản Lác, Mai Châu\nNhà máy Thủy điện Hòa Bình",
        ),
        ("start_date", "01/12/2026"),
        ("end_date", "2026-12-05"),
        ("referral_number", "1234/BNG-TTBC"),
        ("referral_date", "20/11/2026"),
        ("escort_officer", "Lê Minh Đức"),
    ];
    let html = refused(&fa.post(&app, "/accreditations/new", &fields).await);
    assert!(html.contains("<a href=\"#f-reporter_ids\">"), "{html}");
    let jp_text = jp.to_string();
    fields.push(("reporter_ids", &jp_text));
    let reply = fa.post(&app, "/accreditations/new", &fields).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let record = reply
        .header("location")
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let id: i64 = record
        .trim_start_matches("/accreditations/")
        .parse()
        .unwrap();
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("<span class=\"tag tag--draft\">Dự thảo</span>"));
    assert!(html.contains("Yamada Hanako") && html.contains("<li>Bản Lác, Mai Châu</li>"));
    assert!(html.contains("01/12/2026 – 05/12/2026"));
    assert!(html.contains(&format!("href=\"{record}/actions/submit\"")));

    let reply = fa
        .post(&app, &format!("{record}/actions/submit"), &[])
        .await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã gửi hồ sơ."));
    assert!(html.contains(&format!("href=\"{record}/actions/approve\"")));
    // Approval waits for the police: the model's reason, in Vietnamese.
    let html = refused(
        &fa.post(&app, &format!("{record}/actions/approve"), &[])
            .await,
    );
    assert!(
        html.contains(
            "Hồ sơ tác nghiệp chỉ được phê duyệt sau khi Công an tỉnh có ý kiến thông qua"
        ),
        "{html}"
    );
    assert_eq!(
        api_accreditation(&app, &cast, id).await["status"],
        "submitted"
    );
    // Sở Ngoại vụ does not record the review.
    assert!(!html.contains(&format!("href=\"{record}/review\"")));
    assert_eq!(
        fa.get(&app, &format!("{record}/review"))
            .await
            .status
            .as_u16(),
        403
    );

    let mut police = signed_in(&app, "congan").await;
    let html = page(&police.get(&app, &record).await, 200);
    assert!(html.contains(&format!("href=\"{record}/review\"")));
    assert!(!html.contains(&format!("href=\"{record}/actions/approve\"")));
    let html = page(&police.get(&app, &format!("{record}/review")).await, 200);
    assert!(html.contains("<legend>Kết quả thẩm tra</legend>"));
    let reply = police
        .post(
            &app,
            &format!("{record}/review"),
            &[
                ("status", "cleared"),
                ("officer", "Đại úy Trần Văn Hùng"),
                ("notes", "Không có dấu hiệu vi phạm"),
            ],
        )
        .await;
    let html = page(&police.follow(&app, &reply).await, 200);
    assert!(html.contains("<span class=\"tag tag--cleared\">Thông qua</span>"));

    let reply = fa
        .post(
            &app,
            &format!("{record}/actions/approve"),
            &[("note", "Đồng ý")],
        )
        .await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("<span class=\"tag tag--approved\">Đã phê duyệt</span>"));
    assert!(html.contains(&format!("href=\"{record}/actions/revoke\"")));
    // Revoking needs a note.
    let html = refused(
        &fa.post(&app, &format!("{record}/actions/revoke"), &[])
            .await,
    );
    assert!(html.contains("Ghi rõ lý do thu hồi hồ sơ"), "{html}");
    assert_eq!(
        api_accreditation(&app, &cast, id).await["status"],
        "approved"
    );
    // The history says who did what.
    let html = page(&fa.get(&app, &format!("{record}/history")).await, 200);
    for what in [
        "Đăng ký hồ sơ",
        "Gửi hồ sơ",
        "Ghi ý kiến an ninh",
        "Phê duyệt",
    ] {
        assert!(html.contains(what), "{what}: {html}");
    }
    // The list finds it by status and reporter.
    let html = page(
        &fa.get(
            &app,
            &format!("/accreditations?status=approved&reporter_id={jp}"),
        )
        .await,
        200,
    );
    assert!(html.contains(&format!("href=\"{record}\"")));
    let html = page(&fa.get(&app, "/accreditations?status=draft").await, 200);
    assert!(!html.contains(&format!("href=\"{record}\"")));
}

async fn an_activity_is_refused_at_a_place_not_permitted(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let id = accreditation_in(&app, &cast, &[jp], "approved").await;
    let new = format!("{}/activities/new", press_record(id));
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, &press_record(id)).await, 200);
    assert!(html.contains(&format!("href=\"{new}\"")));
    let mut fields = vec![
        ("starts_at", "2026-12-02"),
        ("starts_at_time", "09:00"),
        ("ends_at", "2026-12-02"),
        ("ends_at_time", "11:00"),
        ("kind", "filming"),
        ("title", "Quay phóng sự về nghề dệt thổ cẩm"),
        ("place_name", "Chợ Đồng Xuân, Hà Nội"),
    ];
    let html = refused(&fa.post(&app, &new, &fields).await);
    assert!(
        html.contains(
            "<a href=\"#f-place_name\">Phải là một trong các địa điểm được phép tác nghiệp: Bản Lác, Mai Châu; Nhà máy Thủy điện Hòa Bình</a>"
        ),
        "{html}"
    );
    // Outside the dates: refused too.
    fields[6] = ("place_name", "Ban Lac, Mai Chau");
    fields[0] = ("starts_at", "2026-12-09");
    fields[2] = ("ends_at", "2026-12-09");
    let html = refused(&fa.post(&app, &new, &fields).await);
    assert!(
        html.contains("Phải nằm trong thời gian của hồ sơ tác nghiệp"),
        "{html}"
    );
    fields[0] = ("starts_at", "02/12/2026");
    fields[2] = ("ends_at", "02/12/2026");
    let reply = fa.post(&app, &new, &fields).await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã thêm hoạt động tác nghiệp."));
    assert!(html.contains("<h3 id=\"day-1\">02/12/2026</h3>"));
    assert!(html.contains("09:00–11:00") && html.contains("Quay phóng sự về nghề dệt thổ cẩm"));
    let list = app
        .get(
            &format!("{}/activities", accreditation_path(id)),
            &cast.admin.token,
        )
        .await
        .ok(200);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    // The viewer may not plan activities.
    let mut viewer = signed_in(&app, "xemtin").await;
    assert_eq!(viewer.get(&app, &new).await.status.as_u16(), 403);
}

fn press_record(id: i64) -> String {
    format!("/accreditations/{id}")
}

async fn personal_data_is_absent_for_a_viewer_and_the_provincial_office(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let id = accreditation_in(&app, &cast, &[jp], "submitted").await;
    let secrets = ["TZ1234567", "yamada@nhk.example.jp", "+81 3 3465 1111"];
    let mut fa = signed_in(&app, "ngoaivu").await;
    for path in [
        "/reporters".to_owned(),
        format!("/reporters/{jp}"),
        press_record(id),
    ] {
        let html = page(&fa.get(&app, &path).await, 200);
        assert!(html.contains("TZ1234567"), "Sở Ngoại vụ sees it on {path}");
    }
    for who in ["xemtin", "vanphong"] {
        let mut browser = signed_in(&app, who).await;
        let html = page(&browser.get(&app, &press_record(id)).await, 200);
        assert!(html.contains("Yamada Hanako"), "{who} sees the reporter");
        for path in [
            "/reporters".to_owned(),
            format!("/reporters/{jp}"),
            press_record(id),
            format!("{}/history", press_record(id)),
            "/accreditations".to_owned(),
        ] {
            let html = page(&browser.get(&app, &path).await, 200);
            for secret in secrets {
                assert!(!html.contains(secret), "{who} reads {secret} on {path}");
            }
            assert!(!html.contains("Số hộ chiếu"), "{who}: {path}");
        }
    }
}

async fn police_notes_are_absent_for_so_ngoai_vu(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let id = accreditation_in(&app, &cast, &[jp], "submitted").await;
    let record = press_record(id);
    let notes = "Theo dõi <b>đặc biệt</b> tại Bản Lác";
    let mut police = signed_in(&app, "congan").await;
    page(&police.get(&app, &format!("{record}/review")).await, 200);
    let reply = police
        .post(
            &app,
            &format!("{record}/review"),
            &[
                ("status", "concerns"),
                ("officer", "Thiếu tá Trần Quang"),
                ("notes", notes),
            ],
        )
        .await;
    let html = page(&police.follow(&app, &reply).await, 200);
    assert!(
        html.contains("Theo dõi &#60;b&#62;đặc biệt&#60;/b&#62; tại Bản Lác"),
        "{html}"
    );
    assert!(html.contains("Thiếu tá Trần Quang"));
    for who in ["ngoaivu", "xemtin", "vanphong"] {
        let mut browser = signed_in(&app, who).await;
        for path in [record.clone(), format!("{record}/history")] {
            let html = page(&browser.get(&app, &path).await, 200);
            assert!(
                !html.contains("Theo dõi"),
                "{who} reads the notes on {path}"
            );
        }
        let html = page(&browser.get(&app, &record).await, 200);
        assert!(
            !html.contains("Thiếu tá Trần Quang"),
            "{who}: the status only"
        );
        assert!(html.contains("<span class=\"tag tag--concerns\">Có lưu ý</span>"));
    }
}

/// An activity of accreditation `id` on 2 December, 09:00–11:00, at the
/// first permitted place (through the API); its id.
async fn api_activity(app: &TestApp, cast: &Cast, id: i64) -> i64 {
    press::add_activity(
        app,
        &cast.foreign_affairs.token,
        id,
        press::activity_body("2026-12-02T09:00", "2026-12-02T11:00", press::PLACES[0]),
    )
    .await
    .ok(201)["id"]
        .as_i64()
        .unwrap()
}

/// The activity as the API lists it to the administrator.
async fn api_activity_of(app: &TestApp, cast: &Cast, id: i64, activity: i64) -> serde_json::Value {
    let list = app
        .get(
            &format!("{}/activities", accreditation_path(id)),
            &cast.admin.token,
        )
        .await
        .ok(200);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == activity)
        .cloned()
        .unwrap()
}

/// The fields of the activity form as the edit page fills them, changed
/// by `changes`.
fn activity_fields<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("version", "1"),
        ("time_zone", "Asia/Ho_Chi_Minh"),
        ("starts_at", "2026-12-02"),
        ("starts_at_time", "09:00"),
        ("ends_at", "2026-12-02"),
        ("ends_at_time", "11:00"),
        ("kind", "filming"),
        ("title", "Quay phóng sự về nghề dệt thổ cẩm"),
        ("place_name", press::PLACES[0]),
        ("place_district", "Mai Châu"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

async fn an_activity_is_changed_and_cancelled_through_its_forms(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let id = accreditation_in(&app, &cast, &[jp], "approved").await;
    let activity = api_activity(&app, &cast, id).await;
    let edit = format!("{}/activities/{activity}/edit", press_record(id));
    let cancel = format!("{}/activities/{activity}/cancel", press_record(id));

    // The record offers both, by the activity's name for a screen reader.
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, &press_record(id)).await, 200);
    assert!(html.contains(&format!("href=\"{edit}\"")), "{html}");
    assert!(html.contains(&format!("href=\"{cancel}\"")), "{html}");
    assert!(html.contains("Sửa<span class=\"visually-hidden\"> Quay phóng sự"));

    // The change form comes filled with the activity.
    let html = page(&fa.get(&app, &edit).await, 200);
    assert!(html.contains("<h1>Sửa hoạt động tác nghiệp</h1>"), "{html}");
    assert!(html.contains("value=\"Quay phóng sự về nghề dệt thổ cẩm\""));
    assert!(html.contains("value=\"09:00\""));
    assert!(html.contains("value=\"2026-12-02\""));

    // Outside the accreditation's dates: the form again, said in Vietnamese.
    let html = refused(
        &fa.post(
            &app,
            &edit,
            &activity_fields(&[("starts_at", "2026-12-09"), ("ends_at", "2026-12-09")]),
        )
        .await,
    );
    assert!(
        html.contains(
            "Phải nằm trong thời gian của hồ sơ tác nghiệp, từ 01/12/2026 đến 05/12/2026"
        ),
        "{html}"
    );
    assert!(
        html.contains("value=\"2026-12-09\""),
        "what was typed stays"
    );
    assert_eq!(
        api_activity_of(&app, &cast, id, activity).await["version"],
        1
    );

    // A good change: back on the record, with the new time and title.
    let reply = fa
        .post(
            &app,
            &edit,
            &activity_fields(&[
                ("starts_at_time", "14:00"),
                ("ends_at_time", "16:30"),
                ("title", "Phỏng vấn nghệ nhân dệt"),
            ]),
        )
        .await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã lưu thay đổi của hoạt động."), "{html}");
    assert!(html.contains("14:00–16:30") && html.contains("Phỏng vấn nghệ nhân dệt"));
    let changed = api_activity_of(&app, &cast, id, activity).await;
    assert_eq!(changed["starts_at"], "2026-12-02T14:00:00+07:00");
    assert_eq!(changed["version"], 2);

    // The form read at version 1 is stale now: shown again, nothing changed.
    let html = refused(
        &fa.post(&app, &edit, &activity_fields(&[("title", "Cũ")]))
            .await,
    );
    assert!(
        html.contains("value=\"2\""),
        "the form takes the new version"
    );
    assert_eq!(
        api_activity_of(&app, &cast, id, activity).await["title"],
        "Phỏng vấn nghệ nhân dệt"
    );

    // Cancelling asks first (a page, no script), then keeps it, marked.
    let html = page(&fa.get(&app, &cancel).await, 200);
    assert!(
        html.contains("<h1>Hủy hoạt động tác nghiệp này?</h1>"),
        "{html}"
    );
    assert!(html.contains("Phỏng vấn nghệ nhân dệt"));
    let reply = fa
        .post(
            &app,
            &cancel,
            &[("version", "2"), ("note", "Phóng viên đổi lịch bay")],
        )
        .await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã hủy hoạt động."), "{html}");
    assert!(html.contains("press-activity--cancelled"));
    assert!(
        !html.contains(&format!("href=\"{edit}\"")),
        "no change once cancelled"
    );
    assert!(!html.contains(&format!("href=\"{cancel}\"")));
    let cancelled = api_activity_of(&app, &cast, id, activity).await;
    assert_eq!(cancelled["status"], "cancelled");

    // Sent again (a second tab): the reason, in Vietnamese, on the form.
    fa.get(&app, &press_record(id)).await;
    let html = refused(&fa.post(&app, &cancel, &[("version", "3")]).await);
    assert!(
        html.contains("Hoạt động này đã hủy: chỉ sửa hoặc hủy được hoạt động đang dự kiến."),
        "{html}"
    );

    // The history says what happened, with the note.
    let html = page(
        &fa.get(&app, &format!("{}/history", press_record(id))).await,
        200,
    );
    assert!(
        html.contains("Sửa hoạt động") && html.contains("Hủy hoạt động"),
        "{html}"
    );
    assert!(html.contains("Phóng viên đổi lịch bay"));
    assert!(
        html.contains("Dự kiến</span> → <span class=\"change__to pre\">Đã hủy"),
        "{html}"
    );
}

async fn only_who_may_sees_the_activity_buttons_and_forged_posts_are_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let id = accreditation_in(&app, &cast, &[jp], "approved").await;
    let activity = api_activity(&app, &cast, id).await;
    let edit = format!("{}/activities/{activity}/edit", press_record(id));
    let cancel = format!("{}/activities/{activity}/cancel", press_record(id));

    for who in ["congan", "vanphong", "xemtin"] {
        let mut b = signed_in(&app, who).await;
        let html = page(&b.get(&app, &press_record(id)).await, 200);
        assert!(!html.contains(&edit), "{who} sees no change");
        assert!(!html.contains(&cancel), "{who} sees no cancel");
        assert!(
            !html.contains(&format!("{}/edit", press_record(id))),
            "{who}"
        );
        assert_eq!(b.get(&app, &edit).await.status.as_u16(), 403, "{who}");
        assert_eq!(b.get(&app, &cancel).await.status.as_u16(), 403, "{who}");
        // A forged form, with this person's own valid token: 403 from the operation.
        let reply = b
            .post(&app, &edit, &activity_fields(&[("title", "Giả")]))
            .await;
        page(&reply, 403);
        page(&b.post(&app, &cancel, &[("version", "1")]).await, 403);
    }
    // A host unit does not see the press side: 404 as if absent.
    let mut host = signed_in(&app, "donvi").await;
    assert_eq!(host.get(&app, &edit).await.status.as_u16(), 404);
    page(&host.post(&app, &cancel, &[("version", "1")]).await, 404);

    // Sở Ngoại vụ without the form's CSRF token, or with a wrong one: 403.
    let mut fa = signed_in(&app, "ngoaivu").await;
    fa.get(&app, &cancel).await;
    page(&fa.post_raw(&app, &cancel, &[("version", "1")]).await, 403);
    page(
        &fa.post_raw(&app, &edit, &[("csrf", "not-the-token"), ("title", "Giả")])
            .await,
        403,
    );

    let unchanged = api_activity_of(&app, &cast, id, activity).await;
    assert_eq!(unchanged["version"], 1);
    assert_eq!(unchanged["status"], "planned");

    // Once the accreditation is completed, nobody is offered either.
    press::act_on(
        &app,
        &cast.foreign_affairs.token,
        &accreditation_path(id),
        "complete",
    )
    .await
    .ok(200);
    let html = page(&fa.get(&app, &press_record(id)).await, 200);
    assert!(!html.contains(&edit) && !html.contains(&cancel));
    assert_eq!(fa.get(&app, &edit).await.status.as_u16(), 403);
}

async fn an_accreditation_is_changed_through_its_edit_form_in_both_languages(app: TestApp) {
    let cast = Cast::new(&app).await;
    people(&app).await;
    let jp = reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let id = accreditation_in(&app, &cast, &[jp], "submitted").await;
    api_activity(&app, &cast, id).await;
    let edit = format!("{}/edit", press_record(id));
    let jp = jp.to_string();
    let fields = |changes: &[(&'static str, &'static str)]| {
        let mut fields: Vec<(&str, String)> = vec![
            ("version", String::new()),
            ("reporter_ids", jp.clone()),
            ("topics", "Du lịch cộng đồng".to_owned()),
            ("permitted_places", press::PLACES.join("\n")),
            ("start_date", "2026-12-01".to_owned()),
            ("end_date", "2026-12-05".to_owned()),
            ("referral_number", "1234/BNG-TTBC".to_owned()),
            ("referral_date", "2026-11-20".to_owned()),
            ("escort_officer", String::new()),
        ];
        for (name, value) in changes {
            if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
                field.1 = (*value).to_owned();
            }
        }
        fields
    };
    let version = || async {
        api_accreditation(&app, &cast, id).await["version"]
            .as_i64()
            .unwrap()
            .to_string()
    };

    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(&fa.get(&app, &press_record(id)).await, 200);
    assert!(html.contains(&format!("href=\"{edit}\"")), "{html}");
    let html = page(&fa.get(&app, &edit).await, 200);
    assert!(html.contains("<h1>Sửa hồ sơ tác nghiệp</h1>"), "{html}");
    assert!(html.contains("Du lịch cộng đồng và văn hóa dân tộc Mường, Thái"));
    assert!(html.contains("value=\"2026-12-05\""));
    assert!(html.contains("value=\"Lê Minh Đức\""));

    // Its activity (2 December) would fall outside: refused, said in Vietnamese.
    let v = version().await;
    let mut sent = fields(&[("start_date", "2026-12-03")]);
    sent[0].1 = v.clone();
    let pairs: Vec<(&str, &str)> = sent.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let html = refused(&fa.post(&app, &edit, &pairs).await);
    assert!(
        html.contains("1 hoạt động sẽ nằm ngoài thời gian hoặc địa điểm được phép mới"),
        "{html}"
    );
    // The same in English.
    fa.post(&app, "/language", &[("lang", "en"), ("back", &edit)])
        .await;
    fa.get(&app, &edit).await;
    let html = refused(&fa.post(&app, &edit, &pairs).await);
    assert!(
        html.contains("One activity would lie outside the new dates or permitted places"),
        "{html}"
    );
    // End before start, in English.
    let mut sent = fields(&[("end_date", "2026-11-30")]);
    sent[0].1 = v.clone();
    let pairs: Vec<(&str, &str)> = sent.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let html = refused(&fa.post(&app, &edit, &pairs).await);
    assert!(html.contains("href=\"#f-end_date\""), "{html}");
    assert_eq!(
        api_accreditation(&app, &cast, id).await["version"].to_string(),
        v
    );

    // A good change (new topics, escort officer cleared): on the record.
    let mut sent = fields(&[
        ("topics", "Nghề dệt thổ cẩm Mai Châu"),
        ("end_date", "2026-12-06"),
    ]);
    sent[0].1 = v.clone();
    let pairs: Vec<(&str, &str)> = sent.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let reply = fa.post(&app, &edit, &pairs).await;
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(
        html.contains("The changes to the accreditation are saved."),
        "{html}"
    );
    let a = api_accreditation(&app, &cast, id).await;
    assert_eq!(a["topics"], "Nghề dệt thổ cẩm Mai Châu");
    assert_eq!(a["end_date"], "2026-12-06");
    assert_eq!(a["escort_officer"], serde_json::Value::Null);

    // Approved, it no longer changes: no link, and the form is refused.
    press::review(&app, &cast.police.token, id, "cleared")
        .await
        .ok(200);
    press::act_on(
        &app,
        &cast.foreign_affairs.token,
        &accreditation_path(id),
        "approve",
    )
    .await
    .ok(200);
    let html = page(&fa.get(&app, &press_record(id)).await, 200);
    assert!(!html.contains(&format!("href=\"{edit}\"")));
    assert_eq!(fa.get(&app, &edit).await.status.as_u16(), 403);
    // The police never see it.
    let mut police = signed_in(&app, "congan").await;
    assert_eq!(police.get(&app, &edit).await.status.as_u16(), 403);
}
