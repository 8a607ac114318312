//! The press side's story told through the same operations the API uses
//! (`crate::model`), each on the record as it stands: the demo only
//! says who acts; refusals are bugs in the demo.

use crate::db::accreditation::ActivityFields;
use crate::db::{self, AnyConnection};
use crate::domain::audit::AuditEvent;
use crate::domain::ids::{AccreditationId, InterviewId, PressConferenceId, ReporterId, UserId};
use crate::domain::press::{
    Accreditation, AccreditationAction, ConferenceAction, InterviewAction, PressConference,
};
use crate::domain::review::{ReviewStatus, SecurityReview};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

/// A refusal of the model: a bug in the demo's data.
pub(super) fn refused(what: impl std::fmt::Display, e: ApiError) -> ApiError {
    ApiError::internal(format_args!("demo {what} was refused: {e:?}"))
}

fn accreditation(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<Accreditation> {
    db::accreditation::find(conn, id)?
        .ok_or_else(|| ApiError::internal(format_args!("demo accreditation {id} is missing")))
}

fn conference(conn: &mut AnyConnection, id: PressConferenceId) -> ApiResult<PressConference> {
    db::conference::find(conn, id)?
        .ok_or_else(|| ApiError::internal(format_args!("demo press conference {id} is missing")))
}

/// An accreditation's workflow action, as `role` takes it (revoking also
/// flags the interviews it covered: an entry for each).
pub(super) fn accreditation_action(
    conn: &mut AnyConnection,
    id: AccreditationId,
    action: AccreditationAction,
    note: Option<&str>,
    role: Role,
) -> ApiResult<Vec<AuditEvent>> {
    let a = accreditation(conn, id)?;
    crate::model::accreditation::apply_action(conn, &a, action, note.map(str::to_owned), role)
        .map(|(_, entries)| entries)
        .map_err(|e| refused(format_args!("{}: {}", a.reference, action.as_str()), e))
}

/// The police's review, recorded by `by` (as `PUT …/security-review`).
pub(super) fn review(
    conn: &mut AnyConnection,
    id: AccreditationId,
    status: ReviewStatus,
    officer: &str,
    notes: &str,
    by: Option<UserId>,
) -> ApiResult<AuditEvent> {
    let a = accreditation(conn, id)?;
    let review = SecurityReview {
        status,
        officer: Some(officer.to_owned()),
        notes: Some(notes.to_owned()),
        reviewed_at: None,
        reviewed_by: by,
    };
    crate::model::accreditation::store_review(conn, &a, &review)
        .map(|(_, entry)| entry)
        .map_err(|e| refused(format_args!("{}: the security review", a.reference), e))
}

pub(super) fn plan(
    conn: &mut AnyConnection,
    id: AccreditationId,
    fields: &ActivityFields,
) -> ApiResult<AuditEvent> {
    let a = accreditation(conn, id)?;
    crate::model::accreditation::insert_activity(conn, &a, fields)
        .map(|(_, entry)| entry)
        .map_err(|e| {
            refused(
                format_args!("{}: activity {:?}", a.reference, fields.title),
                e,
            )
        })
}

/// An interview's workflow action, taken by the Provincial Office.
pub(super) fn interview_action(
    conn: &mut AnyConnection,
    id: InterviewId,
    action: InterviewAction,
    note: Option<&str>,
) -> ApiResult<AuditEvent> {
    let i = db::interview::find(conn, id)?
        .ok_or_else(|| ApiError::internal(format_args!("demo interview {id} is missing")))?;
    crate::model::interview::apply_action(
        conn,
        &i,
        action,
        note.map(str::to_owned),
        Role::ProvincialOffice,
    )
    .map(|(_, entry)| entry)
    .map_err(|e| refused(format_args!("{}: {}", i.reference, action.as_str()), e))
}

/// A press conference's workflow action, taken by the Provincial Office.
pub(super) fn conference_action(
    conn: &mut AnyConnection,
    id: PressConferenceId,
    action: ConferenceAction,
    note: Option<&str>,
) -> ApiResult<AuditEvent> {
    let c = conference(conn, id)?;
    crate::model::conference::apply_action(
        conn,
        &c,
        action,
        note.map(str::to_owned),
        Role::ProvincialOffice,
    )
    .map(|(_, entry)| entry)
    .map_err(|e| refused(format_args!("{}: {}", c.reference, action.as_str()), e))
}

pub(super) fn attend(
    conn: &mut AnyConnection,
    id: PressConferenceId,
    outlet: &str,
    name: &str,
    reporter: Option<ReporterId>,
) -> ApiResult<AuditEvent> {
    let c = conference(conn, id)?;
    crate::model::conference::insert_attendee(conn, &c, outlet, name, reporter)
        .map(|(_, entry)| entry)
        .map_err(|e| refused(format_args!("{}: attendee {name}", c.reference), e))
}
