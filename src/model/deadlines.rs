//! Each record's due dates and expiry warnings, worked out on the
//! province's calendar (`settings::calendar`) from what the record holds,
//! for a caller who may see it; and the inbox entries the warnings give
//! the unit responsible.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

mod meetings;
pub use meetings::{conference_entries, late_registration, of_conference, of_interview};

use super::inbox::{InboxEntry, RecordLink};
use crate::db::audit::AuditFilter;
use crate::db::{self, AnyConnection};
use crate::domain::audit::RecordKind;
use crate::domain::deadlines::{
    self, AccreditationFacts, Deadline, DelegationFacts, ExpirySettings, Rules,
};
use crate::domain::delegation::{Delegation, DelegationStatus as D, Direction};
use crate::domain::expiry::{self, TravelDocuments, VisaType, Visit, Warning};
use crate::domain::ids::{AccreditationId, DelegationId};
use crate::domain::pagination::Limit;
use crate::domain::press::{self, Accreditation, AccreditationStatus as A};
use crate::domain::role::{Caller, Role};
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};

/// A record's due dates and warnings.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordDeadlines {
    /// Each due date the rules give the record, earliest first.
    pub deadlines: Vec<Deadline>,
    /// Documents that run out too soon. Dates read off a passport or visa
    /// are absent for roles that do not see personal data.
    pub warnings: Vec<Warning>,
}

pub(crate) fn province_day(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    t.with_timezone(&PROVINCE_TZ).date_naive()
}

/// What a delegation's deadlines are worked out from.
pub fn delegation_facts(d: &Delegation) -> DelegationFacts {
    DelegationFacts {
        incoming: d.direction == Direction::Incoming,
        closed: matches!(d.status, D::Cancelled | D::Rejected),
        approved: matches!(d.status, D::Approved | D::Completed | D::Reported),
        start_date: d.start_date,
        end_date: d.end_date,
        reviewed_on: d.review.reviewed_at.map(province_day),
        reported_on: d.report.as_ref().map(|(_, at)| province_day(*at)),
    }
}

/// The warnings of a delegation's members, as `role` may read them.
fn delegation_warnings(
    d: &Delegation,
    members: &[(crate::domain::delegation::Member, TravelDocuments)],
    rules: &Rules<'_>,
    settings: &ExpirySettings,
    role: Role,
) -> Vec<Warning> {
    // Only foreigners entering need their documents checked; an outgoing
    // delegation's officials travel on Vietnam's papers, not the province's.
    if d.direction != Direction::Incoming || matches!(d.status, D::Cancelled | D::Rejected) {
        return Vec::new();
    }
    let visit = Visit {
        entry: d.start_date,
        end: d.end_date,
        today: rules.today,
    };
    members
        .iter()
        .flat_map(|(m, docs)| expiry::person(&m.full_name, docs, visit, settings))
        .map(|w| w.for_role(role))
        .collect()
}

/// A delegation's due dates and its members' warnings.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn of_delegation(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    today: NaiveDate,
) -> ApiResult<RecordDeadlines> {
    let d = super::delegation::visible(conn, caller, id)?;
    let calendar = super::settings::calendar(conn)?;
    let rules = calendar.rules(today);
    let members = db::member::list_with_documents(conn, d.id)?;
    let mut deadlines = deadlines::delegation(&rules, &delegation_facts(&d));
    deadlines.sort_by_key(|x| x.due_date);
    let warnings =
        delegation_warnings(&d, &members, &rules, &calendar.settings.expiry, caller.role);
    Ok(RecordDeadlines {
        deadlines,
        warnings,
    })
}

/// The day the province answered an accreditation (approved or rejected
/// it), from its audit trail.
fn answered_on(conn: &mut AnyConnection, a: &Accreditation) -> ApiResult<Option<NaiveDate>> {
    if matches!(a.status, A::Draft | A::Submitted) {
        return Ok(None);
    }
    let one = Limit::parse(Some(1)).map_err(ApiError::internal)?;
    let mut first: Option<NaiveDate> = None;
    for action in ["approve", "reject"] {
        let filter = AuditFilter {
            record_kind: Some(RecordKind::Accreditation),
            record_id: Some(a.id.get()),
            action: Some(action.to_owned()),
            ..Default::default()
        };
        if let Some(e) = db::audit::list(conn, &filter, None, one)?.first() {
            let day = province_day(e.at);
            first = Some(first.map_or(day, |f| f.min(day)));
        }
    }
    Ok(first)
}

/// An accreditation's due dates and its reporters' warnings.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn of_accreditation(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    today: NaiveDate,
) -> ApiResult<RecordDeadlines> {
    let a = super::accreditation::visible(conn, caller, id)?;
    let calendar = super::settings::calendar(conn)?;
    let rules = calendar.rules(today);
    let reporters = db::reporter::documents_of(conn, &a.reporter_ids)?;
    let deadlines = accreditation_deadlines(conn, &a, &reporters, &rules)?;
    let warnings = accreditation_warnings(&a, &reporters, &rules, &calendar.settings.expiry)
        .into_iter()
        .map(|w| w.for_role(caller.role))
        .collect();
    Ok(RecordDeadlines {
        deadlines,
        warnings,
    })
}

