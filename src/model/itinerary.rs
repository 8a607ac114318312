//! A delegation's itinerary: each change to an item as one operation on
//! the delegation. What an item shares with a press activity — its
//! request, read into an `EntryPlan` — is in [`entry`].

pub mod entry;

use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use self::entry::{changed, planned};
// Where the console and the other records name them.
pub use self::entry::{EntryInput, PlaceView, zone};
use super::delegation::{edit_allowed, event, for_change, touch};
use crate::db::itinerary::ItemFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes};
use crate::domain::delegation::{self as rules, Delegation};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{EntryPlan, ItemKind, ItemStatus, ItineraryItem};
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

/// Fields to change; absent fields stay. `{"status": "cancelled"}` cancels the item (it stays, marked).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemPatch {
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub ends_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub time_zone: Option<String>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub kind: Option<ItemKind>,
    #[validate(
        length(min = 1, max = 500),
        custom(function = "super::input::not_blank")
    )]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub title: Option<String>,
    #[validate(nested)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub place: Option<PlaceView>,
    #[validate(length(max = 2000))]
    #[schema(nullable = false, max_length = 2000)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub participants: Option<String>,
    #[validate(length(max = 200))]
    #[schema(nullable = false, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub escort_officer: Option<String>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub status: Option<ItemStatus>,
}

/// Whether `caller` may change the itinerary of `d` now (403 / 409).
pub(crate) fn open_to(d: &Delegation, caller: Caller) -> ApiResult<()> {
    edit_allowed(
        rules::may_edit_itinerary(d.status, caller.facing(d.host_unit_id)),
        caller,
    )
}

/// The delegation for a change to its itinerary: visible, locked, open.
pub(crate) fn editable(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    let d = for_change(conn, caller, id)?;
    open_to(&d, caller)?;
    Ok(d)
}

/// A delegation's itinerary, in order of start (cancelled items included).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Vec<ItineraryItem>> {
    super::delegation::visible(conn, caller, id)?;
    db::itinerary::list(conn, id)
}

/// Adds an item; it must lie within the delegation's dates, in its own zone.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn add(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    input: EntryInput<ItemKind>,
) -> ApiResult<Audited<ItineraryItem>> {
    let d = editable(conn, caller, id)?;
    let plan = planned(input, d.start_date, d.end_date)?;
    let (item, entry) = insert(conn, &d, &ItemFields::new(plan, None))?;
    Ok(Audited::new(item, entry))
}

/// Changes an item, or cancels it (`status: cancelled`; it stays, marked).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    item_id: ItineraryItemId,
    if_match: Option<i64>,
    patch: ItemPatch,
) -> ApiResult<Audited<ItineraryItem>> {
    let d = editable(conn, caller, id)?;
    let current = db::itinerary::find(conn, id, item_id)?.ok_or(ApiError::NotFound)?;
    db::check_version(if_match, current.version)?;
    let status = patch.status.unwrap_or(current.status);
    let plan = changed(EntryPlan::from(&current), patch, d.start_date, d.end_date)?;
    let fields = ItemFields::new(EntryPlan { status, ..plan }, current.import_uid.clone());
    Ok(match rewrite(conn, &d, &current, &fields)? {
        Some((item, entry)) => Audited::new(item, entry),
        None => Audited::unchanged(current),
    })
}

/// Deletes an item (to keep it visible as cancelled, cancel it instead).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn remove(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    item_id: ItineraryItemId,
) -> ApiResult<Audited<()>> {
    let d = editable(conn, caller, id)?;
    let item = db::itinerary::find(conn, id, item_id)?.ok_or(ApiError::NotFound)?;
    Ok(Audited::new((), delete_row(conn, &d, &item)?))
}

/// What adding an item writes (the operations above, the .ics import and
/// the demo, each after deciding that it may).
pub(crate) fn insert(
    conn: &mut AnyConnection,
    d: &Delegation,
    fields: &ItemFields,
) -> ApiResult<(ItineraryItem, AuditEvent)> {
    let item = db::itinerary::insert(conn, d.id, fields, db::now())?;
    touch(conn, d, true)?;
    let changes = Changes::new()
        .set("item_id", item.id)
        .set("starts_at", item.starts_at)
        .set("ends_at", item.ends_at)
        .set("time_zone", item.time_zone.name())
        .set("title", &item.title)
        .set("place_name", &item.place.name);
    Ok((item, event("add_item", d, changes)))
}

/// Changes an itinerary item (cancelling it is a change of status); `None`
/// when nothing would change.
pub(crate) fn rewrite(
    conn: &mut AnyConnection,
    d: &Delegation,
    current: &ItineraryItem,
    fields: &ItemFields,
) -> ApiResult<Option<(ItineraryItem, AuditEvent)>> {
    let changes = Changes::between(&ItemFields::from(current), fields);
    if changes.is_empty() {
        return Ok(None);
    }
    let item = db::itinerary::update(conn, current, fields, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    touch(conn, d, true)?;
    let cancelled = item.status == ItemStatus::Cancelled && current.status != ItemStatus::Cancelled;
    let action = if cancelled {
        "cancel_item"
    } else {
        "update_item"
    };
    Ok(Some((
        item,
        event(action, d, changes.set("item_id", current.id)),
    )))
}

fn delete_row(
    conn: &mut AnyConnection,
    d: &Delegation,
    item: &ItineraryItem,
) -> ApiResult<AuditEvent> {
    db::itinerary::delete(conn, item.id)?;
    touch(conn, d, true)?;
    let changes = Changes::new()
        .set("item_id", item.id)
        .set("title", &item.title)
        .set("starts_at", item.starts_at);
    Ok(event("remove_item", d, changes))
}
