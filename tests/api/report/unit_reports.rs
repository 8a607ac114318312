//! A unit's half-year or annual report (issue 17; DESIGN.md, "Reports"):
//! every action from every state by every party answers as the workflow
//! table says; the sections are written while the unit holds the report,
//! with `If-Match`; strangers meet 404; bad input changes nothing; every
//! change is in the audit; the compiling unit's overview and the inboxes
//! show who is late and what was returned.

use serde_json::{Value, json};
use visitdesk::domain::report::ReportSettings;
use visitdesk::domain::report::workflow::last_due;
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;
use visitdesk::domain::unit::UnitKind;

use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;

on_both_engines!(
    every_action_from_every_state_by_every_party_answers_as_the_table_says,
    the_unit_writes_its_sections_while_it_holds_the_report,
    strangers_do_not_see_a_units_report,
    bad_input_is_refused_and_writes_nothing,
    the_overview_shows_every_unit_and_who_is_late,
    late_units_and_returned_reports_reach_the_inboxes,
    the_compiling_unit_must_be_a_unit,
    the_province_name_is_trimmed_bounded_and_audited,
);

/// A compiling unit that does not exist would leave every report waiting
/// on nobody: 422 naming the field, and the settings stay as they were.
async fn the_compiling_unit_must_be_a_unit(app: TestApp) {
    let before = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    let refused = app
        .patch(
            "/api/v1/settings",
            &app.admin_token,
            json!({"reports": {
                "half_year_cutoff": {"day": 15, "month": 6},
                "year_cutoff": {"day": 15, "month": 12},
                "compiling_unit": 999_999,
            }}),
        )
        .await
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "reports.compiling_unit");
    assert_eq!(
        app.get("/api/v1/settings", &app.admin_token).await.ok(200),
        before
    );
}

