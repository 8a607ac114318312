//! The `settings` and `calendar_swaps` tables: the province's choices and
//! the government's swap days, read whole for each request that counts days.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{calendar_swaps as cs, settings as s};
use crate::domain::deadlines::ProvinceSettings;
use crate::error::{ApiError, ApiResult};

/// The name of the row that holds [`ProvinceSettings`].
const DEADLINES: &str = "deadlines";

/// The stored settings and their version (0 when never written: the defaults).
pub fn province(conn: &mut AnyConnection) -> ApiResult<(ProvinceSettings, i64)> {
    let row = s::table
        .filter(s::name.eq(DEADLINES))
        .select((s::value, s::version))
        .first::<(String, i64)>(conn)
        .optional()?;
    match row {
        None => Ok((ProvinceSettings::default(), 0)),
        Some((value, version)) => {
            let settings = serde_json::from_str(&value)
                .map_err(|e| ApiError::internal(format_args!("stored settings unreadable: {e}")))?;
            Ok((settings, version))
        }
    }
}

/// Writes the settings if they are still at `version`; false when another
/// change came first.
pub fn save_province(
    conn: &mut AnyConnection,
    settings: &ProvinceSettings,
    version: i64,
    at: DateTime<Utc>,
) -> ApiResult<bool> {
    let value = serde_json::to_string(settings).map_err(ApiError::internal)?;
    let at = at.naive_utc();
    if version == 0 {
        // The first write; a concurrent first write meets the primary key
        // (409, nothing changed).
        let inserted = diesel::insert_into(s::table)
            .values((
                s::name.eq(DEADLINES),
                s::value.eq(&value),
                s::updated_at.eq(at),
                s::version.eq(1_i64),
            ))
            .execute(conn)?;
        return Ok(inserted == 1);
    }
    let updated = diesel::update(
        s::table
            .filter(s::name.eq(DEADLINES))
            .filter(s::version.eq(version)),
    )
    .set((
        s::value.eq(&value),
        s::updated_at.eq(at),
        s::version.eq(s::version + 1),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// One day of the swap table.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = cs)]
pub struct SwapRow {
    pub day: NaiveDate,
    pub working: bool,
    pub note: String,
    pub source: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The swaps in `from..=to`, by date.
pub fn swaps(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate) -> ApiResult<Vec<SwapRow>> {
    Ok(cs::table
        .filter(cs::day.ge(from))
        .filter(cs::day.le(to))
        .order(cs::day.asc())
        .select(SwapRow::as_select())
        .load(conn)?)
}

/// Every swap (a few a year).
pub fn all_swaps(conn: &mut AnyConnection) -> ApiResult<Vec<SwapRow>> {
    Ok(cs::table
        .order(cs::day.asc())
        .select(SwapRow::as_select())
        .load(conn)?)
}

pub fn find_swap(conn: &mut AnyConnection, day: NaiveDate) -> ApiResult<Option<SwapRow>> {
    Ok(cs::table
        .find(day)
        .select(SwapRow::as_select())
        .first(conn)
        .optional()?)
}

/// Adds the swap of `day`, or replaces it.
pub fn put_swap(
    conn: &mut AnyConnection,
    day: NaiveDate,
    working: bool,
    note: &str,
    source: &str,
    at: DateTime<Utc>,
) -> ApiResult<SwapRow> {
    let at = at.naive_utc();
    let changed = diesel::update(cs::table.find(day))
        .set((
            cs::working.eq(working),
            cs::note.eq(note),
            cs::source.eq(source),
            cs::updated_at.eq(at),
        ))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(cs::table)
            .values((
                cs::day.eq(day),
                cs::working.eq(working),
                cs::note.eq(note),
                cs::source.eq(source),
                cs::created_at.eq(at),
                cs::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    find_swap(conn, day)?.ok_or_else(|| ApiError::internal("a swap just written is missing"))
}

pub fn delete_swap(conn: &mut AnyConnection, day: NaiveDate) -> ApiResult<bool> {
    Ok(diesel::delete(cs::table.find(day)).execute(conn)? == 1)
}
