//! The press side of the inbox: submitted accreditations for Sở Ngoại vụ,
//! unreviewed ones (or changed since the review) for the police, requested
//! interviews and those left without an accreditation for the Provincial
//! Office, and a reminder when a quarter has no press conference.

use chrono::{Days, NaiveDate};
use serde_json::Value;
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;

use crate::fixtures::{self, Cast};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    ACC_START, Reporters, accreditation_in, accreditation_path, act_on, activity_body,
    add_activity, conference_at, conference_from, conference_path, interview_body, interview_from,
    interview_path, review,
};

on_both_engines!(
    foreign_affairs_sees_submitted_accreditations,
    police_see_unreviewed_accreditations_and_changed_programmes,
    the_provincial_office_sees_requested_and_orphaned_interviews,
    the_provincial_office_is_reminded_of_a_quarter_without_a_press_conference,
    host_units_and_viewers_have_nothing_of_the_press_side_waiting,
);

/// Every entry of the caller's inbox.
async fn whole_inbox(app: &TestApp, token: &str) -> Vec<Value> {
    let body = app.get("/api/v1/inbox", token).await.ok(200);
    fixtures::items(&body).clone()
}

/// The entries of the caller's inbox about records of `kind`.
async fn inbox(app: &TestApp, token: &str, kind: &str) -> Vec<Value> {
    whole_inbox(app, token)
        .await
        .into_iter()
        .filter(|e| e["record"]["kind"] == kind)
        .collect()
}

