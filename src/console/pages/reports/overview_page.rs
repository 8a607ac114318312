//! The compiling unit's overview: who has reported for a period.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::session::Visit;
use crate::domain::report::workflow as rules;
use crate::domain::time::{PROVINCE_TZ, province_today};
use crate::model;

use super::{PeriodQuery, parse_period, period_choices, period_name};

/// `GET /reports/overview?period=`: who has reported (the compiling unit
/// and the administrator; 403 for anyone else).
#[get("/overview")]
pub async fn overview(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let today = province_today();
    let raw = query.into_inner().period;
    let asked = if raw.trim().is_empty() {
        None
    } else {
        Some(parse_period(&raw)?)
    };
    let (account, o) = visit
        .read(&state, move |conn, account| {
            let settings = model::settings::get(conn)?.values.reports;
            let period = asked.unwrap_or_else(|| rules::next_due(today, &settings));
            model::report::unit_report::overview(conn, account.caller, period, today)
        })
        .await?;
    let rows = o
        .units
        .into_iter()
        .map(|row| OverviewLine {
            unit_name: row.unit_name,
            status: row.status.as_str(),
            status_name: t.name("reports-progress", row.status.as_str()),
            overdue: row.overdue,
            submitted: row.submitted_at.map(|at| t.date_time(&at, PROVINCE_TZ)),
            href: row.report_id.map(|id| format!("/reports/{id}")),
        })
        .collect::<Vec<_>>();
    let handed_in = rows
        .iter()
        .filter(|r| matches!(r.status, "submitted" | "accepted"))
        .count();
    let page = OverviewPage {
        c: Chrome::new(
            &visit,
            Some(&account),
            Nav::Other,
            &page::here(&req, "/reports/overview"),
        ),
        errors: FormErrors::default(),
        period: o.period.as_text(),
        period_name: period_name(t, o.period),
        periods: period_choices(t, today, o.period),
        due: t.date(&o.due_date),
        counted: t.with(
            "reports-overview-counted",
            &[("done", handed_in.into()), ("total", rows.len().into())],
        ),
        no_compiling_unit: o.compiling_unit_id.is_none(),
        rows,
    };
    page::html(&visit, &page)
}

#[derive(Debug)]
struct OverviewLine {
    unit_name: String,
    status: &'static str,
    status_name: String,
    overdue: bool,
    submitted: Option<String>,
    href: Option<String>,
}

#[derive(Template)]
#[template(path = "reports/overview.html")]
struct OverviewPage {
    c: Chrome,
    errors: FormErrors,
    period: String,
    period_name: String,
    periods: Vec<Choice>,
    due: String,
    counted: String,
    no_compiling_unit: bool,
    rows: Vec<OverviewLine>,
}
