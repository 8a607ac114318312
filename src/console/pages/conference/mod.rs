//! The province's press conferences in the console: the list, planning one
//! (periodic or ad hoc, speakers, venue, topics, date and time), changing
//! it while it is planned or announced, and its page with its attendees (a
//! foreign reporter only with an accreditation covering the day: the
//! operation refuses otherwise, and the form says why) and the actions the
//! workflow opens to the person (announce, complete, cancel:
//! `domain::press::conference_allowed`, taken through the pages that
//! interviews use too, `interview::workflow`).

mod form;
mod list;
mod record;

use actix_web::web;

use crate::console::pages::interview::workflow::Workflow;
use crate::db::{AnyConnection, Audited};
use crate::domain::ids::PressConferenceId;
use crate::domain::press::{self as rules, ConferenceAction, PressConference};
use crate::domain::role::{Caller, Role};
use crate::error::ApiResult;
use crate::model;

/// This part's routes, under `/press-conferences` (the edit form's before
/// the actions', whose `/{id}/{action}` would take `edit` for an action).
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/press-conferences")
            .service(list::list)
            .service(form::new_form)
            .service(form::create)
            .service(record::show)
            .service(record::add_attendee)
            .service(form::edit_form)
            .service(form::update)
            .service(record::action_form)
            .service(record::act),
    );
}

/// The press conference's workflow as the console drives it.
#[derive(Debug)]
pub struct Conferences;

impl Workflow for Conferences {
    type Id = PressConferenceId;
    type Action = ConferenceAction;
    type Record = PressConference;

    const BASE: &'static str = "/press-conferences";
    const KEYS: &'static str = "meetings-conference";

    fn parse(raw: &str) -> Option<ConferenceAction> {
        ConferenceAction::parse(raw)
    }

    fn name(action: ConferenceAction) -> &'static str {
        action.as_str()
    }

    fn warns(action: ConferenceAction) -> bool {
        action == ConferenceAction::Cancel
    }

    fn allowed(c: &PressConference, role: Role) -> Vec<ConferenceAction> {
        rules::conference_allowed(c.status, role)
    }

    fn caption(c: &PressConference) -> String {
        format!("{} · {}", c.reference, c.title)
    }

    fn visible(
        conn: &mut AnyConnection,
        caller: Caller,
        id: PressConferenceId,
    ) -> ApiResult<PressConference> {
        model::conference::visible(conn, caller, id)
    }

    fn take(
        conn: &mut AnyConnection,
        caller: Caller,
        id: PressConferenceId,
        action: ConferenceAction,
        note: Option<String>,
    ) -> ApiResult<Audited<PressConference>> {
        model::conference::transition(conn, caller, id, action, note)
    }
}
