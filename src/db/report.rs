//! The records a report period's figures are counted from, as they stood at
//! the period's cut-off.
//!
//! What counts in a period, defined here once:
//! - The period runs from its first day 00:00 to its due day 00:00 in the
//!   province's time ([`Span`]); the due-day instant is the **cut-off**.
//! - A record counts only if it was created before the cut-off: one entered
//!   afterwards, even about a past visit, belongs to no report already due.
//! - A delegation or an accreditation counts in the period its dates start
//!   in; an interview, press conference or press activity in the period it
//!   starts in.
//! - Every status (a record's, its security review's, an activity's) is the
//!   one it had at the cut-off: where the audit trail holds a change after
//!   the cut-off, the `from` of the first such change; otherwise the row's
//!   own value, which has not moved since. So a record changed after the
//!   cut-off does not move the period's figures, and rows written without
//!   audit entries (`visitdesk generate`'s history is audited only up to
//!   today) still count as they are.
//!
//! Set-based: one query per table and per chunk of ids, never one per
//! record (a half-year of the ten-year generated province is a few thousand
//! records).

mod audit_trail;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use self::audit_trail::{later_entries, review_of, reviews_at, status_at};
use super::AnyConnection;
use super::schema::{
    accreditation_reporters as ar, accreditations as acc, delegation_members as dm,
    delegations as d, interview_reporters as ir, interviews as iv, press_activities as pa,
    press_conferences as pc, reporters as rp,
};
use super::stamp::Stamp;
use crate::domain::delegation::DelegationAction;
use crate::domain::ids::UnitId;
use crate::domain::press::{AccreditationAction, ConferenceAction, InterviewAction};
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiResult;

/// Ids per `IN (…)` list: well under both engines' bound on parameters.
const CHUNK: usize = 500;

/// A period's instants: from its first day's start to the cut-off.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub start: NaiveDateTime,
    pub cutoff: NaiveDateTime,
}

impl Span {
    /// The days `first_day..=last_day` in the province's time, as UTC instants.
    pub fn new(first_day: NaiveDate, last_day: NaiveDate) -> Span {
        let midnight = |day: NaiveDate| {
            day.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(PROVINCE_TZ).earliest())
                .map_or(day.and_time(chrono::NaiveTime::MIN), |t| t.naive_utc())
        };
        let after = last_day.succ_opt().unwrap_or(last_day);
        Span {
            first_day,
            last_day,
            start: midnight(first_day),
            cutoff: midnight(after),
        }
    }

    /// The province day of a UTC instant.
    pub fn day_of(t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&PROVINCE_TZ).date_naive()
    }
}

/// A delegation as it stood at the cut-off.
#[derive(Debug, Clone)]
pub struct DelegationAt {
    pub id: i64,
    pub direction: String,
    pub status: String,
    pub countries: Vec<String>,
    pub unit: UnitId,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// When its report was submitted, if by the cut-off.
    pub reported_at: Option<DateTime<Utc>>,
    pub review: String,
}

