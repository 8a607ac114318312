//! The `itinerary_items` table.

pub(crate) mod entry;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use self::entry::{entry_fields, entry_record, stored_zone};
use super::AnyConnection;
use super::schema::itinerary_items as i;
use super::stamp::Stamp;
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{EntryPlan, ItemKind, ItemStatus, ItineraryItem};
use crate::error::{ApiError, ApiResult};

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = i)]
struct Row {
    id: ItineraryItemId,
    delegation_id: DelegationId,
    starts_at: Stamp,
    ends_at: Stamp,
    time_zone: String,
    kind: ItemKind,
    title: String,
    place_name: String,
    place_address: Option<String>,
    place_district: Option<String>,
    participants: Option<String>,
    escort_officer: Option<String>,
    status: ItemStatus,
    import_uid: Option<String>,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl TryFrom<Row> for ItineraryItem {
    type Error = ApiError;

    fn try_from(row: Row) -> ApiResult<ItineraryItem> {
        let time_zone = stored_zone(&row.time_zone, format_args!("itinerary item {}", row.id))?;
        Ok(entry_record!(ItineraryItem {
            id: row.id,
            delegation_id: row.delegation_id,
            time_zone,
            import_uid: row.import_uid,
        } from row))
    }
}

/// An item's fields, for a new item or in full for a change. Serialized,
/// they are what a change records (`Changes::between`); the .ics key is
/// bookkeeping, not a change anyone makes.
#[derive(Debug, Clone, PartialEq, Serialize, Insertable, AsChangeset)]
#[diesel(table_name = i, treat_none_as_null = true)]
pub struct ItemFields {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub kind: String,
    pub title: String,
    pub place_name: String,
    pub place_address: Option<String>,
    pub place_district: Option<String>,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
    pub status: String,
    #[serde(skip)]
    pub import_uid: Option<String>,
}

impl ItemFields {
    pub fn new(plan: EntryPlan<ItemKind>, import_uid: Option<String>) -> Self {
        entry_fields!(ItemFields { import_uid } from plan)
    }
}

impl From<&ItineraryItem> for ItemFields {
    fn from(x: &ItineraryItem) -> Self {
        Self::new(x.into(), x.import_uid.clone())
    }
}

pub fn list(conn: &mut AnyConnection, delegation: DelegationId) -> ApiResult<Vec<ItineraryItem>> {
    i::table
        .filter(i::delegation_id.eq(delegation.get()))
        .order((i::starts_at.asc(), i::id.asc()))
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(ItineraryItem::try_from)
        .collect()
}

/// Items overlapping the window, of one unit's or one delegation's
/// delegations if asked.
pub fn in_window(
    conn: &mut AnyConnection,
    window: &super::schedule::Window,
    only_unit: Option<crate::domain::ids::UnitId>,
    delegation: Option<DelegationId>,
) -> ApiResult<Vec<ItineraryItem>> {
    use super::schema::delegations as d;
    let mut query = i::table
        .filter(super::schedule::overlapping!(i, window))
        .select(Row::as_select())
        .into_boxed();
    if let Some(unit) = only_unit {
        query = query.filter(
            i::delegation_id.eq_any(
                d::table
                    .filter(d::host_unit_id.eq(unit.get()))
                    .select(d::id),
            ),
        );
    }
    if let Some(one) = delegation {
        query = query.filter(i::delegation_id.eq(one.get()));
    }
    query
        .load::<Row>(conn)?
        .into_iter()
        .map(ItineraryItem::try_from)
        .collect()
}

pub fn count(conn: &mut AnyConnection, delegation: DelegationId) -> ApiResult<i64> {
    Ok(i::table
        .filter(i::delegation_id.eq(delegation.get()))
        .count()
        .get_result(conn)?)
}

pub fn find(
    conn: &mut AnyConnection,
    delegation: DelegationId,
    id: ItineraryItemId,
) -> ApiResult<Option<ItineraryItem>> {
    i::table
        .filter(i::delegation_id.eq(delegation.get()))
        .filter(i::id.eq(id.get()))
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(ItineraryItem::try_from)
        .transpose()
}

pub fn insert(
    conn: &mut AnyConnection,
    delegation: DelegationId,
    fields: &ItemFields,
    at: DateTime<Utc>,
) -> ApiResult<ItineraryItem> {
    let at = at.naive_utc();
    let row = diesel::insert_into(i::table)
        .values((
            i::delegation_id.eq(delegation.get()),
            fields,
            i::created_at.eq(at),
            i::updated_at.eq(at),
            i::version.eq(1_i64),
        ))
        .returning(i::all_columns)
        .get_result::<Row>(conn)?;
    ItineraryItem::try_from(row)
}

pub fn update(
    conn: &mut AnyConnection,
    item: &ItineraryItem,
    fields: &ItemFields,
    at: DateTime<Utc>,
) -> ApiResult<Option<ItineraryItem>> {
    diesel::update(
        i::table
            .filter(i::id.eq(item.id.get()))
            .filter(i::version.eq(item.version)),
    )
    .set((
        fields,
        i::updated_at.eq(at.naive_utc()),
        i::version.eq(i::version + 1),
    ))
    .returning(i::all_columns)
    .get_result::<Row>(conn)
    .optional()?
    .map(ItineraryItem::try_from)
    .transpose()
}

pub fn delete(conn: &mut AnyConnection, id: ItineraryItemId) -> ApiResult<()> {
    diesel::delete(i::table.find(id.get())).execute(conn)?;
    Ok(())
}
