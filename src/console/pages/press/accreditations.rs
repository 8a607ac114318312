//! `/accreditations`: the accreditations, filtered as the API's list is
//! (status, dates, a reporter) and paged, newest start first (registering
//! and changing one: `accreditation_form`).

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::accreditation_href;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::pages::list_page::{self, Frame, Listing, Query as _};
use crate::console::session::{Account, Visit};
use crate::db::accreditation::{Cursor, Filter};
use crate::domain::collate::sort_by_name;
use crate::domain::ids::ReporterId;
use crate::domain::pagination::Limit;
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

const FRAME: Frame = Frame {
    path: "/accreditations",
    export: "accreditations",
    filters: "press-accreditations-filters",
    filter: "press-filter",
    clear: "press-search-clear",
    none: "press-accreditations-none",
    none_found: "press-accreditations-none-found",
    pages: "press-pages",
    first_page: "press-first-page",
    next_page: "press-next-page",
};

impl list_page::Query for ListQuery {
    const FRAME: &'static Frame = &FRAME;

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("status", self.status.trim()),
            ("from", self.from.trim()),
            ("to", self.to.trim()),
            ("reporter_id", self.reporter_id.trim()),
        ]
    }

    fn cursor(&self) -> &str {
        &self.cursor
    }
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
    list: Listing<Row>,
    query: ListQuery,
    statuses: Vec<Choice>,
    reporters: Vec<Choice>,
    may_create: bool,
}

/// The most reporters a choice lists (the API's largest page).
const ALL_REPORTERS: i64 = 500;

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
        Ok((filter, q.after::<Cursor>()?))
    });
    let (errors, search) = list_page::read(&q, search, t)?;
    let limit = list_page::page_size()?;
    let (account, (reporters, found)) = visit
        .read(&state, move |conn, account| {
            let reporters = all_reporters(conn, account)?;
            let found = search
                .map(|(filter, after)| {
                    model::accreditation::list(conn, account.caller, &filter, after, limit)
                })
                .transpose()?;
            Ok((reporters, found))
        })
        .await?;
    let list = Listing::new(
        &q,
        found,
        limit,
        |a| (a.start_date, a.id.get()),
        |a| Row {
            href: accreditation_href(a.id),
            reporters: names(&reporters, &a.reporter_ids),
            reference: a.reference,
            topics: a.topics,
            dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
            status: a.status.as_str(),
            status_name: t.name("press-status", a.status.as_str()),
        },
    );
    let mut reporter_choices: Vec<Choice> = reporters
        .iter()
        .map(|r| Choice {
            value: r.id.to_string(),
            label: reporter_label(r),
            chosen: r.id.to_string() == q.reporter_id.trim(),
        })
        .collect();
    sort_by_name(&mut reporter_choices, |c| c.label.as_str());
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
            AccreditationStatus::ALL,
            AccreditationStatus::as_str,
            "press-status",
            &q.status,
            t,
        ),
        reporters: reporter_choices,
        may_create: press::writes_accreditations(account.caller.role),
        // The days as a date input shows them.
        query: ListQuery {
            from: form::iso(&q.from),
            to: form::iso(&q.to),
            ..q
        },
    };
    page::form(&visit, &shown.errors, &shown)
}
