//! `GET /api/v1/reports/figures`: the figures of a report period, for the
//! province or one unit, each beside the same period a year before.

use actix_web::{get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use crate::AppState;
use crate::domain::ids::UnitId;
use crate::domain::report::Period;
use crate::domain::report::figures::ReportFigures;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidQuery;
use crate::model;

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// `2026-h1` (the half-year ending 14/6/2026) or `2026` (the year
    /// ending 14/12/2026), under the province's report settings.
    pub period: Period,
    /// One unit's figures (its delegations, and the interviews it
    /// organised); the province's without it. A host unit gets its own.
    #[param(value_type = Option<i64>)]
    pub unit_id: Option<UnitId>,
}

/// The figures of a period, counted from the records as they stood at the
/// period's cut-off (a change after it does not move them): delegations
/// in and out by status, country and unit, their members by nationality,
/// post-trip reports on time, late or missing, security reviews done and
/// with concerns (never the notes); for roles that see the press side,
/// leaders' interviews and, for the province, foreign reporters,
/// accreditations, press activities and press conferences by quarter.
/// The province's for every role but a host unit (and for the compiling
/// unit); a host unit sees its own unit's only (403 otherwise).
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), params(FiguresQuery),
    responses(
        (status = 200, body = ReportFigures, description = "The period's figures beside the year before's"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/reports/figures")]
pub async fn get_report_figures(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<FiguresQuery>,
) -> ApiResult<web::Json<ReportFigures>> {
    let caller = signed_in.caller();
    let FiguresQuery { period, unit_id } = query.0;
    let figures = signed_in
        .read(&state.db, move |conn| {
            model::report::figures::of_period(conn, caller, period, unit_id)
        })
        .await?;
    Ok(web::Json(figures))
}
