//! What a period's figures are counted from: each delegation, post-trip
//! report, accreditation, interview and press conference as it stood at the
//! period's cut-off.

use chrono::NaiveDate;

use crate::domain::delegation::{DelegationStatus, Direction};
use crate::domain::ids::UnitId;
use crate::domain::press::{
    AccreditationStatus, ConferenceKind, ConferenceStatus, InterviewStatus,
};
use crate::domain::review::ReviewStatus;

/// What one delegation counted in a period says, as it stood at the cut-off.
#[derive(Debug, Clone)]
pub struct DelegationFact {
    pub direction: Direction,
    pub status: DelegationStatus,
    pub countries: Vec<String>,
    pub unit: UnitId,
    /// One nationality per member on it at the cut-off.
    pub nationalities: Vec<String>,
    pub review: ReviewStatus,
}

/// A post-trip report that fell due in the period: when, and the province
/// day it was filed if it was by the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct PostTripFact {
    pub due: NaiveDate,
    pub filed_on: Option<NaiveDate>,
}

/// A reporter on an accreditation.
#[derive(Debug, Clone)]
pub struct ReporterFact {
    pub id: i64,
    pub nationality: String,
    pub outlet: String,
}

/// What one accreditation counted in a period says at the cut-off.
#[derive(Debug, Clone)]
pub struct AccreditationFact {
    pub status: AccreditationStatus,
    pub review: ReviewStatus,
    pub reporters: Vec<ReporterFact>,
    /// Its press activities starting in the period, not cancelled.
    pub activities: i64,
}

impl AccreditationFact {
    /// The reporters came: it was approved (and may since have ended or
    /// been revoked).
    pub(super) fn received(&self) -> bool {
        use AccreditationStatus as A;
        matches!(self.status, A::Approved | A::Completed | A::Revoked)
    }
}

/// An interview starting in the period, at the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct InterviewFact {
    pub status: InterviewStatus,
    /// With at least one reporter who is not Vietnamese.
    pub foreign: bool,
}

/// A press conference starting in the period, at the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct ConferenceFact {
    pub kind: ConferenceKind,
    pub status: ConferenceStatus,
    /// Its day in its own zone.
    pub day: NaiveDate,
}

/// Everything one period's figures are counted from. `interviews` is absent
/// for a caller who does not see the press side; `press` (accreditations,
/// activities, conferences, which belong to no host unit) also for a unit.
#[derive(Debug, Clone, Default)]
pub struct PeriodFacts {
    pub delegations: Vec<DelegationFact>,
    pub post_trip: Vec<PostTripFact>,
    pub interviews: Option<Vec<InterviewFact>>,
    pub press: Option<PressFacts>,
}

#[derive(Debug, Clone, Default)]
pub struct PressFacts {
    pub accreditations: Vec<AccreditationFact>,
    pub conferences: Vec<ConferenceFact>,
}
