//! A unit's report for a period: begun and written by the unit, submitted
//! to the compiling unit, returned with a note or accepted (the table in
//! `domain::report::workflow`), each change with its audit entry; the
//! compiling unit's overview of who has reported, and the inbox entries
//! that follow from it.

mod compiling;
pub use compiling::{Overview, OverviewRow, inbox_entries, overview};

use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{UnitId, UnitReportId};
use crate::domain::pagination::Limit;
use crate::domain::report::Period;
use crate::domain::report::workflow::{
    self as rules, ReportAction, Sections, Standing, UnitReport,
};
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

/// The longest a section may be: some eight pages of prose. Four sections
/// one character over, each character JSON-escaped as a surrogate pair (12
/// bytes), still fit the 1 MiB body limit, so an over-long section is
/// answered 422 naming it, never 413 (schemathesis, ST201).
pub const SECTION_MAX: u64 = 20_000;

/// The audit's and the inbox's name for the record kind.
pub const KIND: &str = "unit_report";

/// Begins a unit's report for a period, as a draft.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUnitReport {
    /// `2026-h1` (the half-year ending 14/6/2026) or `2026` (the year).
    #[schema(value_type = String, min_length = 4, max_length = 7, pattern = "^[0-9]{4}(-[hH]1)?$", example = "2026-h1")]
    pub period: Period,
    /// The reporting unit: the caller's own when absent (the administrator,
    /// who has none, names it).
    pub unit_id: Option<UnitId>,
    /// Results of the period's foreign-information work.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub results: String,
    /// Difficulties and limits.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub difficulties: String,
    /// Proposals.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub proposals: String,
    /// Plan for the next period.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub plan: String,
}

/// The sections to change while the report is a draft or returned; absent
/// ones stay as they are.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitReportPatch {
    #[validate(length(max = 20000))]
    #[schema(nullable = false, max_length = 20000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub results: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(nullable = false, max_length = 20000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub difficulties: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(nullable = false, max_length = 20000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub proposals: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(nullable = false, max_length = 20000)]
    #[serde(default, deserialize_with = "crate::model::input::not_null")]
    pub plan: Option<String>,
}

/// Text as the unit meant it: without the blank lines and spaces a form or
/// a paste leaves around it.
fn section(text: &str) -> String {
    text.trim().to_owned()
}

/// The compiling unit the settings name, if any.
fn compiling_unit(conn: &mut AnyConnection) -> ApiResult<Option<UnitId>> {
    Ok(super::super::settings::get(conn)?
        .values
        .reports
        .compiling_unit)
}

/// The report `id` if the caller may see it, with the caller's standing
/// towards it; 404 otherwise, as if absent.
fn load(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitReportId,
) -> ApiResult<(UnitReport, Standing)> {
    let report = db::unit_report::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let standing = Standing::of(caller, report.unit_id, compiling_unit(conn)?);
    if !standing.sees() {
        return Err(ApiError::NotFound);
    }
    Ok((report, standing))
}

/// The report `id` for a caller who may see it; 404 otherwise.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn visible(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitReportId,
) -> ApiResult<UnitReport> {
    Ok(load(conn, caller, id)?.0)
}

/// [`load`] for a change: the row is locked first, so that the change is
/// decided on the report as the previous change left it.
fn for_change(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitReportId,
) -> ApiResult<(UnitReport, Standing)> {
    db::unit_report::lock(conn, id)?;
    load(conn, caller, id)
}

/// A page of the reports the caller sees, newest first: every unit's for
/// the administrator and the compiling unit, its own unit's for the rest.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    period: Option<Period>,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<UnitReport>> {
    let compiling = compiling_unit(conn)?;
    let only = if Standing::reads_province(caller.role, in_unit(caller, compiling)) {
        None
    } else {
        match caller.unit {
            Some(unit) => Some(unit),
            None => return Ok(Vec::new()),
        }
    };
    db::unit_report::list(conn, period, only, after, limit)
}

fn in_unit(caller: Caller, unit: Option<UnitId>) -> bool {
    caller.unit.is_some() && caller.unit == unit
}

