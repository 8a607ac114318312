//! `/api/v1/press-conferences`: the province's press conferences and their
//! attendees (the Provincial Office writes).

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use super::trimmed;
use crate::AppState;
use crate::db::conference::Attendee;
use crate::db::{self};
use crate::domain::ids::{AttendeeId, PressConferenceId, ReporterId, UserId};
use crate::domain::pagination::page;
use crate::domain::press::{
    ConferenceAction, ConferenceKind, ConferenceStatus, OrganizerKind, PressConference,
};
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
pub use crate::model::conference::{AttendeeInput, ConferenceInput, ConferencePatch};

/// A press conference as the API shows it; times carry the offset of its zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConferenceView {
    pub id: PressConferenceId,
    /// `HB-2026-0004`.
    pub reference: String,
    pub title: String,
    pub kind: ConferenceKind,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub time_zone: String,
    pub venue: String,
    pub topics: String,
    pub speakers: Vec<String>,
    /// Who holds it: the province's own, or a foreign body.
    pub organizer: OrganizerKind,
    /// A foreign body's name; null for the province's own.
    #[schema(required = true)]
    pub organizer_name: Option<String>,
    /// The day a foreign body's registration reached the province; null
    /// for the province's own.
    #[schema(required = true)]
    pub registration_date: Option<NaiveDate>,
    pub status: ConferenceStatus,
    /// When it was announced (from then on it is in the public feed).
    #[schema(required = true)]
    pub announced_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<PressConference> for ConferenceView {
    fn from(c: PressConference) -> Self {
        Self {
            id: c.id,
            reference: c.reference,
            title: c.title,
            kind: c.kind,
            starts_at: c.starts_at.with_timezone(&c.time_zone).fixed_offset(),
            ends_at: c.ends_at.with_timezone(&c.time_zone).fixed_offset(),
            time_zone: c.time_zone.name().to_owned(),
            venue: c.venue,
            topics: c.topics,
            speakers: c.speakers,
            organizer: c.organizer.kind(),
            organizer_name: c.organizer.name().map(str::to_owned),
            registration_date: c.organizer.registered_on(),
            status: c.status,
            announced_at: c.announced_at,
            created_by: c.created_by,
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

fn answer(mut builder: actix_web::HttpResponseBuilder, c: PressConference) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(c.version)))
        .json(ConferenceView::from(c))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConferenceQuery {
    pub status: Option<ConferenceStatus>,
    pub kind: Option<ConferenceKind>,
    /// Conferences ending after this date (or RFC 3339 instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Conferences starting before the end of this date (or instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

impl ConferenceQuery {
    /// The filter it asks for (the list and its export read the same), or
    /// 422 naming the parameter at fault.
    pub(crate) fn filter(&self) -> ApiResult<db::conference::Filter> {
        Ok(db::conference::Filter {
            status: self.status,
            kind: self.kind,
            from: super::instant("from", self.from.as_deref(), Bound::Start)?,
            to: super::instant("to", self.to.as_deref(), Bound::End)?,
        })
    }
}

/// List press conferences, newest first.
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), params(ConferenceQuery),
    responses((status = 200, body = Page<ConferenceView>, description = "A page of press conferences"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/press-conferences")]
pub async fn list_conferences(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<ConferenceQuery>,
) -> ApiResult<web::Json<Page<ConferenceView>>> {
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::conference::Cursor>(q.cursor.as_deref())?;
    let filter = q.filter()?;
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::conference::list(conn, caller, &filter, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |c| (c.starts_at.naive_utc(), c.id.get()));
    Ok(web::Json(Page {
        items: items.into_iter().map(ConferenceView::from).collect(),
        next_cursor,
    }))
}

/// Plan a press conference (Provincial Office).
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), request_body = ConferenceInput,
    responses(
        (status = 201, body = ConferenceView, description = "Planned; `Location` names it", headers(("ETag"), ("Location"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[post("/press-conferences")]
pub async fn create_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<ConferenceInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let input = body.0;
    let c = signed_in
        .write(&state.db, move |conn| {
            model::conference::create(conn, caller, input)
        })
        .await?;
    let location = format!("/api/v1/press-conferences/{}", c.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        c,
    ))
}

/// One press conference.
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), params(("id" = i64, Path, description = "Press conference id")),
    responses((status = 200, body = ConferenceView, description = "The press conference; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/press-conferences/{id}")]
pub async fn get_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<PressConferenceId>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let c = signed_in
        .read(&state.db, move |conn| {
            model::conference::visible(conn, caller, id)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), c))
}

/// Change a press conference while it is planned or announced (Provincial Office).
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), request_body = ConferencePatch,
    params(("id" = i64, Path, description = "Press conference id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = ConferenceView, description = "The changed press conference", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/press-conferences/{id}")]
pub async fn update_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<PressConferenceId>,
    if_match: IfMatch,
    body: ValidJson<ConferencePatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let patch = body.0;
    let c = signed_in
        .write(&state.db, move |conn| {
            model::conference::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), c))
}

/// Announce (from then on it is in the public feed), complete (held) or cancel a press conference.
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), request_body = super::ActionRequest<ConferenceAction>,
    params(("id" = i64, Path, description = "Press conference id")),
    responses(
        (status = 200, body = ConferenceView, description = "The press conference in its new state", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/press-conferences/{id}/transitions")]
pub async fn transition_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<PressConferenceId>,
    body: ValidJson<super::ActionRequest<ConferenceAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let req = body.0;
    let note = trimmed(req.note);
    let c = signed_in
        .write(&state.db, move |conn| {
            model::conference::transition(conn, caller, id, req.action, note)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), c))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeView {
    pub id: AttendeeId,
    pub outlet: String,
    pub name: String,
    /// A registered (foreign) reporter, who holds an accreditation covering the day.
    #[schema(required = true)]
    pub reporter_id: Option<ReporterId>,
    pub created_at: DateTime<Utc>,
}

impl From<Attendee> for AttendeeView {
    fn from(a: Attendee) -> Self {
        Self {
            id: a.id,
            outlet: a.outlet,
            name: a.name,
            reporter_id: a.reporter_id,
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeList {
    pub items: Vec<AttendeeView>,
}

/// The attendees of a press conference.
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), params(("id" = i64, Path, description = "Press conference id")),
    responses((status = 200, body = AttendeeList, description = "The attendees"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/press-conferences/{id}/attendees")]
pub async fn list_attendees(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<PressConferenceId>,
) -> ApiResult<web::Json<AttendeeList>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let items = signed_in
        .read(&state.db, move |conn| {
            model::conference::attendees(conn, caller, id)
        })
        .await?;
    Ok(web::Json(AttendeeList {
        items: items.into_iter().map(AttendeeView::from).collect(),
    }))
}

/// Register an attendee (Provincial Office); a foreign reporter must hold an
/// approved accreditation covering the day.
#[utoipa::path(
    tag = "press-conferences", security(("bearer" = [])), request_body = AttendeeInput,
    params(("id" = i64, Path, description = "Press conference id")),
    responses(
        (status = 201, body = AttendeeView, description = "Registered"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/press-conferences/{id}/attendees")]
pub async fn add_attendee(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<PressConferenceId>,
    body: ValidJson<AttendeeInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let input = body.0;
    let attendee = signed_in
        .write(&state.db, move |conn| {
            model::conference::register_attendee(conn, caller, id, input)
        })
        .await?;
    Ok(HttpResponse::Created().json(AttendeeView::from(attendee)))
}
