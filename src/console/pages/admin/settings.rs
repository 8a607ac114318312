//! `/admin/settings` (administrator): the province's working-calendar,
//! deadline, expiry and report settings, each shown with its default and
//! its source, and the form that changes them through
//! `model::settings::update` (the operation `PATCH /api/v1/settings`
//! makes), on the version the form was read at, so a form left open while
//! someone else saved is refused.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form::{self, Reader};
use crate::console::session::{Account, Visit};
use crate::domain::FieldError;
use crate::domain::deadlines::{DayCount, ProvinceSettings};
use crate::domain::ids::UnitId;
use crate::domain::report::ReportSettings;
use crate::domain::report::settings::{DayOfYear, ProvinceName};
use crate::domain::unit::Unit;
use crate::error::ApiError;
use crate::model;
use crate::routes::settings::{DeadlinesPatch, ExpiryPatch, SettingsPatch};

/// This page's routes. They sit outside the `/admin` scope's list and are
/// registered before it, as the calendar's are.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(show).service(save);
}

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

/// The order of the form's fields, for the error summary.
const ORDER: &[&str] = &[
    "saturday_working",
    "culture_day",
    "deadlines_programme_notice_working_days",
    "deadlines_resident_answer_working_days",
    "deadlines_conference_notice_working_days",
    "deadlines_report_days",
    "deadlines_report_day_count",
    "expiry_passport_months_after_entry",
    "expiry_visa_days_before_passport",
    "expiry_press_card_warning_days",
    "expiry_accreditation_warning_days",
    "reports_compiling_unit",
    "reports_province_name",
    "reports_half_year_cutoff",
    "reports_year_cutoff",
];

/// The report cut-offs, each asked for as a day and a month
/// (`{name}_day`, `{name}_month`) and refused as one field.
const CUTOFFS: &[&str] = &["reports_half_year_cutoff", "reports_year_cutoff"];

/// A day count as the form names it (the API's words).
fn day_count(c: DayCount) -> &'static str {
    match c {
        DayCount::Calendar => "calendar",
        DayCount::Working => "working",
    }
}

/// The settings form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    csrf: String,
    version: String,
    saturday_working: String,
    culture_day: String,
    deadlines_programme_notice_working_days: String,
    deadlines_resident_answer_working_days: String,
    deadlines_conference_notice_working_days: String,
    deadlines_report_days: String,
    deadlines_report_day_count: String,
    expiry_passport_months_after_entry: String,
    expiry_visa_days_before_passport: String,
    expiry_press_card_warning_days: String,
    expiry_accreditation_warning_days: String,
    reports_compiling_unit: String,
    reports_province_name: String,
    reports_half_year_cutoff_day: String,
    reports_half_year_cutoff_month: String,
    reports_year_cutoff_day: String,
    reports_year_cutoff_month: String,
}

impl SettingsForm {
    /// The form filled with the settings as they are.
    fn of(s: &ProvinceSettings, version: i64) -> Self {
        let (d, e, r) = (&s.deadlines, &s.expiry, &s.reports);
        Self {
            csrf: String::new(),
            version: version.to_string(),
            saturday_working: s.saturday_working.to_string(),
            culture_day: s.culture_day.to_string(),
            deadlines_programme_notice_working_days: d.programme_notice_working_days.to_string(),
            deadlines_resident_answer_working_days: d.resident_answer_working_days.to_string(),
            deadlines_conference_notice_working_days: d.conference_notice_working_days.to_string(),
            deadlines_report_days: d.report_days.to_string(),
            deadlines_report_day_count: day_count(d.report_day_count).to_owned(),
            expiry_passport_months_after_entry: e.passport_months_after_entry.to_string(),
            expiry_visa_days_before_passport: e.visa_days_before_passport.to_string(),
            expiry_press_card_warning_days: e.press_card_warning_days.to_string(),
            expiry_accreditation_warning_days: e.accreditation_warning_days.to_string(),
            reports_compiling_unit: r.compiling_unit.map(|u| u.to_string()).unwrap_or_default(),
            reports_province_name: r.province_name.to_string(),
            reports_half_year_cutoff_day: r.half_year_cutoff.day.to_string(),
            reports_half_year_cutoff_month: r.half_year_cutoff.month.to_string(),
            reports_year_cutoff_day: r.year_cutoff.day.to_string(),
            reports_year_cutoff_month: r.year_cutoff.month.to_string(),
        }
    }

