//! `/api/v1/delegations`: incoming and outgoing delegations.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::review::ReviewView;
use super::{CountryCodeDoc, Page, check_date, not_blank};
use crate::AppState;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::delegation::{
    self as model, Delegation, DelegationStatus, Direction, EditVerdict, Recommendation,
};
use crate::domain::ids::{DelegationId, UnitId, UserId};
use crate::domain::pagination::page;
use crate::domain::role::Access;
use crate::domain::text::{CountryCode, fold};
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::Caller;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};

#[derive(Debug, Serialize, ToSchema)]
pub struct AppraisalView {
    pub recommendation: Recommendation,
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionView {
    pub number: String,
    pub date: NaiveDate,
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
    pub countries: Vec<String>,
    pub host_unit_id: UnitId,
    pub head_of_delegation: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: DelegationStatus,
    pub security_review: ReviewView,
    pub appraisal: Option<AppraisalView>,
    pub decision: Option<DecisionView>,
    /// Why Sở Ngoại vụ returned it, while it waits as a draft.
    pub returned_note: Option<String>,
    pub report: Option<ReportView>,
    /// The end date plus the configured number of days (15 by default).
    pub report_due_date: NaiveDate,
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl DelegationView {
    pub fn new(d: Delegation, access: Access, due_days: u32) -> Self {
        let outdated = d.review_outdated();
        let report_due_date = d.report_due(due_days);
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
            security_review: ReviewView::new(d.review, outdated, access.role),
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
            created_by: d.created_by,
            version: d.version,
            created_at: d.created_at,
            updated_at: d.updated_at,
        }
    }
}

/// The answer for one delegation: its view with its version as ETag.
pub(crate) fn answer(
    state: &AppState,
    mut builder: actix_web::HttpResponseBuilder,
    d: Delegation,
    access: Access,
) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(d.version)))
        .json(DelegationView::new(d, access, state.config.report_due_days))
}

/// The delegation `id` if `access` may see it; 404 otherwise, exactly as for
/// one that does not exist.
pub(crate) fn load_visible(
    conn: &mut AnyConnection,
    id: DelegationId,
    access: Access,
) -> ApiResult<Delegation> {
    db::delegation::find(conn, id)?
        .filter(|d| model::visible_to(d.host_unit_id, access.role, access.unit))
        .ok_or(ApiError::NotFound)
}

/// [`load_visible`] for a change: the row is locked first, so that the
/// change is decided on the delegation as the previous change left it.
pub(crate) fn load_for_change(
    conn: &mut AnyConnection,
    id: DelegationId,
    access: Access,
) -> ApiResult<Delegation> {
    db::delegation::lock(conn, id)?;
    load_visible(conn, id, access)
}

/// Turns an edit verdict into 403 / 409.
pub(crate) fn edit_allowed(verdict: EditVerdict, access: Access) -> ApiResult<()> {
    match verdict {
        EditVerdict::Allowed => Ok(()),
        EditVerdict::Forbidden => Err(ApiError::forbidden(format!(
            "the role `{}` may not change this delegation",
            access.role
        ))),
        EditVerdict::Locked(why) => Err(ApiError::conflict(why)),
    }
}

