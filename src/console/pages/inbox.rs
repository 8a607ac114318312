//! The home page: what waits on my unit, most urgent first.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::time::province_today;
use crate::model;
use crate::model::inbox::InboxEntry;

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    c: Chrome,
    items: Vec<InboxEntry>,
    today: chrono::NaiveDate,
}

impl InboxPage {
    /// Where an entry's record is shown in the console, if it has a page.
    fn link(&self, entry: &InboxEntry) -> Option<String> {
        let record = entry.record.as_ref()?;
        match record.kind.as_str() {
            "delegation" => Some(format!("/delegations/{}", record.id)),
            _ => None,
        }
    }
}

/// `GET /`: the inbox.
#[get("/")]
pub async fn inbox(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let days = state.config.report_due_days;
    let today = province_today();
    let (account, items) = visit
        .read(&state, move |conn, account| {
            model::inbox::entries(conn, account.caller, today, days)
        })
        .await?;
    page::html(
        &visit,
        &InboxPage {
            c: Chrome::new(&visit, Some(&account), Nav::Inbox, "/"),
            items,
            today,
        },
    )
}
