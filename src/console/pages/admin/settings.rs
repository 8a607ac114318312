//! `/admin/settings` (administrator): the province's working-calendar,
//! deadline and expiry settings, each shown with its default and its
//! source, and the form that changes them through `model::settings::update`
//! (the operation `PATCH /api/v1/settings` makes), on the version the form
//! was read at, so a form left open while someone else saved is refused.

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
];

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
}

impl SettingsForm {
    /// The form filled with the settings as they are.
    fn of(s: &ProvinceSettings, version: i64) -> Self {
        let (d, e) = (&s.deadlines, &s.expiry);
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
            _ => "",
        }
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
            // The report settings are not on this form (yet): kept as they are.
            reports: None,
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

fn settings_page(
    visit: &Visit,
    account: &Account,
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
    SettingsPage {
        c: Chrome::new(visit, Some(account), Nav::Admin, "/admin/settings"),
        errors,
        notice,
        form,
        calendar,
        deadlines,
        expiry,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Query {
    done: String,
}

/// The settings, read for the administrator (403 for anyone else).
async fn current(state: &AppState, visit: &Visit) -> Result<(Account, SettingsForm), PageError> {
    let (account, s) = visit
        .read(state, |conn, account| {
            model::settings::require_admin(account.caller, "change the settings")?;
            model::settings::get(conn)
        })
        .await?;
    Ok((account, SettingsForm::of(&s.values, s.version)))
}

/// `GET /admin/settings`.
#[get("/admin/settings")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<Query>,
) -> Result<HttpResponse, PageError> {
    let (account, form) = current(&state, &visit).await?;
    let notice = (query.done == "saved").then(|| visit.tr().t("calendar-settings-saved"));
    let page = settings_page(&visit, &account, form, FormErrors::default(), notice);
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
    let (account, _) = current(&state, &visit).await?;
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
    let page = settings_page(&visit, &account, f, errors, None);
    page::form(&visit, &page.errors, &page)
}
