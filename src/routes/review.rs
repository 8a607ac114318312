//! The security review as the API shows and takes it (delegations and
//! accreditations alike).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::domain::ids::UserId;
use crate::domain::review::{ReviewStatus, SecurityReview};
use crate::domain::role::Role;

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewView {
    pub status: ReviewStatus,
    #[schema(required = true)]
    pub officer: Option<String>,
    #[schema(required = true)]
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The police's notes: present for the police and the administrator only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub notes: Option<Option<String>>,
    /// Never reviewed, or the schedule changed after the review.
    pub needs_another_look: bool,
}

impl ReviewView {
    pub fn new(review: SecurityReview, outdated: bool, role: Role) -> Self {
        Self {
            status: review.status,
            officer: review.officer,
            reviewed_at: review.reviewed_at,
            notes: role.sees_security_notes().then_some(review.notes),
            needs_another_look: outdated,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutReview {
    pub status: ReviewStatus,
    /// The reviewing officer.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub officer: Option<String>,
    /// Notes for the police and the administrator only.
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
}

impl PutReview {
    /// The review this request records, made by `by`.
    pub fn review(self, by: UserId) -> SecurityReview {
        let text = |t: Option<String>| t.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        SecurityReview {
            status: self.status,
            officer: text(self.officer),
            notes: text(self.notes),
            reviewed_at: None,
            reviewed_by: Some(by),
        }
    }
}
