//! The inputs of changes as both faces receive them (JSON bodies, form
//! posts, query strings): the checks `validator` runs on them, the bounds
//! the OpenAPI document states, and the parsing of pages and windows. One
//! place, so that the console and the API refuse the same things the same
//! way.

use utoipa::ToSchema;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::domain::FieldError;
use crate::error::{ApiError, ApiResult};

/// A workflow action on a record (accreditations, interviews, press
/// conferences), with an optional note for the history.
#[derive(Debug, serde::Deserialize, validator::Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest<A> {
    pub action: A,
    /// Required to revoke an accreditation; optional otherwise.
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

/// Strings of request lists, for the document only: the fields are plain
/// `String`s, checked where they are read; these name their bounds.
macro_rules! text_schemas_ {
    ($($name:ident as $schema:literal: $min:literal..=$max:expr, $description:literal $(, pattern $pattern:literal, example $example:literal)?;)*) => {$(
        #[doc = $description]
        #[derive(Debug)]
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some($description))
                    .min_length(Some($min))
                    .max_length(Some($max))
                    $(.pattern(Some($pattern)).examples([$example]))?
                    .build()
                    .into()
            }
        }

        impl ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                $schema.into()
            }
        }
    )*};
}

pub(crate) use text_schemas_ as text_schemas;

text_schemas! {
    CountryCodeDoc as "CountryCode": 2..=2,
        "ISO 3166-1 alpha-2 country code; lower case is read as upper case.",
        pattern "^[A-Za-z]{2}$", example "JP";
    PlaceNameDoc as "PlaceName": 1..=300, "A place name.";
    SpeakerNameDoc as "SpeakerName": 1..=200, "A speaker's name and position.";
}

/// For PATCH bodies: a field that cannot be cleared is absent (`None`, it
/// stays) or holds a value; `null` is refused (422 naming the field) rather
/// than taken as "leave it", which a client meaning "clear it" would not
/// notice. The field says `#[schema(nullable = false)]` beside it.
pub fn not_null<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize as _;
    use serde::de::Error as _;
    // Through `Option`: `null` where serde_json wants an enum is otherwise
    // its syntax error ("expected value"), a 400 that names no field.
    match Option::<T>::deserialize(deserializer)? {
        Some(value) => Ok(Some(value)),
        None => Err(D::Error::custom(
            "must not be null: leave the field out to keep what it holds",
        )),
    }
}

/// For PATCH bodies: tells an absent field (`None`) from an explicit `null`
/// (`Some(None)`, which clears it).
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(deserializer).map(Some)
}

/// An optional window bound of a query, or 422 naming it.
pub fn instant(
    field: &str,
    raw: Option<&str>,
    bound: crate::domain::time::Bound,
) -> crate::error::ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
    raw.map(|r| {
        crate::domain::time::parse_instant(r, bound)
            .map_err(|m| crate::error::ApiError::invalid(field, m))
    })
    .transpose()
}

/// An optional window bound of a query as the province's day, or 422 naming it.
pub fn day(
    field: &str,
    raw: Option<&str>,
    bound: crate::domain::time::Bound,
) -> crate::error::ApiResult<Option<chrono::NaiveDate>> {
    raw.map(|r| {
        crate::domain::time::parse_day(r, bound)
            .map_err(|m| crate::error::ApiError::invalid(field, m))
    })
    .transpose()
}

/// Optional free text as stored: trimmed, and `None` when blank.
pub fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// `validator` checks shared by the request types.
pub fn not_blank(text: &str) -> Result<(), validator::ValidationError> {
    rule(if text.trim().is_empty() {
        Err("must not be empty")
    } else {
        Ok(())
    })
}

/// Exactly two letters, as the document's `CountryCode` says: the domain
/// parser would also take padded text of any length.
pub fn check_country(code: &str) -> Result<(), validator::ValidationError> {
    rule(if code.len() == 2 {
        crate::domain::text::CountryCode::parse(code).map(|_| ())
    } else {
        Err("must be an ISO 3166-1 alpha-2 country code (JP, KR, FR, …)")
    })
}

pub fn check_passport(raw: &str) -> Result<(), validator::ValidationError> {
    rule(crate::domain::text::parse_passport(raw).map(|_| ()))
}

pub fn check_date(date: &chrono::NaiveDate) -> Result<(), validator::ValidationError> {
    use chrono::Datelike;
    rule(crate::domain::time::check_year(date.year()))
}

/// Adapts a domain rule (`Err(message)`) to a `validator` custom check.
pub fn rule(result: Result<(), &'static str>) -> Result<(), validator::ValidationError> {
    result
        .map_err(|message| validator::ValidationError::new("invalid").with_message(message.into()))
}

/// The decoded cursor of a list request, or 422 naming `cursor`.
pub fn cursor<K: serde::de::DeserializeOwned>(
    raw: Option<&str>,
) -> crate::error::ApiResult<Option<K>> {
    raw.map(|c| {
        crate::domain::pagination::decode_cursor(c)
            .map_err(|m| crate::error::ApiError::invalid("cursor", m))
    })
    .transpose()
}

/// The page size of a list request, or 422 naming `limit`.
pub fn limit(raw: Option<i64>) -> crate::error::ApiResult<crate::domain::pagination::Limit> {
    crate::domain::pagination::Limit::parse(raw)
        .map_err(|m| crate::error::ApiError::invalid("limit", m))
}

/// Runs the `validator` rules and lists every broken one.
pub fn validate<T: Validate>(value: &T) -> ApiResult<()> {
    value.validate().map_err(|errors| {
        let mut out = Vec::new();
        flatten(&errors, "", &mut out);
        ApiError::Invalid(out)
    })
}

fn flatten(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let message = e
                        .message
                        .as_ref()
                        .map_or_else(|| e.code.to_string(), ToString::to_string);
                    out.push(FieldError::new(path.clone(), message));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}
