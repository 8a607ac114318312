//! The workflow actions of interviews and press conferences in the console
//! (approve, announce, complete, cancel): the buttons a record's page
//! offers, one confirmation form with an optional note, and one POST that
//! takes the action through the record's operation. The two records went
//! through the same steps in two copies; what differs between them is only
//! what a [`Workflow`] names, so the steps are written once here.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::status_of;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form;
use crate::console::session::Visit;
use crate::db::{AnyConnection, Audited};
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};
use crate::model;

/// A record whose workflow the console drives: where its pages are, the
/// prefix of its catalogue ids, and the domain's and the operations' calls
/// for it (the page adds no rule of its own).
pub trait Workflow: 'static {
    type Id: Copy + std::fmt::Display + Send + 'static;
    type Action: Copy + PartialEq + Send + 'static;
    type Record: Send + 'static;

    /// Where its pages are (`/interviews`).
    const BASE: &'static str;
    /// The prefix of its catalogue ids (`meetings-interview`): the form's
    /// `-{action}-title` and `-{action}-intro`, the button's `-do-{action}`.
    const KEYS: &'static str;

    fn parse(raw: &str) -> Option<Self::Action>;
    fn name(action: Self::Action) -> &'static str;
    /// Whether the action calls the record off (its button warns).
    fn warns(action: Self::Action) -> bool;
    /// The actions the workflow opens to `role` on the record as it is.
    fn allowed(record: &Self::Record, role: Role) -> Vec<Self::Action>;
    /// The line above the form's title that says which record it is.
    fn caption(record: &Self::Record) -> String;
    /// The record as the caller may see it (404 as if absent).
    fn visible(conn: &mut AnyConnection, caller: Caller, id: Self::Id) -> ApiResult<Self::Record>;
    /// The operation that takes the action.
    fn take(
        conn: &mut AnyConnection,
        caller: Caller,
        id: Self::Id,
        action: Self::Action,
        note: Option<String>,
    ) -> ApiResult<Audited<Self::Record>>;
}

/// An action offered on a record's page: where its form is, what it says.
#[derive(Debug)]
pub struct Offer {
    pub href: String,
    pub label: String,
    pub warning: bool,
}

/// The actions a record's page offers `role`.
pub fn offers<W: Workflow>(record: &W::Record, id: W::Id, role: Role, t: Tr) -> Vec<Offer> {
    W::allowed(record, role)
        .into_iter()
        .map(|a| Offer {
            href: format!("{}/{id}/{}", W::BASE, W::name(a)),
            label: t.t(&format!("{}-do-{}", W::KEYS, W::name(a))),
            warning: W::warns(a),
        })
        .collect()
}

/// The notice of a record's page after an action (`?done=approve`).
pub fn done<W: Workflow>(done: &str, t: Tr) -> Option<String> {
    W::parse(done).map(|a| t.t(&format!("{}-done-{}", W::KEYS, W::name(a))))
}

/// A workflow action's confirmation form (`interview/action.html`).
#[derive(Debug, Template)]
#[template(path = "interview/action.html")]
struct ActionPage {
    c: Chrome,
    errors: FormErrors,
    back: String,
    caption: String,
    action: String,
    title: String,
    intro: String,
    button: String,
    warning: bool,
    note: String,
}

/// The action's form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub csrf: String,
    pub note: String,
}

/// An action the workflow does not know: no such page.
fn action_of<W: Workflow>(raw: &str) -> Result<W::Action, PageError> {
    W::parse(raw).ok_or(PageError::Api(ApiError::NotFound))
}

async fn render<W: Workflow>(
    state: &AppState,
    visit: &Visit,
    id: W::Id,
    action: W::Action,
    note: String,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (account, record) = visit
        .read(state, move |conn, account| {
            W::visible(conn, account.caller, id)
        })
        .await?;
    if !W::allowed(&record, account.caller.role).contains(&action) {
        return Err(form::not_open());
    }
    let (keys, a) = (W::KEYS, W::name(action));
    let path = format!("{}/{id}/{a}", W::BASE);
    let page = ActionPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, &path),
        errors,
        back: format!("{}/{id}", W::BASE),
        caption: W::caption(&record),
        action: path,
        title: t.t(&format!("{keys}-{a}-title")),
        intro: t.t(&format!("{keys}-{a}-intro")),
        button: t.t(&format!("{keys}-do-{a}")),
        warning: W::warns(action),
        note,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET {BASE}/{id}/{action}`: the action's form, for one it is open to.
pub async fn confirm<W: Workflow>(
    state: web::Data<AppState>,
    visit: Visit,
    id: W::Id,
    raw: &str,
) -> Result<HttpResponse, PageError> {
    let action = action_of::<W>(raw)?;
    render::<W>(
        &state,
        &visit,
        id,
        action,
        String::new(),
        FormErrors::default(),
    )
    .await
}

/// `POST {BASE}/{id}/{action}`: takes it, and shows the record; a refusal
/// the person can act on (a note needed, a condition not met) comes back
/// as the form with its reason.
pub async fn take<W: Workflow>(
    state: web::Data<AppState>,
    visit: Visit,
    id: W::Id,
    raw: &str,
    sent: ActionForm,
) -> Result<HttpResponse, PageError> {
    let ActionForm { csrf, note } = sent;
    visit.check_csrf(&csrf)?;
    let action = action_of::<W>(raw)?;
    let kept = note.clone();
    let done = visit
        .write(&state.db, move |conn, caller| {
            W::take(conn, caller, id, action, model::input::trimmed(Some(note)))
        })
        .await;
    match done {
        Ok(_) => Ok(page::see_other(&format!(
            "{}/{id}?done={}",
            W::BASE,
            W::name(action)
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, visit.tr(), &["note"])?;
            render::<W>(&state, &visit, id, action, kept, errors).await
        }
        Err(other) => Err(other),
    }
}
