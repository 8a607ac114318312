//! `/admin/calendar` (administrator): the working calendar of a year — its
//! days off with their names, the government's swap days with their
//! sources — and the forms that add, change and remove a swap day. Every
//! change is `model::settings`' operation, as through the API.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form::{self, Reader};
use crate::console::session::{Account, Visit};
use crate::domain::working_days::{FIRST_YEAR, LAST_YEAR};
use crate::error::ApiError;
use crate::model;
use crate::model::settings::{SwapInput, SwapView};

/// The order of the form's fields, for the error summary.
const ORDER: &[&str] = &["date", "working", "note", "source"];

/// This page's routes. They sit outside the `/admin` scope's list (which
/// is the users' and units' part) and are registered before it.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(show).service(save_swap).service(remove_swap);
}

/// A day off or a swap day as a row of the year's table.
struct DayRow {
    date: String,
    what: String,
}

/// A swap day as a row, with the address that removes it.
struct SwapRow {
    date: String,
    kind: String,
    note: String,
    source: String,
    remove: String,
}

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarPage {
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    year: i32,
    days_off: Vec<DayRow>,
    swaps: Vec<SwapRow>,
    form: SwapForm,
    kinds: Vec<Choice>,
}

/// The swap form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SwapForm {
    csrf: String,
    date: String,
    working: String,
    note: String,
    source: String,
}

impl SwapForm {
    /// The form read as the API reads its body.
    fn read(&self) -> Result<SwapInput, ApiError> {
        let mut read = Reader::new();
        let date = read.required_date("date", &self.date);
        let working = read.required_choice("working", &self.working, |raw| match raw {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        });
        read.finish()?;
        let (Some(date), Some(working)) = (date, working) else {
            return Err(ApiError::invalid("date", "must not be empty"));
        };
        SwapInput {
            date,
            working,
            note: self.note.clone(),
            source: self.source.clone(),
        }
        .parse()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Query {
    year: Option<i32>,
    done: String,
}

/// The year's page, read for the administrator (403 for anyone else).
async fn page_for(
    state: &AppState,
    visit: &Visit,
    year: i32,
    form: SwapForm,
    errors: FormErrors,
    done: &str,
) -> Result<(Account, CalendarPage), PageError> {
    let t = visit.tr();
    let (account, (days, swaps)) = visit
        .read(state, move |conn, account| {
            model::settings::require_admin(account.caller, "change the holiday and swap table")?;
            let (from, to) = year_span(year)?;
            let days = model::settings::days(conn, from, to)?;
            Ok((days, model::settings::swaps(conn, Some(year))?))
        })
        .await?;
    let days_off = days
        .into_iter()
        .filter(|d| !d.working && (d.holiday.is_some() || d.swap.is_some()))
        .map(|d| DayRow {
            date: t.date(&d.date),
            what: match (&d.holiday, &d.swap) {
                (Some(h), _) => match t.lang {
                    crate::console::i18n::Lang::Vi => h.vi().into_owned(),
                    crate::console::i18n::Lang::En => h.en().into_owned(),
                },
                (None, Some(note)) => note.clone(),
                (None, None) => String::new(),
            },
        })
        .collect();
    let swaps = swaps
        .into_iter()
        .map(|s: SwapView| SwapRow {
            date: t.date(&s.date),
            kind: t.t(&format!("calendar-working-{}", s.working)),
            remove: format!("/admin/calendar/swaps/{}/remove", s.date),
            note: s.note,
            source: s.source,
        })
        .collect();
    let notice = match done {
        "saved" | "removed" => Some(t.t(&format!("calendar-{done}"))),
        _ => None,
    };
    let kinds = ["false", "true"]
        .into_iter()
        .map(|v| Choice {
            value: v.to_owned(),
            label: t.t(&format!("calendar-working-{v}")),
            chosen: form.working == v,
        })
        .collect();
    let here = format!("/admin/calendar?year={year}");
    let page = CalendarPage {
        c: Chrome::new(visit, Some(&account), Nav::Admin, &here),
        errors,
        notice,
        year,
        days_off,
        swaps,
        form,
        kinds,
    };
    Ok((account, page))
}

/// The first and last day of `year`, if the calendar knows it.
fn year_span(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let span = (FIRST_YEAR..=LAST_YEAR)
        .contains(&year)
        .then(|| {
            Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ))
        })
        .flatten();
    span.ok_or_else(|| ApiError::invalid("year", "must lie in the calendar's years (1990–2100)"))
}

/// `GET /admin/calendar?year=`: the year's days off and swap days.
#[get("/admin/calendar")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<Query>,
) -> Result<HttpResponse, PageError> {
    let today = crate::domain::time::province_today();
    let year = query
        .year
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .unwrap_or(today.year());
    let (_, page) = page_for(
        &state,
        &visit,
        year,
        SwapForm::default(),
        FormErrors::default(),
        &query.done,
    )
    .await?;
    page::html(&visit, &page)
}

/// `POST /admin/calendar/swaps`: add a swap day or change the one on that day.
#[post("/admin/calendar/swaps")]
pub async fn save_swap(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<SwapForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let f = form.into_inner();
    let e = match f.read() {
        Err(e) => e,
        Ok(input) => {
            let year = input.date.year();
            match visit
                .write(&state.db, move |conn, caller| {
                    model::settings::put_swap(conn, caller, input)
                })
                .await
            {
                Ok(_) => {
                    return Ok(page::see_other(&format!(
                        "/admin/calendar?year={year}&done=saved"
                    )));
                }
                Err(PageError::Api(e)) => e,
                Err(other) => return Err(other),
            }
        }
    };
    let errors = form::errors(e, visit.tr(), ORDER)?;
    let year = form::parse_date(&f.date)
        .map(|d| d.year())
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .unwrap_or_else(|| crate::domain::time::province_today().year());
    let (_, page) = page_for(&state, &visit, year, f, errors, "").await?;
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemoveForm {
    csrf: String,
}

/// `POST /admin/calendar/swaps/{date}/remove`.
#[post("/admin/calendar/swaps/{date}/remove")]
pub async fn remove_swap(
    state: web::Data<AppState>,
    visit: Visit,
    date: web::Path<String>,
    form: web::Form<RemoveForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let day: NaiveDate = date
        .parse()
        .map_err(|_| PageError::Api(ApiError::NotFound))?;
    visit
        .write(&state.db, move |conn, caller| {
            model::settings::delete_swap(conn, caller, day)
        })
        .await?;
    Ok(page::see_other(&format!(
        "/admin/calendar?year={}&done=removed",
        day.year()
    )))
}
