//! An accreditation's workflow actions: the form of one, with its note,
//! and taking it.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Head;
use crate::console::pages::delegation::form::text;
use crate::console::pages::press::accreditation_href;
use crate::console::session::{Account, Visit};
use crate::domain::ids::AccreditationId;
use crate::domain::press::{self, Accreditation, AccreditationAction};
use crate::error::ApiError;
use crate::model;

use super::{head, open, refused, status_of, warns};

/// What an action's form sends.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    note: String,
}

#[derive(Template)]
#[template(path = "press/action.html")]
struct ActionPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    title: String,
    intro: String,
    button: String,
    note_label: String,
    warning: bool,
    form: ActionForm,
}

fn action_of(raw: &str) -> Result<AccreditationAction, PageError> {
    AccreditationAction::parse(raw).ok_or(PageError::Api(ApiError::NotFound))
}

fn action_page(
    visit: &Visit,
    account: &Account,
    a: &Accreditation,
    action: AccreditationAction,
    form: ActionForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = head(a);
    let name = action.as_str();
    let path = format!("{}/actions/{name}", head.href);
    let label = t.t("press-action-note");
    let page = ActionPage {
        c: Chrome::new(visit, Some(account), Nav::Press, &path),
        title: t.name("press-action", name),
        intro: t.t(&format!("press-action-intro-{name}")),
        button: t.t(&format!("press-action-button-{name}")),
        note_label: if press::accreditation_needs_note(action) {
            label
        } else {
            t.t1("press-optional", "label", &label)
        },
        warning: warns(action),
        form,
        errors,
        head,
        action: path,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /accreditations/{id}/actions/{action}`.
#[get("/{id}/actions/{action}")]
pub async fn action_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, raw) = path.into_inner();
    let action = action_of(&raw)?;
    let (account, a) = open(&state, &visit, id, |x| x.actions.contains(&action)).await?;
    action_page(
        &visit,
        &account,
        &a,
        action,
        ActionForm::default(),
        FormErrors::default(),
    )
}

/// `POST /accreditations/{id}/actions/{action}`: takes it (the workflow
/// table decides, and what it needs is checked, as for the API).
#[post("/{id}/actions/{action}")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, String)>,
    form: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let (id, raw) = path.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let action = action_of(&raw)?;
    let note = text(&form.note).map(|n| n.trim().to_owned());
    let outcome = visit
        .write(&state.db, move |conn, caller| {
            model::accreditation::transition(conn, caller, id, action, note)
        })
        .await;
    let error = match refused(outcome)? {
        Ok(a) => {
            return Ok(page::see_other(&format!(
                "{}?done=action-{}",
                accreditation_href(a.id),
                action.as_str()
            )));
        }
        Err(e) => e,
    };
    let errors = super::super::errors(error, visit.tr(), &["note"])?;
    let (account, a) = open(&state, &visit, id, |x| x.actions.contains(&action)).await?;
    action_page(&visit, &account, &a, action, form, errors)
}
