//! Who sees what of the press side, and who writes it: host units see none
//! of it (404, as if it did not exist); reporters' personal data and the
//! police's notes only for the roles that may see them (absent, not null,
//! for the others); each record kind written by the units the design names.

use awc::http::Method;
use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use crate::fixtures::{Cast, merged};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{
    ACCREDITATIONS, CONFERENCES, INTERVIEWS, REPORTERS, Reporters, accreditation_body,
    accreditation_in, accreditation_path, act_on, activity_body, add_activity, add_attendee,
    attendee_body, audit_len, conference_body, conference_in, conference_path, interview_body,
    interview_from, interview_path, reporter_body, reporter_path,
};

on_both_engines!(
    host_units_get_404_on_every_press_route,
    reporters_personal_data_is_absent_for_roles_that_may_not_see_it,
    police_notes_on_accreditations_are_shown_to_police_and_admin_only,
    only_police_and_admin_record_security_reviews_of_accreditations,
    each_press_record_is_written_by_the_units_the_design_names,
);

/// Roles that see passport numbers and personal contacts.
const SEES_PERSONAL_DATA: [Role; 3] = [Role::Admin, Role::ForeignAffairs, Role::Police];
/// Roles that see the police's notes.
const SEES_NOTES: [Role; 2] = [Role::Admin, Role::Police];
/// Every role but the host units, which see nothing of the press side.
const PRESS_ROLES: [Role; 5] = [
    Role::Admin,
    Role::ForeignAffairs,
    Role::ProvincialOffice,
    Role::Police,
    Role::Viewer,
];
const PERSONAL_KEYS: [&str; 3] = ["passport_number", "email", "phone"];

/// The item with `id` of a list answer.
fn item(list: &Value, id: i64) -> Value {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list}"))
        .clone()
}

