//! What may be done to a press activity once it is planned: changed or
//! cancelled, by the accreditation's writers, while the accreditation takes
//! activities and the activity is still planned.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Accreditation, PressActivity, writes_accreditations};
use crate::domain::itinerary::ItemStatus;
use crate::domain::role::Role;

/// What may be done to an activity besides changing its fields. Cancelling
/// keeps it, marked: the police reading the week see that it was called
/// off, and the calendar feeds send it as `STATUS:CANCELLED` so that
/// subscribers see it go (DESIGN.md, "Workflows").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityAction {
    Cancel,
}
text_enum!(ActivityAction { Cancel => "cancel" });

/// Why an activity may not be changed or cancelled now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityRefusal {
    /// 403: the role does not write accreditations.
    Role,
    /// 409: the accreditation is not submitted or approved.
    Accreditation(super::AccreditationStatus),
    /// 409: the activity was already cancelled (or held).
    Activity(ItemStatus),
}

/// Whether `role` may change or cancel `activity` of `acc` now: a writer of
/// accreditations (403 before 409), while the accreditation takes
/// activities (as for planning one), and while the activity is planned — a
/// cancelled one stays as it was cancelled; to hold it after all, plan it
/// again.
pub fn activity_open(
    acc: &Accreditation,
    activity: &PressActivity,
    role: Role,
) -> Result<(), ActivityRefusal> {
    if !writes_accreditations(role) {
        return Err(ActivityRefusal::Role);
    }
    if !acc.takes_activities() {
        return Err(ActivityRefusal::Accreditation(acc.status));
    }
    if activity.status != ItemStatus::Planned {
        return Err(ActivityRefusal::Activity(activity.status));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::domain::ids::{AccreditationId, PressActivityId};
    use crate::domain::itinerary::Place;
    use crate::domain::press::{AccreditationStatus as S, ActivityKind};
    use crate::domain::review::SecurityReview;

    fn acc(status: S) -> Accreditation {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        Accreditation {
            id: AccreditationId(1),
            reference: "PV-2026-0001".into(),
            reporter_ids: Vec::new(),
            topics: "t".into(),
            permitted_places: Vec::new(),
            start_date: day,
            end_date: day,
            referral_number: "1".into(),
            referral_date: day,
            escort_officer: None,
            status,
            review: SecurityReview::default(),
            schedule_changed_at: None,
            status_note: None,
            created_by: None,
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    fn activity(status: ItemStatus) -> PressActivity {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
        PressActivity {
            id: PressActivityId(1),
            accreditation_id: AccreditationId(1),
            starts_at: at,
            ends_at: at,
            time_zone: crate::domain::time::PROVINCE_TZ,
            kind: ActivityKind::Visit,
            title: "t".into(),
            place: Place::default(),
            participants: None,
            escort_officer: None,
            status,
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    #[test]
    fn writers_change_planned_activities_of_a_running_accreditation() {
        let planned = activity(ItemStatus::Planned);
        for status in [S::Submitted, S::Approved] {
            assert_eq!(
                activity_open(&acc(status), &planned, Role::ForeignAffairs),
                Ok(())
            );
            assert_eq!(activity_open(&acc(status), &planned, Role::Admin), Ok(()));
        }
        for role in [
            Role::Police,
            Role::ProvincialOffice,
            Role::Viewer,
            Role::HostUnit,
        ] {
            assert_eq!(
                activity_open(&acc(S::Approved), &planned, role),
                Err(ActivityRefusal::Role)
            );
        }
        // The role is refused before the state: 403 before 409.
        assert_eq!(
            activity_open(&acc(S::Completed), &planned, Role::Police),
            Err(ActivityRefusal::Role)
        );
        for status in [
            S::Draft,
            S::Rejected,
            S::Revoked,
            S::Completed,
            S::Cancelled,
        ] {
            assert_eq!(
                activity_open(&acc(status), &planned, Role::ForeignAffairs),
                Err(ActivityRefusal::Accreditation(status))
            );
        }
        assert_eq!(
            activity_open(
                &acc(S::Approved),
                &activity(ItemStatus::Cancelled),
                Role::ForeignAffairs
            ),
            Err(ActivityRefusal::Activity(ItemStatus::Cancelled))
        );
    }
}
