//! The reports as files (issue 17, "Documents"): a unit's report downloads
//! as a .docx holding "BÁO CÁO", its subject, its sections and its figures'
//! numbers, and as an .xlsx with one sheet per table; the province's report
//! holds every accepted unit's sections and the province's figures; whoever
//! may not read a report gets no file; the province's name in the
//! settings heads both ("UBND TỈNH BÌNH ĐỊNH") and dates them ("Bình Định,
//! ngày …").
//!
//! The files are opened here as Word and Excel open them (a zip of XML
//! parts, read with a few lines over `flate2`), and the unit's .docx once
//! more with python-docx when the CI's virtualenv has it.
//!
//! The records are made now for next year's half-year, whose cut-off is
//! still ahead, so the figures count them without moving time.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use chrono::Datelike;
use serde_json::{Value, json};
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;
use visitdesk::domain::unit::UnitKind;

use crate::fixtures::{self, Cast, delegation_body, merged};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;

on_both_engines!(
    a_units_report_is_a_docx_and_an_xlsx_of_its_own_figures,
    the_province_document_holds_each_accepted_units_sections,
    no_file_for_whoever_may_not_read_the_report,
);

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The figures' tables of a unit: in, out (by status, country, unit,
/// members' nationality each), post-trip reports, security reviews.
const UNIT_TABLES: usize = 10;
/// The province's, for the compiling unit: those, the leaders' interviews,
/// and the press side (reporters, by country, by outlet, conferences).
const PROVINCE_TABLES: usize = UNIT_TABLES + 1 + 4;

const SCT_RESULTS: &str = "Đón 2 đoàn doanh nghiệp Nhật Bản, cử 1 đoàn xúc tiến sang Hàn Quốc.";
const SCT_DIFFICULTIES: &str = "Thiếu cán bộ biết tiếng Nhật.";
const SCT_PROPOSALS: &str = "Đề nghị tổ chức lớp bồi dưỡng ngoại ngữ.";
const SCT_PLAN: &str = "Chuẩn bị đón đoàn Gifu vào quý III.";
const MC_RESULTS: &str = "Đón 1 đoàn khảo sát du lịch cộng đồng.";
const MC_PLAN: &str = "Quảng bá lễ hội Xên Bản tới đối tác Lào.";
const DRAFT_RESULTS: &str = "Bản nháp của Sở Y tế chưa nộp.";

/// A province with three reporting units, a compiling unit, and reports
/// for next year's half-year: Sở Công Thương's and Mai Châu's accepted,
/// Sở Y tế's a draft; delegations of the first two in the half-year.
struct Province {
    cast: Cast,
    period: String,
    sct_report: i64,
    mai_chau: i64,
    mai_chau_token: String,
    compiler_token: String,
}

impl Province {
    async fn new(app: &TestApp) -> Province {
        let cast = Cast::new(app).await;
        let year = province_today().year() + 1;
        let period = format!("{year}-h1");
        let compiling = app
            .make_unit("Sở Văn hóa, Thể thao và Du lịch", UnitKind::Department)
            .await;
        app.make_user("svhttdl", Role::HostUnit, Some(compiling))
            .await;
        let mai_chau = app
            .make_unit("UBND huyện Mai Châu", UnitKind::District)
            .await;
        app.make_user("mai-chau", Role::HostUnit, Some(mai_chau))
            .await;
        let health = app.make_unit("Sở Y tế", UnitKind::Department).await;
        app.patch(
            "/api/v1/settings",
            &app.admin_token,
            json!({"reports": {
                "half_year_cutoff": {"day": 15, "month": 6},
                "year_cutoff": {"day": 15, "month": 12},
                "compiling_unit": compiling.get(),
            }}),
        )
        .await
        .ok(200);
        let p = Province {
            period,
            sct_report: 0,
            mai_chau: mai_chau.get(),
            mai_chau_token: app.token("mai-chau").await,
            compiler_token: app.token("svhttdl").await,
            cast,
        };
        let host = p.cast.host_unit.get();
        for (unit, direction, country) in [
            (host, "incoming", "JP"),
            (host, "incoming", "JP"),
            (host, "outgoing", "KR"),
            (p.mai_chau, "incoming", "LA"),
        ] {
            p.delegation(app, unit, direction, country, year).await;
        }
        let sct_report = p
            .report(
                app,
                &p.cast.host.token,
                json!({"results": SCT_RESULTS, "difficulties": SCT_DIFFICULTIES,
                       "proposals": SCT_PROPOSALS, "plan": SCT_PLAN}),
            )
            .await;
        act(app, &p.cast.host.token, sct_report, "submit").await;
        act(app, &p.compiler_token, sct_report, "accept").await;
        let mc_report = p
            .report(
                app,
                &app.admin_token,
                json!({"unit_id": p.mai_chau, "results": MC_RESULTS, "plan": MC_PLAN}),
            )
            .await;
        act(app, &p.mai_chau_token, mc_report, "submit").await;
        act(app, &p.compiler_token, mc_report, "accept").await;
        p.report(
            app,
            &app.admin_token,
            json!({"unit_id": health.get(), "results": DRAFT_RESULTS}),
        )
        .await;
        Province { sct_report, ..p }
    }

