//! The press side's records as clients and offices meet them: references
//! to quote on paper, the audit trail (one entry per change, none for a
//! refused one), a reporter's page, bad input answered with a 4xx problem
//! and never a 5xx, and stale writes refused with 412.

use awc::http::Method;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Datelike;
use serde_json::{Value, json};
use visitdesk::domain::audit::RecordKind;
use visitdesk::domain::time::province_today;

use crate::fixtures::{Cast, merged};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{
    self as press, ACCREDITATIONS, CONFERENCES, INTERVIEWS, REPORTERS, Reporters,
    accreditation_body, accreditation_in, accreditation_path, act_on, activity_body, add_activity,
    add_attendee, at, attendee_body, audit_len, conference_body, conference_in, conference_path,
    fields, interview_body, interview_from, interview_path, reporter, reporter_body, reporter_path,
    review,
};

on_both_engines!(
    references_carry_prefix_year_and_running_number,
    every_change_leaves_one_audit_entry_and_a_failed_change_none,
    a_reporters_page_lists_its_accreditations_and_interviews,
    bad_input_is_a_4xx_problem_and_never_a_5xx,
    a_patch_with_a_stale_if_match_is_412_and_changes_nothing,
);

/// Splits `PV-2026-0007` into its prefix, year and number.
fn reference_parts(reference: &Value) -> (String, i32, u32) {
    let text = reference.as_str().unwrap_or_default();
    let parts: Vec<&str> = text.split('-').collect();
    assert!(
        parts.len() == 3
            && parts[1].len() == 4
            && parts[2].len() == 4
            && parts[1..]
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_digit())),
        "not PREFIX-YYYY-NNNN: {reference}"
    );
    (
        parts[0].to_owned(),
        parts[1].parse().unwrap(),
        parts[2].parse().unwrap(),
    )
}

async fn references_carry_prefix_year_and_running_number(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    let po = cast.provincial_office.token.as_str();
    let year = province_today().year();

    // Past- and future-dated records alike take the year they were created.
    let mut references = Vec::new();
    for _ in 0..2 {
        let body = merged(
            accreditation_body(&[r.foreign]),
            json!({"start_date": "2025-03-01", "end_date": "2025-03-05"}),
        );
        references.push(press::create_accreditation(&app, fa, body).await);
        let body = at(
            interview_body(&[r.domestic], None),
            "2027-01-05T09:00",
            "2027-01-05T10:00",
        );
        references.push(press::create_interview(&app, po, body).await);
        references.push(press::create_conference(&app, po, conference_body()).await);
    }
    let parts: Vec<(String, i32, u32)> = references
        .iter()
        .map(|r| reference_parts(&r["reference"]))
        .collect();
    let expected: Vec<(String, i32, u32)> = [1, 2]
        .into_iter()
        .flat_map(|n| ["PV", "PH", "HB"].map(|prefix| (prefix.to_owned(), year, n)))
        .collect();
    assert_eq!(parts, expected);

    // A reference stays with its record through its workflow.
    let first = &references[0];
    let id = first["id"].as_i64().unwrap();
    let submitted = act_on(&app, fa, &accreditation_path(id), "submit")
        .await
        .ok(200);
    assert_eq!(submitted["reference"], first["reference"]);
}

/// Asserts that exactly one audit entry was added since `seen`, about
/// `kind` `id` by `actor`, and moves `seen` past it.
async fn one_entry(
    app: &TestApp,
    seen: &mut usize,
    kind: RecordKind,
    id: i64,
    actor: i64,
    action: Option<&str>,
) {
    let entries = app.audit_entries().await;
    assert_eq!(
        entries.len(),
        *seen + 1,
        "{kind:?} {id}: {:#?}",
        &entries[(*seen).min(entries.len())..]
    );
    let entry = &entries[*seen];
    assert_eq!(
        (entry.record_kind, entry.record_id),
        (kind, id),
        "{entry:#?}"
    );
    assert_eq!(entry.actor_id.map(|a| a.get()), Some(actor), "{entry:#?}");
    if let Some(action) = action {
        assert_eq!(entry.action, action, "{entry:#?}");
    }
    *seen += 1;
}

