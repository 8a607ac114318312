//! The reporter's form: registering a reporter and changing one (the
//! model decides who may). Personal data — the passport's number and
//! expiry, the visa, e-mail and phone — is shown and asked for only where
//! the API's view keeps it; the press card's end date is not personal data.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::pages::press::record::refused;
use crate::console::pages::press::reporter_href;
use crate::console::session::{Account, Visit};
use crate::domain::expiry::VisaType;
use crate::domain::ids::ReporterId;
use crate::error::ApiError;
use crate::model;
use crate::model::reporter::{ReporterInput, ReporterPatch};
use crate::routes::reporter::ReporterView;

/// What the reporter form sends.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReporterForm {
    csrf: String,
    full_name: String,
    nationality: String,
    passport_number: String,
    outlet: String,
    outlet_country: String,
    position: String,
    press_card_number: String,
    email: String,
    phone: String,
    passport_expiry: String,
    visa_type: String,
    visa_number: String,
    visa_end: String,
    press_card_end: String,
    version: String,
}

const ORDER: &[&str] = &[
    "full_name",
    "nationality",
    "passport_number",
    "outlet",
    "outlet_country",
    "position",
    "press_card_number",
    "email",
    "phone",
    "passport_expiry",
    "visa_type",
    "visa_number",
    "visa_end",
    "press_card_end",
];

impl ReporterForm {
    /// The form filled with a reporter as the caller may see it.
    fn of(view: &ReporterView) -> Self {
        let personal = |v: &Option<Option<String>>| v.clone().flatten().unwrap_or_default();
        let day = |v: Option<chrono::NaiveDate>| v.map(|d| d.to_string()).unwrap_or_default();
        Self {
            csrf: String::new(),
            full_name: view.full_name.clone(),
            nationality: view.nationality.clone(),
            passport_number: personal(&view.passport_number),
            outlet: view.outlet.clone(),
            outlet_country: view.outlet_country.clone(),
            position: view.position.clone(),
            press_card_number: view.press_card_number.clone().unwrap_or_default(),
            email: personal(&view.email),
            phone: personal(&view.phone),
            passport_expiry: day(view.passport_expiry.flatten()),
            visa_type: view
                .visa_type
                .flatten()
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            visa_number: personal(&view.visa_number),
            visa_end: day(view.visa_end.flatten()),
            press_card_end: day(view.press_card_end),
            version: view.version.to_string(),
        }
    }

    /// The reporter as the operations take it; with `personal` false, no
    /// personal data (the form showed none).
    fn input(&self, personal: bool) -> Result<ReporterInput, ApiError> {
        let mut read = Reader::new();
        let kept = |raw: &str| if personal { text(raw) } else { None };
        let (passport_expiry, visa_type, visa_end) = if personal {
            (
                read.date("passport_expiry", &self.passport_expiry),
                read.choice("visa_type", &self.visa_type, VisaType::parse),
                read.date("visa_end", &self.visa_end),
            )
        } else {
            (None, None, None)
        };
        let input = ReporterInput {
            full_name: self.full_name.clone(),
            nationality: self.nationality.trim().to_owned(),
            passport_number: kept(&self.passport_number).map(|p| p.trim().to_owned()),
            outlet: self.outlet.clone(),
            outlet_country: self.outlet_country.trim().to_owned(),
            position: self.position.clone(),
            press_card_number: text(&self.press_card_number),
            email: kept(&self.email).map(|e| e.trim().to_owned()),
            phone: kept(&self.phone),
            passport_expiry,
            visa_type,
            visa_number: kept(&self.visa_number).map(|v| v.trim().to_owned()),
            visa_end,
            press_card_end: read.date("press_card_end", &self.press_card_end),
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }

    /// The change: every field the form shows; personal data only when the
    /// caller sees it (a field left blank keeps what was there, as in the API).
    fn patch(&self, personal: bool) -> Result<ReporterPatch, ApiError> {
        let input = self.input(personal)?;
        Ok(ReporterPatch {
            full_name: Some(input.full_name),
            nationality: Some(input.nationality),
            passport_number: input.passport_number.filter(|_| personal),
            outlet: Some(input.outlet),
            outlet_country: Some(input.outlet_country),
            position: Some(input.position),
            press_card_number: input.press_card_number,
            email: input.email.filter(|_| personal),
            phone: input.phone.filter(|_| personal),
            passport_expiry: input.passport_expiry,
            visa_type: input.visa_type,
            visa_number: input.visa_number,
            visa_end: input.visa_end,
            press_card_end: input.press_card_end,
        })
    }
}

#[derive(Template)]
#[template(path = "press/reporter_form.html")]
struct FormPage {
    c: Chrome,
    errors: FormErrors,
    title: String,
    action: String,
    back: String,
    button: String,
    personal: bool,
    visa_types: Vec<Choice>,
    form: ReporterForm,
}

fn form_page(
    visit: &Visit,
    account: &Account,
    editing: Option<ReporterId>,
    mut form: ReporterForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    // A date typed as dd/mm/yyyy goes back into a date input as ISO.
    for day in [
        &mut form.passport_expiry,
        &mut form.visa_end,
        &mut form.press_card_end,
    ] {
        *day = form::iso(day);
    }
    let mut visa_types = vec![Choice {
        value: String::new(),
        label: t.t("deadlines-visa-none"),
        chosen: form.visa_type.is_empty(),
    }];
    visa_types.extend(choices(
        VisaType::ALL,
        VisaType::as_str,
        "deadlines-visa",
        &form.visa_type,
        t,
    ));
    let (title, action, back, button) = match editing {
        Some(id) => (
            t.t("press-reporter-edit-title"),
            format!("{}/edit", reporter_href(id)),
            reporter_href(id),
            t.t("press-reporter-save"),
        ),
        None => (
            t.t("press-reporter-new-title"),
            "/reporters/new".to_owned(),
            "/reporters".to_owned(),
            t.t("press-reporter-create"),
        ),
    };
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
            title,
            back,
            button,
            personal: account.caller.role.sees_personal_data(),
            visa_types,
            action,
            form,
        },
    )
}

