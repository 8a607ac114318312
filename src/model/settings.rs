//! The province's settings and the government's swap table: reads for
//! every signed-in user, changes by the administrator, each with its audit
//! entry; and the working calendar they make, which every due date is
//! counted on.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::settings::SwapRow;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::deadlines::{ProvinceSettings, Rules};
use crate::domain::role::Caller;
use crate::domain::working_days::{DayInfo, FIRST_YEAR, LAST_YEAR, Swap, WorkingCalendar};
use crate::error::{ApiError, ApiResult};

/// The settings as read, with their version (0: never changed, defaults).
#[derive(Debug, Clone)]
pub struct Settings {
    pub values: ProvinceSettings,
    pub version: i64,
}

/// The settings and the calendar they make, loaded once for a request.
#[derive(Debug)]
pub struct Calendar {
    pub settings: ProvinceSettings,
    pub working: WorkingCalendar,
}

impl Calendar {
    /// The deadline rules on `today`.
    pub fn rules(&self, today: NaiveDate) -> Rules<'_> {
        Rules {
            calendar: &self.working,
            settings: &self.settings.deadlines,
            today,
        }
    }
}

/// The settings and every swap, as one calendar (two small reads; the
/// year tables are built on first use, a few microseconds each).
#[tracing::instrument(level = "debug", skip_all)]
pub fn calendar(conn: &mut AnyConnection) -> ApiResult<Calendar> {
    let (settings, _) = db::settings::province(conn)?;
    let swaps = db::settings::all_swaps(conn)?
        .into_iter()
        .map(|r| Swap {
            date: r.day,
            working: r.working,
            note: r.note,
        })
        .collect();
    let working = WorkingCalendar::new(settings.calendar(), swaps);
    Ok(Calendar { settings, working })
}

/// The settings; every signed-in role reads them (a due date is no secret).
pub fn get(conn: &mut AnyConnection) -> ApiResult<Settings> {
    let (values, version) = db::settings::province(conn)?;
    Ok(Settings { values, version })
}

/// 403 unless the caller is the administrator.
pub fn require_admin(caller: Caller, what: &str) -> ApiResult<()> {
    super::require(caller, caller.role.manages_users(), what)
}

/// Replaces the settings (administrator); `if_match` guards against lost
/// updates. Nothing is written when nothing changes.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    if_match: Option<i64>,
    new: ProvinceSettings,
) -> ApiResult<Audited<Settings>> {
    require_admin(caller, "change the settings")?;
    let current = get(conn)?;
    db::check_version(if_match, current.version)?;
    // The compiling unit is named by id: it must be a unit, or its reports
    // would wait on nobody (kept as it is when it did not change, even if
    // the unit was merged away since: the administrator sees it there).
    if let Some(unit) = new.reports.compiling_unit
        && Some(unit) != current.values.reports.compiling_unit
        && db::unit::find(conn, unit)?.is_none()
    {
        return Err(ApiError::invalid(
            "reports.compiling_unit",
            format!("there is no unit {unit}"),
        ));
    }
    let changes = Changes::between(&current.values, &new);
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    if !db::settings::save_province(conn, &new, current.version, db::now())? {
        return Err(ApiError::PreconditionFailed {
            current: current.version,
        });
    }
    let entry = AuditEvent::new("update", RecordKind::Settings, 0, changes);
    Ok(Audited::new(
        Settings {
            values: new,
            version: current.version + 1,
        },
        entry,
    ))
}

/// A day of the swap table as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SwapView {
    pub date: NaiveDate,
    /// `true`: a weekly rest day worked; `false`: a working day off.
    pub working: bool,
    pub note: String,
    /// The government document it comes from.
    pub source: String,
}

impl From<SwapRow> for SwapView {
    fn from(r: SwapRow) -> Self {
        Self {
            date: r.day,
            working: r.working,
            note: r.note,
            source: r.source,
        }
    }
}

/// A swap to add or change (checked by [`SwapInput::parse`]).
#[derive(Debug, Clone, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct SwapInput {
    pub date: NaiveDate,
    /// `true`: a weekly rest day worked; `false`: a working day off.
    pub working: bool,
    /// What the day is, as the announcement says it.
    #[schema(
        min_length = 1,
        max_length = 200,
        example = "Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026"
    )]
    pub note: String,
    /// The government document it comes from.
    #[serde(default)]
    #[schema(max_length = 300, example = "Văn bản 12729/VPCP-KGVX (25/12/2025)")]
    pub source: String,
}

