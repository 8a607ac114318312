//! The audit trail as its readers (the administrator, the police) see it.

use crate::db::audit::AuditFilter;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEntry, redact_changes};
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;
use crate::error::ApiResult;

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
    super::require(caller, caller.role.reads_audit(), "read the audit trail")?;
    let mut entries = db::audit::list(conn, filter, before, limit)?;
    for e in &mut entries {
        redact_changes(&mut e.changes, caller.role);
    }
    Ok(entries)
}
