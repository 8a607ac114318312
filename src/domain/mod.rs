//! Pure rules of the product: no actix, no diesel. Each rule lives here once.

pub mod audit;
pub mod ids;
pub mod login;
pub mod pagination;
pub mod role;
pub mod time;
pub mod unit;
pub mod user;

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
