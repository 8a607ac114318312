//! Registering a delegation, changing its details, deleting a draft.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::form::{self, Reader};
use super::{Choice, Head, choices, unit_choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::{Account, Visit};
use crate::domain::delegation::{Delegation, Direction};
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::unit::Unit;
use crate::error::ApiError;
use crate::model;
use crate::model::delegation::{CreateDelegation, UpdateDelegation};

/// A delegation's fields as the form sends them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DelegationForm {
    csrf: String,
    version: String,
    direction: String,
    title: String,
    purpose: String,
    partner_organization: String,
    countries: String,
    host_unit_id: String,
    head_of_delegation: String,
    start_date: String,
    end_date: String,
}

const ORDER: &[&str] = &[
    "direction",
    "title",
    "purpose",
    "partner_organization",
    "countries",
    "host_unit_id",
    "head_of_delegation",
    "start_date",
    "end_date",
];

impl DelegationForm {
    fn of(d: &Delegation) -> Self {
        Self {
            version: d.version.to_string(),
            direction: d.direction.as_str().to_owned(),
            title: d.title.clone(),
            purpose: d.purpose.clone(),
            partner_organization: d.partner_organization.clone(),
            countries: d.countries.join(", "),
            host_unit_id: d.host_unit_id.to_string(),
            head_of_delegation: d.head_of_delegation.clone(),
            start_date: d.start_date.to_string(),
            end_date: d.end_date.to_string(),
            ..Self::default()
        }
    }

    /// The codes typed, one by one (commas, spaces or lines between them).
    fn countries(&self) -> Vec<String> {
        self.countries
            .split([',', ';', ' ', '\n', '\r', '\t'])
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The fields both inputs share, read; `None` for those refused.
    fn dates(&self, read: &mut Reader) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (
            read.required_date("start_date", &self.start_date),
            read.required_date("end_date", &self.end_date),
        )
    }

