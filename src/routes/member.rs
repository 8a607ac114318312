//! `/api/v1/delegations/{id}/members`: who travels in a delegation.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::delegation::{edit_allowed, load_for_change, load_visible};
use super::{check_country, check_passport, not_blank, rule, trimmed};
use crate::AppState;
use crate::db::member::MemberFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::delegation::{self as model, Gender, Member, MemberRole};
use crate::domain::ids::{DelegationId, MemberId};
use crate::domain::role::Access;
use crate::domain::text::{CountryCode, parse_passport};
use crate::error::*;
use crate::http::auth::Caller;
use crate::http::extract::{IfMatch, ValidJson, etag};

/// A member as the API shows it. Personal data (date of birth, passport,
/// e-mail, phone) is absent for roles that may not see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub id: MemberId,
    pub delegation_id: DelegationId,
    pub full_name: String,
    pub gender: Option<Gender>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub date_of_birth: Option<Option<NaiveDate>>,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub passport_number: Option<Option<String>>,
    pub organization: Option<String>,
    pub position: Option<String>,
    pub role: MemberRole,
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

impl MemberView {
    pub fn new(m: Member, access: Access) -> Self {
        let personal = access.role.sees_personal_data();
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
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

fn check_birth(date: &NaiveDate) -> Result<(), validator::ValidationError> {
    let today = crate::domain::time::province_today();
    rule(if date.year() < 1900 || *date > today {
        Err("must be a past date after 1900")
    } else {
        Ok(())
    })
}

fn check_phone(raw: &str) -> Result<(), validator::ValidationError> {
    let ok = raw
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && raw.chars().any(|c| c.is_ascii_digit());
    rule(if ok {
        Ok(())
    } else {
        Err("must be a phone number (digits, spaces, + - ( ) .)")
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "Tanaka Hiroshi")]
    pub full_name: String,
    pub gender: Option<Gender>,
    #[validate(custom(function = "check_birth"))]
    pub date_of_birth: Option<NaiveDate>,
    /// ISO 3166-1 alpha-2.
    #[validate(custom(function = "check_country"))]
    #[schema(
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$",
        example = "JP"
    )]
    pub nationality: String,
    /// 5–20 letters and digits.
    #[validate(custom(function = "check_passport"))]
    #[schema(max_length = 30, example = "TR1234567")]
    pub passport_number: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub organization: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub position: Option<String>,
    pub role: MemberRole,
    #[validate(email, length(max = 200))]
    #[schema(max_length = 200, format = Email)]
    pub email: Option<String>,
    #[validate(length(max = 40), custom(function = "check_phone"))]
    #[schema(max_length = 40)]
    pub phone: Option<String>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberPatch {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: Option<String>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<Gender>)]
    pub gender: Option<Option<Gender>>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub date_of_birth: Option<Option<NaiveDate>>,
    #[validate(custom(function = "check_country"))]
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub nationality: Option<String>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>, max_length = 30)]
    pub passport_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub organization: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub position: Option<Option<String>>,
    pub role: Option<MemberRole>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>, max_length = 200, format = Email)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>, max_length = 40)]
    pub phone: Option<Option<String>>,
}

impl MemberInput {
    fn fields(self) -> ApiResult<MemberFields> {
        Ok(MemberFields {
            full_name: self.full_name.trim().to_owned(),
            gender: self.gender.map(|g| g.as_str().to_owned()),
            date_of_birth: self.date_of_birth,
            nationality: CountryCode::parse(&self.nationality)
                .map_err(|m| ApiError::invalid("nationality", m))?
                .as_str()
                .to_owned(),
            passport_number: trimmed(self.passport_number)
                .map(|p| parse_passport(&p).map_err(|m| ApiError::invalid("passport_number", m)))
                .transpose()?,
            organization: trimmed(self.organization),
            position: trimmed(self.position),
            role: self.role.as_str().to_owned(),
            email: trimmed(self.email),
            phone: trimmed(self.phone),
        })
    }
}

