//! The delegation workflow (DESIGN.md, "Workflows"): every action from every
//! state by every role answers as the design's table says; the happy path in
//! both directions; what each action needs.

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;

use crate::fixtures::{
    self, Cast, act, act_with, add_item, add_member, create, delegation_body, item_body,
    member_body, merged, path, payload,
};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    every_action_from_every_state_by_every_role_answers_as_the_table_says,
    an_incoming_delegation_goes_the_whole_way,
    an_outgoing_delegation_goes_the_whole_way,
    actions_without_what_they_need_are_422_naming_the_field,
    submit_needs_a_member_and_an_itinerary_item,
    complete_before_the_end_date_is_409,
    two_actions_at_once_one_wins_and_the_other_is_409,
    an_action_records_only_what_it_takes,
);

/// One row of the table: action, from, to, who.
type Row = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

/// DESIGN.md's delegation workflow, row by row: action, from, to, who. Kept
/// here, apart from the product's own table, so that the test checks it.
/// The administrator may take every action (DESIGN.md, "Roles").
#[rustfmt::skip]
const DESIGN_TABLE: &[Row] = &[
    ("submit",   &["draft"],     "submitted", &["host_unit", "foreign_affairs"]),
    ("return",   &["submitted"], "draft",     &["foreign_affairs"]),
    ("appraise", &["submitted"], "appraised", &["foreign_affairs"]),
    ("approve",  &["appraised"], "approved",  &["provincial_office"]),
    ("reject",   &["appraised"], "rejected",  &["provincial_office"]),
    ("complete", &["approved"],  "completed", &["foreign_affairs", "host_unit"]),
    ("report",   &["completed"], "reported",  &["host_unit", "foreign_affairs"]),
    // "its host unit (draft only), foreign_affairs, provincial_office"
    ("cancel",   &["draft"],     "cancelled", &["host_unit"]),
    ("cancel",   &["draft", "submitted", "appraised", "approved"],
                                 "cancelled", &["foreign_affairs", "provincial_office"]),
];

const ACTIONS: [&str; 8] = [
    "submit", "return", "appraise", "approve", "reject", "complete", "report", "cancel",
];

const STATES: [&str; 8] = [
    "draft",
    "submitted",
    "appraised",
    "approved",
    "rejected",
    "completed",
    "reported",
    "cancelled",
];

