//! Text rules shared by every record: country codes, search folding,
//! time zones.

use std::str::FromStr;

use chrono_tz::Tz;

/// An ISO 3166-1 alpha-2 country code from the real list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() == 2 && rust_iso3166::from_alpha2(&code).is_some() {
            Ok(Self(code))
        } else {
            Err("must be an ISO 3166-1 alpha-2 country code (JP, KR, FR, …)")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// In answers: the code as stored, always upper case (requests take either
/// case, `CountryCode` in the document's inputs).
impl utoipa::PartialSchema for CountryCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("ISO 3166-1 alpha-2 country code, upper case."))
            .min_length(Some(2))
            .max_length(Some(2))
            .pattern(Some("^[A-Z]{2}$"))
            .examples(["JP"])
            .build()
            .into()
    }
}

impl utoipa::ToSchema for CountryCode {
    fn name() -> std::borrow::Cow<'static, str> {
        "StoredCountryCode".into()
    }
}

/// Folds text for search: lower case, without diacritics, so that "hoa binh"
/// finds "Hòa Bình" and "nguyen" finds "Nguyễn" (đ folds to d).
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// An IANA time zone name that the zone database knows.
pub fn parse_zone(raw: &str) -> Result<Tz, &'static str> {
    Tz::from_str(raw.trim())
        .map_err(|_| "must be an IANA time zone (Asia/Ho_Chi_Minh, Europe/Berlin, …)")
}

/// A passport number of a sane shape: 5–20 letters and digits (spaces and
/// dashes as printed are dropped), kept in upper case.
pub fn parse_passport(raw: &str) -> Result<String, &'static str> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect::<String>()
        .to_uppercase();
    if (5..=20).contains(&cleaned.len()) && cleaned.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(cleaned)
    } else {
        Err("must be 5 to 20 letters and digits")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_come_from_the_real_list() {
        assert_eq!(CountryCode::parse("jp").unwrap().as_str(), "JP");
        assert!(CountryCode::parse("VN").is_ok());
        assert!(CountryCode::parse("XX").is_err());
        assert!(CountryCode::parse("JPN").is_err());
        assert!(CountryCode::parse("").is_err());
    }

    #[test]
    fn search_folds_vietnamese() {
        assert_eq!(fold("Hòa Bình"), "hoa binh");
        assert_eq!(fold("Nguyễn Đức Thắng"), "nguyen duc thang");
        assert!(fold("Thủy điện Hòa Bình").contains("thuy dien"));
        assert_eq!(fold("Mai Châu"), "mai chau");
    }

    #[test]
    fn zones_and_passports() {
        assert!(parse_zone("Asia/Ho_Chi_Minh").is_ok());
        assert!(parse_zone("Europe/Berlin").is_ok());
        assert!(parse_zone("Mars/Olympus").is_err());
        assert_eq!(parse_passport("tr 123-4567").unwrap(), "TR1234567");
        assert!(parse_passport("12").is_err());
        assert!(parse_passport("ABC<script>").is_err());
    }
}
