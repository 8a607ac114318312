//! The accreditation form: registering one (`/accreditations/new`, its
//! reporters chosen among those registered) and changing one
//! (`/accreditations/{id}/edit`, while a draft or submitted) — the
//! operations the API's POST and PATCH call.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::NaiveDate;

use super::accreditations::{all_reporters, reporter_label};
use super::record::refused;
use super::{accreditation_href, errors};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::session::{Account, Visit};
use crate::domain::collate::sort_by_name;
use crate::domain::ids::{AccreditationId, ReporterId};
use crate::domain::press::{self, Accreditation, Reporter};
use crate::error::ApiError;
use crate::model;
use crate::model::accreditation::{AccreditationInput, AccreditationPatch};

/// What the accreditation form sends (reporters as repeated fields).
#[derive(Debug, Default, Clone)]
pub struct AccreditationForm {
    csrf: String,
    /// The version a change was read at (blank for a new one).
    version: String,
    reporter_ids: Vec<String>,
    topics: String,
    permitted_places: String,
    start_date: String,
    end_date: String,
    referral_number: String,
    referral_date: String,
    escort_officer: String,
}

const ORDER: &[&str] = &[
    "reporter_ids",
    "topics",
    "permitted_places",
    "start_date",
    "end_date",
    "referral_number",
    "referral_date",
    "escort_officer",
];

impl AccreditationForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => form.csrf = value,
                "version" => form.version = value,
                "reporter_ids" => form.reporter_ids.push(value),
                "topics" => form.topics = value,
                "permitted_places" => form.permitted_places = value,
                "start_date" => form.start_date = value,
                "end_date" => form.end_date = value,
                "referral_number" => form.referral_number = value,
                "referral_date" => form.referral_date = value,
                "escort_officer" => form.escort_officer = value,
                _ => {}
            }
        }
        form
    }

    /// The form filled with an accreditation, to change it.
    fn of(a: &Accreditation) -> Self {
        Self {
            csrf: String::new(),
            version: a.version.to_string(),
            reporter_ids: a.reporter_ids.iter().map(ToString::to_string).collect(),
            topics: a.topics.clone(),
            permitted_places: a.permitted_places.join("\n"),
            start_date: a.start_date.to_string(),
            end_date: a.end_date.to_string(),
            referral_number: a.referral_number.clone(),
            referral_date: a.referral_date.to_string(),
            escort_officer: a.escort_officer.clone().unwrap_or_default(),
        }
    }

    /// The change: every field the form shows (a blank escort officer
    /// clears it).
    fn patch(&self) -> Result<AccreditationPatch, ApiError> {
        let input = self.input()?;
        Ok(AccreditationPatch {
            reporter_ids: Some(input.reporter_ids),
            topics: Some(input.topics),
            permitted_places: Some(input.permitted_places),
            start_date: Some(input.start_date),
            end_date: Some(input.end_date),
            referral_number: Some(input.referral_number),
            referral_date: Some(input.referral_date),
            escort_officer: Some(input.escort_officer.unwrap_or_default()),
        })
    }

    fn input(&self) -> Result<AccreditationInput, ApiError> {
        let mut read = Reader::new();
        let mut reporter_ids = Vec::new();
        for raw in &self.reporter_ids {
            if let Some(id) = read.id("reporter_ids", raw) {
                reporter_ids.push(ReporterId(id));
            }
        }
        let start = read.required_date("start_date", &self.start_date);
        let end = read.required_date("end_date", &self.end_date);
        let referral = read.required_date("referral_date", &self.referral_date);
        let day = NaiveDate::default();
        let input = AccreditationInput {
            reporter_ids,
            topics: self.topics.trim().to_owned(),
            permitted_places: self
                .permitted_places
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            start_date: start.unwrap_or(day),
            end_date: end.unwrap_or(day),
            referral_number: self.referral_number.trim().to_owned(),
            referral_date: referral.unwrap_or(day),
            escort_officer: text(&self.escort_officer),
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }
}

/// A reporter as a checkbox.
#[derive(Debug)]
struct Pick {
    value: String,
    label: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "press/accreditation_form.html")]
struct FormPage {
    c: Chrome,
    errors: FormErrors,
    form: AccreditationForm,
    reporters: Vec<Pick>,
    /// Where the form posts, where it leads back to, and what it says.
    action: String,
    back: String,
    back_label: String,
    title: String,
    button: String,
    /// Changing an accreditation (its reference), else registering one.
    editing: Option<String>,
}

/// The accreditation a form changes (`None`: a new one).
type Editing<'a> = Option<&'a Accreditation>;

