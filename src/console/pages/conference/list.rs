//! The list of press conferences: newest first, by status and kind.

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
use crate::domain::press::{self as rules, ConferenceKind, ConferenceStatus};
use crate::model;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    kind: String,
    cursor: String,
}

const FRAME: Frame = Frame {
    path: "/press-conferences",
    export: "press-conferences",
    filters: "meetings-filters",
    filter: "meetings-filter",
    clear: "meetings-filter-clear",
    none: "meetings-conference-none",
    // One sentence for an empty list, filtered or not (the catalogue has one).
    none_found: "meetings-conference-none",
    pages: "meetings-pages",
    first_page: "meetings-first-page",
    next_page: "meetings-next-page",
};

impl list_page::Query for ListQuery {
    const FRAME: &'static Frame = &FRAME;

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![("status", &self.status), ("kind", &self.kind)]
    }

    fn cursor(&self) -> &str {
        &self.cursor
    }
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
    list: Listing<Row>,
    statuses: Vec<Choice>,
    kinds: Vec<Choice>,
    may_create: bool,
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
        .and_then(|()| q.after::<db::conference::Cursor>());
    let (errors, search) = list_page::read(&q, search, t)?;
    let limit = list_page::page_size()?;
    let (account, found) = visit
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
    let list = Listing::new(
        &q,
        found,
        limit,
        |c| (c.starts_at.naive_utc(), c.id.get()),
        |c| Row {
            href: format!("/press-conferences/{}", c.id),
            reference: c.reference.clone(),
            title: c.title.clone(),
            kind: t.name("meetings-kind", c.kind.as_str()),
            when: t.date_time(&c.starts_at, c.time_zone),
            venue: c.venue.clone(),
            status: c.status.as_str(),
            status_name: t.name("meetings-conference-status", c.status.as_str()),
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
    };
    page::form(&visit, &shown.errors, &shown)
}
