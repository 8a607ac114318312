//! The figures of a report's period for a caller: who may see which, and
//! the facts of the period and the year before gathered for counting.
//!
//! - The province's figures: every role but a host unit (the administrator,
//!   Sở Ngoại vụ, the Provincial Office, the police, viewers), and whoever
//!   belongs to the compiling unit (`settings.reports.compiling_unit`),
//!   which compiles the province's report.
//! - A unit's figures: the same callers for any unit; a host unit for its
//!   own only (403 for another's or the province's; with no unit asked, its
//!   own is answered).
//! - The press side (interviews, reporters, accreditations, activities,
//!   press conferences) is not a host unit's business (`press::visible_to`):
//!   absent from its figures, unless it is the compiling unit, whose report
//!   must hold the province's press work (counts only, no record).
//!   Accreditations, activities and press conferences belong to no host
//!   unit: they are in the province's figures only; a unit's interviews are
//!   those it organised.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{Days, NaiveDate};
use chrono_tz::Tz;

use crate::db::AnyConnection;
use crate::db::report::{self as counts, Span};
use crate::domain::delegation::{DelegationStatus, Direction};
use crate::domain::ids::UnitId;
use crate::domain::press::{
    self, AccreditationStatus, ConferenceKind, ConferenceStatus, InterviewStatus,
};
use crate::domain::report::Period;
use crate::domain::report::figures::{
    self as f, AccreditationFact, ConferenceFact, DelegationFact, InterviewFact, Names,
    PeriodFacts, PostTripFact, PressFacts, ReportFigures, ReporterFact, Window,
};
use crate::domain::review::ReviewStatus;
use crate::domain::role::{Caller, Role};
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};

/// Whose figures a caller asked for, once allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scope {
    unit: Option<UnitId>,
    press: bool,
}

/// What `caller` may see of the figures asked for (`unit`: none for the
/// province's).
fn scope(caller: Caller, compiling: Option<UnitId>, unit: Option<UnitId>) -> ApiResult<Scope> {
    let compiles = compiling.is_some() && caller.unit == compiling;
    let press = press::visible_to(caller.role) || compiles;
    if caller.role != Role::HostUnit || compiles {
        return Ok(Scope { unit, press });
    }
    match (unit, caller.unit) {
        (None, Some(own)) => Ok(Scope {
            unit: Some(own),
            press,
        }),
        (Some(asked), Some(own)) if asked == own => Ok(Scope {
            unit: Some(own),
            press,
        }),
        _ => Err(ApiError::forbidden(
            "a host unit sees the figures of its own unit only",
        )),
    }
}

/// The figures of `period` (beside the same period a year before) for the
/// province, or for `unit`, as `caller` may see them.
#[tracing::instrument(level = "debug", skip(conn))]
pub fn of_period(
    conn: &mut AnyConnection,
    caller: Caller,
    period: Period,
    unit: Option<UnitId>,
) -> ApiResult<ReportFigures> {
    let calendar = crate::model::settings::calendar(conn)?;
    let settings = &calendar.settings.reports;
    let scope = scope(caller, settings.compiling_unit, unit)?;
    let units = crate::model::unit::all(conn)?;
    if let Some(id) = scope.unit
        && !units.iter().any(|u| u.id == id)
    {
        return Err(ApiError::NotFound);
    }
    let names: HashMap<UnitId, String> = units.into_iter().map(|u| (u.id, u.name)).collect();
    let previous_period = period.year_before();
    let window = |p: Period| Window {
        period: p,
        first_day: p.first_day(settings),
        last_day: p.last_day(settings),
    };
    let (now, before) = (window(period), window(previous_period));
    let rules = calendar.rules(now.last_day);
    let due = |end: NaiveDate| rules.report_due(end);
    // A post-trip report falls due some days after the trip ends: trips
    // ending this far before the period may have theirs due in it (twice
    // the setting's days, as calendar days, and a month for Tết's days off).
    let lead = u64::from(calendar.settings.deadlines.report_days) * 2 + 30;
    let current = facts(conn, now, lead, scope, &due)?;
    let previous = facts(conn, before, lead, scope, &due)?;
    let names = Names {
        unit: scope.unit,
        names: &names,
    };
    Ok(f::compare(
        now,
        previous_period,
        &names,
        &current,
        &previous,
    ))
}

fn corrupt(what: &str, value: &str) -> ApiError {
    ApiError::internal(format_args!("a report counted a bad {what}: {value:?}"))
}

fn parsed<T>(parse: fn(&str) -> Option<T>, what: &str, value: &str) -> ApiResult<T> {
    parse(value).ok_or_else(|| corrupt(what, value))
}