fn form_page(
    visit: &Visit,
    account: &Account,
    reporters: &[Reporter],
    editing: Editing,
    form: AccreditationForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (action, back, back_label, title, button) = match editing {
        Some(a) => (
            format!("{}/edit", accreditation_href(a.id)),
            accreditation_href(a.id),
            t.t("press-back-record"),
            t.t("press-accreditation-edit-title"),
            t.t("press-accreditation-save"),
        ),
        None => (
            "/accreditations/new".to_owned(),
            "/accreditations".to_owned(),
            t.t("press-back"),
            t.t("press-accreditation-new-title"),
            t.t("press-accreditation-create"),
        ),
    };
    let mut picks: Vec<Pick> = reporters
        .iter()
        .map(|r| Pick {
            value: r.id.to_string(),
            label: reporter_label(r),
            chosen: form
                .reporter_ids
                .iter()
                .any(|v| v.trim() == r.id.to_string()),
        })
        .collect();
    sort_by_name(&mut picks, |p| p.label.as_str());
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page::html_with(
        visit,
        status,
        &FormPage {
            c: Chrome::new(visit, Some(account), Nav::Press, &action),
            errors,
            editing: editing.map(|a| a.reference.clone()),
            action,
            back,
            back_label,
            title,
            button,
            form: AccreditationForm {
                start_date: form::iso(&form.start_date),
                end_date: form::iso(&form.end_date),
                referral_date: form::iso(&form.referral_date),
                ..form
            },
            reporters: picks,
        },
    )
}

/// The reporters to choose among, if the caller may register accreditations.
async fn writer(state: &AppState, visit: &Visit) -> Result<(Account, Vec<Reporter>), PageError> {
    visit
        .read(state, |conn, account| {
            model::reporter::require_press(account.caller)?;
            model::reporter::require_foreign_affairs(account.caller, "register accreditations")?;
            all_reporters(conn, account)
        })
        .await
}

/// `GET /accreditations/new`.
#[get("/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let (account, reporters) = writer(&state, &visit).await?;
    form_page(
        &visit,
        &account,
        &reporters,
        None,
        AccreditationForm::default(),
        FormErrors::default(),
    )
}

/// `POST /accreditations/new`: registers the accreditation as a draft,
/// then shows it.
#[post("/new")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let form = AccreditationForm::from_pairs(body.into_inner());
    visit.check_csrf(&form.csrf)?;
    let outcome = match form.input() {
        Ok(input) => refused(
            visit
                .write(&state.db, move |conn, caller| {
                    model::accreditation::create(conn, caller, input)
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(a) => {
            return Ok(page::see_other(&format!(
                "{}?done=created",
                accreditation_href(a.id)
            )));
        }
        Err(e) => e,
    };
    let t: Tr = visit.tr();
    let errors = errors(error, t, ORDER)?;
    let (account, reporters) = writer(&state, &visit).await?;
    form_page(&visit, &account, &reporters, None, form, errors)
}

/// The accreditation and the reporters to choose among, if the caller may
/// change it now (the domain's `accreditation_allowed`; 403 otherwise).
async fn editable(
    state: &AppState,
    visit: &Visit,
    id: AccreditationId,
) -> Result<(Account, (Accreditation, Vec<Reporter>)), PageError> {
    let (account, (a, reporters)) = visit
        .read(state, move |conn, account| {
            let a = model::accreditation::visible(conn, account.caller, id)?;
            Ok((a, all_reporters(conn, account)?))
        })
        .await?;
    if !press::accreditation_allowed(&a, account.caller.role).edit {
        return Err(super::record::not_open());
    }
    Ok((account, (a, reporters)))
}

/// `GET /accreditations/{id}/edit`: the form, filled with the accreditation.
#[get("/{id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
) -> Result<HttpResponse, PageError> {
    let (account, (a, reporters)) = editable(&state, &visit, id.into_inner()).await?;
    let form = AccreditationForm::of(&a);
    form_page(
        &visit,
        &account,
        &reporters,
        Some(&a),
        form,
        FormErrors::default(),
    )
}

/// `POST /accreditations/{id}/edit`: changes it with the operation the
/// API's PATCH calls (with the version the form was read at).
#[post("/{id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let mut form = AccreditationForm::from_pairs(body.into_inner());
    visit.check_csrf(&form.csrf)?;
    let if_match = form::version(&form.version);
    let outcome = match form.patch() {
        Ok(patch) => visit
            .write(&state.db, move |conn, caller| {
                model::accreditation::update(conn, caller, id, if_match, patch)
            })
            .await
            .map_err(|e| match e {
                PageError::Api(
                    e @ (ApiError::Invalid(_)
                    | ApiError::Conflict { .. }
                    | ApiError::PreconditionFailed { .. }),
                ) => Ok(e),
                other => Err(other),
            }),
        Err(e) => Err(Ok(e)),
    };
    let error = match outcome {
        Ok(a) => {
            return Ok(page::see_other(&format!(
                "{}?done=updated",
                accreditation_href(a.id)
            )));
        }
        Err(Ok(e)) => e,
        Err(Err(other)) => return Err(other),
    };
    let t = visit.tr();
    let errors = match super::activities::said(error, t) {
        stale @ ApiError::PreconditionFailed { .. } => {
            form::refused(stale, t, ORDER, &mut form.version)?
        }
        other => errors(other, t, ORDER)?,
    };
    // The refusal comes back on the form, also when the accreditation has
    // just closed to changes (the reason says why).
    let (account, (a, reporters)) = visit
        .read(&state, move |conn, account| {
            let a = model::accreditation::visible(conn, account.caller, id)?;
            Ok((a, all_reporters(conn, account)?))
        })
        .await?;
    form_page(&visit, &account, &reporters, Some(&a), form, errors)
}
