//! What an audit entry says: the action, the record, and what changed.
//!
//! The changes of an update are `{"field": {"from": old, "to": new}}`, only
//! for fields that differ; a creation lists the record's fields. Secrets
//! (password hashes, tokens) are never put in here.

use serde::Serialize;
use serde_json::{Map, Value, json};

/// The kinds of records the audit trail speaks of.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Unit,
    User,
    /// A delegation, with its members, itinerary and security review.
    Delegation,
    Reporter,
    /// An accreditation, with its activities and security review.
    Accreditation,
    Interview,
    /// A press conference, with its attendees.
    PressConference,
    CalendarSubscription,
    /// The province's settings (deadlines, Saturday working…); record id 0.
    Settings,
    /// A day of the government's swap table; the record id is the date as yyyymmdd.
    CalendarSwap,
    /// A unit's half-year or annual report (issue 17).
    UnitReport,
}
text_enum!(RecordKind {
    Unit => "unit", User => "user", Delegation => "delegation", Reporter => "reporter",
    Accreditation => "accreditation", Interview => "interview", PressConference => "press_conference",
    CalendarSubscription => "calendar_subscription", Settings => "settings", CalendarSwap => "calendar_swap",
    UnitReport => "unit_report",
});

/// One change to one record, as the audit trail will keep it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub action: &'static str,
    pub record_kind: RecordKind,
    pub record_id: i64,
    pub changes: Value,
    pub note: Option<String>,
}

impl AuditEvent {
    pub fn new(
        action: &'static str,
        record_kind: RecordKind,
        record_id: i64,
        changes: Changes,
    ) -> Self {
        Self {
            action,
            record_kind,
            record_id,
            changes: changes.into_value(),
            note: None,
        }
    }

    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }
}

/// Builds the `changes` object of an audit entry.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Changes(Map<String, Value>);

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    /// A field of a new record.
    pub fn set(mut self, field: &str, value: impl Serialize) -> Self {
        self.0.insert(field.to_owned(), to_value(value));
        self
    }

    /// A field that may have changed; recorded only when it did.
    pub fn diff<T: Serialize + PartialEq>(mut self, field: &str, from: &T, to: &T) -> Self {
        if from != to {
            self.0.insert(
                field.to_owned(),
                json!({ "from": to_value(from), "to": to_value(to) }),
            );
        }
        self
    }

    /// The fields that differ between two values of one record's fields
    /// (structs that serialize to objects), as `diff` would record each.
    pub fn between<T: Serialize>(old: &T, new: &T) -> Self {
        let (Value::Object(old), Value::Object(new)) = (to_value(old), to_value(new)) else {
            return Self::new();
        };
        let mut changes = Self::new();
        for (field, to) in new {
            let from = old.get(&field).cloned().unwrap_or(Value::Null);
            if from != to {
                changes.0.insert(field, json!({ "from": from, "to": to }));
            }
        }
        changes
    }

    /// A change whose values must not be kept (a password): only that it happened.
    pub fn redacted(mut self, field: &str) -> Self {
        self.0
            .insert(field.to_owned(), Value::String("changed".into()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

fn to_value(value: impl Serialize) -> Value {
    // Serializing plain data (strings, numbers, enums) cannot fail.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_follows_the_roles() {
        use crate::domain::role::Role;
        let entry = json!({"member_id": 3, "passport_number": "TR123456", "nested": {"email": "a@b.c"},
                           "security_notes": {"from": null, "to": "watch"}, "status": "cleared"});
        let mut viewer = entry.clone();
        redact_changes(&mut viewer, Role::Viewer);
        assert_eq!(
            viewer,
            json!({"member_id": 3, "nested": {}, "status": "cleared"})
        );
        let mut fa = entry.clone();
        redact_changes(&mut fa, Role::ForeignAffairs);
        assert!(fa.get("passport_number").is_some() && fa.get("security_notes").is_none());
        let mut police = entry.clone();
        redact_changes(&mut police, Role::Police);
        assert_eq!(police, entry);
    }

    #[test]
    fn a_diff_keeps_only_what_changed() {
        let changes = Changes::new()
            .diff("role", &"viewer", &"police")
            .diff("display_name", &"A", &"A")
            .redacted("password");
        assert_eq!(
            changes.into_value(),
            json!({"role": {"from": "viewer", "to": "police"}, "password": "changed"})
        );
    }
}

/// The keys in audit changes that hold personal data or police notes; they
/// follow the same visibility rules as the records they came from.
pub const PERSONAL_KEYS: &[&str] = &["passport_number", "date_of_birth", "email", "phone"];
pub const NOTES_KEY: &str = "security_notes";

/// Removes from audit changes what `role` may not see.
pub fn redact_changes(changes: &mut serde_json::Value, role: super::role::Role) {
    if let Some(map) = changes.as_object_mut() {
        if !role.sees_personal_data() {
            for key in PERSONAL_KEYS {
                map.remove(*key);
            }
        }
        if !role.sees_security_notes() {
            map.remove(NOTES_KEY);
        }
        for value in map.values_mut() {
            redact_changes(value, role);
        }
    }
}

/// An audit entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: super::ids::AuditEntryId,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<super::ids::UserId>,
    pub actor_username: Option<String>,
    pub actor_role: Option<super::role::Role>,
    pub actor_unit_id: Option<super::ids::UnitId>,
    pub action: String,
    pub record_kind: RecordKind,
    pub record_id: i64,
    pub changes: Value,
    pub note: Option<String>,
    pub request_id: Option<String>,
}
