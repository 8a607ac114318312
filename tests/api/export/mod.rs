//! Exports of every list as a clerk opens them in Excel: each file holds
//! the rows its JSON list shows for the same filters and the same person
//! (a host unit's only its own, personal data only for the roles that see
//! it), the CSV is UTF-8 with a BOM, CRLF and RFC 4180 quoting, the .xlsx
//! is a zip workbook, and a bad filter is a 422 that makes no file.

use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use crate::fixtures::{Cast, add_member, create, delegation_body, member_body, merged, path};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{interview_in, reporter};
use crate::schedule_fixtures::{TwoUnitsDay, two_units_day};

on_both_engines!(
    every_list_exports_the_rows_its_json_list_shows,
    a_host_unit_exports_only_what_it_may_see,
    personal_data_is_in_the_file_only_for_roles_that_see_it,
    a_csv_opens_in_excel_with_vietnamese_intact,
    an_xlsx_is_a_workbook_to_save,
    a_bad_filter_is_a_422_and_no_file,
);

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The headings and rows of a CSV answer, after checking it is one.
fn csv_of(reply: &Reply) -> (Vec<String>, Vec<Vec<String>>) {
    assert_eq!(reply.status.as_u16(), 200, "body: {}", reply.text());
    assert_eq!(
        reply.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(
        reply.body.starts_with(BOM),
        "no BOM: {:?}",
        &reply.body[..8]
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&reply.body[BOM.len()..]);
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

/// One column of a CSV's rows, by heading.
fn column(headers: &[String], rows: &[Vec<String>], heading: &str) -> Vec<String> {
    let at = headers
        .iter()
        .position(|h| h == heading)
        .unwrap_or_else(|| panic!("no column {heading} in {headers:?}"));
    rows.iter().map(|r| r[at].clone()).collect()
}

/// The CSV export at `/api/v1/exports/{list}?{query}` (English headings).
async fn export(app: &TestApp, token: &str, list: &str, query: &str) -> Reply {
    let sep = if query.is_empty() { "" } else { "&" };
    app.get(
        &format!("/api/v1/exports/{list}?lang=en{sep}{query}"),
        token,
    )
    .await
}

/// Every item of a JSON list (one page of up to 500 is all these hold).
async fn listed(app: &TestApp, token: &str, path_and_query: &str) -> Vec<Value> {
    let sep = if path_and_query.contains('?') {
        '&'
    } else {
        '?'
    };
    let body = app
        .get(&format!("{path_and_query}{sep}limit=500"), token)
        .await
        .ok(200);
    assert!(body["next_cursor"].is_null(), "one page: {body}");
    body["items"].as_array().unwrap().clone()
}

fn texts(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| match &i[field] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The press side and two units' delegations on one day, plus an interview.
async fn province(app: &TestApp) -> (Cast, TwoUnitsDay) {
    let cast = Cast::new(app).await;
    let day = two_units_day(app, &cast).await;
    let domestic = reporter(app, &cast.foreign_affairs.token, "VN").await;
    interview_in(app, &cast, domestic, "approved").await;
    (cast, day)
}

async fn every_list_exports_the_rows_its_json_list_shows(app: TestApp) {
    let (cast, d) = province(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let admin = cast.admin.token.as_str();
    let window = format!("from={}&to={}", d.day, d.day);
    // (list, filters, JSON list, the file's key column, the JSON's key)
    let cases: Vec<(&str, String, String, &str, &str)> = vec![
        (
            "delegations",
            String::new(),
            "/api/v1/delegations".into(),
            "Reference",
            "reference",
        ),
        (
            "delegations",
            format!("host_unit_id={}", cast.host_unit),
            format!("/api/v1/delegations?host_unit_id={}", cast.host_unit),
            "Reference",
            "reference",
        ),
        (
            "reporters",
            String::new(),
            "/api/v1/reporters".into(),
            "Number",
            "id",
        ),
        (
            "reporters",
            "nationality=VN".into(),
            "/api/v1/reporters?nationality=VN".into(),
            "Number",
            "id",
        ),
        (
            "accreditations",
            String::new(),
            "/api/v1/accreditations".into(),
            "Reference",
            "reference",
        ),
        (
            "accreditations",
            "status=approved".into(),
            "/api/v1/accreditations?status=approved".into(),
            "Reference",
            "reference",
        ),
        (
            "interviews",
            String::new(),
            "/api/v1/interviews".into(),
            "Reference",
            "reference",
        ),
        (
            "press-conferences",
            "status=announced".into(),
            "/api/v1/press-conferences?status=announced".into(),
            "Reference",
            "reference",
        ),
    ];
    for (list, filters, json_path, heading, key) in cases {
        let items = listed(&app, fa, &json_path).await;
        let (headers, rows) = csv_of(&export(&app, fa, list, &filters).await);
        assert_eq!(
            column(&headers, &rows, heading),
            texts(&items, key),
            "{list}?{filters}"
        );
        if filters.is_empty() {
            assert!(!rows.is_empty(), "{list} has rows to compare");
        }
    }
    // The schedule of a window: each entry's record, in the list's order.
    let body = app
        .get(&format!("/api/v1/schedule?{window}"), fa)
        .await
        .ok(200);
    let records: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record"]["reference"].as_str().unwrap().to_owned())
        .collect();
    assert!(records.len() >= 4, "{body}");
    let (headers, rows) = csv_of(&export(&app, fa, "schedule", &window).await);
    assert_eq!(column(&headers, &rows, "Reference"), records);
    // A delegation's members.
    let members = app
        .get(&format!("{}/members", path(d.ours)), fa)
        .await
        .ok(200);
    let list = format!("delegations/{}/members", d.ours);
    let (headers, rows) = csv_of(&export(&app, fa, &list, "").await);
    assert_eq!(
        column(&headers, &rows, "Full name"),
        texts(members["items"].as_array().unwrap(), "full_name")
    );
    // The audit of the delegations, newest first, as the administrator's.
    let items = listed(&app, admin, "/api/v1/audit?record_kind=delegation").await;
    let (headers, rows) = csv_of(&export(&app, admin, "audit", "record_kind=delegation").await);
    assert!(!rows.is_empty());
    assert_eq!(column(&headers, &rows, "Number"), texts(&items, "id"));
}

async fn a_host_unit_exports_only_what_it_may_see(app: TestApp) {
    let (cast, d) = province(&app).await;
    let host = cast.host.token.as_str();
    let ours = app.get(&path(d.ours), host).await.ok(200);
    let theirs = app.get(&path(d.theirs), &cast.admin.token).await.ok(200);
    let (headers, rows) = csv_of(&export(&app, host, "delegations", "").await);
    let references = column(&headers, &rows, "Reference");
    assert_eq!(
        references,
        vec![ours["reference"].as_str().unwrap().to_owned()]
    );
    assert!(!references.contains(&theirs["reference"].as_str().unwrap().to_owned()));
    // Its schedule holds its own item and nothing of the press side.
    let window = format!("from={}&to={}", d.day, d.day);
    let (headers, rows) = csv_of(&export(&app, host, "schedule", &window).await);
    assert_eq!(column(&headers, &rows, "Reference"), references);
    // Another unit's members are as absent as in the API; the press side closed.
    let list = format!("delegations/{}/members", d.theirs);
    export(&app, host, &list, "").await.problem(404);
    // The press side and the audit are closed to it, as its lists are.
    for list in [
        "reporters",
        "accreditations",
        "interviews",
        "press-conferences",
        "audit",
    ] {
        let listed = app.get(&format!("/api/v1/{list}"), host).await;
        assert!(listed.status.is_client_error(), "{list}: {}", listed.text());
        let status = listed.status.as_u16();
        let reply = export(&app, host, list, "").await;
        reply.problem(status);
    }
}

async fn personal_data_is_in_the_file_only_for_roles_that_see_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    let member = merged(
        member_body("Tanaka Hiroshi"),
        json!({"passport_number": "TR7654321", "email": "tanaka@example.jp"}),
    );
    add_member(&app, fa, id, member).await;
    let list = format!("delegations/{id}/members");
    for role in [Role::Admin, Role::ForeignAffairs, Role::Police] {
        let reply = export(&app, cast.token(role), &list, "").await;
        let (headers, rows) = csv_of(&reply);
        assert_eq!(
            column(&headers, &rows, "Passport number"),
            ["TR7654321"],
            "{role:?}"
        );
        assert_eq!(
            column(&headers, &rows, "E-mail"),
            ["tanaka@example.jp"],
            "{role:?}"
        );
    }
    for role in [Role::ProvincialOffice, Role::HostUnit, Role::Viewer] {
        let reply = export(&app, cast.token(role), &list, "").await;
        let text = reply.text();
        let (headers, rows) = csv_of(&reply);
        assert_eq!(
            column(&headers, &rows, "Full name"),
            ["Tanaka Hiroshi"],
            "{role:?}"
        );
        assert!(
            !headers
                .iter()
                .any(|h| h == "Passport number" || h == "E-mail"),
            "{role:?}: {headers:?}"
        );
        assert!(
            !text.contains("TR7654321") && !text.contains("tanaka@"),
            "{role:?}: {text}"
        );
    }
    // Reporters: the same rule (the host unit sees no press side at all).
    reporter(&app, fa, "JP").await;
    let (headers, _) = csv_of(&export(&app, cast.token(Role::Viewer), "reporters", "").await);
    assert!(
        !headers.iter().any(|h| h == "Passport number"),
        "{headers:?}"
    );
    let (headers, rows) = csv_of(&export(&app, fa, "reporters", "").await);
    assert_eq!(column(&headers, &rows, "Passport number"), ["TZ1234567"]);
}

async fn a_csv_opens_in_excel_with_vietnamese_intact(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let title = "Đoàn \"Hữu nghị\", Hàn Quốc";
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"title": title, "partner_organization": "=HYPERLINK(\"x\")"}),
    );
    let created = create(&app, fa, body).await;
    // Vietnamese headings by default.
    let reply = app.get("/api/v1/exports/delegations", fa).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    let disposition = reply.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"delegations-")
            && disposition.contains(".csv"),
        "{disposition}"
    );
    let bytes = &reply.body;
    assert!(bytes.starts_with(BOM));
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert!(text.starts_with("Số hồ sơ,"), "{text}");
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        2,
        "a heading and one row: {text:?}"
    );
    assert!(!text.replace("\r\n", "").contains('\n'));
    // The title quoted with its quotes doubled; the formula shown as text.
    assert!(
        text.contains("\"Đoàn \"\"Hữu nghị\"\", Hàn Quốc\""),
        "{text}"
    );
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
    let (headers, rows) = csv_of(&reply);
    assert_eq!(column(&headers, &rows, "Tên"), [title]);
    assert_eq!(
        column(&headers, &rows, "Số hồ sơ"),
        [created["reference"].as_str().unwrap()]
    );
    assert_eq!(column(&headers, &rows, "Loại đoàn"), ["Đoàn vào"]);
}

