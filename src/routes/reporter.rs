//! `/api/v1/reporters`: foreign journalists and crews (Sở Ngoại vụ writes).

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{Page, check_country, check_passport, not_blank, trimmed};
use crate::AppState;
use crate::db::reporter::ReporterFields;
use crate::db::{self, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId};
use crate::domain::pagination::page;
use crate::domain::press::{self, AccreditationStatus, InterviewStatus, Reporter};
use crate::domain::role::Caller;
use crate::domain::text::{CountryCode, fold, parse_passport};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};

/// 404 for those who do not see the press side (host units), as if it did not exist.
pub(crate) fn require_press(caller: Caller) -> ApiResult<()> {
    if press::visible_to(caller.role) {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// 403 unless the caller writes the accreditation side (Sở Ngoại vụ).
pub(crate) fn require_foreign_affairs(caller: Caller, what: &str) -> ApiResult<()> {
    caller
        .require(press::writes_accreditations(caller.role), what)
        .map_err(ApiError::forbidden)
}

/// A reporter as the API shows it; passport, e-mail and phone only for
/// roles that may see personal data.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReporterView {
    pub id: ReporterId,
    pub full_name: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub passport_number: Option<Option<String>>,
    pub outlet: String,
    /// ISO 3166-1 alpha-2.
    pub outlet_country: String,
    /// reporter, camera, producer, …
    pub position: String,
    /// Issued by the Ministry of Foreign Affairs, where there is one.
    pub press_card_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
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
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
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
pub struct ReporterPage {
    #[serde(flatten)]
    pub reporter: ReporterView,
    pub accreditations: Vec<ReporterAccreditation>,
    pub interviews: Vec<ReporterInterview>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReporterInput {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "Yamada Hanako")]
    pub full_name: String,
    #[validate(custom(function = "check_country"))]
    #[schema(
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$",
        example = "JP"
    )]
    pub nationality: String,
    #[validate(custom(function = "check_passport"))]
    #[schema(max_length = 30)]
    pub passport_number: Option<String>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "NHK")]
    pub outlet: String,
    #[validate(custom(function = "check_country"))]
    #[schema(
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$",
        example = "JP"
    )]
    pub outlet_country: String,
    #[validate(length(max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, example = "reporter")]
    pub position: String,
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub press_card_number: Option<String>,
    #[validate(email, length(max = 200))]
    #[schema(max_length = 200, format = Email)]
    pub email: Option<String>,
    #[validate(length(max = 40))]
    #[schema(max_length = 40)]
    pub phone: Option<String>,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReporterPatch {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: Option<String>,
    #[validate(custom(function = "check_country"))]
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub nationality: Option<String>,
    #[validate(custom(function = "check_passport"))]
    #[schema(max_length = 30)]
    pub passport_number: Option<String>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub outlet: Option<String>,
    #[validate(custom(function = "check_country"))]
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub outlet_country: Option<String>,
    #[validate(length(max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100)]
    pub position: Option<String>,
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub press_card_number: Option<String>,
    #[validate(email, length(max = 200))]
    #[schema(max_length = 200, format = Email)]
    pub email: Option<String>,
    #[validate(length(max = 40))]
    #[schema(max_length = 40)]
    pub phone: Option<String>,
}

fn code(raw: &str, field: &str) -> ApiResult<String> {
    CountryCode::parse(raw)
        .map(|c| c.as_str().to_owned())
        .map_err(|m| ApiError::invalid(field, m))
}

impl ReporterInput {
    fn fields(self) -> ApiResult<ReporterFields> {
        Ok(ReporterFields {
            full_name: self.full_name.trim().to_owned(),
            nationality: code(&self.nationality, "nationality")?,
            passport_number: trimmed(self.passport_number)
                .map(|p| parse_passport(&p).map_err(|m| ApiError::invalid("passport_number", m)))
                .transpose()?,
            outlet: self.outlet.trim().to_owned(),
            outlet_country: code(&self.outlet_country, "outlet_country")?,
            position: self.position.trim().to_owned(),
            press_card_number: trimmed(self.press_card_number),
            email: trimmed(self.email),
            phone: trimmed(self.phone),
            search_text: String::new(),
        }
        .with_search())
    }
}