async fn every_change_leaves_one_audit_entry_and_a_failed_change_none(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (fa, fa_id) = (cast.foreign_affairs.token.as_str(), cast.foreign_affairs.id);
    let (po, po_id) = (
        cast.provincial_office.token.as_str(),
        cast.provincial_office.id,
    );
    let (police, police_id) = (cast.police.token.as_str(), cast.police.id);
    let mut seen = audit_len(&app).await;

    // Reporters.
    let reporter = app.post(REPORTERS, fa, reporter_body("JP")).await.ok(201);
    let rid = reporter["id"].as_i64().unwrap();
    one_entry(
        &app,
        &mut seen,
        RecordKind::Reporter,
        rid,
        fa_id,
        Some("create"),
    )
    .await;
    app.patch(&reporter_path(rid), fa, json!({"position": "camera"}))
        .await
        .ok(200);
    one_entry(&app, &mut seen, RecordKind::Reporter, rid, fa_id, None).await;

    // An accreditation through its workflow, its review and an activity.
    let acc = press::create_accreditation(&app, fa, accreditation_body(&[rid])).await;
    let aid = acc["id"].as_i64().unwrap();
    let apath = accreditation_path(aid);
    one_entry(
        &app,
        &mut seen,
        RecordKind::Accreditation,
        aid,
        fa_id,
        Some("create"),
    )
    .await;
    app.patch(&apath, fa, json!({"topics": "Du lịch cộng đồng"}))
        .await
        .ok(200);
    one_entry(&app, &mut seen, RecordKind::Accreditation, aid, fa_id, None).await;
    act_on(&app, fa, &apath, "submit").await.ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::Accreditation,
        aid,
        fa_id,
        Some("submit"),
    )
    .await;
    review(&app, police, aid, "cleared").await.ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::Accreditation,
        aid,
        police_id,
        None,
    )
    .await;
    act_on(&app, fa, &apath, "approve").await.ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::Accreditation,
        aid,
        fa_id,
        Some("approve"),
    )
    .await;
    add_activity(
        &app,
        fa,
        aid,
        activity_body("2026-12-02T08:00", "2026-12-02T10:00", press::PLACES[0]),
    )
    .await
    .ok(201);
    one_entry(&app, &mut seen, RecordKind::Accreditation, aid, fa_id, None).await;

    // An interview.
    let interview = press::create_interview(&app, po, interview_body(&[rid], Some(aid))).await;
    let iid = interview["id"].as_i64().unwrap();
    one_entry(
        &app,
        &mut seen,
        RecordKind::Interview,
        iid,
        po_id,
        Some("create"),
    )
    .await;
    app.patch(
        &interview_path(iid),
        po,
        json!({"place": "Nhà khách UBND tỉnh"}),
    )
    .await
    .ok(200);
    one_entry(&app, &mut seen, RecordKind::Interview, iid, po_id, None).await;
    act_on(&app, po, &interview_path(iid), "approve")
        .await
        .ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::Interview,
        iid,
        po_id,
        Some("approve"),
    )
    .await;

    // A press conference and an attendee.
    let conference = press::create_conference(&app, po, conference_body()).await;
    let cid = conference["id"].as_i64().unwrap();
    let cpath = conference_path(cid);
    one_entry(
        &app,
        &mut seen,
        RecordKind::PressConference,
        cid,
        po_id,
        Some("create"),
    )
    .await;
    app.patch(&cpath, po, json!({"venue": "Trung tâm Hội nghị tỉnh"}))
        .await
        .ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::PressConference,
        cid,
        po_id,
        None,
    )
    .await;
    act_on(&app, po, &cpath, "announce").await.ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::PressConference,
        cid,
        po_id,
        Some("announce"),
    )
    .await;
    add_attendee(
        &app,
        po,
        cid,
        attendee_body("NHK", "Yamada Hanako", Some(rid)),
    )
    .await
    .ok(201);
    one_entry(
        &app,
        &mut seen,
        RecordKind::PressConference,
        cid,
        po_id,
        None,
    )
    .await;
    act_on(&app, po, &cpath, "complete").await.ok(200);
    one_entry(
        &app,
        &mut seen,
        RecordKind::PressConference,
        cid,
        po_id,
        Some("complete"),
    )
    .await;

    // Changes that fail leave nothing.
    let viewer = cast.viewer.token.as_str();
    let host = cast.host.token.as_str();
    let failures = [
        app.post(REPORTERS, viewer, reporter_body("JP"))
            .await
            .status,
        app.post(
            REPORTERS,
            fa,
            merged(reporter_body("JP"), json!({"nationality": "XX"})),
        )
        .await
        .status,
        act_on(&app, fa, &apath, "approve").await.status,
        app.post(
            &format!("{apath}/transitions"),
            police,
            json!({"action": "revoke"}),
        )
        .await
        .status,
        act_on(&app, host, &interview_path(iid), "cancel")
            .await
            .status,
        app.patch(&interview_path(iid), viewer, json!({"place": "x"}))
            .await
            .status,
        add_attendee(&app, po, cid, attendee_body("NHK", "Sato", None))
            .await
            .status,
        app.put(
            &format!("{apath}/security-review"),
            fa,
            json!({"status": "cleared"}),
        )
        .await
        .status,
    ];
    let statuses: Vec<u16> = failures.iter().map(|s| s.as_u16()).collect();
    assert_eq!(statuses, [403, 422, 409, 422, 404, 403, 409, 403]);
    assert_eq!(audit_len(&app).await, seen);
}

