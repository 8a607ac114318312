//! The `units` table.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{calendar_subscriptions, delegations, interviews, units, users};
use crate::domain::ids::UnitId;
use crate::domain::pagination::Limit;
use crate::domain::unit::{Unit, UnitKind};
use crate::error::{ApiError, ApiResult};

// Field order is the table's: `RETURNING` loads rows by position (the
// combined backend cannot return a `Selectable`).
#[derive(Queryable, Selectable)]
#[diesel(table_name = units)]
struct UnitRow {
    id: i64,
    name: String,
    name_en: String,
    kind: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
    merged_into_id: Option<i64>,
}

impl TryFrom<UnitRow> for Unit {
    type Error = ApiError;

    fn try_from(row: UnitRow) -> ApiResult<Unit> {
        Ok(Unit {
            id: UnitId(row.id),
            kind: UnitKind::parse(&row.kind).ok_or_else(|| {
                ApiError::internal(format_args!("unit {} has kind {:?}", row.id, row.kind))
            })?,
            name: row.name,
            name_en: row.name_en,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
            merged_into: row.merged_into_id.map(UnitId),
        })
    }
}

/// The fields of a new unit.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub name: String,
    pub name_en: String,
    pub kind: UnitKind,
}

/// The fields a change may set; `None` keeps the stored value.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = units)]
pub struct UnitChanges {
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub kind: Option<String>,
}

pub fn find(conn: &mut AnyConnection, id: UnitId) -> ApiResult<Option<Unit>> {
    units::table
        .find(id.get())
        .select(UnitRow::as_select())
        .first(conn)
        .optional()?
        .map(Unit::try_from)
        .transpose()
}

/// A page of units in id order, after `after`.
pub fn list(
    conn: &mut AnyConnection,
    kind: Option<UnitKind>,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<Unit>> {
    let mut query = units::table
        .select(UnitRow::as_select())
        .order(units::id.asc())
        .limit(limit.probe())
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(units::kind.eq(kind.as_str()));
    }
    if let Some(after) = after {
        query = query.filter(units::id.gt(after));
    }
    query.load(conn)?.into_iter().map(Unit::try_from).collect()
}

pub fn insert(conn: &mut AnyConnection, new: &NewUnit, at: DateTime<Utc>) -> ApiResult<Unit> {
    let at = at.naive_utc();
    let row = diesel::insert_into(units::table)
        .values((
            units::name.eq(&new.name),
            units::name_en.eq(&new.name_en),
            units::kind.eq(new.kind.as_str()),
            units::created_at.eq(at),
            units::updated_at.eq(at),
            units::version.eq(1_i64),
        ))
        .returning(units::all_columns)
        .get_result::<UnitRow>(conn)?;
    Unit::try_from(row)
}

/// Applies `changes` if the unit is still at `version`; `None` if it is not.
pub fn update(
    conn: &mut AnyConnection,
    id: UnitId,
    version: i64,
    changes: &UnitChanges,
    at: DateTime<Utc>,
) -> ApiResult<Option<Unit>> {
    diesel::update(
        units::table
            .filter(units::id.eq(id.get()))
            .filter(units::version.eq(version)),
    )
    .set((
        changes,
        units::updated_at.eq(at.naive_utc()),
        units::version.eq(units::version + 1),
    ))
    .returning(units::all_columns)
    .get_result::<UnitRow>(conn)
    .optional()?
    .map(Unit::try_from)
    .transpose()
}

pub fn find_by_name(conn: &mut AnyConnection, name: &str) -> ApiResult<Option<Unit>> {
    units::table
        .filter(units::name.eq(name))
        .select(UnitRow::as_select())
        .first(conn)
        .optional()?
        .map(Unit::try_from)
        .transpose()
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: UnitId) -> ApiResult<bool> {
    Ok(diesel::update(units::table.find(id.get()))
        .set(units::version.eq(units::version))
        .execute(conn)?
        > 0)
}

/// The records that belong to a unit, by kind: what a merge moves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holdings {
    /// Users with their token epoch, which the move raises.
    pub users: Vec<(i64, i64)>,
    pub delegations: Vec<i64>,
    pub interviews: Vec<i64>,
    pub subscriptions: Vec<i64>,
}

/// What belongs to unit `id`, in id order.
pub fn holdings(conn: &mut AnyConnection, id: UnitId) -> ApiResult<Holdings> {
    Ok(Holdings {
        users: users::table
            .filter(users::unit_id.eq(id.get()))
            .order(users::id.asc())
            .select((users::id, users::token_epoch))
            .load(conn)?,
        delegations: delegations::table
            .filter(delegations::host_unit_id.eq(id.get()))
            .order(delegations::id.asc())
            .select(delegations::id)
            .load(conn)?,
        interviews: interviews::table
            .filter(interviews::organizing_unit_id.eq(id.get()))
            .order(interviews::id.asc())
            .select(interviews::id)
            .load(conn)?,
        subscriptions: calendar_subscriptions::table
            .filter(calendar_subscriptions::unit_id.eq(id.get()))
            .order(calendar_subscriptions::id.asc())
            .select(calendar_subscriptions::id)
            .load(conn)?,
    })
}

/// Moves everything of unit `from` to unit `into` (each moved record at a
/// new version; users at a new token epoch, so that their sessions and
/// tokens end) and marks `from` merged into `into`, if `from` is still at
/// `version`; `None` if it is not.
pub fn merge(
    conn: &mut AnyConnection,
    from: UnitId,
    version: i64,
    into: UnitId,
    at: DateTime<Utc>,
) -> ApiResult<Option<Unit>> {
    let at = at.naive_utc();
    diesel::update(users::table.filter(users::unit_id.eq(from.get())))
        .set((
            users::unit_id.eq(into.get()),
            users::token_epoch.eq(users::token_epoch + 1),
            users::updated_at.eq(at),
            users::version.eq(users::version + 1),
        ))
        .execute(conn)?;
    diesel::update(delegations::table.filter(delegations::host_unit_id.eq(from.get())))
        .set((
            delegations::host_unit_id.eq(into.get()),
            delegations::updated_at.eq(at),
            delegations::version.eq(delegations::version + 1),
        ))
        .execute(conn)?;
    diesel::update(interviews::table.filter(interviews::organizing_unit_id.eq(from.get())))
        .set((
            interviews::organizing_unit_id.eq(into.get()),
            interviews::updated_at.eq(at),
            interviews::version.eq(interviews::version + 1),
        ))
        .execute(conn)?;
    diesel::update(
        calendar_subscriptions::table.filter(calendar_subscriptions::unit_id.eq(from.get())),
    )
    .set((
        calendar_subscriptions::unit_id.eq(into.get()),
        calendar_subscriptions::updated_at.eq(at),
        calendar_subscriptions::version.eq(calendar_subscriptions::version + 1),
    ))
    .execute(conn)?;
    diesel::update(
        units::table
            .filter(units::id.eq(from.get()))
            .filter(units::version.eq(version)),
    )
    .set((
        units::merged_into_id.eq(into.get()),
        units::updated_at.eq(at),
        units::version.eq(units::version + 1),
    ))
    .returning(units::all_columns)
    .get_result::<UnitRow>(conn)
    .optional()?
    .map(Unit::try_from)
    .transpose()
}