/// What changed in a reporter, for the audit trail.
fn diff(old: &ReporterFields, new: &ReporterFields) -> Changes {
    Changes::new()
        .diff("full_name", &old.full_name, &new.full_name)
        .diff("nationality", &old.nationality, &new.nationality)
        .diff(
            "passport_number",
            &old.passport_number,
            &new.passport_number,
        )
        .diff("outlet", &old.outlet, &new.outlet)
        .diff("outlet_country", &old.outlet_country, &new.outlet_country)
        .diff("position", &old.position, &new.position)
        .diff(
            "press_card_number",
            &old.press_card_number,
            &new.press_card_number,
        )
        .diff("email", &old.email, &new.email)
        .diff("phone", &old.phone, &new.phone)
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
    tag = "press", security(("bearer" = [])), params(ReporterQuery),
    responses((status = 200, body = Page<ReporterView>, description = "A page of reporters"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/reporters")]
pub async fn list_reporters(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<ReporterQuery>,
) -> ApiResult<web::Json<Page<ReporterView>>> {
    let caller = signed_in.caller();
    require_press(caller)?;
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<(i64,)>(q.cursor.as_deref())?.map(|(id,)| id);
    let filter = db::reporter::Filter {
        words: q
            .q
            .as_deref()
            .map(fold)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        nationality: q
            .nationality
            .as_deref()
            .map(|c| code(c, "nationality"))
            .transpose()?,
        outlet_country: q
            .outlet_country
            .as_deref()
            .map(|c| code(c, "outlet_country"))
            .transpose()?,
    };
    let rows = state
        .db
        .read(move |conn| db::reporter::list(conn, &filter, after, limit))
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
    tag = "press", security(("bearer" = [])), request_body = ReporterInput,
    responses(
        (status = 201, body = ReporterView, description = "Registered; `Location` names it"),
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
    require_press(caller)?;
    require_foreign_affairs(signed_in.caller(), "register reporters")?;
    let fields = body.0.fields()?;
    let reporter = state
        .db
        .write(signed_in.actor(), move |conn| {
            let (reporter, entry) = crate::model::reporter::create_reporter(conn, &fields)?;
            Ok(Audited::new(reporter, entry))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/reporters/{}", reporter.id),
        ))
        .insert_header(header::ETag(etag(reporter.version)))
        .json(ReporterView::new(reporter, caller)))
}

/// A reporter's page: the reporter, its accreditations and its interviews.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), params(("id" = i64, Path, description = "Reporter id")),
    responses((status = 200, body = ReporterPage, description = "The reporter; `ETag` carries its version"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/reporters/{id}")]
pub async fn get_reporter(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    require_press(caller)?;
    let id = ReporterId(id.into_inner());
    let (reporter, accreditations, interviews) = state
        .db
        .read(move |conn| {
            let reporter = db::reporter::find(conn, id)?.ok_or(ApiError::NotFound)?;
            let filter = db::accreditation::Filter {
                reporter_id: Some(id),
                ..Default::default()
            };
            let max =
                crate::domain::pagination::Limit::parse(Some(500)).map_err(ApiError::internal)?;
            let accreditations = db::accreditation::list(conn, &filter, None, max)?;
            let interviews = db::interview::for_reporter(conn, id)?;
            Ok((reporter, accreditations, interviews))
        })
        .await?;
    let version = reporter.version;
    let page = ReporterPage {
        reporter: ReporterView::new(reporter, caller),
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
    tag = "press", security(("bearer" = [])), request_body = ReporterPatch,
    params(("id" = i64, Path, description = "Reporter id"), ("If-Match" = Option<String>, Header, description = "The ETag last read", max_length = 64)),
    responses(
        (status = 200, body = ReporterView, description = "The changed reporter"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/reporters/{id}")]
pub async fn update_reporter(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    if_match: IfMatch,
    body: ValidJson<ReporterPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    require_press(caller)?;
    require_foreign_affairs(signed_in.caller(), "change reporters")?;
    let id = ReporterId(id.into_inner());
    let p = body.0;
    let reporter = state
        .db
        .write(signed_in.actor(), move |conn| {
            // Locked first: a PATCH without If-Match waits for one in flight
            // instead of failing the version check in `update` with a 412.
            db::reporter::lock(conn, id)?;
            let current = db::reporter::find(conn, id)?.ok_or(ApiError::NotFound)?;
            db::check_version(if_match.0, current.version)?;
            let old = ReporterFields::from(&current);
            let input = ReporterInput {
                full_name: p.full_name.unwrap_or_else(|| old.full_name.clone()),
                nationality: p.nationality.unwrap_or_else(|| old.nationality.clone()),
                passport_number: p.passport_number.or_else(|| old.passport_number.clone()),
                outlet: p.outlet.unwrap_or_else(|| old.outlet.clone()),
                outlet_country: p
                    .outlet_country
                    .unwrap_or_else(|| old.outlet_country.clone()),
                position: p.position.unwrap_or_else(|| old.position.clone()),
                press_card_number: p
                    .press_card_number
                    .or_else(|| old.press_card_number.clone()),
                email: p.email.or_else(|| old.email.clone()),
                phone: p.phone.or_else(|| old.phone.clone()),
            };
            let fields = input.fields()?;
            let changes = diff(&old, &fields);
            if changes.is_empty() {
                return Ok(Audited::unchanged(current));
            }
            let reporter = db::reporter::update(conn, &current, &fields, db::now())?.ok_or(
                ApiError::PreconditionFailed {
                    current: current.version,
                },
            )?;
            Ok(Audited::new(
                reporter,
                AuditEvent::new("update", RecordKind::Reporter, id.get(), changes),
            ))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(header::ETag(etag(reporter.version)))
        .json(ReporterView::new(reporter, caller)))
}