    /// An approved delegation of `unit` in January of `year`.
    async fn delegation(
        &self,
        app: &TestApp,
        unit: i64,
        direction: &str,
        country: &str,
        year: i32,
    ) {
        let body = merged(
            delegation_body(direction, self.cast.host_unit),
            json!({"host_unit_id": unit, "countries": [country],
                   "start_date": format!("{year}-01-10"), "end_date": format!("{year}-01-12")}),
        );
        let id = fixtures::draft_from(app, &self.cast, body).await;
        fixtures::walk(app, &self.cast, id, "approved").await;
    }

    async fn report(&self, app: &TestApp, token: &str, body: Value) -> i64 {
        let body = merged(json!({"period": self.period}), body);
        app.post("/api/v1/unit-reports", token, body).await.ok(201)["id"]
            .as_i64()
            .unwrap()
    }

    fn unit_document(&self, format: &str) -> String {
        format!(
            "/api/v1/unit-reports/{}/document?format={format}",
            self.sct_report
        )
    }

    fn province_document(&self, format: &str) -> String {
        format!(
            "/api/v1/reports/province-document?period={}&format={format}",
            self.period
        )
    }
}

/// Names the province in the report settings, the others kept.
async fn name_the_province(app: &TestApp, name: &str) {
    let settings = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    let mut reports = settings["reports"].clone();
    reports["province_name"] = json!(name);
    let saved = app
        .patch(
            "/api/v1/settings",
            &app.admin_token,
            json!({"reports": reports}),
        )
        .await
        .ok(200);
    assert_eq!(saved["reports"]["province_name"], name);
}

async fn act(app: &TestApp, token: &str, id: i64, action: &str) {
    app.post(
        &format!("/api/v1/unit-reports/{id}/transitions"),
        token,
        json!({"action": action}),
    )
    .await
    .ok(200);
}

/// A file answer of `content_type`, saved under a name ending `.extension`;
/// its parts by name.
fn file(reply: &Reply, content_type: &str, extension: &str) -> BTreeMap<String, Vec<u8>> {
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type").as_deref(), Some(content_type));
    let disposition = reply.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"")
            && disposition.contains(&format!(".{extension}\"; filename*=UTF-8''")),
        "{disposition}"
    );
    unzip(&reply.body)
}

/// The parts of a zip archive by name, read from its central directory
/// (the writers store or deflate; neither needs zip64 at these sizes).
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([bytes[i], bytes[i + 1]]));
    let u32_at = |i: usize| {
        usize::try_from(u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap())).unwrap()
    };
    let end = (0..=bytes.len() - 22)
        .rev()
        .find(|&i| bytes[i..i + 4] == *b"PK\x05\x06")
        .expect("a zip archive");
    let mut at = u32_at(end + 16);
    let mut parts = BTreeMap::new();
    for _ in 0..u16_at(end + 10) {
        assert_eq!(
            &bytes[at..at + 4],
            b"PK\x01\x02",
            "a central directory entry"
        );
        let (method, size) = (u16_at(at + 10), u32_at(at + 20));
        let name_len = u16_at(at + 28);
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let local = u32_at(at + 42);
        let start = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let data = &bytes[start..start + size];
        let content = match method {
            0 => data.to_vec(),
            8 => {
                let mut out = Vec::new();
                flate2::read::DeflateDecoder::new(data)
                    .read_to_end(&mut out)
                    .unwrap();
                out
            }
            other => panic!("{name}: compression method {other}"),
        };
        parts.insert(name, content);
        at += 46 + name_len + u16_at(at + 30) + u16_at(at + 32);
    }
    parts
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