/// The province's name on the reports: trimmed and kept, its change in
/// the audit; too long, with a control character or not text, 422 naming
/// `reports.province_name` and nothing written; the document says so.
async fn the_province_name_is_trimmed_bounded_and_audited(app: TestApp) {
    let reports = |name: Value| {
        json!({"reports": {
            "half_year_cutoff": {"day": 15, "month": 6},
            "year_cutoff": {"day": 15, "month": 12},
            "compiling_unit": null,
            "province_name": name,
        }})
    };
    let fresh = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(fresh["reports"]["province_name"], "", "{fresh}");
    let saved = app
        .patch(
            "/api/v1/settings",
            &app.admin_token,
            reports(json!("  Bình Định ")),
        )
        .await
        .ok(200);
    assert_eq!(saved["reports"]["province_name"], "Bình Định");
    let entry = app.audit_entries().await.pop().unwrap();
    let changes = entry.changes;
    assert_eq!(
        changes["reports"]["to"]["province_name"], "Bình Định",
        "{changes}"
    );

    let before = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    let entries = app.audit_entries().await.len();
    for (bad, says) in [
        (json!("Đ".repeat(61)), "at most 60 characters"),
        (json!("Bình\u{7}Định"), "control characters"),
        (json!("Bình\nĐịnh"), "control characters"),
        (json!(5), "invalid type"),
    ] {
        let refused = app
            .patch("/api/v1/settings", &app.admin_token, reports(bad.clone()))
            .await
            .problem(422);
        assert_eq!(
            refused["errors"][0]["field"], "reports.province_name",
            "{bad}: {refused}"
        );
        let message = refused["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "{bad}: {message}");
    }
    // Sixty characters are kept.
    assert_eq!(
        app.get("/api/v1/settings", &app.admin_token).await.ok(200),
        before
    );
    assert_eq!(app.audit_entries().await.len(), entries, "nothing written");
    let sixty = "Đ".repeat(60);
    let saved = app
        .patch("/api/v1/settings", &app.admin_token, reports(json!(sixty)))
        .await
        .ok(200);
    assert_eq!(saved["reports"]["province_name"], sixty.as_str());

    let doc: Value = serde_json::from_str(&visitdesk::openapi::document_json()).unwrap();
    let field = &doc["components"]["schemas"]["ReportSettings"]["properties"]["province_name"];
    assert_eq!(field["maxLength"], 60, "{field}");
    assert!(
        field["description"]
            .as_str()
            .is_some_and(|d| d.contains("reports.province_name")),
        "{field}"
    );
}

/// A row of the workflow: action, from, to, parties. The administrator may
/// take every action and is not listed. Kept apart from the product's
/// table so that the test checks it.
type Row = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

#[rustfmt::skip]
const WORKFLOW: &[Row] = &[
    ("submit", &["draft", "returned"], "submitted", &["unit"]),
    ("return", &["submitted"],         "returned",  &["compiler"]),
    ("accept", &["submitted"],         "accepted",  &["compiler"]),
];

const STATES: &[&str] = &["draft", "submitted", "returned", "accepted"];

/// Who faces a report: writers and viewers of its unit and of the
/// compiling unit (whose members may hold any role: Sở VHTTDL's are
/// `host_unit`), the administrator, and strangers of other units.
#[rustfmt::skip]
const PARTIES: &[(&str, Role)] = &[
    ("admin",           Role::Admin),
    ("unit",            Role::HostUnit),
    ("unit_viewer",     Role::Viewer),
    ("compiler",        Role::ForeignAffairs),
    ("compiler_host",   Role::HostUnit),
    ("compiler_viewer", Role::Viewer),
    ("stranger_host",   Role::HostUnit),
    ("stranger_office", Role::ProvincialOffice),
    ("stranger_police", Role::Police),
];

/// The province for these tests: a reporting unit, a compiling unit set in
/// the settings, another unit, and a user of each party.
struct Province {
    unit: i64,
    other_unit: i64,
    compiling_unit: i64,
    tokens: Vec<(&'static str, String)>,
    /// Periods handed out so far: each new report takes a fresh one, as a
    /// unit has one report per period.
    next_year: std::cell::Cell<i32>,
}

impl Province {
    async fn new(app: &TestApp) -> Province {
        let unit = app.make_unit("Sở Công Thương", UnitKind::Department).await;
        let compiling = app
            .make_unit("Sở Văn hóa, Thể thao và Du lịch", UnitKind::Department)
            .await;
        let other = app
            .make_unit("UBND huyện Mai Châu", UnitKind::District)
            .await;
        let office = app
            .make_unit("Văn phòng UBND tỉnh", UnitKind::ProvincialOffice)
            .await;
        let police = app.make_unit("Công an tỉnh", UnitKind::Police).await;
        set_compiling_unit(app, Some(compiling.get())).await;
        let mut tokens = vec![("admin", app.admin_token.clone())];
        for (party, role) in PARTIES.iter().skip(1) {
            let home = match *party {
                "compiler" | "compiler_host" | "compiler_viewer" => compiling,
                "stranger_host" => other,
                "stranger_office" => office,
                "stranger_police" => police,
                _ => unit,
            };
            let username = party.replace('_', "-");
            app.make_user(&username, *role, Some(home)).await;
            tokens.push((party, app.token(&username).await));
        }
        Province {
            unit: unit.get(),
            other_unit: other.get(),
            compiling_unit: compiling.get(),
            tokens,
            next_year: std::cell::Cell::new(2000),
        }
    }

    fn token(&self, party: &str) -> &str {
        &self.tokens.iter().find(|(p, _)| *p == party).unwrap().1
    }

    fn fresh_period(&self) -> String {
        let year = self.next_year.get();
        self.next_year.set(year + 1);
        format!("{year}-h1")
    }

    /// A report of the reporting unit in `state`, its path.
    async fn report_in(&self, app: &TestApp, state: &str) -> String {
        let period = self.fresh_period();
        let created = app
            .post(
                "/api/v1/unit-reports",
                self.token("unit"),
                json!({"period": period, "results": "Đón 12 đoàn vào, cử 3 đoàn ra."}),
            )
            .await
            .ok(201);
        let path = format!("/api/v1/unit-reports/{}", created["id"]);
        let steps: &[&str] = match state {
            "draft" => &[],
            "submitted" => &["submit"],
            "returned" => &["submit", "return"],
            "accepted" => &["submit", "accept"],
            other => panic!("no state {other}"),
        };
        for step in steps {
            act(app, &app.admin_token, &path, step).await.ok(200);
        }
        path
    }
}

/// Every report, as the administrator lists them.
async fn all_reports(app: &TestApp) -> Value {
    app.get("/api/v1/unit-reports?limit=500", &app.admin_token)
        .await
        .ok(200)
}

/// A PATCH with `If-Match: version`.
async fn patch_at(app: &TestApp, path: &str, token: &str, version: &str, body: Value) -> Reply {
    let sent = app
        .request(awc::http::Method::PATCH, path)
        .bearer_auth(token)
        .insert_header(("If-Match", version))
        .send_json(&body);
    app.finish(sent).await
}

async fn set_compiling_unit(app: &TestApp, unit: Option<i64>) {
    app.patch(
        "/api/v1/settings",
        &app.admin_token,
        json!({"reports": {
            "half_year_cutoff": {"day": 15, "month": 6},
            "year_cutoff": {"day": 15, "month": 12},
            "compiling_unit": unit,
        }}),
    )
    .await
    .ok(200);
}

/// Takes `action`, with a note (returning needs one; the others keep it
/// for the history).
async fn act(app: &TestApp, token: &str, path: &str, action: &str) -> Reply {
    app.post(
        &format!("{path}/transitions"),
        token,
        json!({"action": action, "note": "Bổ sung số liệu quý II"}),
    )
    .await
}

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Go(&'static str),
    Forbidden,
    WrongState(Vec<&'static str>),
    NotFound,
}

fn expected(action: &str, state: &str, party: &str) -> Expect {
    if party.starts_with("stranger") {
        return Expect::NotFound;
    }
    let row = WORKFLOW.iter().find(|r| r.0 == action).unwrap();
    // A member of a party who is a viewer writes nothing; one of the
    // compiling unit is a compiler whatever the role.
    let acts_as = match party {
        "compiler_host" => "compiler",
        other => other,
    };
    if party != "admin" && !row.3.contains(&acts_as) {
        Expect::Forbidden
    } else if row.1.contains(&state) {
        Expect::Go(row.2)
    } else {
        let mut from = row.1.to_vec();
        from.sort_unstable();
        Expect::WrongState(from)
    }
}

async fn observed(app: &TestApp, token: &str, path: &str, action: &str, state: &str) -> Expect {
    let reply = act(app, token, path, action).await;
    match reply.status.as_u16() {
        200 => {
            let status = reply.json()["status"].clone();
            Expect::Go(STATES.iter().copied().find(|s| status == *s).unwrap())
        }
        403 => {
            reply.problem(403);
            Expect::Forbidden
        }
        404 => {
            reply.problem(404);
            Expect::NotFound
        }
        409 => {
            let body = reply.problem(409);
            assert_eq!(body["current_status"], state, "{body}");
            let mut from: Vec<&'static str> = body["allowed_from"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| STATES.iter().copied().find(|x| s == x).unwrap())
                .collect();
            from.sort_unstable();
            Expect::WrongState(from)
        }
        other => panic!("{action} from {state}: {other} {}", reply.text()),
    }
}

async fn every_action_from_every_state_by_every_party_answers_as_the_table_says(app: TestApp) {
    // Arrange: one standing report per state for the answers that change
    // nothing; a fresh one for each 200.
    let province = Province::new(&app).await;
    let mut standing = Vec::new();
    for state in STATES {
        standing.push(province.report_in(&app, state).await);
    }
    let snapshot = |paths: Vec<String>| {
        let app = &app;
        async move {
            let mut out = Vec::new();
            for path in paths {
                let r = app.get(&path, &app.admin_token).await.ok(200);
                out.push((r["status"].clone(), r["version"].clone()));
            }
            out
        }
    };
    let before = snapshot(standing.clone()).await;

    // Act and assert
    let mut wrong = Vec::new();
    for (action, ..) in WORKFLOW {
        for (i, state) in STATES.iter().enumerate() {
            for (party, _) in PARTIES {
                let want = expected(action, state, party);
                let path = match want {
                    Expect::Go(_) => province.report_in(&app, state).await,
                    _ => standing[i].clone(),
                };
                let got = observed(&app, province.token(party), &path, action, state).await;
                if got != want {
                    wrong.push(format!(
                        "{action} from {state} by {party}: expected {want:?}, got {got:?}"
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cell(s) differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // The refused actions changed nothing.
    assert_eq!(snapshot(standing).await, before);
}

async fn the_unit_writes_its_sections_while_it_holds_the_report(app: TestApp) {
    // Arrange
    let p = Province::new(&app).await;

    // Act: begin, write, submit, be returned, write again.
    let created = app
        .post(
            "/api/v1/unit-reports",
            p.token("unit"),
            json!({"period": "2026-h1", "results": "  Đón 12 đoàn vào.  "}),
        )
        .await;
    let body = created.ok(201);
    let id = body["id"].as_i64().unwrap();
    let path = format!("/api/v1/unit-reports/{id}");

    // Assert: as begun.
    assert_eq!(created.header("location").as_deref(), Some(path.as_str()));
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(body["status"], "draft");
    assert_eq!(body["unit_id"], p.unit);
    assert_eq!(body["period"], "2026-h1");
    assert_eq!(body["results"], "Đón 12 đoàn vào.");
    assert_eq!(body["plan"], "");

    // A second report of the same unit and period is refused.
    let again = app
        .post(
            "/api/v1/unit-reports",
            p.token("unit"),
            json!({"period": "2026-h1"}),
        )
        .await;
    assert_eq!(again.problem(409)["existing_id"], id);

    // A stale version is refused and changes nothing.
    let stale = patch_at(
        &app,
        &path,
        p.token("unit"),
        "\"7\"",
        json!({"plan": "Tổ chức 2 đoàn ra"}),
    )
    .await;
    stale.problem(412);
    assert_eq!(app.get(&path, p.token("unit")).await.ok(200)["plan"], "");

    let written = patch_at(
        &app,
        &path,
        p.token("unit"),
        "\"1\"",
        json!({"plan": "Tổ chức 2 đoàn ra", "difficulties": "Thiếu phiên dịch tiếng Hàn"}),
    )
    .await;
    let written_body = written.ok(200);
    assert_eq!(written.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(written_body["plan"], "Tổ chức 2 đoàn ra");
    assert_eq!(written_body["results"], "Đón 12 đoàn vào.");

    // The compiling unit reads but does not write the unit's words.
    app.patch(&path, p.token("compiler"), json!({"plan": "x"}))
        .await
        .problem(403);
    app.patch(&path, p.token("unit_viewer"), json!({"plan": "x"}))
        .await
        .problem(403);
    assert_eq!(
        app.get(&path, p.token("compiler")).await.ok(200)["status"],
        "draft"
    );

    act(&app, p.token("unit"), &path, "submit").await.ok(200);
    let locked = app
        .patch(&path, p.token("unit"), json!({"plan": "x"}))
        .await;
    locked.problem(409);

    let returned = app
        .post(
            &format!("{path}/transitions"),
            p.token("compiler"),
            json!({"action": "return", "note": "Thiếu số liệu phóng viên nước ngoài"}),
        )
        .await
        .ok(200);
    assert_eq!(returned["status"], "returned");
    assert_eq!(
        returned["return_note"],
        "Thiếu số liệu phóng viên nước ngoài"
    );
    app.patch(
        &path,
        p.token("unit"),
        json!({"results": "Đón 12 đoàn, 5 phóng viên."}),
    )
    .await
    .ok(200);
    let resubmitted = act(&app, p.token("unit"), &path, "submit").await.ok(200);
    assert_eq!(resubmitted["status"], "submitted");
    assert!(resubmitted["submitted_at"].is_string());
    let accepted = act(&app, p.token("compiler"), &path, "accept")
        .await
        .ok(200);
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["version"], 7);

    // Assert: the audit holds each change, by whom, with its note.
    let entries: Vec<_> = app
        .audit_entries()
        .await
        .into_iter()
        .filter(|e| e.record_kind.as_str() == "unit_report" && e.record_id == id)
        .collect();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create", "update", "submit", "return", "update", "submit", "accept"
        ]
    );
    assert_eq!(entries[0].changes["period"], "2026-h1");
    assert_eq!(entries[0].changes["status"], "draft");
    assert_eq!(
        entries[1].changes["plan"],
        json!({"from": "", "to": "Tổ chức 2 đoàn ra"})
    );
    assert!(entries[1].changes.get("results").is_none());
    assert_eq!(
        entries[3].changes["status"],
        json!({"from": "submitted", "to": "returned"})
    );
    assert_eq!(
        entries[3].note.as_deref(),
        Some("Thiếu số liệu phóng viên nước ngoài")
    );
    assert_eq!(
        entries[3].actor_unit_id.map(|u| u.get()),
        Some(p.compiling_unit)
    );
    assert_eq!(entries[6].changes["status"]["to"], "accepted");
}

async fn strangers_do_not_see_a_units_report(app: TestApp) {
    // Arrange
    let p = Province::new(&app).await;
    let path = p.report_in(&app, "submitted").await;
    let mine = app
        .post(
            "/api/v1/unit-reports",
            p.token("stranger_host"),
            json!({"period": "2026-h1", "results": "Huyện đón 1 đoàn."}),
        )
        .await
        .ok(201);
    assert_eq!(mine["unit_id"], p.other_unit);

    // Act and assert: strangers meet 404 on every face of the report.
    for party in ["stranger_host", "stranger_office", "stranger_police"] {
        let token = p.token(party);
        app.get(&path, token).await.problem(404);
        app.patch(&path, token, json!({"plan": "x"}))
            .await
            .problem(404);
        act(&app, token, &path, "accept").await.problem(404);
    }
    app.get("/api/v1/unit-reports/999999", &app.admin_token)
        .await
        .problem(404);

    // Each unit lists its own; the compiling unit and the administrator all.
    let ids = |page: Value| -> Vec<Value> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["unit_id"].clone())
            .collect()
    };
    let unit_list = app
        .get("/api/v1/unit-reports", p.token("unit_viewer"))
        .await
        .ok(200);
    assert_eq!(ids(unit_list), [json!(p.unit)]);
    let other_list = app
        .get("/api/v1/unit-reports", p.token("stranger_host"))
        .await
        .ok(200);
    assert_eq!(ids(other_list), [json!(p.other_unit)]);
    let police_list = app
        .get("/api/v1/unit-reports", p.token("stranger_police"))
        .await
        .ok(200);
    assert_eq!(ids(police_list), Vec::<Value>::new());
    for party in ["compiler_viewer", "admin"] {
        let all = app
            .get("/api/v1/unit-reports", p.token(party))
            .await
            .ok(200);
        assert_eq!(ids(all), [json!(p.other_unit), json!(p.unit)], "{party}");
    }
    let one_period = app
        .get("/api/v1/unit-reports?period=2026-h1", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(ids(one_period), [json!(p.other_unit)]);

    // A page at a time.
    let first = app
        .get("/api/v1/unit-reports?limit=1", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = app
        .get(
            &format!("/api/v1/unit-reports?limit=1&cursor={cursor}"),
            &app.admin_token,
        )
        .await
        .ok(200);
    assert_eq!(ids(second.clone()), [json!(p.unit)]);
    assert!(second["next_cursor"].is_null());

    // A unit begins no report for another.
    app.post(
        "/api/v1/unit-reports",
        p.token("stranger_host"),
        json!({"period": "2025", "unit_id": p.unit}),
    )
    .await
    .problem(403);
}

async fn bad_input_is_refused_and_writes_nothing(app: TestApp) {
    // Arrange
    let p = Province::new(&app).await;
    let draft = p.report_in(&app, "draft").await;
    let submitted = p.report_in(&app, "submitted").await;
    // A draft with no results written yet, which may not be submitted.
    let blank = app
        .post(
            "/api/v1/unit-reports",
            p.token("unit"),
            json!({"period": "1999"}),
        )
        .await
        .ok(201);
    let blank = format!("/api/v1/unit-reports/{}", blank["id"]);
    let audit_before = app.audit_entries().await.len();
    let before = all_reports(&app).await;

    // Act and assert: each is 422 naming its field.
    let field = |reply: Reply| reply.problem(422)["errors"][0]["field"].clone();
    let post = |body: Value| app.post("/api/v1/unit-reports", p.token("unit"), body);
    assert_eq!(field(post(json!({"period": "2026-h2"})).await), "period");
    assert_eq!(field(post(json!({"period": "1989"})).await), "period");
    post(json!({})).await.problem(422);
    let long = "đ".repeat(100_001);
    assert_eq!(
        field(post(json!({"period": "2026", "results": long})).await),
        "results"
    );
    post(json!({"period": "2026", "colour": "red"}))
        .await
        .problem(422);
    assert_eq!(
        field(
            app.post(
                "/api/v1/unit-reports",
                &app.admin_token,
                json!({"period": "2026"})
            )
            .await
        ),
        "unit_id"
    );
    assert_eq!(
        field(
            app.post(
                "/api/v1/unit-reports",
                &app.admin_token,
                json!({"period": "2026", "unit_id": 987_654}),
            )
            .await
        ),
        "unit_id"
    );
    assert_eq!(
        field(app.patch(&draft, p.token("unit"), json!({"plan": 5})).await),
        "plan"
    );
    let no_note = app
        .post(
            &format!("{submitted}/transitions"),
            p.token("compiler"),
            json!({"action": "return", "note": "   "}),
        )
        .await;
    assert_eq!(field(no_note), "note");
    assert_eq!(
        field(act(&app, p.token("unit"), &blank, "submit").await),
        "results"
    );
    assert_eq!(
        field(
            app.post(
                &format!("{draft}/transitions"),
                p.token("unit"),
                json!({"action": "publish"}),
            )
            .await
        ),
        "action"
    );
    assert_eq!(
        field(
            app.get("/api/v1/unit-reports?period=26", &app.admin_token)
                .await
        ),
        "period"
    );
    app.get("/api/v1/reports/overview", &app.admin_token)
        .await
        .problem(422);
    assert_eq!(
        field(
            app.get("/api/v1/reports/overview?period=2026-h9", &app.admin_token)
                .await
        ),
        "period"
    );

    // Nothing was written.
    assert_eq!(all_reports(&app).await, before);
    assert_eq!(app.audit_entries().await.len(), audit_before);
    assert_eq!(
        app.get(&submitted, &app.admin_token).await.ok(200)["status"],
        "submitted"
    );
}

async fn the_overview_shows_every_unit_and_who_is_late(app: TestApp) {
    // Arrange: for the half-year of 2025 (long due), the reporting unit
    // submitted, the other unit left a draft, the compiling unit began none.
    let p = Province::new(&app).await;
    let submitted = app
        .post(
            "/api/v1/unit-reports",
            p.token("unit"),
            json!({"period": "2025-h1", "results": "Đón 8 đoàn."}),
        )
        .await
        .ok(201);
    act(
        &app,
        p.token("unit"),
        &format!("/api/v1/unit-reports/{}", submitted["id"]),
        "submit",
    )
    .await
    .ok(200);
    app.post(
        "/api/v1/unit-reports",
        p.token("stranger_host"),
        json!({"period": "2025-h1"}),
    )
    .await
    .ok(201);

    // Act
    let overview = app
        .get(
            "/api/v1/reports/overview?period=2025-h1",
            p.token("compiler_viewer"),
        )
        .await
        .ok(200);
    let far = app
        .get("/api/v1/reports/overview?period=2100", &app.admin_token)
        .await
        .ok(200);

    // Assert
    assert_eq!(overview["period"], "2025-h1");
    assert_eq!(overview["first_day"], "2024-12-15");
    assert_eq!(overview["last_day"], "2025-06-14");
    assert_eq!(overview["due_date"], "2025-06-15");
    assert_eq!(overview["compiling_unit_id"], p.compiling_unit);
    let row = |o: &Value, unit: i64| -> Value {
        o["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit_id"] == unit)
            .unwrap_or_else(|| panic!("unit {unit} missing from {o}"))
            .clone()
    };
    let done = row(&overview, p.unit);
    assert_eq!(done["status"], "submitted");
    assert_eq!(done["report_id"], submitted["id"]);
    assert_eq!(done["overdue"], false);
    assert_eq!(done["unit_name"], "Sở Công Thương");
    let draft = row(&overview, p.other_unit);
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["overdue"], true);
    let none = row(&overview, p.compiling_unit);
    assert_eq!(none["status"], "not_started");
    assert!(none["report_id"].is_null());
    assert_eq!(none["overdue"], true);
    for r in far["units"].as_array().unwrap() {
        assert_eq!(r["status"], "not_started");
        assert_eq!(r["overdue"], false, "nothing is late before 15/12/2100");
    }
    // Units by their Vietnamese names.
    let names: Vec<&str> = overview["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit_name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    visitdesk::domain::collate::sort_by_name(&mut sorted, |n| n);
    assert_eq!(names, sorted);

    // Only the compiling unit and the administrator read the overview.
    for party in ["unit", "stranger_office", "stranger_police"] {
        app.get("/api/v1/reports/overview?period=2025-h1", p.token(party))
            .await
            .problem(403);
    }
}

async fn late_units_and_returned_reports_reach_the_inboxes(app: TestApp) {
    // Arrange: the period last due before today; the reporting unit hands
    // it in, the other unit does not; an older report of the other unit
    // is returned to it.
    let p = Province::new(&app).await;
    let period = last_due(province_today(), &ReportSettings::default()).as_text();
    let inbox = |party: &'static str| {
        let app = &app;
        let token = p.token(party).to_owned();
        async move { app.get("/api/v1/inbox", &token).await.ok(200)["items"].clone() }
    };
    let report_entries = |items: Value| -> Vec<Value> {
        items
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["title"].as_str().unwrap().contains("áo cáo")
                    && (e["record"].is_null() || e["record"]["kind"] == "unit_report")
            })
            .cloned()
            .collect()
    };
    let nothing_yet = report_entries(inbox("compiler").await);
    let handed_in = app
        .post(
            "/api/v1/unit-reports",
            p.token("unit"),
            json!({"period": period, "results": "Đón 8 đoàn."}),
        )
        .await
        .ok(201);
    act(
        &app,
        p.token("unit"),
        &format!("/api/v1/unit-reports/{}", handed_in["id"]),
        "submit",
    )
    .await
    .ok(200);
    let older = app
        .post(
            "/api/v1/unit-reports",
            p.token("stranger_host"),
            json!({"period": "2001", "results": "Huyện đón 1 đoàn."}),
        )
        .await
        .ok(201);
    let older_path = format!("/api/v1/unit-reports/{}", older["id"]);
    act(&app, p.token("stranger_host"), &older_path, "submit")
        .await
        .ok(200);
    act(&app, p.token("compiler"), &older_path, "return")
        .await
        .ok(200);

    // Act
    let compiler = report_entries(inbox("compiler_host").await);
    let admin = report_entries(inbox("admin").await);
    let other_unit = report_entries(inbox("stranger_host").await);
    let unit = report_entries(inbox("unit").await);
    let viewer = report_entries(inbox("compiler_viewer").await);

    // Assert: the compiling unit is reminded of the two units without a
    // report handed in (the other unit and itself), not of the unit that
    // submitted.
    let titles = |entries: &[Value]| -> Vec<String> {
        entries
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_owned())
            .collect()
    };
    // Every unit of the province was late before anything was handed in.
    assert_eq!(nothing_yet.len(), 5, "{nothing_yet:?}");
    assert!(
        titles(&nothing_yet)
            .iter()
            .any(|t| t.starts_with("Sở Công Thương"))
    );
    let late = titles(&compiler);
    assert_eq!(compiler.len(), 4, "{compiler:?}");
    assert!(
        late.iter().any(|t| t.starts_with("UBND huyện Mai Châu")),
        "{late:?}"
    );
    assert!(late.iter().any(|t| t.starts_with("Sở Văn hóa")), "{late:?}");
    assert!(
        !late.iter().any(|t| t.starts_with("Sở Công Thương")),
        "{late:?}"
    );
    for e in &compiler {
        assert_eq!(e["status"], "not_started");
        assert!(e["working_days_left"].as_i64().unwrap() < 0, "{e}");
        assert!(e["reason"].as_str().unwrap().contains(&period), "{e}");
    }
    assert_eq!(titles(&admin), late);
    assert!(viewer.is_empty(), "a viewer acts on nothing: {viewer:?}");

    // The returned report waits on its own unit, and on no other.
    assert_eq!(other_unit.len(), 1, "{other_unit:?}");
    assert_eq!(other_unit[0]["record"]["id"], older["id"]);
    assert_eq!(other_unit[0]["status"], "returned");
    assert!(unit.is_empty(), "{unit:?}");

    // Once sent again, it leaves the unit's inbox.
    act(&app, p.token("stranger_host"), &older_path, "submit")
        .await
        .ok(200);
    assert!(report_entries(inbox("stranger_host").await).is_empty());
}
