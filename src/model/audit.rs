//! The audit trail as its readers (the administrator, the police) see it.

use crate::db::audit::AuditFilter;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEntry, redact_changes};
use crate::domain::ids::UserId;
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;
use crate::error::ApiResult;

fn require_reader(caller: Caller) -> ApiResult<()> {
    super::require(caller, caller.role.reads_audit(), "read the audit trail")
}

/// A page of entries, newest first, before the entry `before`; the changes
/// they carry hide what the records hide from this caller's role.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    filter: &AuditFilter,
    before: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<AuditEntry>> {
    require_reader(caller)?;
    let mut entries = db::audit::list(conn, filter, before, limit)?;
    for e in &mut entries {
        redact_changes(&mut e.changes, caller.role);
    }
    Ok(entries)
}

/// Someone the trail can be filtered by: a user who made an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: UserId,
    /// The user name every entry carries.
    pub username: String,
    /// Their display name, for a reader who reads the users list (the
    /// administrator); `None` for the police, to whom the trail shows user
    /// names only, as the API does.
    pub display_name: Option<String>,
}

/// The users the trail can be filtered by, for a reader of the trail: no
/// more of them than its entries show that reader.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn actors(conn: &mut AnyConnection, caller: Caller) -> ApiResult<Vec<Actor>> {
    require_reader(caller)?;
    let names = caller.role.manages_users();
    Ok(db::audit::actors(conn)?
        .into_iter()
        .map(|(id, username, display_name)| Actor {
            id,
            username,
            display_name: names.then_some(display_name),
        })
        .collect())
}
