//! Taking a workflow action on a delegation (submit, appraise, approve, …)
//! and recording the police's security review. Which actions are offered,
//! and what each asks for, is the domain's (`allowed`, `inputs`).

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::form::{self, Reader, text};
use super::{Choice, Head, choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::{Account, Visit};
use crate::domain::delegation::Allowed;
use crate::domain::delegation::{self as rules, Delegation, DelegationAction, Recommendation};
use crate::domain::ids::DelegationId;
use crate::domain::review::ReviewStatus;
use crate::domain::time::province_today;
use crate::error::ApiError;
use crate::model;
use crate::model::delegation::TransitionRequest;
use crate::routes::review::{PutReview, ReviewView};

/// What an action's form sends (each action reads the fields it takes).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    note: String,
    recommendation: String,
    decision_number: String,
    decision_date: String,
    report: String,
}

const ORDER: &[&str] = &[
    "recommendation",
    "decision_number",
    "decision_date",
    "report",
    "note",
];

impl ActionForm {
    fn request(&self, action: DelegationAction) -> Result<TransitionRequest, ApiError> {
        let takes = |field: &str| rules::inputs(action).iter().any(|(f, _)| *f == field);
        let mut read = Reader::new();
        let mut request = TransitionRequest {
            action,
            note: None,
            recommendation: None,
            decision_number: None,
            decision_date: None,
            report: None,
        };
        if takes("note") {
            request.note = text(&self.note);
        }
        if takes("recommendation") {
            request.recommendation = read.choice(
                "recommendation",
                &self.recommendation,
                Recommendation::parse,
            );
        }
        if takes("decision_number") {
            request.decision_number = text(&self.decision_number);
        }
        if takes("decision_date") {
            request.decision_date = read.date("decision_date", &self.decision_date);
        }
        if takes("report") {
            request.report = text(&self.report);
        }
        read.check(&request);
        read.finish()?;
        Ok(request)
    }
}

/// A field of an action's form: its name, and its label (marked when optional).
#[derive(Debug)]
struct Input {
    name: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "delegation/action.html")]
struct ActionPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    title: String,
    intro: String,
    button: String,
    warning: bool,
    inputs: Vec<Input>,
    form: ActionForm,
    recommendations: Vec<Choice>,
}

impl ActionPage {
    fn input(&self, name: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.name == name)
    }
}

/// The action a path names, or 404.
fn action_of(raw: &str) -> Result<DelegationAction, PageError> {
    DelegationAction::parse(raw).ok_or(PageError::Api(ApiError::NotFound))
}

/// The delegation, if `action` is open to the caller on it now.
async fn open(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
    action: DelegationAction,
) -> Result<(Account, Delegation), PageError> {
    let open = |a: &Allowed| a.actions.contains(&action);
    let (account, d, ()) = super::open_to(state, visit, id, open, |_, _| Ok(())).await?;
    Ok((account, d))
}

fn action_page(
    visit: &Visit,
    account: &Account,
    d: &Delegation,
    action: DelegationAction,
    form: ActionForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = Head::of(d);
    let name = action.as_str();
    let path = format!("{}/actions/{name}", head.href);
    let inputs = rules::inputs(action)
        .iter()
        .map(|(field, needed)| {
            let label = t.t(&format!("delegation-field-{name}-{field}"));
            Input {
                name: field,
                label: if *needed {
                    label
                } else {
                    t.t1("delegation-optional", "label", &label)
                },
            }
        })
        .collect();
    let page = ActionPage {
        c: Chrome::new(visit, Some(account), Nav::Delegations, &path),
        title: t.name("delegation-action", name),
        intro: t.t(&format!("delegation-action-intro-{name}")),
        button: t.t(&format!("delegation-action-button-{name}")),
        warning: matches!(action, DelegationAction::Cancel | DelegationAction::Reject),
        recommendations: choices(
            Recommendation::ALL,
            Recommendation::as_str,
            "delegation-recommendation",
            &form.recommendation,
            t,
        ),
        inputs,
        form: ActionForm {
            decision_date: form::iso(&form.decision_date),
            ..form
        },
        errors,
        head,
        action: path,
    };
    page::form(visit, &page.errors, &page)
}

