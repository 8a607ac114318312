//! The press side's rules between records, each with its clear 4xx: what
//! approval and revocation need; where and when activities may take place;
//! which interviews and attendees need an accreditation covering their day,
//! also after a record changes; what a revocation does to the interviews
//! it covered.

use serde_json::{Value, json};
use visitdesk::domain::audit::RecordKind;

use crate::fixtures::{Cast, merged};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    self as press, INTERVIEWS, Reporters, accreditation_body, accreditation_in, accreditation_path,
    act_on, activity_body, add_activity, add_attendee, at, attendee_body, audit_len, conference_in,
    conference_path, interview_body, interview_from, interview_path, invalid, reporter, review,
};

on_both_engines!(
    approval_needs_a_cleared_security_review,
    revocation_needs_a_note,
    activities_lie_within_the_accreditations_dates,
    activities_take_place_at_a_permitted_place_ignoring_case_and_diacritics,
    activities_are_planned_only_while_an_accreditation_is_submitted_or_approved,
    an_accreditation_cannot_change_from_under_its_activities,
    an_interview_with_a_foreign_reporter_needs_an_approved_accreditation_covering_its_day,
    revoking_an_accreditation_flags_the_open_interviews_it_covered,
    a_foreign_attendee_needs_an_accreditation_covering_the_day,
    attendees_are_registered_only_while_a_conference_is_planned_or_announced,
    a_change_of_day_keeps_interviews_and_attendees_covered,
);

async fn approval_needs_a_cleared_security_review(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let path = accreditation_path(id);

    // Never reviewed, then reviewed `pending`, then with `concerns`: 409 each time.
    let before = audit_len(&app).await;
    let problem = act_on(&app, fa, &path, "approve").await.problem(409);
    assert!(
        problem["detail"].as_str().unwrap().contains("cleared"),
        "{problem}"
    );
    for status in ["pending", "concerns"] {
        review(&app, &cast.police.token, id, status).await.ok(200);
        let before = audit_len(&app).await;
        for token in [fa, cast.admin.token.as_str()] {
            let problem = act_on(&app, token, &path, "approve").await.problem(409);
            assert!(problem["detail"].as_str().unwrap().contains("cleared"));
        }
        assert_eq!(audit_len(&app).await, before, "{status}");
        let a = app.get(&path, fa).await.ok(200);
        assert_eq!(a["status"], "submitted");
        assert_eq!(a["security_review"]["status"], status);
    }
    assert!(audit_len(&app).await > before);

    review(&app, &cast.police.token, id, "cleared")
        .await
        .ok(200);
    let approved = act_on(&app, fa, &path, "approve").await.ok(200);
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["security_review"]["status"], "cleared");
}

async fn revocation_needs_a_note(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let id = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let path = accreditation_path(id);
    let url = format!("{path}/transitions");

    let before = audit_len(&app).await;
    for token in [&cast.police.token, &cast.foreign_affairs.token] {
        for body in [
            json!({"action": "revoke"}),
            json!({"action": "revoke", "note": null}),
            json!({"action": "revoke", "note": "   "}),
        ] {
            invalid(&app.post(&url, token, body.clone()).await, "note");
        }
    }
    assert_eq!(audit_len(&app).await, before);
    assert_eq!(
        app.get(&path, &cast.admin.token).await.ok(200)["status"],
        "approved"
    );

    let why = "Phóng viên hoạt động ngoài nội dung được phép";
    let revoked = app
        .post(
            &url,
            &cast.police.token,
            json!({"action": "revoke", "note": why}),
        )
        .await
        .ok(200);
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["status_note"], why);
}

