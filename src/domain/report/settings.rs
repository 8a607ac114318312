//! What a province sets about its reports: the cut-off days of the
//! half-year and the year, the unit that compiles the province's report,
//! and the province's name as its documents write it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use utoipa::ToSchema;

use crate::domain::ids::UnitId;

/// A day of the year (day and month), such as a report's cut-off.
///
/// 29 February is refused: a cut-off must fall on a day every year has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, try_from = "DayOfYearInput")]
pub struct DayOfYear {
    #[schema(minimum = 1, maximum = 31)]
    pub day: u32,
    #[schema(minimum = 1, maximum = 12)]
    pub month: u32,
}

/// The unchecked shape of a [`DayOfYear`] as JSON brings it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayOfYearInput {
    day: u32,
    month: u32,
}

impl TryFrom<DayOfYearInput> for DayOfYear {
    type Error = String;

    fn try_from(v: DayOfYearInput) -> Result<Self, Self::Error> {
        DayOfYear::parse(v.day, v.month)
    }
}

impl DayOfYear {
    /// The day, if every year has it (2025 is not a leap year).
    pub fn new(day: u32, month: u32) -> Option<DayOfYear> {
        NaiveDate::from_ymd_opt(2025, month, day).map(|_| DayOfYear { day, month })
    }

    /// [`DayOfYear::new`], or the sentence that refuses it (the API's and
    /// the console's).
    pub fn parse(day: u32, month: u32) -> Result<DayOfYear, String> {
        DayOfYear::new(day, month)
            .ok_or_else(|| format!("{day}/{month} is not a day of every year"))
    }

    /// This day in `year`.
    pub fn in_year(self, year: i32) -> NaiveDate {
        // `new` admits only days every year has; the fallback is for values
        // built by hand, and clamps to the month's last day.
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, 28))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// The province's report settings; the defaults are the cut-off dates of
/// state reporting (Nghị định 09/2019/NĐ-CP, Art. 12: the half-year from 15
/// December of the year before to 14 June, the year from 15 December to 14
/// December).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// The half-year's report is due on this day; the half-year ends the
    /// day before (15/6).
    pub half_year_cutoff: DayOfYear,
    /// The year's report is due on this day; the year ends the day before,
    /// and the next half-year and year begin on it (15/12).
    pub year_cutoff: DayOfYear,
    /// The unit that compiles the province's report (none by default: Sở
    /// Thông tin và Truyền thông in the plan; after the 2025 reorganisation
    /// often Sở Văn hóa, Thể thao và Du lịch).
    #[schema(value_type = Option<i64>)]
    pub compiling_unit: Option<UnitId>,
    /// The province's name as its documents write it: "Bình Định", or a
    /// centrally-run city's "Thành phố Đà Nẵng". The reports head with "UBND
    /// TỈNH BÌNH ĐỊNH" ("UBND THÀNH PHỐ ĐÀ NẴNG") and are dated from "Bình
    /// Định" ("Đà Nẵng"); empty (the default), they head with "UBND TỈNH"
    /// and leave the place dotted. Trimmed; at most 60 characters, no
    /// control characters (422 naming `reports.province_name` otherwise).
    /// Absent, it is empty: send it with the other report settings.
    #[serde(default)]
    #[schema(value_type = String, max_length = 60, example = "Bình Định")]
    pub province_name: ProvinceName,
}

impl Default for ReportSettings {
    fn default() -> Self {
        Self {
            half_year_cutoff: DayOfYear { day: 15, month: 6 },
            year_cutoff: DayOfYear { day: 15, month: 12 },
            compiling_unit: None,
            province_name: ProvinceName::default(),
        }
    }
}

/// A province's name as an administrator types it: trimmed, in composed
/// form (NFC, so that the same name typed with another keyboard is the
/// same name and capitalises alike), at most 60 characters (the longest
/// province's, "Thành phố Hồ Chí Minh", is 21), no control characters.
/// Empty when not set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct ProvinceName(String);

impl ProvinceName {
    /// The most characters a name may have.
    pub const MAX_CHARS: usize = 60;

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How the reports name the province (Nghị định 30/2020/NĐ-CP, Appendix
    /// I: the place of a provincial body's document is its province's
    /// name; a name given after a person is written in full). "Bình Định"
    /// (or "Tỉnh Bình Định") heads with "UBND TỈNH BÌNH ĐỊNH" and is dated
    /// from "Bình Định"; a centrally-run city, "Thành phố Đà Nẵng", heads
    /// with "UBND THÀNH PHỐ ĐÀ NẴNG" and is dated from "Đà Nẵng" (but
    /// "Thành phố Hồ Chí Minh" from "Thành phố Hồ Chí Minh"). No name keeps
    /// the neutral head the decree allows and a dotted place for the clerk.
    pub fn heading(&self) -> ProvinceHeading {
        let name = self.as_str();
        if name.is_empty() {
            return ProvinceHeading {
                governing_body: "UBND TỈNH".to_owned(),
                place: "……………".to_owned(),
                committee: "UBND tỉnh".to_owned(),
            };
        }
        let (level, proper) = match after_word(name, "thành phố") {
            Some(city) => ("thành phố", city),
            None => ("tỉnh", after_word(name, "tỉnh").unwrap_or(name)),
        };
        let place = if level == "thành phố" && proper == "Hồ Chí Minh" {
            format!("Thành phố {proper}")
        } else {
            proper.to_owned()
        };
        ProvinceHeading {
            governing_body: format!("UBND {} {}", level.to_uppercase(), proper.to_uppercase()),
            place,
            committee: format!("UBND {level} {proper}"),
        }
    }
}

/// `name` after its first word(s) `word` (in any case) and the space
/// after them: "Thành phố Đà Nẵng" after "thành phố" is "Đà Nẵng".
fn after_word<'a>(name: &'a str, word: &str) -> Option<&'a str> {
    let mut chars = name.char_indices();
    for expected in word.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    let (i, c) = chars.next()?;
    let rest = name[i..].trim_start();
    (c.is_whitespace() && !rest.is_empty()).then_some(rest)
}

