//! Users: usernames, passwords and the rules on who may hold which role.

use chrono::{DateTime, Utc};

use super::ids::{UnitId, UserId};
use super::role::{Caller, Role};

/// A user as stored, less the password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub unit_id: Option<UnitId>,
    pub role: Role,
    pub active: bool,
    /// Raised whenever the user's existing tokens must stop working
    /// (deactivation, a new password, a new role or unit).
    pub token_epoch: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl User {
    /// The user as the caller of a read or a change.
    pub fn caller(&self) -> Caller {
        Caller {
            id: self.id,
            role: self.role,
            unit: self.unit_id,
        }
    }
}

/// A login name: 3–64 characters of `a-z 0-9 . _ -`, kept in lower case so
/// that "NguyenVanA" and "nguyenvana" are the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub const MIN: usize = 3;
    pub const MAX: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let name = raw.trim().to_ascii_lowercase();
        if name.chars().count() < Self::MIN || name.chars().count() > Self::MAX {
            return Err("must be 3 to 64 characters long");
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        {
            return Err("may hold only letters a-z, digits and . _ -");
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err("must start with a letter or a digit");
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A new password as a person typed it. Never stored, logged or audited.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<hidden>)")
    }
}

impl NewPassword {
    /// Long enough to resist guessing, short enough that hashing it is cheap.
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let len = raw.chars().count();
        if len < Self::MIN {
            return Err("must be at least 10 characters long");
        }
        if len > Self::MAX {
            return Err("must be at most 128 characters long");
        }
        if raw.trim().is_empty() {
            return Err("must not be only spaces");
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown in the interface and the audit trail.
pub const DISPLAY_NAME_MAX: usize = 200;

pub fn check_display_name(raw: &str) -> Result<(), &'static str> {
    if raw.trim().is_empty() {
        Err("must not be empty")
    } else if raw.chars().count() > DISPLAY_NAME_MAX {
        Err("must be at most 200 characters long")
    } else {
        Ok(())
    }
}

/// Every role but the administrator acts for a unit.
pub fn check_role_unit(role: Role, has_unit: bool) -> Result<(), &'static str> {
    if role.needs_unit() && !has_unit {
        Err("this role acts for a unit: give unit_id")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_folded_and_checked() {
        assert_eq!(
            Username::parse("  NguyenVanA ").unwrap().as_str(),
            "nguyenvana"
        );
        assert_eq!(
            Username::parse("so.ngoai-vu_01").unwrap().as_str(),
            "so.ngoai-vu_01"
        );
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse(&"a".repeat(65)).is_err());
        assert!(Username::parse("nguyễn").is_err());
        assert!(Username::parse("a b c").is_err());
        assert!(Username::parse(".hidden").is_err());
        assert!(Username::parse("x'; DROP TABLE users;--").is_err());
    }

    #[test]
    fn passwords_have_bounds_and_never_print() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse(&" ".repeat(12)).is_err());
        assert!(NewPassword::parse(&"x".repeat(129)).is_err());
        let p = NewPassword::parse("mật khẩu rất dài").unwrap();
        assert!(!format!("{p:?}").contains("mật"));
    }

    #[test]
    fn roles_other_than_admin_need_a_unit() {
        assert!(check_role_unit(Role::Admin, false).is_ok());
        assert!(check_role_unit(Role::Police, false).is_err());
        assert!(check_role_unit(Role::HostUnit, true).is_ok());
    }
}
