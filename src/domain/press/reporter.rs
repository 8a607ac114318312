//! A foreign journalist or crew member, as the accreditations and
//! interviews name them.

use chrono::{DateTime, Utc};

use crate::domain::ids::ReporterId;

/// A foreign journalist or crew member.
#[derive(Debug, Clone, PartialEq)]
pub struct Reporter {
    pub id: ReporterId,
    pub full_name: String,
    pub nationality: String,
    pub passport_number: Option<String>,
    pub outlet: String,
    pub outlet_country: String,
    pub position: String,
    pub press_card_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl Reporter {
    /// Reporters of Vietnamese nationality are domestic; all others foreign.
    pub fn is_foreign(&self) -> bool {
        self.nationality != "VN"
    }
}