async fn host_units_get_404_on_every_press_route(app: TestApp) {
    // Arrange: one of everything, as the host unit's colleagues made them.
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    add_activity(
        &app,
        &cast.foreign_affairs.token,
        acc,
        activity_body("2026-12-02T08:00", "2026-12-02T10:00", "Bản Lác, Mai Châu"),
    )
    .await
    .ok(201);
    let draft = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let interview = interview_from(
        &app,
        &cast,
        interview_body(&[r.foreign], Some(acc)),
        "requested",
    )
    .await;
    let conference = conference_in(&app, &cast, "planned").await;
    add_attendee(
        &app,
        &cast.provincial_office.token,
        conference,
        attendee_body("NHK", "Yamada Hanako", Some(r.domestic)),
    )
    .await
    .ok(201);
    let (rp, ap, dp, ip, cp) = (
        reporter_path(r.foreign),
        accreditation_path(acc),
        accreditation_path(draft),
        interview_path(interview),
        conference_path(conference),
    );
    let records = [&rp, &ap, &dp, &ip, &cp];
    let mut before = Vec::new();
    for path in records {
        before.push(app.get(path, &app.admin_token).await.ok(200));
    }
    let entries = audit_len(&app).await;
    let host = cast.host.token.as_str();
    let missing = app.get(&reporter_path(999_999), host).await.problem(404);

    // Act: every route, with a body that would do for a writer.
    let activity = activity_body("2026-12-03T08:00", "2026-12-03T10:00", "Bản Lác, Mai Châu");
    let transition = |action: &str| Some(json!({"action": action, "note": "Ghi chú"}));
    let (get, post, patch, put) = (Method::GET, Method::POST, Method::PATCH, Method::PUT);
    #[rustfmt::skip]
    let routes: Vec<(Method, String, Option<Value>)> = vec![
        (get.clone(), REPORTERS.to_owned(), None),
        (get.clone(), format!("{REPORTERS}?q=yamada"), None),
        (get.clone(), rp.clone(), None),
        (post.clone(), REPORTERS.to_owned(), Some(reporter_body("JP"))),
        (patch.clone(), rp.clone(), Some(json!({"position": "camera"}))),
        (get.clone(), ACCREDITATIONS.to_owned(), None),
        (get.clone(), format!("{ACCREDITATIONS}?reporter_id={}", r.foreign), None),
        (get.clone(), ap.clone(), None),
        (post.clone(), ACCREDITATIONS.to_owned(), Some(accreditation_body(&[r.foreign]))),
        (patch.clone(), dp.clone(), Some(json!({"topics": "Du lịch"}))),
        (post.clone(), format!("{dp}/transitions"), transition("cancel")),
        (post.clone(), format!("{ap}/transitions"), transition("revoke")),
        (put.clone(), format!("{dp}/security-review"), Some(json!({"status": "cleared"}))),
        (get.clone(), format!("{ap}/activities"), None),
        (post.clone(), format!("{ap}/activities"), Some(activity)),
        (get.clone(), INTERVIEWS.to_owned(), None),
        (get.clone(), ip.clone(), None),
        (post.clone(), INTERVIEWS.to_owned(), Some(interview_body(&[r.domestic], None))),
        (patch.clone(), ip.clone(), Some(json!({"place": "Nhà khách"}))),
        (post.clone(), format!("{ip}/transitions"), transition("approve")),
        (get.clone(), CONFERENCES.to_owned(), None),
        (get.clone(), cp.clone(), None),
        (post.clone(), CONFERENCES.to_owned(), Some(conference_body())),
        (patch.clone(), cp.clone(), Some(json!({"venue": "Hội trường B"}))),
        (post.clone(), format!("{cp}/transitions"), transition("announce")),
        (get.clone(), format!("{cp}/attendees"), None),
        (post, format!("{cp}/attendees"), Some(attendee_body("Báo Hòa Bình", "Nguyễn Thị Lan", None))),
    ];
    let mut replies = Vec::new();
    for (method, path, body) in routes {
        let what = format!("{method} {path}");
        replies.push((what, app.send(method, &path, Some(host), body).await));
    }

    // Assert: each a 404 no different from a record that does not exist.
    let mut wrong = Vec::new();
    for (what, reply) in &replies {
        if reply.status != 404 {
            wrong.push(format!("{what}: {} {}", reply.status, reply.text()));
        } else if reply.problem(404) != missing {
            wrong.push(format!("{what}: another 404: {}", reply.text()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(audit_len(&app).await, entries);
    for (path, was) in records.into_iter().zip(before) {
        assert_eq!(app.get(path, &app.admin_token).await.ok(200), was, "{path}");
    }
    // Nothing was added under those records either.
    let activities = app
        .get(&format!("{ap}/activities"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(activities["items"].as_array().unwrap().len(), 1);
    let attendees = app
        .get(&format!("{cp}/attendees"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(attendees["items"].as_array().unwrap().len(), 1);
}

/// Asserts that `reporter` shows personal data to `role` exactly when it may.
fn check_personal_data(reporter: &Value, role: Role, what: &str) {
    let shown = reporter.as_object().unwrap();
    assert_eq!(reporter["full_name"], "Yamada Hanako", "{role} {what}");
    assert_eq!(
        reporter["press_card_number"], "BNG-2026-118",
        "{role} {what}"
    );
    if SEES_PERSONAL_DATA.contains(&role) {
        assert_eq!(reporter["passport_number"], "TZ1234567", "{role} {what}");
        assert_eq!(reporter["email"], "yamada@nhk.example.jp", "{role} {what}");
        assert_eq!(reporter["phone"], "+81 3 3465 1111", "{role} {what}");
    } else {
        for key in PERSONAL_KEYS {
            assert!(
                !shown.contains_key(key),
                "{role} {what} sees {key}: {reporter}"
            );
        }
    }
}

async fn reporters_personal_data_is_absent_for_roles_that_may_not_see_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    let created = app
        .post(REPORTERS, &cast.foreign_affairs.token, reporter_body("JP"))
        .await
        .ok(201);
    let id = created["id"].as_i64().unwrap();
    check_personal_data(&created, Role::ForeignAffairs, "POST");

    for role in PRESS_ROLES {
        let token = cast.token(role);
        let page = app.get(&reporter_path(id), token).await.ok(200);
        check_personal_data(&page, role, "GET reporter");
        let list = app.get(REPORTERS, token).await.ok(200);
        check_personal_data(&item(&list, id), role, "GET reporters");
        let searched = app
            .get(&format!("{REPORTERS}?q=yamada&nationality=JP"), token)
            .await
            .ok(200);
        check_personal_data(&item(&searched, id), role, "GET reporters?q=");
    }
    let patched = app
        .patch(
            &reporter_path(id),
            &app.admin_token,
            json!({"position": "camera"}),
        )
        .await
        .ok(200);
    check_personal_data(&patched, Role::Admin, "PATCH");
    // Searching by a passport number does not reveal who holds it.
    let by_passport = app
        .get(&format!("{REPORTERS}?q=TZ1234567"), &cast.viewer.token)
        .await
        .ok(200);
    assert!(
        by_passport["items"].as_array().unwrap().is_empty(),
        "{by_passport}"
    );
}

async fn police_notes_on_accreditations_are_shown_to_police_and_admin_only(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let id = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let path = accreditation_path(id);
    let notes = "Phóng viên từng đưa tin sai lệch về Việt Nam năm 2019";
    let reviewed = app
        .put(
            &format!("{path}/security-review"),
            &cast.police.token,
            json!({"status": "concerns", "officer": "Đại úy Trần Văn Hùng", "notes": notes}),
        )
        .await
        .ok(200);
    assert_eq!(reviewed["security_review"]["notes"], notes);

    let check = |a: &Value, role: Role, what: &str| {
        let review = &a["security_review"];
        assert_eq!(review["status"], "concerns", "{role} {what}: {a}");
        assert_eq!(review["officer"], "Đại úy Trần Văn Hùng", "{role} {what}");
        assert!(review["reviewed_at"].is_string(), "{role} {what}: {a}");
        if SEES_NOTES.contains(&role) {
            assert_eq!(review["notes"], notes, "{role} {what}");
        } else {
            assert!(
                !review.as_object().unwrap().contains_key("notes"),
                "{role} {what} sees the notes: {a}"
            );
        }
    };
    for role in PRESS_ROLES {
        let token = cast.token(role);
        check(&app.get(&path, token).await.ok(200), role, "GET");
        let list = app.get(ACCREDITATIONS, token).await.ok(200);
        check(&item(&list, id), role, "GET list");
        let filtered = app
            .get(&format!("{ACCREDITATIONS}?status=submitted"), token)
            .await
            .ok(200);
        check(&item(&filtered, id), role, "GET list?status=");
    }
    // Sở Ngoại vụ's own writes answer without them too.
    let fa = cast.foreign_affairs.token.as_str();
    let patched = app
        .patch(&path, fa, json!({"escort_officer": "Hoàng Văn Nam"}))
        .await
        .ok(200);
    check(&patched, Role::ForeignAffairs, "PATCH");
    let rejected = act_on(&app, fa, &path, "reject").await.ok(200);
    check(&rejected, Role::ForeignAffairs, "reject");
}

async fn only_police_and_admin_record_security_reviews_of_accreditations(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let id = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let path = format!("{}/security-review", accreditation_path(id));
    let body =
        json!({"status": "cleared", "officer": "Thiếu tá Vũ Văn Sơn", "notes": "Đã xác minh"});

    let before = audit_len(&app).await;
    for role in [Role::ForeignAffairs, Role::ProvincialOffice, Role::Viewer] {
        app.put(&path, cast.token(role), body.clone())
            .await
            .problem(403);
    }
    app.put(&path, &cast.host.token, body.clone())
        .await
        .problem(404);
    assert_eq!(audit_len(&app).await, before);
    let a = app
        .get(&accreditation_path(id), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(a["security_review"]["status"], "pending");
    assert!(a["security_review"]["reviewed_at"].is_null(), "{a}");

    for (role, status) in [(Role::Police, "concerns"), (Role::Admin, "cleared")] {
        let reviewed = app
            .put(
                &path,
                cast.token(role),
                merged(body.clone(), json!({"status": status})),
            )
            .await
            .ok(200);
        assert_eq!(reviewed["security_review"]["status"], status, "{role}");
    }
}

/// The record kinds written on the press side, and how a role writes one.
#[derive(Debug, Clone, Copy)]
enum Write {
    CreateReporter,
    ChangeReporter,
    CreateAccreditation,
    ChangeAccreditation,
    PlanActivity,
    CreateInterview,
    ChangeInterview,
    CreateConference,
    ChangeConference,
    AddAttendee,
}

impl Write {
    const ALL: [Write; 10] = [
        Write::CreateReporter,
        Write::ChangeReporter,
        Write::CreateAccreditation,
        Write::ChangeAccreditation,
        Write::PlanActivity,
        Write::CreateInterview,
        Write::ChangeInterview,
        Write::CreateConference,
        Write::ChangeConference,
        Write::AddAttendee,
    ];

    /// Who writes it (DESIGN.md, "Roles"; the administrator writes everything).
    fn writers(self) -> &'static [Role] {
        use Role::{Admin, ForeignAffairs as FA, ProvincialOffice as PO};
        match self {
            Write::CreateReporter
            | Write::ChangeReporter
            | Write::CreateAccreditation
            | Write::ChangeAccreditation
            | Write::PlanActivity => &[Admin, FA],
            Write::CreateInterview | Write::ChangeInterview => &[Admin, PO, FA],
            Write::CreateConference | Write::ChangeConference | Write::AddAttendee => &[Admin, PO],
        }
    }

    /// The status a writer gets.
    fn success(self) -> u16 {
        match self {
            Write::ChangeReporter
            | Write::ChangeAccreditation
            | Write::ChangeInterview
            | Write::ChangeConference => 200,
            _ => 201,
        }
    }
}

/// The records the writes change.
#[derive(Debug)]
struct Targets {
    reporters: Reporters,
    approved: i64,
    draft: i64,
    interview: i64,
    conference: i64,
}

async fn write(app: &TestApp, t: &Targets, w: Write, role: Role, token: &str) -> Reply {
    let tag = role.as_str();
    match w {
        Write::CreateReporter => app.post(REPORTERS, token, reporter_body("JP")).await,
        Write::ChangeReporter => {
            app.patch(
                &reporter_path(t.reporters.foreign),
                token,
                json!({"position": format!("camera ({tag})")}),
            )
            .await
        }
        Write::CreateAccreditation => {
            app.post(
                ACCREDITATIONS,
                token,
                accreditation_body(&[t.reporters.foreign]),
            )
            .await
        }
        Write::ChangeAccreditation => {
            app.patch(
                &accreditation_path(t.draft),
                token,
                json!({"topics": format!("Du lịch ({tag})")}),
            )
            .await
        }
        Write::PlanActivity => {
            add_activity(
                app,
                token,
                t.approved,
                activity_body("2026-12-03T08:00", "2026-12-03T10:00", "Bản Lác, Mai Châu"),
            )
            .await
        }
        Write::CreateInterview => {
            app.post(
                INTERVIEWS,
                token,
                interview_body(&[t.reporters.foreign], Some(t.approved)),
            )
            .await
        }
        Write::ChangeInterview => {
            app.patch(
                &interview_path(t.interview),
                token,
                json!({"place": format!("Nhà khách ({tag})")}),
            )
            .await
        }
        Write::CreateConference => app.post(CONFERENCES, token, conference_body()).await,
        Write::ChangeConference => {
            app.patch(
                &conference_path(t.conference),
                token,
                json!({"venue": format!("Hội trường ({tag})")}),
            )
            .await
        }
        Write::AddAttendee => {
            add_attendee(
                app,
                token,
                t.conference,
                attendee_body("Báo Hòa Bình", tag, None),
            )
            .await
        }
    }
}

async fn each_press_record_is_written_by_the_units_the_design_names(app: TestApp) {
    let cast = Cast::new(&app).await;
    let reporters = Reporters::new(&app, &cast).await;
    let approved = accreditation_in(&app, &cast, &[reporters.foreign], "approved").await;
    let targets = Targets {
        reporters,
        approved,
        draft: accreditation_in(&app, &cast, &[reporters.foreign], "draft").await,
        interview: interview_from(
            &app,
            &cast,
            interview_body(&[reporters.foreign], Some(approved)),
            "requested",
        )
        .await,
        conference: conference_in(&app, &cast, "planned").await,
    };

    let mut wrong = Vec::new();
    for w in Write::ALL {
        for role in Role::ALL {
            let want = if role == Role::HostUnit {
                404
            } else if w.writers().contains(&role) {
                w.success()
            } else {
                403
            };
            let before = audit_len(&app).await;
            let reply = write(&app, &targets, w, role, cast.token(role)).await;
            let after = audit_len(&app).await;
            if reply.status != want {
                wrong.push(format!(
                    "{w:?} by {role}: expected {want}, got {} {}",
                    reply.status,
                    reply.text()
                ));
            } else if want >= 400 {
                reply.problem(want);
                if after != before {
                    wrong.push(format!("{w:?} by {role}: refused but audited"));
                }
            } else if after != before + 1 {
                wrong.push(format!("{w:?} by {role}: {} audit entries", after - before));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
