//! The settings form read back as the API's patch, every field checked
//! and each refusal named.

use crate::console::pages::delegation::form::Reader;
use crate::domain::FieldError;
use crate::domain::deadlines::DayCount;
use crate::domain::ids::UnitId;
use crate::domain::report::ReportSettings;
use crate::domain::report::settings::{DayOfYear, ProvinceName};
use crate::error::ApiError;
use crate::routes::settings::{DeadlinesPatch, ExpiryPatch, SettingsPatch};

use super::SettingsForm;

/// Each number the form asks for: its form name (the API's path with `_`
/// for `.`) and its largest value, as `SettingsPatch` bounds it (the
/// patch is validated again before it is saved, so the two cannot drift
/// into letting a bad value through).
const NUMBERS: &[(&str, u32)] = &[
    ("deadlines_programme_notice_working_days", 60),
    ("deadlines_resident_answer_working_days", 60),
    ("deadlines_conference_notice_working_days", 60),
    ("deadlines_report_days", 366),
    ("expiry_passport_months_after_entry", 60),
    ("expiry_visa_days_before_passport", 366),
    ("expiry_press_card_warning_days", 366),
    ("expiry_accreditation_warning_days", 366),
];

impl SettingsForm {
    /// The cut-off `name` from its day and month boxes, or its refusal in
    /// `errors` (the API's sentence for a day not every year has).
    fn cutoff(&self, name: &str, errors: &mut Vec<FieldError>) -> Option<DayOfYear> {
        let day = self.raw(&format!("{name}_day")).trim();
        let month = self.raw(&format!("{name}_month")).trim();
        let refusal = if day.is_empty() || month.is_empty() {
            "must not be empty".to_owned()
        } else {
            match (day.parse::<u32>(), month.parse::<u32>()) {
                (Ok(day), Ok(month)) => match DayOfYear::parse(day, month) {
                    Ok(cutoff) => return Some(cutoff),
                    Err(refusal) => refusal,
                },
                (Err(_), _) => "must be a whole number from 1 to 31".to_owned(),
                (_, Err(_)) => "must be a whole number from 1 to 12".to_owned(),
            }
        };
        errors.push(FieldError::new(name, refusal));
        None
    }

    /// The report settings the form sends, whole (as the API takes them),
    /// or the refusal of each bad field in `errors`. A unit that is no
    /// more (a form left open) is the operation's to refuse.
    fn reports(&self, errors: &mut Vec<FieldError>) -> Option<ReportSettings> {
        let compiling_unit = match self.reports_compiling_unit.trim() {
            "" => Some(None),
            raw => match raw.parse() {
                Ok(id) => Some(Some(UnitId(id))),
                Err(_) => {
                    errors.push(FieldError::new(
                        "reports_compiling_unit",
                        "must be one of the choices",
                    ));
                    None
                }
            },
        };
        let province_name = ProvinceName::try_from(self.reports_province_name.clone())
            .map_err(|refusal| {
                errors.push(FieldError::new("reports_province_name", refusal));
            })
            .ok();
        let half_year_cutoff = self.cutoff("reports_half_year_cutoff", errors);
        let year_cutoff = self.cutoff("reports_year_cutoff", errors);
        Some(ReportSettings {
            half_year_cutoff: half_year_cutoff?,
            year_cutoff: year_cutoff?,
            compiling_unit: compiling_unit?,
            province_name: province_name?,
        })
    }

    /// The form read as the API's patch, every setting given: 422 naming
    /// each bad field.
    pub(super) fn read(&self) -> Result<SettingsPatch, ApiError> {
        let mut errors = Vec::new();
        let mut yes_no = |name: &str| match self.raw(name).trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                errors.push(FieldError::new(name, "must be one of the choices"));
                None
            }
        };
        let saturday_working = yes_no("saturday_working");
        let culture_day = yes_no("culture_day");
        let report_day_count = match self.deadlines_report_day_count.trim() {
            "calendar" => Some(DayCount::Calendar),
            "working" => Some(DayCount::Working),
            _ => {
                errors.push(FieldError::new(
                    "deadlines_report_day_count",
                    "must be one of the choices",
                ));
                None
            }
        };
        let reports = self.reports(&mut errors);
        let mut number = |name: &str| {
            let max = NUMBERS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(0, |(_, m)| *m);
            let raw = self.raw(name).trim();
            match raw.parse::<u32>() {
                Ok(n) if n <= max => Some(n),
                _ if raw.is_empty() => {
                    errors.push(FieldError::new(name, "must not be empty"));
                    None
                }
                _ => {
                    errors.push(FieldError::new(
                        name,
                        format!("must be a whole number from 0 to {max}"),
                    ));
                    None
                }
            }
        };
        let patch = SettingsPatch {
            saturday_working,
            culture_day,
            deadlines: Some(DeadlinesPatch {
                programme_notice_working_days: number("deadlines_programme_notice_working_days"),
                resident_answer_working_days: number("deadlines_resident_answer_working_days"),
                conference_notice_working_days: number("deadlines_conference_notice_working_days"),
                report_days: number("deadlines_report_days"),
                report_day_count,
            }),
            expiry: Some(ExpiryPatch {
                passport_months_after_entry: number("expiry_passport_months_after_entry"),
                visa_days_before_passport: number("expiry_visa_days_before_passport"),
                press_card_warning_days: number("expiry_press_card_warning_days"),
                accreditation_warning_days: number("expiry_accreditation_warning_days"),
            }),
            reports,
        };
        if !errors.is_empty() {
            return Err(ApiError::Invalid(errors));
        }
        let mut read = Reader::new();
        read.check(&patch);
        read.finish()?;
        Ok(patch)
    }
}
