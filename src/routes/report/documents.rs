//! The reports as files an office files: a unit's report at
//! `GET /api/v1/unit-reports/{id}/document` and the province's compiled
//! report at `GET /api/v1/reports/province-document?period=…`, each as a
//! .docx laid out as Decree 30/2020 lays out a report, or as an .xlsx
//! holding every table of the report, one sheet each.
//!
//! One path per report with `format` rather than the sketch's
//! `document.docx` and `tables.xlsx`: the two files are the same report
//! (same reads, same visibility), so they are one route and one model call,
//! and the parameter is named as the exports name theirs.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::AppState;
use crate::domain::ids::UnitReportId;
use crate::domain::report::Period;
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::model;
use crate::model::report::document::ReportFile;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file a client asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    /// The report laid out as Decree 30/2020/NĐ-CP lays out a report.
    #[default]
    Docx,
    /// Every table of the report, one sheet each, headings frozen, numbers
    /// as numbers.
    Xlsx,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// `docx` (default) or `xlsx`.
    #[param(inline)]
    pub format: Option<DocumentFormat>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProvinceDocumentQuery {
    /// `2026-h1` (the half-year ending 14/6/2026) or `2026` (the year).
    #[param(value_type = String, min_length = 4, max_length = 7, pattern = "^[0-9]{4}(-[hH]1)?$")]
    pub period: Period,
    /// `docx` (default) or `xlsx`.
    #[param(inline)]
    pub format: Option<DocumentFormat>,
}

/// The report's bytes in `format`, its content type and its extension
/// (the API's routes and the console's downloads alike).
pub(crate) fn render(
    file: &ReportFile,
    format: DocumentFormat,
) -> ApiResult<(Vec<u8>, &'static str, &'static str)> {
    Ok(match format {
        DocumentFormat::Docx => (
            crate::documents::docx::write(&file.document).map_err(ApiError::internal)?,
            DOCX,
            "docx",
        ),
        DocumentFormat::Xlsx => (
            crate::documents::xlsx::workbook(&file.tables()).map_err(ApiError::internal)?,
            XLSX,
            "xlsx",
        ),
    })
}

/// The answer carrying the file to save, as the exports answer theirs.
pub(crate) fn answer(
    stem: &str,
    (bytes, content_type, extension): (Vec<u8>, &str, &str),
) -> HttpResponse {
    crate::routes::export::attachment(bytes, content_type, &format!("{stem}.{extension}"))
}

/// A unit's report as a .docx (the unit as issuer, its sections, its
/// figures' tables, each beside the same period a year before) or as an
/// .xlsx of those tables. Whoever may read the report (its unit, the
/// compiling unit, the administrator; 404 for anyone else), with the
/// figures as that caller sees them.
#[utoipa::path(
    tag = "reports", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Unit report id"), DocumentQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((crate::routes::BinaryFileDoc = DOCX), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, NotFoundProblem, InvalidProblem
    )
)]
#[get("/unit-reports/{id}/document")]
pub async fn unit_report_document(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitReportId>,
    query: crate::http::extract::ValidQuery<DocumentQuery>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let format = query.0.format.unwrap_or_default();
    let (stem, file) = state
        .limits
        .big_answer(signed_in.read(&state.db, move |conn| {
            let file = model::report::document::of_unit_report(conn, caller, id, province_today())?;
            Ok((file.stem.clone(), render(&file, format)?))
        }))
        .await?;
    Ok(answer(&stem, file))
}

/// The province's report of a period as the compiling unit compiles it: the
/// province's figures and the sections of every unit whose report was
/// accepted, under the unit's name; as a .docx, or an .xlsx of its tables.
/// The compiling unit and the administrator (403 for anyone else).
#[utoipa::path(
    tag = "reports", security(("bearer" = [])), params(ProvinceDocumentQuery),
    responses(
        (status = 200, description = "The file (`Content-Disposition: attachment`)", content((crate::routes::BinaryFileDoc = DOCX), (crate::routes::BinaryFileDoc = XLSX)), headers(("Cache-Control"))),
        UnauthorizedProblem, ForbiddenProblem, InvalidProblem
    )
)]
#[get("/reports/province-document")]
pub async fn province_report_document(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: crate::http::extract::ValidQuery<ProvinceDocumentQuery>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let ProvinceDocumentQuery { period, format } = query.0;
    let format = format.unwrap_or_default();
    let (stem, file) = state
        .limits
        .big_answer(signed_in.read(&state.db, move |conn| {
            let file =
                model::report::document::of_province(conn, caller, period, province_today())?;
            Ok((file.stem.clone(), render(&file, format)?))
        }))
        .await?;
    Ok(answer(&stem, file))
}
