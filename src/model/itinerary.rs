//! A delegation's itinerary: the scheduled entries' input (shared with
//! press activities), and each change to an item as one operation on the
//! delegation.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::delegation::{edit_allowed, event, for_change, touch};
use super::input::trimmed;
use crate::db::itinerary::ItemFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes};
use crate::domain::delegation::{self as rules, Delegation};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{self, ItemKind, ItemStatus, ItineraryItem};
use crate::domain::role::Caller;
use crate::domain::text::parse_zone;
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};

/// A place as a request gives it.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PlaceInput)]
pub struct PlaceView {
    #[validate(
        length(min = 1, max = 300),
        custom(function = "super::input::not_blank")
    )]
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

/// A new scheduled entry (an itinerary item, or a press activity) and its
/// kind of activity. Where an accreditation lists places, `place.name`
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
    #[validate(
        length(min = 1, max = 500),
        custom(function = "super::input::not_blank")
    )]
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

/// A scheduled entry's times as given (itinerary items, press activities):
/// read in its zone, and checked to lie within its record's dates.
#[derive(Debug)]
pub struct Draft {
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

    pub fn check(&self, d: &Delegation) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
        self.within(d.start_date, d.end_date)
    }
}

/// The zone a scheduled entry is planned in: the one given, or the province's.
pub fn zone(raw: Option<&str>) -> ApiResult<Tz> {
    raw.map(|z| parse_zone(z).map_err(|m| ApiError::invalid("time_zone", m)))
        .transpose()
        .map(|z| z.unwrap_or(PROVINCE_TZ))
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
    let zone = zone(input.time_zone.as_deref())?;
    let draft = Draft {
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        zone,
    };
    let (starts, ends) = draft.check(&d)?;
    let fields = ItemFields {
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: zone.name().to_owned(),
        kind: input.kind.as_str().to_owned(),
        title: input.title.trim().to_owned(),
        place_name: input.place.name.trim().to_owned(),
        place_address: trimmed(input.place.address),
        place_district: trimmed(input.place.district),
        participants: trimmed(input.participants),
        escort_officer: trimmed(input.escort_officer),
        status: ItemStatus::Planned.as_str().to_owned(),
        import_uid: None,
    };
    let (item, entry) = insert(conn, &d, &fields)?;
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
    let zone = match patch.time_zone.as_deref() {
        Some(z) => zone(Some(z))?,
        None => current.time_zone,
    };
    let local = |t: DateTime<Utc>| t.with_timezone(&current.time_zone).to_rfc3339();
    let draft = Draft {
        starts_at: patch.starts_at.unwrap_or_else(|| local(current.starts_at)),
        ends_at: patch.ends_at.unwrap_or_else(|| local(current.ends_at)),
        zone,
    };
    let (starts, ends) = draft.check(&d)?;
    let place = patch.place.unwrap_or_else(|| PlaceView {
        name: current.place.name.clone(),
        address: current.place.address.clone(),
        district: current.place.district.clone(),
    });
    let fields = ItemFields {
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: zone.name().to_owned(),
        kind: patch.kind.unwrap_or(current.kind).as_str().to_owned(),
        title: patch
            .title
            .map(|t| t.trim().to_owned())
            .unwrap_or_else(|| current.title.clone()),
        place_name: place.name.trim().to_owned(),
        place_address: trimmed(place.address),
        place_district: trimmed(place.district),
        participants: patch
            .participants
            .map_or_else(|| current.participants.clone(), |p| trimmed(Some(p))),
        escort_officer: patch
            .escort_officer
            .map_or_else(|| current.escort_officer.clone(), |p| trimmed(Some(p))),
        status: patch.status.unwrap_or(current.status).as_str().to_owned(),
        import_uid: current.import_uid.clone(),
    };
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
    let old = ItemFields::from(current);
    let changes = Changes::new()
        .diff("starts_at", &old.starts_at, &fields.starts_at)
        .diff("ends_at", &old.ends_at, &fields.ends_at)
        .diff("time_zone", &old.time_zone, &fields.time_zone)
        .diff("kind", &old.kind, &fields.kind)
        .diff("title", &old.title, &fields.title)
        .diff("place_name", &old.place_name, &fields.place_name)
        .diff("place_address", &old.place_address, &fields.place_address)
        .diff(
            "place_district",
            &old.place_district,
            &fields.place_district,
        )
        .diff("participants", &old.participants, &fields.participants)
        .diff(
            "escort_officer",
            &old.escort_officer,
            &fields.escort_officer,
        )
        .diff("status", &old.status, &fields.status);
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