async fn an_xlsx_is_a_workbook_to_save(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    create(&app, fa, delegation_body("incoming", cast.host_unit)).await;
    let reply = app.get("/api/v1/exports/delegations?format=xlsx", fa).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-type").as_deref(),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    assert!(
        reply
            .header("content-disposition")
            .unwrap()
            .contains(".xlsx\"")
    );
    assert!(reply.body.starts_with(b"PK\x03\x04"), "a zip archive");
    // The sheet is named from the catalogue (entry names are stored plain).
    let raw = String::from_utf8_lossy(&reply.body);
    assert!(raw.contains("xl/worksheets/sheet1.xml"), "one sheet");
    assert!(!raw.contains("xl/worksheets/sheet2.xml"), "only one sheet");
}

async fn a_bad_filter_is_a_422_and_no_file(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    for (list, query, field) in [
        ("delegations", "status=flying", "status"),
        ("delegations", "from=yesterday", "from"),
        ("accreditations", "from=2026-13-01", "from"),
        ("interviews", "to=soon", "to"),
        ("schedule", "from=2026-01-01&to=2026-12-31", "to"),
        ("schedule", "kind=party", "kind"),
        ("audit", "record_kind=cat", "record_kind"),
        ("delegations", "format=pdf", "format"),
        ("delegations", "lang=fr", "lang"),
        // A file takes no page size, but the list's bounds hold (schemathesis).
        ("delegations", "limit=0", "limit"),
        ("reporters", "limit=501", "limit"),
        ("press-conferences", "limit=-1", "limit"),
        ("audit", "cursor=not-a-cursor", "cursor"),
    ] {
        // Vietnamese, the default: `lang` is one of the parameters tried.
        let reply = app
            .get(&format!("/api/v1/exports/{list}?{query}"), fa)
            .await;
        let problem = reply.problem(422);
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{list}?{query}: {problem}");
        assert!(reply.header("content-disposition").is_none());
    }
    app.get("/api/v1/exports/delegations", "")
        .await
        .problem(401);
    let reply = app.get("/api/v1/exports/nothing", fa).await;
    assert_eq!(reply.status.as_u16(), 404, "{}", reply.text());
}