impl MemberPatch {
    /// The member's fields after this patch, checked as a whole.
    fn apply(self, current: &Member) -> ApiResult<MemberFields> {
        let base = MemberFields::from(current);
        let input = MemberInput {
            full_name: self.full_name.unwrap_or(base.full_name),
            gender: self.gender.unwrap_or(current.gender),
            date_of_birth: self.date_of_birth.unwrap_or(base.date_of_birth),
            nationality: self.nationality.unwrap_or(base.nationality),
            passport_number: self.passport_number.unwrap_or(base.passport_number),
            organization: self.organization.unwrap_or(base.organization),
            position: self.position.unwrap_or(base.position),
            role: self.role.unwrap_or(current.role),
            email: self.email.unwrap_or(base.email),
            phone: self.phone.unwrap_or(base.phone),
        };
        crate::http::extract::validate(&input)?;
        input.fields()
    }
}

/// Loads the delegation for a change to its members: visible, and open to this caller now.
fn editable(
    conn: &mut AnyConnection,
    id: DelegationId,
    access: Access,
) -> ApiResult<model::Delegation> {
    let d = load_for_change(conn, id, access)?;
    edit_allowed(
        model::may_edit(d.status, d.subject(access.role, access.unit)),
        access,
    )?;
    Ok(d)
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
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<MemberList>> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let members = state
        .db
        .read(move |conn| {
            load_visible(conn, id, access)?;
            db::member::list(conn, id)
        })
        .await?;
    Ok(web::Json(MemberList {
        items: members
            .into_iter()
            .map(|m| MemberView::new(m, access))
            .collect(),
    }))
}

/// Add a member.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = MemberInput,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 201, body = MemberView, description = "Added"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/delegations/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: ValidJson<MemberInput>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let fields = body.0.fields()?;
    let member = state
        .db
        .write(caller.actor(), move |conn| {
            let d = editable(conn, id, access)?;
            let (member, entry) = crate::model::delegation::add_member(conn, &d, &fields)?;
            Ok(Audited::new(member, entry))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(header::ETag(etag(member.version)))
        .json(MemberView::new(member, access)))
}

/// Change a member.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = MemberPatch,
    params(
        ("id" = i64, Path, description = "Delegation id"), ("member_id" = i64, Path, description = "Member id"),
        ("If-Match" = Option<String>, Header, description = "The member's ETag last read", max_length = 64)
    ),
    responses(
        (status = 200, body = MemberView, description = "The changed member"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/delegations/{id}/members/{member_id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
    if_match: IfMatch,
    body: ValidJson<MemberPatch>,
) -> ApiResult<HttpResponse> {
    let (id, member_id) = path.into_inner();
    let (id, member_id) = (DelegationId(id), MemberId(member_id));
    let access = caller.access();
    let patch = body.0;
    let member = state
        .db
        .write(caller.actor(), move |conn| {
            let d = editable(conn, id, access)?;
            let current = db::member::find(conn, id, member_id)?.ok_or(ApiError::NotFound)?;
            db::check_version(if_match.0, current.version)?;
            let fields = patch.apply(&current)?;
            Ok(
                match crate::model::delegation::update_member(conn, &d, &current, &fields)? {
                    Some((member, entry)) => Audited::new(member, entry),
                    None => Audited::unchanged(current),
                },
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(header::ETag(etag(member.version)))
        .json(MemberView::new(member, access)))
}

/// Remove a member.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delegation id"), ("member_id" = i64, Path, description = "Member id")),
    responses((status = 204, description = "Removed"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem)
)]
#[delete("/delegations/{id}/members/{member_id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let (id, member_id) = path.into_inner();
    let (id, member_id) = (DelegationId(id), MemberId(member_id));
    let access = caller.access();
    state
        .db
        .write(caller.actor(), move |conn| {
            let d = editable(conn, id, access)?;
            let member = db::member::find(conn, id, member_id)?.ok_or(ApiError::NotFound)?;
            let entry = crate::model::delegation::remove_member(conn, &d, &member)?;
            Ok(Audited::new((), entry))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
