//! The interview, press conference and public press pages as people use
//! them: an interview requested in two steps with the covering
//! accreditation offered (and none offered on a day nothing covers), then
//! approved; a press conference planned, a foreign attendee without an
//! accreditation refused with the reason, then announced; the public page
//! before sign-in, in both languages; forms without their token refused —
//! over HTTP with forms, on both engines. Changing an interview or a press
//! conference through its form is `edit`'s.

mod edit;

use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::fixtures::Cast;
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{
    self as press, ACC_START, DAY, Reporters, accreditation_in, conference_body, create_conference,
    interview_path,
};

on_both_engines!(
    an_interview_is_requested_with_the_covering_accreditation_offered_and_approved,
    a_press_conference_is_planned_refuses_an_uncovered_attendee_and_is_announced,
    the_public_press_page_shows_announced_conferences_without_sign_in_in_both_languages,
    forms_without_their_token_are_refused,
);

async fn signed_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

/// The id at the end of the address a 303 names (`/interviews/7?done=…`).
fn id_of(reply: &Reply) -> i64 {
    let location = reply.header("location").unwrap();
    let path = location.split('?').next().unwrap();
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn an_interview_is_requested_with_the_covering_accreditation_offered_and_approved(
    app: TestApp,
) {
    let cast = Cast::new(&app).await;
    super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    super::user(&app, "vanphong", Role::ProvincialOffice).await;
    let r = Reporters::new(&app, &cast).await;
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let submitted = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let reference = |id: i64| {
        let app = &app;
        let token = cast.admin.token.clone();
        async move {
            app.get(&press::accreditation_path(id), &token)
                .await
                .ok(200)["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let (approved_ref, submitted_ref) = (reference(approved).await, reference(submitted).await);
    let mut fa = signed_in(&app, "ngoaivu").await;

    // Step one: the day and the reporters.
    let html = page(&fa.get(&app, "/interviews/new").await, 200);
    assert!(html.contains("name=\"reporter_ids\""), "{html}");
    assert!(html.contains("Yamada Hanako (NHK)"), "{html}");

    // A day nothing covers: no accreditation is offered.
    let html = page(
        &fa.get(
            &app,
            &format!(
                "/interviews/new?step=2&date=2026-12-20&reporter_ids={}",
                r.foreign
            ),
        )
        .await,
        200,
    );
    assert!(!html.contains(&approved_ref), "{html}");
    assert!(html.contains("Không có hồ sơ tác nghiệp nào"), "{html}");

    // A bad day: the first step again, with its error.
    let html = page(
        &fa.get(&app, "/interviews/new?step=2&date=khong").await,
        422,
    );
    assert!(html.contains("href=\"#f-date\""), "{html}");

    // The day it covers: offered as a choice, the submitted one not.
    let step_two = format!(
        "/interviews/new?step=2&date={DAY}&reporter_ids={}",
        r.foreign
    );
    let html = page(&fa.get(&app, &step_two).await, 200);
    assert!(html.contains(&approved_ref), "{html}");
    assert!(!html.contains(&submitted_ref), "{html}");
    assert!(
        html.contains(&format!(
            "type=\"radio\" id=\"f-accreditation_id-{approved}\""
        )),
        "{html}"
    );

    let foreign = r.foreign.to_string();
    let chosen = approved.to_string();
    let mut fields = vec![
        ("date", DAY),
        ("reporter_ids", foreign.as_str()),
        ("interviewee_name", "Nguyễn Văn Chương"),
        ("interviewee_position", "Phó Chủ tịch UBND tỉnh"),
        ("outlet", "NHK"),
        ("starts_at", "09:00"),
        ("ends_at", "10:00"),
        ("place", "Trụ sở UBND tỉnh"),
        ("topics", "Du lịch cộng đồng"),
        ("accreditation_id", ""),
    ];
    // Without the accreditation: the operation's reason, on the form.
    let reply = fa.post(&app, "/interviews", &fields).await;
    let html = page(&reply, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(html.contains("href=\"#f-accreditation_id\""), "{html}");
    assert!(
        html.contains("Phỏng vấn có phóng viên nước ngoài cần hồ sơ tác nghiệp"),
        "{html}"
    );
    assert!(html.contains("value=\"Nguyễn Văn Chương\""), "kept: {html}");

    fields.pop();
    fields.push(("accreditation_id", chosen.as_str()));
    let reply = fa.post(&app, "/interviews", &fields).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let id = id_of(&reply);
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã gửi đề nghị phỏng vấn."), "{html}");
    assert!(html.contains(&approved_ref), "{html}");
    // Sở Ngoại vụ does not approve: not offered.
    assert!(
        !html.contains(&format!("/interviews/{id}/approve")),
        "{html}"
    );
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["accreditation_id"], approved);
    assert_eq!(i["status"], "requested");

    // The Provincial Office approves it.
    let mut po = signed_in(&app, "vanphong").await;
    let html = page(&po.get(&app, &format!("/interviews/{id}")).await, 200);
    assert!(
        html.contains(&format!("href=\"/interviews/{id}/approve\"")),
        "{html}"
    );
    page(
        &po.get(&app, &format!("/interviews/{id}/approve")).await,
        200,
    );
    let reply = po
        .post(&app, &format!("/interviews/{id}/approve"), &[("note", "")])
        .await;
    let html = page(&po.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã phê duyệt cuộc phỏng vấn."), "{html}");
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["status"], "approved");
    // Listed.
    let html = page(&po.get(&app, "/interviews?status=approved").await, 200);
    assert!(
        html.contains(&format!("href=\"/interviews/{id}\"")),
        "{html}"
    );
    // Approved once: not again.
    let reply = po.get(&app, &format!("/interviews/{id}/approve")).await;
    assert_eq!(reply.status.as_u16(), 403);
}

async fn a_press_conference_is_planned_refuses_an_uncovered_attendee_and_is_announced(
    app: TestApp,
) {
    let cast = Cast::new(&app).await;
    super::user(&app, "vanphong", Role::ProvincialOffice).await;
    super::user(&app, "xemtin", Role::Viewer).await;
    let r = Reporters::new(&app, &cast).await;
    let mut po = signed_in(&app, "vanphong").await;

    page(&po.get(&app, "/press-conferences/new").await, 200);
    // Refused: no kind, no day.
    let html = page(
        &po.post(&app, "/press-conferences", &[("title", "Họp báo quý IV")])
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-kind\""), "{html}");
    assert!(html.contains("href=\"#f-date\""), "{html}");

    let reply = po
        .post(
            &app,
            "/press-conferences",
            &[
                ("title", "Họp báo quý IV <b>2026</b>"),
                ("kind", "periodic"),
                ("date", DAY),
                ("starts_at", "14:00"),
                ("ends_at", "15:30"),
                ("venue", "Hội trường UBND tỉnh"),
                ("topics", "Kinh tế - xã hội"),
                ("speakers", "Chủ tịch UBND tỉnh\n\nGiám đốc Sở Ngoại vụ\n"),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let id = id_of(&reply);
    let html = page(&po.follow(&app, &reply).await, 200);
    assert!(
        html.contains("Họp báo quý IV &#60;b&#62;2026&#60;/b&#62;") && !html.contains("<b>2026"),
        "escaped: {html}"
    );
    assert!(html.contains("<li>Giám đốc Sở Ngoại vụ</li>"), "{html}");
    let c = app
        .get(&press::conference_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(c["status"], "planned");
    assert_eq!(c["speakers"].as_array().unwrap().len(), 2);

    // A foreign reporter without an accreditation: refused, with the reason.
    let foreign = r.foreign.to_string();
    let attendees = format!("/press-conferences/{id}/attendees");
    let reply = po
        .post(
            &app,
            &attendees,
            &[
                ("outlet", "NHK"),
                ("name", "Yamada Hanako"),
                ("reporter_id", &foreign),
            ],
        )
        .await;
    let html = page(&reply, 422);
    assert!(html.contains("href=\"#f-reporter_id\""), "{html}");
    assert!(
        html.contains("Phóng viên nước ngoài chỉ được tham dự khi có hồ sơ tác nghiệp"),
        "{html}"
    );
    // A domestic journalist: registered.
    let reply = po
        .post(
            &app,
            &attendees,
            &[("outlet", "Báo Hòa Bình"), ("name", "Nguyễn Thị Lan")],
        )
        .await;
    let html = page(&po.follow(&app, &reply).await, 200);
    assert!(html.contains("<td>Báo Hòa Bình</td>"), "{html}");
    assert!(!html.contains("Yamada Hanako</td>"), "{html}");
    // Covered from now on: registered.
    accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let reply = po
        .post(
            &app,
            &attendees,
            &[
                ("outlet", "NHK"),
                ("name", "Yamada Hanako"),
                ("reporter_id", &foreign),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());

    // A viewer sees it, is offered nothing.
    let mut viewer = signed_in(&app, "xemtin").await;
    let html = page(
        &viewer.get(&app, &format!("/press-conferences/{id}")).await,
        200,
    );
    assert!(!html.contains("/announce\""), "{html}");
    assert!(!html.contains(&attendees), "{html}");

    // Announced.
    let html = page(
        &po.get(&app, &format!("/press-conferences/{id}")).await,
        200,
    );
    assert!(
        html.contains(&format!("href=\"/press-conferences/{id}/announce\"")),
        "{html}"
    );
    page(
        &po.get(&app, &format!("/press-conferences/{id}/announce"))
            .await,
        200,
    );
    let reply = po
        .post(
            &app,
            &format!("/press-conferences/{id}/announce"),
            &[("note", "")],
        )
        .await;
    let html = page(&po.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã thông báo cuộc họp báo."), "{html}");
    let c = app
        .get(&press::conference_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(c["status"], "announced");
    let html = page(
        &po.get(&app, "/press-conferences?status=announced").await,
        200,
    );
    assert!(
        html.contains(&format!("href=\"/press-conferences/{id}\"")),
        "{html}"
    );
}

async fn the_public_press_page_shows_announced_conferences_without_sign_in_in_both_languages(
    app: TestApp,
) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    let mut announced = conference_body();
    announced["title"] = "Họp báo công bố lễ hội Khai hạ".into();
    let announced = create_conference(&app, po, announced).await["id"]
        .as_i64()
        .unwrap();
    press::act_on(&app, po, &press::conference_path(announced), "announce")
        .await
        .ok(200);
    let mut draft = conference_body();
    draft["title"] = "Họp báo chưa công bố".into();
    create_conference(&app, po, draft).await;

    let mut browser = Browser::new();
    let html = page(&browser.get(&app, "/press").await, 200);
    assert!(html.contains("Họp báo công bố lễ hội Khai hạ"), "{html}");
    assert!(!html.contains("Họp báo chưa công bố"), "{html}");
    assert!(html.contains("Hội trường UBND tỉnh"), "{html}");
    assert!(html.contains("Giám đốc Sở Ngoại vụ"), "speakers: {html}");
    assert!(html.contains("02/12/2026"), "{html}");
    assert!(html.contains("14:00 – 15:30"), "{html}");
    assert!(
        html.contains("/calendar/public/press-conferences.ics"),
        "{html}"
    );
    assert!(html.contains("href=\"webcal://"), "{html}");
    assert!(html.contains("href=\"/sign-in\""), "{html}");
    assert!(!html.contains("HB-2026"), "no reference: {html}");
    assert!(!html.contains("site-nav"), "no navigation: {html}");

    // Switched to English before sign-in.
    let reply = browser
        .post(&app, "/language", &[("lang", "en"), ("back", "/press")])
        .await;
    let html = page(&browser.follow(&app, &reply).await, 200);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("Follow the press conferences"), "{html}");
    assert!(html.contains("2 Dec 2026"), "{html}");
    assert!(html.contains("Announced"), "{html}");
    assert!(html.contains("Họp báo công bố lễ hội Khai hạ"), "{html}");
    assert!(!html.contains("Họp báo chưa công bố"), "{html}");

    // Cancelled after its announcement: still there, marked.
    press::act_on(&app, po, &press::conference_path(announced), "cancel")
        .await
        .ok(200);
    let html = page(&browser.get(&app, "/press").await, 200);
    assert!(html.contains("public-press__item--cancelled"), "{html}");
    assert!(html.contains("Cancelled"), "{html}");
}

async fn forms_without_their_token_are_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::user(&app, "vanphong", Role::ProvincialOffice).await;
    let id = press::conference_in(&app, &cast, "planned").await;
    let mut po = signed_in(&app, "vanphong").await;
    po.get(&app, "/press-conferences/new").await;
    let reply = po
        .post_raw(
            &app,
            "/press-conferences",
            &[
                ("title", "Họp báo"),
                ("kind", "ad_hoc"),
                ("date", ACC_START),
            ],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 403);
    let reply = po
        .post_raw(
            &app,
            &format!("/press-conferences/{id}/announce"),
            &[("csrf", "not-the-token"), ("note", "")],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 403);
    let c = app
        .get(&press::conference_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(c["status"], "planned");
}
