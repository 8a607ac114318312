//! What waits on the caller's unit, most urgent first: submitted
//! delegations for Sở Ngoại vụ, appraised ones for the Provincial Office,
//! unreviewed or changed ones for the police, returned drafts and reports
//! due for host units, and the press side's steps. The API's `/inbox` and
//! the console's home page both read it here, and the e-mail digest too.
//! Due dates are counted on the province's working calendar
//! (`model::settings::calendar`): the report's from the settings, the
//! police review's by the last working day before the visit; each entry
//! says how many working days are left.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::{self, AnyConnection};
use crate::domain::deadlines::Rules;
use crate::domain::delegation::{self as delegation_rules, Delegation, DelegationStatus as S};
use crate::domain::pagination::Limit;
use crate::domain::press;
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};

/// The record an inbox entry or schedule entry belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordLink {
    /// `delegation`, `accreditation`, `interview`, `press_conference`.
    #[schema(value_type = crate::domain::audit::RecordKind)]
    pub kind: String,
    pub id: i64,
    pub reference: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InboxEntry {
    /// `null` for a reminder of something missing (no press conference this quarter).
    #[schema(required = true)]
    pub record: Option<RecordLink>,
    pub title: String,
    pub status: String,
    /// Why it waits on the caller's unit.
    pub reason: String,
    /// By when it should be dealt with (a delegation's start, a report's due date).
    pub due_date: NaiveDate,
    /// Working days from today to `due_date`: 0 when due today, negative
    /// when overdue (by that many working days).
    pub working_days_left: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Inbox {
    /// Most urgent (earliest due) first.
    pub items: Vec<InboxEntry>,
}

/// The press side's entries: submitted and unreviewed accreditations,
/// requested or orphaned interviews, a quarter without a press conference.
fn press_entries(
    conn: &mut AnyConnection,
    role: Role,
    rules: &Rules<'_>,
) -> ApiResult<Vec<InboxEntry>> {
    let today = rules.today;
    use crate::domain::press::{
        AccreditationStatus as A, ConferenceStatus as C, InterviewStatus as I,
    };
    let link = |kind: &str, id: i64, reference: &str| {
        Some(RecordLink {
            kind: kind.to_owned(),
            id,
            reference: reference.to_owned(),
        })
    };
    let mut items = Vec::new();
    if matches!(role, Role::ForeignAffairs | Role::Police | Role::Admin) {
        let filter = db::accreditation::Filter {
            statuses: vec![A::Submitted, A::Approved],
            ..Default::default()
        };
        for a in db::accreditation::all(conn, &filter)? {
            if let Some((reason, start)) = press::accreditation_inbox_reason(&a, role) {
                // The police's review is due by the last working day before
                // the programme starts.
                let due_date = if role == Role::Police {
                    rules.review_due(start)
                } else {
                    start
                };
                items.push(InboxEntry {
                    record: link(db::accreditation::KIND, a.id.get(), &a.reference),
                    title: a.topics.clone(),
                    status: a.status.as_str().to_owned(),
                    reason,
                    due_date,
                    working_days_left: rules.working_days_left(due_date),
                });
            }
        }
    }
    if matches!(
        role,
        Role::ProvincialOffice | Role::ForeignAffairs | Role::Admin
    ) {
        let filter = db::interview::Filter {
            statuses: vec![I::Requested, I::Approved],
            ..Default::default()
        };
        for i in db::interview::all(conn, &filter)? {
            if let Some((reason, due_date)) = press::interview_inbox_reason(&i, role) {
                items.push(InboxEntry {
                    record: link("interview", i.id.get(), &i.reference),
                    title: format!("{} – {}", i.interviewee_name, i.outlet),
                    status: i.status.as_str().to_owned(),
                    reason,
                    due_date,
                    working_days_left: rules.working_days_left(due_date),
                });
            }
        }
    }
    if matches!(role, Role::ProvincialOffice | Role::Admin) {
        let (first, last) = press::quarter_of(today);
        let window = |day: NaiveDate| day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        let one = Limit::parse(Some(1)).map_err(ApiError::internal)?;
        let mut held = false;
        for status in [C::Announced, C::Held] {
            let filter = db::conference::Filter {
                status: Some(status),
                from: window(first),
                to: last.succ_opt().and_then(window),
                ..Default::default()
            };
            // A read that fails is an error, not "nothing held this quarter".
            held = held || !db::conference::list(conn, &filter, None, one)?.is_empty();
        }
        if !held {
            items.push(InboxEntry {
                record: None,
                title: format!("Họp báo định kỳ quý {}", (first.month0() / 3) + 1),
                status: "missing".to_owned(),
                reason: "no press conference held or announced this quarter (one is due every three months)".to_owned(),
                due_date: last,
                working_days_left: rules.working_days_left(last),
            });
        }
    }
    Ok(items)
}

/// The open delegations an inbox looks through, per role.
fn candidate_statuses(role: Role) -> Vec<S> {
    match role {
        Role::ForeignAffairs => vec![S::Submitted],
        Role::ProvincialOffice => vec![S::Appraised],
        Role::Police => vec![S::Submitted, S::Appraised, S::Approved],
        Role::HostUnit => vec![S::Draft, S::Completed],
        Role::Admin => vec![S::Submitted, S::Appraised, S::Completed],
        Role::Viewer => vec![],
    }
}

/// The caller's inbox on `today`, most urgent (earliest due) first, in
/// one read, its due dates counted as the province's settings say
/// (`/api/v1/settings`).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn entries(
    conn: &mut AnyConnection,
    caller: Caller,
    today: NaiveDate,
) -> ApiResult<Vec<InboxEntry>> {
    let calendar = super::settings::calendar(conn)?;
    entries_on(conn, caller, &calendar.rules(today))
}

