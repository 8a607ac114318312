//! `/reporters`: the foreign reporters, searched as the API's list is
//! (words, nationality, the outlet's country) and paged; a reporter's page
//! with the accreditations and interviews it appears in; registering and
//! changing one (the model decides who may). Passport numbers, e-mail
//! addresses and phone numbers are shown, and asked for, only where the
//! API's view keeps them.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::reporter_href;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::session::{Account, Visit};
use crate::domain::ids::ReporterId;
use crate::domain::pagination::{Limit, page as split};
use crate::domain::press;
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::model::reporter::{ReporterInput, ReporterPatch};
use crate::routes::reporter::ReporterView;

/// The search as the form sends it (every field may be blank).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    nationality: String,
    outlet_country: String,
    cursor: String,
}

/// A reporter as a row of the list: personal data only where the view kept it.
#[derive(Debug)]
struct Row {
    href: String,
    view: ReporterView,
    position: String,
}

#[derive(Template)]
#[template(path = "press/reporters.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    query: ListQuery,
    may_create: bool,
    personal: bool,
    rows: Option<Vec<Row>>,
    next: Option<String>,
    first: Option<String>,
    filtered: bool,
}

const LIST_ORDER: &[&str] = &["q", "nationality", "outlet_country", "cursor"];

fn page_href(q: &ListQuery, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("q", &q.q),
        ("nationality", &q.nationality),
        ("outlet_country", &q.outlet_country),
    ] {
        if !value.trim().is_empty() {
            url.append_pair(name, value.trim());
        }
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        query if query.is_empty() => "/reporters".to_owned(),
        query => format!("/reporters?{query}"),
    }
}

/// `GET /reporters`.
#[get("")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let q = query.into_inner();
    let t = visit.tr();
    let search = model::reporter::filter(
        text(&q.q).as_deref(),
        text(&q.nationality).as_deref().map(str::trim),
        text(&q.outlet_country).as_deref().map(str::trim),
    )
    .and_then(|filter| {
        let after = model::input::cursor::<(i64,)>(text(&q.cursor).as_deref())?;
        Ok((filter, after.map(|(id,)| id)))
    });
    let (errors, search) = match search {
        Ok(found) => (FormErrors::default(), Some(found)),
        Err(e) => (form::errors(e, t, LIST_ORDER)?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, rows) = visit
        .read(&state, move |conn, account| {
            model::reporter::require_press(account.caller)?;
            search
                .map(|(filter, after)| {
                    model::reporter::list(conn, account.caller, &filter, after, limit)
                })
                .transpose()
        })
        .await?;
    let caller = account.caller;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |r| (r.id.get(),));
            let rows = rows
                .into_iter()
                .map(|r| Row {
                    href: reporter_href(r.id),
                    position: r.position.clone(),
                    view: ReporterView::new(r, caller),
                })
                .collect();
            (Some(rows), next.map(|cursor| page_href(&q, Some(&cursor))))
        }
        None => (None, None),
    };
    let here = req
        .uri()
        .path_and_query()
        .map_or("/reporters", |p| p.as_str())
        .to_owned();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let filtered = [&q.q, &q.nationality, &q.outlet_country]
        .iter()
        .any(|v| !v.trim().is_empty());
    page::html_with(
        &visit,
        status,
        &ListPage {
            c: Chrome::new(&visit, Some(&account), Nav::Press, &here),
            errors,
            may_create: press::writes_accreditations(caller.role),
            personal: caller.role.sees_personal_data(),
            rows,
            next,
            first: text(&q.cursor).map(|_| page_href(&q, None)),
            filtered,
            query: q,
        },
    )
}

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
];

