//! Unit tests of the generator: the volume at scale 1 and the workflow steps
//! behind each status.

use super::*;

#[test]
fn scale_one_is_the_busy_province_of_the_issue() {
    let v = Volume::at(1.0);
    assert_eq!(v.delegations * v.members_per_delegation, 200_000);
    assert_eq!(
        v.delegations * v.items_per_delegation + v.accreditations * v.activities_per_accreditation,
        1_000_000
    );
    assert_eq!(v.interviews + v.conferences, 50_000);
    assert_eq!(v.reporters, 20_000);
}

#[test]
fn every_status_has_the_steps_that_lead_to_it() {
    assert!(Generator::steps("draft").is_empty());
    assert_eq!(Generator::steps("reported").len(), 5);
    for status in [
        "submitted",
        "appraised",
        "approved",
        "rejected",
        "completed",
        "reported",
        "cancelled",
    ] {
        assert_eq!(Generator::steps(status).last().map(|s| s.1), Some(status));
    }
}
