//! `GET /api/v1/inbox`: what waits on the caller's unit, most urgent first.

use actix_web::{get, web};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::Caller;
use crate::db;
use crate::domain::delegation::{self as model, DelegationStatus as S};
use crate::domain::pagination::Limit;
use crate::domain::role::Role;
use crate::domain::time::province_today;
use crate::error::*;

/// The record an inbox entry or schedule entry belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordLink {
    /// `delegation`, …
    pub kind: String,
    pub id: i64,
    pub reference: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InboxEntry {
    pub record: RecordLink,
    pub title: String,
    pub status: String,
    /// Why it waits on the caller's unit.
    pub reason: String,
    /// By when it should be dealt with (a delegation's start, a report's due date).
    pub due_date: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Inbox {
    /// Most urgent (earliest due) first.
    pub items: Vec<InboxEntry>,
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

/// What waits on the caller's unit: submitted delegations for Sở Ngoại vụ,
/// appraised ones for the Provincial Office, unreviewed or changed ones for
/// the police, returned drafts and reports due for host units.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])),
    responses((status = 200, body = Inbox, description = "Most urgent first"), UnauthorizedProblem)
)]
#[get("/inbox")]
pub async fn get_inbox(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Inbox>> {
    let access = caller.access();
    let statuses = candidate_statuses(access.role);
    let days = state.config.report_due_days;
    let delegations = if statuses.is_empty() {
        Vec::new()
    } else {
        let filter = db::delegations::Filter {
            statuses,
            only_unit: model::list_scope(access),
            ..Default::default()
        };
        let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
        state
            .db
            .read(move |conn| db::delegations::list(conn, &filter, None, max))
            .await?
    };
    let today = province_today();
    let mut items: Vec<InboxEntry> = delegations
        .into_iter()
        .filter_map(|d| {
            let (reason, due_date) =
                model::inbox_reason(&d, access.role, access.unit, today, days)?;
            Some(InboxEntry {
                record: RecordLink {
                    kind: db::delegations::KIND.to_owned(),
                    id: d.id.get(),
                    reference: d.reference,
                },
                title: d.title,
                status: d.status.as_str().to_owned(),
                reason,
                due_date,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        a.due_date
            .cmp(&b.due_date)
            .then(a.record.id.cmp(&b.record.id))
    });
    Ok(web::Json(Inbox { items }))
}
