//! The login throttle's memory: failed logins per username, shared by every
//! process on the same database.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::login_failures;
use crate::domain::login::{FailureRecord, ThrottlePolicy};
use crate::error::ApiResult;

/// The record of failures for this username, if any.
pub fn get(conn: &mut AnyConnection, username: &str) -> ApiResult<Option<FailureRecord>> {
    let row = login_failures::table
        .find(username)
        .select((
            login_failures::failures,
            login_failures::window_started_at,
            login_failures::locked_until,
        ))
        .first::<(i64, NaiveDateTime, Option<NaiveDateTime>)>(conn)
        .optional()?;
    Ok(row.map(|(failures, started, locked)| FailureRecord {
        failures,
        window_started_at: started.and_utc(),
        locked_until: locked.map(|t| t.and_utc()),
    }))
}

/// Counts one more failure and stores the lock it leads to.
pub fn record_failure(
    conn: &mut AnyConnection,
    username: &str,
    policy: &ThrottlePolicy,
    at: DateTime<Utc>,
) -> ApiResult<FailureRecord> {
    let previous = get(conn, username)?;
    let next = policy.after_failure(previous.as_ref(), at);
    let values = (
        login_failures::failures.eq(next.failures),
        login_failures::window_started_at.eq(next.window_started_at.naive_utc()),
        login_failures::locked_until.eq(next.locked_until.map(|t| t.naive_utc())),
    );
    if previous.is_some() {
        diesel::update(login_failures::table.find(username))
            .set(values)
            .execute(conn)?;
        return Ok(next);
    }
    // Two first failures at once on PostgreSQL: the second insert meets the
    // first's row. The savepoint keeps the transaction usable; count again.
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(login_failures::table)
            .values((login_failures::username.eq(username), values))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(next),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => record_failure(conn, username, policy, at),
        Err(e) => Err(e.into()),
    }
}

pub fn clear(conn: &mut AnyConnection, username: &str) -> ApiResult<()> {
    diesel::delete(login_failures::table.find(username)).execute(conn)?;
    Ok(())
}
