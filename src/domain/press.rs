//! The press side: foreign reporters and their accreditation in the
//! province, leaders' interviews and press conferences; their workflows
//! (each one table) and the rules between them.

use super::role::Role;
use super::workflow::Who;

mod accreditation;
pub use accreditation::{
    ACCREDITATION_WORKFLOW, Accreditation, AccreditationAction, AccreditationAllowed,
    AccreditationStatus, ActivityKind, Need, PressActivity, accreditation_allowed,
    accreditation_inbox_reason, accreditation_needs_note, writes_accreditations,
};
mod activity;
pub use activity::{ActivityAction, ActivityRefusal, activity_open};
mod conference;
pub use conference::{
    CONFERENCE_WORKFLOW, ConferenceAction, ConferenceKind, ConferenceStatus, PressConference,
    attendees_open, conference_allowed, quarter_of, writes_conferences,
};
mod interview;
pub use interview::{
    INTERVIEW_WORKFLOW, Interview, InterviewAction, InterviewStatus, check_interview_accreditation,
    interview_allowed, interview_inbox_reason, writes_interviews,
};
mod organizer;
pub use organizer::{ORGANIZER_NAME_MAX, Organizer, OrganizerKind};
mod reporter;
pub use reporter::Reporter;

/// The press side is not the host units' business: for them it does not exist.
pub fn visible_to(role: Role) -> bool {
    role != Role::HostUnit
}

const FA: Who = Who::Role(Role::ForeignAffairs);
const PO: Who = Who::Role(Role::ProvincialOffice);
const POLICE: Who = Who::Role(Role::Police);

#[cfg(test)]
mod tests;

#[cfg(test)]
mod allowed_tests {
    use super::*;

    #[test]
    fn pages_offer_the_actions_the_workflow_opens() {
        use ConferenceStatus as C;
        use InterviewStatus as I;
        assert_eq!(
            interview_allowed(I::Requested, Role::ProvincialOffice),
            vec![InterviewAction::Approve, InterviewAction::Cancel]
        );
        assert_eq!(
            interview_allowed(I::Requested, Role::ForeignAffairs),
            vec![InterviewAction::Cancel]
        );
        assert!(interview_allowed(I::Approved, Role::Viewer).is_empty());
        assert!(interview_allowed(I::Done, Role::ProvincialOffice).is_empty());
        assert_eq!(
            conference_allowed(C::Announced, Role::ProvincialOffice),
            vec![ConferenceAction::Complete, ConferenceAction::Cancel]
        );
        assert!(conference_allowed(C::Planned, Role::ForeignAffairs).is_empty());
        assert!(attendees_open(C::Announced, Role::ProvincialOffice));
        assert!(!attendees_open(C::Held, Role::ProvincialOffice));
        assert!(!attendees_open(C::Planned, Role::Viewer));
    }
}