/// What the design says a client gets.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// 200, and the delegation is now in this state.
    Go(&'static str),
    /// 403: the role may not take this action (here).
    Forbidden,
    /// 409: not from this state; these states would allow it (for this role).
    WrongState(Vec<&'static str>),
}

/// What the table says of `action` from `state` by `role`: a role that may
/// never take the action gets 403; one that may, but not from here, 409
/// with the states it may take it from; and where the action is open from
/// here to other roles only (a host unit cancelling after submission), 403.
fn expected(action: &str, state: &str, role: &str) -> Expect {
    let rows: Vec<&Row> = DESIGN_TABLE.iter().filter(|r| r.0 == action).collect();
    let takes = |row: &Row| role == "admin" || row.3.contains(&role);
    if let Some(row) = rows.iter().find(|r| takes(r) && r.1.contains(&state)) {
        return Expect::Go(row.2);
    }
    if !rows.iter().any(|r| takes(r)) {
        return Expect::Forbidden;
    }
    if rows.iter().any(|r| r.1.contains(&state)) {
        return Expect::Forbidden;
    }
    let mut allowed: Vec<&'static str> = Vec::new();
    for row in rows.iter().filter(|r| takes(r)) {
        for from in row.1 {
            if !allowed.contains(from) {
                allowed.push(from);
            }
        }
    }
    Expect::WrongState(allowed)
}

/// What the client got, in the terms of [`Expect`]; `Err` describes anything else.
async fn observed(
    app: &TestApp,
    token: &str,
    id: i64,
    action: &str,
    state: &str,
) -> Result<Expect, String> {
    let reply = act(app, token, id, action).await;
    match reply.status.as_u16() {
        200 => {
            let body = reply.json();
            let status = body["status"].as_str().unwrap_or_default().to_owned();
            STATES
                .into_iter()
                .find(|s| *s == status)
                .map(Expect::Go)
                .ok_or_else(|| format!("200 with status {status:?}"))
        }
        403 => {
            reply.problem(403);
            Ok(Expect::Forbidden)
        }
        409 => {
            let body = reply.problem(409);
            let mut allowed: Vec<&'static str> = Vec::new();
            for state in body["allowed_from"].as_array().into_iter().flatten() {
                match STATES.into_iter().find(|s| state == s) {
                    Some(s) => allowed.push(s),
                    None => return Err(format!("409 with allowed_from {body}")),
                }
            }
            if body["allowed_from"].is_array() && body["current_status"] == state {
                Ok(Expect::WrongState(allowed))
            } else {
                Err(format!("409 without current_status/allowed_from: {body}"))
            }
        }
        other => Err(format!("{other}: {}", reply.text())),
    }
}

fn same(a: &Expect, b: &Expect) -> bool {
    match (a, b) {
        (Expect::WrongState(x), Expect::WrongState(y)) => {
            let (mut x, mut y) = (x.clone(), y.clone());
            x.sort_unstable();
            y.sort_unstable();
            x == y
        }
        _ => a == b,
    }
}

async fn every_action_from_every_state_by_every_role_answers_as_the_table_says(app: TestApp) {
    // Arrange: one delegation in each state for the answers that change nothing.
    let cast = Cast::new(&app).await;
    let mut standing = Vec::new();
    for state in STATES {
        standing.push(fixtures::delegation_in(&app, &cast, "incoming", state).await);
    }
    let before = snapshot(&app, &standing).await;

    // Act and assert: every cell of action × state × role.
    let mut wrong = Vec::new();
    let mut refused_but_changed = false;
    for action in ACTIONS {
        for (state, standing_id) in STATES.into_iter().zip(standing.clone()) {
            for role in Role::ALL {
                let want = expected(action, state, role.as_str());
                let id = match want {
                    // A fresh delegation for each change, so the others stay as they are.
                    Expect::Go(_) => fixtures::delegation_in(&app, &cast, "incoming", state).await,
                    _ => standing_id,
                };
                let got = observed(&app, cast.token(role), id, action, state).await;
                if !matches!(&got, Ok(g) if same(g, &want)) {
                    wrong.push(format!(
                        "{action} from {state} by {role}: expected {want:?}, got {got:?}"
                    ));
                }
                if id == standing_id && matches!(got, Ok(Expect::Go(_))) {
                    // Put a fresh one in its place, so one wrong cell does not hide behind another.
                    refused_but_changed = true;
                    let i = STATES.iter().position(|s| *s == state).unwrap();
                    standing[i] = fixtures::delegation_in(&app, &cast, "incoming", state).await;
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cell(s) differ from DESIGN.md:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // The refused actions changed nothing.
    assert!(!refused_but_changed);
    assert_eq!(snapshot(&app, &standing).await, before);
}

/// The (status, version) of each delegation.
async fn snapshot(app: &TestApp, ids: &[i64]) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    for id in ids {
        let d = app.get(&path(*id), &app.admin_token).await.ok(200);
        out.push((d["status"].clone(), d["version"].clone()));
    }
    out
}

/// How [`expected`] reads the design's table, on a few cells.
#[test]
fn the_expectations_read_the_table_as_designed() {
    assert_eq!(
        expected("approve", "appraised", "provincial_office"),
        Expect::Go("approved")
    );
    assert_eq!(
        expected("approve", "appraised", "foreign_affairs"),
        Expect::Forbidden
    );
    assert_eq!(
        expected("cancel", "submitted", "host_unit"),
        Expect::Forbidden
    );
    assert_eq!(
        expected("cancel", "submitted", "admin"),
        Expect::Go("cancelled")
    );
    assert_eq!(
        expected("cancel", "reported", "foreign_affairs"),
        Expect::WrongState(vec!["draft", "submitted", "appraised", "approved"])
    );
    assert_eq!(
        expected("cancel", "cancelled", "host_unit"),
        Expect::WrongState(vec!["draft"])
    );
    assert_eq!(expected("report", "draft", "police"), Expect::Forbidden);
    assert_eq!(expected("submit", "approved", "viewer"), Expect::Forbidden);
}

async fn an_incoming_delegation_goes_the_whole_way(app: TestApp) {
    the_whole_way(app, "incoming", "DV").await;
}

async fn an_outgoing_delegation_goes_the_whole_way(app: TestApp) {
    the_whole_way(app, "outgoing", "DR").await;
}

/// Draft → submitted → returned → submitted → appraised → approved →
/// completed → reported, each step by the role the design names.
async fn the_whole_way(app: TestApp, direction: &str, prefix: &str) {
    let cast = Cast::new(&app).await;
    let host = cast.host.token.as_str();
    let fa = cast.foreign_affairs.token.as_str();
    let po = cast.provincial_office.token.as_str();
    let created = create(&app, host, delegation_body(direction, cast.host_unit)).await;
    let id = created["id"].as_i64().unwrap();
    assert!(
        created["reference"].as_str().unwrap().starts_with(prefix),
        "{created}"
    );
    assert_eq!(created["status"], "draft");
    add_member(&app, host, id, member_body("Tanaka Hiroshi")).await;
    add_item(
        &app,
        host,
        id,
        item_body("2025-03-11T09:00", "2025-03-11T11:00"),
    )
    .await;

    let submitted = act(&app, host, id, "submit").await.ok(200);
    assert_eq!(submitted["status"], "submitted");
    assert!(submitted["returned_note"].is_null());

    let returned = act_with(
        &app,
        fa,
        id,
        json!({"action": "return", "note": "Bổ sung số hộ chiếu của phiên dịch"}),
    )
    .await
    .ok(200);
    assert_eq!(returned["status"], "draft");
    assert_eq!(
        returned["returned_note"],
        "Bổ sung số hộ chiếu của phiên dịch"
    );

    let resubmitted = act_with(&app, host, id, json!({"action": "submit"}))
        .await
        .ok(200);
    assert_eq!(resubmitted["status"], "submitted");
    assert!(resubmitted["returned_note"].is_null(), "{resubmitted}");

    let appraised = act_with(
        &app,
        fa,
        id,
        json!({"action": "appraise", "recommendation": "approve", "note": "Đề nghị đồng ý"}),
    )
    .await
    .ok(200);
    assert_eq!(appraised["status"], "appraised");
    assert_eq!(
        appraised["appraisal"],
        json!({"recommendation": "approve", "note": "Đề nghị đồng ý"})
    );

    let approved = act_with(
        &app,
        po,
        id,
        json!({"action": "approve", "decision_number": "215/QĐ-UBND", "decision_date": "2025-03-05"}),
    )
    .await
    .ok(200);
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["decision"]["number"], "215/QĐ-UBND");
    assert_eq!(approved["decision"]["date"], "2025-03-05");
    assert_eq!(
        approved["decision"]["decided_by"],
        cast.provincial_office.id
    );

    let completed = act_with(&app, host, id, json!({"action": "complete"}))
        .await
        .ok(200);
    assert_eq!(completed["status"], "completed");
    assert!(completed["report"].is_null());

    let before_report = chrono::Utc::now() - chrono::Duration::seconds(5);
    let reported = act_with(
        &app,
        host,
        id,
        json!({"action": "report", "report": "Đoàn đã hoàn thành chương trình làm việc."}),
    )
    .await
    .ok(200);
    assert_eq!(reported["status"], "reported");
    assert_eq!(
        reported["report"]["text"],
        "Đoàn đã hoàn thành chương trình làm việc."
    );
    let at =
        chrono::DateTime::parse_from_rfc3339(reported["report"]["submitted_at"].as_str().unwrap())
            .unwrap();
    assert!(at >= before_report, "{reported}");
    // The earlier steps are still on record.
    assert_eq!(reported["decision"]["number"], "215/QĐ-UBND");
    assert_eq!(reported["appraisal"]["recommendation"], "approve");
    assert_eq!(reported, app.get(&path(id), fa).await.ok(200));

    let history = app.get(&format!("{}/history", path(id)), fa).await.ok(200);
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "create",
            "add_member",
            "add_item",
            "submit",
            "return",
            "submit",
            "appraise",
            "approve",
            "complete",
            "report"
        ]
    );
}

async fn actions_without_what_they_need_are_422_naming_the_field(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let po = cast.provincial_office.token.as_str();
    let draft = fixtures::delegation_in(&app, &cast, "incoming", "draft").await;
    let submitted = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let appraised = fixtures::delegation_in(&app, &cast, "incoming", "appraised").await;
    let completed = fixtures::delegation_in(&app, &cast, "incoming", "completed").await;
    let without = |action: &str, field: &str| {
        let mut body = payload(action);
        body.as_object_mut().unwrap().remove(field);
        body
    };
    let cases: Vec<(i64, &str, Value, &str)> = vec![
        (submitted, fa, without("return", "note"), "note"),
        (submitted, fa, json!({"action": "archive"}), "action"),
        (
            submitted,
            fa,
            merged(payload("appraise"), json!({"recommendation": "maybe"})),
            "recommendation",
        ),
        (
            appraised,
            po,
            merged(payload("approve"), json!({"decision_number": "  "})),
            "decision_number",
        ),
        (
            appraised,
            po,
            merged(payload("approve"), json!({"decision_date": "05/03/2025"})),
            "decision_date",
        ),
        (
            submitted,
            fa,
            merged(payload("return"), json!({"note": "   "})),
            "note",
        ),
        (draft, fa, without("cancel", "note"), "note"),
        (submitted, fa, without("appraise", "note"), "note"),
        (
            submitted,
            fa,
            without("appraise", "recommendation"),
            "recommendation",
        ),
        (
            appraised,
            po,
            without("approve", "decision_number"),
            "decision_number",
        ),
        (
            appraised,
            po,
            without("approve", "decision_date"),
            "decision_date",
        ),
        (
            appraised,
            po,
            without("reject", "decision_number"),
            "decision_number",
        ),
        (
            appraised,
            po,
            without("reject", "decision_date"),
            "decision_date",
        ),
        (completed, fa, without("report", "report"), "report"),
        (
            completed,
            fa,
            merged(payload("report"), json!({"report": ""})),
            "report",
        ),
    ];
    let before = app.audit_entries().await.len();
    for (id, token, body, field) in cases {
        let state = app.get(&path(id), fa).await.ok(200);
        let problem = act_with(&app, token, id, body.clone()).await.problem(422);
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{body}: {problem}");
        assert_eq!(app.get(&path(id), fa).await.ok(200), state, "{body}");
    }
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn submit_needs_a_member_and_an_itinerary_item(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let body = delegation_body("incoming", cast.host_unit);
    let empty = create(&app, fa, body.clone()).await["id"].as_i64().unwrap();
    let members_only = create(&app, fa, body.clone()).await["id"].as_i64().unwrap();
    add_member(&app, fa, members_only, member_body("Tanaka Hiroshi")).await;
    let items_only = create(&app, fa, body).await["id"].as_i64().unwrap();
    add_item(
        &app,
        fa,
        items_only,
        item_body("2025-03-11T09:00", "2025-03-11T10:00"),
    )
    .await;

    let before = app.audit_entries().await.len();
    for id in [empty, members_only, items_only] {
        let problem = act(&app, fa, id, "submit").await.problem(409);
        let detail = problem["detail"].as_str().unwrap();
        assert!(
            detail.contains("member") && detail.contains("item"),
            "{problem}"
        );
        assert_eq!(app.get(&path(id), fa).await.ok(200)["status"], "draft");
    }
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn complete_before_the_end_date_is_409(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let today = province_today();
    let start = today.checked_add_days(Days::new(10)).unwrap();
    let end: NaiveDate = start.checked_add_days(Days::new(2)).unwrap();
    let id = fixtures::draft_from(
        &app,
        &cast,
        merged(
            delegation_body("incoming", cast.host_unit),
            json!({"start_date": start, "end_date": end}),
        ),
    )
    .await;
    fixtures::walk(&app, &cast, id, "approved").await;

    let before = app.audit_entries().await.len();
    let problem = act(&app, fa, id, "complete").await.problem(409);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains(&end.to_string()),
        "{problem}"
    );
    assert_eq!(app.get(&path(id), fa).await.ok(200)["status"], "approved");
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn two_actions_at_once_one_wins_and_the_other_is_409(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let mut submitted = Vec::new();
    for _ in 0..5 {
        submitted.push(fixtures::delegation_in(&app, &cast, "incoming", "submitted").await);
    }

    // Sở Ngoại vụ appraises and returns each one at the same moment.
    let races = submitted
        .iter()
        .flat_map(|id| [act(&app, fa, *id, "appraise"), act(&app, fa, *id, "return")]);
    let replies = futures_util::future::join_all(races).await;

    for (id, pair) in submitted.iter().zip(replies.chunks(2)) {
        let mut statuses: Vec<u16> = pair.iter().map(|r| r.status.as_u16()).collect();
        statuses.sort_unstable();
        // The loser meets a state the action is not open from: 409, as
        // DESIGN.md says; it sent no If-Match, so a 412 would make no sense to it.
        assert_eq!(
            statuses,
            [200, 409],
            "{id}: {} / {}",
            pair[0].text(),
            pair[1].text()
        );
        let winner = pair.iter().find(|r| r.status == 200).unwrap().json();
        let d = app.get(&path(*id), fa).await.ok(200);
        assert_eq!(d["status"], winner["status"]);
        assert_eq!(d["version"], winner["version"]);
    }
}

async fn an_action_records_only_what_it_takes(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::draft(&app, &cast, "incoming").await;

    // Every field of every action is sent each time (see `payload`).
    let submitted = act(&app, fa, id, "submit").await.ok(200);
    let appraised = act(&app, fa, id, "appraise").await.ok(200);
    let approved = act(&app, &cast.provincial_office.token, id, "approve")
        .await
        .ok(200);

    for d in [&submitted, &appraised, &approved] {
        assert!(d["report"].is_null(), "{d}");
        assert!(d["returned_note"].is_null(), "{d}");
    }
    assert!(submitted["appraisal"].is_null() && submitted["decision"].is_null());
    assert!(appraised["decision"].is_null(), "{appraised}");
    assert_eq!(appraised["appraisal"]["note"], "Ghi chú: appraise");
    assert_eq!(approved["appraisal"], appraised["appraisal"]);
    assert_eq!(approved["decision"]["number"], "1234/QĐ-UBND");
    // Each action's note lands in the history with it.
    let history = app.get(&format!("{}/history", path(id)), fa).await.ok(200);
    let notes: Vec<(&str, &str)> = fixtures::items(&history)
        .iter()
        .skip(3)
        .map(|e| (e["action"].as_str().unwrap(), e["note"].as_str().unwrap()))
        .collect();
    assert_eq!(
        notes,
        [
            ("submit", "Ghi chú: submit"),
            ("appraise", "Ghi chú: appraise"),
            ("approve", "Ghi chú: approve")
        ]
    );
}