async fn activities_lie_within_the_accreditations_dates(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    // 1–5 December 2026, in the province (UTC+7).
    let id = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let place = press::PLACES[0];

    let outside = [
        ("2026-11-30T09:00", "2026-11-30T10:00", "starts_at"),
        ("2026-12-06T09:00", "2026-12-06T10:00", "starts_at"),
        ("2026-12-05T23:00", "2026-12-06T01:00", "ends_at"),
        // 00:30 on 6 December in the province, though still the 5th in UTC.
        ("2026-12-05T17:30:00Z", "2026-12-05T18:30:00Z", "starts_at"),
        ("2025-12-02T09:00", "2025-12-02T10:00", "starts_at"),
    ];
    let before = audit_len(&app).await;
    for (starts, ends, field) in outside {
        let reply = add_activity(&app, fa, id, activity_body(starts, ends, place)).await;
        invalid(&reply, field);
    }
    assert_eq!(audit_len(&app).await, before);

    // 03:00 on 1 December in the province, though still 30 November in UTC.
    let early = add_activity(
        &app,
        fa,
        id,
        activity_body("2026-11-30T20:00:00Z", "2026-11-30T22:00:00Z", place),
    )
    .await
    .ok(201);
    assert_eq!(early["starts_at"], "2026-12-01T03:00:00+07:00");
    add_activity(
        &app,
        fa,
        id,
        activity_body("2026-12-05T20:00", "2026-12-05T22:00", place),
    )
    .await
    .ok(201);
    let list = app
        .get(&format!("{}/activities", accreditation_path(id)), fa)
        .await
        .ok(200);
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

async fn activities_take_place_at_a_permitted_place_ignoring_case_and_diacritics(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    // Permitted: "Bản Lác, Mai Châu" and "Nhà máy Thủy điện Hòa Bình".
    let id = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let (starts, ends) = ("2026-12-02T08:00", "2026-12-02T11:00");

    let before = audit_len(&app).await;
    for elsewhere in ["Kim Bôi", "Bản Lác", "Mai Châu, Bản Lác"] {
        let reply = add_activity(&app, fa, id, activity_body(starts, ends, elsewhere)).await;
        invalid(&reply, "place.name");
    }
    assert_eq!(audit_len(&app).await, before);

    for same_place in [
        "ban lac, mai chau",
        "BẢN LÁC, MAI CHÂU",
        "  Nha may thuy dien Hoa Binh ",
    ] {
        add_activity(&app, fa, id, activity_body(starts, ends, same_place))
            .await
            .ok(201);
    }

    // An accreditation that lists no places permits any.
    let anywhere = press::accreditation_from(
        &app,
        &cast,
        merged(
            accreditation_body(&[r.foreign]),
            json!({"permitted_places": []}),
        ),
        "approved",
    )
    .await;
    add_activity(&app, fa, anywhere, activity_body(starts, ends, "Kim Bôi"))
        .await
        .ok(201);
}

async fn activities_are_planned_only_while_an_accreditation_is_submitted_or_approved(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    let body = activity_body("2026-12-02T08:00", "2026-12-02T11:00", press::PLACES[1]);

    for state in ["draft", "rejected", "revoked", "completed", "cancelled"] {
        let id = accreditation_in(&app, &cast, &[r.foreign], state).await;
        let before = audit_len(&app).await;
        let problem = add_activity(&app, fa, id, body.clone()).await.problem(409);
        assert!(
            problem["detail"].as_str().unwrap().contains(state),
            "{state}: {problem}"
        );
        assert_eq!(audit_len(&app).await, before, "{state}");
        let list = app
            .get(&format!("{}/activities", accreditation_path(id)), fa)
            .await
            .ok(200);
        assert!(list["items"].as_array().unwrap().is_empty(), "{state}");
    }
    for state in ["submitted", "approved"] {
        let id = accreditation_in(&app, &cast, &[r.foreign], state).await;
        add_activity(&app, fa, id, body.clone()).await.ok(201);
    }
}

/// Its activities lie within its dates and at its permitted places
/// (DESIGN.md, "Press activity"), also after the accreditation changes: as
/// a delegation's dates cannot leave an itinerary item outside them, 409.
async fn an_accreditation_cannot_change_from_under_its_activities(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    // 1–5 December; one activity on the 2nd at Bản Lác.
    let id = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let path = accreditation_path(id);
    add_activity(
        &app,
        fa,
        id,
        activity_body("2026-12-02T08:00", "2026-12-02T10:00", press::PLACES[0]),
    )
    .await
    .ok(201);
    let before = app.get(&path, fa).await.ok(200);
    let entries = audit_len(&app).await;

    let mut wrong = Vec::new();
    for change in [
        json!({"start_date": "2026-12-03"}),
        json!({"start_date": "2026-11-20", "end_date": "2026-11-30"}),
        json!({"permitted_places": ["Kim Bôi"]}),
        json!({"permitted_places": [press::PLACES[1]]}),
    ] {
        let reply = app.patch(&path, fa, change.clone()).await;
        if reply.status != 409 {
            wrong.push(format!("{change}: {} {}", reply.status, reply.text()));
        }
    }
    let after = app.get(&path, fa).await.ok(200);
    assert!(
        wrong.is_empty(),
        "changes that leave the activity on 2 December at Bản Lác outside the accreditation:\n{}",
        wrong.join("\n")
    );
    assert_eq!(after, before);
    assert_eq!(audit_len(&app).await, entries);

    // Changes that keep it inside are taken.
    app.patch(
        &path,
        fa,
        json!({"start_date": "2026-11-30", "permitted_places": ["ban lac, mai chau", "Kim Bôi"]}),
    )
    .await
    .ok(200);
}

async fn an_interview_with_a_foreign_reporter_needs_an_approved_accreditation_covering_its_day(
    app: TestApp,
) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let po = cast.provincial_office.token.as_str();
    let other_foreign = reporter(&app, &cast.foreign_affairs.token, "KR").await;
    // Approved for 1–5 December, naming only the Japanese reporter.
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let submitted = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let on_the_tenth = |body: Value| at(body, "2026-12-10T09:00", "2026-12-10T10:00");
    // 00:30 on 6 December in the province: the day after the accreditation ends.
    let after_midnight = |body: Value| at(body, "2026-12-05T17:30:00Z", "2026-12-05T18:30:00Z");

    let refused = [
        ("no accreditation", interview_body(&[r.foreign], None)),
        (
            "no accreditation, with a domestic reporter",
            interview_body(&[r.domestic, r.foreign], None),
        ),
        (
            "not covering its date",
            on_the_tenth(interview_body(&[r.foreign], Some(approved))),
        ),
        (
            "not covering its day in the province",
            after_midnight(interview_body(&[r.foreign], Some(approved))),
        ),
        (
            "not yet approved",
            interview_body(&[r.foreign], Some(submitted)),
        ),
        (
            "not naming the reporter",
            interview_body(&[r.foreign, other_foreign], Some(approved)),
        ),
        (
            "no such accreditation",
            interview_body(&[r.foreign], Some(999_999)),
        ),
    ];
    let before = audit_len(&app).await;
    for (case, body) in refused {
        let reply = app.post(INTERVIEWS, po, body).await;
        assert_eq!(reply.status, 422, "{case}: {}", reply.text());
        invalid(&reply, "accreditation_id");
    }
    assert_eq!(audit_len(&app).await, before);
    let none = app.get(INTERVIEWS, po).await.ok(200);
    assert!(none["items"].as_array().unwrap().is_empty(), "{none}");

    // A domestic reporter needs no accreditation.
    let domestic = press::create_interview(&app, po, interview_body(&[r.domestic], None)).await;
    assert!(domestic["accreditation_id"].is_null(), "{domestic}");
    assert_eq!(domestic["status"], "requested");
    // A foreign one with the accreditation that covers the day (Sở Ngoại vụ may arrange it too).
    let foreign = press::create_interview(
        &app,
        &cast.foreign_affairs.token,
        interview_body(&[r.foreign, r.domestic], Some(approved)),
    )
    .await;
    assert_eq!(foreign["accreditation_id"], approved);
}