/// An accreditation's due dates, earliest first, its reporters' documents
/// read already.
fn accreditation_deadlines(
    conn: &mut AnyConnection,
    a: &Accreditation,
    reporters: &[(press::Reporter, TravelDocuments)],
    rules: &Rules<'_>,
) -> ApiResult<Vec<Deadline>> {
    let resident = !reporters.is_empty()
        && reporters
            .iter()
            .all(|(_, docs)| docs.visa_type == Some(VisaType::Pv1));
    let closed = matches!(a.status, A::Cancelled | A::Rejected);
    let facts = AccreditationFacts {
        closed,
        registered_on: a.referral_date,
        start_date: a.start_date,
        resident,
        answered_on: answered_on(conn, a)?,
        reviewed_on: a.review.reviewed_at.map(province_day),
    };
    let mut deadlines = deadlines::accreditation(rules, &facts);
    deadlines.sort_by_key(|x| x.due_date);
    Ok(deadlines)
}

fn accreditation_warnings(
    a: &Accreditation,
    reporters: &[(press::Reporter, TravelDocuments)],
    rules: &Rules<'_>,
    settings: &ExpirySettings,
) -> Vec<Warning> {
    if !matches!(a.status, A::Draft | A::Submitted | A::Approved) {
        return Vec::new();
    }
    let visit = Visit {
        entry: a.start_date,
        end: a.end_date,
        today: rules.today,
    };
    let mut out: Vec<Warning> = reporters
        .iter()
        .flat_map(|(r, docs)| expiry::person(&r.full_name, docs, visit, settings))
        .collect();
    if a.status == A::Approved {
        out.extend(expiry::accreditation_ending(
            a.end_date,
            rules.today,
            settings,
        ));
    }
    out
}

/// The inbox entries of expiry warnings for the unit responsible:
/// Sở Ngoại vụ (and the administrator) for every open incoming delegation
/// and accreditation, a host unit for its own delegations. The entry names
/// the rule and the person, never the document's data.
pub fn expiry_entries(
    conn: &mut AnyConnection,
    caller: Caller,
    rules: &Rules<'_>,
) -> ApiResult<Vec<InboxEntry>> {
    let role = caller.role;
    if !matches!(role, Role::ForeignAffairs | Role::Admin | Role::HostUnit) {
        return Ok(Vec::new());
    }
    let settings = super::settings::get(conn)?.values.expiry;
    let mut items = Vec::new();
    let filter = db::delegation::Filter {
        statuses: vec![D::Draft, D::Submitted, D::Appraised, D::Approved],
        only_unit: crate::domain::delegation::list_scope(caller),
        ..Default::default()
    };
    let open: Vec<Delegation> = db::delegation::all(conn, &filter)?
        .into_iter()
        .filter(|d| d.direction == Direction::Incoming && d.end_date >= rules.today)
        .collect();
    let ids: Vec<DelegationId> = open.iter().map(|d| d.id).collect();
    let members = if ids.is_empty() {
        Vec::new()
    } else {
        db::member::documents_of(conn, &ids)?
    };
    for d in &open {
        let mine: Vec<_> = members
            .iter()
            .filter(|(m, _)| m.delegation_id == d.id)
            .cloned()
            .collect();
        for w in delegation_warnings(d, &mine, rules, &settings, role) {
            items.push(entry(
                (db::delegation::KIND, d.id.get(), &d.reference),
                &d.title,
                d.status.as_str(),
                &w,
                rules,
                &settings,
            ));
        }
    }
    if matches!(role, Role::ForeignAffairs | Role::Admin) {
        let filter = db::accreditation::Filter {
            statuses: vec![A::Draft, A::Submitted, A::Approved],
            ..Default::default()
        };
        for a in db::accreditation::all(conn, &filter)? {
            if a.end_date < rules.today {
                continue;
            }
            let reporters = db::reporter::documents_of(conn, &a.reporter_ids)?;
            for w in accreditation_warnings(&a, &reporters, rules, &settings) {
                items.push(entry(
                    (db::accreditation::KIND, a.id.get(), &a.reference),
                    &a.topics,
                    a.status.as_str(),
                    &w,
                    rules,
                    &settings,
                ));
            }
        }
    }
    Ok(items)
}

/// One warning as an inbox entry: its reason names the rule only (the
/// person is on the record's page, the document's data nowhere: the entry
/// is read by every role of the unit, and goes out by e-mail).
fn entry(
    record: (&str, i64, &str),
    title: &str,
    status: &str,
    w: &Warning,
    rules: &Rules<'_>,
    settings: &ExpirySettings,
) -> InboxEntry {
    let (kind, id, reference) = record;
    let reason = match w.what {
        expiry::WarningKind::PassportValidity => format!(
            "a passport is valid for less than {} months after entry",
            settings.passport_months_after_entry
        ),
        expiry::WarningKind::VisaBeforePassport => format!(
            "a visa ends less than {} days before its passport",
            settings.visa_days_before_passport
        ),
        expiry::WarningKind::PressCardEnding => format!(
            "a press card ends before the programme or within {} days",
            settings.press_card_warning_days
        ),
        expiry::WarningKind::AccreditationEnding => format!(
            "the accreditation ends within {} days",
            settings.accreditation_warning_days
        ),
    };
    InboxEntry {
        record: Some(RecordLink {
            kind: kind.to_owned(),
            id,
            reference: reference.to_owned(),
        }),
        title: title.to_owned(),
        status: status.to_owned(),
        reason,
        due_date: w.act_by,
        working_days_left: rules.working_days_left(w.act_by),
    }
}
