//! `/api/v1/settings` and `/api/v1/calendar/{days,swaps}`: the province's
//! calendar and deadline settings, the government's swap table (the
//! administrator writes both), and the working days of a period.

mod patches;
pub use patches::{DeadlinesPatch, ExpiryPatch, SettingsPatch};

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationErrors};

use crate::AppState;
use crate::domain::deadlines::{DeadlineSettings, ExpirySettings, ProvinceSettings};
use crate::domain::report::ReportSettings;
use crate::domain::time::Bound;
use crate::domain::working_days::{DayInfo, FIRST_YEAR, LAST_YEAR};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};
use crate::model;
use crate::model::settings::{Settings, SwapInput, SwapView};

/// The settings as the API shows them; `ETag` carries their version (0
/// while the defaults were never changed).
///
/// Its fields are written out rather than `ProvinceSettings` flattened in:
/// that type refuses unknown fields when read, so its schema says
/// `additionalProperties: false`, and an `allOf` of it with `version` would
/// forbid `version` itself (schemathesis, ST108).
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsView {
    /// Saturday is a working day.
    pub saturday_working: bool,
    /// 24/11, Ngày Văn hóa Việt Nam, is a holiday.
    pub culture_day: bool,
    pub deadlines: DeadlineSettings,
    pub expiry: ExpirySettings,
    pub reports: ReportSettings,
    pub version: i64,
}

fn answer_settings(s: Settings) -> HttpResponse {
    let ProvinceSettings {
        saturday_working,
        culture_day,
        deadlines,
        expiry,
        reports,
    } = s.values;
    HttpResponse::Ok()
        .insert_header(header::ETag(etag(s.version)))
        .json(SettingsView {
            saturday_working,
            culture_day,
            deadlines,
            expiry,
            reports,
            version: s.version,
        })
}

