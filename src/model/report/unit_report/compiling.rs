//! What the compiling unit sees of the units' reports: the overview of who
//! has reported for a period, and the inbox entries that follow from it
//! (and, for a unit, its reports returned for changes).

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::{KIND, in_unit};
use crate::db::{self, AnyConnection};
use crate::domain::deadlines::Rules;
use crate::domain::ids::{UnitId, UnitReportId};
use crate::domain::report::Period;
use crate::domain::report::workflow::{self as rules, Progress, Standing, UnitReport};
use crate::domain::role::{Caller, Role};
use crate::error::ApiResult;
use crate::model::inbox::{InboxEntry, RecordLink};

/// One unit in the compiling unit's overview.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverviewRow {
    pub unit_id: UnitId,
    pub unit_name: String,
    /// `not_started`, or the status of the unit's report.
    pub status: Progress,
    /// The unit's report for the period, once begun.
    #[schema(required = true)]
    pub report_id: Option<UnitReportId>,
    #[schema(required = true)]
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The due date has passed and the report was not handed in.
    pub overdue: bool,
}

/// Who has and has not reported for a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct Overview {
    pub period: Period,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub due_date: NaiveDate,
    /// The compiling unit the settings name (none yet: `null`).
    #[schema(required = true)]
    pub compiling_unit_id: Option<UnitId>,
    /// Every unit that reports (those not merged into another, and any
    /// that began a report before it was), by name.
    pub units: Vec<OverviewRow>,
}

/// The compiling unit's overview of `period` on `today` (the
/// administrator's too); 403 for anyone else.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn overview(
    conn: &mut AnyConnection,
    caller: Caller,
    period: Period,
    today: NaiveDate,
) -> ApiResult<Overview> {
    let settings = crate::model::settings::get(conn)?.values.reports;
    let compiling = settings.compiling_unit;
    crate::model::require(
        caller,
        Standing::reads_province(caller.role, in_unit(caller, compiling)),
        "read the overview of the units' reports (the compiling unit does)",
    )?;
    let due = period.due(&settings);
    let reports = db::unit_report::all(conn, Some(period), None)?;
    let mut units: Vec<OverviewRow> = crate::model::unit::all(conn)?
        .into_iter()
        .filter_map(|unit| {
            let report = reports.iter().find(|r| r.unit_id == unit.id);
            if unit.merged_into.is_some() && report.is_none() {
                return None;
            }
            let status = report.map(|r| r.status);
            Some(OverviewRow {
                unit_id: unit.id,
                unit_name: unit.name,
                status: Progress::of(status),
                report_id: report.map(|r| r.id),
                submitted_at: report.and_then(|r| r.submitted_at),
                overdue: rules::overdue(status, due, today),
            })
        })
        .collect();
    crate::domain::collate::sort_by_name(&mut units, |row| &row.unit_name);
    Ok(Overview {
        period,
        first_day: period.first_day(&settings),
        last_day: period.last_day(&settings),
        due_date: due,
        compiling_unit_id: compiling,
        units,
    })
}

/// What the reports put in the caller's inbox: for the compiling unit (and
/// the administrator), every unit that has not handed in the report last
/// due; for a unit, its reports returned to it for changes.
pub fn inbox_entries(
    conn: &mut AnyConnection,
    caller: Caller,
    on: &Rules<'_>,
) -> ApiResult<Vec<InboxEntry>> {
    if caller.role == Role::Viewer {
        return Ok(Vec::new());
    }
    let settings = crate::model::settings::get(conn)?.values.reports;
    let mut items = Vec::new();
    if let Some(unit) = caller.unit {
        for r in db::unit_report::returned(conn, unit)? {
            let due = r.period.due(&settings);
            items.push(InboxEntry {
                record: Some(link(&r)),
                title: format!("Báo cáo công tác thông tin đối ngoại {}", r.period),
                status: r.status.as_str().to_owned(),
                reason: "the compiling unit returned the report for changes".to_owned(),
                due_date: due,
                working_days_left: on.working_days_left(due),
            });
        }
    }
    let compiles = caller.role == Role::Admin || in_unit(caller, settings.compiling_unit);
    if settings.compiling_unit.is_none() || !compiles {
        return Ok(items);
    }
    let period = rules::last_due(on.today, &settings);
    let overview = overview(conn, caller, period, on.today)?;
    for row in overview.units.into_iter().filter(|row| row.overdue) {
        items.push(InboxEntry {
            record: row.report_id.map(|id| RecordLink {
                kind: KIND.to_owned(),
                id: id.get(),
                reference: period.as_text(),
            }),
            title: format!("{} – báo cáo {}", row.unit_name, period),
            status: row.status.as_str().to_owned(),
            reason: format!("the unit has not submitted its report for {period}"),
            due_date: overview.due_date,
            working_days_left: on.working_days_left(overview.due_date),
        });
    }
    Ok(items)
}

fn link(r: &UnitReport) -> RecordLink {
    RecordLink {
        kind: KIND.to_owned(),
        id: r.id.get(),
        reference: r.period.as_text(),
    }
}
