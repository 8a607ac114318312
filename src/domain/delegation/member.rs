//! A delegation's members: their roles in it and their details as stored.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::ids::{DelegationId, MemberId};

/// Roles of members in a delegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Head,
    DeputyHead,
    Member,
    Interpreter,
    Security,
    Other,
}
text_enum!(MemberRole {
    Head => "head", DeputyHead => "deputy_head", Member => "member", Interpreter => "interpreter",
    Security => "security", Other => "other",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}
text_enum!(Gender { Male => "male", Female => "female", Other => "other" });

/// A member of a delegation as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: MemberId,
    pub delegation_id: DelegationId,
    pub full_name: String,
    pub gender: Option<Gender>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub passport_number: Option<String>,
    pub organization: Option<String>,
    pub position: Option<String>,
    pub role: MemberRole,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}