/// The province's calendar, deadline and expiry settings, each with its default.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])),
    responses((status = 200, body = SettingsView, description = "The settings; `ETag` carries their version", headers(("ETag"))), UnauthorizedProblem)
)]
#[get("/settings")]
pub async fn get_settings(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> ApiResult<HttpResponse> {
    let s = signed_in.read(&state.db, model::settings::get).await?;
    Ok(answer_settings(s))
}

/// Change the settings (administrator); `If-Match` guards against lost
/// updates. Every due date is counted again with them at once.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), request_body = SettingsPatch,
    params(("If-Match" = Option<String>, Header, description = "The ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)),
    responses(
        (status = 200, body = SettingsView, description = "The settings; `ETag` carries their version", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/settings")]
pub async fn update_settings(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    if_match: IfMatch,
    body: ValidJson<SettingsPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let patch = body.0;
    let s = signed_in
        .write(&state.db, move |conn| {
            let current = model::settings::get(conn)?;
            let new = patch.apply(current.values);
            model::settings::update(conn, caller, if_match.0, new)
        })
        .await?;
    Ok(answer_settings(s))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaysQuery {
    /// First day (`2027-02-01`); default today.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Last day, counted whole; default 30 days after `from`; at most 365 days after it.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
}

/// One day of the calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct DayView {
    pub date: NaiveDate,
    pub working: bool,
    /// The public holiday's Vietnamese name (or its substitute day's), or `null`.
    #[schema(required = true)]
    pub holiday: Option<String>,
    /// The holiday's English name.
    #[schema(required = true)]
    pub holiday_en: Option<String>,
    /// The note of the government's swap on this day, or `null`.
    #[schema(required = true)]
    pub swap: Option<String>,
}

impl From<DayInfo> for DayView {
    fn from(d: DayInfo) -> Self {
        Self {
            date: d.date,
            working: d.working,
            holiday: d.holiday.as_ref().map(|h| h.vi().into_owned()),
            holiday_en: d.holiday.as_ref().map(|h| h.en().into_owned()),
            swap: d.swap,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Days {
    pub items: Vec<DayView>,
}

/// The working days and days off (with their names) of a period.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(DaysQuery),
    responses((status = 200, body = Days, description = "Each day of the period"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/calendar/days")]
pub async fn calendar_days(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<DaysQuery>,
) -> ApiResult<web::Json<Days>> {
    let q = query.0;
    let from = super::day("from", q.from.as_deref(), Bound::Start)?
        .unwrap_or_else(crate::domain::time::province_today);
    let to = match super::day("to", q.to.as_deref(), Bound::End)? {
        Some(to) => to,
        None => from + chrono::Days::new(30),
    };
    let days = signed_in
        .read(&state.db, move |conn| model::settings::days(conn, from, to))
        .await?;
    Ok(web::Json(Days {
        items: days.into_iter().map(DayView::from).collect(),
    }))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SwapsQuery {
    /// Only this year's swaps.
    #[validate(range(min = 1990, max = 2100))]
    #[param(minimum = 1990, maximum = 2100)]
    pub year: Option<i32>,
}

/// The swaps of a year in full, as `PUT` takes them (the shape `GET` answers).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SwapList {
    /// A year has a few swaps; 60 is far above any announced.
    #[schema(max_items = 60)]
    pub items: Vec<SwapInput>,
}

impl Validate for SwapList {
    fn validate(&self) -> Result<(), ValidationErrors> {
        // Each swap is checked by the model (`SwapInput::parse`), with the
        // whole list, in the change's transaction; only the length here.
        if self.items.len() > 60 {
            let mut errors = ValidationErrors::new();
            let mut error = validator::ValidationError::new("length");
            error.message = Some("at most 60 swaps a year".into());
            errors.add("items", error);
            return Err(errors);
        }
        Ok(())
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Swaps {
    pub items: Vec<SwapView>,
}

/// The government's swaps for civil servants (a working day off, a rest
/// day worked), with their sources; the known ones ship with visitdesk.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(SwapsQuery),
    responses((status = 200, body = Swaps, description = "The swaps, by date"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/calendar/swaps")]
pub async fn list_swaps(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<SwapsQuery>,
) -> ApiResult<web::Json<Swaps>> {
    let year = query.0.year;
    let items = signed_in
        .read(&state.db, move |conn| model::settings::swaps(conn, year))
        .await?;
    Ok(web::Json(Swaps { items }))
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The year whose swaps the body replaces.
    #[validate(range(min = 1990, max = 2100))]
    #[param(minimum = 1990, maximum = 2100)]
    pub year: i32,
}

/// Replace a year's swaps (administrator): days missing from the list are
/// removed, the others added or changed.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(YearQuery), request_body = SwapList,
    responses(
        (status = 200, body = Swaps, description = "The year's swaps now"),
        UnauthorizedProblem, ForbiddenProblem, ConflictProblem, InvalidProblem, JsonBodyProblems
    )
)]
#[put("/calendar/swaps")]
pub async fn replace_swaps(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<YearQuery>,
    body: ValidJson<SwapList>,
) -> ApiResult<web::Json<Swaps>> {
    let caller = signed_in.caller();
    let year = query.0.year;
    debug_assert!((FIRST_YEAR..=LAST_YEAR).contains(&year));
    let list = body.0.items;
    let items = signed_in
        .write(&state.db, move |conn| {
            model::settings::replace_year(conn, caller, year, list)
        })
        .await?;
    Ok(web::Json(Swaps { items }))
}

/// Add a swap day, or change the one on that date (administrator).
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), request_body = SwapInput,
    responses(
        (status = 200, body = SwapView, description = "The day's swap"),
        UnauthorizedProblem, ForbiddenProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/calendar/swaps")]
pub async fn put_swap(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<SwapInput>,
) -> ApiResult<web::Json<SwapView>> {
    let caller = signed_in.caller();
    let input = body.0;
    let swap = signed_in
        .write(&state.db, move |conn| {
            model::settings::put_swap(conn, caller, input)
        })
        .await?;
    Ok(web::Json(swap))
}

/// Remove the swap of a day (administrator).
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])),
    params(("date" = NaiveDate, Path, description = "The day, `2027-02-01`")),
    responses((status = 204, description = "Removed"), UnauthorizedProblem, ForbiddenProblem, NotFoundProblem)
)]
#[delete("/calendar/swaps/{date}")]
pub async fn delete_swap(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    date: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let date = date.into_inner();
    signed_in
        .write(&state.db, move |conn| {
            // A malformed date names no swap: 404, as for any unknown record
            // — once the caller is known to be signed in (a deactivated
            // account is 401 here as everywhere).
            let day =
                NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| ApiError::NotFound)?;
            model::settings::delete_swap(conn, caller, day)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
