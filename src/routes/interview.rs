//! `/api/v1/interviews`: press interviews with provincial leaders.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use super::trimmed;
use crate::AppState;
use crate::db::{self};
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId, UnitId, UserId};
use crate::domain::pagination::page;
use crate::domain::press::{Interview, InterviewAction, InterviewStatus};
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
pub use crate::model::interview::{InterviewInput, InterviewPatch};

/// An interview as the API shows it; times carry the offset of its zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterviewView {
    pub id: InterviewId,
    /// `PH-2026-0007`.
    pub reference: String,
    pub interviewee_name: String,
    pub interviewee_position: String,
    pub outlet: String,
    pub reporter_ids: Vec<ReporterId>,
    /// For foreign reporters: the accreditation that covers the interview.
    #[schema(required = true)]
    pub accreditation_id: Option<AccreditationId>,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub time_zone: String,
    pub place: String,
    pub topics: String,
    /// Questions sent ahead.
    #[schema(required = true)]
    pub questions: Option<String>,
    #[schema(required = true)]
    pub organizing_unit_id: Option<UnitId>,
    pub status: InterviewStatus,
    /// When the accreditation that covered it was revoked (it needs a decision).
    #[schema(required = true)]
    pub accreditation_revoked_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Interview> for InterviewView {
    fn from(i: Interview) -> Self {
        Self {
            id: i.id,
            reference: i.reference,
            interviewee_name: i.interviewee_name,
            interviewee_position: i.interviewee_position,
            outlet: i.outlet,
            reporter_ids: i.reporter_ids,
            accreditation_id: i.accreditation_id,
            starts_at: i.starts_at.with_timezone(&i.time_zone).fixed_offset(),
            ends_at: i.ends_at.with_timezone(&i.time_zone).fixed_offset(),
            time_zone: i.time_zone.name().to_owned(),
            place: i.place,
            topics: i.topics,
            questions: i.questions,
            organizing_unit_id: i.organizing_unit_id,
            status: i.status,
            accreditation_revoked_at: i.accreditation_revoked_at,
            created_by: i.created_by,
            version: i.version,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

fn answer(mut builder: actix_web::HttpResponseBuilder, i: Interview) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(i.version)))
        .json(InterviewView::from(i))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InterviewQuery {
    pub status: Option<InterviewStatus>,
    /// Interviews ending after this date (or RFC 3339 instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Interviews starting before the end of this date (or instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    pub accreditation_id: Option<i64>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

impl InterviewQuery {
    /// The filter it asks for (the list and its export read the same), or
    /// 422 naming the parameter at fault.
    pub(crate) fn filter(&self) -> ApiResult<db::interview::Filter> {
        Ok(db::interview::Filter {
            status: self.status,
            from: super::instant("from", self.from.as_deref(), Bound::Start)?,
            to: super::instant("to", self.to.as_deref(), Bound::End)?,
            accreditation_id: self.accreditation_id.map(AccreditationId),
            ..Default::default()
        })
    }
}

/// List interviews, newest first.
#[utoipa::path(
    tag = "interviews", security(("bearer" = [])), params(InterviewQuery),
    responses((status = 200, body = Page<InterviewView>, description = "A page of interviews"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/interviews")]
pub async fn list_interviews(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<InterviewQuery>,
) -> ApiResult<web::Json<Page<InterviewView>>> {
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::interview::Cursor>(q.cursor.as_deref())?;
    let filter = q.filter()?;
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::interview::list(conn, caller, &filter, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |i| (i.starts_at.naive_utc(), i.id.get()));
    Ok(web::Json(Page {
        items: items.into_iter().map(InterviewView::from).collect(),
        next_cursor,
    }))
}

/// Request an interview (Provincial Office, or Sở Ngoại vụ for foreign reporters).
#[utoipa::path(
    tag = "interviews", security(("bearer" = [])), request_body = InterviewInput,
    responses(
        (status = 201, body = InterviewView, description = "Requested; `Location` names it", headers(("ETag"), ("Location"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[post("/interviews")]
pub async fn create_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<InterviewInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let input = body.0;
    let interview = signed_in
        .write(&state.db, move |conn| {
            model::interview::create(conn, caller, input)
        })
        .await?;
    let location = format!("/api/v1/interviews/{}", interview.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        interview,
    ))
}

/// One interview.
#[utoipa::path(
    tag = "interviews", security(("bearer" = [])), params(("id" = i64, Path, description = "Interview id")),
    responses((status = 200, body = InterviewView, description = "The interview; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/interviews/{id}")]
pub async fn get_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<InterviewId>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let i = signed_in
        .read(&state.db, move |conn| {
            model::interview::visible(conn, caller, id)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), i))
}

/// Change an interview while it is requested or approved.
#[utoipa::path(
    tag = "interviews", security(("bearer" = [])), request_body = InterviewPatch,
    params(("id" = i64, Path, description = "Interview id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = InterviewView, description = "The changed interview", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/interviews/{id}")]
pub async fn update_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<InterviewId>,
    if_match: IfMatch,
    body: ValidJson<InterviewPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let patch = body.0;
    let interview = signed_in
        .write(&state.db, move |conn| {
            model::interview::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), interview))
}

/// Approve (Provincial Office), complete or cancel an interview.
#[utoipa::path(
    tag = "interviews", security(("bearer" = [])), request_body = super::ActionRequest<InterviewAction>,
    params(("id" = i64, Path, description = "Interview id")),
    responses(
        (status = 200, body = InterviewView, description = "The interview in its new state", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/interviews/{id}/transitions")]
pub async fn transition_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<InterviewId>,
    body: ValidJson<super::ActionRequest<InterviewAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let req = body.0;
    let note = trimmed(req.note);
    let interview = signed_in
        .write(&state.db, move |conn| {
            model::interview::transition(conn, caller, id, req.action, note)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), interview))
}
