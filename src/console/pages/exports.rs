//! The console's downloads and print views: every list page offers its rows
//! as CSV and Excel with the filters it shows, served here from the same
//! `routes::export::Export` as the API's `/api/v1/exports/…` (the lists'
//! own model reads, so a file holds what the page's person may see and no
//! more); and a delegation's programme (chương trình làm việc) as a page
//! laid out for A4 paper. The schedule's week has its print view on its own
//! page (`/schedule?print=1`); both print without the console's navigation
//! (`assets/print.css`).
//!
//! Why the download link carries the page's own query and is translated
//! here, not on each page: the list pages read their filters as a form
//! sends them (days as `dd/mm/yyyy`, blank fields, the schedule's `week`),
//! and one function turning that into the API's query keeps every page's
//! link one template line (`exports/links.html`).

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, Nav};
use crate::console::pages::delegation::form::parse_date;
use crate::console::pages::delegation::record::{Day, by_day};
use crate::console::pages::delegation::{href as delegation_href, name_of};
use crate::console::session::Visit;
use crate::domain::delegation::Delegation;
use crate::domain::ids::DelegationId;
use crate::domain::time::{PROVINCE_TZ, province_today};
use crate::error::ApiError;
use crate::model;
use crate::routes::export::{Export, Format};

/// This part's routes. Registered before the `/delegations` scope, which
/// would answer 404 for the programme's path it does not know.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(download_members)
        .service(download)
        .service(programme);
}

/// The parameters of a list page that are not filters: its page, what a
/// change left to say, the print switch, the export's own.
const NOT_FILTERS: &[&str] = &["cursor", "limit", "done", "print", "format", "lang"];

/// The address of a list's file in `format` (`csv`, `xlsx`) with the
/// filters of the page at `here` (its path and query), for the templates.
pub fn href(list: &str, here: &str, format: &str) -> String {
    let query = here.split_once('?').map_or("", |(_, q)| q);
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if !NOT_FILTERS.contains(&&*key) && !value.trim().is_empty() {
            out.append_pair(&key, &value);
        }
    }
    out.append_pair("format", format);
    format!("/exports/{list}?{}", out.finish())
}

/// The list's query as the API reads it, from the page's: blank fields
/// dropped, days typed as `dd/mm/yyyy` turned to ISO, the schedule's week
/// or day turned to its window and its repeated `kind` joined. What is not
/// understood is passed on as it is, for the API's parse to refuse (422).
fn api_query(list: &str, page_query: &str) -> String {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(page_query.as_bytes())
        .filter(|(k, v)| !NOT_FILTERS.contains(&&**k) && !v.trim().is_empty())
        .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
        .collect();
    let mut out = form_urlencoded::Serializer::new(String::new());
    if list == "schedule" {
        let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let (from, to) = match (value("day"), value("week")) {
            (Some(day), _) => (day.clone(), day.clone()),
            (None, Some(week)) => week_window(week).unwrap_or_else(|| (week.clone(), week.clone())),
            (None, None) => this_week(),
        };
        out.append_pair("from", &from).append_pair("to", &to);
        let kinds: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "kind")
            .map(|(_, v)| v.as_str())
            .collect();
        if !kinds.is_empty() {
            out.append_pair("kind", &kinds.join(","));
        }
        return out.finish();
    }
    for (key, value) in &pairs {
        let value = match key.as_str() {
            "from" | "to" => parse_date(value).map_or_else(|| value.clone(), |d| d.to_string()),
            _ => value.clone(),
        };
        out.append_pair(key, &value);
    }
    out.finish()
}

/// Monday and Sunday of an ISO week written `2026-W14`.
fn week_window(raw: &str) -> Option<(String, String)> {
    let (year, week) = raw.split_once(['W', 'w'])?;
    let year: i32 = year.trim_end_matches('-').parse().ok()?;
    let week: u32 = week.parse().ok()?;
    let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
    let sunday = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?;
    Some((monday.to_string(), sunday.to_string()))
}

/// This week in the province, which the schedule page shows by default.
fn this_week() -> (String, String) {
    let week = province_today().iso_week();
    week_window(&format!("{}-W{}", week.year(), week.week()))
        .unwrap_or_else(|| (province_today().to_string(), province_today().to_string()))
}

/// The format a download asks for: `csv` unless `xlsx`.
fn format_of(page_query: &str) -> Format {
    let xlsx =
        form_urlencoded::parse(page_query.as_bytes()).any(|(k, v)| k == "format" && v == "xlsx");
    if xlsx { Format::Xlsx } else { Format::Csv }
}

/// Reads `export` for the signed-in person, in the page's language, under
/// the gate of big answers (as the API's exports are), and answers the file.
async fn answer(
    state: &AppState,
    visit: &Visit,
    export: Export,
    format: Format,
) -> Result<HttpResponse, PageError> {
    let lang = visit.tr().lang;
    let stem = export.file_stem();
    let read = state
        .limits
        .big_answer(async {
            Ok(visit
                .read(state, move |conn, account| {
                    export.read(conn, account.caller, lang)
                })
                .await)
        })
        .await?;
    let (_, table) = read?;
    Ok(visit.finish(crate::routes::export::file(&table, format, &stem)?))
}

