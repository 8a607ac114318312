//! Who holds a press conference: the province's own (the Provincial Office,
//! a department), or a foreign body — an embassy, a consulate, a foreign
//! organisation or enterprise — holding it in the province, which must
//! register it with the province ahead (Nghị định 88/2012/NĐ-CP; the
//! number of working days is a setting). Parsed once: a foreign body's
//! conference cannot lack its name or the day its registration arrived.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::FieldError;

/// What kind of body holds a press conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganizerKind {
    /// The province's own: the Provincial Office or a department.
    #[default]
    Province,
    /// An embassy, consulate, foreign organisation or enterprise.
    ForeignBody,
}
text_enum!(OrganizerKind { Province => "province", ForeignBody => "foreign_body" });

/// Who holds a press conference.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Organizer {
    #[default]
    Province,
    ForeignBody {
        /// The embassy's, consulate's, organisation's or enterprise's name.
        name: String,
        /// The day its registration reached the province.
        registered_on: NaiveDate,
    },
}

/// The longest organiser name kept (characters).
pub const ORGANIZER_NAME_MAX: usize = 300;

impl Organizer {
    /// The organiser from the request's three fields: a foreign body needs
    /// its name and registration date; the province's own takes neither
    /// (a stray name or date would be kept and mean nothing).
    pub fn parse(
        kind: OrganizerKind,
        name: Option<&str>,
        registered_on: Option<NaiveDate>,
    ) -> Result<Self, FieldError> {
        let name = name.map(str::trim);
        match kind {
            OrganizerKind::Province => {
                if name.is_some_and(|n| !n.is_empty()) {
                    return Err(FieldError::new(
                        "organizer_name",
                        "only a foreign body's press conference names its organizer",
                    ));
                }
                if registered_on.is_some() {
                    return Err(FieldError::new(
                        "registration_date",
                        "only a foreign body's press conference is registered with the province",
                    ));
                }
                Ok(Self::Province)
            }
            OrganizerKind::ForeignBody => {
                let name = match name {
                    Some(n) if !n.is_empty() => n,
                    _ => {
                        return Err(FieldError::new(
                            "organizer_name",
                            "a foreign body's press conference needs its organizer's name",
                        ));
                    }
                };
                if name.chars().count() > ORGANIZER_NAME_MAX {
                    return Err(FieldError::new(
                        "organizer_name",
                        format!("must be at most {ORGANIZER_NAME_MAX} characters"),
                    ));
                }
                let Some(registered_on) = registered_on else {
                    return Err(FieldError::new(
                        "registration_date",
                        "a foreign body's press conference needs the date its registration reached the province",
                    ));
                };
                Ok(Self::ForeignBody {
                    name: name.to_owned(),
                    registered_on,
                })
            }
        }
    }

    pub fn kind(&self) -> OrganizerKind {
        match self {
            Self::Province => OrganizerKind::Province,
            Self::ForeignBody { .. } => OrganizerKind::ForeignBody,
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Province => None,
            Self::ForeignBody { name, .. } => Some(name),
        }
    }

    pub fn registered_on(&self) -> Option<NaiveDate> {
        match self {
            Self::Province => None,
            Self::ForeignBody { registered_on, .. } => Some(*registered_on),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
    }

    #[test]
    fn a_foreign_body_needs_its_name_and_registration_date() {
        let k = OrganizerKind::ForeignBody;
        assert_eq!(
            Organizer::parse(k, None, Some(day())).unwrap_err().field,
            "organizer_name"
        );
        assert_eq!(
            Organizer::parse(k, Some("  "), Some(day()))
                .unwrap_err()
                .field,
            "organizer_name"
        );
        assert_eq!(
            Organizer::parse(k, Some("Embassy of Japan"), None)
                .unwrap_err()
                .field,
            "registration_date"
        );
        let ok = Organizer::parse(k, Some(" Embassy of Japan "), Some(day())).unwrap();
        assert_eq!(ok.name(), Some("Embassy of Japan"));
        assert_eq!(ok.registered_on(), Some(day()));
    }

    #[test]
    fn the_provinces_own_takes_neither() {
        let k = OrganizerKind::Province;
        assert_eq!(
            Organizer::parse(k, None, None).unwrap(),
            Organizer::Province
        );
        assert_eq!(
            Organizer::parse(k, Some(""), None).unwrap(),
            Organizer::Province
        );
        assert!(Organizer::parse(k, Some("x"), None).is_err());
        assert!(Organizer::parse(k, None, Some(day())).is_err());
    }
}