fn check_countries(codes: &[String]) -> Result<(), validator::ValidationError> {
    for code in codes {
        super::check_country(code)?;
    }
    Ok(())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDelegation {
    pub direction: Direction,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Đoàn doanh nghiệp tỉnh Shizuoka"
    )]
    pub title: String,
    #[validate(length(max = 5000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub purpose: String,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500)]
    pub partner_organization: String,
    /// ISO 3166-1 alpha-2: where the delegation comes from (incoming) or goes to (outgoing).
    #[validate(length(min = 1, max = 30), custom(function = "check_countries"))]
    #[schema(value_type = Vec<CountryCodeDoc>, min_items = 1, max_items = 30, example = json!(["JP"]))]
    pub countries: Vec<String>,
    /// Incoming: the unit that receives it; outgoing: the unit that sends it.
    pub host_unit_id: UnitId,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub head_of_delegation: String,
    #[validate(custom(function = "check_date"))]
    pub start_date: NaiveDate,
    #[validate(custom(function = "check_date"))]
    pub end_date: NaiveDate,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDelegation {
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[validate(length(max = 5000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub purpose: Option<String>,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500)]
    pub partner_organization: Option<String>,
    #[validate(length(min = 1, max = 30), custom(function = "check_countries"))]
    #[schema(value_type = Option<Vec<CountryCodeDoc>>, min_items = 1, max_items = 30)]
    pub countries: Option<Vec<String>>,
    pub host_unit_id: Option<UnitId>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub head_of_delegation: Option<String>,
    #[validate(custom(function = "check_date"))]
    pub start_date: Option<NaiveDate>,
    #[validate(custom(function = "check_date"))]
    pub end_date: Option<NaiveDate>,
}

fn countries(codes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in codes.iter().filter_map(|c| CountryCode::parse(c).ok()) {
        if !out.iter().any(|c| c == code.as_str()) {
            out.push(code.as_str().to_owned());
        }
    }
    out
}

fn check_span(start: NaiveDate, end: NaiveDate) -> ApiResult<()> {
    if end < start {
        return Err(ApiError::invalid(
            "end_date",
            "must not be before start_date",
        ));
    }
    Ok(())
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

/// List delegations the caller may see, soonest-starting last (newest first by start date).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(DelegationQuery),
    responses((status = 200, body = Page<DelegationView>, description = "A page of delegations"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/delegations")]
pub async fn list_delegations(
    state: web::Data<AppState>,
    caller: Caller,
    query: ValidQuery<DelegationQuery>,
) -> ApiResult<web::Json<Page<DelegationView>>> {
    let q = query.0;
    let access = caller.access();
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::delegation::Cursor>(q.cursor.as_deref())?;
    let country = q
        .country
        .as_deref()
        .map(|c| {
            CountryCode::parse(c)
                .map(|c| c.as_str().to_owned())
                .map_err(|m| ApiError::invalid("country", m))
        })
        .transpose()?;
    let filter = db::delegation::Filter {
        direction: q.direction,
        status: q.status,
        from: super::day("from", q.from.as_deref(), Bound::Start)?,
        to: super::day("to", q.to.as_deref(), Bound::End)?,
        words: q
            .q
            .as_deref()
            .map(fold)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        country,
        host_unit_id: q.host_unit_id.map(UnitId),
        only_unit: model::list_scope(access),
        statuses: Vec::new(),
    };
    let rows = state
        .db
        .read(move |conn| db::delegation::list(conn, &filter, after, limit))
        .await?;
    let (items, next_cursor) = page(rows, limit, |d| (d.start_date, d.id.get()));
    let days = state.config.report_due_days;
    Ok(web::Json(Page {
        items: items
            .into_iter()
            .map(|d| DelegationView::new(d, access, days))
            .collect(),
        next_cursor,
    }))
}

/// Register a delegation (Sở Ngoại vụ for any unit; a host unit for its own). It starts as a draft.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = CreateDelegation,
    responses(
        (status = 201, body = DelegationView, description = "Registered; `Location` names it"),
        UnauthorizedProblem, ForbiddenProblem, JsonBodyProblems
    )
)]
#[post("/delegations")]
pub async fn create_delegation(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreateDelegation>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let access = caller.access();
    caller.require(
        model::may_create(req.host_unit_id, access.role, access.unit),
        "register delegations for this unit",
    )?;
    check_span(req.start_date, req.end_date)?;
    let new = db::delegation::NewDelegation {
        direction: req.direction,
        title: req.title.trim().to_owned(),
        purpose: req.purpose.trim().to_owned(),
        partner_organization: req.partner_organization.trim().to_owned(),
        countries: countries(&req.countries),
        host_unit_id: req.host_unit_id,
        head_of_delegation: req.head_of_delegation.trim().to_owned(),
        start_date: req.start_date,
        end_date: req.end_date,
    };
    let by = caller.id();
    let delegation = state
        .db
        .write(caller.actor(), move |conn| {
            let (d, entry) = crate::model::delegation::create(conn, &new, Some(by))?;
            Ok(Audited::new(d, entry))
        })
        .await?;
    let location = format!("/api/v1/delegations/{}", delegation.id);
    Ok(answer(
        &state,
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        delegation,
        access,
    ))
}

/// One delegation.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 200, body = DelegationView, description = "The delegation; `ETag` carries its version"),
        UnauthorizedProblem, NotFoundProblem
    )
)]
#[get("/delegations/{id}")]
pub async fn get_delegation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let d = state
        .db
        .read(move |conn| load_visible(conn, id, access))
        .await?;
    Ok(answer(&state, HttpResponse::Ok(), d, access))
}

