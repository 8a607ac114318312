//! The console's pages, one module per part; `register` lists them all.
//!
//! How a page is written (see `inbox.rs` and `sign_in.rs`):
//! - a GET handler takes `Visit` (the browser: language, session, CSRF) and
//!   makes ONE `visit.read(&state, |conn, account| model::…(conn,
//!   account.caller, …))` call: the same visibility-checked reads as the
//!   API; it renders an askama template whose first field is `c: Chrome`;
//! - a POST handler checks `visit.check_csrf(&form.csrf)?` first, parses
//!   the form into the `model::` input type, calls ONE operation with
//!   `visit.write(&state.db, move |conn, caller| model::…(conn, caller, …))`
//!   and answers `page::see_other(..)`; a refused input
//!   (`ApiError::Invalid`/`Conflict`) shows the form again with 422 and
//!   `FormErrors::from_api(e, visit.tr())`; any other error becomes the
//!   error page (403/404/409) through `?`;
//! - a list page (filters, a table, pages) fills the frame of
//!   `templates/list_page.html` and takes its plumbing from `list_page`;
//! - every text comes from the catalogues (`src/console/locales/{vi,en}`);
//!   no rule lives here: what an action needs and who may take it is the
//!   `domain::`/`model::` layer's.

pub mod admin;
pub mod audit;
pub mod conference;
pub mod delegation;
pub mod exports;
pub mod inbox;
pub mod interview;
pub mod list_page;
pub mod me;
pub mod press;
pub mod public_press;
pub mod reports;
pub mod schedule;
pub mod sign_in;
pub mod subscriptions;

use actix_web::web;

/// Every page's route.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(inbox::inbox)
        .service(sign_in::show)
        .service(sign_in::submit)
        .service(sign_in::sign_out)
        .service(sign_in::language)
        // Before the `/delegations` scope: the programme's print view.
        .configure(exports::register)
        .configure(delegation::register)
        .configure(schedule::register)
        .configure(subscriptions::register)
        .configure(me::register)
        .configure(press::register)
        .configure(interview::register)
        .configure(conference::register)
        .configure(public_press::register)
        .configure(reports::register)
        // Before the `/admin` scope, which would answer 404 for a path it lacks.
        .configure(admin::calendar::register)
        .configure(admin::settings::register)
        .configure(admin::register)
        .configure(audit::register);
}
