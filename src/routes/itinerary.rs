//! `/api/v1/delegations/{id}/itinerary`: a delegation's programme.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{ItemKind, ItemStatus, ItineraryItem, Place};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, etag};
use crate::model;
use crate::model::itinerary::ItemPatch;
use crate::model::itinerary::entry::EntryInput;

/// An itinerary item as the API shows it; times carry the offset of its own zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: ItineraryItemId,
    pub delegation_id: DelegationId,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    /// The IANA zone it was planned in.
    pub time_zone: String,
    pub kind: ItemKind,
    pub title: String,
    pub place: Place,
    /// Provincial participants (the leader who receives them, …).
    #[schema(required = true)]
    pub participants: Option<String>,
    #[schema(required = true)]
    pub escort_officer: Option<String>,
    pub status: ItemStatus,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ItineraryItem> for ItemView {
    fn from(i: ItineraryItem) -> Self {
        Self {
            id: i.id,
            delegation_id: i.delegation_id,
            starts_at: i.starts_at.with_timezone(&i.time_zone).fixed_offset(),
            ends_at: i.ends_at.with_timezone(&i.time_zone).fixed_offset(),
            time_zone: i.time_zone.name().to_owned(),
            kind: i.kind,
            title: i.title,
            place: i.place,
            participants: i.participants,
            escort_officer: i.escort_officer,
            status: i.status,
            version: i.version,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemList {
    /// In order of start.
    pub items: Vec<ItemView>,
}

/// A delegation's itinerary, in order of start (cancelled items included, marked).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses((status = 200, body = ItemList, description = "The itinerary"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/delegations/{id}/itinerary")]
pub async fn list_items(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
) -> ApiResult<web::Json<ItemList>> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let items = signed_in
        .read(&state.db, move |conn| {
            model::itinerary::list(conn, caller, id)
        })
        .await?;
    Ok(web::Json(ItemList {
        items: items.into_iter().map(ItemView::from).collect(),
    }))
}

/// Add an itinerary item; it must lie within the delegation's dates (in its own zone).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = EntryInput<ItemKind>,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 201, body = ItemView, description = "Added", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/delegations/{id}/itinerary")]
pub async fn add_item(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    body: ValidJson<EntryInput<ItemKind>>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let input = body.0;
    let item = signed_in
        .write(&state.db, move |conn| {
            model::itinerary::add(conn, caller, id, input)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(header::ETag(etag(item.version)))
        .json(ItemView::from(item)))
}

/// Change an itinerary item, or cancel it with `{"status": "cancelled"}`.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = ItemPatch,
    params(
        ("id" = i64, Path, description = "Delegation id"), ("item_id" = i64, Path, description = "Item id"),
        ("If-Match" = Option<String>, Header, description = "The item's ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)
    ),
    responses(
        (status = 200, body = ItemView, description = "The changed item", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/delegations/{id}/itinerary/{item_id}")]
pub async fn update_item(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(DelegationId, ItineraryItemId)>,
    if_match: IfMatch,
    body: ValidJson<ItemPatch>,
) -> ApiResult<HttpResponse> {
    let (id, item_id) = path.into_inner();
    let caller = signed_in.caller();
    let patch = body.0;
    let item = signed_in
        .write(&state.db, move |conn| {
            model::itinerary::update(conn, caller, id, item_id, if_match.0, patch)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(header::ETag(etag(item.version)))
        .json(ItemView::from(item)))
}

/// Delete an itinerary item (to keep it visible as cancelled, PATCH its status instead).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delegation id"), ("item_id" = i64, Path, description = "Item id")),
    responses((status = 204, description = "Deleted"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem)
)]
#[delete("/delegations/{id}/itinerary/{item_id}")]
pub async fn delete_item(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(DelegationId, ItineraryItemId)>,
) -> ApiResult<HttpResponse> {
    let (id, item_id) = path.into_inner();
    let caller = signed_in.caller();
    signed_in
        .write(&state.db, move |conn| {
            model::itinerary::remove(conn, caller, id, item_id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
