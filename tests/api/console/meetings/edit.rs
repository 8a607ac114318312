//! Changing an interview and a press conference through their forms, as
//! people do: the form comes filled in, the change lands (the API shows
//! it), the covering accreditation stays a choice of those covering the
//! day; a form opened before someone else's change is refused with a
//! message and changes nothing; bad input comes back with its reasons in
//! Vietnamese and in English; a role that may not change them sees no link
//! and gets 403 on a forged POST; a form without its token is refused; a
//! record no longer open to changes offers no form — on both engines.

use visitdesk::domain::role::Role;

use super::super::page;
use super::signed_in;
use crate::fixtures::Cast;
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    self as press, DAY, Reporters, accreditation_in, interview_body, interview_from, interview_path,
};

on_both_engines!(
    an_interview_is_changed_through_its_filled_in_form,
    an_interview_form_refuses_bad_input_a_stale_version_and_other_roles,
    a_press_conference_is_changed_through_its_filled_in_form,
    a_stale_or_refused_conference_form_says_why_in_english_and_changes_nothing,
);

/// The fields of the interview form as a person leaves them, `changes`
/// applied over the interview of `interview_body`.
fn interview_form<'a>(
    version: &'a str,
    reporter: &'a str,
    accreditation: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("version", version),
        ("date", DAY),
        ("starts_at", "09:00"),
        ("ends_at", "10:00"),
        ("reporter_ids", reporter),
        ("accreditation_id", accreditation),
        ("interviewee_name", "Nguyễn Văn Chương"),
        ("interviewee_position", "Phó Chủ tịch UBND tỉnh"),
        ("outlet", "NHK"),
        ("place", "Trụ sở UBND tỉnh"),
        ("topics", "Thu hút đầu tư Nhật Bản vào tỉnh"),
        ("questions", ""),
    ];
    for (name, value) in changes {
        for field in fields.iter_mut() {
            if field.0 == *name {
                field.1 = value;
            }
        }
    }
    fields
}

async fn an_interview_is_changed_through_its_filled_in_form(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    let r = Reporters::new(&app, &cast).await;
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let id = interview_from(
        &app,
        &cast,
        interview_body(&[r.foreign], Some(approved)),
        "approved",
    )
    .await;
    let mut fa = signed_in(&app, "ngoaivu").await;
    let edit = format!("/interviews/{id}/edit");

    // Linked from its page; the form comes filled in, on its version.
    let html = page(&fa.get(&app, &format!("/interviews/{id}")).await, 200);
    assert!(html.contains(&format!("href=\"{edit}\"")), "{html}");
    let html = page(&fa.get(&app, &edit).await, 200);
    for filled in [
        "name=\"version\" value=\"2\"",
        "value=\"2026-12-02\"",
        "value=\"09:00\"",
        "value=\"10:00\"",
        "value=\"NHK\"",
        "value=\"Trụ sở UBND tỉnh\"",
        "1. Tỉnh có chính sách ưu đãi nào cho nhà đầu tư Nhật Bản?</textarea>",
    ] {
        assert!(html.contains(filled), "{filled}: {html}");
    }
    assert!(
        html.contains(&format!(
            "id=\"f-reporter_ids-{}\" name=\"reporter_ids\" value=\"{}\" checked",
            r.foreign, r.foreign
        )),
        "{html}"
    );
    // The covering accreditation: offered, and chosen.
    assert!(
        html.contains(&format!(
            "id=\"f-accreditation_id-{approved}\" name=\"accreditation_id\" value=\"{approved}\" checked"
        )),
        "{html}"
    );

    // Another day, shown before saving: nothing covers it; nothing saved.
    let foreign = r.foreign.to_string();
    let chosen = approved.to_string();
    let mut refresh = interview_form("2", &foreign, &chosen, &[("date", "2026-12-20")]);
    refresh.push(("refresh", "1"));
    let html = page(&fa.post(&app, &edit, &refresh).await, 200);
    assert!(html.contains("Không có hồ sơ tác nghiệp nào"), "{html}");
    assert!(html.contains("value=\"2026-12-20\""), "kept: {html}");
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["version"], 2);

    // Saved: another outlet and hour, the questions taken out.
    let reply = fa
        .post(
            &app,
            &edit,
            &interview_form(
                "2",
                &foreign,
                &chosen,
                &[
                    ("outlet", "NHK World"),
                    ("starts_at", "14:00"),
                    ("ends_at", "15:30"),
                ],
            ),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&fa.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã sửa thông tin cuộc phỏng vấn."), "{html}");
    assert!(html.contains("NHK World"), "{html}");
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["outlet"], "NHK World");
    assert_eq!(i["starts_at"], "2026-12-02T14:00:00+07:00");
    assert_eq!(i["ends_at"], "2026-12-02T15:30:00+07:00");
    assert_eq!(i["questions"], serde_json::Value::Null);
    assert_eq!(i["accreditation_id"], approved);
    assert_eq!(i["version"], 3);

    // Done: no longer offered, nor open.
    press::act_on(
        &app,
        &cast.provincial_office.token,
        &interview_path(id),
        "complete",
    )
    .await
    .ok(200);
    let html = page(&fa.get(&app, &format!("/interviews/{id}")).await, 200);
    assert!(!html.contains(&format!("href=\"{edit}\"")), "{html}");
    assert_eq!(fa.get(&app, &edit).await.status.as_u16(), 403);
}

