//! A press conference's page: its details, its attendees (and the form to
//! register one), the link to change it and the actions the workflow opens
//! to the person, and those actions' forms.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::Conferences;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::inbox::{DeadlineRow, WarningRow, deadline_rows};
use crate::console::pages::interview::workflow::{self, ActionForm, Offer};
use crate::console::pages::interview::{most, reporter_label, status_of};
use crate::console::session::Visit;
use crate::db;
use crate::domain::ids::{PressConferenceId, ReporterId};
use crate::domain::press as rules;
use crate::domain::time::PROVINCE_TZ;
use crate::model;
use crate::model::conference::AttendeeInput;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RecordQuery {
    done: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AttendeeForm {
    csrf: String,
    outlet: String,
    name: String,
    reporter_id: String,
}

const ATTENDEE_ORDER: &[&str] = &["outlet", "name", "reporter_id"];

#[derive(Debug)]
struct AttendeeRow {
    outlet: String,
    name: String,
    reporter: Option<String>,
}

#[derive(Template)]
#[template(path = "conference/record.html")]
struct RecordPage {
    c: Chrome,
    id: PressConferenceId,
    notice: Option<String>,
    errors: FormErrors,
    reference: String,
    title: String,
    kind: String,
    status: &'static str,
    status_name: String,
    when: String,
    venue: String,
    topics: String,
    speakers: Vec<String>,
    /// Who holds it, in the page's language.
    organizer: String,
    /// A foreign body's name, and the day its registration arrived.
    organizer_name: Option<String>,
    registered: Option<String>,
    deadlines: Vec<DeadlineRow>,
    warnings: Vec<WarningRow>,
    announced: Option<String>,
    created: String,
    attendees: Vec<AttendeeRow>,
    may_add: bool,
    reporters: Vec<Choice>,
    form: AttendeeForm,
    /// The edit form's address, for one who may change it now.
    edit: Option<String>,
    actions: Vec<Offer>,
}

async fn render_record(
    state: &AppState,
    visit: &Visit,
    here: String,
    id: PressConferenceId,
    notice: Option<String>,
    form: AttendeeForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let limit = most()?;
    let today = crate::domain::time::province_today();
    let (account, (c, attendees, reporters, due)) = visit
        .read(state, move |conn, account| {
            let caller = account.caller;
            let c = model::conference::visible(conn, caller, id)?;
            let attendees = model::conference::attendees(conn, caller, id)?;
            let reporters =
                model::reporter::list(conn, caller, &db::reporter::Filter::default(), None, limit)?;
            let due = model::deadlines::of_conference(conn, caller, id, today)?;
            Ok((c, attendees, reporters, due))
        })
        .await?;
    let (deadlines, warnings) = deadline_rows(t, due, today);
    let role = account.caller.role;
    let actions = workflow::offers::<Conferences>(&c, id, role, t);
    let edit =
        model::conference::editable(&c, role).then(|| format!("/press-conferences/{id}/edit"));
    let attendees = attendees
        .into_iter()
        .map(|a| AttendeeRow {
            reporter: a.reporter_id.map(|r| {
                reporters
                    .iter()
                    .find(|x| x.id == r)
                    .map_or_else(|| r.to_string(), reporter_label)
            }),
            outlet: a.outlet,
            name: a.name,
        })
        .collect();
    let picked = form.reporter_id.trim().to_owned();
    let page = RecordPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, &here),
        id,
        notice,
        errors,
        reference: c.reference.clone(),
        title: c.title.clone(),
        kind: t.name("meetings-kind", c.kind.as_str()),
        status: c.status.as_str(),
        status_name: t.name("meetings-conference-status", c.status.as_str()),
        when: format!(
            "{} – {}",
            t.date_time(&c.starts_at, c.time_zone),
            t.time(&c.ends_at, c.time_zone)
        ),
        venue: c.venue.clone(),
        topics: c.topics.clone(),
        speakers: c.speakers.clone(),
        organizer: t.name("meetings-conference-organizer", c.organizer.kind().as_str()),
        organizer_name: c.organizer.name().map(str::to_owned),
        registered: c.organizer.registered_on().map(|d| t.date(&d)),
        deadlines,
        warnings,
        announced: c.announced_at.map(|at| t.date_time(&at, PROVINCE_TZ)),
        created: t.date_time(&c.created_at, PROVINCE_TZ),
        attendees,
        may_add: rules::attendees_open(c.status, role),
        reporters: reporters
            .iter()
            .map(|r| Choice {
                value: r.id.to_string(),
                label: reporter_label(r),
                chosen: r.id.to_string() == picked,
            })
            .collect(),
        form,
        edit,
        actions,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /press-conferences/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    id: web::Path<PressConferenceId>,
    query: web::Query<RecordQuery>,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let done = query.into_inner().done;
    let notice = workflow::done::<Conferences>(&done, t).or_else(|| {
        matches!(done.as_str(), "created" | "updated" | "attendee")
            .then(|| t.t(&format!("meetings-conference-done-{done}")))
    });
    render_record(
        &state,
        &visit,
        page::here(&req, "/press-conferences"),
        id.into_inner(),
        notice,
        AttendeeForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /press-conferences/{id}/attendees`: registers an attendee.
#[post("/{id}/attendees")]
pub async fn add_attendee(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<PressConferenceId>,
    body: web::Form<AttendeeForm>,
) -> Result<HttpResponse, PageError> {
    let form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let mut read = Reader::new();
    let reporter_id = text(&form.reporter_id)
        .and_then(|raw| read.id("reporter_id", &raw))
        .map(ReporterId);
    let input = AttendeeInput {
        outlet: form.outlet.clone(),
        name: form.name.clone(),
        reporter_id,
    };
    read.check(&input);
    let done = match read.finish() {
        Ok(()) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::conference::register_attendee(conn, caller, id, input)
                })
                .await
        }
        Err(e) => Err(PageError::Api(e)),
    };
    match done {
        Ok(_) => Ok(page::see_other(&format!(
            "/press-conferences/{id}?done=attendee#attendees"
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, visit.tr(), ATTENDEE_ORDER)?;
            let here = format!("/press-conferences/{id}");
            render_record(&state, &visit, here, id, None, form, errors).await
        }
        Err(other) => Err(other),
    }
}

/// `GET /press-conferences/{id}/{action}`: the action's form.
#[get("/{id}/{action}")]
pub async fn action_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(PressConferenceId, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, action) = path.into_inner();
    workflow::confirm::<Conferences>(state, visit, id, &action).await
}

/// `POST /press-conferences/{id}/{action}`: takes it.
#[post("/{id}/{action}")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(PressConferenceId, String)>,
    body: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let (id, action) = path.into_inner();
    workflow::take::<Conferences>(state, visit, id, &action, body.into_inner()).await
}
