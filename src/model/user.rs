//! User accounts: each change as one operation with its audit entry. The
//! administrator keeps them; every user changes their own password.

use super::unit::require_manager;
use crate::db::user::{NewUser, UserFilter};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::role::{Caller, Role};
use crate::domain::user::{self, User};
use crate::error::{ApiError, ApiResult};

/// A page of the users matching `filter` (administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    filter: &UserFilter,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<User>> {
    require_manager(caller, "list users")?;
    db::user::list(conn, filter, after, limit)
}

/// One user (administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn find(conn: &mut AnyConnection, caller: Caller, id: UserId) -> ApiResult<User> {
    require_manager(caller, "read other users")?;
    db::user::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// Creates a user whose unit exists and whose username is free (the API,
/// the command line and the demo alike).
pub fn insert(conn: &mut AnyConnection, new: &NewUser) -> ApiResult<Audited<User>> {
    if let Some(unit) = new.unit_id {
        crate::model::unit::require_open(conn, "unit_id", unit)?;
    }
    if db::user::username_taken(conn, new.username.as_str())? {
        return Err(ApiError::conflict(format!(
            "the username `{}` is taken",
            new.username.as_str()
        )));
    }
    let user = db::user::insert(conn, new, db::now())?;
    let changes = Changes::new()
        .set("username", &user.username)
        .set("display_name", &user.display_name)
        .set("unit_id", user.unit_id)
        .set("role", user.role)
        .set("active", user.active);
    let entry = AuditEvent::new("create", RecordKind::User, user.id.get(), changes);
    Ok(Audited::new(user, entry))
}

/// Creates a user (administrator); the password is hashed already.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(conn: &mut AnyConnection, caller: Caller, new: &NewUser) -> ApiResult<Audited<User>> {
    require_manager(caller, "create users")?;
    insert(conn, new)
}

/// What a change to a user may set; absent fields stay. The new password
/// comes hashed (slow work, done before the transaction opens).
#[derive(Debug, Default)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub unit_id: Option<UnitId>,
    pub active: Option<bool>,
    pub password_hash: Option<String>,
}

/// Changes a user (administrator): deactivate, change role, unit, name or
/// password. The last active administrator stays one; old tokens end when
/// what they vouched for changes.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UserId,
    if_match: Option<i64>,
    req: UserPatch,
) -> ApiResult<Audited<User>> {
    require_manager(caller, "change users")?;
    db::user::lock(conn, id)?;
    let current = db::user::find(conn, id)?.ok_or(ApiError::NotFound)?;
    db::check_version(if_match, current.version)?;
    let new_hash = req.password_hash;
    let role = req.role.unwrap_or(current.role);
    let unit_id = req.unit_id.or(current.unit_id);
    let active = req.active.unwrap_or(current.active);
    let display_name = req
        .display_name
        .map(|n| n.trim().to_owned())
        .unwrap_or_else(|| current.display_name.clone());
    user::check_role_unit(role, unit_id.is_some()).map_err(|m| ApiError::invalid("unit_id", m))?;
    if let Some(unit) = req.unit_id.filter(|u| Some(*u) != current.unit_id) {
        crate::model::unit::require_open(conn, "unit_id", unit)?;
    }
    let stays_admin = role == Role::Admin && active;
    if current.role == Role::Admin
        && current.active
        && !stays_admin
        && db::user::other_active_admins(conn, current.id)? == 0
    {
        return Err(ApiError::conflict(
            "this is the last active administrator; make another one first",
        ));
    }

    let mut changes = Changes::new()
        .diff("display_name", &current.display_name, &display_name)
        .diff("role", &current.role, &role)
        .diff("unit_id", &current.unit_id, &unit_id)
        .diff("active", &current.active, &active);
    if new_hash.is_some() {
        changes = changes.redacted("password");
    }
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    // Old tokens must not outlive what they vouched for.
    let ends_tokens = new_hash.is_some()
        || role != current.role
        || unit_id != current.unit_id
        || (current.active && !active);
    let set = db::user::UserChanges {
        display_name: Some(display_name),
        unit_id: Some(unit_id.map(UnitId::get)),
        role: Some(role.as_str().to_owned()),
        password_hash: new_hash,
        active: Some(active),
        token_epoch: ends_tokens.then_some(current.token_epoch + 1),
    };
    let action = match (current.active, active) {
        (true, false) => "deactivate",
        (false, true) => "reactivate",
        _ => "update",
    };
    let user = db::user::update(conn, current.id, current.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(
        user,
        AuditEvent::new(action, RecordKind::User, current.id.get(), changes),
    ))
}