/// The delegations created before the cut-off whose visit starts in the
/// span, or that ended on or after `ended_from` before the span's end (whose
/// post-trip report may fall due in it), of `unit` if given.
#[tracing::instrument(level = "debug", skip(conn))]
pub fn delegations(
    conn: &mut AnyConnection,
    span: Span,
    ended_from: NaiveDate,
    unit: Option<UnitId>,
) -> ApiResult<Vec<DelegationAt>> {
    let mut query = d::table
        .select((
            d::id,
            d::direction,
            d::status,
            d::countries,
            d::host_unit_id,
            d::start_date,
            d::end_date,
            d::report_submitted_at,
        ))
        .filter(d::created_at.lt(span.cutoff))
        .filter(d::start_date.le(span.last_day))
        .filter(
            d::start_date.ge(span.first_day).or(d::end_date
                .ge(ended_from)
                .and(d::end_date.le(span.last_day))),
        )
        .into_boxed();
    if let Some(unit) = unit {
        query = query.filter(d::host_unit_id.eq(unit.get()));
    }
    type Row = (
        i64,
        String,
        String,
        String,
        i64,
        NaiveDate,
        NaiveDate,
        Option<Stamp>,
    );
    let rows: Vec<Row> = query.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let later = later_entries(conn, super::delegation::KIND, &ids, span.cutoff)?;
    // Only workflow actions move the status (itinerary and member entries
    // carry a `status` too: the item's).
    let actions: Vec<&str> = DelegationAction::ALL.iter().map(|a| a.as_str()).collect();
    let statuses = status_at(&later, &actions);
    let reviews = reviews_at(conn, super::delegation::KIND, &ids, &later)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, direction, status, countries, unit, start, end, reported)| DelegationAt {
                id,
                status: statuses.get(&id).cloned().unwrap_or(status),
                review: review_of(&reviews, id),
                direction,
                countries: countries
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                unit: UnitId(unit),
                start_date: start,
                end_date: end,
                reported_at: reported.filter(|t| t.0 < span.cutoff).map(Stamp::and_utc),
            },
        )
        .collect())
}

/// The nationalities of each delegation's members added before the cut-off.
pub fn nationalities(
    conn: &mut AnyConnection,
    delegations: &[i64],
    cutoff: NaiveDateTime,
) -> ApiResult<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in delegations.chunks(CHUNK) {
        let rows: Vec<(i64, String)> = dm::table
            .select((dm::delegation_id, dm::nationality))
            .filter(dm::delegation_id.eq_any(chunk))
            .filter(dm::created_at.lt(cutoff))
            .load(conn)?;
        for (id, nationality) in rows {
            out.entry(id).or_default().push(nationality);
        }
    }
    Ok(out)
}

/// An accreditation as it stood at the cut-off.
#[derive(Debug, Clone)]
pub struct AccreditationAt {
    pub id: i64,
    pub status: String,
    pub review: String,
    /// (reporter id, nationality, outlet) of each reporter on it.
    pub reporters: Vec<(i64, String, String)>,
    /// Its press activities starting in the span, created before the
    /// cut-off and not cancelled at it.
    pub activities: i64,
}

/// The accreditations created before the cut-off whose dates start in the span.
#[tracing::instrument(level = "debug", skip(conn))]
pub fn accreditations(conn: &mut AnyConnection, span: Span) -> ApiResult<Vec<AccreditationAt>> {
    let rows: Vec<(i64, String)> = acc::table
        .select((acc::id, acc::status))
        .filter(acc::created_at.lt(span.cutoff))
        .filter(acc::start_date.between(span.first_day, span.last_day))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let later = later_entries(conn, super::accreditation::KIND, &ids, span.cutoff)?;
    let actions: Vec<&str> = AccreditationAction::ALL
        .iter()
        .map(|a| a.as_str())
        .collect();
    let statuses = status_at(&later, &actions);
    let reviews = reviews_at(conn, super::accreditation::KIND, &ids, &later)?;
    // An activity's changes are audited on its accreditation, naming it.
    let mut activity_status: HashMap<i64, String> = HashMap::new();
    for e in &later {
        if let (Some(activity), Some(from)) = (e.activity_id, e.status_from()) {
            activity_status.entry(activity).or_insert(from.to_owned());
        }
    }
    let mut reporters: HashMap<i64, Vec<(i64, String, String)>> = HashMap::new();
    let mut activities: HashMap<i64, i64> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, i64, String, String)> = ar::table
            .inner_join(rp::table)
            .select((ar::accreditation_id, rp::id, rp::nationality, rp::outlet))
            .filter(ar::accreditation_id.eq_any(chunk))
            .load(conn)?;
        for (a, id, nationality, outlet) in rows {
            reporters
                .entry(a)
                .or_default()
                .push((id, nationality, outlet));
        }
        let rows: Vec<(i64, i64, String)> = pa::table
            .select((pa::accreditation_id, pa::id, pa::status))
            .filter(pa::accreditation_id.eq_any(chunk))
            .filter(pa::created_at.lt(span.cutoff))
            .filter(pa::starts_at.ge(span.start))
            .filter(pa::starts_at.lt(span.cutoff))
            .load(conn)?;
        for (a, id, status) in rows {
            let status = activity_status.get(&id).unwrap_or(&status);
            if status != "cancelled" {
                *activities.entry(a).or_default() += 1;
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, status)| AccreditationAt {
            id,
            status: statuses.get(&id).cloned().unwrap_or(status),
            review: review_of(&reviews, id),
            reporters: reporters.remove(&id).unwrap_or_default(),
            activities: activities.get(&id).copied().unwrap_or(0),
        })
        .collect())
}