async fn revoking_an_accreditation_flags_the_open_interviews_it_covered(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let acc = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let other_acc = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let covered = interview_body(&[r.foreign], Some(acc));
    let requested = interview_from(&app, &cast, covered.clone(), "requested").await;
    let approved = interview_from(&app, &cast, covered.clone(), "approved").await;
    let done = interview_from(&app, &cast, covered.clone(), "done").await;
    let cancelled = interview_from(&app, &cast, covered, "cancelled").await;
    let elsewhere = interview_from(
        &app,
        &cast,
        interview_body(&[r.foreign], Some(other_acc)),
        "requested",
    )
    .await;
    let domestic = interview_from(
        &app,
        &cast,
        interview_body(&[r.domestic], None),
        "requested",
    )
    .await;
    let all = [requested, approved, done, cancelled, elsewhere, domestic];
    let mut before = Vec::new();
    for id in all {
        before.push(
            app.get(&interview_path(id), &cast.admin.token)
                .await
                .ok(200),
        );
    }
    let entries_before = audit_len(&app).await;

    let since = chrono::Utc::now() - chrono::Duration::seconds(5);
    act_on(&app, &cast.police.token, &accreditation_path(acc), "revoke")
        .await
        .ok(200);

    // The open interviews it covered are flagged, still in their state; the others untouched.
    for (id, was) in all.into_iter().zip(before) {
        let now = app
            .get(&interview_path(id), &cast.admin.token)
            .await
            .ok(200);
        if id == requested || id == approved {
            let at = now["accreditation_revoked_at"].as_str().unwrap_or_else(|| {
                panic!("interview {id} not flagged: {now}");
            });
            assert!(chrono::DateTime::parse_from_rfc3339(at).unwrap() >= since);
            assert_eq!(now["status"], was["status"]);
            assert_eq!(now["version"], was["version"].as_i64().unwrap() + 1);
        } else {
            assert_eq!(now, was, "interview {id} changed");
        }
    }

    // One entry for the revocation, and one of its own for each flagged interview.
    let entries = app.audit_entries().await;
    let new = &entries[entries_before..];
    let mut records: Vec<(RecordKind, i64)> =
        new.iter().map(|e| (e.record_kind, e.record_id)).collect();
    records.sort_by_key(|(kind, id)| (kind.as_str(), *id));
    assert_eq!(
        records,
        [
            (RecordKind::Accreditation, acc),
            (RecordKind::Interview, requested),
            (RecordKind::Interview, approved),
        ],
        "{new:#?}"
    );
    assert!(new.iter().any(|e| e.action == "revoke"), "{new:#?}");
}