/// The caller's own account and stored password hash: what checking
/// their current password, before they choose a new one, needs.
pub fn own_password(conn: &mut AnyConnection, caller: Caller) -> ApiResult<(User, String)> {
    let me = db::user::find(conn, caller.id)?.ok_or(ApiError::NotFound)?;
    let stored = db::user::password_hash(conn, caller.id)?;
    Ok((me, stored))
}

/// A user's own new password (hashed already, after the current one was
/// checked): every older token of theirs ends.
pub fn change_own_password(
    conn: &mut AnyConnection,
    me: &User,
    new_hash: String,
) -> ApiResult<Audited<User>> {
    let set = db::user::UserChanges {
        password_hash: Some(new_hash),
        token_epoch: Some(me.token_epoch + 1),
        ..Default::default()
    };
    let user = db::user::update(conn, me.id, me.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: me.version,
        },
    )?;
    let changes = Changes::new().redacted("password");
    Ok(Audited::new(
        user,
        AuditEvent::new("change_password", RecordKind::User, me.id.get(), changes),
    ))
}

/// The console's language a user keeps for themself (`vi` or `en`).
pub fn set_language(
    conn: &mut AnyConnection,
    caller: Caller,
    language: &'static str,
) -> ApiResult<Audited<()>> {
    let before = db::session::language(conn, caller.id)?;
    if before.as_deref() == Some(language) {
        return Ok(Audited::unchanged(()));
    }
    db::session::set_language(conn, caller.id, language)?;
    let changes = Changes::new().diff("language", &before, &Some(language.to_owned()));
    Ok(Audited::new(
        (),
        AuditEvent::new("set_language", RecordKind::User, caller.id.get(), changes),
    ))
}

/// A user's e-mail settings as asked for: the address parsed (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettingsInput {
    pub email: Option<String>,
    pub daily_digest: bool,
    pub change_notices: bool,
}

impl MailSettingsInput {
    /// The address trimmed and checked (RFC 5321's 254 characters, one
    /// `@`, a domain); blank is no address. A digest without an address
    /// is refused (422 on `daily_digest`): it could not be sent.
    pub fn parse(email: Option<&str>, daily_digest: bool, change_notices: bool) -> ApiResult<Self> {
        let email = email.map(str::trim).filter(|e| !e.is_empty());
        if let Some(address) = email {
            if address.chars().count() > 254 {
                return Err(ApiError::invalid(
                    "address",
                    "must be at most 254 characters",
                ));
            }
            if address.parse::<lettre::Address>().is_err() || !address.contains('.') {
                return Err(ApiError::invalid("address", "must be an e-mail address"));
            }
        }
        if email.is_none() && daily_digest {
            return Err(ApiError::invalid(
                "daily_digest",
                "needs an e-mail address to send the digest to",
            ));
        }
        Ok(Self {
            email: email.map(str::to_owned),
            daily_digest,
            change_notices,
        })
    }
}

/// The caller's own e-mail settings (the address is theirs: only they and
/// the administrators read it).
pub fn mail_settings(
    conn: &mut AnyConnection,
    caller: Caller,
) -> ApiResult<db::user::MailSettings> {
    db::user::mail_settings(conn, caller.id)
}

/// A user's e-mail settings, for an administrator (who answers for the
/// reminders reaching people); 404 for no such user.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn mail_settings_of(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UserId,
) -> ApiResult<db::user::MailSettings> {
    find(conn, caller, id)?;
    db::user::mail_settings(conn, id)
}

/// Keeps the caller's e-mail settings. The audit says the address changed,
/// not what it is (the audit trail is read by the police too).
pub fn set_mail_settings(
    conn: &mut AnyConnection,
    caller: Caller,
    input: MailSettingsInput,
) -> ApiResult<Audited<db::user::MailSettings>> {
    let before = db::user::mail_settings(conn, caller.id)?;
    let after = db::user::MailSettings {
        email: input.email,
        daily_digest: input.daily_digest,
        change_notices: input.change_notices,
    };
    let mut changes = Changes::new()
        .diff("daily_digest", &before.daily_digest, &after.daily_digest)
        .diff(
            "change_notices",
            &before.change_notices,
            &after.change_notices,
        );
    if before.email != after.email {
        changes = changes.redacted("mail_address");
    }
    if changes.is_empty() {
        return Ok(Audited::unchanged(after));
    }
    db::user::set_mail_settings(conn, caller.id, &after, db::now())?;
    Ok(Audited::new(
        after,
        AuditEvent::new("set_mail", RecordKind::User, caller.id.get(), changes),
    ))
}
