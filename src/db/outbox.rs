//! The `outbox` table (e-mail written in the transaction of the change
//! that causes it, sent after commit) and the wake-up that tells this
//! process's sender that a commit left something to send.
//!
//! Exactly once: a row is claimed for a lease by one sender (PostgreSQL:
//! `FOR UPDATE SKIP LOCKED`, so two processes never pick the same row;
//! SQLite: its one writer), sent with a Message-ID made from its id, and
//! marked sent only after the SMTP server accepted it, and only by the
//! holder of the lease. A process killed before it sent leaves the row
//! unsent (its lease runs out, another sender takes it).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::outbox;
use crate::domain::ids::UserId;
use crate::error::ApiResult;

/// Whether e-mail is on in this process, and the sender's wake-up: set
/// after a commit that wrote to the outbox, so that a notice leaves at
/// once instead of at the next sweep.
#[derive(Debug, Default)]
pub struct Signal {
    enabled: AtomicBool,
    woken: Mutex<bool>,
    bell: Condvar,
}

impl Signal {
    /// Turns the change notices on (the sender started).
    pub fn enable(&self) {
        self.enabled.store(true, Ordering::Release);
    }

    /// Whether changes should write notices: off while e-mail is not
    /// configured, so that no outbox grows that nobody sends.
    pub fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Acquire)
    }

    /// Wakes the sender (after a commit that wrote mail).
    pub fn wake(&self) {
        if let Ok(mut woken) = self.woken.lock() {
            *woken = true;
            self.bell.notify_all();
        }
    }

    /// Waits until woken or `timeout` passed.
    pub fn wait(&self, timeout: Duration) {
        let Ok(woken) = self.woken.lock() else {
            std::thread::sleep(timeout);
            return;
        };
        let Ok((mut woken, _)) = self.bell.wait_timeout_while(woken, timeout, |w| !*w) else {
            return;
        };
        *woken = false;
    }
}

/// Kinds of mail.
pub const CHANGE_NOTICE: &str = "change_notice";
pub const DIGEST: &str = "digest";

/// A message to write.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: &'static str,
    /// One row per key at most (a user's digest of a day).
    pub dedup_key: Option<String>,
    pub recipient: UserId,
    pub to_address: String,
    pub language: String,
    pub subject: String,
    pub body: String,
}

/// Writes `mail`, due now; `false` when a row with its key exists already.
pub fn insert(conn: &mut AnyConnection, mail: &NewMail, now: DateTime<Utc>) -> ApiResult<bool> {
    let now = now.naive_utc();
    let values = (
        outbox::kind.eq(mail.kind),
        outbox::dedup_key.eq(&mail.dedup_key),
        outbox::recipient_id.eq(mail.recipient.get()),
        outbox::to_address.eq(&mail.to_address),
        outbox::language.eq(&mail.language),
        outbox::subject.eq(&mail.subject),
        outbox::body.eq(&mail.body),
        outbox::created_at.eq(now),
        outbox::attempts.eq(0_i64),
        outbox::next_attempt_at.eq(now),
    );
    // The combined backend has no ON CONFLICT: each engine's own.
    let written = match conn {
        AnyConnection::Postgresql(c) => diesel::insert_into(outbox::table)
            .values(values)
            .on_conflict_do_nothing()
            .execute(c)?,
        AnyConnection::Sqlite(c) => diesel::insert_into(outbox::table)
            .values(values)
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    Ok(written > 0)
}

/// Whether the row with this key was written already.
pub fn key_taken(conn: &mut AnyConnection, key: &str) -> ApiResult<bool> {
    let n: i64 = outbox::table
        .filter(outbox::dedup_key.eq(key))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A row claimed for sending.
#[derive(Debug, Clone, Queryable)]
pub struct Claimed {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub attempts: i64,
    /// The lease: only its holder marks the row.
    pub claimed_until: Option<NaiveDateTime>,
}

/// Claims up to `limit` unsent rows that are due and not leased by a live
/// sender, until `lease_until`.
pub fn claim(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> ApiResult<Vec<Claimed>> {
    let now = now.naive_utc();
    let due = outbox::sent_at
        .is_null()
        .and(outbox::next_attempt_at.le(now))
        .and(
            outbox::claimed_until
                .is_null()
                .or(outbox::claimed_until.lt(now)),
        );
    let ids: Vec<i64> = match conn {
        // Rows another process is claiming right now are skipped, not waited for.
        AnyConnection::Postgresql(c) => outbox::table
            .filter(due)
            .order(outbox::id.asc())
            .limit(limit)
            .select(outbox::id)
            .for_update()
            .skip_locked()
            .load(c)?,
        AnyConnection::Sqlite(c) => outbox::table
            .filter(due)
            .order(outbox::id.asc())
            .limit(limit)
            .select(outbox::id)
            .load(c)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The condition again: a row claimed in between is not taken twice.
    Ok(
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)).filter(due))
            .set((
                outbox::claimed_until.eq(Some(lease_until.naive_utc())),
                outbox::attempts.eq(outbox::attempts + 1),
            ))
            .returning((
                outbox::id,
                outbox::to_address,
                outbox::subject,
                outbox::body,
                outbox::created_at,
                outbox::attempts,
                outbox::claimed_until,
            ))
            .load(conn)?,
    )
}

/// Marks a claimed row sent (the SMTP server accepted it); `false` when
/// the lease was lost meanwhile.
pub fn mark_sent(conn: &mut AnyConnection, row: &Claimed, now: DateTime<Utc>) -> ApiResult<bool> {
    Ok(diesel::update(
        outbox::table
            .filter(outbox::id.eq(row.id))
            .filter(outbox::claimed_until.eq(row.claimed_until))
            .filter(outbox::sent_at.is_null()),
    )
    .set((
        outbox::sent_at.eq(Some(now.naive_utc())),
        outbox::claimed_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(None::<String>),
    ))
    .execute(conn)?
        > 0)
}

/// Gives a claimed row back after a failed attempt, to be tried at `retry_at`.
pub fn release(
    conn: &mut AnyConnection,
    row: &Claimed,
    retry_at: DateTime<Utc>,
    error: &str,
) -> ApiResult<()> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(row.id))
            .filter(outbox::claimed_until.eq(row.claimed_until)),
    )
    .set((
        outbox::claimed_until.eq(None::<NaiveDateTime>),
        outbox::next_attempt_at.eq(retry_at.naive_utc()),
        outbox::last_error.eq(Some(error.chars().take(500).collect::<String>())),
    ))
    .execute(conn)?;
    Ok(())
}

/// How many messages wait to be sent (the outbox's depth, for `/metrics`).
pub fn pending(conn: &mut AnyConnection) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::sent_at.is_null())
        .count()
        .get_result(conn)
}

impl Signal {
    /// After a commit: wakes the sender if the change wrote mail.
    pub fn after_commit(&self, mailed: bool) {
        if mailed {
            self.wake();
        }
    }
}
