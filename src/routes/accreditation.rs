//! `/api/v1/accreditations`: foreign reporters' press programmes in the
//! province, their workflow, security review and activities.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use super::review::{PutReview, ReviewView};
use super::trimmed;
use crate::AppState;
use crate::db::{self};
use crate::domain::ids::{AccreditationId, ReporterId, UserId};
use crate::domain::pagination::page;
use crate::domain::press::{Accreditation, AccreditationAction, AccreditationStatus as S};
use crate::domain::role::Caller;
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
pub use crate::model::accreditation::{AccreditationInput, AccreditationPatch};

mod activities;
pub use activities::*;

/// An accreditation as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccreditationView {
    pub id: AccreditationId,
    /// `PV-2026-0007`.
    pub reference: String,
    pub reporter_ids: Vec<ReporterId>,
    pub topics: String,
    /// Where its activities may take place (none listed: anywhere).
    pub permitted_places: Vec<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The number of the ministry's or press centre's referring letter.
    pub referral_number: String,
    pub referral_date: NaiveDate,
    #[schema(required = true)]
    pub escort_officer: Option<String>,
    pub status: S,
    /// The note of the last revocation, rejection or cancellation.
    #[schema(required = true)]
    pub status_note: Option<String>,
    pub security_review: ReviewView,
    #[schema(required = true)]
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl AccreditationView {
    pub fn new(a: Accreditation, caller: Caller) -> Self {
        let outdated = a.review_outdated();
        Self {
            id: a.id,
            reference: a.reference,
            reporter_ids: a.reporter_ids,
            topics: a.topics,
            permitted_places: a.permitted_places,
            start_date: a.start_date,
            end_date: a.end_date,
            referral_number: a.referral_number,
            referral_date: a.referral_date,
            escort_officer: a.escort_officer,
            status: a.status,
            status_note: a.status_note,
            security_review: ReviewView::new(a.review, outdated, caller.role),
            created_by: a.created_by,
            version: a.version,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

fn answer(
    mut builder: actix_web::HttpResponseBuilder,
    a: Accreditation,
    caller: Caller,
) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(a.version)))
        .json(AccreditationView::new(a, caller))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccreditationQuery {
    pub status: Option<S>,
    /// Accreditations still running on or after this date.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Accreditations begun on or before this date.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    pub reporter_id: Option<i64>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List accreditations, newest first by start date.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), params(AccreditationQuery),
    responses((status = 200, body = Page<AccreditationView>, description = "A page of accreditations"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/accreditations")]
pub async fn list_accreditations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<AccreditationQuery>,
) -> ApiResult<web::Json<Page<AccreditationView>>> {
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::accreditation::Cursor>(q.cursor.as_deref())?;
    let filter = q.filter()?;
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::accreditation::list(conn, caller, &filter, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |a| (a.start_date, a.id.get()));
    Ok(web::Json(Page {
        items: items
            .into_iter()
            .map(|a| AccreditationView::new(a, caller))
            .collect(),
        next_cursor,
    }))
}

impl AccreditationQuery {
    /// The filter it asks for (the list and its export read the same), or
    /// 422 naming the parameter at fault.
    pub(crate) fn filter(&self) -> ApiResult<db::accreditation::Filter> {
        Ok(db::accreditation::Filter {
            status: self.status,
            from: super::day("from", self.from.as_deref(), Bound::Start)?,
            to: super::day("to", self.to.as_deref(), Bound::End)?,
            reporter_id: self.reporter_id.map(ReporterId),
            ..Default::default()
        })
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoveringQuery {
    /// The day, `YYYY-MM-DD` (required).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64, example = "2026-12-02")]
    pub date: Option<String>,
    /// Only accreditations naming this reporter.
    pub reporter_id: Option<i64>,
}

/// The approved accreditations that cover a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoveringList {
    pub items: Vec<AccreditationView>,
}

/// The approved accreditations covering a day (and naming a reporter): those
/// an interview or a foreign attendee on that day may rely on.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), params(CoveringQuery),
    responses((status = 200, body = CoveringList, description = "The accreditations covering the day, by reference"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/accreditations/covering")]
pub async fn covering_accreditations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<CoveringQuery>,
) -> ApiResult<web::Json<CoveringList>> {
    let caller = signed_in.caller();
    let q = query.0;
    let date = q
        .date
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| ApiError::invalid("date", "must not be empty"))?;
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::invalid("date", "must be a date (YYYY-MM-DD)"))?;
    let reporters: Vec<ReporterId> = q.reporter_id.map(ReporterId).into_iter().collect();
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::accreditation::covering(conn, caller, day, &reporters)
        })
        .await?;
    Ok(web::Json(CoveringList {
        items: rows
            .into_iter()
            .map(|a| AccreditationView::new(a, caller))
            .collect(),
    }))
}

/// Register an accreditation (Sở Ngoại vụ); it starts as a draft.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = AccreditationInput,
    responses(
        (status = 201, body = AccreditationView, description = "Registered; `Location` names it", headers(("ETag"), ("Location"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[post("/accreditations")]
pub async fn create_accreditation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<AccreditationInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let input = body.0;
    let a = signed_in
        .write(&state.db, move |conn| {
            model::accreditation::create(conn, caller, input)
        })
        .await?;
    let location = format!("/api/v1/accreditations/{}", a.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        a,
        caller,
    ))
}

/// One accreditation.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), params(("id" = i64, Path, description = "Accreditation id")),
    responses((status = 200, body = AccreditationView, description = "The accreditation; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/accreditations/{id}")]
pub async fn get_accreditation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let a = signed_in
        .read(&state.db, move |conn| {
            model::accreditation::visible(conn, caller, id)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), a, caller))
}

/// Change an accreditation while it is a draft or submitted (Sở Ngoại vụ).
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = AccreditationPatch,
    params(("id" = i64, Path, description = "Accreditation id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = AccreditationView, description = "The changed accreditation", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/accreditations/{id}")]
pub async fn update_accreditation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
    if_match: IfMatch,
    body: ValidJson<AccreditationPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let patch = body.0;
    let a = signed_in
        .write(&state.db, move |conn| {
            model::accreditation::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), a, caller))
}

/// Take a workflow action: submit, approve (needs a `cleared` review),
/// reject, revoke (Sở Ngoại vụ or the police, with a note; flags the
/// interviews it covered), complete, cancel.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = super::ActionRequest<AccreditationAction>,
    params(("id" = i64, Path, description = "Accreditation id")),
    responses(
        (status = 200, body = AccreditationView, description = "The accreditation in its new state", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/accreditations/{id}/transitions")]
pub async fn transition_accreditation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
    body: ValidJson<super::ActionRequest<AccreditationAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let req = body.0;
    let note = trimmed(req.note);
    let a = signed_in
        .write(&state.db, move |conn| {
            model::accreditation::transition(conn, caller, id, req.action, note)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), a, caller))
}

/// Record the police's security review of an accreditation.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = PutReview,
    params(("id" = i64, Path, description = "Accreditation id")),
    responses(
        (status = 200, body = AccreditationView, description = "The accreditation with its new review", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[put("/accreditations/{id}/security-review")]
pub async fn review_accreditation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
    body: ValidJson<PutReview>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let req = body.0;
    let review = req.review(signed_in.id());
    let a = signed_in
        .write(&state.db, move |conn| {
            model::accreditation::review(conn, caller, id, &review)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), a, caller))
}
