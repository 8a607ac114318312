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

#[test]
fn what_a_page_offers_is_what_the_table_and_edit_rules_allow() {
    let host = subject(Role::HostUnit, true);
    let draft = allowed(S::Draft, host);
    assert_eq!(draft.actions, [A::Submit, A::Cancel]);
    assert!(draft.edit && draft.edit_itinerary && draft.delete && !draft.review);
    let submitted = allowed(S::Submitted, host);
    assert!(submitted.actions.is_empty() && !submitted.edit && !submitted.delete);
    let fa = allowed(S::Approved, subject(Role::ForeignAffairs, false));
    assert_eq!(fa.actions, [A::Complete, A::Cancel]);
    assert!(!fa.edit && fa.edit_itinerary && !fa.delete);
    let police = allowed(S::Submitted, subject(Role::Police, false));
    assert!(police.review && police.actions.is_empty() && !police.edit);
    let other_unit = allowed(S::Draft, subject(Role::HostUnit, false));
    assert_eq!(other_unit, Allowed::default());
    assert_eq!(
        allowed(S::Reported, subject(Role::Viewer, false)),
        Allowed::default()
    );
}

#[test]
fn an_actions_required_inputs_are_those_check_needs_asks_for() {
    let d = Delegation {
        id: DelegationId(1),
        reference: "DV-2025-0001".into(),
        direction: Direction::Incoming,
        title: "t".into(),
        purpose: "p".into(),
        partner_organization: "o".into(),
        countries: vec!["JP".into()],
        host_unit_id: UnitId(1),
        head_of_delegation: "h".into(),
        start_date: NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
        end_date: NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
        status: S::Draft,
        review: SecurityReview::default(),
        itinerary_changed_at: None,
        appraisal: None,
        decision: None,
        returned_note: None,
        report: None,
        created_by: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
        version: 1,
    };
    let facts = Facts {
        members: 1,
        items: 1,
        today: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
    };
    for action in DelegationAction::ALL.iter().copied() {
        let missing = match check_needs(action, &d, &TransitionInput::default(), facts) {
            Ok(()) => Vec::new(),
            Err(Unmet::Missing(fields)) => fields.into_iter().map(|(f, _)| f).collect(),
            Err(other) => panic!("{action:?}: {other:?}"),
        };
        let mut required: Vec<&str> = inputs(action)
            .iter()
            .filter(|(_, needed)| *needed)
            .map(|(f, _)| *f)
            .collect();
        let mut missing = missing;
        missing.sort_unstable();
        required.sort_unstable();
        assert_eq!(missing, required, "{action:?}");
    }
}
