//! `GET /delegations`: the delegations the person may see, newest start
//! first, searched and filtered as the API's list is.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::form::{self, Reader};
use super::{Choice, choices, name_of, unit_choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::list_page::{self, Frame, Listing, Query as _};
use crate::console::session::Visit;
use crate::db::delegation::Cursor;
use crate::domain::delegation::{self as rules, DelegationStatus, Direction};
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

const FRAME: Frame = Frame {
    path: "/delegations",
    export: "delegations",
    filters: "delegation-filters",
    filter: "delegation-filter",
    clear: "delegation-filter-clear",
    none: "delegation-none",
    none_found: "delegation-none-found",
    pages: "delegation-pages",
    first_page: "delegation-first-page",
    next_page: "delegation-next-page",
};

impl list_page::Query for ListQuery {
    const FRAME: &'static Frame = &FRAME;

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("q", &self.q),
            ("direction", &self.direction),
            ("status", &self.status),
            ("country", &self.country),
            ("host_unit_id", &self.host_unit_id),
            ("from", &self.from),
            ("to", &self.to),
        ]
    }

    fn cursor(&self) -> &str {
        &self.cursor
    }
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
    list: Listing<Row>,
    notice: Option<String>,
    query: ListQuery,
    directions: Vec<Choice>,
    statuses: Vec<Choice>,
    /// `None` for a caller who sees one unit's delegations only.
    units: Option<Vec<Choice>>,
    may_create: bool,
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
        Ok((filter, q.after::<Cursor>()?))
    });
    let (errors, search) = list_page::read(&q, search, t)?;
    let limit = list_page::page_size()?;
    let (account, (units, may_create, found)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let units = model::unit::all(conn)?;
            let may_create = !model::delegation::host_units(conn, caller)?.is_empty();
            let found = search
                .map(|(filter, after)| model::delegation::list(conn, caller, filter, after, limit))
                .transpose()?;
            Ok((units, may_create, found))
        })
        .await?;
    let list = Listing::new(
        &q,
        found,
        limit,
        |d| (d.start_date, d.id.get()),
        |d| Row {
            href: super::href(d.id),
            reference: d.reference.clone(),
            title: d.title.clone(),
            direction: t.name("delegation-direction", d.direction.as_str()),
            dates: format!("{} – {}", t.date(&d.start_date), t.date(&d.end_date)),
            host: name_of(&units, d.host_unit_id, t),
            status: d.status.as_str(),
            status_name: t.name("status", d.status.as_str()),
        },
    );
    let sees_all = rules::list_scope(account.caller).is_none();
    let shown = ListPage {
        c: Chrome::new(
            &visit,
            Some(&account),
            Nav::Delegations,
            &page::here(&req, FRAME.path),
        ),
        errors,
        list,
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
        query: q,
    };
    page::form(&visit, &shown.errors, &shown)
}
