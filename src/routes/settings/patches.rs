//! What `PATCH /api/v1/settings` takes: each setting optional, applied to
//! the settings as they stand.

use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::domain::deadlines::{DayCount, DeadlineSettings, ExpirySettings, ProvinceSettings};
use crate::domain::report::ReportSettings;

/// The deadlines to change; absent fields stay.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesPatch {
    #[validate(range(max = 60))]
    #[schema(nullable = false, minimum = 0, maximum = 60)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub programme_notice_working_days: Option<u32>,
    #[validate(range(max = 60))]
    #[schema(nullable = false, minimum = 0, maximum = 60)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub resident_answer_working_days: Option<u32>,
    #[validate(range(max = 60))]
    #[schema(nullable = false, minimum = 0, maximum = 60)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub conference_notice_working_days: Option<u32>,
    #[validate(range(max = 366))]
    #[schema(nullable = false, minimum = 0, maximum = 366)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub report_days: Option<u32>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub report_day_count: Option<DayCount>,
}

/// The expiry horizons to change; absent fields stay.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpiryPatch {
    #[validate(range(max = 60))]
    #[schema(nullable = false, minimum = 0, maximum = 60)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub passport_months_after_entry: Option<u32>,
    #[validate(range(max = 366))]
    #[schema(nullable = false, minimum = 0, maximum = 366)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub visa_days_before_passport: Option<u32>,
    #[validate(range(max = 366))]
    #[schema(nullable = false, minimum = 0, maximum = 366)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub press_card_warning_days: Option<u32>,
    #[validate(range(max = 366))]
    #[schema(nullable = false, minimum = 0, maximum = 366)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub accreditation_warning_days: Option<u32>,
}

/// The settings to change; absent fields stay.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub saturday_working: Option<bool>,
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub culture_day: Option<bool>,
    #[validate(nested)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub deadlines: Option<DeadlinesPatch>,
    #[validate(nested)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub expiry: Option<ExpiryPatch>,
    /// The report settings, whole (they are few).
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    #[schema(nullable = false)]
    pub reports: Option<ReportSettings>,
}

impl SettingsPatch {
    /// The settings after this patch.
    pub fn apply(self, mut s: ProvinceSettings) -> ProvinceSettings {
        fn set<T>(slot: &mut T, value: Option<T>) {
            if let Some(v) = value {
                *slot = v;
            }
        }
        set(&mut s.saturday_working, self.saturday_working);
        set(&mut s.culture_day, self.culture_day);
        if let Some(p) = self.deadlines {
            let d: &mut DeadlineSettings = &mut s.deadlines;
            set(
                &mut d.programme_notice_working_days,
                p.programme_notice_working_days,
            );
            set(
                &mut d.resident_answer_working_days,
                p.resident_answer_working_days,
            );
            set(
                &mut d.conference_notice_working_days,
                p.conference_notice_working_days,
            );
            set(&mut d.report_days, p.report_days);
            set(&mut d.report_day_count, p.report_day_count);
        }
        if let Some(p) = self.expiry {
            let e: &mut ExpirySettings = &mut s.expiry;
            set(
                &mut e.passport_months_after_entry,
                p.passport_months_after_entry,
            );
            set(
                &mut e.visa_days_before_passport,
                p.visa_days_before_passport,
            );
            set(&mut e.press_card_warning_days, p.press_card_warning_days);
            set(
                &mut e.accreditation_warning_days,
                p.accreditation_warning_days,
            );
        }
        set(&mut s.reports, self.reports);
        s
    }
}
