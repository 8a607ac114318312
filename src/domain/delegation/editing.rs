//! Who may change a delegation when: its own fields and members, its
//! itinerary, its deletion; and what a page offers a caller from them.

use super::{DelegationAction, DelegationStatus, decide_transition};
use crate::domain::role::Role;
use crate::domain::workflow::{Subject, Verdict};

use DelegationStatus as S;

/// What changing a delegation's own fields or members needs of the caller
/// and the state: the host unit while draft, Sở Ngoại vụ until approved.
pub fn may_edit(status: DelegationStatus, subject: Subject) -> EditVerdict {
    let writer = matches!(subject.role, Role::Admin | Role::ForeignAffairs)
        || (subject.role == Role::HostUnit && subject.owns);
    if !writer {
        return EditVerdict::Forbidden;
    }
    match status {
        S::Draft => EditVerdict::Allowed,
        S::Submitted | S::Appraised if subject.role != Role::HostUnit => EditVerdict::Allowed,
        S::Submitted | S::Appraised => {
            EditVerdict::Locked("the delegation has been submitted; Sở Ngoại vụ edits it now")
        }
        S::Approved => {
            EditVerdict::Locked("the delegation is approved: only its itinerary can change")
        }
        _ => EditVerdict::Locked("the delegation is closed and can no longer change"),
    }
}

/// What changing a delegation's itinerary needs: as for editing, and after
/// approval Sở Ngoại vụ may still change it (the police are then asked to
/// look again).
pub fn may_edit_itinerary(status: DelegationStatus, subject: Subject) -> EditVerdict {
    match (status, may_edit(status, subject)) {
        (S::Approved, EditVerdict::Locked(_)) if subject.role != Role::HostUnit => {
            EditVerdict::Allowed
        }
        (_, verdict) => verdict,
    }
}

/// Whether a delegation in `status` can still be deleted (else it is cancelled).
pub fn deletable(status: DelegationStatus) -> bool {
    status == S::Draft
}

/// What a caller may do to one delegation now, as the rules above decide:
/// what a page offers. The operations decide again when asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowed {
    /// Change its own fields and its members.
    pub edit: bool,
    /// Change its itinerary (add, change, cancel, delete, import items).
    pub edit_itinerary: bool,
    pub delete: bool,
    /// Record the security review.
    pub review: bool,
    /// The workflow actions open to the caller from its state.
    pub actions: Vec<DelegationAction>,
}

/// What `subject` may do to a delegation in `status`.
pub fn allowed(status: DelegationStatus, subject: Subject) -> Allowed {
    let edit = may_edit(status, subject) == EditVerdict::Allowed;
    Allowed {
        edit,
        edit_itinerary: may_edit_itinerary(status, subject) == EditVerdict::Allowed,
        delete: edit && deletable(status),
        review: subject.role.records_security_reviews(),
        actions: DelegationAction::ALL
            .iter()
            .copied()
            .filter(|a| matches!(decide_transition(*a, status, subject), Verdict::Go(_)))
            .collect(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditVerdict {
    Allowed,
    /// 403: this role may not change it.
    Forbidden,
    /// 409: the state does not allow it.
    Locked(&'static str),
}
