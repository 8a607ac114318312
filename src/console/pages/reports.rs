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
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, FormErrors};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form::{errors, refused, version};
use crate::console::session::Visit;
use crate::domain::FieldError;
use crate::domain::ids::UnitReportId;
use crate::domain::report::workflow::ReportAction;
use crate::domain::report::{Period, PeriodKind};
use crate::error::ApiError;
use crate::model;
use crate::model::report::unit_report::{CreateUnitReport, UnitReportPatch};

mod chart;
mod download;
mod overview_page;
mod view;

pub use chart::{BAR_SPACE, Bar, CHART_WIDTH, Chart, chart};
pub use download::{FileQuery, document, province_document};
pub use overview_page::overview;
use view::render;

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
    render(&state, &visit, page::here(&req, "/reports"), shown).await
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
    render(&state, &visit, page::here(&req, "/reports"), shown).await
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

    #[test]
    fn the_catalogues_have_every_label_in_both_languages() {
        crate::console::i18n::catalogue::check_part(
            include_str!("../locales/vi/reports.ftl"),
            include_str!("../locales/en/reports.ftl"),
            &["reports-", "err-"],
        );
    }
}
