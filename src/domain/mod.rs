//! Pure rules of the product: no actix, no diesel. Each rule lives here once.

/// Gives an enum stored as text its `ALL`, `as_str` and `parse` (the
/// names match its serde names; each enum's tests check that).
macro_rules! text_enum {
    ($ty:ty { $($variant:ident => $text:literal),* $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $text),* }
            }

            pub fn parse(s: &str) -> Option<$ty> {
                match s { $($text => Some(<$ty>::$variant),)* _ => None }
            }
        }

        impl $crate::domain::workflow::Named for $ty {
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

pub mod audit;
pub mod collate;
pub mod deadlines;
pub mod delegation;
pub mod expiry;
pub mod ical;
pub mod ical_import;
pub mod ids;
pub mod itinerary;
pub mod login;
pub mod lunar;
pub mod pagination;
pub mod press;
pub mod reference;
pub mod report;
pub mod review;
pub mod role;
pub mod schedule;
pub mod text;
pub mod time;
pub mod unit;
pub mod user;
pub mod workflow;
pub mod working_days;

/// A rule an input broke, named by the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The JSON path of the field (`countries[0]`, `place.name`) or the query parameter.
    pub field: String,
    /// What is wrong with it, for a person to read.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}
