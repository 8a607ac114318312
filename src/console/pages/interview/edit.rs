//! Changing an interview while it is requested or approved: the form comes
//! filled in with the interview as it stands and carries its version, so
//! that a change made meanwhile by someone else is refused (as the API's
//! `If-Match` is) rather than overwritten; the covering accreditation stays
//! a choice among those that cover the day for the foreign reporters
//! ticked (a button shows them again for another day or other reporters).
//! The change is `model::interview::update`, the PATCH route's operation.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use super::new::{self, ORDER, Tick, covering_choices, offered, step_one, ticks};
use super::{Fields, status_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form;
use crate::console::session::Visit;
use crate::domain::FieldError;
use crate::domain::ids::InterviewId;
use crate::domain::press::Interview;
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::model::interview::{InterviewInput, InterviewPatch};

#[derive(Template)]
#[template(path = "interview/edit.html")]
struct EditPage {
    c: Chrome,
    errors: FormErrors,
    /// Which interview: its reference and interviewee.
    caption: String,
    back: String,
    action: String,
    /// The zone its times are in, when it is not the province's.
    zone: Option<String>,
    /// The day the covering accreditations are offered for.
    day: Option<String>,
    reporters: Vec<Tick>,
    covering: Vec<Choice>,
    f: Fields,
}

/// The form filled in with the interview as it stands (times in its zone).
fn prefill(i: &Interview) -> Fields {
    let starts = i.starts_at.with_timezone(&i.time_zone);
    let ends = i.ends_at.with_timezone(&i.time_zone);
    let mut fields: Vec<(&str, String)> = vec![
        ("version", i.version.to_string()),
        ("date", starts.date_naive().to_string()),
        ("starts_at", starts.format("%H:%M").to_string()),
        ("ends_at", ends.format("%H:%M").to_string()),
        (
            "accreditation_id",
            i.accreditation_id
                .map_or_else(String::new, |a| a.to_string()),
        ),
        ("interviewee_name", i.interviewee_name.clone()),
        ("interviewee_position", i.interviewee_position.clone()),
        ("outlet", i.outlet.clone()),
        ("place", i.place.clone()),
        ("topics", i.topics.clone()),
        ("questions", i.questions.clone().unwrap_or_default()),
    ];
    fields.extend(
        i.reporter_ids
            .iter()
            .map(|r| ("reporter_ids", r.to_string())),
    );
    Fields(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The form's input as the PATCH reads it: every field it shows is sent
/// (a blank `questions` clears them; no accreditation chosen takes it off);
/// the zone and the organising unit, which it does not show, stay.
fn patch_of(input: InterviewInput) -> InterviewPatch {
    InterviewPatch {
        interviewee_name: Some(input.interviewee_name),
        interviewee_position: Some(input.interviewee_position),
        outlet: Some(input.outlet),
        reporter_ids: Some(input.reporter_ids),
        accreditation_id: Some(input.accreditation_id),
        starts_at: Some(input.starts_at),
        ends_at: Some(input.ends_at),
        time_zone: None,
        place: Some(input.place),
        topics: Some(input.topics),
        questions: Some(input.questions.unwrap_or_default()),
        organizing_unit_id: None,
    }
}

/// Renders the form with `f` as sent, or (`None`) filled in with the
/// interview as it stands; a form shown without errors is only for one
/// who may change the interview now.
async fn render(
    state: &AppState,
    visit: &Visit,
    id: InterviewId,
    f: Option<Fields>,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (account, (i, f, chosen, (reporters, covering))) = visit
        .read(state, move |conn, account| {
            let i = model::interview::visible(conn, account.caller, id)?;
            let f = f.unwrap_or_else(|| prefill(&i));
            let chosen = step_one(&f).ok();
            let offered = offered(conn, account.caller, chosen.as_ref())?;
            Ok((i, f, chosen, offered))
        })
        .await?;
    if errors.is_empty() && !model::interview::editable(&i, account.caller.role) {
        return Err(form::not_open());
    }
    let action = format!("/interviews/{id}/edit");
    let page = EditPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, &action),
        errors,
        caption: format!("{} · {}", i.reference, i.interviewee_name),
        back: format!("/interviews/{id}"),
        action,
        zone: (i.time_zone != PROVINCE_TZ).then(|| i.time_zone.name().to_owned()),
        day: chosen.as_ref().map(|(d, _)| t.date(d)),
        reporters: ticks(&reporters, &f),
        covering: covering_choices(&covering.unwrap_or_default(), &f, t),
        f,
    };
    let status = status_of(&page.errors);
    page::html_with(visit, status, &page)
}

/// `GET /interviews/{id}/edit`: the form, filled in.
#[get("/{id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<InterviewId>,
) -> Result<HttpResponse, PageError> {
    render(&state, &visit, id.into_inner(), None, FormErrors::default()).await
}

/// `POST /interviews/{id}/edit`: the change, on the version the form
/// showed; with `refresh`, only the form again with the accreditations
/// covering the day and reporters now chosen.
#[post("/{id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<InterviewId>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let mut f = Fields(body.into_inner());
    visit.check_csrf(f.get("csrf"))?;
    let t = visit.tr();
    let (day, reporters) = match step_one(&f) {
        Ok(chosen) => chosen,
        Err(e) => {
            let errors = form::errors(e, t, ORDER)?;
            return render(&state, &visit, id, Some(f), errors).await;
        }
    };
    if f.has("refresh") {
        return render(&state, &visit, id, Some(f), FormErrors::default()).await;
    }
    let if_match = form::version(f.get("version"));
    let done = match new::input(&f, day, reporters) {
        Ok(input) => {
            let patch = patch_of(input);
            visit
                .write(&state.db, move |conn, caller| {
                    model::interview::update(conn, caller, id, if_match, patch)
                })
                .await
        }
        Err(e) => Err(PageError::Api(e)),
    };
    let errors = match done {
        Ok(_) => return Ok(page::see_other(&format!("/interviews/{id}?done=updated"))),
        Err(PageError::Api(ApiError::PreconditionFailed { current })) => {
            // Shown again on the version now stored: saving once more,
            // after a look, is the person's choice.
            f.set("version", current.to_string());
            FormErrors(vec![FieldError::new("", t.t("meetings-stale"))])
        }
        Err(PageError::Api(e)) => form::errors(e, t, ORDER)?,
        Err(other) => return Err(other),
    };
    render(&state, &visit, id, Some(f), errors).await
}
