//! `/api/v1/users`: accounts, kept by the administrator.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{Page, rule};
use crate::AppState;
use crate::db::{self};
use crate::domain::ids::{UnitId, UserId};
use crate::domain::pagination::page;
use crate::domain::role::Role;
use crate::domain::user::{self, NewPassword, User, Username};
use crate::error::*;
use crate::http::auth::{self, SignedIn};
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;

/// A user as the API shows it (never the password or its hash).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    #[schema(required = true)]
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
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub role: Option<Role>,
    #[validate(custom(function = "check_display_name"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub display_name: Option<String>,
    /// A new password (the user's tokens stop working).
    #[validate(custom(function = "check_password"))]
    #[schema(nullable = false, min_length = 10, max_length = 128, format = Password)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub password: Option<String>,
    /// Move the user to another unit.
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
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
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<(i64,)>(q.cursor.as_deref())?.map(|(id,)| id);
    let filter = db::user::UserFilter {
        role: q.role,
        unit_id: q.unit_id.map(UnitId),
        active: q.active,
    };
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::user::list(conn, caller, &filter, after, limit)
        })
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
    responses((status = 200, body = UserView, description = "The user; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem)
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UserId>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let user = signed_in
        .read(&state.db, move |conn| model::user::find(conn, caller, id))
        .await?;
    Ok(answer(HttpResponse::Ok(), user))
}

/// A user's e-mail settings (administrator): the address their reminders
/// go to, and what they receive.
#[utoipa::path(
    tag = "users", security(("bearer" = [])), params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = super::me::MailSettingsView, description = "The user's e-mail settings"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem)
)]
#[get("/users/{id}/mail")]
pub async fn get_user_mail_settings(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<super::me::MailSettingsView>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let settings = signed_in
        .read(&state.db, move |conn| {
            model::user::mail_settings_of(conn, caller, id)
        })
        .await?;
    Ok(web::Json(settings.into()))
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
    responses((status = 201, body = UserView, description = "Created; `Location` names the new user", headers(("ETag"), ("Location"))), UnauthorizedProblem, ForbiddenProblem, ConflictProblem, JsonBodyProblems)
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<CreateUser>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    // Refused before the slow hash, as the operation would refuse it.
    signed_in.account(&state.db).await?;
    model::unit::require_manager(caller, "create users")?;
    let input = NewUserInput::try_from(body.0)?;
    let new = state.limits.hash(move || input.hashed()).await??;
    let user = signed_in
        .write(&state.db, move |conn| {
            model::user::create(conn, caller, &new)
        })
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
    params(("id" = i64, Path, description = "User id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = UserView, description = "The user; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem,
        ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UserId>,
    if_match: IfMatch,
    body: ValidJson<UpdateUser>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    signed_in.account(&state.db).await?;
    model::unit::require_manager(caller, "change users")?;
    let id = id.into_inner();
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
    let patch = model::user::UserPatch {
        display_name: req.display_name,
        role: req.role,
        unit_id: req.unit_id,
        active: req.active,
        password_hash: new_hash,
    };
    let user = signed_in
        .write(&state.db, move |conn| {
            model::user::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), user))
}

pub(crate) fn answer(mut builder: actix_web::HttpResponseBuilder, user: User) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(user.version)))
        .json(UserView::from(user))
}