/// The record ids of inbox entries, sorted.
fn ids(entries: &[Value]) -> Vec<i64> {
    let mut ids: Vec<i64> = entries
        .iter()
        .map(|e| e["record"]["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

/// The reminders (entries without a record) of the caller's inbox.
async fn reminders(app: &TestApp, token: &str) -> Vec<Value> {
    whole_inbox(app, token)
        .await
        .into_iter()
        .filter(|e| e["record"].is_null())
        .collect()
}

async fn foreign_affairs_sees_submitted_accreditations(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let mut all = Vec::new();
    for state in [
        "draft",
        "submitted",
        "approved",
        "rejected",
        "revoked",
        "cancelled",
    ] {
        all.push(accreditation_in(&app, &cast, &[r.foreign], state).await);
    }
    let submitted = all[1];

    let entries = inbox(&app, &cast.foreign_affairs.token, "accreditation").await;

    assert_eq!(ids(&entries), [submitted], "{entries:?}");
    let a = app
        .get(&accreditation_path(submitted), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(entries[0]["record"]["reference"], a["reference"]);
    assert_eq!(entries[0]["due_date"], ACC_START);
    assert!(
        entries[0]["reason"].as_str().unwrap().contains("submitted"),
        "{entries:?}"
    );
    // Once decided, it no longer waits.
    act_on(
        &app,
        &cast.foreign_affairs.token,
        &accreditation_path(submitted),
        "reject",
    )
    .await
    .ok(200);
    assert!(
        inbox(&app, &cast.foreign_affairs.token, "accreditation")
            .await
            .is_empty()
    );
}

async fn police_see_unreviewed_accreditations_and_changed_programmes(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let police = cast.police.token.as_str();
    let unreviewed = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let reviewed = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    review(&app, police, reviewed, "pending").await.ok(200);
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let changed = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    accreditation_in(&app, &cast, &[r.foreign], "draft").await;
    accreditation_in(&app, &cast, &[r.foreign], "completed").await;
    accreditation_in(&app, &cast, &[r.foreign], "revoked").await;

    assert_eq!(
        ids(&inbox(&app, police, "accreditation").await),
        [unreviewed]
    );

    // An approved programme that changes after the review waits for another look.
    add_activity(
        &app,
        &cast.foreign_affairs.token,
        changed,
        activity_body("2026-12-04T08:00", "2026-12-04T10:00", "Bản Lác, Mai Châu"),
    )
    .await
    .ok(201);
    let entries = inbox(&app, police, "accreditation").await;
    assert_eq!(ids(&entries), [unreviewed, changed], "{entries:?}");
    let a = app.get(&accreditation_path(changed), police).await.ok(200);
    assert_eq!(a["security_review"]["needs_another_look"], true, "{a}");
    let a = app.get(&accreditation_path(approved), police).await.ok(200);
    assert_eq!(a["security_review"]["needs_another_look"], false, "{a}");

    // Reviewed again: it no longer waits.
    review(&app, police, changed, "cleared").await.ok(200);
    review(&app, police, unreviewed, "cleared").await.ok(200);
    assert!(inbox(&app, police, "accreditation").await.is_empty());
}

async fn the_provincial_office_sees_requested_and_orphaned_interviews(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let po = cast.provincial_office.token.as_str();
    let acc = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let covered = interview_body(&[r.foreign], Some(acc));
    let domestic = interview_body(&[r.domestic], None);
    let requested = interview_from(&app, &cast, domestic.clone(), "requested").await;
    interview_from(&app, &cast, domestic.clone(), "approved").await;
    interview_from(&app, &cast, domestic.clone(), "done").await;
    interview_from(&app, &cast, domestic, "cancelled").await;
    let covered_requested = interview_from(&app, &cast, covered.clone(), "requested").await;
    let covered_approved = interview_from(&app, &cast, covered.clone(), "approved").await;
    let covered_done = interview_from(&app, &cast, covered, "done").await;

    let entries = inbox(&app, po, "interview").await;
    assert_eq!(ids(&entries), [requested, covered_requested], "{entries:?}");
    for e in &entries {
        assert!(e["reason"].as_str().unwrap().contains("requested"), "{e}");
        assert_eq!(e["due_date"], "2026-12-02", "{e}");
        assert!(
            e["record"]["reference"]
                .as_str()
                .unwrap()
                .starts_with("PH-"),
            "{e}"
        );
    }

    // The accreditation is revoked: the open interviews it covered need a decision.
    act_on(&app, &cast.police.token, &accreditation_path(acc), "revoke")
        .await
        .ok(200);
    let entries = inbox(&app, po, "interview").await;
    assert_eq!(
        ids(&entries),
        [requested, covered_requested, covered_approved],
        "{entries:?}"
    );
    for e in &entries {
        let revoked = e["reason"].as_str().unwrap().contains("revoked");
        let id = e["record"]["id"].as_i64().unwrap();
        assert_eq!(
            revoked,
            id == covered_requested || id == covered_approved,
            "{e}"
        );
    }
    assert!(!ids(&entries).contains(&covered_done));

    // Cancelled, it is dealt with.
    act_on(&app, po, &interview_path(covered_approved), "cancel")
        .await
        .ok(200);
    assert_eq!(
        ids(&inbox(&app, po, "interview").await),
        [requested, covered_requested]
    );
}

/// 09:00–11:00 on `day` in the province.
fn morning(day: NaiveDate) -> serde_json::Value {
    conference_at(&format!("{day}T09:00"), &format!("{day}T11:00"))
}

async fn the_provincial_office_is_reminded_of_a_quarter_without_a_press_conference(app: TestApp) {
    let cast = Cast::new(&app).await;
    let po = cast.provincial_office.token.as_str();
    let today = province_today();
    let (first, last) = quarter(today);

    // Nothing at all this quarter: one reminder, due at the quarter's end.
    let found = reminders(&app, po).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["due_date"], last.to_string());
    assert!(
        found[0]["reason"]
            .as_str()
            .unwrap()
            .contains("press conference"),
        "{found:?}"
    );

    // One held last quarter, one planned and one cancelled this quarter: still reminded.
    let last_quarter = first.checked_sub_days(Days::new(10)).unwrap();
    conference_from(&app, &cast, morning(last_quarter), "held").await;
    let next_quarter = last.checked_add_days(Days::new(10)).unwrap();
    conference_from(&app, &cast, morning(next_quarter), "announced").await;
    let planned = conference_from(&app, &cast, morning(today), "planned").await;
    conference_from(&app, &cast, morning(first), "cancelled").await;
    assert_eq!(reminders(&app, po).await.len(), 1);

    // Announced this quarter: no reminder, nor once it is held.
    act_on(&app, po, &conference_path(planned), "announce")
        .await
        .ok(200);
    assert!(reminders(&app, po).await.is_empty());
    act_on(&app, po, &conference_path(planned), "complete")
        .await
        .ok(200);
    assert!(reminders(&app, po).await.is_empty());
}

/// The first and last day of the quarter `day` falls in.
fn quarter(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let first_month = (day.month0() / 3) * 3 + 1;
    let first = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap();
    let next = if first_month == 10 {
        NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(day.year(), first_month + 3, 1)
    };
    (first, next.unwrap().pred_opt().unwrap())
}

async fn host_units_and_viewers_have_nothing_of_the_press_side_waiting(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    interview_from(
        &app,
        &cast,
        interview_body(&[r.domestic], None),
        "requested",
    )
    .await;
    // Something waits on the press side, for the units whose work it is.
    assert!(
        !inbox(&app, &cast.foreign_affairs.token, "accreditation")
            .await
            .is_empty()
    );
    assert!(
        !inbox(&app, &cast.provincial_office.token, "interview")
            .await
            .is_empty()
    );
    assert!(
        !inbox(&app, &cast.police.token, "accreditation")
            .await
            .is_empty()
    );

    for role in [Role::HostUnit, Role::Viewer] {
        let entries = whole_inbox(&app, cast.token(role)).await;
        assert!(entries.is_empty(), "{role}: {entries:?}");
    }
}
