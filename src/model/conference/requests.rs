//! What a client or a form sends about a press conference: a new one (and
//! its check into the stored fields), the fields of a PATCH, an attendee.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::conference::Fields;
use crate::domain::ids::ReporterId;
use crate::domain::itinerary::parse_time;
use crate::domain::press::{ConferenceKind, Organizer, OrganizerKind};
use crate::error::{ApiError, ApiResult};
use crate::model::itinerary::zone;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferenceInput {
    #[validate(length(min = 1, max = 500))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Họp báo định kỳ quý IV năm 2026"
    )]
    pub title: String,
    pub kind: ConferenceKind,
    /// `2026-12-01T09:00` in `time_zone`, or RFC 3339 with an offset.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub starts_at: String,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub ends_at: String,
    /// IANA zone; default `Asia/Ho_Chi_Minh`.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300, example = "Hội trường UBND tỉnh")]
    pub venue: String,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: String,
    #[validate(length(max = 20))]
    #[schema(value_type = Vec<super::input::SpeakerNameDoc>, max_items = 20)]
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Who holds it: `province` (the Provincial Office, a department;
    /// the default) or `foreign_body` (an embassy, consulate, foreign
    /// organisation or enterprise), which registers it with the province.
    pub organizer: Option<OrganizerKind>,
    /// A foreign body's name (required for `foreign_body`, absent otherwise).
    #[validate(length(max = 300))]
    #[schema(max_length = 300, example = "Đại sứ quán Nhật Bản")]
    pub organizer_name: Option<String>,
    /// The day a foreign body's registration reached the province
    /// (required for `foreign_body`, absent otherwise).
    #[validate(custom(function = "super::input::check_date"))]
    pub registration_date: Option<NaiveDate>,
}

pub(super) fn checked(input: ConferenceInput) -> ApiResult<Fields> {
    // `validator` counts spaces as characters: a title of spaces alone
    // would be stored empty once trimmed.
    for (field, value) in [
        ("title", &input.title),
        ("venue", &input.venue),
        ("topics", &input.topics),
    ] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid(field, "must not be empty"));
        }
    }
    let tz = zone(input.time_zone.as_deref())?;
    let starts = parse_time(&input.starts_at, tz).map_err(|m| ApiError::invalid("starts_at", m))?;
    let ends = parse_time(&input.ends_at, tz).map_err(|m| ApiError::invalid("ends_at", m))?;
    if ends <= starts {
        return Err(ApiError::invalid("ends_at", "must be after starts_at"));
    }
    let organizer = Organizer::parse(
        input.organizer.unwrap_or_default(),
        input.organizer_name.as_deref(),
        input.registration_date,
    )
    .map_err(|e| ApiError::Invalid(vec![e]))?;
    let mut speakers = Vec::new();
    for (i, s) in input.speakers.iter().enumerate() {
        let too_long = s.chars().count() > 200;
        let s = s.trim();
        if s.is_empty() || too_long {
            return Err(ApiError::invalid(
                &format!("speakers[{i}]"),
                "must be 1 to 200 characters",
            ));
        }
        speakers.push(s.to_owned());
    }
    Ok(Fields {
        title: input.title.trim().to_owned(),
        kind: input.kind.as_str().to_owned(),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: tz.name().to_owned(),
        venue: input.venue.trim().to_owned(),
        topics: input.topics.trim().to_owned(),
        speakers: Fields::speakers(&speakers),
        organizer_kind: String::new(),
        organizer_name: None,
        registration_date: None,
    }
    .with_organizer(&organizer))
}

/// Fields to change while planned or announced; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferencePatch {
    #[validate(length(min = 1, max = 500))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub kind: Option<ConferenceKind>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub ends_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(nullable = false, max_length = 64)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(nullable = false, min_length = 1, max_length = 300)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub venue: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(nullable = false, min_length = 1, max_length = 2000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub topics: Option<String>,
    #[validate(length(max = 20))]
    #[schema(nullable = false, value_type = Option<Vec<super::input::SpeakerNameDoc>>, max_items = 20)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub speakers: Option<Vec<String>>,
    /// `province` drops a foreign body's name and date; `foreign_body`
    /// needs both (given here or already on the conference).
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub organizer: Option<OrganizerKind>,
    #[validate(length(max = 300))]
    #[schema(nullable = false, max_length = 300)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub organizer_name: Option<String>,
    #[validate(custom(function = "super::input::check_date"))]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub registration_date: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Báo Hòa Bình")]
    pub outlet: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// For a foreign reporter: who must hold an approved accreditation covering the day.
    pub reporter_id: Option<ReporterId>,
}
