//! Security reviews of any reviewed record (delegations, accreditations).

use crate::db::{self, AnyConnection};
use crate::domain::audit::{Changes, NOTES_KEY};
use crate::domain::review::SecurityReview;
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

/// Stores `new` as the review of record `kind`/`id` and says what changed,
/// for the record's audit entry (the notes under their own key, so that the
/// history hides them from those who may not read them).
pub fn store(
    conn: &mut AnyConnection,
    kind: &str,
    id: i64,
    current: &SecurityReview,
    new: &SecurityReview,
) -> ApiResult<Changes> {
    db::review::put(conn, kind, id, new, db::now())?;
    Ok(Changes::new()
        .diff("status", &current.status, &new.status)
        .diff("officer", &current.officer, &new.officer)
        .diff(NOTES_KEY, &current.notes, &new.notes))
}

/// 403 unless the caller records security reviews (the police, the administrator).
pub fn require_reviewer(caller: Caller) -> ApiResult<()> {
    if caller.role.records_security_reviews() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only the police record security reviews",
        ))
    }
}
