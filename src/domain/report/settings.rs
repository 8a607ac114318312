//! What a province sets about its reports: the cut-off days of the
//! half-year and the year, and the unit that compiles the province's report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
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
        DayOfYear::new(v.day, v.month)
            .ok_or_else(|| format!("{}/{} is not a day of every year", v.day, v.month))
    }
}

impl DayOfYear {
    /// The day, if every year has it (2025 is not a leap year).
    pub fn new(day: u32, month: u32) -> Option<DayOfYear> {
        NaiveDate::from_ymd_opt(2025, month, day).map(|_| DayOfYear { day, month })
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
}

impl Default for ReportSettings {
    fn default() -> Self {
        Self {
            half_year_cutoff: DayOfYear { day: 15, month: 6 },
            year_cutoff: DayOfYear { day: 15, month: 12 },
            compiling_unit: None,
        }
    }
}
