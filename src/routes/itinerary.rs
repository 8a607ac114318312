//! `/api/v1/delegations/{id}/itinerary`: a delegation's programme.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::delegation::{edit_allowed, load_for_change, load_visible};
use super::trimmed;
use crate::AppState;
use crate::db::itinerary::ItemFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::delegation::{self as model, Delegation};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{self, ItemKind, ItemStatus, ItineraryItem};
use crate::domain::role::Access;
use crate::domain::text::parse_zone;
use crate::domain::time::PROVINCE_TZ;
use crate::error::*;
use crate::http::auth::Caller;
use crate::http::extract::{IfMatch, ValidJson, etag};

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceView {
    #[validate(length(min = 1, max = 300))]
    #[schema(
        min_length = 1,
        max_length = 300,
        example = "Nhà máy Thủy điện Hòa Bình"
    )]
    pub name: String,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub address: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200, example = "TP. Hòa Bình")]
    pub district: Option<String>,
}

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
    pub place: PlaceView,
    /// Provincial participants (the leader who receives them, …).
    pub participants: Option<String>,
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
            place: PlaceView {
                name: i.place.name,
                address: i.place.address,
                district: i.place.district,
            },
            participants: i.participants,
            escort_officer: i.escort_officer,
            status: i.status,
            version: i.version,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

/// A new scheduled entry: an itinerary item (`K` = its kind of activity)
/// or a press activity. Where an accreditation lists places, `place.name`
/// must be one of them (case and diacritics aside).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryInput<K> {
    /// `2026-12-01T09:00` in `time_zone`, or RFC 3339 with an offset.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "2026-12-01T09:00")]
    pub starts_at: String,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "2026-12-01T11:00")]
    pub ends_at: String,
    /// IANA zone; default `Asia/Ho_Chi_Minh` (an outgoing delegation's entries abroad keep their own).
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "Asia/Ho_Chi_Minh")]
    pub time_zone: Option<String>,
    pub kind: K,
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[validate(nested)]
    pub place: PlaceView,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub participants: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub escort_officer: Option<String>,
}

/// Fields to change; absent fields stay. `{"status": "cancelled"}` cancels the item (it stays, marked).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemPatch {
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub ends_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    pub kind: Option<ItemKind>,
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[validate(nested)]
    pub place: Option<PlaceView>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub participants: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub escort_officer: Option<String>,
    pub status: Option<ItemStatus>,
}

/// A scheduled entry's times as given (itinerary items, press activities):
/// read in its zone, and checked to lie within its record's dates.
pub(crate) struct Draft {
    pub starts_at: String,
    pub ends_at: String,
    pub zone: Tz,
}

impl Draft {
    pub fn within(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
        let starts = itinerary::parse_time(&self.starts_at, self.zone)
            .map_err(|m| ApiError::invalid("starts_at", m))?;
        let ends = itinerary::parse_time(&self.ends_at, self.zone)
            .map_err(|m| ApiError::invalid("ends_at", m))?;
        itinerary::check_span(starts, ends, self.zone, first, last)
            .map_err(|(field, message)| ApiError::invalid(field, message))?;
        Ok((starts, ends))
    }

    fn check(&self, d: &Delegation) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
        self.within(d.start_date, d.end_date)
    }
}

/// The zone a scheduled entry is planned in: the one given, or the province's.
pub(crate) fn zone(raw: Option<&str>) -> ApiResult<Tz> {
    raw.map(|z| parse_zone(z).map_err(|m| ApiError::invalid("time_zone", m)))
        .transpose()
        .map(|z| z.unwrap_or(PROVINCE_TZ))
}

/// Loads the delegation for a change to its itinerary.
pub(crate) fn editable(
    conn: &mut AnyConnection,
    id: DelegationId,
    access: Access,
) -> ApiResult<Delegation> {
    let d = load_for_change(conn, id, access)?;
    itinerary_open(&d, access)?;
    Ok(d)
}