impl ReporterForm {
    /// The form filled with a reporter as the caller may see it.
    fn of(view: &ReporterView) -> Self {
        let personal = |v: &Option<Option<String>>| v.clone().flatten().unwrap_or_default();
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
            version: view.version.to_string(),
        }
    }

    fn input(&self) -> Result<ReporterInput, ApiError> {
        let input = ReporterInput {
            full_name: self.full_name.clone(),
            nationality: self.nationality.trim().to_owned(),
            passport_number: text(&self.passport_number).map(|p| p.trim().to_owned()),
            outlet: self.outlet.clone(),
            outlet_country: self.outlet_country.trim().to_owned(),
            position: self.position.clone(),
            press_card_number: text(&self.press_card_number),
            email: text(&self.email).map(|e| e.trim().to_owned()),
            phone: text(&self.phone),
        };
        let mut read = Reader::new();
        read.check(&input);
        read.finish()?;
        Ok(input)
    }

    /// The change: every field the form shows; personal data only when the
    /// caller sees it (a field left blank keeps what was there, as in the API).
    fn patch(&self, personal: bool) -> Result<ReporterPatch, ApiError> {
        let input = self.input()?;
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
    form: ReporterForm,
}

fn form_page(
    visit: &Visit,
    account: &Account,
    editing: Option<ReporterId>,
    form: ReporterForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
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
    let outcome = match form.input() {
        Ok(input) => visit
            .write(&state.db, move |conn, caller| {
                model::reporter::create(conn, caller, input)
            })
            .await
            .map_err(|e| match e {
                PageError::Api(e) => Ok(e),
                other => Err(other),
            }),
        Err(e) => Err(Ok(e)),
    };
    let error = match outcome {
        Ok(r) => {
            return Ok(page::see_other(&format!(
                "{}?done=created",
                reporter_href(r.id)
            )));
        }
        Err(Ok(e)) => e,
        Err(Err(other)) => return Err(other),
    };
    let errors = form::errors(error, visit.tr(), ORDER)?;
    let account = writer(&state, &visit).await?;
    form_page(&visit, &account, None, form, errors)
}

/// An accreditation a reporter appears in, as a row.
#[derive(Debug)]
struct AccreditationRow {
    href: String,
    reference: String,
    dates: String,
    status: &'static str,
    status_name: String,
}

/// An interview a reporter appears in, as a row.
#[derive(Debug)]
struct InterviewRow {
    href: String,
    reference: String,
    interviewee: String,
    at: String,
    status_name: String,
}

#[derive(Template)]
#[template(path = "press/reporter.html")]
struct ReporterPage {
    c: Chrome,
    notice: Option<String>,
    r: ReporterView,
    personal: bool,
    may_edit: bool,
    accreditations: Vec<AccreditationRow>,
    interviews: Vec<InterviewRow>,
}

/// What a change just done left to say.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// `GET /reporters/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<ReporterId>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let (account, (reporter, accreditations, interviews)) = visit
        .read(&state, move |conn, account| {
            model::reporter::page(conn, account.caller, id)
        })
        .await?;
    let caller = account.caller;
    let notice = match done.done.as_str() {
        "created" | "updated" => Some(t.t(&format!("press-reporter-done-{}", done.done))),
        _ => None,
    };
    let href = reporter_href(id);
    page::html(
        &visit,
        &ReporterPage {
            c: Chrome::new(&visit, Some(&account), Nav::Press, &href),
            notice,
            r: ReporterView::new(reporter, caller),
            personal: caller.role.sees_personal_data(),
            may_edit: press::writes_accreditations(caller.role),
            accreditations: accreditations
                .into_iter()
                .map(|a| AccreditationRow {
                    href: super::accreditation_href(a.id),
                    reference: a.reference,
                    dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
                    status: a.status.as_str(),
                    status_name: t.name("press-status", a.status.as_str()),
                })
                .collect(),
            interviews: interviews
                .into_iter()
                .map(|i| InterviewRow {
                    href: format!("/interviews/{}", i.id),
                    reference: i.reference,
                    interviewee: i.interviewee_name,
                    at: t.date_time(&i.starts_at, PROVINCE_TZ),
                    status_name: t.name("press-interview-status", i.status.as_str()),
                })
                .collect(),
        },
    )
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
            Ok(reporter)
        })
        .await?;
    let view = ReporterView::new(reporter, account.caller);
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
