//! The list of interviews: newest first, by status.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::status_of;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::session::Visit;
use crate::db;
use crate::domain::pagination::{Limit, page as split};
use crate::domain::press::{self as rules, InterviewStatus};
use crate::error::ApiError;
use crate::model;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    cursor: String,
}

#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    interviewee: String,
    position: String,
    outlet: String,
    when: String,
    status: &'static str,
    status_name: String,
}

#[derive(Template)]
#[template(path = "interview/list.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    statuses: Vec<Choice>,
    may_create: bool,
    rows: Option<Vec<Row>>,
    next: Option<String>,
    first: Option<String>,
    filtered: bool,
}

fn list_href(status: &str, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    if !status.trim().is_empty() {
        url.append_pair("status", status);
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        q if q.is_empty() => "/interviews".to_owned(),
        q => format!("/interviews?{q}"),
    }
}

/// `GET /interviews`: newest first, by status.
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
    let status = read.choice("status", &q.status, InterviewStatus::parse);
    let search = read.finish().and_then(|()| {
        let after = model::input::cursor::<db::interview::Cursor>(text(&q.cursor).as_deref())?;
        Ok(after)
    });
    let (errors, search) = match search {
        Ok(after) => (FormErrors::default(), Some(after)),
        Err(e) => (form::errors(e, t, &["status"])?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, rows) = visit
        .read(&state, move |conn, account| {
            let filter = db::interview::Filter {
                status,
                ..Default::default()
            };
            search
                .map(|after| model::interview::list(conn, account.caller, &filter, after, limit))
                .transpose()
        })
        .await?;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |i| (i.starts_at.naive_utc(), i.id.get()));
            let rows = rows
                .into_iter()
                .map(|i| Row {
                    href: format!("/interviews/{}", i.id),
                    reference: i.reference.clone(),
                    interviewee: i.interviewee_name.clone(),
                    position: i.interviewee_position.clone(),
                    outlet: i.outlet.clone(),
                    when: t.date_time(&i.starts_at, i.time_zone),
                    status: i.status.as_str(),
                    status_name: t.name("meetings-interview-status", i.status.as_str()),
                })
                .collect();
            (Some(rows), next.map(|c| list_href(&q.status, Some(&c))))
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
                &page::here(&req, "/interviews"),
            ),
            errors,
            statuses: choices(
                InterviewStatus::ALL,
                InterviewStatus::as_str,
                "meetings-interview-status",
                &q.status,
                t,
            ),
            may_create: rules::writes_interviews(account.caller.role),
            rows,
            next,
            first: text(&q.cursor).map(|_| list_href(&q.status, None)),
            filtered: !q.status.trim().is_empty(),
        },
    )
}
