//! The list of press conferences: newest first, by status and kind.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::pages::interview::status_of;
use crate::console::session::Visit;
use crate::db;
use crate::domain::pagination::{Limit, page as split};
use crate::domain::press::{self as rules, ConferenceKind, ConferenceStatus};
use crate::error::ApiError;
use crate::model;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    kind: String,
    cursor: String,
}

#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    title: String,
    kind: String,
    when: String,
    venue: String,
    status: &'static str,
    status_name: String,
}

#[derive(Template)]
#[template(path = "conference/list.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    statuses: Vec<Choice>,
    kinds: Vec<Choice>,
    may_create: bool,
    rows: Option<Vec<Row>>,
    next: Option<String>,
    first: Option<String>,
    filtered: bool,
}

fn list_href(q: &ListQuery, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [("status", &q.status), ("kind", &q.kind)] {
        if !value.trim().is_empty() {
            url.append_pair(name, value);
        }
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        s if s.is_empty() => "/press-conferences".to_owned(),
        s => format!("/press-conferences?{s}"),
    }
}

/// `GET /press-conferences`: newest first, by status and kind.
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
    let status = read.choice("status", &q.status, ConferenceStatus::parse);
    let kind = read.choice("kind", &q.kind, ConferenceKind::parse);
    let search = read
        .finish()
        .and_then(|()| model::input::cursor::<db::conference::Cursor>(text(&q.cursor).as_deref()));
    let (errors, search) = match search {
        Ok(after) => (FormErrors::default(), Some(after)),
        Err(e) => (form::errors(e, t, &["status", "kind"])?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, rows) = visit
        .read(&state, move |conn, account| {
            let filter = db::conference::Filter {
                status,
                kind,
                ..Default::default()
            };
            search
                .map(|after| model::conference::list(conn, account.caller, &filter, after, limit))
                .transpose()
        })
        .await?;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |c| (c.starts_at.naive_utc(), c.id.get()));
            let rows = rows
                .into_iter()
                .map(|c| Row {
                    href: format!("/press-conferences/{}", c.id),
                    reference: c.reference.clone(),
                    title: c.title.clone(),
                    kind: t.name("meetings-kind", c.kind.as_str()),
                    when: t.date_time(&c.starts_at, c.time_zone),
                    venue: c.venue.clone(),
                    status: c.status.as_str(),
                    status_name: t.name("meetings-conference-status", c.status.as_str()),
                })
                .collect();
            (Some(rows), next.map(|cursor| list_href(&q, Some(&cursor))))
        }
        None => (None, None),
    };
    page::html_with(
        &visit,
        status_of(&errors),
        &ListPage {
            c: Chrome::new(
                &visit,
                Some(&account),
                Nav::Press,
                &page::here(&req, "/press-conferences"),
            ),
            errors,
            statuses: choices(
                ConferenceStatus::ALL,
                ConferenceStatus::as_str,
                "meetings-conference-status",
                &q.status,
                t,
            ),
            kinds: choices(
                ConferenceKind::ALL,
                ConferenceKind::as_str,
                "meetings-kind",
                &q.kind,
                t,
            ),
            may_create: rules::writes_conferences(account.caller.role),
            rows,
            next,
            first: text(&q.cursor).map(|_| list_href(&q, None)),
            filtered: !q.status.trim().is_empty() || !q.kind.trim().is_empty(),
        },
    )
}
