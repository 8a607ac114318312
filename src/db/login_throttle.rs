//! The login throttle's memory: failed logins per username and per client
//! address, shared by every process on the same database.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::login_throttle;
use crate::domain::login::{FailureRecord, LoginThrottle, ThrottlePolicy, ThrottleScope};
use crate::error::{ApiError, ApiResult};

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

/// Counts an attempt of `subject` as a failure before its password is
/// checked, unless a lock is in force (`Err(seconds left)`). Counted first,
/// under the row's lock, so that parallel guesses are counted one after the
/// other and the ones past the limit are refused without a check; a right
/// password takes its count back ([`refund`]).
pub fn reserve(
    conn: &mut AnyConnection,
    scope: ThrottleScope,
    subject: &str,
    policy: &ThrottlePolicy,
    at: DateTime<Utc>,
) -> ApiResult<Result<FailureRecord, u64>> {
    let row = login_throttle::table.find((scope.as_str(), subject));
    let exists = lock(conn, scope, subject)?;
    let previous = if exists {
        get(conn, scope, subject)?
    } else {
        None
    };
    if let Some(wait) = policy.locked_for(previous.as_ref(), at) {
        return Ok(Err(wait));
    }
    let next = policy.after_failure(previous.as_ref(), at);
    let values = (
        login_throttle::failures.eq(next.failures),
        login_throttle::window_started_at.eq(next.window_started_at.naive_utc()),
        login_throttle::locked_until.eq(next.locked_until.map(|t| t.naive_utc())),
    );
    if exists {
        diesel::update(row).set(values).execute(conn)?;
        return Ok(Ok(next));
    }
    // Two first attempts at once on PostgreSQL: the second insert meets the
    // first's row. The savepoint keeps the transaction usable; start over
    // on the row that now exists.
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
        Ok(_) => Ok(Ok(next)),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => reserve(conn, scope, subject, policy, at),
        Err(e) => Err(e.into()),
    }
}

/// Takes back the failure [`reserve`] counted for an attempt that was right.
pub fn refund(
    conn: &mut AnyConnection,
    scope: ThrottleScope,
    subject: &str,
    policy: &ThrottlePolicy,
) -> ApiResult<()> {
    let row = login_throttle::table.find((scope.as_str(), subject));
    lock(conn, scope, subject)?;
    if let Some(record) = get(conn, scope, subject)? {
        let back = policy.after_refund(&record);
        diesel::update(row)
            .set((
                login_throttle::failures.eq(back.failures),
                login_throttle::locked_until.eq(back.locked_until.map(|t| t.naive_utc())),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Takes the subject's row lock (PostgreSQL) for the rest of the
/// transaction, so that counts of one subject are made one after the other
/// (SQLite's writes are serial anyway). Returns whether the row exists.
fn lock(conn: &mut AnyConnection, scope: ThrottleScope, subject: &str) -> ApiResult<bool> {
    Ok(
        diesel::update(login_throttle::table.find((scope.as_str(), subject)))
            .set(login_throttle::failures.eq(login_throttle::failures))
            .execute(conn)?
            > 0,
    )
}

/// Counts one guess for every subject ([`reserve`]): their failures so far,
/// or 429 when any is locked (the caller's transaction then takes back
/// what was counted for the others).
pub fn reserve_all(
    conn: &mut AnyConnection,
    throttle: &LoginThrottle,
    subjects: &[(ThrottleScope, String)],
    at: DateTime<Utc>,
) -> ApiResult<Vec<i64>> {
    subjects
        .iter()
        .map(|(scope, subject)| {
            match reserve(conn, *scope, subject, throttle.policy(*scope), at)? {
                Ok(record) => Ok(record.failures),
                Err(retry_after) => Err(ApiError::TooManyRequests { retry_after }),
            }
        })
        .collect()
}

/// After a right guess: each subject forgiven by success forgets its
/// failures, the others take back the guess's count.
pub fn settle_right_guess(
    conn: &mut AnyConnection,
    throttle: &LoginThrottle,
    subjects: &[(ThrottleScope, String)],
) -> ApiResult<()> {
    for (scope, subject) in subjects {
        if scope.forgiven_by_success() {
            clear(conn, *scope, subject)?;
        } else {
            refund(conn, *scope, subject, throttle.policy(*scope))?;
        }
    }
    Ok(())
}

/// Forgets a username's failures after it logged in. An address's failures
/// are not forgiven by one success: a guesser may own one account.
pub fn clear(conn: &mut AnyConnection, scope: ThrottleScope, subject: &str) -> ApiResult<()> {
    diesel::delete(login_throttle::table.find((scope.as_str(), subject))).execute(conn)?;
    Ok(())
}