/// `GET /delegations/{id}/actions/{action}`: what the action asks for.
#[get("/{id}/actions/{action}")]
pub async fn action_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, raw) = path.into_inner();
    let action = action_of(&raw)?;
    let (account, d) = open(&state, &visit, id, action).await?;
    action_page(
        &visit,
        &account,
        &d,
        action,
        ActionForm::default(),
        FormErrors::default(),
    )
}

/// `POST /delegations/{id}/actions/{action}`: takes it (the workflow table
/// decides, and what it needs is checked, as for the API).
#[post("/{id}/actions/{action}")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, String)>,
    form: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let (id, raw) = path.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let action = action_of(&raw)?;
    let outcome = match form.request(action) {
        Ok(request) => {
            let (action, input) = request.input();
            visit
                .write(&state.db, move |conn, caller| {
                    model::delegation::transition(conn, caller, id, action, input, province_today())
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(d) => {
            return Ok(page::see_other(&format!(
                "{}?done=action-{}",
                super::href(d.id),
                action.as_str()
            )));
        }
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::errors(error, visit.tr(), ORDER)?;
    let (account, d) = open(&state, &visit, id, action).await?;
    action_page(&visit, &account, &d, action, form, errors)
}

/// The review form as it sends it.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    csrf: String,
    status: String,
    officer: String,
    notes: String,
}

#[derive(Template)]
#[template(path = "delegation/review.html")]
struct ReviewPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    form: ReviewForm,
    statuses: Vec<Choice>,
}

/// The delegation and its review, if the caller records reviews.
async fn reviewable(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
) -> Result<(Account, Delegation), PageError> {
    let (account, d, ()) = super::open_to(state, visit, id, |a| a.review, |_, _| Ok(())).await?;
    Ok((account, d))
}

fn review_page(
    visit: &Visit,
    account: &Account,
    d: &Delegation,
    form: ReviewForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = Head::of(d);
    let action = format!("{}/security-review", head.href);
    let page = ReviewPage {
        c: Chrome::new(visit, Some(account), Nav::Delegations, &action),
        statuses: choices(
            ReviewStatus::ALL,
            ReviewStatus::as_str,
            "delegation-review",
            &form.status,
            t,
        ),
        errors,
        head,
        action,
        form,
    };
    page::form(visit, &page.errors, &page)
}

/// `GET /delegations/{id}/security-review` (the police, the administrator).
#[get("/{id}/security-review")]
pub async fn review_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let (account, d) = reviewable(&state, &visit, id.into_inner()).await?;
    // As the API shows it to this caller: the notes only if they may read them.
    let view = ReviewView::new(d.review.clone(), d.review_outdated(), account.caller.role);
    let form = ReviewForm {
        status: view.status.as_str().to_owned(),
        officer: view.officer.unwrap_or_default(),
        notes: view.notes.flatten().unwrap_or_default(),
        ..ReviewForm::default()
    };
    review_page(&visit, &account, &d, form, FormErrors::default())
}

/// `POST /delegations/{id}/security-review`.
#[post("/{id}/security-review")]
pub async fn review(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let read = {
        let mut read = Reader::new();
        let status = read.required_choice("status", &form.status, ReviewStatus::parse);
        let put = PutReview {
            status: status.unwrap_or(ReviewStatus::Pending),
            officer: text(&form.officer),
            notes: text(&form.notes),
        };
        read.check(&put);
        read.finish().map(|()| put)
    };
    let outcome = match read {
        Ok(put) => {
            visit
                .write(&state.db, move |conn, caller| {
                    let review = put.review(caller.id);
                    model::delegation::review(conn, caller, id, &review)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(d) => {
            return Ok(page::see_other(&format!(
                "{}?done=reviewed#h-review",
                super::href(d.id)
            )));
        }
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::errors(error, visit.tr(), &["status", "officer", "notes"])?;
    let (account, d) = reviewable(&state, &visit, id).await?;
    review_page(&visit, &account, &d, form, errors)
}
