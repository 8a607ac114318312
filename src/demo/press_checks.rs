//! Checks of the demo's press data on every day of two years: what the
//! model would refuse, or what would make the story wrong, fails here
//! before it fails a load.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, TimeDelta};
use validator::ValidateEmail;

use super::press_calendar::conferences;
use super::press_interviews::INTERVIEWS;
use super::press_people::{ACCREDITATIONS, REPORTERS};
use super::press_spec::{
    AccSpec, AccStep, Close, ConferenceStep as C, InterviewStep, reporter, rows,
};
use crate::db::reporter::ReporterFields;
use crate::domain::press::{AccreditationStatus as S, ConferenceKind, quarter_of};
use crate::domain::review::ReviewStatus;
use crate::domain::text::fold;

fn reporters() -> Vec<ReporterFields> {
    rows(REPORTERS).map(|l| reporter(l).unwrap()).collect()
}

fn nationality(name: &str) -> String {
    let all = reporters();
    let r = all.iter().find(|r| r.full_name == name);
    r.unwrap_or_else(|| panic!("no demo reporter {name}"))
        .nationality
        .clone()
}

/// Where its story leaves it.
fn final_status(spec: &AccSpec) -> S {
    let mut status = S::Draft;
    for step in spec.steps {
        status = match step {
            AccStep::Submit => S::Submitted,
            AccStep::Approve => S::Approved,
            AccStep::Reject(_) => S::Rejected,
            AccStep::Cancel(_) => S::Cancelled,
            AccStep::Plan(_) | AccStep::Review(..) => status,
        };
    }
    match spec.close {
        Some(Close::Complete) => S::Completed,
        Some(Close::Revoke(_)) => S::Revoked,
        None => status,
    }
}

/// Whether the accreditation lets `name` work on `day` while interviews and
/// press conferences are arranged (approved then, closed only later).
fn covers(referral: &str, name: &str, today: NaiveDate, day: NaiveDate) -> bool {
    let spec = ACCREDITATIONS.iter().find(|s| s.referral == referral);
    let spec = spec.unwrap_or_else(|| panic!("no demo accreditation {referral}"));
    let (first, last) = spec.dates(today);
    let before_close = spec.close.map_or(final_status(spec), |_| S::Approved);
    before_close == S::Approved && spec.reporters.contains(&name) && first <= day && day <= last
}

#[test]
fn reporters_read_and_have_what_the_api_would_take() {
    let all = reporters();
    let names: HashSet<&str> = all.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(names.len(), all.len(), "a name twice");
    let countries: HashSet<&str> = all.iter().map(|r| r.nationality.as_str()).collect();
    assert!(countries.len() >= 6, "{countries:?}");
    for r in &all {
        assert!(r.full_name.chars().count() <= 200 && r.position.chars().count() <= 100);
        assert!(["reporter", "camera", "producer"].contains(&r.position.as_str()));
        if let Some(email) = &r.email {
            assert!(email.validate_email(), "{email}");
        }
        assert!(r.phone.as_ref().is_none_or(|p| p.len() <= 40));
        if r.nationality != "VN" {
            assert!(r.passport_number.is_some(), "{}", r.full_name);
            let card = r.press_card_number.as_deref().unwrap_or_default();
            assert!(card.starts_with("BNG-") && card.len() <= 50, "{card}");
        }
    }
}

#[test]
fn accreditations_reach_every_state() {
    let reached: HashSet<S> = ACCREDITATIONS.iter().map(final_status).collect();
    for status in S::ALL {
        assert!(reached.contains(status), "none is {}", status.as_str());
    }
    let referrals: HashSet<&str> = ACCREDITATIONS.iter().map(|s| s.referral).collect();
    assert_eq!(referrals.len(), ACCREDITATIONS.len());
    for spec in ACCREDITATIONS {
        let (mut submitted, mut cleared, mut ended) = (false, false, false);
        for step in spec.steps {
            match step {
                AccStep::Submit => submitted = true,
                AccStep::Plan(_) => assert!(submitted && !ended, "{}", spec.referral),
                AccStep::Review(status, _) => cleared = *status == ReviewStatus::Cleared,
                AccStep::Approve => assert!(submitted && cleared, "{}", spec.referral),
                AccStep::Reject(_) | AccStep::Cancel(_) => ended = true,
            }
        }
        if spec.close.is_some() {
            assert!(spec.steps.iter().any(|s| matches!(s, AccStep::Approve)) && !ended);
        }
        for name in spec.reporters {
            assert_ne!(nationality(name), "VN", "{name} needs no accreditation");
        }
    }
}

