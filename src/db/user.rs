//! The `users` table.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::users;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::role::Role;
use crate::domain::user::{User, Username};
use crate::error::{ApiError, ApiResult};

// Field order is the table's: `RETURNING` loads rows by position (the
// combined backend cannot return a `Selectable`). The password hash is read
// with the row and dropped on the way to [`User`].
#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    unit_id: Option<i64>,
    role: String,
    password_hash: String,
    active: bool,
    token_epoch: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
}

impl TryFrom<UserRow> for User {
    type Error = ApiError;

    fn try_from(row: UserRow) -> ApiResult<User> {
        Ok(User {
            id: UserId(row.id),
            role: Role::parse(&row.role).ok_or_else(|| {
                ApiError::internal(format_args!("user {} has role {:?}", row.id, row.role))
            })?,
            username: row.username,
            display_name: row.display_name,
            unit_id: row.unit_id.map(UnitId),
            active: row.active,
            token_epoch: row.token_epoch,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        })
    }
}

/// The fields of a new user; the password arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub display_name: String,
    pub unit_id: Option<UnitId>,
    pub role: Role,
    pub password_hash: String,
}

/// The fields a change may set; `None` keeps the stored value.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub unit_id: Option<Option<i64>>,
    pub role: Option<String>,
    pub password_hash: Option<String>,
    pub active: Option<bool>,
    pub token_epoch: Option<i64>,
}

/// Filters of the user list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub unit_id: Option<UnitId>,
    pub active: Option<bool>,
}

pub fn find(conn: &mut AnyConnection, id: UserId) -> ApiResult<Option<User>> {
    users::table
        .find(id.get())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

/// The user with this (already folded) username and its password hash.
pub fn find_for_login(
    conn: &mut AnyConnection,
    username: &str,
) -> ApiResult<Option<(User, String)>> {
    users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first::<UserRow>(conn)
        .optional()?
        .map(|row| {
            let hash = row.password_hash.clone();
            Ok((User::try_from(row)?, hash))
        })
        .transpose()
}

pub fn password_hash(conn: &mut AnyConnection, id: UserId) -> ApiResult<String> {
    Ok(users::table
        .find(id.get())
        .select(users::password_hash)
        .first(conn)?)
}

pub fn username_taken(conn: &mut AnyConnection, username: &str) -> ApiResult<bool> {
    let n: i64 = users::table
        .filter(users::username.eq(username))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// How many active administrators there are, but `except`.
/// The advisory lock key of the "one active administrator at least" rule
/// ("admins" in ASCII).
const ADMINS_LOCK_KEY: i64 = 0x6164_6d69_6e73;

/// How many active administrators there are besides `except`, counted under
/// a lock that every such count takes until its transaction ends: two
/// administrators deactivating each other at once are counted one after the
/// other, and the second sees the first's change (on PostgreSQL, whose
/// transactions run side by side; SQLite's writes are serial anyway).
pub fn other_active_admins(conn: &mut AnyConnection, except: UserId) -> ApiResult<i64> {
    if let AnyConnection::Postgresql(c) = conn {
        use diesel::connection::SimpleConnection;
        c.batch_execute(&format!("SELECT pg_advisory_xact_lock({ADMINS_LOCK_KEY})"))?;
    }
    Ok(users::table
        .filter(users::role.eq(Role::Admin.as_str()))
        .filter(users::active.eq(true))
        .filter(users::id.ne(except.get()))
        .count()
        .get_result(conn)?)
}

pub fn list(
    conn: &mut AnyConnection,
    filter: &UserFilter,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<User>> {
    let mut query = users::table
        .select(UserRow::as_select())
        .order(users::id.asc())
        .limit(limit.probe())
        .into_boxed();
    if let Some(role) = filter.role {
        query = query.filter(users::role.eq(role.as_str()));
    }
    if let Some(unit) = filter.unit_id {
        query = query.filter(users::unit_id.eq(unit.get()));
    }
    if let Some(active) = filter.active {
        query = query.filter(users::active.eq(active));
    }
    if let Some(after) = after {
        query = query.filter(users::id.gt(after));
    }
    query.load(conn)?.into_iter().map(User::try_from).collect()
}

pub fn insert(conn: &mut AnyConnection, new: &NewUser, at: DateTime<Utc>) -> ApiResult<User> {
    let at = at.naive_utc();
    let row = diesel::insert_into(users::table)
        .values((
            users::username.eq(new.username.as_str()),
            users::display_name.eq(&new.display_name),
            users::unit_id.eq(new.unit_id.map(UnitId::get)),
            users::role.eq(new.role.as_str()),
            users::password_hash.eq(&new.password_hash),
            users::active.eq(true),
            users::token_epoch.eq(0_i64),
            users::created_at.eq(at),
            users::updated_at.eq(at),
            users::version.eq(1_i64),
        ))
        .returning(users::all_columns)
        .get_result::<UserRow>(conn)?;
    User::try_from(row)
}

/// Applies `changes` if the user is still at `version`; `None` if it is not.
pub fn update(
    conn: &mut AnyConnection,
    id: UserId,
    version: i64,
    changes: &UserChanges,
    at: DateTime<Utc>,
) -> ApiResult<Option<User>> {
    diesel::update(
        users::table
            .filter(users::id.eq(id.get()))
            .filter(users::version.eq(version)),
    )
    .set((
        changes,
        users::updated_at.eq(at.naive_utc()),
        users::version.eq(users::version + 1),
    ))
    .returning(users::all_columns)
    .get_result::<UserRow>(conn)
    .optional()?
    .map(User::try_from)
    .transpose()
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: UserId) -> ApiResult<bool> {
    Ok(diesel::update(users::table.find(id.get()))
        .set(users::version.eq(users::version))
        .execute(conn)?
        > 0)
}
