//! Calendar subscriptions: a user's feeds, created and revoked with their
//! audit entries (the token itself is never kept, only its hash).

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::calendar::{NewSubscription, Subscription};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{DelegationId, UnitId, UserId};
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};

/// What a feed can hold: a delegation's own dates, or its entries of each kind.
pub const FEED_KINDS: [&str; 5] = [
    "delegation",
    "itinerary_item",
    "press_activity",
    "interview",
    "press_conference",
];

// For the document only (the field is a list of strings, checked against
// `FEED_KINDS`).
/// What a calendar feed can hold.
#[derive(Debug, ToSchema)]
#[schema(as = FeedKind, rename_all = "snake_case")]
pub enum FeedKindDoc {
    Delegation,
    ItineraryItem,
    PressActivity,
    Interview,
    PressConference,
}

fn check_kinds(kinds: &[String]) -> Result<(), validator::ValidationError> {
    super::input::rule(if kinds.iter().all(|k| FEED_KINDS.contains(&k.as_str())) {
        Ok(())
    } else {
        Err("must list delegation, itinerary_item, press_activity, interview or press_conference")
    })
}

// A new subscription as the API's body and the console's form ask for it
// (no doc comment: it would become the schema's description).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSubscription {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Lịch đoàn vào")]
    pub name: String,
    /// What the feed holds (default: everything).
    #[validate(length(max = 5), custom(function = "check_kinds"))]
    #[schema(value_type = Vec<FeedKindDoc>, max_items = 5)]
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Only this host unit's delegations.
    pub unit_id: Option<UnitId>,
    /// Only this delegation.
    pub delegation_id: Option<DelegationId>,
}

impl CreateSubscription {
    /// The subscription of `owner` it asks for: its name trimmed, every
    /// kind when it names none, each kind once.
    pub fn into_new(self, owner: UserId) -> NewSubscription {
        let mut kinds: Vec<String> = if self.kinds.is_empty() {
            FEED_KINDS.iter().map(|k| (*k).to_owned()).collect()
        } else {
            self.kinds
        };
        kinds.sort();
        kinds.dedup();
        NewSubscription {
            owner,
            name: self.name.trim().to_owned(),
            kinds,
            unit: self.unit_id,
            delegation: self.delegation_id,
        }
    }
}

/// A new feed's secret token: 256 random bits (stored only as a hash).
pub fn new_token() -> String {
    crate::config::random_hex(32)
}

/// Where a feed is fetched: its address, with its secret token, and the
/// same as `webcal://` (Apple Calendar, Outlook on the desktop).
#[derive(Debug, Clone)]
pub struct FeedAddress {
    pub url: String,
    pub webcal_url: String,
}

/// The address of the feed behind `token` on the service at `public_url`.
pub fn feed_address(public_url: &str, token: &str) -> FeedAddress {
    let url = format!("{public_url}/calendar/{token}.ics");
    let webcal_url = format!(
        "webcal://{}",
        url.split_once("://").map_or(url.as_str(), |(_, rest)| rest)
    );
    FeedAddress { url, webcal_url }
}

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
    if let Some(unit) = new.unit {
        crate::model::unit::require_open(conn, "unit_id", unit)?;
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
