//! The report pages (issue 17; DESIGN.md, "Reports"): a unit's half-year or
//! annual report with its figures (tables, and a bar chart of the main
//! counts beside the year before, drawn here as SVG), its four sections as
//! a form while the unit holds it, and the workflow's buttons; the
//! compiling unit's overview of who has reported.
//!
//! Who may see, write or act is `model::report::unit_report`'s and the
//! workflow table's (`domain::report::workflow`): this page offers what
//! `decide` lets the person take, and the model decides again.
//!
//! The downloads (.docx, .xlsx) are left to the API for now: its routes
//! read a bearer token, and these pages have the cookie session only.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form::{errors, refused, version};
use crate::console::pages::interview::{here, most};
use crate::console::session::Visit;
use crate::documents::Cell;
use crate::domain::FieldError;
use crate::domain::ids::UnitReportId;
use crate::domain::report::figures::{Figure, ReportFigures};
use crate::domain::report::workflow::{
    self as rules, ReportAction, ReportStatus, Standing, UnitReport,
};
use crate::domain::report::{Period, PeriodKind};
use crate::domain::time::{PROVINCE_TZ, province_today};
use crate::domain::workflow::Verdict;
use crate::error::ApiError;
use crate::model;
use crate::model::report::unit_report::{CreateUnitReport, UnitReportPatch};
use crate::routes::report::documents::{self, DocumentFormat};

/// This part's routes, under `/reports` (the overview's before the
/// report's, whose `/{id}` would take `overview` for an id).
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/reports")
            .service(mine)
            .service(begin)
            // Before `/{id}`: "overview" is no id.
            .service(province_document)
            .service(overview)
            .service(document)
            .service(show)
            .service(save)
            .service(act),
    );
}

/// The fields of the sections' form, in the order the page shows them.
const ORDER: &[&str] = &["results", "difficulties", "proposals", "plan", "note"];

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PeriodQuery {
    period: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    done: String,
}

/// The sections as the form sends them, with the version they were read at.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SectionsForm {
    csrf: String,
    version: String,
    results: String,
    difficulties: String,
    proposals: String,
    plan: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct BeginForm {
    csrf: String,
    period: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    action: String,
    note: String,
}

/// A table of the figures, its cells as text.
#[derive(Debug)]
struct TableView {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One count of the chart: a bar for the period, one for the year before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub current: i64,
    pub previous: i64,
    /// Where the pair starts, and the bars' lengths, in the chart's units.
    pub y: u32,
    pub current_width: u32,
    pub previous_width: u32,
}

/// The chart's drawing: bars on a common scale, the longest filling
/// [`BAR_SPACE`]; its height follows the number of bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub height: u32,
    pub bars: Vec<Bar>,
}

/// The chart's width and the room the longest bar takes (the rest is for
/// its number).
pub const CHART_WIDTH: u32 = 320;
pub const BAR_SPACE: u32 = 270;
/// A pair's height: its label, the two bars, and a gap.
const ROW: u32 = 56;
const LEGEND: u32 = 28;

/// Draws `counts` (label, figure) on one scale; a count of zero has no bar
/// but its number. A negative count (none are) would draw as zero.
pub fn chart(counts: Vec<(String, Figure)>) -> Chart {
    let top = counts
        .iter()
        .map(|(_, f)| f.current.max(f.previous))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = |n: i64| -> u32 {
        let scaled = n.max(0).saturating_mul(i64::from(BAR_SPACE)) / top;
        u32::try_from(scaled).unwrap_or(BAR_SPACE)
    };
    let bars: Vec<Bar> = counts
        .into_iter()
        .zip(0u32..)
        .map(|((label, f), i)| Bar {
            label,
            current: f.current,
            previous: f.previous,
            y: LEGEND + i * ROW,
            current_width: width(f.current),
            previous_width: width(f.previous),
        })
        .collect();
    let rows = u32::try_from(bars.len()).unwrap_or(0);
    Chart {
        height: LEGEND + rows * ROW,
        bars,
    }
}

