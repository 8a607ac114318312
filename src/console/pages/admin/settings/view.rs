//! The settings page: each setting labelled from the catalogue and
//! hinted with its default and source, and the compiling unit's choices.

use crate::console::i18n::Tr;
use crate::console::page::{Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::session::{Account, Visit};
use crate::domain::deadlines::ProvinceSettings;
use crate::domain::unit::Unit;

use super::{CUTOFFS, CutoffField, SettingField, SettingsForm, SettingsPage, day_count};

/// The field `name`, labelled and hinted from the catalogue
/// (`calendar-setting-{name}`, `…-source`), its default read from the
/// domain's defaults.
fn field(
    t: Tr,
    form: &SettingsForm,
    name: &'static str,
    default: String,
    choices: &[&str],
) -> SettingField {
    let raw = form.raw(name).trim();
    let options = choices
        .iter()
        .map(|v| Choice {
            value: (*v).to_owned(),
            label: t.t(&format!("calendar-setting-{name}-{v}")),
            chosen: raw == *v,
        })
        .collect();
    let default = if choices.is_empty() {
        default
    } else {
        t.t(&format!("calendar-setting-{name}-{default}"))
    };
    SettingField {
        name,
        label: t.t(&format!("calendar-setting-{name}")),
        hint: t.with(
            "calendar-setting-default",
            &[
                ("default", default.into()),
                (
                    "source",
                    t.t(&format!("calendar-setting-{name}-source")).into(),
                ),
            ],
        ),
        value: form.raw(name).to_owned(),
        options,
    }
}

/// The units the compiling unit is chosen among: the open ones, and the
/// one named now even if it was merged away since (the operation keeps it
/// while it is not changed, so the form shows it chosen rather than
/// quietly choosing none).
fn compiling_choices(units: &[Unit], chosen: &str, t: Tr) -> Vec<Choice> {
    let mut choices = super::super::unit_choices(units, chosen, t);
    if let Some(merged) = units
        .iter()
        .find(|u| u.merged_into.is_some() && u.id.to_string() == chosen.trim())
    {
        choices.insert(
            0,
            Choice {
                value: merged.id.to_string(),
                label: crate::console::pages::delegation::unit_name(merged, t),
                chosen: true,
            },
        );
    }
    choices
}

pub(super) fn settings_page(
    visit: &Visit,
    account: &Account,
    units: &[Unit],
    form: SettingsForm,
    errors: FormErrors,
    notice: Option<String>,
) -> SettingsPage {
    let t = visit.tr();
    let d = ProvinceSettings::default();
    let yes_no = &["false", "true"][..];
    let n = |v: u32| v.to_string();
    let calendar = vec![
        field(
            t,
            &form,
            "saturday_working",
            d.saturday_working.to_string(),
            yes_no,
        ),
        field(t, &form, "culture_day", d.culture_day.to_string(), yes_no),
    ];
    let (dd, de) = (&d.deadlines, &d.expiry);
    let deadlines = vec![
        field(
            t,
            &form,
            "deadlines_programme_notice_working_days",
            n(dd.programme_notice_working_days),
            &[],
        ),
        field(
            t,
            &form,
            "deadlines_resident_answer_working_days",
            n(dd.resident_answer_working_days),
            &[],
        ),
        field(
            t,
            &form,
            "deadlines_conference_notice_working_days",
            n(dd.conference_notice_working_days),
            &[],
        ),
        field(t, &form, "deadlines_report_days", n(dd.report_days), &[]),
        field(
            t,
            &form,
            "deadlines_report_day_count",
            day_count(dd.report_day_count).to_owned(),
            &["calendar", "working"],
        ),
    ];
    let expiry = vec![
        field(
            t,
            &form,
            "expiry_passport_months_after_entry",
            n(de.passport_months_after_entry),
            &[],
        ),
        field(
            t,
            &form,
            "expiry_visa_days_before_passport",
            n(de.visa_days_before_passport),
            &[],
        ),
        field(
            t,
            &form,
            "expiry_press_card_warning_days",
            n(de.press_card_warning_days),
            &[],
        ),
        field(
            t,
            &form,
            "expiry_accreditation_warning_days",
            n(de.accreditation_warning_days),
            &[],
        ),
    ];
    let no_compiling_unit = t.t("calendar-setting-reports_compiling_unit-none");
    let mut compiling_unit = field(
        t,
        &form,
        "reports_compiling_unit",
        no_compiling_unit.clone(),
        &[],
    );
    compiling_unit.options = compiling_choices(units, &form.reports_compiling_unit, t);
    let province_name = field(
        t,
        &form,
        "reports_province_name",
        t.t("calendar-setting-reports_province_name-none"),
        &[],
    );
    let dr = &d.reports;
    let cutoffs = CUTOFFS
        .iter()
        .zip([dr.half_year_cutoff, dr.year_cutoff])
        .map(|(&name, default)| {
            let f = field(
                t,
                &form,
                name,
                format!("{}/{}", default.day, default.month),
                &[],
            );
            CutoffField {
                name,
                label: f.label,
                hint: f.hint,
                day: form.raw(&format!("{name}_day")).to_owned(),
                month: form.raw(&format!("{name}_month")).to_owned(),
            }
        })
        .collect();
    SettingsPage {
        c: Chrome::new(visit, Some(account), Nav::Admin, "/admin/settings"),
        errors,
        notice,
        form,
        calendar,
        deadlines,
        expiry,
        compiling_unit,
        no_compiling_unit,
        province_name,
        cutoffs,
    }
}
