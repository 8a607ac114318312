//! The press side's workflows (DESIGN.md, "Workflows"): every action of the
//! accreditation, interview and press conference workflows, from every
//! state, by every role, answers as the design's tables say: 200 into the
//! next state, 403 for a role that may never take the action, 409 with
//! `current_status` and `allowed_from` for one that may but not from here,
//! and 404 for host units, to whom the press side does not exist.

use serde_json::Value;
use visitdesk::domain::role::Role;

use crate::fixtures::Cast;
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    Reporters, accreditation_in, accreditation_path, act_on, conference_in, conference_path,
    interview_in, interview_path, review,
};

on_both_engines!(
    every_accreditation_action_from_every_state_by_every_role_answers_as_the_table_says,
    every_interview_action_from_every_state_by_every_role_answers_as_the_table_says,
    every_press_conference_action_from_every_state_by_every_role_answers_as_the_table_says,
);

/// One row of a table: action, from, to, who. The administrator may take
/// every action (DESIGN.md, "Roles") and is not listed.
type Row = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

/// DESIGN.md's accreditation workflow, kept here apart from the product's
/// own table so that the test checks it.
#[rustfmt::skip]
const ACCREDITATION: &[Row] = &[
    ("submit",   &["draft"],                          "submitted", &["foreign_affairs"]),
    ("approve",  &["submitted"],                      "approved",  &["foreign_affairs"]),
    ("reject",   &["submitted"],                      "rejected",  &["foreign_affairs"]),
    ("revoke",   &["approved"],                       "revoked",   &["foreign_affairs", "police"]),
    ("complete", &["approved"],                       "completed", &["foreign_affairs"]),
    ("cancel",   &["draft", "submitted", "approved"], "cancelled", &["foreign_affairs"]),
];

const ACCREDITATION_STATES: &[&str] = &[
    "draft",
    "submitted",
    "approved",
    "rejected",
    "revoked",
    "completed",
    "cancelled",
];

/// The interview workflow: the Provincial Office approves; it or Sở Ngoại
/// vụ (which prepares interviews with foreign reporters) completes or cancels.
#[rustfmt::skip]
const INTERVIEW: &[Row] = &[
    ("approve",  &["requested"],             "approved",  &["provincial_office"]),
    ("complete", &["approved"],              "done",      &["provincial_office", "foreign_affairs"]),
    ("cancel",   &["requested", "approved"], "cancelled", &["provincial_office", "foreign_affairs"]),
];

const INTERVIEW_STATES: &[&str] = &["requested", "approved", "done", "cancelled"];

/// The press conference workflow: the Provincial Office's alone.
#[rustfmt::skip]
const CONFERENCE: &[Row] = &[
    ("announce", &["planned"],              "announced", &["provincial_office"]),
    ("complete", &["announced"],            "held",      &["provincial_office"]),
    ("cancel",   &["planned", "announced"], "cancelled", &["provincial_office"]),
];

const CONFERENCE_STATES: &[&str] = &["planned", "announced", "held", "cancelled"];

/// The three workflows of the press side.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Flow {
    Accreditation,
    Interview,
    Conference,
}

impl Flow {
    fn table(self) -> &'static [Row] {
        match self {
            Flow::Accreditation => ACCREDITATION,
            Flow::Interview => INTERVIEW,
            Flow::Conference => CONFERENCE,
        }
    }

    fn states(self) -> &'static [&'static str] {
        match self {
            Flow::Accreditation => ACCREDITATION_STATES,
            Flow::Interview => INTERVIEW_STATES,
            Flow::Conference => CONFERENCE_STATES,
        }
    }

    fn actions(self) -> Vec<&'static str> {
        let mut actions = Vec::new();
        for row in self.table() {
            if !actions.contains(&row.0) {
                actions.push(row.0);
            }
        }
        actions
    }

    /// A fresh record in `state`, ready for any action the table allows
    /// from there (a submitted accreditation has a cleared review, which
    /// approval needs); its path.
    async fn record_in(self, app: &TestApp, cast: &Cast, press: Reporters, state: &str) -> String {
        match self {
            Flow::Accreditation => {
                let id = accreditation_in(app, cast, &[press.foreign], state).await;
                if state == "submitted" {
                    review(app, &cast.police.token, id, "cleared").await.ok(200);
                }
                accreditation_path(id)
            }
            Flow::Interview => interview_path(interview_in(app, cast, press.domestic, state).await),
            Flow::Conference => conference_path(conference_in(app, cast, state).await),
        }
    }
}

