//! Units: the offices users belong to and delegations are hosted by.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What kind of office a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    ProvincialOffice,
    ForeignAffairs,
    Police,
    Information,
    Department,
    District,
    Press,
    Other,
}

impl UnitKind {
    pub const ALL: [UnitKind; 8] = [
        UnitKind::ProvincialOffice,
        UnitKind::ForeignAffairs,
        UnitKind::Police,
        UnitKind::Information,
        UnitKind::Department,
        UnitKind::District,
        UnitKind::Press,
        UnitKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::ProvincialOffice => "provincial_office",
            UnitKind::ForeignAffairs => "foreign_affairs",
            UnitKind::Police => "police",
            UnitKind::Information => "information",
            UnitKind::Department => "department",
            UnitKind::District => "district",
            UnitKind::Press => "press",
            UnitKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Longest unit name accepted (Vietnamese official names run long, not this long).
pub const NAME_MAX: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: super::ids::UnitId,
    pub name: String,
    pub name_en: String,
    pub kind: UnitKind,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub version: i64,
    /// The unit this one was merged into: it is kept for history's sake,
    /// and can no longer be chosen.
    pub merged_into: Option<super::ids::UnitId>,
}
