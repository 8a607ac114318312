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

// --- e-mail settings (`mail_settings`) ---------------------------------------

use super::schema::{mail_settings, user_preferences};
use crate::console::i18n::Lang;

/// A user's e-mail settings as stored; no row is no address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailSettings {
    pub email: Option<String>,
    pub daily_digest: bool,
    pub change_notices: bool,
}

pub fn mail_settings(conn: &mut AnyConnection, id: UserId) -> ApiResult<MailSettings> {
    Ok(mail_settings::table
        .find(id.get())
        .select((
            mail_settings::email,
            mail_settings::daily_digest,
            mail_settings::change_notices,
        ))
        .first::<(Option<String>, bool, bool)>(conn)
        .optional()?
        .map_or(
            MailSettings {
                email: None,
                daily_digest: false,
                change_notices: true,
            },
            |(email, daily_digest, change_notices)| MailSettings {
                email,
                daily_digest,
                change_notices,
            },
        ))
}

pub fn set_mail_settings(
    conn: &mut AnyConnection,
    id: UserId,
    settings: &MailSettings,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let values = (
        mail_settings::email.eq(&settings.email),
        mail_settings::daily_digest.eq(settings.daily_digest),
        mail_settings::change_notices.eq(settings.change_notices),
        mail_settings::updated_at.eq(at.naive_utc()),
    );
    let updated = diesel::update(mail_settings::table.find(id.get()))
        .set(values)
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(mail_settings::table)
            .values((mail_settings::user_id.eq(id.get()), values))
            .execute(conn)?;
    }
    Ok(())
}

/// An active user with an address, as mail reaches them.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub id: UserId,
    pub display_name: String,
    pub role: Role,
    pub unit: Option<UnitId>,
    pub email: String,
    pub language: Lang,
}

type RecipientRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn recipients(rows: Vec<RecipientRow>) -> Vec<Recipient> {
    rows.into_iter()
        .filter_map(|(id, display_name, role, unit, email, language)| {
            Some(Recipient {
                id: UserId(id),
                display_name,
                role: Role::parse(&role)?,
                unit: unit.map(UnitId),
                email: email?,
                language: language
                    .as_deref()
                    .and_then(Lang::parse)
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Every active user with an address (whatever their settings), with their
/// language: change notices pick from them, and the escort officer's unit
/// is found among them by name.
pub fn notice_recipients(conn: &mut AnyConnection) -> ApiResult<Vec<Recipient>> {
    let rows = users::table
        .inner_join(mail_settings::table)
        .left_join(user_preferences::table.on(user_preferences::user_id.eq(users::id)))
        .filter(users::active.eq(true))
        .filter(mail_settings::email.is_not_null())
        .filter(mail_settings::change_notices.eq(true))
        .select((
            users::id,
            users::display_name,
            users::role,
            users::unit_id,
            mail_settings::email,
            user_preferences::language.nullable(),
        ))
        .load::<RecipientRow>(conn)?;
    Ok(recipients(rows))
}

/// The units of the active users called `folded_name` (folded as
/// `domain::text::fold` does).
pub fn units_of_named(
    conn: &mut AnyConnection,
    folded_name: &str,
) -> ApiResult<Vec<Option<UnitId>>> {
    let all = users::table
        .filter(users::active.eq(true))
        .select((users::display_name, users::unit_id))
        .load::<(String, Option<i64>)>(conn)?;
    Ok(all
        .into_iter()
        .filter(|(name, _)| crate::domain::text::fold(name).trim() == folded_name.trim())
        .map(|(_, unit)| unit.map(UnitId))
        .collect())
}

/// The users who asked for the daily digest and have an address.
pub fn digest_recipients(conn: &mut AnyConnection) -> ApiResult<Vec<Recipient>> {
    let rows = users::table
        .inner_join(mail_settings::table)
        .left_join(user_preferences::table.on(user_preferences::user_id.eq(users::id)))
        .filter(users::active.eq(true))
        .filter(mail_settings::email.is_not_null())
        .filter(mail_settings::daily_digest.eq(true))
        .select((
            users::id,
            users::display_name,
            users::role,
            users::unit_id,
            mail_settings::email,
            user_preferences::language.nullable(),
        ))
        .load::<RecipientRow>(conn)?;
    Ok(recipients(rows))
}

/// Whether any active user with an address takes change notices.
pub fn anyone_takes_notices(conn: &mut AnyConnection) -> ApiResult<bool> {
    let first = mail_settings::table
        .inner_join(users::table)
        .filter(users::active.eq(true))
        .filter(mail_settings::email.is_not_null())
        .filter(mail_settings::change_notices.eq(true))
        .select(mail_settings::user_id)
        .first::<i64>(conn)
        .optional()?;
    Ok(first.is_some())
}
