//! An interview's page: its details, the link to change it and the actions
//! the workflow opens to the person, and those actions' forms.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::workflow::{self, ActionForm, Offer};
use super::{Interviews, accreditation_label, most, reporter_label};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, Nav};
use crate::console::pages::delegation::name_of;
use crate::console::session::Visit;
use crate::db;
use crate::domain::ids::InterviewId;
use crate::domain::time::PROVINCE_TZ;
use crate::model;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RecordQuery {
    done: String,
}

#[derive(Template)]
#[template(path = "interview/record.html")]
struct RecordPage {
    c: Chrome,
    notice: Option<String>,
    reference: String,
    interviewee: String,
    position: String,
    outlet: String,
    status: &'static str,
    status_name: String,
    when: String,
    place: String,
    topics: String,
    questions: Option<String>,
    reporters: Vec<String>,
    accreditation: Option<String>,
    revoked: bool,
    organizer: Option<String>,
    created: String,
    /// The edit form's address, for one who may change it now.
    edit: Option<String>,
    actions: Vec<Offer>,
}

/// `GET /interviews/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    id: web::Path<InterviewId>,
    query: web::Query<RecordQuery>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let limit = most()?;
    let (account, (i, reporters, accreditation, units)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let i = model::interview::visible(conn, caller, id)?;
            let reporters =
                model::reporter::list(conn, caller, &db::reporter::Filter::default(), None, limit)?;
            let accreditation = i
                .accreditation_id
                .map(|a| model::accreditation::visible(conn, caller, a))
                .transpose()?;
            let units = model::unit::all(conn)?;
            Ok((i, reporters, accreditation, units))
        })
        .await?;
    let role = account.caller.role;
    let when = format!(
        "{} – {}",
        t.date_time(&i.starts_at, i.time_zone),
        t.time(&i.ends_at, i.time_zone)
    );
    let done = query.into_inner().done;
    let notice = workflow::done::<Interviews>(&done, t).or_else(|| {
        matches!(done.as_str(), "created" | "updated")
            .then(|| t.t(&format!("meetings-interview-done-{done}")))
    });
    page::html(
        &visit,
        &RecordPage {
            c: Chrome::new(
                &visit,
                Some(&account),
                Nav::Press,
                &page::here(&req, "/interviews"),
            ),
            notice,
            reference: i.reference.clone(),
            interviewee: i.interviewee_name.clone(),
            position: i.interviewee_position.clone(),
            outlet: i.outlet.clone(),
            status: i.status.as_str(),
            status_name: t.name("meetings-interview-status", i.status.as_str()),
            when,
            place: i.place.clone(),
            topics: i.topics.clone(),
            questions: i.questions.clone(),
            reporters: i
                .reporter_ids
                .iter()
                .map(|r| {
                    reporters
                        .iter()
                        .find(|x| x.id == *r)
                        .map_or_else(|| r.to_string(), reporter_label)
                })
                .collect(),
            accreditation: accreditation.map(|a| accreditation_label(&a, t)),
            revoked: i.accreditation_revoked_at.is_some(),
            organizer: i.organizing_unit_id.map(|u| name_of(&units, u, t)),
            created: t.date_time(&i.created_at, PROVINCE_TZ),
            edit: model::interview::editable(&i, role).then(|| format!("/interviews/{id}/edit")),
            actions: workflow::offers::<Interviews>(&i, id, role, t),
        },
    )
}

/// `GET /interviews/{id}/{action}`: the action's form.
#[get("/{id}/{action}")]
pub async fn action_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(InterviewId, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, action) = path.into_inner();
    workflow::confirm::<Interviews>(state, visit, id, &action).await
}

/// `POST /interviews/{id}/{action}`: takes it.
#[post("/{id}/{action}")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(InterviewId, String)>,
    body: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let (id, action) = path.into_inner();
    workflow::take::<Interviews>(state, visit, id, &action, body.into_inner()).await
}
