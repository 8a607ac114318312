//! What a client or a form sends about a foreign reporter: a new one, the
//! fields of a PATCH, and their turning into stored fields and documents.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::reporter::ReporterFields;
use crate::domain::expiry::{TravelDocuments, VisaType};
use crate::domain::text::{CountryCode, parse_passport};
use crate::error::{ApiError, ApiResult};
use crate::model::input::{check_country, check_date, check_passport, not_blank, trimmed};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReporterInput {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "Yamada Hanako")]
    pub full_name: String,
    #[validate(custom(function = "check_country"))]
    #[schema(
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$",
        example = "JP"
    )]
    pub nationality: String,
    #[validate(custom(function = "check_passport"))]
    #[schema(max_length = 30)]
    pub passport_number: Option<String>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "NHK")]
    pub outlet: String,
    #[validate(custom(function = "check_country"))]
    #[schema(
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$",
        example = "JP"
    )]
    pub outlet_country: String,
    #[validate(length(max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, example = "reporter")]
    pub position: String,
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub press_card_number: Option<String>,
    #[validate(email, length(max = 200))]
    #[schema(max_length = 200, format = Email)]
    pub email: Option<String>,
    #[validate(length(max = 40))]
    #[schema(max_length = 40)]
    pub phone: Option<String>,
    /// The passport's last day of validity (personal data).
    #[validate(custom(function = "check_date"))]
    pub passport_expiry: Option<NaiveDate>,
    /// `pv1` (resident press), `pv2` (short-term press) or `other` (personal data).
    pub visa_type: Option<VisaType>,
    /// The visa's number (personal data).
    #[validate(length(max = 30))]
    #[schema(max_length = 30)]
    pub visa_number: Option<String>,
    /// The visa's last day (personal data).
    #[validate(custom(function = "check_date"))]
    pub visa_end: Option<NaiveDate>,
    /// The last day of the press card the Ministry of Foreign Affairs issued.
    #[validate(custom(function = "check_date"))]
    pub press_card_end: Option<NaiveDate>,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReporterPatch {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub full_name: Option<String>,
    #[validate(custom(function = "check_country"))]
    #[schema(
        nullable = false,
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$"
    )]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub nationality: Option<String>,
    #[validate(custom(function = "check_passport"))]
    #[schema(nullable = false, max_length = 30)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub passport_number: Option<String>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub outlet: Option<String>,
    #[validate(custom(function = "check_country"))]
    #[schema(
        nullable = false,
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$"
    )]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub outlet_country: Option<String>,
    #[validate(length(max = 100), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 100)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub position: Option<String>,
    #[validate(length(max = 50))]
    #[schema(nullable = false, max_length = 50)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub press_card_number: Option<String>,
    #[validate(email, length(max = 200))]
    #[schema(nullable = false, max_length = 200, format = Email)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub email: Option<String>,
    #[validate(length(max = 40))]
    #[schema(nullable = false, max_length = 40)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub phone: Option<String>,
    /// The passport's last day of validity (personal data).
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub passport_expiry: Option<NaiveDate>,
    /// `pv1` (resident press), `pv2` (short-term press) or `other` (personal data).
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub visa_type: Option<VisaType>,
    /// The visa's number (personal data).
    #[validate(length(max = 30))]
    #[schema(nullable = false, max_length = 30)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub visa_number: Option<String>,
    /// The visa's last day (personal data).
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub visa_end: Option<NaiveDate>,
    /// The last day of the press card the Ministry of Foreign Affairs issued.
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub press_card_end: Option<NaiveDate>,
}

pub fn code(raw: &str, field: &str) -> ApiResult<String> {
    CountryCode::parse(raw)
        .map(|c| c.as_str().to_owned())
        .map_err(|m| ApiError::invalid(field, m))
}

impl ReporterInput {
    /// The travel documents given (read before [`fields`](Self::fields) takes the input).
    pub fn documents(&self) -> TravelDocuments {
        TravelDocuments {
            passport_expiry: self.passport_expiry,
            visa_type: self.visa_type,
            visa_number: trimmed(self.visa_number.clone()),
            visa_end: self.visa_end,
            press_card_end: self.press_card_end,
        }
    }

    pub fn fields(self) -> ApiResult<ReporterFields> {
        Ok(ReporterFields {
            full_name: self.full_name.trim().to_owned(),
            nationality: code(&self.nationality, "nationality")?,
            passport_number: trimmed(self.passport_number)
                .map(|p| parse_passport(&p).map_err(|m| ApiError::invalid("passport_number", m)))
                .transpose()?,
            outlet: self.outlet.trim().to_owned(),
            outlet_country: code(&self.outlet_country, "outlet_country")?,
            position: self.position.trim().to_owned(),
            press_card_number: trimmed(self.press_card_number),
            email: trimmed(self.email),
            phone: trimmed(self.phone),
            search_text: String::new(),
        }
        .with_search())
    }
}
