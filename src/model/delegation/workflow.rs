//! A delegation's workflow and its security review: each action as one
//! operation on the delegation, with its audit entry.

use chrono::NaiveDate;

use super::{event, for_change, touch};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::FieldError;
use crate::domain::audit::Changes;
use crate::domain::delegation::{
    self as rules, Delegation, DelegationAction, Facts, TransitionInput, Unmet,
};
use crate::domain::ids::DelegationId;
use crate::domain::review::SecurityReview;
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

/// Takes a workflow action: the table decides (403 / 409), the action's
/// needs are checked (422 / 409), and what it records is written; the
/// caller is recorded as who decided (approve, reject).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn transition(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    action: DelegationAction,
    input: TransitionInput,
    today: NaiveDate,
) -> ApiResult<Audited<Delegation>> {
    let current = for_change(conn, caller, id)?;
    let subject = caller.facing(current.host_unit_id);
    let verdict = rules::decide_transition(action, current.status, subject);
    let to = super::super::go(verdict, action, subject.role, "delegation")?;
    let facts = Facts {
        members: db::member::count(conn, current.id)?,
        items: db::itinerary::count(conn, current.id)?,
        today,
    };
    rules::check_needs(action, &current, &input, facts).map_err(|unmet| match unmet {
        Unmet::Missing(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(f, m)| FieldError::new(f, m))
                .collect(),
        ),
        Unmet::Condition(why) => ApiError::conflict(why),
    })?;

    let now = db::now();
    let mut set = db::delegation::Changes {
        status: Some(to),
        ..Default::default()
    };
    let mut changes = Changes::new().diff("status", &current.status, &to);
    match action {
        DelegationAction::Submit => set.returned_note = Some(None),
        DelegationAction::Return => set.returned_note = Some(input.note.clone()),
        DelegationAction::Appraise => {
            set.appraisal_recommendation = Some(input.recommendation);
            set.appraisal_note = Some(input.note.clone());
            changes = changes.set("recommendation", input.recommendation);
        }
        DelegationAction::Approve | DelegationAction::Reject => {
            set.decision_number = Some(input.decision_number.clone());
            set.decision_date = Some(input.decision_date);
            set.decided_by = Some(Some(caller.id));
            changes = changes
                .set("decision_number", &input.decision_number)
                .set("decision_date", input.decision_date);
        }
        DelegationAction::Report => {
            set.report = Some(input.report.clone());
            set.report_submitted_at = Some(Some(now.naive_utc()));
            changes = changes.set("report", &input.report);
        }
        DelegationAction::Complete | DelegationAction::Cancel => {}
    }
    let d = db::delegation::update(conn, current.id, current.version, &set, now)?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    let entry = event(action.as_str(), &current, changes).with_note(input.note);
    Ok(Audited::new(d, entry))
}

/// Records the police's security review of a delegation (police and administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn review(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    new: &SecurityReview,
) -> ApiResult<Audited<Delegation>> {
    let current = for_change(conn, caller, id)?;
    super::super::review::require_reviewer(caller)?;
    // The version first: its row lock orders two reviews at once.
    touch(conn, &current, false)?;
    let changes = super::super::review::store(
        conn,
        db::delegation::KIND,
        current.id.get(),
        &current.review,
        new,
    )?;
    let d = db::delegation::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    Ok(Audited::new(d, event("security_review", &current, changes)))
}
