//! `/api/v1/users`: accounts, kept by the administrator.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{Page, rule};
use crate::AppState;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{UnitId, UserId};
use crate::domain::pagination::page;
use crate::domain::role::Role;
use crate::domain::user::{self, NewPassword, User, Username};
use crate::error::*;
use crate::http::auth::{self, SignedIn};
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};

/// A user as the API shows it (never the password or its hash).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub unit_id: Option<UnitId>,
    pub role: Role,
    pub active: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            unit_id: u.unit_id,
            role: u.role,
            active: u.active,
            version: u.version,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

pub(crate) fn check_username(raw: &str) -> Result<(), validator::ValidationError> {
    rule(Username::parse(raw).map(|_| ()))
}

pub(crate) fn check_password(raw: &str) -> Result<(), validator::ValidationError> {
    rule(NewPassword::parse(raw).map(|_| ()))
}

fn check_display_name(raw: &str) -> Result<(), validator::ValidationError> {
    rule(user::check_display_name(raw))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// 3–64 of `a-z 0-9 . _ -`; folded to lower case.
    #[validate(custom(function = "check_username"))]
    #[schema(min_length = 3, max_length = 64, example = "nguyen.van.a")]
    pub username: String,
    #[validate(custom(function = "check_display_name"))]
    #[schema(min_length = 1, max_length = 200, example = "Nguyễn Văn A")]
    pub display_name: String,
    /// 10–128 characters.
    #[validate(custom(function = "check_password"))]
    #[schema(min_length = 10, max_length = 128, format = Password)]
    pub password: String,
    /// Required for every role but `admin`.
    pub unit_id: Option<UnitId>,
    pub role: Role,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    /// `false` deactivates: the user's tokens stop working at once.
    pub active: Option<bool>,
    pub role: Option<Role>,
    #[validate(custom(function = "check_display_name"))]
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: Option<String>,
    /// A new password (the user's tokens stop working).
    #[validate(custom(function = "check_password"))]
    #[schema(min_length = 10, max_length = 128, format = Password)]
    pub password: Option<String>,
    /// Move the user to another unit.
    pub unit_id: Option<UnitId>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub role: Option<Role>,
    pub unit_id: Option<i64>,
    pub active: Option<bool>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List users (administrator).
#[utoipa::path(
    tag = "users", security(("bearer" = [])), params(UserQuery),
    responses((status = 200, body = Page<UserView>, description = "A page of users"), UnauthorizedProblem, ForbiddenProblem, InvalidProblem)
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<UserQuery>,
) -> ApiResult<web::Json<Page<UserView>>> {
    signed_in.require(signed_in.role().manages_users(), "list users")?;
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<(i64,)>(q.cursor.as_deref())?.map(|(id,)| id);
    let filter = db::user::UserFilter {
        role: q.role,
        unit_id: q.unit_id.map(UnitId),
        active: q.active,
    };
    let rows = state
        .db
        .read(move |conn| db::user::list(conn, &filter, after, limit))
        .await?;
    let (items, next_cursor) = page(rows, limit, |u| (u.id.get(),));
    Ok(web::Json(Page {
        items: items.into_iter().map(UserView::from).collect(),
        next_cursor,
    }))
}

/// One user (administrator).
#[utoipa::path(
    tag = "users", security(("bearer" = [])), params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = UserView, description = "The user; `ETag` carries its version"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem)
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    signed_in.require(signed_in.role().manages_users(), "read other users")?;
    let id = UserId(id.into_inner());
    let user = state
        .db
        .read(move |conn| db::user::find(conn, id))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(answer(HttpResponse::Ok(), user))
}

/// The checked fields of a new user, before its password is hashed.
struct NewUserInput {
    username: Username,
    display_name: String,
    unit_id: Option<UnitId>,
    role: Role,
    password: NewPassword,
}

impl TryFrom<CreateUser> for NewUserInput {
    type Error = ApiError;

    fn try_from(req: CreateUser) -> ApiResult<Self> {
        user::check_role_unit(req.role, req.unit_id.is_some())
            .map_err(|m| ApiError::invalid("unit_id", m))?;
        Ok(Self {
            username: Username::parse(&req.username)
                .map_err(|m| ApiError::invalid("username", m))?,
            display_name: req.display_name.trim().to_owned(),
            unit_id: req.unit_id,
            role: req.role,
            password: NewPassword::parse(&req.password)
                .map_err(|m| ApiError::invalid("password", m))?,
        })
    }
}

