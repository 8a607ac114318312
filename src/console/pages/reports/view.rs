//! The report's page: the report, its figures' tables and the workflow's
//! buttons, as `render` draws them for every handler that shows a report.

use actix_web::HttpResponse;
use askama::Template;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::interview::most;
use crate::console::session::Visit;
use crate::documents::Cell;
use crate::domain::ids::UnitReportId;
use crate::domain::report::figures::ReportFigures;
use crate::domain::report::workflow::{
    self as rules, ReportAction, ReportStatus, Standing, UnitReport,
};
use crate::domain::time::{PROVINCE_TZ, province_today};
use crate::domain::workflow::Verdict;
use crate::model;

use super::chart::main_counts;
use super::{CHART_WIDTH, Chart, SectionsForm, Shown, Which, chart, period_choices, period_name};

/// A table of the figures, its cells as text.
#[derive(Debug)]
struct TableView {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn cell(t: Tr, c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => t.date(d),
        Cell::Empty => String::new(),
    }
}

fn tables(t: Tr, f: &ReportFigures) -> Vec<TableView> {
    f.tables()
        .into_iter()
        .map(|table| TableView {
            title: table.title,
            headers: table.headers,
            rows: table
                .rows
                .iter()
                .map(|r| r.iter().map(|c| cell(t, c)).collect())
                .collect(),
        })
        .collect()
}

/// A workflow button the person may press.
#[derive(Debug)]
struct Offer {
    action: &'static str,
    label: String,
    /// Returning says what to fix: its form has a note.
    needs_note: bool,
}

/// The report as the page shows it.
#[derive(Debug)]
struct ReportView {
    id: UnitReportId,
    status: &'static str,
    status_name: String,
    return_note: Option<String>,
    submitted: Option<String>,
    results: String,
    difficulties: String,
    proposals: String,
    plan: String,
}

#[derive(Template)]
#[template(path = "reports/page.html")]
struct ReportPage {
    c: Chrome,
    notice: Option<String>,
    errors: FormErrors,
    period: String,
    period_name: String,
    periods: Vec<Choice>,
    /// The person's own page (`/reports`), with its period switcher.
    own: bool,
    first_day: String,
    last_day: String,
    due: String,
    unit_name: Option<String>,
    report: Option<ReportView>,
    may_begin: bool,
    /// The sections' form, while the person may write them.
    form: Option<SectionsForm>,
    note: String,
    actions: Vec<Offer>,
    reads_province: bool,
    chart: Chart,
    chart_width: u32,
    tables: Vec<TableView>,
}

pub(super) async fn render(
    state: &AppState,
    visit: &Visit,
    here: String,
    shown: Shown,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let today = province_today();
    let limit = most()?;
    let which = shown.which;
    let (account, (settings, compiling, period, report, figures)) = visit
        .read(state, move |conn, account| {
            let caller = account.caller;
            let values = model::settings::get(conn)?.values.reports;
            let compiling = values.compiling_unit;
            let (period, report, unit) = match which {
                Which::One(id) => {
                    let r = model::report::unit_report::visible(conn, caller, id)?;
                    let (period, unit) = (r.period, r.unit_id);
                    (period, Some(r), Some(unit))
                }
                Which::Mine(asked) => {
                    let period = asked.unwrap_or_else(|| rules::next_due(today, &values));
                    let own = match caller.unit {
                        Some(unit) => model::report::unit_report::list(
                            conn,
                            caller,
                            Some(period),
                            None,
                            limit,
                        )?
                        .into_iter()
                        .find(|r| r.unit_id == unit),
                        None => None,
                    };
                    (period, own, caller.unit)
                }
            };
            let figures = model::report::figures::of_period(conn, caller, period, unit)?;
            Ok((values, compiling, period, report, figures))
        })
        .await?;
    let caller = account.caller;
    let in_compiling = caller.unit.is_some() && caller.unit == compiling;
    let standing = |r: &UnitReport| Standing::of(caller, r.unit_id, compiling);
    let actions = report.as_ref().map_or_else(Vec::new, |r| {
        [
            ReportAction::Submit,
            ReportAction::Return,
            ReportAction::Accept,
        ]
        .into_iter()
        .filter(|a| matches!(rules::decide(*a, r.status, standing(r)), Verdict::Go(_)))
        .map(|a| Offer {
            action: a.as_str(),
            label: t.t(&format!("reports-action-{}", a.as_str())),
            needs_note: a == ReportAction::Return,
        })
        .collect()
    });
    let writes = |r: &UnitReport| standing(r).may_edit() && r.status.open_to_changes();
    let form = report.as_ref().filter(|r| writes(r)).map(|r| {
        shown.typed.clone().unwrap_or_else(|| SectionsForm {
            version: r.version.to_string(),
            results: r.sections.results.clone(),
            difficulties: r.sections.difficulties.clone(),
            proposals: r.sections.proposals.clone(),
            plan: r.sections.plan.clone(),
            ..SectionsForm::default()
        })
    });
    let may_begin = matches!(which, Which::Mine(_))
        && report.is_none()
        && caller
            .unit
            .is_some_and(|unit| Standing::of(caller, unit, compiling).may_edit());
    let page = ReportPage {
        c: Chrome::new(visit, Some(&account), Nav::Other, &here),
        notice: shown.notice,
        errors: shown.errors,
        period: period.as_text(),
        period_name: period_name(t, period),
        periods: period_choices(t, today, period),
        own: matches!(which, Which::Mine(_)),
        first_day: t.date(&period.first_day(&settings)),
        last_day: t.date(&period.last_day(&settings)),
        due: t.date(&period.due(&settings)),
        unit_name: figures.unit.as_ref().map(|u| u.name.clone()),
        report: report.map(|r| ReportView {
            id: r.id,
            status: r.status.as_str(),
            status_name: t.name("reports-status", r.status.as_str()),
            // The last return's note, until the report is accepted: then
            // it no longer says what to fix (the model keeps it).
            return_note: r.return_note.filter(|_| r.status != ReportStatus::Accepted),
            submitted: r.submitted_at.map(|at| t.date_time(&at, PROVINCE_TZ)),
            results: r.sections.results,
            difficulties: r.sections.difficulties,
            proposals: r.sections.proposals,
            plan: r.sections.plan,
        }),
        may_begin,
        form,
        note: shown.note,
        actions,
        reads_province: Standing::reads_province(caller.role, in_compiling),
        chart: chart(main_counts(t, &figures)),
        chart_width: CHART_WIDTH,
        tables: tables(t, &figures),
    };
    page::form(visit, &page.errors, &page)
}