/// The account, if the caller may register or change reporters (403 otherwise).
async fn writer(state: &AppState, visit: &Visit) -> Result<Account, PageError> {
    let (account, ()) = visit
        .read(state, |_, account| {
            model::reporter::require_press(account.caller)?;
            model::reporter::require_foreign_affairs(account.caller, "register reporters")
        })
        .await?;
    Ok(account)
}

/// `GET /reporters/new`.
#[get("/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let account = writer(&state, &visit).await?;
    form_page(
        &visit,
        &account,
        None,
        ReporterForm::default(),
        FormErrors::default(),
    )
}

/// `POST /reporters/new`: registers the reporter, then shows it.
#[post("/new")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<ReporterForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let account = writer(&state, &visit).await?;
    let personal = account.caller.role.sees_personal_data();
    let outcome = match form.input(personal) {
        Ok(input) => refused(
            visit
                .write(&state.db, move |conn, caller| {
                    model::reporter::create(conn, caller, input)
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(r) => {
            return Ok(page::see_other(&format!(
                "{}?done=created",
                reporter_href(r.id)
            )));
        }
        Err(e) => e,
    };
    let errors = form::errors(error, visit.tr(), ORDER)?;
    form_page(&visit, &account, None, form, errors)
}

/// The reporter to change, if the caller may change reporters.
async fn editable(
    state: &AppState,
    visit: &Visit,
    id: ReporterId,
) -> Result<(Account, ReporterView), PageError> {
    let (account, reporter) = visit
        .read(state, move |conn, account| {
            let (reporter, _, _) = model::reporter::page(conn, account.caller, id)?;
            model::reporter::require_foreign_affairs(account.caller, "change reporters")?;
            let docs = model::reporter::documents(conn, account.caller, id)?;
            Ok((reporter, docs))
        })
        .await?;
    let (reporter, docs) = reporter;
    let view = ReporterView::new(reporter, account.caller).with_documents(docs, account.caller);
    Ok((account, view))
}

/// `GET /reporters/{id}/edit`.
#[get("/{id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<ReporterId>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let (account, view) = editable(&state, &visit, id).await?;
    form_page(
        &visit,
        &account,
        Some(id),
        ReporterForm::of(&view),
        FormErrors::default(),
    )
}

/// `POST /reporters/{id}/edit`: changes the reporter (on the version the
/// form was read at), then shows it.
#[post("/{id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<ReporterId>,
    form: web::Form<ReporterForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let (account, _) = editable(&state, &visit, id).await?;
    let personal = account.caller.role.sees_personal_data();
    let version = form::version(&form.version);
    let outcome = match form.patch(personal) {
        Ok(patch) => visit
            .write(&state.db, move |conn, caller| {
                model::reporter::update(conn, caller, id, version, patch)
            })
            .await
            .map_err(|e| match e {
                PageError::Api(e) => Ok(e),
                other => Err(other),
            }),
        Err(e) => Err(Ok(e)),
    };
    let error = match outcome {
        Ok(_) => {
            return Ok(page::see_other(&format!(
                "{}?done=updated",
                reporter_href(id)
            )));
        }
        Err(Ok(e)) => e,
        Err(Err(other)) => return Err(other),
    };
    let errors = form::refused(error, visit.tr(), ORDER, &mut form.version)?;
    form_page(&visit, &account, Some(id), form, errors)
}
