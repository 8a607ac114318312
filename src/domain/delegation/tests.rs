//! Unit tests of `domain::delegation`.

use super::*;

fn subject(role: Role, owns: bool) -> Subject {
    Subject { role, owns }
}

#[test]
fn every_action_leads_where_design_md_says() {
    let fa = subject(Role::ForeignAffairs, false);
    let po = subject(Role::ProvincialOffice, false);
    let host = subject(Role::HostUnit, true);
    assert_eq!(
        decide_transition(A::Submit, S::Draft, host),
        Verdict::Go(S::Submitted)
    );
    assert_eq!(
        decide_transition(A::Return, S::Submitted, fa),
        Verdict::Go(S::Draft)
    );
    assert_eq!(
        decide_transition(A::Appraise, S::Submitted, fa),
        Verdict::Go(S::Appraised)
    );
    assert_eq!(
        decide_transition(A::Approve, S::Appraised, po),
        Verdict::Go(S::Approved)
    );
    assert_eq!(
        decide_transition(A::Reject, S::Appraised, po),
        Verdict::Go(S::Rejected)
    );
    assert_eq!(
        decide_transition(A::Complete, S::Approved, host),
        Verdict::Go(S::Completed)
    );
    assert_eq!(
        decide_transition(A::Report, S::Completed, host),
        Verdict::Go(S::Reported)
    );
    assert_eq!(
        decide_transition(A::Cancel, S::Approved, po),
        Verdict::Go(S::Cancelled)
    );
    assert_eq!(
        decide_transition(A::Cancel, S::Submitted, host),
        Verdict::Forbidden
    );
    assert_eq!(
        decide_transition(A::Approve, S::Appraised, fa),
        Verdict::Forbidden
    );
    assert_eq!(
        decide_transition(A::Approve, S::Draft, po),
        Verdict::WrongState {
            current: S::Draft,
            allowed_from: vec![S::Appraised]
        }
    );
}

#[test]
fn editing_follows_the_state() {
    let fa = subject(Role::ForeignAffairs, false);
    let host = subject(Role::HostUnit, true);
    assert_eq!(may_edit(S::Draft, host), EditVerdict::Allowed);
    assert!(matches!(
        may_edit(S::Submitted, host),
        EditVerdict::Locked(_)
    ));
    assert_eq!(may_edit(S::Appraised, fa), EditVerdict::Allowed);
    assert!(matches!(may_edit(S::Approved, fa), EditVerdict::Locked(_)));
    assert_eq!(may_edit_itinerary(S::Approved, fa), EditVerdict::Allowed);
    assert!(matches!(
        may_edit_itinerary(S::Approved, host),
        EditVerdict::Locked(_)
    ));
    assert!(matches!(
        may_edit_itinerary(S::Completed, fa),
        EditVerdict::Locked(_)
    ));
    assert_eq!(
        may_edit(S::Draft, subject(Role::Police, false)),
        EditVerdict::Forbidden
    );
    assert_eq!(
        may_edit(S::Draft, subject(Role::HostUnit, false)),
        EditVerdict::Forbidden
    );
}

#[test]
fn names_match_serde() {
    for s in DelegationStatus::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
    for a in DelegationAction::ALL {
        assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
    }
}
