//! Leaders' interviews with the press in the console: the list, requesting
//! one in two steps (the day and the reporters, then the rest, with the
//! accreditations that cover that day offered to choose from), its page,
//! changing it while it is requested or approved, and the actions the
//! workflow opens to the person (`domain::press::interview_allowed`). Each
//! page makes the `model::` calls the JSON routes make; what is allowed is
//! the domain's and the operations' to say.
//!
//! What the interview and press conference pages share lives here too:
//! the form's fields, the labels of reporters and accreditations, and the
//! workflow actions' pages (`workflow`).

mod edit;
mod list;
mod new;
mod record;
pub mod workflow;

use actix_web::http::StatusCode;
use actix_web::web;

use crate::console::i18n::Tr;
use crate::console::page::FormErrors;
use crate::db::{AnyConnection, Audited};
use crate::domain::ids::InterviewId;
use crate::domain::pagination::Limit;
use crate::domain::press::{self as rules, Accreditation, Interview, InterviewAction, Reporter};
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};
use crate::model;

/// This part's routes, under `/interviews` (the edit form's before the
/// actions', whose `/{id}/{action}` would take `edit` for an action).
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/interviews")
            .service(list::list)
            .service(new::new_form)
            .service(new::create)
            .service(record::show)
            .service(edit::edit_form)
            .service(edit::update)
            .service(record::action_form)
            .service(record::act),
    );
}

/// A form's or a query's fields as sent, a name possibly repeated (the
/// reporters ticked).
#[derive(Debug, Default, Clone)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name` ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Every value of `name`, blanks left out.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Sets `name` to `value` alone (the version after a stale form).
    pub fn set(&mut self, name: &str, value: String) {
        self.0.retain(|(k, _)| k != name);
        self.0.push((name.to_owned(), value));
    }
}

/// The largest reporter list a form offers (the API's largest page).
pub fn most() -> ApiResult<Limit> {
    Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)
}

/// A reporter as a form offers them: name and outlet, nothing personal.
pub fn reporter_label(r: &Reporter) -> String {
    format!("{} ({})", r.full_name, r.outlet)
}

/// An accreditation as a choice names it: reference, days, topics.
pub fn accreditation_label(a: &Accreditation, t: Tr) -> String {
    format!(
        "{} · {} – {} · {}",
        a.reference,
        t.date(&a.start_date),
        t.date(&a.end_date),
        a.topics
    )
}

/// The 200 of a page, or the 422 of a form shown again.
pub fn status_of(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The interview's workflow as the console drives it.
#[derive(Debug)]
pub struct Interviews;

impl workflow::Workflow for Interviews {
    type Id = InterviewId;
    type Action = InterviewAction;
    type Record = Interview;

    const BASE: &'static str = "/interviews";
    const KEYS: &'static str = "meetings-interview";

    fn parse(raw: &str) -> Option<InterviewAction> {
        InterviewAction::parse(raw)
    }

    fn name(action: InterviewAction) -> &'static str {
        action.as_str()
    }

    fn warns(action: InterviewAction) -> bool {
        action == InterviewAction::Cancel
    }

    fn allowed(i: &Interview, role: Role) -> Vec<InterviewAction> {
        rules::interview_allowed(i.status, role)
    }

    fn caption(i: &Interview) -> String {
        format!("{} · {}", i.reference, i.interviewee_name)
    }

    fn visible(conn: &mut AnyConnection, caller: Caller, id: InterviewId) -> ApiResult<Interview> {
        model::interview::visible(conn, caller, id)
    }

    fn take(
        conn: &mut AnyConnection,
        caller: Caller,
        id: InterviewId,
        action: InterviewAction,
        note: Option<String>,
    ) -> ApiResult<Audited<Interview>> {
        model::interview::transition(conn, caller, id, action, note)
    }
}
