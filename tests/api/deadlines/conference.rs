//! A foreign body's press conference registered at least 2 working days
//! ahead (Nghị định 88/2012/NĐ-CP), counted on the province's calendar
//! across weekends and holidays; the province's own has no such deadline;
//! the organiser parsed once (a foreign body needs its name and date,
//! changed back to the province's own it loses both, in the audit trail);
//! the late registration in the inbox of those who deal with it; an
//! interview answering its covering programme's registration; none of it
//! shown to a host unit — on both engines, and the console's form and page.

use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use crate::console::{Browser, page, user};
use crate::fixtures::{self, Cast, merged};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    self as press, CONFERENCES, Reporters, accreditation_body, conference_at, conference_path,
    interview_body, interview_from, interview_path,
};

on_both_engines!(
    one_working_day_ahead_is_late_two_are_met_across_weekends_and_holidays,
    the_provinces_own_conference_has_no_deadline,
    a_foreign_body_without_its_name_or_date_is_refused_and_nothing_is_written,
    changed_to_the_provinces_own_it_drops_the_name_and_date_in_the_audit_trail,
    the_inbox_of_those_who_deal_with_it_shows_a_late_registration,
    an_interview_answers_its_covering_programmes_registration,
    a_host_unit_finds_neither_deadline_route,
    the_console_form_takes_the_organiser_and_the_page_shows_its_deadline,
);

const EMBASSY: &str = "Đại sứ quán Nhật Bản tại Việt Nam";

/// A foreign body's conference on `day` (14:00–15:30), its registration
/// having reached the province on `registered`.
fn foreign(day: &str, registered: &str) -> Value {
    merged(
        conference_at(&format!("{day}T14:00"), &format!("{day}T15:30")),
        json!({
            "organizer": "foreign_body",
            "organizer_name": EMBASSY,
            "registration_date": registered,
        }),
    )
}

async fn planned(app: &TestApp, cast: &Cast, body: Value) -> i64 {
    press::create_conference(app, &cast.provincial_office.token, body).await["id"]
        .as_i64()
        .unwrap()
}

fn deadlines_path(id: i64) -> String {
    format!("{}/deadlines", conference_path(id))
}