    /// What the form sends for the field named `name`.
    fn raw(&self, name: &str) -> &str {
        match name {
            "saturday_working" => &self.saturday_working,
            "culture_day" => &self.culture_day,
            "deadlines_programme_notice_working_days" => {
                &self.deadlines_programme_notice_working_days
            }
            "deadlines_resident_answer_working_days" => {
                &self.deadlines_resident_answer_working_days
            }
            "deadlines_conference_notice_working_days" => {
                &self.deadlines_conference_notice_working_days
            }
            "deadlines_report_days" => &self.deadlines_report_days,
            "deadlines_report_day_count" => &self.deadlines_report_day_count,
            "expiry_passport_months_after_entry" => &self.expiry_passport_months_after_entry,
            "expiry_visa_days_before_passport" => &self.expiry_visa_days_before_passport,
            "expiry_press_card_warning_days" => &self.expiry_press_card_warning_days,
            "expiry_accreditation_warning_days" => &self.expiry_accreditation_warning_days,
            "reports_compiling_unit" => &self.reports_compiling_unit,
            "reports_province_name" => &self.reports_province_name,
            "reports_half_year_cutoff_day" => &self.reports_half_year_cutoff_day,
            "reports_half_year_cutoff_month" => &self.reports_half_year_cutoff_month,
            "reports_year_cutoff_day" => &self.reports_year_cutoff_day,
            "reports_year_cutoff_month" => &self.reports_year_cutoff_month,
            _ => "",
        }
    }

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
    fn read(&self) -> Result<SettingsPatch, ApiError> {
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

/// One setting as the form shows it: a number, or a choice when `options`
/// is not empty; its hint gives the default and the source.
struct SettingField {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    options: Vec<Choice>,
}

/// A report cut-off as the form shows it: a day box and a month box.
struct CutoffField {
    name: &'static str,
    label: String,
    hint: String,
    day: String,
    month: String,
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    form: SettingsForm,
    calendar: Vec<SettingField>,
    deadlines: Vec<SettingField>,
    expiry: Vec<SettingField>,
    /// The compiling unit: a list of the units, "none" first.
    compiling_unit: SettingField,
    no_compiling_unit: String,
    province_name: SettingField,
    cutoffs: Vec<CutoffField>,
}

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
    let mut choices = super::unit_choices(units, chosen, t);
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

fn settings_page(
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Query {
    done: String,
}

/// The settings, read for the administrator (403 for anyone else), and
/// the units the compiling unit is chosen among.
async fn current(
    state: &AppState,
    visit: &Visit,
) -> Result<(Account, SettingsForm, Vec<Unit>), PageError> {
    let (account, (s, units)) = visit
        .read(state, |conn, account| {
            model::settings::require_admin(account.caller, "change the settings")?;
            Ok((model::settings::get(conn)?, model::unit::all(conn)?))
        })
        .await?;
    Ok((account, SettingsForm::of(&s.values, s.version), units))
}

/// `GET /admin/settings`.
#[get("/admin/settings")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<Query>,
) -> Result<HttpResponse, PageError> {
    let (account, form, units) = current(&state, &visit).await?;
    let notice = (query.done == "saved").then(|| visit.tr().t("calendar-settings-saved"));
    let page = settings_page(
        &visit,
        &account,
        &units,
        form,
        FormErrors::default(),
        notice,
    );
    page::html(&visit, &page)
}

/// `POST /admin/settings`: saves every setting on the version the form was
/// read at; the form again with its errors otherwise.
#[post("/admin/settings")]
pub async fn save(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, PageError> {
    let mut f = form.into_inner();
    visit.check_csrf(&f.csrf)?;
    // The 403 before reading what was sent, as the API answers it.
    let (account, _, units) = current(&state, &visit).await?;
    let version = form::version(&f.version);
    let e = match f.read() {
        Err(e) => e,
        Ok(patch) => match visit
            .write(&state.db, move |conn, caller| {
                let now = model::settings::get(conn)?;
                model::settings::update(conn, caller, version, patch.apply(now.values))
            })
            .await
        {
            Ok(_) => return Ok(page::see_other("/admin/settings?done=saved")),
            Err(PageError::Api(e)) => e,
            Err(other) => return Err(other),
        },
    };
    let errors = form::refused(e, visit.tr(), ORDER, &mut f.version)?;
    let page = settings_page(&visit, &account, &units, f, errors, None);
    page::form(&visit, &page.errors, &page)
}
