//! `/api/v1/delegations/{id}/members`: who travels in a delegation.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::domain::delegation::{Gender, Member, MemberRole};
use crate::domain::expiry::{TravelDocuments, VisaType};
use crate::domain::ids::{DelegationId, MemberId};
use crate::domain::role::Caller;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, etag};
use crate::model;
pub use crate::model::member::{MemberInput, MemberPatch};

/// A member as the API shows it. Personal data (date of birth, passport,
/// e-mail, phone) is absent for roles that may not see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub id: MemberId,
    pub delegation_id: DelegationId,
    pub full_name: String,
    #[schema(required = true)]
    pub gender: Option<Gender>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub date_of_birth: Option<Option<NaiveDate>>,
    /// ISO 3166-1 alpha-2.
    #[schema(value_type = crate::domain::text::CountryCode)]
    pub nationality: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub passport_number: Option<Option<String>>,
    #[schema(required = true)]
    pub organization: Option<String>,
    #[schema(required = true)]
    pub position: Option<String>,
    pub role: MemberRole,
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
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl MemberView {
    pub fn new(m: Member, caller: Caller) -> Self {
        let personal = caller.role.sees_personal_data();
        Self {
            id: m.id,
            delegation_id: m.delegation_id,
            full_name: m.full_name,
            gender: m.gender,
            date_of_birth: personal.then_some(m.date_of_birth),
            nationality: m.nationality,
            passport_number: personal.then_some(m.passport_number),
            organization: m.organization,
            position: m.position,
            role: m.role,
            email: personal.then_some(m.email),
            phone: personal.then_some(m.phone),
            passport_expiry: None,
            visa_type: None,
            visa_number: None,
            visa_end: None,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl MemberView {
    /// The view with the member's travel documents, for roles that see
    /// personal data (a passport's or visa's data is read off the document).
    pub fn with_documents(mut self, docs: TravelDocuments, caller: Caller) -> Self {
        if caller.role.sees_personal_data() {
            self.passport_expiry = Some(docs.passport_expiry);
            self.visa_type = Some(docs.visa_type);
            self.visa_number = Some(docs.visa_number);
            self.visa_end = Some(docs.visa_end);
        }
        self
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberList {
    pub items: Vec<MemberView>,
}

/// The members of a delegation.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses((status = 200, body = MemberList, description = "The members, in the order they were added"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/delegations/{id}/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
) -> ApiResult<web::Json<MemberList>> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let members = signed_in
        .read(&state.db, move |conn| {
            model::member::list_with_documents(conn, caller, id)
        })
        .await?;
    Ok(web::Json(MemberList {
        items: members
            .into_iter()
            .map(|(m, docs)| MemberView::new(m, caller).with_documents(docs, caller))
            .collect(),
    }))
}

/// Add a member.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = MemberInput,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 201, body = MemberView, description = "Added", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/delegations/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    body: ValidJson<MemberInput>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let docs = body.0.documents();
    let fields = body.0.fields()?;
    let kept = docs.clone();
    let member = signed_in
        .write(&state.db, move |conn| {
            model::member::add_with_documents(conn, caller, id, &fields, &kept)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(header::ETag(etag(member.version)))
        .json(MemberView::new(member, caller).with_documents(docs, caller)))
}

/// Change a member.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = MemberPatch,
    params(
        ("id" = i64, Path, description = "Delegation id"), ("member_id" = i64, Path, description = "Member id"),
        ("If-Match" = Option<String>, Header, description = "The member's ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)
    ),
    responses(
        (status = 200, body = MemberView, description = "The changed member", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/delegations/{id}/members/{member_id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(DelegationId, MemberId)>,
    if_match: IfMatch,
    body: ValidJson<MemberPatch>,
) -> ApiResult<HttpResponse> {
    let (id, member_id) = path.into_inner();
    let caller = signed_in.caller();
    let patch = body.0;
    let (member, docs) = signed_in
        .write(&state.db, move |conn| {
            model::member::update(conn, caller, id, member_id, if_match.0, patch)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(header::ETag(etag(member.version)))
        .json(MemberView::new(member, caller).with_documents(docs, caller)))
}

/// Remove a member.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delegation id"), ("member_id" = i64, Path, description = "Member id")),
    responses((status = 204, description = "Removed"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem)
)]
#[delete("/delegations/{id}/members/{member_id}")]
pub async fn delete_member(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(DelegationId, MemberId)>,
) -> ApiResult<HttpResponse> {
    let (id, member_id) = path.into_inner();
    let caller = signed_in.caller();
    signed_in
        .write(&state.db, move |conn| {
            model::member::remove(conn, caller, id, member_id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
