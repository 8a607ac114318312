//! Planning an activity and changing one: the activity form's page and
//! what it posts.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form;
use crate::console::pages::delegation::{Choice, Head, choices};
use crate::console::pages::press::record::{head, refused, status_of};
use crate::console::session::{Account, Visit};
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::press::{Accreditation, ActivityKind};
use crate::error::ApiError;
use crate::model;

use super::{ACTIVITY_ORDER, ActivityForm, changeable, done, find, refused_or_stale, said};

#[derive(Template)]
#[template(path = "press/activity.html")]
struct ActivityPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    /// Changing an activity (else planning one).
    editing: bool,
    kinds: Vec<Choice>,
    places: Vec<String>,
    dates: String,
    form: ActivityForm,
}

fn activity_page(
    visit: &Visit,
    account: &Account,
    a: &Accreditation,
    editing: Option<PressActivityId>,
    form: ActivityForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = head(a);
    let action = match editing {
        Some(activity) => format!("{}/activities/{activity}/edit", head.href),
        None => format!("{}/activities/new", head.href),
    };
    let page = ActivityPage {
        c: Chrome::new(visit, Some(account), Nav::Press, &action),
        kinds: choices(
            ActivityKind::ALL,
            ActivityKind::as_str,
            "press-kind",
            &form.kind,
            t,
        ),
        places: a.permitted_places.clone(),
        dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
        form: ActivityForm {
            starts_at: form::iso(&form.starts_at),
            ends_at: form::iso(&form.ends_at),
            ..form
        },
        editing: editing.is_some(),
        errors,
        head,
        action,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /accreditations/{id}/activities/new`.
#[get("/{id}/activities/new")]
pub async fn activity_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
) -> Result<HttpResponse, PageError> {
    let (account, a) =
        super::super::record::open(&state, &visit, id.into_inner(), |x| x.plan).await?;
    let form = ActivityForm {
        starts_at: a.start_date.to_string(),
        ends_at: a.start_date.to_string(),
        ..ActivityForm::default()
    };
    activity_page(&visit, &account, &a, None, form, FormErrors::default())
}

/// `POST /accreditations/{id}/activities/new`: plans it (within the
/// dates, at a permitted place: the model decides).
#[post("/{id}/activities/new")]
pub async fn add_activity(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
    form: web::Form<ActivityForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let outcome = match form.input() {
        Ok(input) => refused(
            visit
                .write(&state.db, move |conn, caller| {
                    model::accreditation::plan(conn, caller, id, input)
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(_) => return Ok(done(id, "activity-added")),
        Err(e) => e,
    };
    let errors = super::super::errors(error, visit.tr(), ACTIVITY_ORDER)?;
    let (account, a) = super::super::record::open(&state, &visit, id, |x| x.plan).await?;
    activity_page(&visit, &account, &a, None, form, errors)
}

/// `GET /accreditations/{id}/activities/{activity_id}/edit`: the form,
/// filled with the activity.
#[get("/{id}/activities/{activity_id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let (account, (a, activity)) = changeable(&state, &visit, id, activity_id).await?;
    let form = ActivityForm::of(&activity);
    activity_page(
        &visit,
        &account,
        &a,
        Some(activity_id),
        form,
        FormErrors::default(),
    )
}

/// `POST /accreditations/{id}/activities/{activity_id}/edit`: changes it
/// as the API's PATCH does (with the version the form was read at).
#[post("/{id}/activities/{activity_id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
    form: web::Form<ActivityForm>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let if_match = form::version(&form.version);
    let outcome = match form.patch() {
        Ok(patch) => refused_or_stale(
            visit
                .write(&state.db, move |conn, caller| {
                    model::accreditation::change_activity(
                        conn,
                        caller,
                        id,
                        activity_id,
                        if_match,
                        patch,
                    )
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(_) => return Ok(done(id, "activity-updated")),
        Err(e) => e,
    };
    let t = visit.tr();
    let errors = match said(error, t) {
        stale @ ApiError::PreconditionFailed { .. } => {
            form::refused(stale, t, ACTIVITY_ORDER, &mut form.version)?
        }
        other => super::super::errors(other, t, ACTIVITY_ORDER)?,
    };
    // The refusal comes back on the form, also when the activity has just
    // closed (the reason says why).
    let (account, (a, _)) = find(&state, &visit, id, activity_id).await?;
    activity_page(&visit, &account, &a, Some(activity_id), form, errors)
}