/// The conference's one deadline (a foreign body's registration).
async fn notice(app: &TestApp, token: &str, id: i64) -> Value {
    let body = app.get(&deadlines_path(id), token).await.ok(200);
    let all = body["deadlines"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{body}");
    assert_eq!(all[0]["what"], "conference_notice", "{body}");
    assert_eq!(body["warnings"], json!([]), "{body}");
    all[0].clone()
}

async fn one_working_day_ahead_is_late_two_are_met_across_weekends_and_holidays(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    // (the conference's day, registered on, the last day it could be, met?)
    let cases = [
        // Wednesday: Tuesday is one working day ahead, Monday two.
        ("2026-12-16", "2026-12-15", "2026-12-14", false),
        ("2026-12-16", "2026-12-14", "2026-12-14", true),
        // Monday: Friday is one working day ahead (the weekend counts
        // nothing), Thursday two.
        ("2026-12-14", "2026-12-11", "2026-12-10", false),
        ("2026-12-14", "2026-12-10", "2026-12-10", true),
        // Monday 4/5/2026 after 30/4 and 1/5 (Thursday, Friday): Wednesday
        // 29/4, five days before, is still only one working day ahead.
        ("2026-05-04", "2026-04-29", "2026-04-28", false),
        ("2026-05-04", "2026-04-28", "2026-04-28", true),
        // Monday 23/2/2026 after the civil service's Tết, 14–22/2: Friday
        // 13/2 is one working day ahead, Thursday 12/2 two.
        ("2026-02-23", "2026-02-13", "2026-02-12", false),
        ("2026-02-23", "2026-02-12", "2026-02-12", true),
    ];
    for (day, registered, due, met) in cases {
        let id = planned(&app, &cast, foreign(day, registered)).await;
        let d = notice(&app, po, id).await;
        let case = format!("{day} registered {registered}: {d}");
        assert_eq!(d["due_date"], due, "{case}");
        assert_eq!(d["done_on"], registered, "{case}");
        assert_eq!(d["state"], if met { "met" } else { "late" }, "{case}");
    }

    // The record says who holds it; the viewer reads the same deadline.
    let id = planned(&app, &cast, foreign("2026-12-16", "2026-12-15")).await;
    let c = app.get(&conference_path(id), po).await.ok(200);
    assert_eq!(c["organizer"], "foreign_body");
    assert_eq!(c["organizer_name"], EMBASSY);
    assert_eq!(c["registration_date"], "2026-12-15");
    assert_eq!(notice(&app, &cast.viewer.token, id).await["state"], "late");

    // Moved two days later, the same registration is in time.
    app.patch(
        &conference_path(id),
        po,
        json!({"starts_at": "2026-12-18T14:00", "ends_at": "2026-12-18T15:30"}),
    )
    .await
    .ok(200);
    let d = notice(&app, po, id).await;
    assert_eq!(d["due_date"], "2026-12-16");
    assert_eq!(d["state"], "met");
}

async fn the_provinces_own_conference_has_no_deadline(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    // Planned the day before it is held: nobody registers the province's own.
    let body = conference_at("2026-12-16T14:00", "2026-12-16T15:30");
    let id = planned(&app, &cast, body.clone()).await;
    let c = app.get(&conference_path(id), po).await.ok(200);
    assert_eq!(c["organizer"], "province");
    assert_eq!(c["organizer_name"], Value::Null);
    assert_eq!(c["registration_date"], Value::Null);
    let d = app.get(&deadlines_path(id), po).await.ok(200);
    assert_eq!(d, json!({"deadlines": [], "warnings": []}));
    // Saying so changes nothing.
    let id = planned(&app, &cast, merged(body, json!({"organizer": "province"}))).await;
    let d = app.get(&deadlines_path(id), po).await.ok(200);
    assert_eq!(d["deadlines"], json!([]));
}

/// The fields a 422 names.
fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_foreign_body_without_its_name_or_date_is_refused_and_nothing_is_written(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    let audit_before = app.audit_entries().await.len();
    let base = foreign("2026-12-16", "2026-12-10");
    let without = |field: &str| {
        let mut body = base.clone();
        body.as_object_mut().unwrap().remove(field);
        body
    };
    let long_name = "Đ".repeat(301);
    let refused: [(Value, &str); 6] = [
        (without("organizer_name"), "organizer_name"),
        (
            merged(base.clone(), json!({"organizer_name": "   "})),
            "organizer_name",
        ),
        (
            merged(base.clone(), json!({"organizer_name": long_name})),
            "organizer_name",
        ),
        (without("registration_date"), "registration_date"),
        // The province's own carries neither.
        (
            merged(without("organizer"), json!({"registration_date": null})),
            "organizer_name",
        ),
        (
            merged(without("organizer"), json!({"organizer_name": null})),
            "registration_date",
        ),
    ];
    for (body, field) in refused {
        let problem = app.post(CONFERENCES, po, body.clone()).await.problem(422);
        assert_eq!(fields(&problem), [field], "{body}: {problem}");
    }
    let list = app.get(CONFERENCES, po).await.ok(200);
    assert_eq!(fixtures::items(&list).len(), 0, "{list}");
    assert_eq!(app.audit_entries().await.len(), audit_before);

    // A change that would leave a foreign body nameless changes nothing either.
    let id = planned(
        &app,
        &cast,
        conference_at("2026-12-16T14:00", "2026-12-16T15:30"),
    )
    .await;
    let problem = app
        .patch(
            &conference_path(id),
            po,
            json!({"organizer": "foreign_body", "registration_date": "2026-12-10"}),
        )
        .await
        .problem(422);
    assert_eq!(fields(&problem), ["organizer_name"], "{problem}");
    let c = app.get(&conference_path(id), po).await.ok(200);
    assert_eq!(c["organizer"], "province");
    assert_eq!(c["version"], 1);
}

async fn changed_to_the_provinces_own_it_drops_the_name_and_date_in_the_audit_trail(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    let id = planned(&app, &cast, foreign("2026-12-16", "2026-12-15")).await;

    // A new date alone keeps the name.
    let c = app
        .patch(
            &conference_path(id),
            po,
            json!({"registration_date": "2026-12-11"}),
        )
        .await
        .ok(200);
    assert_eq!(c["organizer_name"], EMBASSY);
    assert_eq!(c["registration_date"], "2026-12-11");
    assert_eq!(notice(&app, po, id).await["state"], "met");

    let c = app
        .patch(&conference_path(id), po, json!({"organizer": "province"}))
        .await
        .ok(200);
    assert_eq!(c["organizer"], "province");
    assert_eq!(c["organizer_name"], Value::Null);
    assert_eq!(c["registration_date"], Value::Null);
    let d = app.get(&deadlines_path(id), po).await.ok(200);
    assert_eq!(d["deadlines"], json!([]));

    let audit = app
        .get(
            &format!("/api/v1/audit?record_kind=press_conference&record_id={id}&action=update"),
            &cast.admin.token,
        )
        .await
        .ok(200);
    let latest = &fixtures::items(&audit)[0];
    assert_eq!(
        latest["changes"],
        json!({
            "organizer": {"from": "foreign_body", "to": "province"},
            "organizer_name": {"from": EMBASSY, "to": null},
            "registration_date": {"from": "2026-12-11", "to": null},
        }),
        "{audit}"
    );
    // The creation's entry says who held it.
    let created = app
        .get(
            &format!("/api/v1/audit?record_kind=press_conference&record_id={id}&action=create"),
            &cast.admin.token,
        )
        .await
        .ok(200);
    let changes = &fixtures::items(&created)[0]["changes"];
    assert_eq!(changes["organizer"], "foreign_body", "{created}");
    assert_eq!(changes["organizer_name"], EMBASSY, "{created}");
    assert_eq!(changes["registration_date"], "2026-12-15", "{created}");
}

/// The inbox entries of `token`'s unit about press conference `id`.
async fn inbox_about(app: &TestApp, token: &str, id: i64) -> Vec<Value> {
    let inbox = app.get("/api/v1/inbox", token).await.ok(200);
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["record"]["kind"] == "press_conference" && e["record"]["id"] == id)
        .cloned()
        .collect()
}