/// `GET /exports/{list}?<the list page's filters>&format=csv|xlsx`.
#[get("/exports/{list}")]
pub async fn download(
    state: web::Data<AppState>,
    visit: Visit,
    list: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let list = list.into_inner();
    let query = api_query(&list, req.query_string());
    let export = Export::parse(&list, &query).ok_or(ApiError::NotFound)??;
    answer(&state, &visit, export, format_of(req.query_string())).await
}

/// `GET /exports/delegations/{id}/members?format=csv|xlsx`.
#[get("/exports/delegations/{id}/members")]
pub async fn download_members(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    req: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let export = Export::Members(id.into_inner());
    answer(&state, &visit, export, format_of(req.query_string())).await
}

/// One day of the programme.
#[derive(Debug)]
struct ProgrammeDay {
    heading: String,
    day: Day,
}

#[derive(Template)]
#[template(path = "print/programme.html")]
struct ProgrammePage {
    c: Chrome,
    d: Delegation,
    back: String,
    of: String,
    dates: String,
    host: String,
    members: usize,
    days: Vec<ProgrammeDay>,
    printed: String,
}

/// `GET /delegations/{id}/programme`: the itinerary by day, with times,
/// places and who takes part and accompanies, to print on A4.
#[get("/delegations/{id}/programme")]
pub async fn programme(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let (account, (d, members, items, units)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let d = model::delegation::visible(conn, caller, id)?;
            let members = model::member::list(conn, caller, id)?.len();
            let items = model::itinerary::list(conn, caller, id)?;
            Ok((d, members, items, model::unit::all(conn)?))
        })
        .await?;
    let back = delegation_href(d.id);
    let here = format!("{back}/programme");
    let days = by_day(items, t)
        .into_iter()
        .map(|day| ProgrammeDay {
            heading: day_heading(t, &day),
            day,
        })
        .collect();
    let page = ProgrammePage {
        c: Chrome::new(&visit, Some(&account), Nav::Delegations, &here),
        back,
        of: t.t1("print-programme-of", "title", &d.title),
        dates: format!("{} – {}", t.date(&d.start_date), t.date(&d.end_date)),
        host: name_of(&units, d.host_unit_id, t),
        members,
        days,
        printed: t.t1(
            "print-programme-printed",
            "at",
            &t.date_time(&Utc::now(), PROVINCE_TZ),
        ),
        d,
    };
    page::html(&visit, &page)
}

/// A day's heading with its weekday (`Thứ Hai, 07/12/2026`), from its
/// first item's start in that item's zone, as `by_day` grouped it.
fn day_heading(t: Tr, day: &Day) -> String {
    let Some(first) = day.items.first() else {
        return day.label.clone();
    };
    let start: DateTime<_> = first.item.starts_at.with_timezone(&first.item.time_zone);
    let name = match start.weekday() {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    };
    t.with(
        "schedule-day-heading",
        &[
            ("weekday", t.t(&format!("schedule-weekday-{name}")).into()),
            ("date", day.label.clone().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_download_link_keeps_the_filters_and_drops_the_page() {
        assert_eq!(
            href(
                "delegations",
                "/delegations?q=H%C3%A0n&status=&cursor=abc&from=01%2F03%2F2025",
                "xlsx"
            ),
            "/exports/delegations?q=H%C3%A0n&from=01%2F03%2F2025&format=xlsx"
        );
        assert_eq!(href("audit", "/audit", "csv"), "/exports/audit?format=csv");
    }

    #[test]
    fn a_page_query_becomes_the_api_query() {
        assert_eq!(
            api_query(
                "delegations",
                "from=01%2F03%2F2025&to=2025-03-31&status=&q=x&format=xlsx"
            ),
            "from=2025-03-01&to=2025-03-31&q=x"
        );
        // What is no date is left for the API to refuse.
        assert_eq!(api_query("accreditations", "from=soon"), "from=soon");
        assert_eq!(
            api_query(
                "schedule",
                "week=2026-W14&kind=interview&kind=press_conference&print=1"
            ),
            "from=2026-03-30&to=2026-04-05&kind=interview%2Cpress_conference"
        );
        assert_eq!(
            api_query("schedule", "day=2026-04-01"),
            "from=2026-04-01&to=2026-04-01"
        );
        assert_eq!(format_of("format=xlsx"), Format::Xlsx);
        assert_eq!(format_of("format=pdf"), Format::Csv);
    }

    #[test]
    fn the_catalogues_have_every_heading_and_name_in_both_languages() {
        crate::console::i18n::catalogue::check_part(
            include_str!("../locales/vi/exports.ftl"),
            include_str!("../locales/en/exports.ftl"),
            &["export-", "print-"],
        );
    }
}
