//! Changing a conference: the form filled in with it as it stands, and the
//! change, on the version the form showed.

use actix_web::{HttpResponse, get, post, web};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::choices;
use crate::console::pages::delegation::form;
use crate::console::session::Visit;
use crate::domain::FieldError;
use crate::domain::ids::PressConferenceId;
use crate::domain::press::ConferenceKind;
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;

use super::{ConferenceForm, FormPage, ORDER, organizer_choices};

/// Renders the change form with `form` as sent, or (`None`) filled in with
/// the conference as it stands; a form shown without errors is only for
/// one who may change the conference now.
async fn render_edit(
    state: &AppState,
    visit: &Visit,
    id: PressConferenceId,
    form: Option<ConferenceForm>,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let (account, c) = visit
        .read(state, move |conn, account| {
            model::conference::visible(conn, account.caller, id)
        })
        .await?;
    if errors.is_empty() && !model::conference::editable(&c, account.caller.role) {
        return Err(form::not_open());
    }
    let t = visit.tr();
    let form = form.unwrap_or_else(|| ConferenceForm::of(&c));
    let action = format!("/press-conferences/{id}/edit");
    let page = FormPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, &action),
        errors,
        caption: Some(format!("{} · {}", c.reference, c.title)),
        heading: t.t("meetings-conference-edit-title"),
        button: t.t("meetings-save"),
        action,
        back: format!("/press-conferences/{id}"),
        zone: (c.time_zone != PROVINCE_TZ).then(|| c.time_zone.name().to_owned()),
        kinds: choices(
            ConferenceKind::ALL,
            ConferenceKind::as_str,
            "meetings-kind",
            &form.kind,
            t,
        ),
        organizers: organizer_choices(&form, t),
        form,
    };
    page::html_with(visit, page.status(), &page)
}

/// `GET /press-conferences/{id}/edit`: the form, filled in.
#[get("/{id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<PressConferenceId>,
) -> Result<HttpResponse, PageError> {
    render_edit(&state, &visit, id.into_inner(), None, FormErrors::default()).await
}

/// `POST /press-conferences/{id}/edit`: the change, on the version the
/// form showed.
#[post("/{id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<PressConferenceId>,
    body: web::Form<ConferenceForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let mut form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let t = visit.tr();
    let if_match = form::version(&form.version);
    let done = match form.patch() {
        Ok(patch) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::conference::update(conn, caller, id, if_match, patch)
                })
                .await
        }
        Err(e) => Err(PageError::Api(e)),
    };
    let errors = match done {
        Ok(_) => {
            return Ok(page::see_other(&format!(
                "/press-conferences/{id}?done=updated"
            )));
        }
        Err(PageError::Api(ApiError::PreconditionFailed { current })) => {
            // Shown again on the version now stored: saving once more,
            // after a look, is the person's choice.
            form.version = current.to_string();
            FormErrors(vec![FieldError::new("", t.t("meetings-stale"))])
        }
        Err(PageError::Api(e)) => form::errors(e, t, ORDER)?,
        Err(other) => return Err(other),
    };
    render_edit(&state, &visit, id, Some(form), errors).await
}
