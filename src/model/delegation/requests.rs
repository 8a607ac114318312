//! What a client or a form sends to change a delegation: a new one, the
//! fields of a PATCH, a workflow action with what it carries.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::domain::delegation::{DelegationAction, Direction, Recommendation, TransitionInput};
use crate::domain::ids::UnitId;
use crate::model::input::{CountryCodeDoc, check_date, not_blank};

// A new delegation as a client or a form gives it (not in the document:
// its description there is the operation's).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDelegation {
    pub direction: Direction,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Đoàn doanh nghiệp tỉnh Shizuoka"
    )]
    pub title: String,
    #[validate(length(max = 5000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub purpose: String,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500)]
    pub partner_organization: String,
    /// ISO 3166-1 alpha-2: where the delegation comes from (incoming) or goes to (outgoing).
    #[validate(length(min = 1, max = 30), custom(function = "check_countries"))]
    #[schema(value_type = Vec<CountryCodeDoc>, min_items = 1, max_items = 30, example = json!(["JP"]))]
    pub countries: Vec<String>,
    /// Incoming: the unit that receives it; outgoing: the unit that sends it.
    pub host_unit_id: UnitId,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub head_of_delegation: String,
    #[validate(custom(function = "check_date"))]
    pub start_date: NaiveDate,
    #[validate(custom(function = "check_date"))]
    pub end_date: NaiveDate,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDelegation {
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub title: Option<String>,
    #[validate(length(max = 5000), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 5000)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub purpose: Option<String>,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub partner_organization: Option<String>,
    #[validate(length(min = 1, max = 30), custom(function = "check_countries"))]
    #[schema(nullable = false, value_type = Option<Vec<CountryCodeDoc>>, min_items = 1, max_items = 30)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub countries: Option<Vec<String>>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub host_unit_id: Option<UnitId>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub head_of_delegation: Option<String>,
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub start_date: Option<NaiveDate>,
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub end_date: Option<NaiveDate>,
}

fn check_countries(codes: &[String]) -> Result<(), validator::ValidationError> {
    codes
        .iter()
        .try_for_each(|c| super::input::check_country(c))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub action: DelegationAction,
    /// Required to return (what to fix), appraise and cancel; optional otherwise.
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub note: Option<String>,
    /// For `appraise`.
    pub recommendation: Option<Recommendation>,
    /// For `approve` and `reject`: the number of the province's decision.
    #[validate(length(max = 100))]
    #[schema(max_length = 100, example = "1234/QĐ-UBND")]
    pub decision_number: Option<String>,
    /// For `approve` and `reject`.
    #[validate(custom(function = "check_date"))]
    pub decision_date: Option<NaiveDate>,
    /// For `report`: the report's text.
    #[validate(length(max = 100000))]
    #[schema(max_length = 100000)]
    pub report: Option<String>,
}

impl TransitionRequest {
    /// The action and what it carries, as [`transition`](super::transition)
    /// takes them: the note and the decision's number trimmed, a blank note
    /// none.
    pub fn input(self) -> (DelegationAction, TransitionInput) {
        let input = TransitionInput {
            note: self
                .note
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            recommendation: self.recommendation,
            decision_number: self.decision_number.map(|n| n.trim().to_owned()),
            decision_date: self.decision_date,
            report: self.report,
        };
        (self.action, input)
    }
}