/// What the design says a client gets.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// 200, and the record is now in this state.
    Go(&'static str),
    /// 403: the role may never take this action.
    Forbidden,
    /// 409: not from this state; these states would allow it.
    WrongState(Vec<&'static str>),
    /// 404: the press side does not exist for this role.
    NotFound,
}

/// What `table` says of `action` from `state` by `role`.
fn expected(table: &[Row], action: &str, state: &str, role: &str) -> Expect {
    if role == "host_unit" {
        return Expect::NotFound;
    }
    let row = table
        .iter()
        .find(|r| r.0 == action)
        .unwrap_or_else(|| panic!("no action {action} in the table"));
    if role != "admin" && !row.3.contains(&role) {
        Expect::Forbidden
    } else if row.1.contains(&state) {
        Expect::Go(row.2)
    } else {
        Expect::WrongState(row.1.to_vec())
    }
}

/// What the client got, in the terms of [`Expect`]; `Err` describes anything else.
async fn observed(
    app: &TestApp,
    flow: Flow,
    token: &str,
    path: &str,
    action: &str,
    state: &str,
) -> Result<Expect, String> {
    let reply = act_on(app, token, path, action).await;
    let known = |name: &Value| flow.states().iter().copied().find(|s| name == s);
    match reply.status.as_u16() {
        200 => {
            let body = reply.json();
            known(&body["status"])
                .map(Expect::Go)
                .ok_or_else(|| format!("200 with status {}", body["status"]))
        }
        403 => {
            reply.problem(403);
            Ok(Expect::Forbidden)
        }
        404 => {
            reply.problem(404);
            Ok(Expect::NotFound)
        }
        409 => {
            let body = reply.problem(409);
            let Some(listed) = body["allowed_from"].as_array() else {
                return Err(format!("409 without allowed_from: {body}"));
            };
            if body["current_status"] != state {
                return Err(format!("409 with the wrong current_status: {body}"));
            }
            listed
                .iter()
                .map(|s| known(s).ok_or_else(|| format!("409 with allowed_from {body}")))
                .collect::<Result<Vec<_>, _>>()
                .map(Expect::WrongState)
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

/// The (status, version) of each record.
async fn snapshot(app: &TestApp, paths: &[String]) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    for path in paths {
        let r = app.get(path, &app.admin_token).await.ok(200);
        out.push((r["status"].clone(), r["version"].clone()));
    }
    out
}

/// Every cell of action × state × role of `flow`: one standing record per
/// state for the answers that change nothing, a fresh one for each 200.
async fn every_cell_answers_as_the_table_says(app: TestApp, flow: Flow) {
    // Arrange
    let cast = Cast::new(&app).await;
    let press = Reporters::new(&app, &cast).await;
    let mut standing = Vec::new();
    for state in flow.states() {
        standing.push(flow.record_in(&app, &cast, press, state).await);
    }
    let before = snapshot(&app, &standing).await;

    // Act and assert
    let mut wrong = Vec::new();
    let mut refused_but_changed = false;
    for action in flow.actions() {
        for (i, state) in flow.states().iter().enumerate() {
            for role in Role::ALL {
                let want = expected(flow.table(), action, state, role.as_str());
                let path = match want {
                    Expect::Go(_) => flow.record_in(&app, &cast, press, state).await,
                    _ => standing[i].clone(),
                };
                let got = observed(&app, flow, cast.token(role), &path, action, state).await;
                if !matches!(&got, Ok(g) if same(g, &want)) {
                    wrong.push(format!(
                        "{action} from {state} by {role}: expected {want:?}, got {got:?}"
                    ));
                }
                if path == standing[i] && matches!(got, Ok(Expect::Go(_))) {
                    // Put a fresh one in its place, so one wrong cell does not hide another.
                    refused_but_changed = true;
                    standing[i] = flow.record_in(&app, &cast, press, state).await;
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cell(s) of the {flow:?} workflow differ from DESIGN.md:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // The refused actions changed nothing.
    assert!(!refused_but_changed);
    assert_eq!(snapshot(&app, &standing).await, before);
}

async fn every_accreditation_action_from_every_state_by_every_role_answers_as_the_table_says(
    app: TestApp,
) {
    every_cell_answers_as_the_table_says(app, Flow::Accreditation).await;
}

async fn every_interview_action_from_every_state_by_every_role_answers_as_the_table_says(
    app: TestApp,
) {
    every_cell_answers_as_the_table_says(app, Flow::Interview).await;
}

async fn every_press_conference_action_from_every_state_by_every_role_answers_as_the_table_says(
    app: TestApp,
) {
    every_cell_answers_as_the_table_says(app, Flow::Conference).await;
}

/// How [`expected`] reads the design's tables, on a few cells.
#[test]
fn the_expectations_read_the_tables_as_designed() {
    assert_eq!(
        expected(ACCREDITATION, "revoke", "approved", "police"),
        Expect::Go("revoked")
    );
    assert_eq!(
        expected(ACCREDITATION, "approve", "submitted", "police"),
        Expect::Forbidden
    );
    assert_eq!(
        expected(ACCREDITATION, "cancel", "revoked", "admin"),
        Expect::WrongState(vec!["draft", "submitted", "approved"])
    );
    assert_eq!(
        expected(ACCREDITATION, "submit", "draft", "host_unit"),
        Expect::NotFound
    );
    assert_eq!(
        expected(INTERVIEW, "complete", "approved", "foreign_affairs"),
        Expect::Go("done")
    );
    assert_eq!(
        expected(INTERVIEW, "approve", "requested", "foreign_affairs"),
        Expect::Forbidden
    );
    assert_eq!(
        expected(CONFERENCE, "complete", "planned", "provincial_office"),
        Expect::WrongState(vec!["announced"])
    );
    assert_eq!(
        expected(CONFERENCE, "announce", "planned", "viewer"),
        Expect::Forbidden
    );
    assert_eq!(Flow::Accreditation.actions().len(), 6);
}