impl NewUserInput {
    /// Hashing is slow: it runs before the write transaction opens.
    fn hashed(self) -> ApiResult<db::user::NewUser> {
        Ok(db::user::NewUser {
            password_hash: auth::hash_password(&self.password)?,
            username: self.username,
            display_name: self.display_name,
            unit_id: self.unit_id,
            role: self.role,
        })
    }
}

/// Create a user (administrator).
#[utoipa::path(
    tag = "users", security(("bearer" = [])), request_body = CreateUser,
    responses((status = 201, body = UserView, description = "Created; `Location` names the new user"), UnauthorizedProblem, ForbiddenProblem, ConflictProblem, JsonBodyProblems)
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<CreateUser>,
) -> ApiResult<HttpResponse> {
    signed_in.require(signed_in.role().manages_users(), "create users")?;
    let input = NewUserInput::try_from(body.0)?;
    let new = state.limits.hash(move || input.hashed()).await??;
    let user = state
        .db
        .write(signed_in.actor(), move |conn| db::user::create(conn, &new))
        .await?;
    let location = format!("/api/v1/users/{}", user.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        user,
    ))
}

/// Change a user (administrator): deactivate, change role, unit, name or password.
#[utoipa::path(
    tag = "users", security(("bearer" = [])), request_body = UpdateUser,
    params(("id" = i64, Path, description = "User id"), ("If-Match" = Option<String>, Header, description = "The ETag last read", max_length = 64)),
    responses(
        (status = 200, body = UserView, description = "The user; `ETag` carries its version"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem,
        ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    if_match: IfMatch,
    body: ValidJson<UpdateUser>,
) -> ApiResult<HttpResponse> {
    signed_in.require(signed_in.role().manages_users(), "change users")?;
    let id = UserId(id.into_inner());
    let req = body.0;
    let new_hash = match req.password.as_deref() {
        Some(raw) => {
            let password = NewPassword::parse(raw).map_err(|m| ApiError::invalid("password", m))?;
            Some(
                state
                    .limits
                    .hash(move || auth::hash_password(&password))
                    .await??,
            )
        }
        None => None,
    };
    let user = state
        .db
        .write(signed_in.actor(), move |conn| {
            db::user::lock(conn, id)?;
            let current = db::user::find(conn, id)?.ok_or(ApiError::NotFound)?;
            db::check_version(if_match.0, current.version)?;
            apply_user_changes(conn, current, req, new_hash)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), user))
}

fn apply_user_changes(
    conn: &mut AnyConnection,
    current: User,
    req: UpdateUser,
    new_hash: Option<String>,
) -> ApiResult<Audited<User>> {
    let role = req.role.unwrap_or(current.role);
    let unit_id = req.unit_id.or(current.unit_id);
    let active = req.active.unwrap_or(current.active);
    let display_name = req
        .display_name
        .map(|n| n.trim().to_owned())
        .unwrap_or_else(|| current.display_name.clone());
    user::check_role_unit(role, unit_id.is_some()).map_err(|m| ApiError::invalid("unit_id", m))?;
    if let Some(unit) = req.unit_id.filter(|u| Some(*u) != current.unit_id)
        && !db::unit::exists(conn, unit)?
    {
        return Err(ApiError::invalid("unit_id", "no such unit"));
    }
    let stays_admin = role == Role::Admin && active;
    if current.role == Role::Admin
        && current.active
        && !stays_admin
        && db::user::other_active_admins(conn, current.id)? == 0
    {
        return Err(ApiError::conflict(
            "this is the last active administrator; make another one first",
        ));
    }

    let mut changes = Changes::new()
        .diff("display_name", &current.display_name, &display_name)
        .diff("role", &current.role, &role)
        .diff("unit_id", &current.unit_id, &unit_id)
        .diff("active", &current.active, &active);
    if new_hash.is_some() {
        changes = changes.redacted("password");
    }
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    // Old tokens must not outlive what they vouched for.
    let ends_tokens = new_hash.is_some()
        || role != current.role
        || unit_id != current.unit_id
        || (current.active && !active);
    let set = db::user::UserChanges {
        display_name: Some(display_name),
        unit_id: Some(unit_id.map(UnitId::get)),
        role: Some(role.as_str().to_owned()),
        password_hash: new_hash,
        active: Some(active),
        token_epoch: ends_tokens.then_some(current.token_epoch + 1),
    };
    let action = match (current.active, active) {
        (true, false) => "deactivate",
        (false, true) => "reactivate",
        _ => "update",
    };
    let user = db::user::update(conn, current.id, current.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(
        user,
        AuditEvent::new(action, RecordKind::User, current.id.get(), changes),
    ))
}

pub(crate) fn answer(mut builder: actix_web::HttpResponseBuilder, user: User) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(user.version)))
        .json(UserView::from(user))
}
