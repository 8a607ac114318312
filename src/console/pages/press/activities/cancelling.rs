//! Cancelling an activity: the confirmation, with an optional note, and
//! what it posts (the activity stays, marked cancelled).

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Head;
use crate::console::pages::delegation::form::{self, text};
use crate::console::pages::delegation::record::span;
use crate::console::pages::press::record::{head, status_of};
use crate::console::session::{Account, Visit};
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::press::{Accreditation, PressActivity};
use crate::error::ApiError;
use crate::model;

use super::{changeable, done, find, refused_or_stale, said};

/// What the cancellation's confirmation sends.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CancelForm {
    csrf: String,
    version: String,
    note: String,
}

#[derive(Template)]
#[template(path = "press/activity_cancel.html")]
struct CancelPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    /// What is being cancelled: its title, when and where.
    title: String,
    when: String,
    place: String,
    form: CancelForm,
}

fn cancel_page(
    visit: &Visit,
    account: &Account,
    a: &Accreditation,
    activity: &PressActivity,
    form: CancelForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = head(a);
    let action = format!("{}/activities/{}/cancel", head.href, activity.id);
    let day = t.date(
        &activity
            .starts_at
            .with_timezone(&activity.time_zone)
            .date_naive(),
    );
    let page = CancelPage {
        c: Chrome::new(visit, Some(account), Nav::Press, &action),
        title: activity.title.clone(),
        when: format!(
            "{day}, {}",
            span(
                t,
                &activity.starts_at,
                &activity.ends_at,
                activity.time_zone
            )
        ),
        place: activity.place.name.clone(),
        errors,
        head,
        action,
        form,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /accreditations/{id}/activities/{activity_id}/cancel`: are you sure?
#[get("/{id}/activities/{activity_id}/cancel")]
pub async fn cancel_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let (account, (a, activity)) = changeable(&state, &visit, id, activity_id).await?;
    let form = CancelForm {
        version: activity.version.to_string(),
        ..CancelForm::default()
    };
    cancel_page(&visit, &account, &a, &activity, form, FormErrors::default())
}

/// `POST /accreditations/{id}/activities/{activity_id}/cancel`: cancels it
/// (it stays, marked, on the page, in the schedule and in the feeds).
#[post("/{id}/activities/{activity_id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let if_match = form::version(&form.version);
    let note = text(&form.note).map(|n| n.trim().to_owned());
    let outcome = refused_or_stale(
        visit
            .write(&state.db, move |conn, caller| {
                model::accreditation::cancel_activity(conn, caller, id, activity_id, if_match, note)
            })
            .await,
    )?;
    let error = match outcome {
        Ok(_) => return Ok(done(id, "activity-cancelled")),
        Err(e) => e,
    };
    let t = visit.tr();
    let errors = match said(error, t) {
        stale @ ApiError::PreconditionFailed { .. } => {
            form::refused(stale, t, &["note"], &mut form.version)?
        }
        other => super::super::errors(other, t, &["note"])?,
    };
    let (account, (a, activity)) = find(&state, &visit, id, activity_id).await?;
    cancel_page(&visit, &account, &a, &activity, form, errors)
}