    fn create(&self) -> Result<CreateDelegation, ApiError> {
        let mut read = Reader::new();
        let direction = read.required_choice("direction", &self.direction, Direction::parse);
        let host = read.id("host_unit_id", &self.host_unit_id);
        let (start, end) = self.dates(&mut read);
        // A field refused already is not checked again: its stand-in is never used.
        let stand_in = NaiveDate::default();
        let input = CreateDelegation {
            direction: direction.unwrap_or(Direction::Incoming),
            title: self.title.clone(),
            purpose: self.purpose.clone(),
            partner_organization: self.partner_organization.clone(),
            countries: self.countries(),
            host_unit_id: UnitId(host.unwrap_or_default()),
            head_of_delegation: self.head_of_delegation.clone(),
            start_date: start.unwrap_or(stand_in),
            end_date: end.unwrap_or(stand_in),
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }

    fn update(&self) -> Result<UpdateDelegation, ApiError> {
        let mut read = Reader::new();
        let host = read.id("host_unit_id", &self.host_unit_id);
        let (start, end) = self.dates(&mut read);
        let input = UpdateDelegation {
            title: Some(self.title.clone()),
            purpose: Some(self.purpose.clone()),
            partner_organization: Some(self.partner_organization.clone()),
            countries: Some(self.countries()),
            host_unit_id: host.map(UnitId),
            head_of_delegation: Some(self.head_of_delegation.clone()),
            start_date: start,
            end_date: end,
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }
}

#[derive(Template)]
#[template(path = "delegation/form.html")]
struct FormPage {
    c: Chrome,
    errors: FormErrors,
    /// `None` for a new delegation.
    head: Option<Head>,
    action: String,
    back: String,
    form: DelegationForm,
    directions: Vec<Choice>,
    units: Vec<Choice>,
}

impl FormPage {
    fn new(
        visit: &Visit,
        account: &Account,
        head: Option<Head>,
        form: DelegationForm,
        units: &[Unit],
        errors: FormErrors,
    ) -> Self {
        let t: Tr = visit.tr();
        let (action, back) = match &head {
            Some(h) => (format!("{}/edit", h.href), h.href.clone()),
            None => ("/delegations/new".to_owned(), "/delegations".to_owned()),
        };
        let mut form = form;
        form.start_date = form::iso(&form.start_date);
        form.end_date = form::iso(&form.end_date);
        Self {
            c: Chrome::new(visit, Some(account), Nav::Delegations, &action),
            errors,
            head,
            directions: choices(
                Direction::ALL,
                Direction::as_str,
                "delegation-direction",
                &form.direction,
                t,
            ),
            units: unit_choices(units, &form.host_unit_id, t),
            action,
            back,
            form,
        }
    }
}

fn status(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// `GET /delegations/new`: the form, for one who may register delegations.
#[get("/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let (account, units) = visit
        .read(&state, |conn, account| {
            model::delegation::host_units(conn, account.caller)
        })
        .await?;
    if units.is_empty() {
        return Err(form::not_open());
    }
    let mut form = DelegationForm::default();
    if let [only] = units.as_slice() {
        form.host_unit_id = only.id.to_string();
    }
    let page = FormPage::new(&visit, &account, None, form, &units, FormErrors::default());
    page::html(&visit, &page)
}

/// `POST /delegations/new`: registers it as a draft and shows it.
#[post("/new")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<DelegationForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let t = visit.tr();
    let outcome = match form.create() {
        Ok(input) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::delegation::create(conn, caller, input)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(d) => {
            return Ok(page::see_other(&format!(
                "{}?done=created",
                super::href(d.id)
            )));
        }
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::errors(error, t, ORDER)?;
    let (account, units) = visit
        .read(&state, |conn, account| {
            model::delegation::host_units(conn, account.caller)
        })
        .await?;
    let page = FormPage::new(&visit, &account, None, form, &units, errors);
    page::html_with(&visit, status(&page.errors), &page)
}

/// The delegation as its form shows it, with the units it may be hosted by.
async fn read_for_edit(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
) -> Result<(Account, (Delegation, Vec<Unit>)), PageError> {
    let (account, d, units) =
        super::open_to(state, visit, id, |a| a.edit, model::delegation::host_units).await?;
    Ok((account, (d, units)))
}

/// `GET /delegations/{id}/edit`.
#[get("/{id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let (account, (d, units)) = read_for_edit(&state, &visit, id.into_inner()).await?;
    let form = DelegationForm::of(&d);
    let page = FormPage::new(
        &visit,
        &account,
        Some(Head::of(&d)),
        form,
        &units,
        FormErrors::default(),
    );
    page::html(&visit, &page)
}

/// `POST /delegations/{id}/edit`: the change, on the version the form showed.
#[post("/{id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    form: web::Form<DelegationForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let t = visit.tr();
    let if_match = form::version(&form.version);
    let outcome = match form.update() {
        Ok(patch) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::delegation::update(conn, caller, id, if_match, patch)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(d) => {
            return Ok(page::see_other(&format!(
                "{}?done=updated",
                super::href(d.id)
            )));
        }
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::refused(error, t, ORDER, &mut form.version)?;
    let (account, (d, units)) = read_for_edit(&state, &visit, id).await?;
    form.direction = d.direction.as_str().to_owned();
    let page = FormPage::new(&visit, &account, Some(Head::of(&d)), form, &units, errors);
    page::html_with(&visit, status(&page.errors), &page)
}

#[derive(Debug, Template)]
#[template(path = "delegation/confirm.html")]
pub struct ConfirmPage {
    pub c: Chrome,
    pub head: Head,
    pub errors: FormErrors,
    pub title: String,
    pub body: String,
    pub action: String,
    pub button: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfForm {
    pub csrf: String,
}

/// `GET /delegations/{id}/delete`: are you sure?
#[get("/{id}/delete")]
pub async fn delete_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let (account, d, ()) = super::open_to(&state, &visit, id, |a| a.delete, |_, _| Ok(())).await?;
    let t = visit.tr();
    let head = Head::of(&d);
    let action = format!("{}/delete", head.href);
    let page = ConfirmPage {
        c: Chrome::new(&visit, Some(&account), Nav::Delegations, &action),
        title: t.t("delegation-delete-title"),
        body: t.t("delegation-delete-body"),
        button: t.t("delegation-delete"),
        errors: FormErrors::default(),
        action,
        head,
    };
    page::html(&visit, &page)
}

/// `POST /delegations/{id}/delete`: the draft goes, with its members and itinerary.
#[post("/{id}/delete")]
pub async fn delete(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    visit.check_csrf(&form.csrf)?;
    visit
        .write(&state.db, move |conn, caller| {
            model::delegation::delete(conn, caller, id)
        })
        .await?;
    Ok(page::see_other("/delegations?done=deleted"))
}