async fn the_inbox_of_those_who_deal_with_it_shows_a_late_registration(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    // Wednesday 10/3/2027, registered the day before; another in time; the
    // province's own; a late one called off.
    let late = planned(&app, &cast, foreign("2027-03-10", "2027-03-09")).await;
    let in_time = planned(&app, &cast, foreign("2027-03-10", "2027-03-08")).await;
    let own = planned(
        &app,
        &cast,
        conference_at("2027-03-10T09:00", "2027-03-10T10:00"),
    )
    .await;
    let called_off = planned(&app, &cast, foreign("2027-03-11", "2027-03-10")).await;
    press::walk_conference(&app, &cast, called_off, "cancelled").await;

    for token in [po, &cast.foreign_affairs.token, &cast.admin.token] {
        let entries = inbox_about(&app, token, late).await;
        assert_eq!(entries.len(), 1, "{entries:?}");
        let e = &entries[0];
        assert_eq!(e["due_date"], "2027-03-10");
        assert_eq!(e["status"], "planned");
        assert!(
            e["reason"].as_str().unwrap().contains("registered late")
                && e["reason"].as_str().unwrap().contains("2 working days"),
            "{e}"
        );
        assert!(e["working_days_left"].as_i64().unwrap() > 0, "{e}");
        for quiet in [in_time, own, called_off] {
            assert!(inbox_about(&app, token, quiet).await.is_empty(), "{quiet}");
        }
    }
    // Not the police's business, nor the viewer's; a host unit has no press side.
    for token in [&cast.police.token, &cast.viewer.token, &cast.host.token] {
        assert!(inbox_about(&app, token, late).await.is_empty());
    }
    // Announced, it still waits; moved later so that the registration is
    // in time, it no longer does.
    press::walk_conference(&app, &cast, late, "announced").await;
    assert_eq!(inbox_about(&app, po, late).await.len(), 1);
    app.patch(
        &conference_path(late),
        po,
        json!({"starts_at": "2027-03-12T14:00", "ends_at": "2027-03-12T15:30"}),
    )
    .await
    .ok(200);
    assert!(inbox_about(&app, po, late).await.is_empty());
}

async fn an_interview_answers_its_covering_programmes_registration(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let people = Reporters::new(&app, &cast).await;
    // The fixture's programme starts Tuesday 1/12/2026; ten working days
    // before it is Tuesday 17/11. Registered 20/11: late; 17/11: met.
    let late = press::accreditation_from(
        &app,
        &cast,
        accreditation_body(&[people.foreign]),
        "approved",
    )
    .await;
    let in_time = press::accreditation_from(
        &app,
        &cast,
        merged(
            accreditation_body(&[people.foreign]),
            json!({"referral_number": "1300/BNG-TTBC", "referral_date": "2026-11-17"}),
        ),
        "approved",
    )
    .await;
    for (accreditation, state) in [(late, "late"), (in_time, "met")] {
        let i = interview_from(
            &app,
            &cast,
            interview_body(&[people.foreign], Some(accreditation)),
            "approved",
        )
        .await;
        let d = app
            .get(&format!("{}/deadlines", interview_path(i)), fa)
            .await
            .ok(200);
        assert_eq!(
            d["deadlines"],
            json!([{
                "what": "programme_notice",
                "due_date": "2026-11-17",
                "state": state,
                "working_days_left": d["deadlines"][0]["working_days_left"],
                "done_on": if state == "met" { "2026-11-17" } else { "2026-11-20" },
            }]),
            "{d}"
        );
        // The accreditation's own review and its reporters' documents stay on its page.
        assert_eq!(d["warnings"], json!([]));
    }
    // A domestic reporter's interview answers no registration.
    let domestic = press::interview_in(&app, &cast, people.domestic, "requested").await;
    let d = app
        .get(&format!("{}/deadlines", interview_path(domestic)), fa)
        .await
        .ok(200);
    assert_eq!(d, json!({"deadlines": [], "warnings": []}));
}