/// The words a report uses for the province, from [`ProvinceName::heading`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceHeading {
    /// Above the issuing body: "UBND TỈNH BÌNH ĐỊNH".
    pub governing_body: String,
    /// Before the date: "Bình Định".
    pub place: String,
    /// The People's Committee among the recipients: "UBND tỉnh Bình Định".
    pub committee: String,
}

impl TryFrom<String> for ProvinceName {
    type Error = &'static str;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        let name: String = raw.trim().nfc().collect();
        if name.chars().any(char::is_control) {
            Err("must not contain control characters")
        } else if name.chars().count() > Self::MAX_CHARS {
            Err("must be at most 60 characters")
        } else {
            Ok(Self(name))
        }
    }
}

impl std::fmt::Display for ProvinceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(raw: &str) -> ProvinceName {
        ProvinceName::try_from(raw.to_owned()).unwrap()
    }

    fn heading(raw: &str) -> (String, String, String) {
        let h = name(raw).heading();
        (h.governing_body, h.place, h.committee)
    }

    fn three(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.to_owned(), b.to_owned(), c.to_owned())
    }

    #[test]
    fn a_province_heads_with_its_committee_and_is_dated_from_its_name() {
        let binh_dinh = three("UBND TỈNH BÌNH ĐỊNH", "Bình Định", "UBND tỉnh Bình Định");
        assert_eq!(heading("Bình Định"), binh_dinh);
        assert_eq!(heading("Tỉnh Bình Định"), binh_dinh);
        assert_eq!(heading("tỉnh  Bình Định"), binh_dinh);
        assert_eq!(
            heading("Thành phố Đà Nẵng"),
            three(
                "UBND THÀNH PHỐ ĐÀ NẴNG",
                "Đà Nẵng",
                "UBND thành phố Đà Nẵng"
            )
        );
        assert_eq!(
            heading("THÀNH PHỐ Huế"),
            three("UBND THÀNH PHỐ HUẾ", "Huế", "UBND thành phố Huế")
        );
        // Named after a person: written in full (Appendix I).
        assert_eq!(
            heading("Thành phố Hồ Chí Minh"),
            three(
                "UBND THÀNH PHỐ HỒ CHÍ MINH",
                "Thành phố Hồ Chí Minh",
                "UBND thành phố Hồ Chí Minh"
            )
        );
    }

    #[test]
    fn no_name_keeps_the_neutral_head_and_a_dotted_place() {
        assert_eq!(
            ProvinceName::default().heading(),
            ProvinceHeading {
                governing_body: "UBND TỈNH".into(),
                place: "……………".into(),
                committee: "UBND tỉnh".into(),
            }
        );
        assert_eq!(name("   ").heading(), ProvinceName::default().heading());
    }

    #[test]
    fn a_name_is_trimmed_composed_and_bounded() {
        assert_eq!(name("  Bình Định \n").as_str(), "Bình Định");
        // "Bình Định" typed with combining marks is the same name.
        assert_eq!(name("Bi\u{300}nh \u{110}i\u{323}nh"), name("Bình Định"));
        assert_eq!(name(&"a".repeat(60)).as_str().len(), 60);
        let refused = |raw: &str| ProvinceName::try_from(raw.to_owned()).unwrap_err();
        assert_eq!(refused(&"ă".repeat(61)), "must be at most 60 characters");
        assert_eq!(refused("Bình\tĐịnh"), "must not contain control characters");
        assert_eq!(refused("Bình\u{7}"), "must not contain control characters");
    }

    #[test]
    fn stored_settings_without_a_name_still_read() {
        let old = r#"{"half_year_cutoff":{"day":15,"month":6},"year_cutoff":{"day":15,"month":12},"compiling_unit":null}"#;
        let s: ReportSettings = serde_json::from_str(old).unwrap();
        assert_eq!(s, ReportSettings::default());
        let named = r#"{"half_year_cutoff":{"day":15,"month":6},"year_cutoff":{"day":15,"month":12},"compiling_unit":null,"province_name":" Bình Định "}"#;
        let s: ReportSettings = serde_json::from_str(named).unwrap();
        assert_eq!(s.province_name.as_str(), "Bình Định");
        assert_eq!(
            serde_json::to_value(&s).unwrap()["province_name"],
            "Bình Định"
        );
        let bad = r#"{"half_year_cutoff":{"day":15,"month":6},"year_cutoff":{"day":15,"month":12},"compiling_unit":null,"province_name":"a\u0007"}"#;
        let e = serde_json::from_str::<ReportSettings>(bad).unwrap_err();
        assert!(e.to_string().contains("control characters"), "{e}");
    }
}
