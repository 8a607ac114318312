//! The roles of DESIGN.md and what each may do and see.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A user's role; every user has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    ForeignAffairs,
    ProvincialOffice,
    Police,
    HostUnit,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::ForeignAffairs,
        Role::ProvincialOffice,
        Role::Police,
        Role::HostUnit,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::ForeignAffairs => "foreign_affairs",
            Role::ProvincialOffice => "provincial_office",
            Role::Police => "police",
            Role::HostUnit => "host_unit",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Passport numbers, dates of birth, foreigners' personal contacts.
    pub fn sees_personal_data(self) -> bool {
        matches!(self, Role::Admin | Role::ForeignAffairs | Role::Police)
    }

    /// The police's own notes on a security review.
    pub fn sees_security_notes(self) -> bool {
        matches!(self, Role::Admin | Role::Police)
    }

    /// Security reviews (status, officer, notes) are the police's to record.
    pub fn records_security_reviews(self) -> bool {
        matches!(self, Role::Admin | Role::Police)
    }

    /// The audit trail is read by the administrator and the police.
    pub fn reads_audit(self) -> bool {
        matches!(self, Role::Admin | Role::Police)
    }

    /// Users and units are written by the administrator only.
    pub fn manages_users(self) -> bool {
        self == Role::Admin
    }

    /// Every role but the administrator acts for a unit, so it must have one.
    pub fn needs_unit(self) -> bool {
        self != Role::Admin
    }
}

/// The signed-in user a read or a change is for, as far as what they may
/// see and do depends on it: the one type every `model::` operation takes,
/// whichever face (the JSON API, the console, a feed's token) asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub id: super::ids::UserId,
    pub role: Role,
    pub unit: Option<super::ids::UnitId>,
}

impl Caller {
    /// The caller facing a record owned by `owner` (a host unit's own
    /// delegation), as the workflow tables decide.
    pub fn facing(self, owner: super::ids::UnitId) -> super::workflow::Subject {
        super::workflow::Subject {
            role: self.role,
            owns: self.unit == Some(owner),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::Value::String(role.as_str().into())
            );
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_police_and_admin_read_notes_and_audit() {
        let readers: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.sees_security_notes())
            .collect();
        assert_eq!(readers, [Role::Admin, Role::Police]);
        let auditors: Vec<_> = Role::ALL.into_iter().filter(|r| r.reads_audit()).collect();
        assert_eq!(auditors, [Role::Admin, Role::Police]);
    }
}
