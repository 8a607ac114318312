//! The `audit_entries` table: written only inside [`super::Db::write`],
//! read by the audit endpoint, never updated or deleted.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::audit_entries;
use super::{Actor, AnyConnection};
use crate::domain::audit::{AuditEntry, AuditEvent, RecordKind};
use crate::domain::ids::{AuditEntryId, UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

/// What an answer built from the records depends on besides the question:
/// the changes written anywhere, as far as this process knows of them (every
/// change of a record, of a user's rights or of a subscription lands with an
/// audit entry, in the same transaction, and is announced to every process:
/// [`super::notify`]), and the day (a feed's window starts from it). Feeds
/// and the schedule keep what they built against it; a kept answer holds
/// while the stamp is the same, with no time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    pub generation: u64,
    pub day: chrono::NaiveDate,
}

impl DataStamp {
    /// The stamp now, taken before the data an answer is built from (a
    /// change landing during the build makes the kept answer stale, never
    /// wrong); `None` when this process cannot know whether another one
    /// wrote (its listening connection is lost): then nothing kept holds.
    pub async fn now(db: &super::Db) -> Option<Self> {
        db.changes().stamp().await.map(|generation| Self {
            generation,
            day: crate::domain::time::province_today(),
        })
    }
}

pub(super) fn insert(
    conn: &mut AnyConnection,
    actor: &Actor,
    events: &[AuditEvent],
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let mut last = None;
    for event in events {
        let id: i64 = diesel::insert_into(audit_entries::table)
            .values((
                audit_entries::at.eq(at.naive_utc()),
                audit_entries::actor_id.eq(actor.user_id),
                audit_entries::actor_username.eq(&actor.username),
                audit_entries::actor_role.eq(actor.role),
                audit_entries::actor_unit_id.eq(actor.unit_id),
                audit_entries::action.eq(event.action),
                audit_entries::record_kind.eq(event.record_kind),
                audit_entries::record_id.eq(event.record_id),
                audit_entries::changes.eq(event.changes.to_string()),
                audit_entries::note.eq(event.note.as_deref()),
                audit_entries::request_id.eq(actor.request_id.as_deref()),
            ))
            .returning(audit_entries::id)
            .get_result(conn)?;
        last = Some(id);
    }
    // Other processes drop what they kept when this commits.
    if let Some(id) = last {
        super::notify::announce(conn, id)?;
    }
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_entries)]
struct AuditRow {
    id: AuditEntryId,
    at: NaiveDateTime,
    actor_id: Option<UserId>,
    actor_username: Option<String>,
    actor_role: Option<Role>,
    actor_unit_id: Option<UnitId>,
    action: String,
    record_kind: RecordKind,
    record_id: i64,
    changes: String,
    note: Option<String>,
    request_id: Option<String>,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = ApiError;

    fn try_from(row: AuditRow) -> ApiResult<AuditEntry> {
        Ok(AuditEntry {
            id: row.id,
            at: row.at.and_utc(),
            actor_id: row.actor_id,
            actor_role: row.actor_role,
            actor_unit_id: row.actor_unit_id,
            record_kind: row.record_kind,
            changes: serde_json::from_str(&row.changes).map_err(|_| {
                ApiError::internal(format_args!("audit entry {} has bad changes", row.id))
            })?,
            actor_username: row.actor_username,
            action: row.action,
            record_id: row.record_id,
            note: row.note,
            request_id: row.request_id,
        })
    }
}

/// Filters of the audit list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub record_kind: Option<RecordKind>,
    pub record_id: Option<i64>,
    pub actor_id: Option<UserId>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// A page of entries, newest first, before the entry `before`.
pub fn list(
    conn: &mut AnyConnection,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<AuditEntry>> {
    let mut query = audit_entries::table
        .select(AuditRow::as_select())
        .order(audit_entries::id.desc())
        .limit(limit.probe())
        .into_boxed();
    if let Some(kind) = filter.record_kind {
        query = query.filter(audit_entries::record_kind.eq(kind));
    }
    if let Some(id) = filter.record_id {
        query = query.filter(audit_entries::record_id.eq(id));
    }
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_entries::actor_id.eq(actor));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_entries::action.eq(action.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_entries::at.ge(from.naive_utc()));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_entries::at.lt(to.naive_utc()));
    }
    if let Some(before) = before {
        query = query.filter(audit_entries::id.lt(before));
    }
    query
        .load(conn)?
        .into_iter()
        .map(AuditEntry::try_from)
        .collect()
}

/// The users who made at least one entry of the trail, in id order: who
/// the trail can be filtered by (a user who never acted has no entries to
/// find). One probe of `audit_entries_actor_idx` per user.
pub fn actors(conn: &mut AnyConnection) -> ApiResult<Vec<(UserId, String, String)>> {
    use super::schema::users;
    Ok(users::table
        .filter(diesel::dsl::exists(
            audit_entries::table.filter(audit_entries::actor_id.eq(users::id.nullable())),
        ))
        .select((users::id, users::username, users::display_name))
        .order(users::id.asc())
        .load(conn)?)
}
