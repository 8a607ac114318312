//! Typed ids, so that a unit id cannot be passed where a user id is meant.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        #[serde(transparent)]
        #[schema(value_type = i64, format = Int64)]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// The id of a unit (a department, district, the police, …).
    UnitId
);
id_type!(
    /// The id of a user.
    UserId
);
id_type!(
    /// The id of an audit entry.
    AuditEntryId
);
id_type!(
    /// The id of a delegation.
    DelegationId
);
id_type!(
    /// The id of a member of a delegation.
    MemberId
);
id_type!(
    /// The id of an itinerary item of a delegation.
    ItineraryItemId
);
id_type!(
    /// The id of a foreign reporter.
    ReporterId
);
id_type!(
    /// The id of an accreditation.
    AccreditationId
);
id_type!(
    /// The id of a press activity.
    PressActivityId
);
id_type!(
    /// The id of an interview.
    InterviewId
);
id_type!(
    /// The id of a press conference.
    PressConferenceId
);
id_type!(
    /// The id of a press conference attendee.
    AttendeeId
);
id_type!(
    /// The id of a unit's half-year or annual report.
    UnitReportId
);
