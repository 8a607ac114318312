//! `/api/v1/unit-reports`: a unit's half-year or annual report (its own
//! sections and its workflow), and `/api/v1/reports/overview`, the
//! compiling unit's view of who has reported.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::AppState;
use crate::domain::ids::{UnitId, UnitReportId, UserId};
use crate::domain::pagination::page;
use crate::domain::report::Period;
use crate::domain::report::workflow::{ReportAction, ReportStatus, UnitReport};
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
pub use crate::model::report::unit_report::{
    CreateUnitReport, Overview, OverviewRow, UnitReportPatch,
};
use crate::routes::{ActionRequest, Page, trimmed};

/// A unit's report as the API shows it (the figures of its period are
/// worked out from the records, not kept with it).
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitReportView {
    pub id: UnitReportId,
    pub unit_id: UnitId,
    pub period: Period,
    pub status: ReportStatus,
    /// Results of the period's foreign-information work.
    pub results: String,
    /// Difficulties and limits.
    pub difficulties: String,
    /// Proposals.
    pub proposals: String,
    /// Plan for the next period.
    pub plan: String,
    /// The compiling unit's note when it last returned the report.
    #[schema(required = true)]
    pub return_note: Option<String>,
    #[schema(required = true)]
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it was last submitted.
    #[schema(required = true)]
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i64,
}

impl From<UnitReport> for UnitReportView {
    fn from(r: UnitReport) -> Self {
        Self {
            id: r.id,
            unit_id: r.unit_id,
            period: r.period,
            status: r.status,
            results: r.sections.results,
            difficulties: r.sections.difficulties,
            proposals: r.sections.proposals,
            plan: r.sections.plan,
            return_note: r.return_note,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            version: r.version,
        }
    }
}

fn answer(mut builder: actix_web::HttpResponseBuilder, r: UnitReport) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(r.version)))
        .json(UnitReportView::from(r))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitReportQuery {
    /// Only this period's reports: `2026-h1` (half-year) or `2026` (year).
    #[param(value_type = Option<String>, min_length = 4, max_length = 7, pattern = "^[0-9]{4}(-[hH]1)?$")]
    pub period: Option<Period>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List the units' reports the caller sees, newest first: every unit's for
/// the compiling unit and the administrator, its own unit's for the rest.
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), params(UnitReportQuery),
    responses((status = 200, body = Page<UnitReportView>, description = "A page of unit reports"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/unit-reports")]
pub async fn list_unit_reports(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<UnitReportQuery>,
) -> ApiResult<web::Json<Page<UnitReportView>>> {
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::super::limit(q.limit)?;
    let after = super::super::cursor::<i64>(q.cursor.as_deref())?;
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::report::unit_report::list(conn, caller, q.period, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |r| r.id.get());
    Ok(web::Json(Page {
        items: items.into_iter().map(UnitReportView::from).collect(),
        next_cursor,
    }))
}

/// Begin a unit's report for a period, as a draft (a member of the unit,
/// or the administrator naming the unit). 409 when the unit has one.
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), request_body = CreateUnitReport,
    responses(
        (status = 201, body = UnitReportView, description = "Begun; `Location` names it", headers(("ETag"), ("Location"))),
        UnauthorizedProblem, ForbiddenProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/unit-reports")]
pub async fn create_unit_report(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<CreateUnitReport>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let input = body.0;
    let r = signed_in
        .write(&state.db, move |conn| {
            model::report::unit_report::create(conn, caller, input)
        })
        .await?;
    let location = format!("/api/v1/unit-reports/{}", r.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        r,
    ))
}

/// One unit's report.
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), params(("id" = i64, Path, description = "Unit report id")),
    responses((status = 200, body = UnitReportView, description = "The report; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/unit-reports/{id}")]
pub async fn get_unit_report(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitReportId>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let r = signed_in
        .read(&state.db, move |conn| {
            model::report::unit_report::visible(conn, caller, id)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), r))
}

/// Write a unit report's sections while it is a draft or returned (its unit).
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), request_body = UnitReportPatch,
    params(("id" = i64, Path, description = "Unit report id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = UnitReportView, description = "The changed report", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/unit-reports/{id}")]
pub async fn update_unit_report(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitReportId>,
    if_match: IfMatch,
    body: ValidJson<UnitReportPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let patch = body.0;
    let r = signed_in
        .write(&state.db, move |conn| {
            model::report::unit_report::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), r))
}

/// Submit (the unit), return with a note or accept (the compiling unit) a
/// unit report. 409 names the current state and the states the action is
/// open from.
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), request_body = ActionRequest<ReportAction>,
    params(("id" = i64, Path, description = "Unit report id")),
    responses(
        (status = 200, body = UnitReportView, description = "The report in its new state", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/unit-reports/{id}/transitions")]
pub async fn transition_unit_report(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitReportId>,
    body: ValidJson<ActionRequest<ReportAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let req = body.0;
    let note = trimmed(req.note);
    let r = signed_in
        .write(&state.db, move |conn| {
            model::report::unit_report::transition(conn, caller, id, req.action, note)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), r))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    /// `2026-h1` (the half-year ending 14/6/2026) or `2026` (the year).
    #[param(value_type = String, min_length = 4, max_length = 7, pattern = "^[0-9]{4}(-[hH]1)?$")]
    pub period: Period,
}

/// Who has and has not reported for a period, and who is late (the
/// compiling unit and the administrator).
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), params(OverviewQuery),
    responses((status = 200, body = Overview, description = "Every unit that reports, by name"), UnauthorizedProblem, ForbiddenProblem, InvalidProblem)
)]
#[get("/reports/overview")]
pub async fn get_reports_overview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<OverviewQuery>,
) -> ApiResult<web::Json<Overview>> {
    let caller = signed_in.caller();
    let period = query.0.period;
    let overview = signed_in
        .read(&state.db, move |conn| {
            model::report::unit_report::overview(conn, caller, period, province_today())
        })
        .await?;
    Ok(web::Json(overview))
}
