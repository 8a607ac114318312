//! The `units` table.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::units;
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

pub fn exists(conn: &mut AnyConnection, id: UnitId) -> ApiResult<bool> {
    let n: i64 = units::table
        .filter(units::id.eq(id.get()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
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
