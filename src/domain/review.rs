//! The police's security review of a delegation or an accreditation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::UserId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    Cleared,
    Concerns,
}
text_enum!(ReviewStatus { Pending => "pending", Cleared => "cleared", Concerns => "concerns" });

/// A record's security review; `pending` with no officer until the police record one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityReview {
    pub status: ReviewStatus,
    pub officer: Option<String>,
    /// The police's notes: shown to the police and the administrator only.
    pub notes: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<UserId>,
}

impl Default for SecurityReview {
    fn default() -> Self {
        Self {
            status: ReviewStatus::Pending,
            officer: None,
            notes: None,
            reviewed_at: None,
            reviewed_by: None,
        }
    }
}
