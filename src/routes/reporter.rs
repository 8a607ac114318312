//! `/api/v1/reporters`: foreign journalists and crews (Sở Ngoại vụ writes).

use crate::domain::expiry::{TravelDocuments, VisaType};
use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use crate::AppState;
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId};
use crate::domain::pagination::page;
use crate::domain::press::{AccreditationStatus, InterviewStatus, Reporter};
use crate::domain::role::Caller;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
pub use crate::model::reporter::{ReporterInput, ReporterPatch};

/// A reporter as the API shows it; passport, e-mail and phone only for
/// roles that may see personal data.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReporterView {
    pub id: ReporterId,
    pub full_name: String,
    /// ISO 3166-1 alpha-2.
    #[schema(value_type = crate::domain::text::CountryCode)]
    pub nationality: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub passport_number: Option<Option<String>>,
    pub outlet: String,
    /// ISO 3166-1 alpha-2.
    #[schema(value_type = crate::domain::text::CountryCode)]
    pub outlet_country: String,
    /// reporter, camera, producer, …
    pub position: String,
    /// Issued by the Ministry of Foreign Affairs, where there is one.
    #[schema(required = true)]
    pub press_card_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    /// The passport's last day (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub passport_expiry: Option<Option<NaiveDate>>,
    /// `pv1`, `pv2` or `other` (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<VisaType>)]
    pub visa_type: Option<Option<VisaType>>,
    /// The visa's number (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub visa_number: Option<Option<String>>,
    /// The visa's last day (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub visa_end: Option<Option<NaiveDate>>,
    /// The press card's last day.
    #[schema(required = true)]
    pub press_card_end: Option<NaiveDate>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ReporterView {
    pub fn new(r: Reporter, caller: Caller) -> Self {
        let personal = caller.role.sees_personal_data();
        Self {
            id: r.id,
            full_name: r.full_name,
            nationality: r.nationality,
            passport_number: personal.then_some(r.passport_number),
            outlet: r.outlet,
            outlet_country: r.outlet_country,
            position: r.position,
            press_card_number: r.press_card_number,
            email: personal.then_some(r.email),
            phone: personal.then_some(r.phone),
            passport_expiry: None,
            visa_type: None,
            visa_number: None,
            visa_end: None,
            press_card_end: None,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

impl ReporterView {
    /// The view with the reporter's travel documents: the press card's end
    /// for every reader of the press side, the passport's and visa's only
    /// for roles that see personal data.
    pub fn with_documents(mut self, docs: TravelDocuments, caller: Caller) -> Self {
        self.press_card_end = docs.press_card_end;
        if caller.role.sees_personal_data() {
            self.passport_expiry = Some(docs.passport_expiry);
            self.visa_type = Some(docs.visa_type);
            self.visa_number = Some(docs.visa_number);
            self.visa_end = Some(docs.visa_end);
        }
        self
    }
}

/// An accreditation or interview a reporter appears in.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReporterAccreditation {
    pub id: AccreditationId,
    pub reference: String,
    pub status: AccreditationStatus,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReporterInterview {
    pub id: InterviewId,
    pub reference: String,
    pub status: InterviewStatus,
    pub interviewee_name: String,
    pub starts_at: DateTime<Utc>,
}

/// A reporter's page: the reporter, its accreditations and its interviews.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReporterDetail {
    #[serde(flatten)]
    pub reporter: ReporterView,
    pub accreditations: Vec<ReporterAccreditation>,
    pub interviews: Vec<ReporterInterview>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReporterQuery {
    /// Words in the name, outlet or press card number, ignoring case and diacritics.
    #[validate(length(max = 200, message = "must be at most 200 characters"))]
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[validate(length(max = 2, message = "must be an ISO 3166-1 alpha-2 country code"))]
    #[param(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub nationality: Option<String>,
    #[validate(length(max = 2, message = "must be an ISO 3166-1 alpha-2 country code"))]
    #[param(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub outlet_country: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List reporters.
#[utoipa::path(
    tag = "reporters", security(("bearer" = [])), params(ReporterQuery),
    responses((status = 200, body = Page<ReporterView>, description = "A page of reporters"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/reporters")]
pub async fn list_reporters(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<ReporterQuery>,
) -> ApiResult<web::Json<Page<ReporterView>>> {
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<(i64,)>(q.cursor.as_deref())?.map(|(id,)| id);
    let filter = model::reporter::filter(
        q.q.as_deref(),
        q.nationality.as_deref(),
        q.outlet_country.as_deref(),
    )?;
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::reporter::list(conn, caller, &filter, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |r| (r.id.get(),));
    Ok(web::Json(Page {
        items: items
            .into_iter()
            .map(|r| ReporterView::new(r, caller))
            .collect(),
        next_cursor,
    }))
}

/// Register a foreign reporter (Sở Ngoại vụ).
#[utoipa::path(
    tag = "reporters", security(("bearer" = [])), request_body = ReporterInput,
    responses(
        (status = 201, body = ReporterView, description = "Registered; `Location` names it", headers(("ETag"), ("Location"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[post("/reporters")]
pub async fn create_reporter(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<ReporterInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let input = body.0;
    let docs = input.documents();
    let reporter = signed_in
        .write(&state.db, move |conn| {
            model::reporter::create(conn, caller, input)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/reporters/{}", reporter.id),
        ))
        .insert_header(header::ETag(etag(reporter.version)))
        .json(ReporterView::new(reporter, caller).with_documents(docs, caller)))
}

/// A reporter's page: the reporter, its accreditations and its interviews.
#[utoipa::path(
    tag = "reporters", security(("bearer" = [])), params(("id" = i64, Path, description = "Reporter id")),
    responses((status = 200, body = ReporterDetail, description = "The reporter; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/reporters/{id}")]
pub async fn get_reporter(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<ReporterId>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let ((reporter, accreditations, interviews), docs) = signed_in
        .read(&state.db, move |conn| {
            let page = model::reporter::page(conn, caller, id)?;
            Ok((page, model::reporter::documents(conn, caller, id)?))
        })
        .await?;
    let version = reporter.version;
    let page = ReporterDetail {
        reporter: ReporterView::new(reporter, caller).with_documents(docs, caller),
        accreditations: accreditations
            .into_iter()
            .map(|a| ReporterAccreditation {
                id: a.id,
                reference: a.reference,
                status: a.status,
                start_date: a.start_date,
                end_date: a.end_date,
            })
            .collect(),
        interviews: interviews
            .into_iter()
            .map(|i| ReporterInterview {
                id: i.id,
                reference: i.reference,
                status: i.status,
                interviewee_name: i.interviewee_name,
                starts_at: i.starts_at,
            })
            .collect(),
    };
    Ok(HttpResponse::Ok()
        .insert_header(header::ETag(etag(version)))
        .json(page))
}

/// Change a reporter (Sở Ngoại vụ).
#[utoipa::path(
    tag = "reporters", security(("bearer" = [])), request_body = ReporterPatch,
    params(("id" = i64, Path, description = "Reporter id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = ReporterView, description = "The changed reporter", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/reporters/{id}")]
pub async fn update_reporter(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<ReporterId>,
    if_match: IfMatch,
    body: ValidJson<ReporterPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let patch = body.0;
    let reporter = signed_in
        .write(&state.db, move |conn| {
            model::reporter::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    let docs = signed_in
        .read(&state.db, move |conn| {
            model::reporter::documents(conn, caller, id)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(header::ETag(etag(reporter.version)))
        .json(ReporterView::new(reporter, caller).with_documents(docs, caller)))
}