/// Whether `access` may change the itinerary of `d` now (403 / 409).
pub(crate) fn itinerary_open(d: &Delegation, access: Access) -> ApiResult<()> {
    edit_allowed(
        model::may_edit_itinerary(d.status, d.subject(access.role, access.unit)),
        access,
    )
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
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ItemList>> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let items = state
        .db
        .read(move |conn| {
            load_visible(conn, id, access)?;
            db::itinerary::list(conn, id)
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
        (status = 201, body = ItemView, description = "Added"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/delegations/{id}/itinerary")]
pub async fn add_item(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: ValidJson<EntryInput<ItemKind>>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let req = body.0;
    let zone = zone(req.time_zone.as_deref())?;
    let item = state
        .db
        .write(caller.actor(), move |conn| {
            let d = editable(conn, id, access)?;
            let draft = Draft {
                starts_at: req.starts_at,
                ends_at: req.ends_at,
                zone,
            };
            let (starts, ends) = draft.check(&d)?;
            let fields = ItemFields {
                starts_at: starts.naive_utc(),
                ends_at: ends.naive_utc(),
                time_zone: zone.name().to_owned(),
                kind: req.kind.as_str().to_owned(),
                title: req.title.trim().to_owned(),
                place_name: req.place.name.trim().to_owned(),
                place_address: trimmed(req.place.address),
                place_district: trimmed(req.place.district),
                participants: trimmed(req.participants),
                escort_officer: trimmed(req.escort_officer),
                status: ItemStatus::Planned.as_str().to_owned(),
                import_uid: None,
            };
            let (item, entry) = crate::model::delegation::add_item(conn, &d, &fields)?;
            Ok(Audited::new(item, entry))
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
        ("If-Match" = Option<String>, Header, description = "The item's ETag last read", max_length = 64)
    ),
    responses(
        (status = 200, body = ItemView, description = "The changed item"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/delegations/{id}/itinerary/{item_id}")]
pub async fn update_item(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
    if_match: IfMatch,
    body: ValidJson<ItemPatch>,
) -> ApiResult<HttpResponse> {
    let (id, item_id) = path.into_inner();
    let (id, item_id) = (DelegationId(id), ItineraryItemId(item_id));
    let access = caller.access();
    let req = body.0;
    let new_zone = req
        .time_zone
        .as_deref()
        .map(|z| zone(Some(z)))
        .transpose()?;
    let item = state
        .db
        .write(caller.actor(), move |conn| {
            let d = editable(conn, id, access)?;
            let current = db::itinerary::find(conn, id, item_id)?.ok_or(ApiError::NotFound)?;
            db::check_version(if_match.0, current.version)?;
            let zone = new_zone.unwrap_or(current.time_zone);
            let local = |t: DateTime<Utc>| t.with_timezone(&current.time_zone).to_rfc3339();
            let draft = Draft {
                starts_at: req.starts_at.unwrap_or_else(|| local(current.starts_at)),
                ends_at: req.ends_at.unwrap_or_else(|| local(current.ends_at)),
                zone,
            };
            let (starts, ends) = draft.check(&d)?;
            let place = req.place.unwrap_or_else(|| PlaceView {
                name: current.place.name.clone(),
                address: current.place.address.clone(),
                district: current.place.district.clone(),
            });
            let fields = ItemFields {
                starts_at: starts.naive_utc(),
                ends_at: ends.naive_utc(),
                time_zone: zone.name().to_owned(),
                kind: req.kind.unwrap_or(current.kind).as_str().to_owned(),
                title: req
                    .title
                    .map(|t| t.trim().to_owned())
                    .unwrap_or_else(|| current.title.clone()),
                place_name: place.name.trim().to_owned(),
                place_address: trimmed(place.address),
                place_district: trimmed(place.district),
                participants: req
                    .participants
                    .map_or_else(|| current.participants.clone(), |p| trimmed(Some(p))),
                escort_officer: req
                    .escort_officer
                    .map_or_else(|| current.escort_officer.clone(), |p| trimmed(Some(p))),
                status: req.status.unwrap_or(current.status).as_str().to_owned(),
                import_uid: current.import_uid.clone(),
            };
            Ok(
                match crate::model::delegation::update_item(conn, &d, &current, &fields)? {
                    Some((item, entry)) => Audited::new(item, entry),
                    None => Audited::unchanged(current),
                },
            )
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
    caller: Caller,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let (id, item_id) = path.into_inner();
    let (id, item_id) = (DelegationId(id), ItineraryItemId(item_id));
    let access = caller.access();
    state
        .db
        .write(caller.actor(), move |conn| {
            let d = editable(conn, id, access)?;
            let item = db::itinerary::find(conn, id, item_id)?.ok_or(ApiError::NotFound)?;
            let entry = crate::model::delegation::remove_item(conn, &d, &item)?;
            Ok(Audited::new((), entry))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
