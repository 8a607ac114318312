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
