//! The `itinerary_items` table.

use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::itinerary_items as i;
use super::stamp::Stamp;
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{ItemKind, ItemStatus, ItineraryItem, Place};
use crate::error::{ApiError, ApiResult};

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = i)]
struct Row {
    id: i64,
    delegation_id: i64,
    starts_at: Stamp,
    ends_at: Stamp,
    time_zone: String,
    kind: String,
    title: String,
    place_name: String,
    place_address: Option<String>,
    place_district: Option<String>,
    participants: Option<String>,
    escort_officer: Option<String>,
    status: String,
    import_uid: Option<String>,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl TryFrom<Row> for ItineraryItem {
    type Error = ApiError;

    fn try_from(row: Row) -> ApiResult<ItineraryItem> {
        let corrupt = |what: &str| {
            ApiError::internal(format_args!("itinerary item {} has a bad {what}", row.id))
        };
        Ok(ItineraryItem {
            id: ItineraryItemId(row.id),
            delegation_id: DelegationId(row.delegation_id),
            starts_at: row.starts_at.and_utc(),
            ends_at: row.ends_at.and_utc(),
            time_zone: Tz::from_str(&row.time_zone).map_err(|_| corrupt("time zone"))?,
            kind: ItemKind::parse(&row.kind).ok_or_else(|| corrupt("kind"))?,
            status: ItemStatus::parse(&row.status).ok_or_else(|| corrupt("status"))?,
            title: row.title,
            place: Place {
                name: row.place_name,
                address: row.place_address,
                district: row.place_district,
            },
            participants: row.participants,
            escort_officer: row.escort_officer,
            import_uid: row.import_uid,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        })
    }
}

/// An item's fields, for a new item or in full for a change.
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset)]
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
    pub import_uid: Option<String>,
}

impl From<&ItineraryItem> for ItemFields {
    fn from(x: &ItineraryItem) -> Self {
        Self {
            starts_at: x.starts_at.naive_utc(),
            ends_at: x.ends_at.naive_utc(),
            time_zone: x.time_zone.name().to_owned(),
            kind: x.kind.as_str().to_owned(),
            title: x.title.clone(),
            place_name: x.place.name.clone(),
            place_address: x.place.address.clone(),
            place_district: x.place.district.clone(),
            participants: x.participants.clone(),
            escort_officer: x.escort_officer.clone(),
            status: x.status.as_str().to_owned(),
            import_uid: x.import_uid.clone(),
        }
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
