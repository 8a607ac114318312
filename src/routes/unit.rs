//! `/api/v1/units`: the offices of the province. Every logged-in role reads
//! them; the administrator writes them.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use crate::AppState;
use crate::db::{self};
use crate::domain::ids::UnitId;
use crate::domain::pagination::page;
use crate::domain::unit::{Unit, UnitKind};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;

/// A unit as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitView {
    pub id: UnitId,
    /// The unit's name in Vietnamese.
    pub name: String,
    pub name_en: String,
    pub kind: UnitKind,
    /// The unit this one was merged into (`POST /units/{id}/merge`): it is
    /// kept for history's sake and can no longer be chosen.
    #[schema(required = true)]
    pub merged_into: Option<UnitId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Unit> for UnitView {
    fn from(u: Unit) -> Self {
        Self {
            id: u.id,
            name: u.name,
            name_en: u.name_en,
            kind: u.kind,
            merged_into: u.merged_into,
            version: u.version,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUnit {
    #[validate(length(max = 200), custom(function = "super::not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "Sở Ngoại vụ")]
    pub name: String,
    #[validate(length(max = 200), custom(function = "super::not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        example = "Department of Foreign Affairs"
    )]
    pub name_en: String,
    pub kind: UnitKind,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUnit {
    #[validate(length(max = 200), custom(function = "super::not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub name: Option<String>,
    #[validate(length(max = 200), custom(function = "super::not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub name_en: Option<String>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub kind: Option<UnitKind>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// Only units of this kind.
    pub kind: Option<UnitKind>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List units.
#[utoipa::path(
    tag = "units", security(("bearer" = [])), params(UnitQuery),
    responses((status = 200, body = Page<UnitView>, description = "A page of units"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/units")]
pub async fn list_units(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<UnitQuery>,
) -> ApiResult<web::Json<Page<UnitView>>> {
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<(i64,)>(q.cursor.as_deref())?.map(|(id,)| id);
    let rows = signed_in
        .read(&state.db, move |conn| {
            model::unit::list(conn, q.kind, after, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |u| (u.id.get(),));
    Ok(web::Json(Page {
        items: items.into_iter().map(UnitView::from).collect(),
        next_cursor,
    }))
}

/// One unit.
#[utoipa::path(
    tag = "units", security(("bearer" = [])), params(("id" = i64, Path, description = "Unit id")),
    responses((status = 200, body = UnitView, description = "The unit; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/units/{id}")]
pub async fn get_unit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let unit = signed_in
        .read(&state.db, move |conn| model::unit::find(conn, id))
        .await?;
    Ok(answer(HttpResponse::Ok(), unit))
}

/// Create a unit (administrator).
#[utoipa::path(
    tag = "units", security(("bearer" = [])), request_body = CreateUnit,
    responses((status = 201, body = UnitView, description = "Created; `Location` names the new unit", headers(("ETag"), ("Location"))), UnauthorizedProblem, ForbiddenProblem, ConflictProblem, JsonBodyProblems)
)]
#[post("/units")]
pub async fn create_unit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<CreateUnit>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let new = db::unit::NewUnit {
        name: body.0.name.trim().to_owned(),
        name_en: body.0.name_en.trim().to_owned(),
        kind: body.0.kind,
    };
    let unit = signed_in
        .write(&state.db, move |conn| {
            model::unit::create(conn, caller, &new)
        })
        .await?;
    let location = format!("/api/v1/units/{}", unit.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        unit,
    ))
}

/// Change a unit (administrator); `If-Match` guards against lost updates.
#[utoipa::path(
    tag = "units", security(("bearer" = [])), request_body = UpdateUnit,
    params(("id" = i64, Path, description = "Unit id"), ("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = UnitView, description = "The unit; `ETag` carries its version", headers(("ETag"))), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem,
        ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/units/{id}")]
pub async fn update_unit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitId>,
    if_match: IfMatch,
    body: ValidJson<UpdateUnit>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let req = body.0;
    let patch = model::unit::UnitPatch {
        name: req.name,
        name_en: req.name_en,
        kind: req.kind,
    };
    let unit = signed_in
        .write(&state.db, move |conn| {
            model::unit::update(conn, caller, id, if_match.0, patch)
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), unit))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeUnit {
    /// The unit that takes over the merged unit's users and records.
    #[schema(value_type = i64, example = 7)]
    pub into: UnitId,
}

/// A merge done.
#[derive(Debug, Serialize, ToSchema)]
pub struct MergeView {
    /// The merged unit, now `merged_into` the other.
    pub unit: UnitView,
    /// The unit it went into.
    pub into: UnitView,
    /// How many records moved, by kind.
    pub moved: model::unit::Moved,
}

/// Merge a unit into another (administrator), as the province merges its
/// departments: the unit's users, the delegations it hosts, the interviews
/// it organises and the calendar subscriptions that follow it move to
/// `into`; the unit is kept (its name stays in history), marked
/// `merged_into`, and can no longer be chosen. Moved users' tokens and
/// sessions end (their unit changed). The audit gets a `merge` entry on the
/// unit with the counts, and an `update` entry on each moved record.
#[utoipa::path(
    tag = "units", security(("bearer" = [])), request_body = MergeUnit,
    params(("id" = i64, Path, description = "The unit to merge")),
    responses(
        (status = 200, body = MergeView, description = "Merged"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem,
        ConflictProblem, JsonBodyProblems
    )
)]
#[post("/units/{id}/merge")]
pub async fn merge_unit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<UnitId>,
    body: ValidJson<MergeUnit>,
) -> ApiResult<web::Json<MergeView>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let into = body.0.into;
    let merge = signed_in
        .write(&state.db, move |conn| {
            model::unit::merge(conn, caller, id, into)
        })
        .await?;
    Ok(web::Json(MergeView {
        unit: merge.unit.into(),
        into: merge.into.into(),
        moved: merge.moved,
    }))
}

fn answer(mut builder: actix_web::HttpResponseBuilder, unit: Unit) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(unit.version)))
        .json(UnitView::from(unit))
}