async fn an_interview_form_refuses_bad_input_a_stale_version_and_other_roles(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    super::super::user(&app, "xemtin", Role::Viewer).await;
    let r = Reporters::new(&app, &cast).await;
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let id = interview_from(
        &app,
        &cast,
        interview_body(&[r.foreign], Some(approved)),
        "requested",
    )
    .await;
    let edit = format!("/interviews/{id}/edit");
    let foreign = r.foreign.to_string();
    let chosen = approved.to_string();
    let mut fa = signed_in(&app, "ngoaivu").await;
    page(&fa.get(&app, &edit).await, 200);

    // Bad input: each reason at its field, in Vietnamese; what was typed kept.
    let html = page(
        &fa.post(
            &app,
            &edit,
            &interview_form(
                "1",
                &foreign,
                &chosen,
                &[("outlet", ""), ("place", "Nhà khách")],
            ),
        )
        .await,
        422,
    );
    assert!(html.contains("href=\"#f-outlet\""), "{html}");
    assert!(html.contains("Không được để trống"), "{html}");
    assert!(html.contains("value=\"Nhà khách\""), "kept: {html}");
    let html = page(
        &fa.post(
            &app,
            &edit,
            &interview_form("1", &foreign, &chosen, &[("ends_at", "08:00")]),
        )
        .await,
        422,
    );
    assert!(html.contains("href=\"#f-ends_at\""), "{html}");
    assert!(html.contains("Phải sau thời điểm bắt đầu"), "{html}");
    // The foreign reporter without the accreditation: the rule's reason.
    let html = page(
        &fa.post(&app, &edit, &interview_form("1", &foreign, "", &[]))
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-accreditation_id\""), "{html}");
    assert!(
        html.contains("Phỏng vấn có phóng viên nước ngoài cần hồ sơ tác nghiệp"),
        "{html}"
    );
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["version"], 1, "nothing changed: {i}");

    // Changed meanwhile through the API: the form opened before is refused,
    // says so, and changes nothing; sent again after a look, it is saved.
    app.patch(
        &interview_path(id),
        &cast.provincial_office.token,
        serde_json::json!({"place": "Nhà khách UBND tỉnh"}),
    )
    .await
    .ok(200);
    let reply = fa
        .post(
            &app,
            &edit,
            &interview_form("1", &foreign, &chosen, &[("outlet", "NHK World")]),
        )
        .await;
    let html = page(&reply, 422);
    assert!(
        html.contains("Hồ sơ vừa được người khác thay đổi sau khi bạn mở biểu mẫu"),
        "{html}"
    );
    assert!(html.contains("name=\"version\" value=\"2\""), "{html}");
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["outlet"], "NHK");
    assert_eq!(i["place"], "Nhà khách UBND tỉnh");
    let reply = fa
        .post(
            &app,
            &edit,
            &interview_form(
                "2",
                &foreign,
                &chosen,
                &[("outlet", "NHK World"), ("place", "Nhà khách UBND tỉnh")],
            ),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());

    // Without its token: refused.
    let mut forged = interview_form("3", &foreign, &chosen, &[("outlet", "Giả mạo")]);
    forged.insert(0, ("csrf", "not-the-token"));
    assert_eq!(fa.post_raw(&app, &edit, &forged).await.status.as_u16(), 403);

    // A viewer sees the interview, no link to change it; the form and a
    // forged POST (with the viewer's own token) are 403.
    let mut viewer = signed_in(&app, "xemtin").await;
    let html = page(&viewer.get(&app, &format!("/interviews/{id}")).await, 200);
    assert!(!html.contains(&format!("href=\"{edit}\"")), "{html}");
    assert_eq!(viewer.get(&app, &edit).await.status.as_u16(), 403);
    let reply = viewer
        .post(
            &app,
            &edit,
            &interview_form("3", &foreign, &chosen, &[("outlet", "Giả mạo")]),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 403, "{}", reply.text());
    let i = app
        .get(&interview_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(i["outlet"], "NHK World");
    assert_eq!(i["version"], 3);
}

