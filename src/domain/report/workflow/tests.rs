//! Unit tests of `domain::report::workflow`.

use super::*;

fn standing(role: Role, unit: bool, compiling: bool) -> Standing {
    Standing {
        role,
        in_reporting_unit: unit,
        in_compiling_unit: compiling,
    }
}

#[test]
fn the_unit_submits_and_the_compiling_unit_decides() {
    let unit = standing(Role::HostUnit, true, false);
    let compiler = standing(Role::ForeignAffairs, false, true);
    let other = standing(Role::ForeignAffairs, false, false);
    use ReportAction as A;
    assert_eq!(decide(A::Submit, S::Draft, unit), Verdict::Go(S::Submitted));
    assert_eq!(
        decide(A::Submit, S::Returned, unit),
        Verdict::Go(S::Submitted)
    );
    assert_eq!(decide(A::Submit, S::Draft, compiler), Verdict::Forbidden);
    assert_eq!(
        decide(A::Return, S::Submitted, compiler),
        Verdict::Go(S::Returned)
    );
    assert_eq!(
        decide(A::Accept, S::Submitted, compiler),
        Verdict::Go(S::Accepted)
    );
    assert_eq!(decide(A::Accept, S::Submitted, unit), Verdict::Forbidden);
    assert_eq!(decide(A::Accept, S::Submitted, other), Verdict::Forbidden);
    assert_eq!(
        decide(A::Accept, S::Draft, compiler),
        Verdict::WrongState {
            current: S::Draft,
            allowed_from: vec![S::Submitted]
        }
    );
    let viewer = standing(Role::Viewer, true, true);
    assert_eq!(decide(A::Submit, S::Draft, viewer), Verdict::Forbidden);
    let admin = standing(Role::Admin, false, false);
    assert_eq!(
        decide(A::Accept, S::Submitted, admin),
        Verdict::Go(S::Accepted)
    );
}

#[test]
fn a_report_is_seen_by_its_unit_the_compiling_unit_and_the_administrator() {
    assert!(standing(Role::HostUnit, true, false).sees());
    assert!(standing(Role::Viewer, true, false).sees());
    assert!(standing(Role::HostUnit, false, true).sees());
    assert!(standing(Role::Admin, false, false).sees());
    assert!(!standing(Role::ForeignAffairs, false, false).sees());
    assert!(!standing(Role::Viewer, false, false).sees());
    assert!(Standing::reads_province(Role::Admin, false));
    assert!(Standing::reads_province(Role::HostUnit, true));
    assert!(!Standing::reads_province(Role::ProvincialOffice, false));
}

#[test]
fn the_next_due_period_is_the_half_year_until_its_due_day() {
    let s = ReportSettings::default();
    assert_eq!(next_due(d(2026, 3, 1), &s), Period::half_year(2026));
    assert_eq!(next_due(d(2026, 6, 15), &s), Period::half_year(2026));
    assert_eq!(next_due(d(2026, 6, 16), &s), Period::year(2026));
    assert_eq!(next_due(d(2026, 12, 16), &s), Period::half_year(2027));
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn late_after_the_due_day_until_handed_in() {
    let due = d(2026, 6, 15);
    let day_after = d(2026, 6, 16);
    assert!(!overdue(None, due, due));
    assert!(!overdue(Some(S::Draft), due, d(2026, 6, 1)));
    assert!(overdue(None, due, day_after));
    assert!(overdue(Some(S::Draft), due, day_after));
    assert!(overdue(Some(S::Returned), due, day_after));
    assert!(!overdue(Some(S::Submitted), due, day_after));
    assert!(!overdue(Some(S::Accepted), due, d(2027, 1, 1)));
}

#[test]
fn the_last_period_due_is_the_one_reminded_of() {
    let s = ReportSettings::default();
    assert_eq!(last_due(d(2026, 12, 7), &s), Period::half_year(2026));
    assert_eq!(last_due(d(2026, 6, 15), &s), Period::year(2025));
    assert_eq!(last_due(d(2026, 6, 16), &s), Period::half_year(2026));
    assert_eq!(last_due(d(2026, 12, 16), &s), Period::year(2026));
    assert_eq!(last_due(d(2027, 1, 2), &s), Period::year(2026));
}

#[test]
fn returning_needs_a_note_and_submitting_the_results() {
    let empty = Sections::default();
    assert!(check_needs(ReportAction::Return, None, &empty).is_err());
    assert!(check_needs(ReportAction::Return, Some("  "), &empty).is_err());
    assert!(check_needs(ReportAction::Return, Some("thiếu số liệu"), &empty).is_ok());
    assert!(check_needs(ReportAction::Accept, None, &empty).is_ok());
    assert_eq!(
        check_needs(ReportAction::Submit, None, &empty).map_err(|e| e.0),
        Err("results")
    );
    let written = Sections {
        results: "Đón 12 đoàn".to_owned(),
        ..Sections::default()
    };
    assert!(check_needs(ReportAction::Submit, None, &written).is_ok());
}