#[test]
fn every_press_record_fits_its_dates_on_any_day() {
    let base: NaiveDate = "2025-01-01".parse().unwrap();
    for n in 0..731 {
        let today = base + TimeDelta::days(n);
        for spec in ACCREDITATIONS {
            let (first, last) = spec.dates(today);
            // The letter came before the programme, and before today.
            let letter = first - TimeDelta::days(spec.referral_lead);
            assert!(
                letter <= today && spec.referral_date(today) == letter,
                "{}",
                spec.referral
            );
            let activities = spec.activities(today).unwrap();
            let planned: usize = spec
                .steps
                .iter()
                .map(|s| if let AccStep::Plan(n) = s { *n } else { 0 })
                .sum();
            assert_eq!(planned, activities.len(), "{}", spec.referral);
            for a in &activities {
                let permitted = spec.places.iter().any(|p| fold(p) == fold(&a.place_name));
                assert!(permitted, "{}: {}", spec.referral, a.place_name);
            }
            if matches!(spec.close, Some(Close::Complete)) {
                assert!(last < today, "{} completed before its end", spec.referral);
            }
        }
        for i in INTERVIEWS {
            let day = i.day(today);
            match i.accreditation {
                Some(referral) => assert!(
                    i.reporters.iter().all(|r| covers(referral, r, today, day)),
                    "{}",
                    i.topics
                ),
                None => assert!(i.reporters.iter().all(|r| nationality(r) == "VN")),
            }
            let done = i.steps.iter().any(|s| matches!(s, InterviewStep::Complete));
            let cancelled = i
                .steps
                .iter()
                .any(|s| matches!(s, InterviewStep::Cancel(_)));
            assert!(if done {
                day < today
            } else {
                cancelled || day > today
            });
        }
        let all = conferences(today);
        let periodic: Vec<_> = all
            .iter()
            .filter(|c| c.kind == ConferenceKind::Periodic)
            .collect();
        let quarters: HashSet<_> = periodic.iter().map(|c| quarter_of(c.day)).collect();
        assert_eq!(quarters.len(), 4, "{today}");
        assert!(periodic.iter().all(|c| c.day.year() == today.year()));
        assert!(all.iter().any(|c| c.kind == ConferenceKind::AdHoc));
        for c in &all {
            let held = c.steps.contains(&C::Complete);
            assert_eq!(held, c.day < today, "{} on {today}", c.title);
            let announced = c.steps.iter().position(|s| *s == C::Announce);
            let registered = c.steps.iter().position(|s| *s == C::Register);
            if let Some(r) = registered {
                assert!(announced.is_some_and(|a| a < r), "{}", c.title);
            }
            if let Some(name) = c.foreign {
                let covered = ACCREDITATIONS
                    .iter()
                    .any(|s| covers(s.referral, name, today, c.day));
                assert!(covered && registered.is_some(), "{}: {name}", c.title);
            }
        }
        // The current quarter's is still to come, unless the quarter is all but over.
        let (_, last) = quarter_of(today);
        if last - today >= TimeDelta::days(5) {
            let current = periodic
                .iter()
                .find(|c| quarter_of(c.day).1 == last)
                .unwrap();
            assert!(current.day >= today && !current.steps.contains(&C::Complete));
        }
    }
    let cancelled_unannounced = conferences(base)
        .into_iter()
        .any(|c| c.steps.first().is_some_and(|s| matches!(s, C::Cancel(_))));
    assert!(
        cancelled_unannounced,
        "one is called off before it is announced"
    );
}