/// One period's facts as they stood at its cut-off.
fn facts(
    conn: &mut AnyConnection,
    window: Window,
    lead_days: u64,
    scope: Scope,
    report_due: &dyn Fn(NaiveDate) -> NaiveDate,
) -> ApiResult<PeriodFacts> {
    let span = Span::new(window.first_day, window.last_day);
    let ended_from = window
        .first_day
        .checked_sub_days(Days::new(lead_days))
        .unwrap_or(window.first_day);
    let rows = counts::delegations(conn, span, ended_from, scope.unit)?;
    let ids: Vec<i64> = rows
        .iter()
        .filter(|d| d.start_date >= span.first_day)
        .map(|d| d.id)
        .collect();
    let mut nationalities = counts::nationalities(conn, &ids, span.cutoff)?;
    let mut out = PeriodFacts::default();
    for d in &rows {
        let status = parsed(DelegationStatus::parse, "delegation status", &d.status)?;
        use DelegationStatus as S;
        let due = report_due(d.end_date);
        if matches!(status, S::Approved | S::Completed | S::Reported)
            && (span.first_day..=span.last_day).contains(&due)
        {
            out.post_trip.push(PostTripFact {
                due,
                filed_on: d.reported_at.map(Span::day_of),
            });
        }
        if d.start_date < span.first_day {
            continue;
        }
        out.delegations.push(DelegationFact {
            direction: parsed(Direction::parse, "direction", &d.direction)?,
            status,
            countries: d.countries.clone(),
            unit: d.unit,
            nationalities: nationalities.remove(&d.id).unwrap_or_default(),
            review: parsed(ReviewStatus::parse, "review status", &d.review)?,
        });
    }
    if !scope.press {
        return Ok(out);
    }
    let mut interviews = Vec::new();
    for i in counts::interviews(conn, span, scope.unit)? {
        interviews.push(InterviewFact {
            status: parsed(InterviewStatus::parse, "interview status", &i.status)?,
            foreign: i.foreign,
        });
    }
    out.interviews = Some(interviews);
    if scope.unit.is_some() {
        return Ok(out);
    }
    let mut press = PressFacts::default();
    for a in counts::accreditations(conn, span)? {
        press.accreditations.push(AccreditationFact {
            status: parsed(
                AccreditationStatus::parse,
                "accreditation status",
                &a.status,
            )?,
            review: parsed(ReviewStatus::parse, "review status", &a.review)?,
            reporters: a
                .reporters
                .into_iter()
                .map(|(id, nationality, outlet)| ReporterFact {
                    id,
                    nationality,
                    outlet,
                })
                .collect(),
            activities: a.activities,
        });
    }
    for c in counts::conferences(conn, span)? {
        let zone = Tz::from_str(&c.time_zone).unwrap_or(PROVINCE_TZ);
        press.conferences.push(ConferenceFact {
            kind: parsed(ConferenceKind::parse, "conference kind", &c.kind)?,
            status: parsed(ConferenceStatus::parse, "conference status", &c.status)?,
            day: c.starts_at.with_timezone(&zone).date_naive(),
        });
    }
    out.press = Some(press);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;

    fn caller(role: Role, unit: i64) -> Caller {
        Caller {
            id: UserId(1),
            role,
            unit: Some(UnitId(unit)),
        }
    }

    #[test]
    fn a_host_unit_sees_its_own_unit_without_the_press_side() {
        let host = caller(Role::HostUnit, 5);
        let own = Scope {
            unit: Some(UnitId(5)),
            press: false,
        };
        assert_eq!(scope(host, None, None).unwrap(), own);
        assert_eq!(scope(host, None, Some(UnitId(5))).unwrap(), own);
        assert!(scope(host, None, Some(UnitId(6))).is_err());
        assert!(scope(host, Some(UnitId(9)), Some(UnitId(6))).is_err());
    }

    #[test]
    fn the_compiling_unit_and_the_province_roles_see_the_province() {
        let compiling = scope(caller(Role::HostUnit, 9), Some(UnitId(9)), None).unwrap();
        assert_eq!(
            compiling,
            Scope {
                unit: None,
                press: true
            }
        );
        for role in [
            Role::Admin,
            Role::ForeignAffairs,
            Role::ProvincialOffice,
            Role::Police,
            Role::Viewer,
        ] {
            let s = scope(caller(role, 1), None, Some(UnitId(6))).unwrap();
            assert_eq!(
                s,
                Scope {
                    unit: Some(UnitId(6)),
                    press: true
                },
                "{role}"
            );
            assert_eq!(scope(caller(role, 1), None, None).unwrap().unit, None);
        }
    }
}
