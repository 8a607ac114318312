//! An accreditation's workflow and its security review: each action as one
//! operation on the accreditation, with its audit entries.

use super::for_change;
use crate::db::accreditation::{self as acc_db, StateChanges};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::AccreditationId;
use crate::domain::press::{Accreditation, AccreditationAction, AccreditationStatus as S, Need};
use crate::domain::review::SecurityReview;
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};

/// Takes a workflow action: submit, approve (needs a `cleared` review),
/// reject, revoke (with a note; flags the interviews it covered), complete,
/// cancel.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn transition(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    action: AccreditationAction,
    note: Option<String>,
) -> ApiResult<Audited<Accreditation>> {
    let current = for_change(conn, caller, id)?;
    let (a, entries) = apply_action(conn, &current, action, note, caller.role)?;
    let mut entries = entries.into_iter();
    let first = entries
        .next()
        .ok_or_else(|| ApiError::internal("a transition without its entry"))?;
    Ok(entries.fold(Audited::new(a, first), Audited::and))
}

/// Records the police's security review of an accreditation.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn review(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    new: &SecurityReview,
) -> ApiResult<Audited<Accreditation>> {
    let current = for_change(conn, caller, id)?;
    super::super::review::require_reviewer(caller)?;
    let (a, entry) = store_review(conn, &current, new)?;
    Ok(Audited::new(a, entry))
}

/// Takes a workflow action as `role`; revoking also flags the open
/// interviews the accreditation covered (an entry for each).
pub(crate) fn apply_action(
    conn: &mut AnyConnection,
    current: &Accreditation,
    action: AccreditationAction,
    note: Option<String>,
    role: Role,
) -> ApiResult<(Accreditation, Vec<AuditEvent>)> {
    let to = super::super::go(current.decide(action, role), action, role, "accreditation")?;
    current
        .check_needs(action, note.as_deref())
        .map_err(|need| match need {
            Need::Field(field, message) => ApiError::invalid(field, message),
            Need::Condition(why) => ApiError::conflict(why),
        })?;
    let now = db::now();
    let state = StateChanges {
        status: Some(to),
        status_note: matches!(to, S::Revoked | S::Rejected | S::Cancelled).then(|| note.clone()),
    };
    let a = acc_db::update(conn, current.id, current.version, None, &state, now)?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    let changes = Changes::new().diff("status", &current.status, &to);
    let mut entries = vec![
        AuditEvent::new(
            action.as_str(),
            RecordKind::Accreditation,
            current.id.get(),
            changes,
        )
        .with_note(note.clone()),
    ];
    if to == S::Revoked {
        for interview in db::interview::flag_revoked(conn, current.id, now)? {
            let changes = Changes::new().set("accreditation_revoked", current.id);
            entries.push(
                AuditEvent::new(
                    "flag_accreditation_revoked",
                    RecordKind::Interview,
                    interview,
                    changes,
                )
                .with_note(note.clone()),
            );
        }
    }
    Ok((a, entries))
}

pub(crate) fn store_review(
    conn: &mut AnyConnection,
    current: &Accreditation,
    new: &SecurityReview,
) -> ApiResult<(Accreditation, AuditEvent)> {
    // The version first: its row lock orders two reviews at once.
    acc_db::touch(conn, current.id, db::now(), false)?;
    let changes =
        super::super::review::store(conn, acc_db::KIND, current.id.get(), &current.review, new)?;
    let a = acc_db::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    Ok((
        a,
        AuditEvent::new(
            "security_review",
            RecordKind::Accreditation,
            current.id.get(),
            changes,
        ),
    ))
}