/// The press conference form as a person leaves it, `changes` applied over
/// the conference of `conference_body`.
fn conference_form<'a>(
    version: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("version", version),
        ("title", "Họp báo định kỳ quý IV năm 2026"),
        ("kind", "periodic"),
        ("date", DAY),
        ("starts_at", "14:00"),
        ("ends_at", "15:30"),
        ("venue", "Hội trường UBND tỉnh"),
        ("topics", "Tình hình kinh tế - xã hội quý IV"),
        ("speakers", "Chủ tịch UBND tỉnh\nGiám đốc Sở Ngoại vụ"),
    ];
    for (name, value) in changes {
        for field in fields.iter_mut() {
            if field.0 == *name {
                field.1 = value;
            }
        }
    }
    fields
}

async fn a_press_conference_is_changed_through_its_filled_in_form(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::super::user(&app, "vanphong", Role::ProvincialOffice).await;
    let id = press::conference_in(&app, &cast, "announced").await;
    let edit = format!("/press-conferences/{id}/edit");
    let mut po = signed_in(&app, "vanphong").await;

    let html = page(
        &po.get(&app, &format!("/press-conferences/{id}")).await,
        200,
    );
    assert!(html.contains(&format!("href=\"{edit}\"")), "{html}");
    let html = page(&po.get(&app, &edit).await, 200);
    for filled in [
        "name=\"version\" value=\"2\"",
        "value=\"Họp báo định kỳ quý IV năm 2026\"",
        "value=\"2026-12-02\"",
        "value=\"14:00\"",
        "value=\"15:30\"",
        "value=\"Hội trường UBND tỉnh\"",
        "Chủ tịch UBND tỉnh\nGiám đốc Sở Ngoại vụ</textarea>",
    ] {
        assert!(html.contains(filled), "{filled}: {html}");
    }
    assert!(html.contains("value=\"periodic\" checked"), "{html}");

    let reply = po
        .post(
            &app,
            &edit,
            &conference_form(
                "2",
                &[
                    ("title", "Họp báo đột xuất về lũ"),
                    ("kind", "ad_hoc"),
                    ("starts_at", "16:00"),
                    ("ends_at", "17:00"),
                    ("speakers", "Chủ tịch UBND tỉnh"),
                ],
            ),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.text());
    let html = page(&po.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã sửa thông tin cuộc họp báo."), "{html}");
    assert!(html.contains("Họp báo đột xuất về lũ"), "{html}");
    let c = app
        .get(&press::conference_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(c["title"], "Họp báo đột xuất về lũ");
    assert_eq!(c["kind"], "ad_hoc");
    assert_eq!(c["starts_at"], "2026-12-02T16:00:00+07:00");
    assert_eq!(c["speakers"], serde_json::json!(["Chủ tịch UBND tỉnh"]));
    assert_eq!(c["status"], "announced");
    assert_eq!(c["version"], 3);

    // Held: no longer offered, nor open.
    press::act_on(
        &app,
        &cast.provincial_office.token,
        &press::conference_path(id),
        "complete",
    )
    .await
    .ok(200);
    let html = page(
        &po.get(&app, &format!("/press-conferences/{id}")).await,
        200,
    );
    assert!(!html.contains(&format!("href=\"{edit}\"")), "{html}");
    assert_eq!(po.get(&app, &edit).await.status.as_u16(), 403);
}

async fn a_stale_or_refused_conference_form_says_why_in_english_and_changes_nothing(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::super::user(&app, "vanphong", Role::ProvincialOffice).await;
    super::super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    let id = press::conference_in(&app, &cast, "planned").await;
    let edit = format!("/press-conferences/{id}/edit");
    let mut po = signed_in(&app, "vanphong").await;
    let reply = po
        .post(&app, "/language", &[("lang", "en"), ("back", &edit)])
        .await;
    page(&po.follow(&app, &reply).await, 200);

    // Bad input: the reasons in English, at their fields.
    let html = page(
        &po.post(&app, &edit, &conference_form("1", &[("title", " ")]))
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-title\""), "{html}");
    assert!(html.contains("must not be empty"), "{html}");
    let html = page(
        &po.post(&app, &edit, &conference_form("1", &[("ends_at", "13:00")]))
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-ends_at\""), "{html}");
    assert!(html.contains("must be after starts_at"), "{html}");

    // Changed meanwhile: refused with the reason, nothing changed.
    app.patch(
        &press::conference_path(id),
        &cast.provincial_office.token,
        serde_json::json!({"venue": "Trung tâm Hội nghị tỉnh"}),
    )
    .await
    .ok(200);
    let html = page(
        &po.post(&app, &edit, &conference_form("1", &[("title", "Đổi tên")]))
            .await,
        422,
    );
    assert!(
        html.contains("Someone else changed this record after you opened the form"),
        "{html}"
    );
    assert!(html.contains("name=\"version\" value=\"2\""), "{html}");
    let c = app
        .get(&press::conference_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(c["title"], "Họp báo định kỳ quý IV năm 2026");
    assert_eq!(c["venue"], "Trung tâm Hội nghị tỉnh");

    // Without its token: refused.
    let mut forged = conference_form("2", &[("title", "Giả mạo")]);
    forged.insert(0, ("csrf", "not-the-token"));
    assert_eq!(po.post_raw(&app, &edit, &forged).await.status.as_u16(), 403);

    // Sở Ngoại vụ does not plan press conferences: no link, and 403.
    let mut fa = signed_in(&app, "ngoaivu").await;
    let html = page(
        &fa.get(&app, &format!("/press-conferences/{id}")).await,
        200,
    );
    assert!(!html.contains(&format!("href=\"{edit}\"")), "{html}");
    assert_eq!(fa.get(&app, &edit).await.status.as_u16(), 403);
    let reply = fa
        .post(&app, &edit, &conference_form("2", &[("title", "Giả mạo")]))
        .await;
    assert_eq!(reply.status.as_u16(), 403, "{}", reply.text());
    let c = app
        .get(&press::conference_path(id), &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(c["title"], "Họp báo định kỳ quý IV năm 2026");
    assert_eq!(c["version"], 2);
}
