//! `/api/v1/delegations`: incoming and outgoing delegations.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use super::review::ReviewView;
use crate::AppState;
use crate::db::{self};
use crate::domain::delegation::{Delegation, DelegationStatus, Direction, Recommendation};
use crate::domain::ids::{DelegationId, UnitId, UserId};
use crate::domain::pagination::page;
use crate::domain::role::Caller;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
pub use crate::model::delegation::{CreateDelegation, UpdateDelegation};

#[derive(Debug, Serialize, ToSchema)]
pub struct AppraisalView {
    pub recommendation: Recommendation,
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionView {
    pub number: String,
    pub date: NaiveDate,
    #[schema(required = true)]
    pub decided_by: Option<UserId>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub text: String,
    pub submitted_at: DateTime<Utc>,
}

/// A delegation as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationView {
    pub id: DelegationId,
    /// `DV-2026-0012` (incoming) or `DR-2026-0003` (outgoing).
    pub reference: String,
    pub direction: Direction,
    pub title: String,
    pub purpose: String,
    pub partner_organization: String,
    /// ISO 3166-1 alpha-2 codes.
    #[schema(value_type = Vec<crate::domain::text::CountryCode>)]
    pub countries: Vec<String>,
    pub host_unit_id: UnitId,
    pub head_of_delegation: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: DelegationStatus,
    pub security_review: ReviewView,
    #[schema(required = true)]
    pub appraisal: Option<AppraisalView>,
    #[schema(required = true)]
    pub decision: Option<DecisionView>,
    /// Why Sở Ngoại vụ returned it, while it waits as a draft.
    #[schema(required = true)]
    pub returned_note: Option<String>,
    #[schema(required = true)]
    pub report: Option<ReportView>,
    /// When the post-trip report is due: the province's setting (15
    /// calendar days after the end by default, a last day off moving to
    /// the next working day; or working days), on its working calendar.
    pub report_due_date: NaiveDate,
    /// Its due dates (police review before an incoming visit, the report
    /// once approved), each met, late, overdue or pending.
    pub deadlines: Vec<crate::domain::deadlines::Deadline>,
    #[schema(required = true)]
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl DelegationView {
    pub fn new(d: Delegation, caller: Caller, rules: &crate::domain::deadlines::Rules<'_>) -> Self {
        let outdated = d.review_outdated();
        let report_due_date = rules.report_due(d.end_date);
        let deadlines =
            crate::domain::deadlines::delegation(rules, &model::deadlines::delegation_facts(&d));
        Self {
            id: d.id,
            reference: d.reference,
            direction: d.direction,
            title: d.title,
            purpose: d.purpose,
            partner_organization: d.partner_organization,
            countries: d.countries,
            host_unit_id: d.host_unit_id,
            head_of_delegation: d.head_of_delegation,
            start_date: d.start_date,
            end_date: d.end_date,
            status: d.status,
            security_review: ReviewView::new(d.review, outdated, caller.role),
            appraisal: d.appraisal.map(|(recommendation, note)| AppraisalView {
                recommendation,
                note,
            }),
            decision: d.decision.map(|x| DecisionView {
                number: x.number,
                date: x.date,
                decided_by: x.by,
            }),
            returned_note: d.returned_note,
            report: d
                .report
                .map(|(text, submitted_at)| ReportView { text, submitted_at }),
            report_due_date,
            deadlines,
            created_by: d.created_by,
            version: d.version,
            created_at: d.created_at,
            updated_at: d.updated_at,
        }
    }
}

/// The answer for one delegation after a change: [`answer_on`] the
/// province's calendar as it is now.
pub(crate) async fn answer(
    state: &AppState,
    builder: actix_web::HttpResponseBuilder,
    d: Delegation,
    caller: Caller,
) -> ApiResult<HttpResponse> {
    let kept = std::sync::Arc::clone(&state.kept_reads);
    let calendar = state.db.read(move |conn| kept.now().calendar(conn)).await?;
    Ok(answer_on(builder, d, caller, &calendar))
}

/// The answer for one delegation: its view with its version as ETag; its
/// due dates on `calendar`.
fn answer_on(
    mut builder: actix_web::HttpResponseBuilder,
    d: Delegation,
    caller: Caller,
    calendar: &model::settings::Calendar,
) -> HttpResponse {
    let rules = calendar.rules(crate::domain::time::province_today());
    builder
        .insert_header(header::ETag(etag(d.version)))
        .json(DelegationView::new(d, caller, &rules))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DelegationQuery {
    pub direction: Option<Direction>,
    pub status: Option<DelegationStatus>,
    /// Delegations still under way on or after this date (or RFC 3339 instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Delegations begun on or before this date (or RFC 3339 instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    /// Words to find in the title, partner, head of delegation, member names
    /// or reference, ignoring case and Vietnamese diacritics.
    #[validate(length(max = 200, message = "must be at most 200 characters"))]
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[validate(length(max = 2, message = "must be an ISO 3166-1 alpha-2 country code"))]
    #[param(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub country: Option<String>,
    pub host_unit_id: Option<i64>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

impl DelegationQuery {
    /// The filter it asks for (the list and its export read the same), or
    /// 422 naming the parameter at fault.
    pub(crate) fn filter(&self) -> ApiResult<db::delegation::Filter> {
        model::delegation::Search {
            direction: self.direction,
            status: self.status,
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            q: self.q.as_deref(),
            country: self.country.as_deref(),
            host_unit_id: self.host_unit_id,
        }
        .filter()
    }
}

/// List delegations the caller may see, soonest-starting last (newest first by start date).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(DelegationQuery),
    responses((status = 200, body = Page<DelegationView>, description = "A page of delegations"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/delegations")]
pub async fn list_delegations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<DelegationQuery>,
) -> ApiResult<web::Json<Page<DelegationView>>> {
    let q = query.0;
    let caller = signed_in.caller();
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::delegation::Cursor>(q.cursor.as_deref())?;
    let filter = q.filter()?;
    let (rows, calendar) = signed_in
        .read_dated(&state.db, move |conn| {
            model::delegation::list(conn, caller, filter, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |d| (d.start_date, d.id.get()));
    let rules = calendar.rules(crate::domain::time::province_today());
    Ok(web::Json(Page {
        items: items
            .into_iter()
            .map(|d| DelegationView::new(d, caller, &rules))
            .collect(),
        next_cursor,
    }))
}

/// Register a delegation (Sở Ngoại vụ for any unit; a host unit for its own). It starts as a draft.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = CreateDelegation,
    responses(
        (status = 201, body = DelegationView, description = "Registered; `Location` names it", headers(("ETag"), ("Location"))),
        UnauthorizedProblem, ForbiddenProblem, JsonBodyProblems
    )
)]
#[post("/delegations")]
pub async fn create_delegation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<CreateDelegation>,
) -> ApiResult<HttpResponse> {
    let input = body.0;
    let caller = signed_in.caller();
    let delegation = signed_in
        .write(&state.db, move |conn| {
            model::delegation::create(conn, caller, input)
        })
        .await?;
    let location = format!("/api/v1/delegations/{}", delegation.id);
    answer(
        &state,
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        delegation,
        caller,
    )
    .await
}

/// One delegation.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 200, body = DelegationView, description = "The delegation; `ETag` carries its version", headers(("ETag"))),
        UnauthorizedProblem, NotFoundProblem
    )
)]
#[get("/delegations/{id}")]
pub async fn get_delegation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let (d, calendar) = signed_in
        .read_dated(&state.db, move |conn| {
            model::delegation::visible(conn, caller, id)
        })
        .await?;
    Ok(answer_on(HttpResponse::Ok(), d, caller, &calendar))
}

/// Change a delegation: the host unit while it is a draft, Sở Ngoại vụ until it is approved.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = UpdateDelegation,
    params(("id" = i64, Path, description = "Delegation id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = DelegationView, description = "The changed delegation", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/delegations/{id}")]
pub async fn update_delegation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    if_match: IfMatch,
    body: ValidJson<UpdateDelegation>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let patch = body.0;
    let d = signed_in
        .write(&state.db, move |conn| {
            model::delegation::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    answer(&state, HttpResponse::Ok(), d, caller).await
}

/// Delete a draft delegation (with its members and itinerary).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 204, description = "Deleted"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem
    )
)]
#[delete("/delegations/{id}")]
pub async fn delete_delegation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    signed_in
        .write(&state.db, move |conn| {
            model::delegation::delete(conn, caller, id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