async fn a_host_unit_finds_neither_deadline_route(app: TestApp) {
    let cast = Cast::new(&app).await;
    let people = Reporters::new(&app, &cast).await;
    let c = planned(&app, &cast, foreign("2026-12-16", "2026-12-15")).await;
    let i = press::interview_in(&app, &cast, people.domestic, "requested").await;
    let conference = deadlines_path(c);
    let interview = format!("{}/deadlines", interview_path(i));
    for path in [&conference, &interview] {
        app.get(path, &cast.provincial_office.token).await.ok(200);
        // As if it did not exist, as for an id nobody has.
        app.get(path, &cast.host.token).await.problem(404);
    }
    let po = cast.provincial_office.token.as_str();
    app.get(&deadlines_path(c + 1000), po).await.problem(404);
    app.get(&format!("{}/deadlines", interview_path(i + 1000)), po)
        .await
        .problem(404);
    app.send(awc::http::Method::GET, &conference, None, None)
        .await
        .problem(401);
}

async fn the_console_form_takes_the_organiser_and_the_page_shows_its_deadline(app: TestApp) {
    user(&app, "vanphong", Role::ProvincialOffice).await;
    let mut po = Browser::new();
    po.sign_in(&app, "vanphong").await;
    let html = page(&po.get(&app, "/press-conferences/new").await, 200);
    assert!(html.contains("Đơn vị tổ chức"), "{html}");
    assert!(
        html.contains("name=\"organizer\" value=\"province\" checked"),
        "{html}"
    );
    assert!(html.contains("Cơ quan, tổ chức nước ngoài"), "{html}");

    let form = |name: &'static str, registered: &'static str| {
        vec![
            ("title", "Họp báo giới thiệu Tuần lễ Văn hóa Nhật Bản"),
            ("kind", "ad_hoc"),
            ("date", "2026-12-14"),
            ("starts_at", "09:00"),
            ("ends_at", "10:30"),
            ("venue", "Khách sạn Hòa Bình"),
            ("topics", "Tuần lễ Văn hóa Nhật Bản"),
            ("speakers", "Đại sứ Nhật Bản"),
            ("organizer", "foreign_body"),
            ("organizer_name", name),
            ("registration_date", registered),
        ]
    };
    // Without the name: shown again, the reason at the field, in Vietnamese.
    let html = page(
        &po.post(&app, "/press-conferences", &form("", "2026-12-11"))
            .await,
        422,
    );
    assert!(html.contains("href=\"#f-organizer_name\""), "{html}");
    assert!(
        html.contains("Họp báo của cơ quan, tổ chức nước ngoài phải ghi tên đơn vị tổ chức"),
        "{html}"
    );
    assert!(html.contains("value=\"2026-12-11\""), "{html}");
    assert!(
        html.contains("name=\"organizer\" value=\"foreign_body\" checked"),
        "{html}"
    );
    let list = app.get(CONFERENCES, &app.admin_token).await.ok(200);
    assert!(fixtures::items(&list).is_empty());

    // Registered Friday for Monday: planned, and flagged late on its page.
    let reply = po
        .post(&app, "/press-conferences", &form(EMBASSY, "2026-12-11"))
        .await;
    let html = page(&po.follow(&app, &reply).await, 200);
    for shown in [
        "Đơn vị tổ chức",
        EMBASSY,
        "11/12/2026",
        "Đăng ký họp báo của cơ quan nước ngoài",
        "10/12/2026",
        "tag--late",
        "Trễ hạn",
    ] {
        assert!(html.contains(shown), "{shown}: {html}");
    }
    let list = app.get(CONFERENCES, &app.admin_token).await.ok(200);
    let c = &fixtures::items(&list)[0];
    assert_eq!(c["organizer"], "foreign_body");
    assert_eq!(c["registration_date"], "2026-12-11");

    // The change form comes filled in; the date emptied is refused, not kept.
    let edit = format!("/press-conferences/{}/edit", c["id"]);
    let html = page(&po.get(&app, &edit).await, 200);
    assert!(html.contains(&format!("value=\"{EMBASSY}\"")), "{html}");
    let mut emptied = form(EMBASSY, "");
    emptied.push(("version", "1"));
    let html = page(&po.post(&app, &edit, &emptied).await, 422);
    assert!(html.contains("href=\"#f-registration_date\""), "{html}");
    let again = app
        .get(
            &conference_path(c["id"].as_i64().unwrap()),
            &app.admin_token,
        )
        .await
        .ok(200);
    assert_eq!(again["registration_date"], "2026-12-11");
    assert_eq!(again["version"], 1);
}
