//! Running numbers per series and year, taken inside the creating
//! transaction: a rolled-back create gives its number back, so references
//! have no gaps, and the counter row's lock orders concurrent creates.

use diesel::prelude::*;

use super::AnyConnection;
use super::schema::reference_counters as rc;
use crate::domain::reference::{Series, format};
use crate::error::ApiResult;

/// The next reference of `series` for `year`.
pub fn next(conn: &mut AnyConnection, series: Series, year: i32) -> ApiResult<String> {
    let prefix = series.prefix();
    let key = rc::table
        .filter(rc::prefix.eq(prefix))
        .filter(rc::year.eq(year));
    let bumped = diesel::update(key)
        .set(rc::last_number.eq(rc::last_number + 1))
        .execute(conn)?;
    if bumped == 0 {
        // The year's first: two first creates at once on PostgreSQL meet on
        // the primary key; the savepoint lets the loser count again.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(rc::table)
                .values((
                    rc::prefix.eq(prefix),
                    rc::year.eq(year),
                    rc::last_number.eq(1_i64),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_) => return Ok(format(series, year, 1)),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                return next(conn, series, year);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let number: i64 = rc::table
        .filter(rc::prefix.eq(prefix))
        .filter(rc::year.eq(year))
        .select(rc::last_number)
        .first(conn)?;
    Ok(format(series, year, number))
}
