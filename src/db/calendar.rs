//! Calendar subscriptions and the feeds' Last-Modified memory.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::AnyConnection;
use super::audit::DataStamp;
use super::schema::{calendar_subscriptions as cs, feed_states as fs};
use crate::domain::ids::{DelegationId, UnitId, UserId};
use crate::error::ApiResult;

/// A subscription as stored (never its token; only the token's hash).
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub id: i64,
    pub owner_id: UserId,
    pub name: String,
    pub kinds: Vec<String>,
    pub unit_id: Option<UnitId>,
    pub delegation_id: Option<DelegationId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

type Row = (
    i64,
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

const COLUMNS: (
    cs::id,
    cs::owner_id,
    cs::name,
    cs::kinds,
    cs::unit_id,
    cs::delegation_id,
    cs::created_at,
    cs::last_used_at,
    cs::revoked_at,
) = (
    cs::id,
    cs::owner_id,
    cs::name,
    cs::kinds,
    cs::unit_id,
    cs::delegation_id,
    cs::created_at,
    cs::last_used_at,
    cs::revoked_at,
);

fn subscription(row: Row) -> Subscription {
    let (id, owner, name, kinds, unit, delegation, created, used, revoked) = row;
    Subscription {
        id,
        owner_id: UserId(owner),
        name,
        kinds: kinds
            .split(',')
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect(),
        unit_id: unit.map(UnitId),
        delegation_id: delegation.map(DelegationId),
        created_at: created.and_utc(),
        last_used_at: used.map(|t| t.and_utc()),
        revoked_at: revoked.map(|t| t.and_utc()),
    }
}

/// The stored form of a feed token.
pub fn token_hash(token: &str) -> String {
    use std::fmt::Write as _;
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(token.as_bytes()) {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// What a new subscription holds.
#[derive(Debug, Clone)]
pub struct NewSubscription {
    pub owner: UserId,
    pub name: String,
    pub kinds: Vec<String>,
    pub unit: Option<UnitId>,
    pub delegation: Option<DelegationId>,
}

pub fn insert(
    conn: &mut AnyConnection,
    new: &NewSubscription,
    token: &str,
    at: DateTime<Utc>,
) -> ApiResult<Subscription> {
    let at = at.naive_utc();
    let row = diesel::insert_into(cs::table)
        .values((
            cs::owner_id.eq(new.owner.get()),
            cs::name.eq(&new.name),
            cs::kinds.eq(new.kinds.join(",")),
            cs::unit_id.eq(new.unit.map(UnitId::get)),
            cs::delegation_id.eq(new.delegation.map(DelegationId::get)),
            cs::token_hash.eq(token_hash(token)),
            cs::created_at.eq(at),
            cs::updated_at.eq(at),
            cs::version.eq(1_i64),
        ))
        .returning(COLUMNS)
        .get_result::<Row>(conn)?;
    Ok(subscription(row))
}

pub fn list(conn: &mut AnyConnection, owner: UserId) -> ApiResult<Vec<Subscription>> {
    Ok(cs::table
        .filter(cs::owner_id.eq(owner.get()))
        .order(cs::id.asc())
        .select(COLUMNS)
        .load::<Row>(conn)?
        .into_iter()
        .map(subscription)
        .collect())
}

pub fn find(conn: &mut AnyConnection, id: i64) -> ApiResult<Option<Subscription>> {
    Ok(cs::table
        .find(id)
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()?
        .map(subscription))
}

/// The live (not revoked) subscription behind a token.
pub fn by_token(conn: &mut AnyConnection, token: &str) -> ApiResult<Option<Subscription>> {
    Ok(cs::table
        .filter(cs::token_hash.eq(token_hash(token)))
        .filter(cs::revoked_at.is_null())
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()?
        .map(subscription))
}

pub fn revoke(conn: &mut AnyConnection, id: i64, at: DateTime<Utc>) -> ApiResult<()> {
    diesel::update(cs::table.find(id))
        .set((
            cs::revoked_at.eq(Some(at.naive_utc())),
            cs::updated_at.eq(at.naive_utc()),
            cs::version.eq(cs::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn touch_used(conn: &mut AnyConnection, id: i64, at: DateTime<Utc>) -> ApiResult<()> {
    diesel::update(cs::table.find(id))
        .set(cs::last_used_at.eq(Some(at.naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// What a feed last answered: its ETag and Last-Modified.
pub fn feed_state(
    conn: &mut AnyConnection,
    feed: &str,
) -> ApiResult<Option<(String, DateTime<Utc>)>> {
    Ok(fs::table
        .find(feed)
        .select((fs::etag, fs::last_modified))
        .first::<(String, NaiveDateTime)>(conn)
        .optional()?
        .map(|(etag, at)| (etag, at.and_utc())))
}

pub fn set_feed_state(
    conn: &mut AnyConnection,
    feed: &str,
    etag: &str,
    last_modified: DateTime<Utc>,
) -> ApiResult<()> {
    let at = last_modified.naive_utc();
    if diesel::update(fs::table.find(feed))
        .set((fs::etag.eq(etag), fs::last_modified.eq(at)))
        .execute(conn)?
        == 0
    {
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(fs::table)
                .values((
                    fs::feed.eq(feed),
                    fs::etag.eq(etag),
                    fs::last_modified.eq(at),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_)
            | Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// The validators each feed had when the data last looked like a stamp, so
/// that a calendar app polling with its ETag gets its 304 without the feed's
/// contents being read.
///
/// Besides, each feed address remembers what it answered last
/// ([`FeedTags::recent`]): while the stamp has not moved, that answer still
/// holds, and a client holding it gets its 304 (or the kept body) without
/// the database being asked at all. Nothing is trusted by time: a stamp
/// moves with every change any process commits (`super::notify`).
#[derive(Debug, Default)]
pub struct FeedTags {
    by_stamp: Remembered,
    by_address: Remembered,
}

impl FeedTags {
    /// How long an address answers from memory before a request reads its
    /// subscription again (which notes when the token was last used; its
    /// rights are covered by the stamp).
    const READ_AGAIN: std::time::Duration = std::time::Duration::from_secs(300);

    pub fn get(&self, feed: &str, stamp: Option<DataStamp>) -> Option<(String, DateTime<Utc>)> {
        self.by_stamp.get(feed, stamp?, None)
    }

    pub fn put(&self, feed: String, stamp: DataStamp, etag: String, last_modified: DateTime<Utc>) {
        self.by_stamp.put(feed, stamp, etag, last_modified);
    }

    /// The validators `address` answered last, if the data is as `stamp`
    /// says it was then, noted less than [`Self::READ_AGAIN`] ago.
    pub fn recent(
        &self,
        address: &str,
        stamp: Option<DataStamp>,
    ) -> Option<(String, DateTime<Utc>)> {
        self.by_address.get(address, stamp?, Some(Self::READ_AGAIN))
    }

    /// Notes what `address` answered, from data read after `stamp` was
    /// taken (so that a change landing during the read makes the note
    /// stale, not wrong).
    pub fn note_recent(
        &self,
        address: String,
        stamp: DataStamp,
        etag: String,
        last_modified: DateTime<Utc>,
    ) {
        self.by_address.put(address, stamp, etag, last_modified);
    }
}

/// Validators per feed, each with the stamp it is valid for. Past `MAX`
/// feeds it starts over.
#[derive(Debug, Default)]
struct Remembered {
    feeds: std::sync::Mutex<HashMap<String, Noted>>,
}

#[derive(Debug)]
struct Noted {
    valid_for: DataStamp,
    etag: String,
    last_modified: DateTime<Utc>,
    noted: std::time::Instant,
}

impl Remembered {
    /// Feeds remembered at most (a few hundred bytes each).
    const MAX: usize = 10_000;

    fn get(
        &self,
        feed: &str,
        valid_for: DataStamp,
        max_age: Option<std::time::Duration>,
    ) -> Option<(String, DateTime<Utc>)> {
        let feeds = self
            .feeds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = feeds.get(feed)?;
        (n.valid_for == valid_for && max_age.is_none_or(|age| n.noted.elapsed() < age))
            .then(|| (n.etag.clone(), n.last_modified))
    }

    fn put(&self, feed: String, valid_for: DataStamp, etag: String, last_modified: DateTime<Utc>) {
        let mut feeds = self
            .feeds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if feeds.len() >= Self::MAX && !feeds.contains_key(&feed) {
            feeds.clear();
        }
        let noted = Noted {
            valid_for,
            etag,
            last_modified,
            noted: std::time::Instant::now(),
        };
        feeds.insert(feed, noted);
    }
}