impl SwapInput {
    /// The input trimmed and checked: 422 naming each bad field.
    pub fn parse(mut self) -> ApiResult<SwapInput> {
        let mut errors = Vec::new();
        self.note = self.note.trim().to_owned();
        self.source = self.source.trim().to_owned();
        if self.note.is_empty() {
            errors.push(("note", "say what the day is"));
        } else if self.note.chars().count() > 200 {
            errors.push(("note", "at most 200 characters"));
        }
        if self.source.chars().count() > 300 {
            errors.push(("source", "at most 300 characters"));
        }
        if !(FIRST_YEAR..=LAST_YEAR).contains(&self.date.year()) {
            errors.push(("date", "must lie in the calendar's years (1990–2100)"));
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(ApiError::Invalid(
                errors
                    .into_iter()
                    .map(|(field, message)| crate::domain::FieldError::new(field, message))
                    .collect(),
            ))
        }
    }
}

/// The swaps of `year`, or of every year.
pub fn swaps(conn: &mut AnyConnection, year: Option<i32>) -> ApiResult<Vec<SwapView>> {
    let rows = match year {
        Some(y) => {
            let (Some(from), Some(to)) = (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            ) else {
                return Ok(Vec::new());
            };
            db::settings::swaps(conn, from, to)?
        }
        None => db::settings::all_swaps(conn)?,
    };
    Ok(rows.into_iter().map(SwapView::from).collect())
}

/// The audit's id of a swap day: the date as yyyymmdd, readable in the trail.
fn swap_record_id(day: NaiveDate) -> i64 {
    i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())
}

/// Adds or changes the swap of one day (administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn put_swap(
    conn: &mut AnyConnection,
    caller: Caller,
    input: SwapInput,
) -> ApiResult<Audited<SwapView>> {
    require_admin(caller, "change the holiday and swap table")?;
    let input = input.parse()?;
    let old = db::settings::find_swap(conn, input.date)?.map(SwapView::from);
    let row = db::settings::put_swap(
        conn,
        input.date,
        input.working,
        &input.note,
        &input.source,
        db::now(),
    )?;
    let new = SwapView::from(row);
    let (action, changes) = match &old {
        Some(old) => ("update", Changes::between(old, &new)),
        None => (
            "create",
            Changes::new()
                .set("date", new.date)
                .set("working", new.working)
                .set("note", &new.note)
                .set("source", &new.source),
        ),
    };
    if changes.is_empty() {
        return Ok(Audited::unchanged(new));
    }
    let id = swap_record_id(new.date);
    Ok(Audited::new(
        new,
        AuditEvent::new(action, RecordKind::CalendarSwap, id, changes),
    ))
}

/// Removes the swap of one day (administrator); 404 when there is none.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn delete_swap(
    conn: &mut AnyConnection,
    caller: Caller,
    day: NaiveDate,
) -> ApiResult<Audited<()>> {
    require_admin(caller, "change the holiday and swap table")?;
    let old = db::settings::find_swap(conn, day)?.ok_or(ApiError::NotFound)?;
    db::settings::delete_swap(conn, day)?;
    let changes = Changes::new()
        .set("date", old.day)
        .set("working", old.working)
        .set("note", &old.note);
    Ok(Audited::new(
        (),
        AuditEvent::new(
            "delete",
            RecordKind::CalendarSwap,
            swap_record_id(day),
            changes,
        ),
    ))
}

/// Replaces the swaps of one year with `list` (administrator): days not
/// in it are removed, the others added or changed; one entry per day.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn replace_year(
    conn: &mut AnyConnection,
    caller: Caller,
    year: i32,
    list: Vec<SwapInput>,
) -> ApiResult<Audited<Vec<SwapView>>> {
    require_admin(caller, "change the holiday and swap table")?;
    let mut days = std::collections::BTreeSet::new();
    for (i, input) in list.iter().enumerate() {
        if input.date.year() != year {
            return Err(ApiError::invalid(
                &format!("items[{i}].date"),
                format!("must lie in {year}"),
            ));
        }
        if !days.insert(input.date) {
            return Err(ApiError::invalid(
                &format!("items[{i}].date"),
                "each day at most once",
            ));
        }
    }
    let mut events = Vec::new();
    for old in swaps(conn, Some(year))? {
        if !days.contains(&old.date) {
            let (_, mut e) = delete_swap(conn, caller, old.date)?.into_parts();
            events.append(&mut e);
        }
    }
    for input in list {
        let (_, mut e) = put_swap(conn, caller, input)?.into_parts();
        events.append(&mut e);
    }
    let now = swaps(conn, Some(year))?;
    let mut out = Audited::unchanged(now);
    for e in events {
        out = out.and(e);
    }
    Ok(out)
}

/// The longest period `days` answers at once.
pub const MAX_DAYS: i64 = 366;

/// Each day of `from..=to`: working or not, its holiday, its swap.
pub fn days(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate) -> ApiResult<Vec<DayInfo>> {
    let span = to.signed_duration_since(from).num_days();
    if span < 0 {
        return Err(ApiError::invalid("to", "must not be before `from`"));
    }
    if span >= MAX_DAYS {
        return Err(ApiError::invalid("to", "at most 366 days at once"));
    }
    let cal = calendar(conn)?;
    Ok(from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|d| cal.working.day(d))
        .collect())
}