/// The main counts of the figures, as the chart shows them.
fn main_counts(t: Tr, f: &ReportFigures) -> Vec<(String, Figure)> {
    let mut out = vec![
        (t.t("reports-chart-incoming"), f.incoming.total),
        (t.t("reports-chart-outgoing"), f.outgoing.total),
        (t.t("reports-chart-members"), f.incoming.members),
        (
            t.t("reports-chart-post-trip-on-time"),
            f.post_trip_reports.on_time,
        ),
        (t.t("reports-chart-reviews"), f.security_reviews.done),
    ];
    if let Some(i) = &f.interviews {
        out.push((t.t("reports-chart-interviews"), i.foreign_press));
    }
    if let Some(p) = &f.press {
        out.push((t.t("reports-chart-reporters"), p.reporters));
    }
    out
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

/// A period as the page names it: "6 tháng đầu năm 2026", "Năm 2026".
fn period_name(t: Tr, p: Period) -> String {
    let id = match p.kind {
        PeriodKind::HalfYear => "reports-period-half-year",
        PeriodKind::Year => "reports-period-year",
    };
    t.t1(id, "year", &p.year.to_string())
}

/// The periods the switcher offers: two years back to the next, newest first.
fn period_choices(t: Tr, today: NaiveDate, chosen: Period) -> Vec<Choice> {
    let year = today.year();
    let mut out = Vec::new();
    for y in (year - 2..=year + 1).rev() {
        for p in [Period::year(y), Period::half_year(y)] {
            out.push(Choice {
                value: p.as_text(),
                label: period_name(t, p),
                chosen: p == chosen,
            });
        }
    }
    if !out.iter().any(|c| c.chosen) {
        out.push(Choice {
            value: chosen.as_text(),
            label: period_name(t, chosen),
            chosen: true,
        });
    }
    out
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

/// Which report a page shows.
#[derive(Debug, Clone, Copy)]
enum Which {
    /// The person's unit's for a period (the next due when none is named).
    Mine(Option<Period>),
    One(UnitReportId),
}

/// What the page shows other than what the person typed.
struct Shown {
    which: Which,
    notice: Option<String>,
    errors: FormErrors,
    /// The sections as typed, shown again instead of the stored ones.
    typed: Option<SectionsForm>,
    note: String,
}

impl Shown {
    fn plain(which: Which, notice: Option<String>) -> Self {
        Self {
            which,
            notice,
            errors: FormErrors::default(),
            typed: None,
            note: String::new(),
        }
    }
}

async fn render(
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

/// A period typed in a query or a form: `2026-h1` or `2026`.
fn parse_period(raw: &str) -> Result<Period, ApiError> {
    Period::parse(raw.trim()).ok_or_else(|| {
        ApiError::invalid(
            "period",
            "a period is `2026-h1` (half-year) or `2026` (year)",
        )
    })
}

/// What a change left to say, from `?done=`.
fn notice(t: Tr, done: &str) -> Option<String> {
    matches!(done, "begun" | "saved" | "submit" | "return" | "accept")
        .then(|| t.t(&format!("reports-done-{done}")))
}

/// `GET /reports?period=2026-h1`: the person's unit's report.
#[get("")]
pub async fn mine(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, PageError> {
    let raw = query.into_inner().period;
    let asked = if raw.trim().is_empty() {
        None
    } else {
        Some(parse_period(&raw)?)
    };
    let shown = Shown::plain(Which::Mine(asked), None);
    render(&state, &visit, here(&req, "/reports"), shown).await
}

/// `POST /reports`: begins the person's unit's report for a period.
#[post("")]
pub async fn begin(
    state: web::Data<AppState>,
    visit: Visit,
    body: web::Form<BeginForm>,
) -> Result<HttpResponse, PageError> {
    let form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let period = parse_period(&form.period)?;
    let input = CreateUnitReport {
        period,
        unit_id: None,
        results: String::new(),
        difficulties: String::new(),
        proposals: String::new(),
        plan: String::new(),
    };
    let done = visit
        .write(&state.db, move |conn, caller| {
            model::report::unit_report::create(conn, caller, input)
        })
        .await;
    match done {
        Ok(r) => Ok(page::see_other(&format!("/reports/{}?done=begun", r.id))),
        Err(PageError::Api(e)) => {
            let shown = Shown {
                errors: errors(e, visit.tr(), ORDER)?,
                ..Shown::plain(Which::Mine(Some(period)), None)
            };
            let here = format!("/reports?period={period}");
            render(&state, &visit, here, shown).await
        }
        Err(other) => Err(other),
    }
}

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
            &here(&req, "/reports/overview"),
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

/// `GET /reports/{id}`: any report the person may see (404 otherwise).
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    id: web::Path<UnitReportId>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, PageError> {
    let notice = notice(visit.tr(), &query.done);
    let shown = Shown::plain(Which::One(id.into_inner()), notice);
    render(&state, &visit, here(&req, "/reports"), shown).await
}

/// `POST /reports/{id}`: writes the sections, at the version the form read.
#[post("/{id}")]
pub async fn save(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitReportId>,
    body: web::Form<SectionsForm>,
) -> Result<HttpResponse, PageError> {
    let mut form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let if_match = version(&form.version);
    let patch = UnitReportPatch {
        results: Some(form.results.clone()),
        difficulties: Some(form.difficulties.clone()),
        proposals: Some(form.proposals.clone()),
        plan: Some(form.plan.clone()),
    };
    let done = visit
        .write(&state.db, move |conn, caller| {
            model::report::unit_report::update(conn, caller, id, if_match, patch)
        })
        .await;
    let errors = match done {
        Ok(_) => return Ok(page::see_other(&format!("/reports/{id}?done=saved"))),
        Err(PageError::Api(ApiError::PreconditionFailed { current })) => {
            // Shown again with the person's text on the version now stored:
            // saving once more, after a look, is their choice.
            form.version = current.to_string();
            FormErrors(vec![FieldError::new("", visit.tr().t("reports-stale"))])
        }
        Err(PageError::Api(e)) => refused(e, visit.tr(), ORDER, &mut form.version)?,
        Err(other) => return Err(other),
    };
    let shown = Shown {
        errors,
        typed: Some(form),
        ..Shown::plain(Which::One(id), None)
    };
    render(&state, &visit, format!("/reports/{id}"), shown).await
}

/// `POST /reports/{id}/transitions`: submits, returns with a note or accepts.
#[post("/{id}/transitions")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitReportId>,
    body: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let action = ReportAction::parse(form.action.trim())
        .ok_or_else(|| ApiError::invalid("action", "must be one of submit, return, accept"))?;
    let note = Some(form.note.trim().to_owned()).filter(|n| !n.is_empty());
    let done = visit
        .write(&state.db, move |conn, caller| {
            model::report::unit_report::transition(conn, caller, id, action, note)
        })
        .await;
    match done {
        Ok(_) => Ok(page::see_other(&format!(
            "/reports/{id}?done={}",
            action.as_str()
        ))),
        Err(PageError::Api(e)) => {
            let shown = Shown {
                errors: errors(e, visit.tr(), ORDER)?,
                note: form.note,
                ..Shown::plain(Which::One(id), None)
            };
            render(&state, &visit, format!("/reports/{id}"), shown).await
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(current: i64, previous: i64) -> Figure {
        Figure { current, previous }
    }

    #[test]
    fn the_longest_bar_fills_the_space_and_the_rest_keep_the_scale() {
        let c = chart(vec![("a".into(), fig(10, 5)), ("b".into(), fig(0, 20))]);
        assert_eq!(c.bars[0].current_width, BAR_SPACE / 2);
        assert_eq!(c.bars[0].previous_width, BAR_SPACE / 4);
        assert_eq!(c.bars[1].current_width, 0);
        assert_eq!(c.bars[1].previous_width, BAR_SPACE);
        assert_eq!(c.bars[1].y, c.bars[0].y + ROW);
        assert_eq!(c.height, LEGEND + 2 * ROW);
    }

    #[test]
    fn an_empty_period_draws_no_bars_and_no_division_by_zero() {
        let c = chart(vec![("a".into(), fig(0, 0))]);
        assert_eq!(c.bars[0].current_width, 0);
        assert_eq!(c.bars[0].previous_width, 0);
    }

    #[test]
    fn the_catalogues_have_every_label_in_both_languages() {
        crate::console::i18n::catalogue::check_part(
            include_str!("../locales/vi/reports.ftl"),
            include_str!("../locales/en/reports.ftl"),
            &["reports-", "err-"],
        );
    }
}

/// What a download link asks for: `format=xlsx` for the tables, the .docx
/// otherwise (a link, not a form: nothing to refuse).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct FileQuery {
    period: String,
    format: String,
}

impl FileQuery {
    fn format(&self) -> DocumentFormat {
        if self.format == "xlsx" {
            DocumentFormat::Xlsx
        } else {
            DocumentFormat::Docx
        }
    }
}

/// Reads the report file `make` builds for the signed-in person, under the
/// gate of big answers (as the API's documents are), and answers it.
async fn download(
    state: &AppState,
    visit: &Visit,
    format: DocumentFormat,
    make: impl FnOnce(&mut crate::db::AnyConnection, crate::domain::role::Caller) -> ApiResultFile
    + Send
    + 'static,
) -> Result<HttpResponse, PageError> {
    let read = state
        .limits
        .big_answer(async {
            Ok(visit
                .read(state, move |conn, account| {
                    let file = make(conn, account.caller)?;
                    Ok((file.stem.clone(), documents::render(&file, format)?))
                })
                .await)
        })
        .await?;
    let (_, (stem, file)) = read?;
    Ok(visit.finish(documents::answer(&stem, file)))
}

type ApiResultFile = crate::error::ApiResult<model::report::document::ReportFile>;

/// `GET /reports/{id}/document?format=docx|xlsx`: a report the person may
/// read, as the office files it (404 otherwise, as its page).
#[get("/{id}/document")]
pub async fn document(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitReportId>,
    query: web::Query<FileQuery>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    download(&state, &visit, query.format(), move |conn, caller| {
        model::report::document::of_unit_report(conn, caller, id, province_today())
    })
    .await
}

/// `GET /reports/overview/document?period=&format=docx|xlsx`: the
/// province's report of the period as the compiling unit compiles it (the
/// compiling unit and the administrator; the 403 page otherwise).
#[get("/overview/document")]
pub async fn province_document(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<FileQuery>,
) -> Result<HttpResponse, PageError> {
    let period = parse_period(&query.period)?;
    download(&state, &visit, query.format(), move |conn, caller| {
        model::report::document::of_province(conn, caller, period, province_today())
    })
    .await
}
