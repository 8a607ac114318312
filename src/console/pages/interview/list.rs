//! The list of interviews: newest first, by status.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::Reader;
use crate::console::pages::delegation::{Choice, choices};
use crate::console::pages::list_page::{self, Frame, Listing, Query as _};
use crate::console::session::Visit;
use crate::db;
use crate::domain::press::{self as rules, InterviewStatus};
use crate::model;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    cursor: String,
}

const FRAME: Frame = Frame {
    path: "/interviews",
    export: "interviews",
    filters: "meetings-filters",
    filter: "meetings-filter",
    clear: "meetings-filter-clear",
    none: "meetings-interview-none",
    // One sentence for an empty list, filtered or not (the catalogue has one).
    none_found: "meetings-interview-none",
    pages: "meetings-pages",
    first_page: "meetings-first-page",
    next_page: "meetings-next-page",
};

impl list_page::Query for ListQuery {
    const FRAME: &'static Frame = &FRAME;

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![("status", &self.status)]
    }

    fn cursor(&self) -> &str {
        &self.cursor
    }
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
    list: Listing<Row>,
    statuses: Vec<Choice>,
    may_create: bool,
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
    let search = read
        .finish()
        .and_then(|()| q.after::<db::interview::Cursor>());
    let (errors, search) = list_page::read(&q, search, t)?;
    let limit = list_page::page_size()?;
    let (account, found) = visit
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
    let list = Listing::new(
        &q,
        found,
        limit,
        |i| (i.starts_at.naive_utc(), i.id.get()),
        |i| Row {
            href: format!("/interviews/{}", i.id),
            reference: i.reference.clone(),
            interviewee: i.interviewee_name.clone(),
            position: i.interviewee_position.clone(),
            outlet: i.outlet.clone(),
            when: t.date_time(&i.starts_at, i.time_zone),
            status: i.status.as_str(),
            status_name: t.name("meetings-interview-status", i.status.as_str()),
        },
    );
    let shown = ListPage {
        c: Chrome::new(
            &visit,
            Some(&account),
            Nav::Press,
            &page::here(&req, FRAME.path),
        ),
        errors,
        list,
        statuses: choices(
            InterviewStatus::ALL,
            InterviewStatus::as_str,
            "meetings-interview-status",
            &q.status,
            t,
        ),
        may_create: rules::writes_interviews(account.caller.role),
    };
    page::form(&visit, &shown.errors, &shown)
}
