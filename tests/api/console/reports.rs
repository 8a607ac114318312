//! The report pages (issue 17): a host unit begins, writes and submits its
//! half-year report through the forms; the compiling unit finds it in its
//! overview, returns it with a note; the unit reads the note, fixes and
//! submits again; the compiling unit accepts. A form read before someone
//! else's save is refused and keeps what was typed; a stranger meets 404;
//! the page draws its chart as SVG.

use serde_json::json;
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use super::{Browser, page};
use crate::helpers::{Reply, TestApp};

const PERIOD: &str = "2026-h1";

/// The value of the hidden `version` field of the page's sections form.
fn version_of(html: &str) -> String {
    let marker = "name=\"version\" value=\"";
    let at = html.find(marker).expect("a sections form") + marker.len();
    let rest = &html[at..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The report's page a 303 names (`/reports/{id}?done=…`), without its query.
fn report_path(reply: &Reply) -> String {
    assert_eq!(reply.status.as_u16(), 303, "body: {}", reply.text());
    let location = reply.header("location").unwrap();
    location.split('?').next().unwrap().to_owned()
}

async fn a_unit_report_goes_through_the_forms_to_acceptance(app: TestApp) {
    let unit = app.make_unit("Sở Công Thương", UnitKind::Department).await;
    let compiling = app
        .make_unit("Sở Văn hóa, Thể thao và Du lịch", UnitKind::Department)
        .await;
    let other = app
        .make_unit("UBND huyện Mai Châu", UnitKind::District)
        .await;
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
    app.make_user("congthuong", Role::HostUnit, Some(unit))
        .await;
    app.make_user("tonghop", Role::HostUnit, Some(compiling))
        .await;
    app.make_user("maichau", Role::HostUnit, Some(other)).await;

    // The unit: no report yet, the figures as a chart and tables, a button
    // to begin.
    let mut host = Browser::new();
    host.sign_in(&app, "congthuong").await;
    let html = page(
        &host.get(&app, &format!("/reports?period={PERIOD}")).await,
        200,
    );
    assert!(html.contains("6 tháng đầu năm 2026"), "{html}");
    assert!(html.contains("Bắt đầu báo cáo"), "{html}");
    assert!(html.contains("<svg") && html.contains("</svg>"), "{html}");
    assert!(
        html.contains("Đoàn vào theo trạng thái"),
        "the tables: {html}"
    );
    assert!(
        !html.contains("/reports/overview"),
        "a unit does not compile"
    );
    let begun = host.post(&app, "/reports", &[("period", PERIOD)]).await;
    let path = report_path(&begun);
    let html = page(&host.follow(&app, &begun).await, 200);
    assert!(html.contains("Đã bắt đầu báo cáo"), "{html}");
    assert!(html.contains("Dự thảo"), "{html}");
    let first_version = version_of(&html);

    // Submitting with no results is refused, in Vietnamese, the report
    // stays a draft.
    let refused = host
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "submit")],
        )
        .await;
    let html = page(&refused, 422);
    assert!(html.contains("Cần viết phần kết quả thực hiện"), "{html}");

    let saved = host
        .post(
            &app,
            &path,
            &[
                ("version", &first_version),
                ("results", "Đón 12 đoàn vào, cử 3 đoàn ra."),
                ("difficulties", "Thiếu phiên dịch tiếng Hàn."),
                ("proposals", ""),
                ("plan", "Tổ chức hội nghị xúc tiến đầu tư."),
            ],
        )
        .await;
    let html = page(&host.follow(&app, &saved).await, 200);
    assert!(html.contains("Đã lưu báo cáo"), "{html}");
    assert!(html.contains("Đón 12 đoàn vào, cử 3 đoàn ra."), "{html}");

    // A form read before that save: refused, what was typed kept, the
    // stored text unchanged.
    let stale = host
        .post(
            &app,
            &path,
            &[
                ("version", &first_version),
                ("results", "Bản cũ ghi đè"),
                ("difficulties", ""),
                ("proposals", ""),
                ("plan", ""),
            ],
        )
        .await;
    let html = page(&stale, 422);
    assert!(html.contains("Người khác đã sửa báo cáo này"), "{html}");
    assert!(html.contains("Bản cũ ghi đè"), "the typed text is kept");
    assert_ne!(
        version_of(&html),
        first_version,
        "on the stored version now"
    );
    let id = path.rsplit('/').next().unwrap();
    let api = format!("/api/v1/unit-reports/{id}");
    let stored = app.get(&api, &app.admin_token).await.ok(200);
    assert_eq!(stored["results"], "Đón 12 đoàn vào, cử 3 đoàn ra.");

    host.get(&app, &path).await;
    let submitted = host
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "submit")],
        )
        .await;
    let html = page(&host.follow(&app, &submitted).await, 200);
    assert!(
        html.contains("Đã gửi báo cáo đến đơn vị tổng hợp"),
        "{html}"
    );
    assert!(!html.contains("name=\"version\""), "no form once submitted");

    // The compiling unit: the overview names the unit and links its report.
    let mut compiler = Browser::new();
    compiler.sign_in(&app, "tonghop").await;
    let html = page(
        &compiler
            .get(&app, &format!("/reports/overview?period={PERIOD}"))
            .await,
        200,
    );
    assert!(html.contains("Sở Công Thương"), "{html}");
    assert!(html.contains("UBND huyện Mai Châu"), "{html}");
    assert!(html.contains(&format!("href=\"{path}\"")), "{html}");
    assert!(html.contains("1/3 đơn vị đã gửi báo cáo"), "{html}");

    let html = page(&compiler.get(&app, &path).await, 200);
    assert!(html.contains("Trả lại để sửa") && html.contains("Tiếp nhận báo cáo"));
    assert!(
        !html.contains("Gửi báo cáo<"),
        "the unit submits, not the compiler"
    );
    let no_note = compiler
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "return")],
        )
        .await;
    let html = page(&no_note, 422);
    assert!(html.contains("ghi chú nói rõ cần sửa"), "{html}");
    let returned = compiler
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "return"), ("note", "Bổ sung số liệu đoàn ra.")],
        )
        .await;
    let html = page(&compiler.follow(&app, &returned).await, 200);
    assert!(html.contains("Đã trả lại báo cáo cho đơn vị"), "{html}");

    // The unit reads the note, fixes and submits again.
    let html = page(
        &host.get(&app, &format!("/reports?period={PERIOD}")).await,
        200,
    );
    assert!(html.contains("Bị trả lại"), "{html}");
    assert!(html.contains("Bổ sung số liệu đoàn ra."), "{html}");
    let fixed = host
        .post(
            &app,
            &path,
            &[
                ("version", &version_of(&html)),
                ("results", "Đón 12 đoàn vào, cử 4 đoàn ra."),
                ("difficulties", "Thiếu phiên dịch tiếng Hàn."),
                ("proposals", ""),
                ("plan", "Tổ chức hội nghị xúc tiến đầu tư."),
            ],
        )
        .await;
    host.follow(&app, &fixed).await;
    let again = host
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "submit")],
        )
        .await;
    assert_eq!(again.status.as_u16(), 303, "{}", again.text());

    compiler.get(&app, &path).await;
    let accepted = compiler
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "accept")],
        )
        .await;
    let html = page(&compiler.follow(&app, &accepted).await, 200);
    assert!(html.contains("Đã tiếp nhận báo cáo"), "{html}");
    assert!(html.contains("Đón 12 đoàn vào, cử 4 đoàn ra."), "{html}");
    assert!(!html.contains("Trả lại để sửa"), "nothing left to take");
    let stored = app.get(&api, &app.admin_token).await.ok(200);
    assert_eq!(stored["status"], "accepted");
    assert_eq!(stored["results"], "Đón 12 đoàn vào, cử 4 đoàn ra.");

    // The files, by the links the pages give: the unit's report as Word
    // and Excel, and the province's compiled report from the overview.
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let report_page = page(&host.get(&app, &path).await, 200);
    let overview_page = page(
        &compiler
            .get(&app, &format!("/reports/overview?period={PERIOD}"))
            .await,
        200,
    );
    for (compiling, href, kind) in [
        (false, format!("{path}/document?format=docx"), docx),
        (false, format!("{path}/document?format=xlsx"), xlsx),
        (
            true,
            format!("/reports/overview/document?period={PERIOD}&format=docx"),
            docx,
        ),
    ] {
        let (browser, listed) = if compiling {
            (&mut compiler, &overview_page)
        } else {
            (&mut host, &report_page)
        };
        let link = href.replace('&', "&amp;");
        assert!(listed.contains(&link), "{link} on the page");
        let file = browser.get(&app, &href).await;
        assert_eq!(file.status.as_u16(), 200, "{href}: {}", file.text());
        assert_eq!(file.header("content-type").as_deref(), Some(kind), "{href}");
        assert!(file.body.starts_with(b"PK"), "{href}: a zip");
        assert!(
            file.header("content-disposition")
                .is_some_and(|d| d.starts_with("attachment;")),
            "{href}"
        );
    }

    // A stranger: 404 for the report's page and its actions; no overview.
    let mut stranger = Browser::new();
    stranger.sign_in(&app, "maichau").await;
    page(&stranger.get(&app, &path).await, 404);
    stranger.get(&app, "/reports").await;
    let taken = stranger
        .post(
            &app,
            &format!("{path}/transitions"),
            &[("action", "return"), ("note", "x")],
        )
        .await;
    assert_eq!(taken.status.as_u16(), 404, "{}", taken.text());
    let overview = stranger
        .get(&app, &format!("/reports/overview?period={PERIOD}"))
        .await;
    assert_eq!(overview.status.as_u16(), 403);
    let file = stranger.get(&app, &format!("{path}/document")).await;
    assert_eq!(file.status.as_u16(), 404, "not the stranger's report");
    let file = stranger
        .get(&app, &format!("/reports/overview/document?period={PERIOD}"))
        .await;
    assert_eq!(file.status.as_u16(), 403, "not the stranger's to compile");
    let stored = app.get(&api, &app.admin_token).await.ok(200);
    assert_eq!(stored["status"], "accepted", "the stranger changed nothing");

    // A period that is none: 422, not a crash.
    let bad = host.get(&app, "/reports?period=2026-h3").await;
    assert_eq!(bad.status.as_u16(), 422, "{}", bad.text());
}

crate::on_both_engines!(a_unit_report_goes_through_the_forms_to_acceptance);