/// An interview as it stood at the cut-off.
#[derive(Debug, Clone)]
pub struct InterviewAt {
    pub id: i64,
    pub status: String,
    /// With a reporter who is not Vietnamese.
    pub foreign: bool,
}

/// The interviews created before the cut-off that start in the span,
/// organised by `unit` if given.
#[tracing::instrument(level = "debug", skip(conn))]
pub fn interviews(
    conn: &mut AnyConnection,
    span: Span,
    unit: Option<UnitId>,
) -> ApiResult<Vec<InterviewAt>> {
    let mut query = iv::table
        .select((iv::id, iv::status))
        .filter(iv::created_at.lt(span.cutoff))
        .filter(iv::starts_at.ge(span.start))
        .filter(iv::starts_at.lt(span.cutoff))
        .into_boxed();
    if let Some(unit) = unit {
        query = query.filter(iv::organizing_unit_id.eq(unit.get()));
    }
    let rows: Vec<(i64, String)> = query.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let later = later_entries(conn, "interview", &ids, span.cutoff)?;
    let actions: Vec<&str> = InterviewAction::ALL.iter().map(|a| a.as_str()).collect();
    let statuses = status_at(&later, &actions);
    let mut foreign: HashSet<i64> = HashSet::new();
    for chunk in ids.chunks(CHUNK) {
        let found: Vec<i64> = ir::table
            .inner_join(rp::table)
            .select(ir::interview_id)
            .filter(ir::interview_id.eq_any(chunk))
            .filter(rp::nationality.ne("VN"))
            .load(conn)?;
        foreign.extend(found);
    }
    Ok(rows
        .into_iter()
        .map(|(id, status)| InterviewAt {
            id,
            status: statuses.get(&id).cloned().unwrap_or(status),
            foreign: foreign.contains(&id),
        })
        .collect())
}

/// A press conference as it stood at the cut-off.
#[derive(Debug, Clone)]
pub struct ConferenceAt {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub starts_at: DateTime<Utc>,
    pub time_zone: String,
}

/// The press conferences created before the cut-off that start in the span.
#[tracing::instrument(level = "debug", skip(conn))]
pub fn conferences(conn: &mut AnyConnection, span: Span) -> ApiResult<Vec<ConferenceAt>> {
    let rows: Vec<(i64, String, String, Stamp, String)> = pc::table
        .select((pc::id, pc::kind, pc::status, pc::starts_at, pc::time_zone))
        .filter(pc::created_at.lt(span.cutoff))
        .filter(pc::starts_at.ge(span.start))
        .filter(pc::starts_at.lt(span.cutoff))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let later = later_entries(conn, "press_conference", &ids, span.cutoff)?;
    let actions: Vec<&str> = ConferenceAction::ALL.iter().map(|a| a.as_str()).collect();
    let statuses = status_at(&later, &actions);
    Ok(rows
        .into_iter()
        .map(|(id, kind, status, starts_at, time_zone)| ConferenceAt {
            id,
            kind,
            status: statuses.get(&id).cloned().unwrap_or(status),
            starts_at: starts_at.and_utc(),
            time_zone,
        })
        .collect())
}
