//! The login throttle's memory: failed logins per username and per client
//! address, shared by every process on the same database.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::login_throttle;
use crate::domain::login::{FailureRecord, ThrottlePolicy, ThrottleScope};
use crate::error::ApiResult;

/// The record of failures of `subject` (a username or an address), if any.
pub fn get(
    conn: &mut AnyConnection,
    scope: ThrottleScope,
    subject: &str,
) -> ApiResult<Option<FailureRecord>> {
    let row = login_throttle::table
        .find((scope.as_str(), subject))
        .select((
            login_throttle::failures,
            login_throttle::window_started_at,
            login_throttle::locked_until,
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
    scope: ThrottleScope,
    subject: &str,
    policy: &ThrottlePolicy,
    at: DateTime<Utc>,
) -> ApiResult<FailureRecord> {
    let previous = get(conn, scope, subject)?;
    let next = policy.after_failure(previous.as_ref(), at);
    let values = (
        login_throttle::failures.eq(next.failures),
        login_throttle::window_started_at.eq(next.window_started_at.naive_utc()),
        login_throttle::locked_until.eq(next.locked_until.map(|t| t.naive_utc())),
    );
    if previous.is_some() {
        diesel::update(login_throttle::table.find((scope.as_str(), subject)))
            .set(values)
            .execute(conn)?;
        return Ok(next);
    }
    // Two first failures at once on PostgreSQL: the second insert meets the
    // first's row. The savepoint keeps the transaction usable; count again.
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(login_throttle::table)
            .values((
                login_throttle::scope.eq(scope.as_str()),
                login_throttle::subject.eq(subject),
                values,
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(next),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => record_failure(conn, scope, subject, policy, at),
        Err(e) => Err(e.into()),
    }
}

/// Forgets a username's failures after it logged in. An address's failures
/// are not forgiven by one success: a guesser may own one account.
pub fn clear(conn: &mut AnyConnection, scope: ThrottleScope, subject: &str) -> ApiResult<()> {
    diesel::delete(login_throttle::table.find((scope.as_str(), subject))).execute(conn)?;
    Ok(())
}
