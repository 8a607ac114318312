//! The console's deadline pages beyond the calendar: a reporter's travel
//! documents typed in its form and warned of on its page (without personal
//! data for the roles that may not see it), an accreditation's due dates
//! on its page, and the administrator's settings form — over HTTP with
//! forms, on both engines.

use chrono::{Days, Months, NaiveDate};
use serde_json::{Value, json};
use visitdesk::domain::role::Role;
use visitdesk::domain::time::province_today;
use visitdesk::domain::unit::UnitKind;

use super::super::{Browser, page};
use crate::fixtures::{self, Cast, delegation_body, merged};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures as press;

on_both_engines!(
    the_reporter_form_saves_travel_documents_and_the_page_warns_without_leaking_them,
    the_accreditation_page_flags_a_programme_registered_nine_working_days_ahead,
    saturday_working_saved_in_the_settings_form_moves_a_report_due_date,
    a_bad_or_stale_settings_form_comes_back_with_its_errors_in_vietnamese,
    the_settings_form_refuses_a_missing_csrf_token_and_other_roles,
    the_administrator_names_the_compiling_unit_and_the_province_in_the_form,
);

async fn signed_in(app: &TestApp, username: &str) -> Browser {
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

fn vi(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

async fn the_reporter_form_saves_travel_documents_and_the_page_warns_without_leaking_them(
    app: TestApp,
) {
    let cast = Cast::new(&app).await;
    super::super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    super::super::user(&app, "vanphong", Role::ProvincialOffice).await;
    super::super::user(&app, "xemtin", Role::Viewer).await;
    let start = province_today() + Days::new(30);
    let passport_end = start + Months::new(5);
    let visa_end = start + Days::new(10);
    let card_end = start + Days::new(200);

    let mut fa = signed_in(&app, "ngoaivu").await;
    let form = page(&fa.get(&app, "/reporters/new").await, 200);
    assert!(
        form.contains("<label for=\"f-passport_expiry\">Hộ chiếu có giá trị đến</label>"),
        "{form}"
    );
    assert!(form.contains("PV1 (phóng viên thường trú)"), "{form}");
    let (passport_vi, visa_vi, card_vi) = (vi(passport_end), vi(visa_end), vi(card_end));
    let created = fa
        .post(
            &app,
            "/reporters/new",
            &[
                ("full_name", "Tanaka Ichiro"),
                ("nationality", "JP"),
                ("passport_number", "TR7654321"),
                ("outlet", "Kyodo"),
                ("outlet_country", "JP"),
                ("position", "reporter"),
                ("passport_expiry", passport_vi.as_str()),
                ("visa_type", "pv2"),
                ("visa_number", "PV2-0042"),
                ("visa_end", visa_vi.as_str()),
                ("press_card_end", card_vi.as_str()),
            ],
        )
        .await;
    let href = created.header("location").unwrap();
    let id: i64 = href
        .trim_start_matches("/reporters/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let html = page(&fa.follow(&app, &created).await, 200);
    assert!(html.contains("Đã đăng ký phóng viên."), "{html}");
    assert!(
        html.contains(&passport_vi) && html.contains("PV2-0042"),
        "{html}"
    );
    let saved = app
        .get(&press::reporter_path(id), &cast.foreign_affairs.token)
        .await
        .ok(200);
    assert_eq!(saved["passport_expiry"], json!(passport_end));
    assert_eq!(saved["visa_type"], "pv2");
    assert_eq!(saved["visa_number"], "PV2-0042");
    assert_eq!(saved["visa_end"], json!(visa_end));
    assert_eq!(saved["press_card_end"], json!(card_end));

    // A bad date is refused with its field named, nothing saved.
    let refused = fa
        .post(
            &app,
            &format!("/reporters/{id}/edit"),
            &[
                ("version", "1"),
                ("full_name", "Tanaka Ichiro"),
                ("nationality", "JP"),
                ("outlet", "Kyodo"),
                ("outlet_country", "JP"),
                ("position", "reporter"),
                ("visa_end", "31/02/2027"),
                ("visa_type", "pv9"),
            ],
        )
        .await;
    let html = page(&refused, 422);
    assert!(
        html.contains("href=\"#f-visa_end\">Phải là một ngày (ngày/tháng/năm)</a>"),
        "{html}"
    );
    assert!(html.contains("href=\"#f-visa_type\">"), "{html}");
    // The change form shows what is saved; the visa type changed with it.
    let edit = page(&fa.get(&app, &format!("/reporters/{id}/edit")).await, 200);
    assert!(
        edit.contains(&format!("value=\"{passport_end}\"")),
        "{edit}"
    );
    let version = saved["version"].to_string();
    let changed = fa
        .post(
            &app,
            &format!("/reporters/{id}/edit"),
            &[
                ("version", version.as_str()),
                ("full_name", "Tanaka Ichiro"),
                ("nationality", "JP"),
                ("outlet", "Kyodo"),
                ("outlet_country", "JP"),
                ("position", "reporter"),
                ("visa_type", "pv1"),
            ],
        )
        .await;
    page(&fa.follow(&app, &changed).await, 200);
    let saved = app
        .get(&press::reporter_path(id), &cast.foreign_affairs.token)
        .await
        .ok(200);
    assert_eq!(saved["visa_type"], "pv1");
    assert_eq!(saved["passport_expiry"], json!(passport_end), "kept");

    // A programme starting in 30 days: the passport ends 5 months after.
    let body = merged(
        press::accreditation_body(&[id]),
        json!({"start_date": start, "end_date": start + Days::new(3),
               "referral_date": province_today()}),
    );
    let a = press::create_accreditation(&app, &cast.foreign_affairs.token, body).await;
    let reference = a["reference"].as_str().unwrap().to_owned();
    let warning = "Hộ chiếu còn hạn dưới thời gian tối thiểu sau ngày nhập cảnh";
    let html = page(&fa.get(&app, &format!("/reporters/{id}")).await, 200);
    assert!(html.contains("Cảnh báo hết hạn giấy tờ"), "{html}");
    assert!(
        html.contains(warning) && html.contains(&reference),
        "{html}"
    );
    assert!(html.contains(&format!("hết hạn {passport_vi}")), "{html}");

    // The provincial office and a viewer read the warning, not the data.
    for name in ["vanphong", "xemtin"] {
        let mut other = signed_in(&app, name).await;
        let html = page(&other.get(&app, &format!("/reporters/{id}")).await, 200);
        assert!(html.contains(warning), "{name}: {html}");
        assert!(
            html.contains(&card_vi),
            "the press card is no secret: {html}"
        );
        for secret in [
            "TR7654321",
            "PV2-0042",
            passport_vi.as_str(),
            visa_vi.as_str(),
        ] {
            assert!(!html.contains(secret), "{name} sees {secret}: {html}");
        }
        assert!(!html.contains("Hộ chiếu có giá trị đến"), "{html}");
        let html = page(
            &other
                .get(&app, &format!("/accreditations/{}", a["id"]))
                .await,
            200,
        );
        assert!(html.contains(warning), "{name}: {html}");
        assert!(!html.contains(&passport_vi), "{name}: {html}");
    }
}

async fn the_accreditation_page_flags_a_programme_registered_nine_working_days_ahead(app: TestApp) {
    let cast = Cast::new(&app).await;
    super::super::user(&app, "ngoaivu", Role::ForeignAffairs).await;
    let fa = cast.foreign_affairs.token.as_str();
    let reporter = press::reporter(&app, fa, "JP").await;
    // Monday 30/3/2026; ten working days before it is Monday 16/3.
    let programme = |referral: &str| {
        merged(
            press::accreditation_body(&[reporter]),
            json!({"start_date": "2026-03-30", "end_date": "2026-04-03", "referral_date": referral}),
        )
    };
    let nine = press::create_accreditation(&app, fa, programme("2026-03-17")).await;
    let ten = press::create_accreditation(&app, fa, programme("2026-03-16")).await;
    let mut browser = signed_in(&app, "ngoaivu").await;
    let html = page(
        &browser
            .get(&app, &format!("/accreditations/{}", nine["id"]))
            .await,
        200,
    );
    assert!(
        html.contains("<h2 id=\"h-deadlines\">Thời hạn</h2>"),
        "{html}"
    );
    let row = html
        .split("<tr class=\"deadline ")
        .find(|r| r.contains("Đăng ký chương trình hoạt động báo chí"))
        .expect("the programme's notice row");
    assert!(
        row.contains("16/03/2026") && row.contains("Trễ hạn"),
        "{row}"
    );
    let html = page(
        &browser
            .get(&app, &format!("/accreditations/{}", ten["id"]))
            .await,
        200,
    );
    let row = html
        .split("<tr class=\"deadline ")
        .find(|r| r.contains("Đăng ký chương trình hoạt động báo chí"))
        .expect("the programme's notice row");
    assert!(
        row.contains("Đúng hạn") && !row.contains("Trễ hạn"),
        "{row}"
    );
}

/// Every field of the settings form, as the API has them now, with `changes`.
async fn settings_fields(app: &TestApp, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let s = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    let mut fields = vec![
        ("version".to_owned(), s["version"].to_string()),
        (
            "saturday_working".to_owned(),
            s["saturday_working"].to_string(),
        ),
        ("culture_day".to_owned(), s["culture_day"].to_string()),
    ];
    for (group, names) in [
        (
            "deadlines",
            &[
                "programme_notice_working_days",
                "resident_answer_working_days",
                "conference_notice_working_days",
                "report_days",
                "report_day_count",
            ][..],
        ),
        (
            "expiry",
            &[
                "passport_months_after_entry",
                "visa_days_before_passport",
                "press_card_warning_days",
                "accreditation_warning_days",
            ][..],
        ),
    ] {
        for name in names {
            let value = match &s[group][name] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            fields.push((format!("{group}_{name}"), value));
        }
    }
    let r = &s["reports"];
    let text = |v: &Value| match v {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    for (name, value) in [
        ("reports_compiling_unit", text(&r["compiling_unit"])),
        ("reports_province_name", text(&r["province_name"])),
        (
            "reports_half_year_cutoff_day",
            text(&r["half_year_cutoff"]["day"]),
        ),
        (
            "reports_half_year_cutoff_month",
            text(&r["half_year_cutoff"]["month"]),
        ),
        ("reports_year_cutoff_day", text(&r["year_cutoff"]["day"])),
        (
            "reports_year_cutoff_month",
            text(&r["year_cutoff"]["month"]),
        ),
    ] {
        fields.push((name.to_owned(), value));
    }
    for (name, value) in changes {
        let slot = fields.iter_mut().find(|(n, _)| n == name).unwrap();
        slot.1 = (*value).to_owned();
    }
    fields
}

async fn post_settings(
    browser: &mut Browser,
    app: &TestApp,
    fields: &[(String, String)],
) -> crate::helpers::Reply {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    browser.post(app, "/admin/settings", &pairs).await
}

async fn report_due(app: &TestApp, cast: &Cast, id: i64) -> NaiveDate {
    let d = app
        .get(&fixtures::path(id), &cast.admin.token)
        .await
        .ok(200);
    d["report_due_date"].as_str().unwrap().parse().unwrap()
}

async fn saturday_working_saved_in_the_settings_form_moves_a_report_due_date(app: TestApp) {
    let cast = Cast::new(&app).await;
    let mut admin = signed_in(&app, "admin").await;
    let hub = page(&admin.get(&app, "/admin").await, 200);
    assert!(
        hub.contains("href=\"/admin/settings\"") && hub.contains("href=\"/admin/calendar\""),
        "{hub}"
    );
    let html = page(&admin.get(&app, "/admin/settings").await, 200);
    assert!(html.contains("Thứ Bảy là ngày làm việc"), "{html}");
    assert!(
        html.contains("Mặc định: 10. Căn cứ: Nghị định 88/2012/NĐ-CP"),
        "{html}"
    );
    assert!(html.contains("Quyết định 188/1999/QĐ-TTg"), "{html}");
    assert!(html.contains("Nghỉ Ngày Văn hóa Việt Nam"), "{html}");

    let fields = settings_fields(
        &app,
        &[
            ("deadlines_report_days", "10"),
            ("deadlines_report_day_count", "working"),
        ],
    )
    .await;
    let saved = post_settings(&mut admin, &app, &fields).await;
    let html = page(&admin.follow(&app, &saved).await, 200);
    assert!(html.contains("Đã lưu cài đặt."), "{html}");

    let today = province_today();
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": today - Days::new(4), "end_date": today - Days::new(1)}),
    );
    let id = fixtures::draft_from(&app, &cast, body).await;
    fixtures::walk(&app, &cast, id, "completed").await;
    let before = report_due(&app, &cast, id).await;

    let fields = settings_fields(&app, &[("saturday_working", "true")]).await;
    let saved = post_settings(&mut admin, &app, &fields).await;
    page(&admin.follow(&app, &saved).await, 200);
    let s = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(s["saturday_working"], true);
    assert_eq!(s["deadlines"]["report_days"], 10);
    let after = report_due(&app, &cast, id).await;
    // Ten working days span at least one Saturday, now worked.
    assert!(after < before, "{before} → {after}");
    let html = page(&admin.get(&app, &format!("/delegations/{id}")).await, 200);
    assert!(html.contains(&vi(after)), "{html}");
    assert!(!html.contains(&vi(before)), "{html}");
}

async fn a_bad_or_stale_settings_form_comes_back_with_its_errors_in_vietnamese(app: TestApp) {
    let mut admin = signed_in(&app, "admin").await;
    admin.get(&app, "/admin/settings").await;
    let before = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    let fields = settings_fields(
        &app,
        &[
            ("deadlines_report_days", "400"),
            ("expiry_passport_months_after_entry", "sáu"),
            ("saturday_working", "maybe"),
        ],
    )
    .await;
    let html = page(&post_settings(&mut admin, &app, &fields).await, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(
        html.contains("href=\"#f-deadlines_report_days\">Phải là số nguyên từ 0 đến 366</a>"),
        "{html}"
    );
    assert!(
        html.contains(
            "href=\"#f-expiry_passport_months_after_entry\">Phải là số nguyên từ 0 đến 60</a>"
        ),
        "{html}"
    );
    assert!(html.contains("href=\"#f-saturday_working\">"), "{html}");
    assert!(
        html.contains("value=\"400\""),
        "the form keeps what was typed: {html}"
    );
    let now = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(now, before, "nothing changed");

    // A form read before someone else saved is refused, and says so.
    let stale = settings_fields(&app, &[("culture_day", "true")]).await;
    app.patch(
        "/api/v1/settings",
        &app.admin_token,
        json!({"deadlines": {"report_days": 20}}),
    )
    .await
    .ok(200);
    let html = page(&post_settings(&mut admin, &app, &stale).await, 422);
    assert!(
        html.contains("Hồ sơ vừa được người khác thay đổi"),
        "{html}"
    );
    let now = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(now["culture_day"], false);
    assert_eq!(now["deadlines"]["report_days"], 20);
}

async fn the_settings_form_refuses_a_missing_csrf_token_and_other_roles(app: TestApp) {
    let mut admin = signed_in(&app, "admin").await;
    admin.get(&app, "/admin/settings").await;
    let before = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    let fields = settings_fields(&app, &[("saturday_working", "true")]).await;
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    page(&admin.post_raw(&app, "/admin/settings", &pairs).await, 403);
    let mut forged = vec![("csrf", "not-the-token")];
    forged.extend_from_slice(&pairs);
    page(&admin.post_raw(&app, "/admin/settings", &forged).await, 403);
    for (name, role) in [
        ("ngoaivu", Role::ForeignAffairs),
        ("congan", Role::Police),
        ("xemtin", Role::Viewer),
    ] {
        super::super::user(&app, name, role).await;
        let mut browser = signed_in(&app, name).await;
        page(&browser.get(&app, "/admin/settings").await, 403);
        page(&post_settings(&mut browser, &app, &fields).await, 403);
    }
    let now = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(now, before);
}

/// The report settings on the form (issue 17): the administrator names the
/// compiling unit from the list of units and the province as the reports
/// write it, each with its default and source; a day not every year has,
/// an empty box, a name too long or a unit that is no more (a form left
/// open) come back at their fields, in either language, and save nothing.
async fn the_administrator_names_the_compiling_unit_and_the_province_in_the_form(app: TestApp) {
    let compiling = app
        .make_unit("Sở Văn hóa, Thể thao và Du lịch", UnitKind::Department)
        .await;
    let mut admin = signed_in(&app, "admin").await;
    let html = page(&admin.get(&app, "/admin/settings").await, 200);
    assert!(html.contains("<h2>Báo cáo</h2>"), "{html}");
    assert!(html.contains("Đơn vị tổng hợp báo cáo của tỉnh"), "{html}");
    assert!(
        html.contains(&format!(
            "<option value=\"{}\">Sở Văn hóa, Thể thao và Du lịch</option>",
            compiling.get()
        )),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"\">Chưa chỉ định (quản trị viên tổng hợp)</option>"),
        "{html}"
    );
    assert!(
        html.contains("Mặc định: 15/6. Căn cứ: Nghị định 09/2019/NĐ-CP, Điều 12"),
        "{html}"
    );
    assert!(html.contains("Mặc định: 15/12. Căn cứ:"), "{html}");
    assert!(
        html.contains("Nghị định 30/2020/NĐ-CP, Phụ lục I"),
        "{html}"
    );
    assert!(html.contains("id=\"f-reports_province_name\""), "{html}");

    let unit = compiling.get().to_string();
    let fields = settings_fields(
        &app,
        &[
            ("reports_compiling_unit", unit.as_str()),
            ("reports_province_name", "  Bình Định "),
            ("reports_half_year_cutoff_day", "20"),
        ],
    )
    .await;
    let saved = post_settings(&mut admin, &app, &fields).await;
    let html = page(&admin.follow(&app, &saved).await, 200);
    assert!(html.contains("Đã lưu cài đặt."), "{html}");
    assert!(
        html.contains(&format!(
            "<option value=\"{unit}\" selected>Sở Văn hóa, Thể thao và Du lịch</option>"
        )),
        "{html}"
    );
    assert!(html.contains("value=\"Bình Định\""), "{html}");
    let s = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(s["reports"]["compiling_unit"], compiling.get());
    assert_eq!(s["reports"]["province_name"], "Bình Định");
    assert_eq!(
        s["reports"]["half_year_cutoff"],
        json!({"day": 20, "month": 6})
    );
    assert_eq!(s["reports"]["year_cutoff"], json!({"day": 15, "month": 12}));
    // The rest of the form is saved as it was.
    assert_eq!(s["deadlines"]["report_days"], 15);

    let before = s;
    let too_long = "Đ".repeat(61);
    let fields = settings_fields(
        &app,
        &[
            ("reports_half_year_cutoff_day", "30"),
            ("reports_half_year_cutoff_month", "2"),
            ("reports_year_cutoff_day", ""),
            ("reports_province_name", too_long.as_str()),
        ],
    )
    .await;
    let html = page(&post_settings(&mut admin, &app, &fields).await, 422);
    for error in [
        "href=\"#f-reports_province_name\">Tối đa 60 ký tự</a>",
        "href=\"#f-reports_half_year_cutoff\">Ngày 30/2 không có trong mọi năm</a>",
        "href=\"#f-reports_year_cutoff\">Không được để trống</a>",
    ] {
        assert!(html.contains(error), "{error} in {html}");
    }
    assert!(
        html.contains(
            "id=\"f-reports_half_year_cutoff-error\">Ngày 30/2 không có trong mọi năm</p>"
        ),
        "the error stands at its field: {html}"
    );
    assert!(
        html.contains("name=\"reports_half_year_cutoff_day\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"31\" value=\"30\""),
        "the form keeps what was typed: {html}"
    );
    // A unit that is no more: the operation's refusal, at the list.
    let stale = settings_fields(&app, &[("reports_compiling_unit", "999999")]).await;
    let html = page(&post_settings(&mut admin, &app, &stale).await, 422);
    assert!(
        html.contains("href=\"#f-reports_compiling_unit\">Không có đơn vị mã 999999"),
        "{html}"
    );
    assert_eq!(
        app.get("/api/v1/settings", &app.admin_token).await.ok(200),
        before,
        "nothing saved"
    );

    let chosen = admin
        .post(
            &app,
            "/language",
            &[("lang", "en"), ("back", "/admin/settings")],
        )
        .await;
    let html = page(&admin.follow(&app, &chosen).await, 200);
    assert!(html.contains("<h2>Reports</h2>"), "{html}");
    assert!(
        html.contains("Default: 15/6. Source: Decree 09/2019/NĐ-CP, Art. 12"),
        "{html}"
    );
    let fields = settings_fields(
        &app,
        &[
            ("reports_year_cutoff_day", "31"),
            ("reports_year_cutoff_month", "13"),
            ("reports_province_name", "Bình\u{7}Định"),
        ],
    )
    .await;
    let html = page(&post_settings(&mut admin, &app, &fields).await, 422);
    for error in [
        "href=\"#f-reports_year_cutoff\">31/13 is not a day of every year</a>",
        "href=\"#f-reports_province_name\">must not contain control characters</a>",
    ] {
        assert!(html.contains(error), "{error} in {html}");
    }
    let stale = settings_fields(&app, &[("reports_compiling_unit", "999999")]).await;
    let html = page(&post_settings(&mut admin, &app, &stale).await, 422);
    assert!(
        html.contains("href=\"#f-reports_compiling_unit\">there is no unit 999999</a>"),
        "{html}"
    );
    assert_eq!(
        app.get("/api/v1/settings", &app.admin_token).await.ok(200),
        before,
        "nothing saved"
    );
}