/// Begins the report of a unit (the caller's own unless the administrator
/// names one) for a period; 409 when that unit has one for the period.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: CreateUnitReport,
) -> ApiResult<Audited<UnitReport>> {
    let unit = input
        .unit_id
        .or(caller.unit)
        .ok_or_else(|| ApiError::invalid("unit_id", "name the unit whose report this is"))?;
    super::super::unit::require_open(conn, "unit_id", unit)?;
    let standing = Standing::of(caller, unit, compiling_unit(conn)?);
    super::super::require(caller, standing.may_edit(), "write this unit's report")?;
    if let Some(existing) = db::unit_report::find_for(conn, unit, input.period)? {
        return Err(ApiError::Conflict {
            detail: format!(
                "this unit has begun its report for {} already (id {})",
                input.period, existing.id
            ),
            extra: Some(serde_json::json!({"existing_id": existing.id.get()})),
        });
    }
    let sections = Sections {
        results: section(&input.results),
        difficulties: section(&input.difficulties),
        proposals: section(&input.proposals),
        plan: section(&input.plan),
    };
    let report = db::unit_report::insert(
        conn,
        unit,
        input.period,
        &sections,
        Some(caller.id),
        db::now(),
    )?;
    let changes = Changes::new()
        .set("unit_id", report.unit_id)
        .set("period", report.period.as_text())
        .set("status", report.status)
        .set("results", &report.sections.results)
        .set("difficulties", &report.sections.difficulties)
        .set("proposals", &report.sections.proposals)
        .set("plan", &report.sections.plan);
    let entry = AuditEvent::new("create", RecordKind::UnitReport, report.id.get(), changes);
    Ok(Audited::new(report, entry))
}

/// Changes the sections while the report is the unit's (a draft, or
/// returned to it); `If-Match` guards against writing over another's change.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitReportId,
    if_match: Option<i64>,
    patch: UnitReportPatch,
) -> ApiResult<Audited<UnitReport>> {
    let (current, standing) = for_change(conn, caller, id)?;
    super::super::require(caller, standing.may_edit(), "write this unit's report")?;
    if !current.status.open_to_changes() {
        return Err(ApiError::conflict(format!(
            "a unit report is written while it is a draft or returned; this one is {}",
            current.status.as_str()
        )));
    }
    db::check_version(if_match, current.version)?;
    let old = &current.sections;
    let pick = |new: Option<String>, old: &String| new.map_or_else(|| old.clone(), |t| section(&t));
    let new = Sections {
        results: pick(patch.results, &old.results),
        difficulties: pick(patch.difficulties, &old.difficulties),
        proposals: pick(patch.proposals, &old.proposals),
        plan: pick(patch.plan, &old.plan),
    };
    let changes = Changes::new()
        .diff("results", &old.results, &new.results)
        .diff("difficulties", &old.difficulties, &new.difficulties)
        .diff("proposals", &old.proposals, &new.proposals)
        .diff("plan", &old.plan, &new.plan);
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let report = db::unit_report::set_sections(conn, id, current.version, &new, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(
        report,
        AuditEvent::new("update", RecordKind::UnitReport, id.get(), changes),
    ))
}

/// Submits (the unit), returns with a note or accepts (the compiling
/// unit), as the workflow table says: 403 for one who may not, 409 from
/// the wrong state, 422 when the action lacks what it needs.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn transition(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitReportId,
    action: ReportAction,
    note: Option<String>,
) -> ApiResult<Audited<UnitReport>> {
    let (current, standing) = for_change(conn, caller, id)?;
    let to = super::super::go(
        rules::decide(action, current.status, standing),
        action,
        caller.role,
        "unit report",
    )?;
    rules::check_needs(action, note.as_deref(), &current.sections)
        .map_err(|(field, message)| ApiError::invalid(field, message))?;
    let return_note = (action == ReportAction::Return)
        .then_some(note.as_deref())
        .flatten();
    let report =
        db::unit_report::set_status(conn, id, current.version, to, return_note, db::now())?.ok_or(
            ApiError::PreconditionFailed {
                current: current.version,
            },
        )?;
    let changes = Changes::new()
        .diff("status", &current.status, &report.status)
        .diff("return_note", &current.return_note, &report.return_note);
    Ok(Audited::new(
        report,
        AuditEvent::new(action.as_str(), RecordKind::UnitReport, id.get(), changes).with_note(note),
    ))
}
