//! `/accreditations`: the accreditations, filtered as the API's list is
//! (status, dates, a reporter) and paged, newest start first (registering
//! and changing one: `accreditation_form`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::accreditation_href;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::session::{Account, Visit};
use crate::db::accreditation::{Cursor, Filter};
use crate::domain::collate::sort_by_name;
use crate::domain::ids::ReporterId;
use crate::domain::pagination::{Limit, page as split};
use crate::domain::press::{self, AccreditationStatus, Reporter};
use crate::error::ApiError;
use crate::model;

/// The filters as the form sends them (every one may be blank).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    from: String,
    to: String,
    reporter_id: String,
    cursor: String,
}

#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    reporters: String,
    topics: String,
    dates: String,
    status: &'static str,
    status_name: String,
}

#[derive(Template)]
#[template(path = "press/accreditations.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    query: ListQuery,
    statuses: Vec<Choice>,
    reporters: Vec<Choice>,
    may_create: bool,
    rows: Option<Vec<Row>>,
    next: Option<String>,
    first: Option<String>,
    filtered: bool,
}

const LIST_ORDER: &[&str] = &["status", "from", "to", "reporter_id", "cursor"];

/// The most reporters a choice lists (the API's largest page).
const ALL_REPORTERS: i64 = 500;

fn page_href(q: &ListQuery, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("status", &q.status),
        ("from", &q.from),
        ("to", &q.to),
        ("reporter_id", &q.reporter_id),
    ] {
        if !value.trim().is_empty() {
            url.append_pair(name, value.trim());
        }
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        query if query.is_empty() => "/accreditations".to_owned(),
        query => format!("/accreditations?{query}"),
    }
}

/// Every registered reporter (up to the API's largest page), for choosing.
pub(super) fn all_reporters(
    conn: &mut crate::db::AnyConnection,
    account: &Account,
) -> crate::error::ApiResult<Vec<Reporter>> {
    let max = Limit::parse(Some(ALL_REPORTERS)).map_err(ApiError::internal)?;
    model::reporter::list(
        conn,
        account.caller,
        &crate::db::reporter::Filter::default(),
        None,
        max,
    )
}

/// A reporter as a choice: the name, the outlet.
pub(super) fn reporter_label(r: &Reporter) -> String {
    format!("{} ({}, {})", r.full_name, r.outlet, r.nationality)
}

/// The names of `ids` among `reporters`, joined.
pub fn names(reporters: &[Reporter], ids: &[ReporterId]) -> String {
    ids.iter()
        .map(|id| {
            reporters
                .iter()
                .find(|r| r.id == *id)
                .map_or_else(|| id.to_string(), |r| r.full_name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /accreditations`.
#[get("")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let q = query.into_inner();
    let t = visit.tr();
    let mut read = Reader::new();
    let status = read.choice("status", &q.status, AccreditationStatus::parse);
    let from = read.date("from", &q.from);
    let to = read.date("to", &q.to);
    let reporter_id = text(&q.reporter_id).and_then(|raw| read.id("reporter_id", &raw));
    let search = read.finish().and_then(|()| {
        let filter = Filter {
            status,
            from,
            to,
            reporter_id: reporter_id.map(ReporterId),
            ..Default::default()
        };
        let after = model::input::cursor::<Cursor>(text(&q.cursor).as_deref())?;
        Ok((filter, after))
    });
    let (errors, search) = match search {
        Ok(found) => (FormErrors::default(), Some(found)),
        Err(e) => (form::errors(e, t, LIST_ORDER)?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, (reporters, rows)) = visit
        .read(&state, move |conn, account| {
            let reporters = all_reporters(conn, account)?;
            let rows = search
                .map(|(filter, after)| {
                    model::accreditation::list(conn, account.caller, &filter, after, limit)
                })
                .transpose()?;
            Ok((reporters, rows))
        })
        .await?;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |a| (a.start_date, a.id.get()));
            let rows = rows
                .into_iter()
                .map(|a| Row {
                    href: accreditation_href(a.id),
                    reporters: names(&reporters, &a.reporter_ids),
                    reference: a.reference,
                    topics: a.topics,
                    dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
                    status: a.status.as_str(),
                    status_name: t.name("press-status", a.status.as_str()),
                })
                .collect();
            (Some(rows), next.map(|cursor| page_href(&q, Some(&cursor))))
        }
        None => (None, None),
    };
    let here = req
        .uri()
        .path_and_query()
        .map_or("/accreditations", |p| p.as_str())
        .to_owned();
    let status_code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let filtered = [&q.status, &q.from, &q.to, &q.reporter_id]
        .iter()
        .any(|v| !v.trim().is_empty());
    let mut reporter_choices: Vec<Choice> = reporters
        .iter()
        .map(|r| Choice {
            value: r.id.to_string(),
            label: reporter_label(r),
            chosen: r.id.to_string() == q.reporter_id.trim(),
        })
        .collect();
    sort_by_name(&mut reporter_choices, |c| c.label.as_str());
    page::html_with(
        &visit,
        status_code,
        &ListPage {
            c: Chrome::new(&visit, Some(&account), Nav::Press, &here),
            errors,
            statuses: choices(
                AccreditationStatus::ALL,
                AccreditationStatus::as_str,
                "press-status",
                &q.status,
                t,
            ),
            reporters: reporter_choices,
            may_create: press::writes_accreditations(account.caller.role),
            rows,
            next,
            first: text(&q.cursor).map(|_| page_href(&q, None)),
            filtered,
            query: ListQuery {
                from: form::iso(&q.from),
                to: form::iso(&q.to),
                ..q
            },
        },
    )
}