async fn a_foreign_attendee_needs_an_accreditation_covering_the_day(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    let po = cast.provincial_office.token.as_str();
    // The press conference is on 2 December 2026.
    let conference = conference_in(&app, &cast, "announced").await;
    let covered = reporter(&app, fa, "JP").await;
    accreditation_in(&app, &cast, &[covered], "approved").await;
    let only_submitted = reporter(&app, fa, "FR").await;
    accreditation_in(&app, &cast, &[only_submitted], "submitted").await;
    let other_days = reporter(&app, fa, "KR").await;
    press::accreditation_from(
        &app,
        &cast,
        merged(
            accreditation_body(&[other_days]),
            json!({"start_date": "2026-12-10", "end_date": "2026-12-12"}),
        ),
        "approved",
    )
    .await;

    let before = audit_len(&app).await;
    for (case, reporter_id) in [
        ("no accreditation", r.foreign),
        ("only a submitted accreditation", only_submitted),
        ("an accreditation for other days", other_days),
        ("no such reporter", 999_999),
    ] {
        let reply = add_attendee(
            &app,
            po,
            conference,
            attendee_body("NHK", case, Some(reporter_id)),
        )
        .await;
        assert_eq!(reply.status, 422, "{case}: {}", reply.text());
        invalid(&reply, "reporter_id");
    }
    assert_eq!(audit_len(&app).await, before);

    let foreign = add_attendee(
        &app,
        po,
        conference,
        attendee_body("NHK", "Yamada Hanako", Some(covered)),
    )
    .await
    .ok(201);
    assert_eq!(foreign["reporter_id"], covered);
    let unregistered = add_attendee(
        &app,
        po,
        conference,
        attendee_body("Báo Hòa Bình", "Nguyễn Thị Lan", None),
    )
    .await
    .ok(201);
    assert!(unregistered["reporter_id"].is_null(), "{unregistered}");
    add_attendee(
        &app,
        po,
        conference,
        attendee_body("Báo Hòa Bình", "Nguyễn Thị Lan", Some(r.domestic)),
    )
    .await
    .ok(201);
    let list = app
        .get(&format!("{}/attendees", conference_path(conference)), po)
        .await
        .ok(200);
    assert_eq!(list["items"].as_array().unwrap().len(), 3, "{list}");
}

