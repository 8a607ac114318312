//! `GET /delegations`: the delegations the person may see, newest start
//! first, searched and filtered as the API's list is.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::form::{self, Reader};
use super::{Choice, choices, name_of, unit_choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::Visit;
use crate::db::delegation::Cursor;
use crate::domain::delegation::{self as rules, DelegationStatus, Direction};
use crate::domain::pagination::{Limit, page as split};
use crate::error::ApiError;
use crate::model;

/// The filters as the form sends them (every one may be blank).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    direction: String,
    status: String,
    country: String,
    host_unit_id: String,
    from: String,
    to: String,
    cursor: String,
    /// What a change just done left to say (a deleted draft).
    done: String,
}

/// One delegation as a row of the list.
#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    title: String,
    direction: String,
    dates: String,
    host: String,
    status: &'static str,
    status_name: String,
}

#[derive(Template)]
#[template(path = "delegation/list.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    query: ListQuery,
    directions: Vec<Choice>,
    statuses: Vec<Choice>,
    /// `None` for a caller who sees one unit's delegations only.
    units: Option<Vec<Choice>>,
    may_create: bool,
    /// `None` when the filters could not be read.
    rows: Option<Vec<Row>>,
    next: Option<String>,
    /// The first page, when this is not it.
    first: Option<String>,
    filtered: bool,
}

const ORDER: &[&str] = &[
    "q",
    "direction",
    "status",
    "country",
    "host_unit_id",
    "from",
    "to",
    "cursor",
];

/// The address of a page of the list: the same filters, from `cursor`
/// (the first page without one).
fn page_href(q: &ListQuery, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("q", &q.q),
        ("direction", &q.direction),
        ("status", &q.status),
        ("country", &q.country),
        ("host_unit_id", &q.host_unit_id),
        ("from", &q.from),
        ("to", &q.to),
    ] {
        if !value.trim().is_empty() {
            url.append_pair(name, value);
        }
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        query if query.is_empty() => "/delegations".to_owned(),
        query => format!("/delegations?{query}"),
    }
}

/// `GET /delegations`.
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
    let direction = read.choice("direction", &q.direction, Direction::parse);
    let status = read.choice("status", &q.status, DelegationStatus::parse);
    let host_unit_id = form::text(&q.host_unit_id).and_then(|raw| read.id("host_unit_id", &raw));
    // Days as the office writes them are passed on as the API reads them.
    let from = read.date("from", &q.from).map(|d| d.to_string());
    let to = read.date("to", &q.to).map(|d| d.to_string());
    let search = read.finish().and_then(|()| {
        let filter = model::delegation::Search {
            direction,
            status,
            from: from.as_deref(),
            to: to.as_deref(),
            q: form::text(&q.q).as_deref(),
            country: form::text(&q.country).as_deref().map(str::trim),
            host_unit_id,
        }
        .filter()?;
        let after = model::input::cursor::<Cursor>(form::text(&q.cursor).as_deref())?;
        Ok((filter, after))
    });
    let (errors, search) = match search {
        Ok(found) => (FormErrors::default(), Some(found)),
        Err(e) => (form::errors(e, t, ORDER)?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, (units, may_create, rows)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let units = model::unit::all(conn)?;
            let may_create = !model::delegation::host_units(conn, caller)?.is_empty();
            let rows = search
                .map(|(filter, after)| model::delegation::list(conn, caller, filter, after, limit))
                .transpose()?;
            Ok((units, may_create, rows))
        })
        .await?;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |d| (d.start_date, d.id.get()));
            let rows = rows
                .into_iter()
                .map(|d| Row {
                    href: super::href(d.id),
                    reference: d.reference.clone(),
                    title: d.title.clone(),
                    direction: t.name("delegation-direction", d.direction.as_str()),
                    dates: format!("{} – {}", t.date(&d.start_date), t.date(&d.end_date)),
                    host: name_of(&units, d.host_unit_id, t),
                    status: d.status.as_str(),
                    status_name: t.name("status", d.status.as_str()),
                })
                .collect();
            (Some(rows), next.map(|cursor| page_href(&q, Some(&cursor))))
        }
        None => (None, None),
    };
    let sees_all = rules::list_scope(account.caller).is_none();
    let here = req
        .uri()
        .path_and_query()
        .map_or("/delegations", |p| p.as_str())
        .to_owned();
    let status_code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let filtered = [
        &q.q,
        &q.direction,
        &q.status,
        &q.country,
        &q.host_unit_id,
        &q.from,
        &q.to,
    ]
    .iter()
    .any(|v| !v.trim().is_empty());
    page::html_with(
        &visit,
        status_code,
        &ListPage {
            c: Chrome::new(&visit, Some(&account), Nav::Delegations, &here),
            errors,
            notice: (q.done == "deleted").then(|| t.t("delegation-done-deleted")),
            directions: choices(
                Direction::ALL,
                Direction::as_str,
                "delegation-direction",
                &q.direction,
                t,
            ),
            statuses: choices(
                DelegationStatus::ALL,
                DelegationStatus::as_str,
                "status",
                &q.status,
                t,
            ),
            units: sees_all.then(|| unit_choices(&units, &q.host_unit_id, t)),
            may_create,
            rows,
            next,
            first: form::text(&q.cursor).map(|_| page_href(&q, None)),
            filtered,
            query: q,
        },
    )
}