/// Change a delegation: the host unit while it is a draft, Sở Ngoại vụ until it is approved.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = UpdateDelegation,
    params(("id" = i64, Path, description = "Delegation id"), ("If-Match" = Option<String>, Header, description = "The ETag last read", max_length = 64)),
    responses(
        (status = 200, body = DelegationView, description = "The changed delegation"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/delegations/{id}")]
pub async fn update_delegation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    if_match: IfMatch,
    body: ValidJson<UpdateDelegation>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let req = body.0;
    let d = state
        .db
        .write(caller.actor(), move |conn| {
            let current = load_for_change(conn, id, access)?;
            edit_allowed(
                model::may_edit(current.status, current.subject(access.role, access.unit)),
                access,
            )?;
            db::check_version(if_match.0, current.version)?;
            apply_update(conn, current, req, access)
        })
        .await?;
    Ok(answer(&state, HttpResponse::Ok(), d, access))
}

fn apply_update(
    conn: &mut AnyConnection,
    current: Delegation,
    req: UpdateDelegation,
    access: Access,
) -> ApiResult<Audited<Delegation>> {
    let text = |new: Option<String>, old: &String| {
        new.map(|t| t.trim().to_owned())
            .unwrap_or_else(|| old.clone())
    };
    let title = text(req.title, &current.title);
    let purpose = text(req.purpose, &current.purpose);
    let partner = text(req.partner_organization, &current.partner_organization);
    let head = text(req.head_of_delegation, &current.head_of_delegation);
    let codes = req
        .countries
        .map(|c| countries(&c))
        .unwrap_or_else(|| current.countries.clone());
    let host = req.host_unit_id.unwrap_or(current.host_unit_id);
    let start = req.start_date.unwrap_or(current.start_date);
    let end = req.end_date.unwrap_or(current.end_date);
    check_span(start, end)?;
    if host != current.host_unit_id {
        if !model::may_create(host, access.role, access.unit) {
            return Err(ApiError::forbidden(
                "a host unit cannot hand a delegation to another unit",
            ));
        }
        if !db::unit::exists(conn, host)? {
            return Err(ApiError::invalid("host_unit_id", "no such unit"));
        }
    }
    if (start, end) != (current.start_date, current.end_date) {
        let outside = db::itinerary::list(conn, current.id)?
            .into_iter()
            .filter(|item| {
                crate::domain::itinerary::check_span(
                    item.starts_at,
                    item.ends_at,
                    item.time_zone,
                    start,
                    end,
                )
                .is_err()
            })
            .count();
        if outside > 0 {
            return Err(ApiError::conflict(format!(
                "{outside} itinerary item(s) would lie outside {start} – {end}; move or delete them first"
            )));
        }
    }
    let changes = Changes::new()
        .diff("title", &current.title, &title)
        .diff("purpose", &current.purpose, &purpose)
        .diff(
            "partner_organization",
            &current.partner_organization,
            &partner,
        )
        .diff("countries", &current.countries, &codes)
        .diff("host_unit_id", &current.host_unit_id, &host)
        .diff("head_of_delegation", &current.head_of_delegation, &head)
        .diff("start_date", &current.start_date, &start)
        .diff("end_date", &current.end_date, &end);
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let set = db::delegation::Changes {
        title: Some(title),
        purpose: Some(purpose),
        partner_organization: Some(partner),
        countries: Some(db::delegation::encode_countries(&codes)),
        host_unit_id: Some(host.get()),
        head_of_delegation: Some(head),
        start_date: Some(start),
        end_date: Some(end),
        ..Default::default()
    };
    let d = db::delegation::update(conn, current.id, current.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(
        d,
        AuditEvent::new("update", RecordKind::Delegation, current.id.get(), changes),
    ))
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
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    state
        .db
        .write(caller.actor(), move |conn| {
            let d = load_for_change(conn, id, access)?;
            edit_allowed(
                model::may_edit(d.status, d.subject(access.role, access.unit)),
                access,
            )?;
            if d.status != DelegationStatus::Draft {
                return Err(ApiError::conflict(
                    "only a draft can be deleted; cancel it instead",
                ));
            }
            db::delegation::delete(conn, id)?;
            let changes = Changes::new()
                .set("reference", &d.reference)
                .set("title", &d.title);
            Ok(Audited::new(
                (),
                AuditEvent::new("delete", RecordKind::Delegation, id.get(), changes),
            ))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
