//! What a client or a form sends about an accreditation: a new one (and its
//! check into the stored fields), and the fields of a PATCH.

use chrono::Datelike as _;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::accreditation::Fields;
use crate::domain::ids::ReporterId;
use crate::error::{ApiError, ApiResult};
use crate::model::input::trimmed;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccreditationInput {
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub reporter_ids: Vec<ReporterId>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: String,
    #[validate(length(max = 50))]
    #[schema(
        value_type = Vec<super::input::PlaceNameDoc>, max_items = 50,
        example = json!(["Nhà máy Thủy điện Hòa Bình", "Bản Lác, Mai Châu"])
    )]
    #[serde(default)]
    pub permitted_places: Vec<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "1234/BNG-TTBC")]
    pub referral_number: String,
    pub referral_date: NaiveDate,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub escort_officer: Option<String>,
}

/// Fields to change (while draft or submitted); absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccreditationPatch {
    #[validate(length(min = 1, max = 50))]
    #[schema(nullable = false, min_items = 1, max_items = 50)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub reporter_ids: Option<Vec<ReporterId>>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(nullable = false, min_length = 1, max_length = 2000)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub topics: Option<String>,
    #[validate(length(max = 50), custom(function = "each_place_is_a_name"))]
    #[schema(nullable = false, value_type = Option<Vec<super::input::PlaceNameDoc>>, max_items = 50)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub permitted_places: Option<Vec<String>>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub start_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub end_date: Option<NaiveDate>,
    #[validate(length(min = 1, max = 100))]
    #[schema(nullable = false, min_length = 1, max_length = 100)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub referral_number: Option<String>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub referral_date: Option<NaiveDate>,
    #[validate(length(max = 200))]
    #[schema(nullable = false, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub escort_officer: Option<String>,
}

/// Checks a whole accreditation's input and turns it into stored fields.
pub(super) fn checked(input: AccreditationInput) -> ApiResult<(Fields, Vec<ReporterId>)> {
    if input.end_date < input.start_date {
        return Err(ApiError::invalid(
            "end_date",
            "must not be before start_date",
        ));
    }
    for (field, date) in [
        ("start_date", input.start_date),
        ("end_date", input.end_date),
        ("referral_date", input.referral_date),
    ] {
        crate::domain::time::check_year(date.year()).map_err(|m| ApiError::invalid(field, m))?;
    }
    let mut places: Vec<String> = Vec::new();
    for (i, place) in input.permitted_places.iter().enumerate() {
        // The raw text is bounded, as the document says, not only the trimmed.
        let too_long = place.chars().count() > 300;
        let place = place.trim();
        if place.is_empty() || too_long {
            return Err(ApiError::invalid(
                &format!("permitted_places[{i}]"),
                "must be 1 to 300 characters",
            ));
        }
        places.push(place.to_owned());
    }
    let mut reporters = input.reporter_ids.clone();
    reporters.sort();
    reporters.dedup();
    let fields = Fields {
        topics: input.topics.trim().to_owned(),
        permitted_places: Fields::places(&places),
        start_date: input.start_date,
        end_date: input.end_date,
        referral_number: input.referral_number.trim().to_owned(),
        referral_date: input.referral_date,
        escort_officer: trimmed(input.escort_officer),
    };
    Ok((fields, reporters))
}

/// A PATCH's places checked with the body, before the record's version: a
/// stale `If-Match` with a blank place got 412 where the body itself is
/// wrong (schemathesis, ST201). The create checks each place by index where
/// it builds the record.
fn each_place_is_a_name(places: &[String]) -> Result<(), validator::ValidationError> {
    if places
        .iter()
        .all(|p| !p.trim().is_empty() && p.chars().count() <= 300)
    {
        Ok(())
    } else {
        Err(validator::ValidationError::new("place")
            .with_message("each place must be 1 to 300 characters".into()))
    }
}
