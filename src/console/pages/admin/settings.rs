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
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form;
use crate::console::session::{Account, Visit};
use crate::domain::deadlines::{DayCount, ProvinceSettings};
use crate::domain::unit::Unit;
use crate::model;

mod reading;
mod view;

use view::settings_page;

/// This page's routes. They sit outside the `/admin` scope's list and are
/// registered before it, as the calendar's are.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(show).service(save);
}

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
