//! Unit tests of `domain::press`.

use chrono::{NaiveDate, Utc};

use super::*;
use crate::domain::ids::{AccreditationId, ReporterId};
use crate::domain::review::{ReviewStatus, SecurityReview};
use crate::domain::workflow::Verdict;

fn accreditation(status: AccreditationStatus, places: &[&str]) -> Accreditation {
    let now = Utc::now();
    Accreditation {
        id: AccreditationId(1),
        reference: "PV-2026-0001".into(),
        reporter_ids: vec![ReporterId(1), ReporterId(2)],
        topics: "du lịch".into(),
        permitted_places: places.iter().map(|p| (*p).to_owned()).collect(),
        start_date: "2026-12-01".parse().unwrap(),
        end_date: "2026-12-05".parse().unwrap(),
        referral_number: "123/BNG-TTBC".into(),
        referral_date: "2026-11-20".parse().unwrap(),
        escort_officer: None,
        status,
        review: SecurityReview::default(),
        schedule_changed_at: None,
        status_note: None,
        created_by: None,
        created_at: now,
        updated_at: now,
        version: 1,
    }
}

#[test]
fn approval_needs_a_cleared_review_and_revocation_a_note() {
    let mut acc = accreditation(AccreditationStatus::Submitted, &[]);
    assert!(matches!(
        acc.check_needs(AccreditationAction::Approve, None),
        Err(Need::Condition(_))
    ));
    acc.review.status = ReviewStatus::Cleared;
    acc.review.reviewed_at = Some(Utc::now());
    assert!(acc.check_needs(AccreditationAction::Approve, None).is_ok());
    // What the police saw changed after their review: approval waits.
    acc.schedule_changed_at = Some(Utc::now() + chrono::Duration::seconds(1));
    assert!(matches!(
        acc.check_needs(AccreditationAction::Approve, None),
        Err(Need::Condition(_))
    ));
    acc.schedule_changed_at = None;
    assert_eq!(
        acc.check_needs(AccreditationAction::Revoke, Some(" "))
            .unwrap_err(),
        Need::Field("note", "say why the accreditation is revoked")
    );
    assert_eq!(
        acc.decide(AccreditationAction::Revoke, Role::Police),
        Verdict::WrongState {
            current: AccreditationStatus::Submitted,
            allowed_from: vec![AccreditationStatus::Approved]
        }
    );
    acc.status = AccreditationStatus::Approved;
    assert_eq!(
        acc.decide(AccreditationAction::Revoke, Role::Police),
        Verdict::Go(AccreditationStatus::Revoked)
    );
    assert_eq!(
        acc.decide(AccreditationAction::Approve, Role::Police),
        Verdict::Forbidden
    );
}

#[test]
fn permitted_places_match_without_case_or_diacritics() {
    let acc = accreditation(
        AccreditationStatus::Approved,
        &["Bản Lác, Mai Châu", "Nhà máy Thủy điện Hòa Bình"],
    );
    assert!(acc.permits_place("nha may thuy dien hoa binh"));
    assert!(acc.permits_place("Bản Lác, Mai Châu "));
    assert!(!acc.permits_place("Kim Bôi"));
    assert!(accreditation(AccreditationStatus::Approved, &[]).permits_place("anywhere"));
}

#[test]
fn interviews_with_foreign_reporters_need_a_covering_accreditation() {
    let day: NaiveDate = "2026-12-02".parse().unwrap();
    let approved = accreditation(AccreditationStatus::Approved, &[]);
    let submitted = accreditation(AccreditationStatus::Submitted, &[]);
    assert!(check_interview_accreditation(&[], None, day).is_ok());
    assert!(check_interview_accreditation(&[ReporterId(1)], None, day).is_err());
    assert!(check_interview_accreditation(&[ReporterId(1)], Some(&approved), day).is_ok());
    assert!(check_interview_accreditation(&[ReporterId(1)], Some(&submitted), day).is_err());
    assert!(
        check_interview_accreditation(
            &[ReporterId(1)],
            Some(&approved),
            "2026-12-06".parse().unwrap()
        )
        .is_err()
    );
    assert!(check_interview_accreditation(&[ReporterId(9)], Some(&approved), day).is_err());
}

#[test]
fn records_change_only_while_they_are_open() {
    let open: Vec<_> = [
        AccreditationStatus::Draft,
        AccreditationStatus::Submitted,
        AccreditationStatus::Approved,
        AccreditationStatus::Rejected,
        AccreditationStatus::Revoked,
        AccreditationStatus::Completed,
        AccreditationStatus::Cancelled,
    ]
    .into_iter()
    .filter(|s| s.open_to_changes())
    .collect();
    assert_eq!(
        open,
        [AccreditationStatus::Draft, AccreditationStatus::Submitted]
    );
    assert!(InterviewStatus::Approved.open_to_changes());
    assert!(!InterviewStatus::Done.open_to_changes());
    assert!(ConferenceStatus::Announced.open_to_changes());
    assert!(!ConferenceStatus::Held.open_to_changes());
}