/// The contents of every `<tag>` or `<tag …>` element (not nested in one
/// another, as paragraphs, rows, cells and texts are not).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let end = after.find('>').unwrap();
        // `<w:tr` also begins `<w:trPr>`; `<w:t/>` is empty.
        if !(after.starts_with('>') || after.starts_with(' ')) || after[..end].ends_with('/') {
            rest = &after[end + 1..];
            continue;
        }
        let body = &after[end + 1..];
        let j = body.find(&close).unwrap();
        out.push(&body[..j]);
        rest = &body[j + close.len()..];
    }
    out
}

/// The text an element shows.
fn text(xml: &str) -> String {
    elements(xml, "w:t")
        .into_iter()
        .map(|t| {
            t.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// What a reader of `word/document.xml` sees: the paragraphs (those in
/// tables too) and the tables' rows as cell texts.
struct Word {
    paragraphs: Vec<String>,
    rows: Vec<Vec<String>>,
    tables: usize,
}

impl Word {
    fn of(parts: &BTreeMap<String, Vec<u8>>) -> Word {
        let xml = part(parts, "word/document.xml");
        Word {
            paragraphs: elements(&xml, "w:p").into_iter().map(text).collect(),
            rows: elements(&xml, "w:tr")
                .into_iter()
                .map(|r| elements(r, "w:tc").into_iter().map(text).collect())
                .collect(),
            tables: elements(&xml, "w:tbl").len(),
        }
    }

    fn has(&self, paragraph: &str) -> bool {
        self.paragraphs.iter().any(|p| p == paragraph)
    }

    /// Whether the place and date read "{place}, ngày …".
    fn dated_from(&self, place: &str) -> bool {
        let start = format!("{place}, ngày ");
        self.paragraphs.iter().any(|p| p.starts_with(&start))
    }

    fn has_row(&self, row: &[String]) -> bool {
        self.rows.iter().any(|r| r == row)
    }

    /// The tables of figures: every table but the head and the foot.
    fn data_tables(&self) -> usize {
        self.tables - 2
    }
}

/// The sheets of a workbook, by name, in order.
fn sheet_names(parts: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let book = part(parts, "xl/workbook.xml");
    book.split("<sheet ")
        .skip(1)
        .map(|s| {
            let name = s.split("name=\"").nth(1).unwrap();
            name[..name.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn worksheets(parts: &BTreeMap<String, Vec<u8>>) -> usize {
    parts
        .keys()
        .filter(|k| k.starts_with("xl/worksheets/sheet") && k.ends_with(".xml"))
        .count()
}

/// A figure's row as a report prints it: label, now, a year before.
fn row(label: &str, figure: &Value) -> Vec<String> {
    vec![
        label.to_owned(),
        figure["current"].to_string(),
        figure["previous"].to_string(),
    ]
}

fn by_key<'a>(list: &'a Value, key: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {list}"))
}

fn keyed_row(k: &Value) -> Vec<String> {
    row(k["key"].as_str().unwrap(), k)
}

async fn a_units_report_is_a_docx_and_an_xlsx_of_its_own_figures(app: TestApp) {
    let p = Province::new(&app).await;
    let host = &p.cast.host.token;
    let figures = app
        .get(
            &format!(
                "/api/v1/reports/figures?period={}&unit_id={}",
                p.period,
                p.cast.host_unit.get()
            ),
            host,
        )
        .await
        .ok(200);
    assert_eq!(figures["incoming"]["total"]["current"], 2, "{figures}");
    assert_eq!(figures["outgoing"]["total"]["current"], 1, "{figures}");

    let reply = app.get(&p.unit_document("docx"), host).await;
    let docx = file(&reply, DOCX, "docx");
    let word = Word::of(&docx);
    let year = &p.period[..4];
    let subject = format!("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm {year}");
    for expected in [
        "BÁO CÁO",
        subject.as_str(),
        "SỞ CÔNG THƯƠNG",
        "I. Kết quả",
        SCT_RESULTS,
        "II. Khó khăn, hạn chế",
        SCT_DIFFICULTIES,
        "III. Đề xuất, kiến nghị",
        SCT_PROPOSALS,
        "IV. Phương hướng, nhiệm vụ kỳ tới",
        SCT_PLAN,
        "- Sở Văn hóa, Thể thao và Du lịch;",
        "- Lưu: VT.",
    ] {
        assert!(
            word.has(expected),
            "no paragraph {expected:?} in {:?}",
            word.paragraphs
        );
    }
    assert!(
        !word.paragraphs.iter().any(|t| t.contains(MC_RESULTS)),
        "another unit's words"
    );
    // No province named: the neutral head and a dotted place for the clerk.
    assert!(word.has("UBND TỈNH"), "{:?}", word.paragraphs);
    assert!(word.dated_from("……………"), "{:?}", word.paragraphs);
    assert!(word.has("- UBND tỉnh;"), "{:?}", word.paragraphs);
    name_the_province(&app, "Bình Định").await;
    let named = Word::of(&file(
        &app.get(&p.unit_document("docx"), host).await,
        DOCX,
        "docx",
    ));
    for expected in [
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ CÔNG THƯƠNG",
        "- UBND tỉnh Bình Định;",
    ] {
        assert!(
            named.has(expected),
            "no {expected:?} in {:?}",
            named.paragraphs
        );
    }
    assert!(named.dated_from("Bình Định"), "{:?}", named.paragraphs);
    assert!(!named.has("UBND TỈNH"), "{:?}", named.paragraphs);
    // The figures' numbers, as the figures route answers them.
    let incoming = &figures["incoming"];
    for expected in [
        row("Tổng số", &incoming["total"]),
        row("Tổng số", &figures["outgoing"]["total"]),
        row("Đã phê duyệt", by_key(&incoming["by_status"], "approved")),
        keyed_row(&incoming["by_country"][0]),
        row("Tổng số", &incoming["members"]),
        row("Đã thẩm định", &figures["security_reviews"]["done"]),
    ] {
        assert!(
            word.has_row(&expected),
            "no row {expected:?} in {:?}",
            word.rows
        );
    }
    assert!(word.has_row(&["JP".into(), "2".into(), "0".into()]));
    assert_eq!(word.data_tables(), UNIT_TABLES);
    check_with_python_docx(&app, &reply.body, &figures);

    let xlsx = file(&app.get(&p.unit_document("xlsx"), host).await, XLSX, "xlsx");
    assert_eq!(worksheets(&xlsx), UNIT_TABLES);
    let names = sheet_names(&xlsx);
    assert_eq!(names.len(), UNIT_TABLES);
    assert_eq!(names[0], "Đoàn vào theo trạng thái");
    assert!(names.contains(&"Thẩm định an ninh".to_owned()), "{names:?}");
    // Numbers are stored as numbers: the incoming total is a value cell.
    let first = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(first.contains("<v>2</v>"), "{first}");

    // The compiling unit reads the unit's report too.
    let reply = app.get(&p.unit_document("docx"), &p.compiler_token).await;
    assert!(Word::of(&file(&reply, DOCX, "docx")).has(SCT_PLAN));
}

async fn the_province_document_holds_each_accepted_units_sections(app: TestApp) {
    let p = Province::new(&app).await;
    let figures = app
        .get(
            &format!("/api/v1/reports/figures?period={}", p.period),
            &p.compiler_token,
        )
        .await
        .ok(200);
    assert_eq!(figures["incoming"]["total"]["current"], 3, "{figures}");

    let reply = app
        .get(&p.province_document("docx"), &p.compiler_token)
        .await;
    let word = Word::of(&file(&reply, DOCX, "docx"));
    for expected in [
        "BÁO CÁO",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "1. Sở Công Thương",
        SCT_RESULTS,
        "2. UBND huyện Mai Châu",
        MC_RESULTS,
        SCT_DIFFICULTIES,
        SCT_PROPOSALS,
        MC_PLAN,
        "IV. Phương hướng, nhiệm vụ kỳ tới",
    ] {
        assert!(
            word.has(expected),
            "no paragraph {expected:?} in {:?}",
            word.paragraphs
        );
    }
    assert!(
        !word.paragraphs.iter().any(|t| t.contains(DRAFT_RESULTS)),
        "a draft is not compiled"
    );
    let incoming = &figures["incoming"];
    for expected in [
        row("Tổng số", &incoming["total"]),
        keyed_row(&incoming["by_country"][0]),
        keyed_row(&incoming["by_country"][1]),
        row(
            "Báo chí nước ngoài",
            &figures["interviews"]["foreign_press"],
        ),
        row("Phóng viên được đón", &figures["press"]["reporters"]),
    ] {
        assert!(
            word.has_row(&expected),
            "no row {expected:?} in {:?}",
            word.rows
        );
    }
    assert_eq!(word.data_tables(), PROVINCE_TABLES);
    // A centrally-run city heads with its committee and is dated from its
    // name without "Thành phố".
    name_the_province(&app, "Thành phố Đà Nẵng").await;
    let reply = app
        .get(&p.province_document("docx"), &p.compiler_token)
        .await;
    let named = Word::of(&file(&reply, DOCX, "docx"));
    for expected in [
        "UBND THÀNH PHỐ ĐÀ NẴNG",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "- UBND thành phố Đà Nẵng;",
    ] {
        assert!(
            named.has(expected),
            "no {expected:?} in {:?}",
            named.paragraphs
        );
    }
    assert!(named.dated_from("Đà Nẵng"), "{:?}", named.paragraphs);

    let xlsx = file(
        &app.get(&p.province_document("xlsx"), &p.compiler_token)
            .await,
        XLSX,
        "xlsx",
    );
    assert_eq!(worksheets(&xlsx), PROVINCE_TABLES);
    assert!(sheet_names(&xlsx).contains(&"Họp báo theo quý".to_owned()));

    // The administrator compiles it as well.
    let reply = app
        .get(&p.province_document("docx"), &app.admin_token)
        .await;
    assert!(Word::of(&file(&reply, DOCX, "docx")).has(MC_PLAN));
}

async fn no_file_for_whoever_may_not_read_the_report(app: TestApp) {
    let p = Province::new(&app).await;
    // Another host unit: as if the report were absent.
    app.get(&p.unit_document("docx"), &p.mai_chau_token)
        .await
        .problem(404);
    app.get(&p.unit_document("xlsx"), &p.cast.police.token)
        .await
        .problem(404);
    // The province's report is the compiling unit's to make.
    for token in [&p.cast.host.token, &p.mai_chau_token, &p.cast.police.token] {
        app.get(&p.province_document("docx"), token)
            .await
            .problem(403);
    }
    let bad = app
        .get(&p.unit_document("pdf"), &p.cast.host.token)
        .await
        .problem(422);
    assert_eq!(bad["errors"][0]["field"], "format", "{bad}");
    let bad = app
        .get(
            "/api/v1/reports/province-document?period=2026-h2",
            &p.compiler_token,
        )
        .await
        .problem(422);
    assert_eq!(bad["errors"][0]["field"], "period", "{bad}");
    app.get("/api/v1/unit-reports/999999/document", &app.admin_token)
        .await
        .problem(404);
}

/// Reads the unit's .docx back with python-docx from the CI's virtualenv
/// (`target/ci-venv`, tests/documents/requirements.txt): the headings are
/// paragraphs, and a table cell holds the incoming delegations' total. A
/// machine without it skips this check, saying so; under CI (`CI` set) a
/// missing python-docx fails the test, as .ci/run installs it first.
fn check_with_python_docx(app: &TestApp, docx: &[u8], figures: &Value) {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_owned();
    let python = target.join("ci-venv/bin/python3");
    let has_docx = python.exists()
        && std::process::Command::new(&python)
            .args(["-c", "import docx"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !has_docx {
        assert!(
            std::env::var_os("CI").is_none(),
            "python-docx is not installed in {} under CI: \
             pip install -r tests/documents/requirements.txt",
            python.display()
        );
        println!(
            "python-docx not installed in {}: not read back",
            python.display()
        );
        return;
    }
    let dir = target.join("documents-check");
    std::fs::create_dir_all(&dir).unwrap();
    // One file per engine: the two runs of this test go side by side.
    let path = dir.join(format!("unit-report-{:?}.docx", app.engine).to_lowercase());
    std::fs::write(&path, docx).unwrap();
    let script = "import docx, json, sys\n\
        d = docx.Document(sys.argv[1])\n\
        print(json.dumps({'paragraphs': [p.text for p in d.paragraphs],\n\
                          'tables': [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]}))";
    let out = std::process::Command::new(&python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paragraphs: Vec<&str> = read["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for heading in ["BÁO CÁO", "I. Kết quả", "IV. Phương hướng, nhiệm vụ kỳ tới"]
    {
        assert!(
            paragraphs.contains(&heading),
            "{heading:?} in {paragraphs:?}"
        );
    }
    let total = row("Tổng số", &figures["incoming"]["total"]);
    let rows: Vec<Vec<String>> = read["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t.as_array().unwrap().iter())
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_owned())
                .collect()
        })
        .collect();
    assert!(rows.contains(&total), "{total:?} in {rows:?}");
}