async fn attendees_are_registered_only_while_a_conference_is_planned_or_announced(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    let body = attendee_body("Báo Hòa Bình", "Nguyễn Thị Lan", None);
    for state in ["held", "cancelled"] {
        let id = conference_in(&app, &cast, state).await;
        let before = audit_len(&app).await;
        add_attendee(&app, po, id, body.clone()).await.problem(409);
        assert_eq!(audit_len(&app).await, before, "{state}");
        let list = app
            .get(&format!("{}/attendees", conference_path(id)), po)
            .await
            .ok(200);
        assert!(list["items"].as_array().unwrap().is_empty(), "{state}");
    }
    for state in ["planned", "announced"] {
        let id = conference_in(&app, &cast, state).await;
        add_attendee(&app, po, id, body.clone()).await.ok(201);
    }
}

/// An interview keeps a covering accreditation for its foreign reporters
/// when it moves (422, as when it is made); a press conference, whose
/// foreign attendees must hold an accreditation covering its day, cannot
/// move to a day theirs does not cover (409, a condition on other data).
async fn a_change_of_day_keeps_interviews_and_attendees_covered(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let po = cast.provincial_office.token.as_str();
    // 1–5 December.
    let acc = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let interview = interview_from(
        &app,
        &cast,
        interview_body(&[r.foreign], Some(acc)),
        "approved",
    )
    .await;
    let conference = conference_in(&app, &cast, "announced").await;
    add_attendee(
        &app,
        po,
        conference,
        attendee_body("NHK", "Yamada Hanako", Some(r.foreign)),
    )
    .await
    .ok(201);
    let on_the_tenth = json!({"starts_at": "2026-12-10T09:00", "ends_at": "2026-12-10T10:00"});
    let on_the_fourth = json!({"starts_at": "2026-12-04T09:00", "ends_at": "2026-12-04T10:00"});
    let was_interview = app.get(&interview_path(interview), po).await.ok(200);
    let was_conference = app.get(&conference_path(conference), po).await.ok(200);
    let entries = audit_len(&app).await;

    let moved = app
        .patch(&interview_path(interview), po, on_the_tenth.clone())
        .await;
    invalid(&moved, "accreditation_id");
    let moved = app
        .patch(&conference_path(conference), po, on_the_tenth)
        .await;
    assert_eq!(
        moved.status,
        409,
        "a press conference moved to a day its foreign attendee's accreditation does not cover: {}",
        moved.text()
    );
    assert_eq!(
        app.get(&interview_path(interview), po).await.ok(200),
        was_interview
    );
    assert_eq!(
        app.get(&conference_path(conference), po).await.ok(200),
        was_conference
    );
    assert_eq!(audit_len(&app).await, entries);

    // Within the accreditation's days, both move.
    app.patch(&interview_path(interview), po, on_the_fourth.clone())
        .await
        .ok(200);
    app.patch(&conference_path(conference), po, on_the_fourth)
        .await
        .ok(200);
}