/// [`entries`] on a calendar the caller has loaded already.
pub fn entries_on(
    conn: &mut AnyConnection,
    caller: Caller,
    rules: &Rules<'_>,
) -> ApiResult<Vec<InboxEntry>> {
    let statuses = candidate_statuses(caller.role);
    let delegations = if statuses.is_empty() {
        Vec::new()
    } else {
        let filter = db::delegation::Filter {
            statuses,
            only_unit: delegation_rules::list_scope(caller),
            ..Default::default()
        };
        db::delegation::all(conn, &filter)?
    };
    let mut items: Vec<InboxEntry> = delegations
        .into_iter()
        .filter_map(|d| {
            let (reason, due_date) = delegation_reason(&d, caller, rules)?;
            Some(InboxEntry {
                record: Some(RecordLink {
                    kind: db::delegation::KIND.to_owned(),
                    id: d.id.get(),
                    reference: d.reference,
                }),
                title: d.title,
                status: d.status.as_str().to_owned(),
                reason,
                due_date,
                working_days_left: rules.working_days_left(due_date),
            })
        })
        .collect();
    if press::visible_to(caller.role) {
        items.extend(press_entries(conn, caller.role, rules)?);
    }
    items.extend(super::deadlines::expiry_entries(conn, caller, rules)?);
    items.extend(super::deadlines::conference_entries(conn, caller, rules)?);
    items.extend(super::report::unit_report::inbox_entries(
        conn, caller, rules,
    )?);
    items.sort_by(|a, b| {
        let id = |e: &InboxEntry| e.record.as_ref().map(|r| (r.kind.clone(), r.id));
        a.due_date.cmp(&b.due_date).then_with(|| id(a).cmp(&id(b)))
    });
    Ok(items)
}

/// Why a delegation waits on the caller, and by when on the province's
/// calendar: the report by the settings' due date, the police review by
/// the last working day before the visit, the rest by its start.
fn delegation_reason(
    d: &Delegation,
    caller: Caller,
    rules: &Rules<'_>,
) -> Option<(String, NaiveDate)> {
    let (reason, start) =
        delegation_rules::inbox_reason(d, caller.role, caller.unit, rules.today, 0)?;
    if d.status == S::Completed {
        let due = rules.report_due(d.end_date);
        let reason = if rules.today > due {
            "the report is overdue"
        } else {
            "the report is due"
        };
        return Some((reason.to_owned(), due));
    }
    if caller.role == Role::Police {
        return Some((reason, rules.review_due(d.start_date)));
    }
    Some((reason, start))
}