async fn a_reporters_page_lists_its_accreditations_and_interviews(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    let bystander = reporter(&app, fa, "KR").await;
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let draft = accreditation_in(&app, &cast, &[r.foreign, bystander], "draft").await;
    let foreign_interview = interview_from(
        &app,
        &cast,
        interview_body(&[r.foreign], Some(approved)),
        "approved",
    )
    .await;
    let domestic_interview = interview_from(
        &app,
        &cast,
        interview_body(&[r.domestic], None),
        "requested",
    )
    .await;

    let page = app
        .get(&reporter_path(r.foreign), &cast.viewer.token)
        .await
        .ok(200);
    assert_eq!(page["id"], r.foreign);
    assert_eq!(page["full_name"], "Yamada Hanako");
    let mut accreditations: Vec<(i64, String)> = page["accreditations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_i64().unwrap(),
                a["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    accreditations.sort();
    let mut want = vec![
        (approved, "approved".to_owned()),
        (draft, "draft".to_owned()),
    ];
    want.sort();
    assert_eq!(accreditations, want, "{page}");
    let acc = app.get(&accreditation_path(approved), fa).await.ok(200);
    let listed = page["accreditations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == approved)
        .unwrap();
    assert_eq!(listed["reference"], acc["reference"]);
    let interviews = page["interviews"].as_array().unwrap();
    assert_eq!(interviews.len(), 1, "{page}");
    assert_eq!(interviews[0]["id"], foreign_interview);
    assert_eq!(interviews[0]["status"], "approved");
    assert!(
        interviews[0]["reference"]
            .as_str()
            .unwrap()
            .starts_with("PH-"),
        "{page}"
    );

    let domestic = app.get(&reporter_path(r.domestic), fa).await.ok(200);
    assert!(domestic["accreditations"].as_array().unwrap().is_empty());
    let ids: Vec<&Value> = domestic["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(ids, [domestic_interview], "{domestic}");

    let other = app.get(&reporter_path(bystander), fa).await.ok(200);
    assert_eq!(other["accreditations"].as_array().unwrap().len(), 1);
    assert_eq!(other["accreditations"][0]["id"], draft);
    assert!(other["interviews"].as_array().unwrap().is_empty());
    app.get(&reporter_path(999_999), fa).await.problem(404);
}

fn forged(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json)
}

/// A bad request: what it is, how it is sent, and the field a 422 must name.
#[derive(Debug)]
struct Bad {
    what: &'static str,
    method: Method,
    path: String,
    token: String,
    body: Option<Value>,
    field: Option<&'static str>,
}

fn bad(
    what: &'static str,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
    field: Option<&'static str>,
) -> Bad {
    Bad {
        what,
        method,
        path: path.to_owned(),
        token: token.to_owned(),
        body,
        field,
    }
}

async fn bad_input_is_a_4xx_problem_and_never_a_5xx(app: TestApp) {
    use Method as M;
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let (fa, po) = (
        cast.foreign_affairs.token.as_str(),
        cast.provincial_office.token.as_str(),
    );
    let police = cast.police.token.as_str();
    let acc = accreditation_path(accreditation_in(&app, &cast, &[r.foreign], "approved").await);
    let conf = conference_path(conference_in(&app, &cast, "planned").await);
    let (activities, attendees) = (format!("{acc}/activities"), format!("{conf}/attendees"));
    let long = "x".repeat(10_000);
    let reporter = |extra: Value| Some(merged(reporter_body("JP"), extra));
    let accreditation = |extra: Value| Some(merged(accreditation_body(&[r.foreign]), extra));
    let activity = |extra: Value| {
        let body = activity_body("2026-12-02T08:00", "2026-12-02T10:00", press::PLACES[0]);
        Some(merged(body, extra))
    };
    let interview = |extra: Value| Some(merged(interview_body(&[r.domestic], None), extra));
    let conference = |extra: Value| Some(merged(conference_body(), extra));
    let span = |starts: &str, ends: &str| json!({"starts_at": starts, "ends_at": ends});

    #[rustfmt::skip]
    let mut cases = vec![
        bad("reporter from XX", M::POST, REPORTERS, fa, reporter(json!({"nationality": "XX"})), Some("nationality")),
        bad("outlet from XX", M::POST, REPORTERS, fa, reporter(json!({"outlet_country": "XX"})), Some("outlet_country")),
        bad("a two-digit passport", M::POST, REPORTERS, fa, reporter(json!({"passport_number": "12"})), Some("passport_number")),
        bad("an e-mail without @", M::POST, REPORTERS, fa, reporter(json!({"email": "yamada.nhk"})), Some("email")),
        bad("a reporter moved to XX", M::PATCH, &reporter_path(r.foreign), fa, Some(json!({"nationality": "XX"})), Some("nationality")),
        bad("an accreditation ending before it starts", M::POST, ACCREDITATIONS, fa,
            accreditation(json!({"start_date": "2026-12-05", "end_date": "2026-12-01"})), Some("end_date")),
        bad("10,000-character accreditation topics", M::POST, ACCREDITATIONS, fa, accreditation(json!({"topics": long})), Some("topics")),
        bad("an accreditation of nobody", M::POST, ACCREDITATIONS, fa, accreditation(json!({"reporter_ids": []})), Some("reporter_ids")),
        bad("an accreditation of no such reporter", M::POST, ACCREDITATIONS, fa,
            accreditation(json!({"reporter_ids": [i64::MAX]})), Some("reporter_ids")),
        bad("30 February", M::POST, ACCREDITATIONS, fa, accreditation(json!({"start_date": "2026-02-30"})), Some("start_date")),
        bad("an activity in no time zone", M::POST, &activities, fa, activity(json!({"time_zone": "Mars/Olympus"})), Some("time_zone")),
        bad("an activity ending before it starts", M::POST, &activities, fa,
            activity(span("2026-12-02T10:00", "2026-12-02T08:00")), Some("ends_at")),
        bad("an activity of no known kind", M::POST, &activities, fa, activity(json!({"kind": "party"})), Some("kind")),
        bad("an interview in no time zone", M::POST, INTERVIEWS, po, interview(json!({"time_zone": "Asia/Atlantis"})), Some("time_zone")),
        bad("an interview ending before it starts", M::POST, INTERVIEWS, po,
            interview(span("2026-12-02T10:00", "2026-12-02T09:00")), Some("ends_at")),
        bad("10,000-character interview topics", M::POST, INTERVIEWS, po, interview(json!({"topics": long})), Some("topics")),
        bad("an interview starting 'tomorrow'", M::POST, INTERVIEWS, po, interview(span("tomorrow", "2026-12-02T09:00")), Some("starts_at")),
        bad("an interview in the year 1", M::POST, INTERVIEWS, po,
            interview(span("0001-01-01T09:00", "0001-01-01T10:00")), Some("starts_at")),
        bad("a press conference in no time zone", M::POST, CONFERENCES, po, conference(json!({"time_zone": "Hanoi"})), Some("time_zone")),
        bad("a press conference ending as it starts", M::POST, CONFERENCES, po,
            conference(span("2026-12-02T14:00", "2026-12-02T14:00")), Some("ends_at")),
        bad("10,000-character press conference topics", M::POST, CONFERENCES, po, conference(json!({"topics": long})), Some("topics")),
        bad("a weekly press conference", M::POST, CONFERENCES, po, conference(json!({"kind": "weekly"})), Some("kind")),
        bad("a nameless attendee", M::POST, &attendees, po, Some(attendee_body("NHK", "", None)), Some("name")),
        bad("an unknown action", M::POST, &format!("{acc}/transitions"), fa, Some(json!({"action": "archive"})), Some("action")),
        bad("a review that is 'maybe'", M::PUT, &format!("{acc}/security-review"), police, Some(json!({"status": "maybe"})), Some("status")),
        bad("a reporter id that is no number", M::GET, &format!("{REPORTERS}/abc"), fa, None, None),
        bad("a status that does not exist", M::GET, &format!("{ACCREDITATIONS}?status=lost"), fa, None, None),
        bad("a date that is not one", M::GET, &format!("{INTERVIEWS}?from=yesterday"), fa, None, Some("from")),
    ];
    for list in [REPORTERS, ACCREDITATIONS, INTERVIEWS, CONFERENCES] {
        for limit in ["0", "501", "-1", "many"] {
            let path = format!("{list}?limit={limit}");
            cases.push(bad(
                "a limit out of range",
                M::GET,
                &path,
                fa,
                None,
                Some("limit"),
            ));
        }
        for cursor in [
            "not-a-cursor!!".to_owned(),
            forged(r#"["x"]"#),
            forged("{}"),
            forged("[99999999999999999999]"),
            forged(r#"["9999-99-99", 1]"#),
            "A".repeat(2000),
        ] {
            let path = format!("{list}?cursor={cursor}");
            cases.push(bad(
                "a forged cursor",
                M::GET,
                &path,
                fa,
                None,
                Some("cursor"),
            ));
        }
    }

    let before = audit_len(&app).await;
    let mut wrong = Vec::new();
    for case in cases {
        let reply = app
            .send(
                case.method.clone(),
                &case.path,
                Some(&case.token),
                case.body,
            )
            .await;
        let status = reply.status.as_u16();
        let is_problem =
            reply.header("content-type").as_deref() == Some("application/problem+json");
        if !(400..500).contains(&status) || !is_problem {
            wrong.push(format!(
                "{} ({} {}): {status} {}",
                case.what,
                case.method,
                case.path,
                reply.text()
            ));
        } else if let (422, Some(field)) = (status, case.field) {
            let body = reply.json();
            if !fields(&body).iter().any(|f| f == field) {
                wrong.push(format!("{}: 422 without {field}: {body}", case.what));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(audit_len(&app).await, before);
}

/// PATCHes `path` with `If-Match: etag`.
async fn patch_if_match(app: &TestApp, token: &str, path: &str, etag: &str, body: Value) -> Reply {
    app.finish(
        app.request(Method::PATCH, path)
            .bearer_auth(token)
            .insert_header(("If-Match", etag))
            .send_json(&body),
    )
    .await
}

async fn a_patch_with_a_stale_if_match_is_412_and_changes_nothing(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.clone();
    let po = cast.provincial_office.token.clone();
    let acc = accreditation_in(&app, &cast, &[r.foreign], "draft").await;
    let interview = interview_from(
        &app,
        &cast,
        interview_body(&[r.domestic], None),
        "requested",
    )
    .await;
    let conference = conference_in(&app, &cast, "planned").await;
    let cases = [
        (
            reporter_path(r.foreign),
            &fa,
            json!({"position": "camera"}),
            json!({"position": "producer"}),
        ),
        (
            accreditation_path(acc),
            &fa,
            json!({"topics": "Nông nghiệp"}),
            json!({"topics": "Du lịch"}),
        ),
        (
            interview_path(interview),
            &po,
            json!({"place": "Nhà khách"}),
            json!({"place": "Hội trường"}),
        ),
        (
            conference_path(conference),
            &po,
            json!({"venue": "Hội trường A"}),
            json!({"venue": "Hội trường B"}),
        ),
    ];
    for (path, token, first, second) in cases {
        let read = app.get(&path, token).await;
        let old = read.header("etag").unwrap();
        let changed = patch_if_match(&app, token, &path, &old, first).await;
        let after = changed.ok(200);
        let new = changed.header("etag").unwrap();
        assert_ne!(old, new, "{path}");
        let before = audit_len(&app).await;

        for stale in [old.as_str(), "\"999\"", "garbage"] {
            patch_if_match(&app, token, &path, stale, second.clone())
                .await
                .problem(412);
        }

        let now = app.get(&path, token).await;
        assert_eq!(now.header("etag").as_deref(), Some(new.as_str()), "{path}");
        let now = now.ok(200);
        for (key, value) in after.as_object().unwrap() {
            // The reporter's page adds its accreditations and interviews.
            assert_eq!(&now[key], value, "{path}: {key}");
        }
        assert_eq!(audit_len(&app).await, before, "{path}");
        patch_if_match(&app, token, &path, &new, second)
            .await
            .ok(200);
    }
}
