//! Calendar subscriptions: a user's feeds, created and revoked with their
//! audit entries (the token itself is never kept, only its hash).

use chrono::{DateTime, Duration, Utc};

use crate::db::calendar::{NewSubscription, Subscription};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};

/// The caller's subscriptions.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(conn: &mut AnyConnection, caller: Caller) -> ApiResult<Vec<Subscription>> {
    db::calendar::list(conn, caller.id)
}

/// Subscribes `caller` to a feed reached with `token`; a unit named must
/// exist and a delegation named must be one the caller sees.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    new: &NewSubscription,
    token: &str,
) -> ApiResult<Audited<Subscription>> {
    if let Some(unit) = new.unit
        && !db::unit::exists(conn, unit)?
    {
        return Err(ApiError::invalid("unit_id", "no such unit"));
    }
    if let Some(id) = new.delegation {
        super::delegation::visible(conn, caller, id)
            .map_err(|_| ApiError::invalid("delegation_id", "no such delegation"))?;
    }
    let sub = db::calendar::insert(conn, new, token, db::now())?;
    let changes = Changes::new()
        .set("name", &sub.name)
        .set("kinds", &sub.kinds)
        .set("unit_id", sub.unit_id)
        .set("delegation_id", sub.delegation_id);
    let entry = AuditEvent::new("create", RecordKind::CalendarSubscription, sub.id, changes);
    Ok(Audited::new(sub, entry))
}

/// Revokes a subscription (its owner's, or any for the administrator): its
/// address answers 404 from now on. Revoking twice changes nothing.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn revoke(conn: &mut AnyConnection, caller: Caller, id: i64) -> ApiResult<Audited<()>> {
    let sub = db::calendar::find(conn, id)?
        .filter(|s| s.owner_id == caller.id || caller.role == Role::Admin)
        .ok_or(ApiError::NotFound)?;
    if sub.revoked_at.is_some() {
        return Ok(Audited::unchanged(()));
    }
    db::calendar::revoke(conn, id, db::now())?;
    let changes = Changes::new().set("revoked", true);
    Ok(Audited::new(
        (),
        AuditEvent::new("revoke", RecordKind::CalendarSubscription, id, changes),
    ))
}

/// The validators a feed keeps after its contents were identified as `etag`
/// (the newest change in them at `newest`): unchanged for the same ETag,
/// else moved forward, in the caller's write so that concurrent requests
/// move them once. Last-Modified never goes backwards. Bookkeeping of the
/// feed, not a change to a record: no audit entry.
pub fn settle_validators(
    conn: &mut AnyConnection,
    key: &str,
    etag: &str,
    newest: Option<DateTime<Utc>>,
) -> ApiResult<DateTime<Utc>> {
    let stored = db::calendar::feed_state(conn, key)?;
    if let Some((stored_etag, at)) = &stored
        && *stored_etag == etag
    {
        return Ok(*at);
    }
    let stored = stored.map(|(_, at)| at);
    // The contents changed: move forward, also when what changed is a
    // deletion (whose time no remaining record carries).
    let moved = match (stored, newest) {
        (Some(s), Some(n)) if n > s => n,
        (Some(_), _) => db::now(),
        (None, Some(n)) => n,
        (None, None) => db::now(),
    };
    // HTTP dates have whole seconds: a change within the same second
    // as the last one still moves the date on, so that a client
    // asking If-Modified-Since gets the new calendar.
    let moved = chrono::SubsecRound::trunc_subsecs(moved, 0);
    let moved = match stored {
        Some(s) if moved <= s => s + Duration::seconds(1),
        _ => moved,
    };
    db::calendar::set_feed_state(conn, key, etag, moved)?;
    Ok(moved)
}

/// When a subscription's feed was last fetched (to show its owner which
/// ones are in use). Bookkeeping: no audit entry.
pub fn note_used(conn: &mut AnyConnection, id: i64, at: DateTime<Utc>) -> ApiResult<()> {
    db::calendar::touch_used(conn, id, at)
}
