//! `GET /press-work`: the press side's four sections, each with a line
//! saying what it holds.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::model;

/// A section of the press side.
#[derive(Debug)]
struct Section {
    href: &'static str,
    name: String,
    about: String,
}

#[derive(Template)]
#[template(path = "press/hub.html")]
struct HubPage {
    c: Chrome,
    sections: Vec<Section>,
}

/// `GET /press-work` (404 for those who do not see the press side).
#[get("/press-work")]
pub async fn show(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let (account, ()) = visit
        .read(&state, |_, account| {
            model::reporter::require_press(account.caller)
        })
        .await?;
    let t = visit.tr();
    let sections = [
        ("/reporters", "reporters"),
        ("/accreditations", "accreditations"),
        ("/interviews", "interviews"),
        ("/press-conferences", "conferences"),
    ]
    .into_iter()
    .map(|(href, name)| Section {
        href,
        name: t.t(&format!("press-hub-{name}")),
        about: t.t(&format!("press-hub-{name}-about")),
    })
    .collect();
    page::html(
        &visit,
        &HubPage {
            c: Chrome::new(&visit, Some(&account), Nav::Press, "/press-work"),
            sections,
        },
    )
}
