//! The export routes of the API, one per list, each with the list's own
//! query parameters (see `super` for the design).

use actix_web::{HttpResponse, get, web};

use super::{Export, ExportQuery};
use crate::AppState;
use crate::domain::ids::DelegationId;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidQuery;
use crate::routes::accreditation::AccreditationQuery;
use crate::routes::audit::AuditQuery;
use crate::routes::conference::ConferenceQuery;
use crate::routes::delegation::DelegationQuery;
use crate::routes::interview::InterviewQuery;
use crate::routes::reporter::ReporterQuery;
use crate::routes::schedule::ScheduleQuery;

/// Reads `export` for the caller in one handoff, under the gate of big
/// answers, and answers the file.
async fn answer(
    state: &AppState,
    signed_in: &SignedIn,
    export: Export,
    asked: ExportQuery,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let stem = export.file_stem();
    let lang = asked.lang.unwrap_or_default();
    let table = state
        .limits
        .big_answer(signed_in.read(&state.db, move |conn| export.read(conn, caller, lang)))
        .await?;
    super::file(&table, asked.format.unwrap_or_default(), &stem)
}

const CSV: &str = "text/csv";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The delegations the list shows, every page, as CSV or .xlsx. Columns
/// (Vietnamese headings by default): reference, direction, title, partner,
/// countries, host unit, head of delegation, start, end, status, report due.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, DelegationQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, InvalidProblem
    )
)]
#[get("/exports/delegations")]
pub async fn export_delegations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<DelegationQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Delegations(query.0), asked.0).await
}

/// A delegation's members, as its member list shows them: personal data
/// (date of birth, passport, e-mail, phone) only for the roles that see it.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delegation id"), ExportQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/exports/delegations/{id}/members")]
pub async fn export_members(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    asked: ValidQuery<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let export = Export::Members(id.into_inner());
    answer(&state, &signed_in, export, asked.0).await
}

/// The foreign reporters the list shows: number, name, nationality, outlet,
/// its country, position, press card; passport, e-mail and phone only for
/// the roles that see personal data.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, ReporterQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/exports/reporters")]
pub async fn export_reporters(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<ReporterQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Reporters(query.0), asked.0).await
}

/// The accreditations the list shows: reference, number of reporters,
/// topics, places, dates, referral, escort officer, status.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, AccreditationQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/exports/accreditations")]
pub async fn export_accreditations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<AccreditationQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Accreditations(query.0), asked.0).await
}

/// The interviews the list shows, times in each interview's own zone.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, InterviewQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/exports/interviews")]
pub async fn export_interviews(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<InterviewQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Interviews(query.0), asked.0).await
}

/// The press conferences the list shows, times in each one's own zone.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, ConferenceQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/exports/press-conferences")]
pub async fn export_conferences(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<ConferenceQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Conferences(query.0), asked.0).await
}

/// The schedule of a window (a week from today by default, at most 92
/// days), by start: kind, record, title, times in the entry's zone, place,
/// status, escort officer, foreigners, clashes.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, ScheduleQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, InvalidProblem
    )
)]
#[get("/exports/schedule")]
pub async fn export_schedule(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<ScheduleQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Schedule(query.0), asked.0).await
}

/// The audit trail the list shows (administrator and police), newest first,
/// with what the reader may not see already taken out.
#[utoipa::path(
    tag = "exports", security(("bearer" = [])), params(ExportQuery, AuditQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((String = CSV), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, ForbiddenProblem, InvalidProblem
    )
)]
#[get("/exports/audit")]
pub async fn export_audit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    asked: ValidQuery<ExportQuery>,
    query: ValidQuery<AuditQuery>,
) -> ApiResult<HttpResponse> {
    answer(&state, &signed_in, Export::Audit(query.0), asked.0).await
}
