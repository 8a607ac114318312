//! The console's sign-ins (`console_sessions`) and what a user chose for
//! themself (`user_preferences`). A session row is state, not a record: it
//! is opened and closed without an audit entry, as the API's logins are.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{console_sessions, user_preferences};
use crate::domain::ids::UserId;
use crate::error::ApiResult;

/// A session as its row holds it.
#[derive(Debug, Clone, Copy)]
pub struct SessionRow {
    pub user_id: UserId,
    pub token_epoch: i64,
    pub expires_at: DateTime<Utc>,
}

/// Opens a session under the hash of its key; sessions that expired by
/// `now` go at the same time.
pub fn open(
    conn: &mut AnyConnection,
    key_hash: &str,
    user_id: UserId,
    token_epoch: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> ApiResult<()> {
    diesel::delete(
        console_sessions::table.filter(console_sessions::expires_at.le(now.naive_utc())),
    )
    .execute(conn)?;
    diesel::insert_into(console_sessions::table)
        .values((
            console_sessions::key_hash.eq(key_hash),
            console_sessions::user_id.eq(user_id.get()),
            console_sessions::token_epoch.eq(token_epoch),
            console_sessions::created_at.eq(now.naive_utc()),
            console_sessions::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The session under `key_hash`, if it is open.
pub fn find(conn: &mut AnyConnection, key_hash: &str) -> ApiResult<Option<SessionRow>> {
    let row = console_sessions::table
        .find(key_hash)
        .select((
            console_sessions::user_id,
            console_sessions::token_epoch,
            console_sessions::expires_at,
        ))
        .first::<(i64, i64, NaiveDateTime)>(conn)
        .optional()?;
    Ok(row.map(|(user_id, token_epoch, expires_at)| SessionRow {
        user_id: UserId(user_id),
        token_epoch,
        expires_at: expires_at.and_utc(),
    }))
}

/// Closes the session under `key_hash` (signing out).
pub fn close(conn: &mut AnyConnection, key_hash: &str) -> ApiResult<()> {
    diesel::delete(console_sessions::table.find(key_hash)).execute(conn)?;
    Ok(())
}

/// The language `user` chose, if they chose one.
pub fn language(conn: &mut AnyConnection, user: UserId) -> ApiResult<Option<String>> {
    Ok(user_preferences::table
        .find(user.get())
        .select(user_preferences::language)
        .first::<String>(conn)
        .optional()?)
}

/// Keeps `language` as `user`'s choice.
pub fn set_language(conn: &mut AnyConnection, user: UserId, language: &str) -> ApiResult<()> {
    let updated = diesel::update(user_preferences::table.find(user.get()))
        .set(user_preferences::language.eq(language))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(user_preferences::table)
            .values((
                user_preferences::user_id.eq(user.get()),
                user_preferences::language.eq(language),
            ))
            .execute(conn)?;
    }
    Ok(())
}
