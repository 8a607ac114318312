//! A delegation's workflow, security review and history.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use validator::Validate;

use super::audit::ActorView;
use super::delegations::{answer, load_visible};
use super::review::{PutReview, require_reviewer, store};
use crate::AppState;
use crate::auth::Caller;
use crate::db::{self, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::delegation::{
    self as model, DelegationAction, Facts, Recommendation, TransitionInput, Unmet,
};
use crate::domain::ids::DelegationId;
use crate::domain::pagination::Limit;
use crate::domain::role::Role;
use crate::domain::time::province_today;
use crate::domain::workflow::{Named, Verdict};
use crate::error::*;
use crate::extract::ValidJson;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub action: DelegationAction,
    /// Required to return (what to fix), appraise and cancel; optional otherwise.
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub note: Option<String>,
    /// For `appraise`.
    pub recommendation: Option<Recommendation>,
    /// For `approve` and `reject`: the number of the province's decision.
    #[validate(length(max = 100))]
    #[schema(max_length = 100, example = "1234/QĐ-UBND")]
    pub decision_number: Option<String>,
    /// For `approve` and `reject`.
    pub decision_date: Option<NaiveDate>,
    /// For `report`: the report's text.
    #[validate(length(max = 100000))]
    #[schema(max_length = 100000)]
    pub report: Option<String>,
}

/// Take a workflow action (DESIGN.md, "Workflows"). 409 names the current
/// state and the states the action is open from, or the condition not met.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = TransitionRequest,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 200, body = super::delegations::DelegationView, description = "The delegation in its new state"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/delegations/{id}/transitions")]
pub async fn transition_delegation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: ValidJson<TransitionRequest>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let req = body.0;
    let by = caller.id();
    let d = state
        .db
        .write(caller.actor(), move |conn| {
            let current = load_visible(conn, id, access)?;
            let verdict = model::decide_transition(
                req.action,
                current.status,
                current.subject(access.role, access.unit),
            );
            let to = go(verdict, req.action, access.role, "delegation")?;
            let input = TransitionInput {
                note: req
                    .note
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty()),
                recommendation: req.recommendation,
                decision_number: req.decision_number.map(|n| n.trim().to_owned()),
                decision_date: req.decision_date,
                report: req.report,
            };
            let facts = Facts {
                members: db::members::count(conn, id)?,
                items: db::itinerary::count(conn, id)?,
                today: province_today(),
            };
            model::check_needs(req.action, &current, &input, facts).map_err(
                |unmet| match unmet {
                    Unmet::Missing(fields) => ApiError::Invalid(
                        fields
                            .into_iter()
                            .map(|(f, m)| crate::domain::FieldError::new(f, m))
                            .collect(),
                    ),
                    Unmet::Condition(why) => ApiError::conflict(why),
                },
            )?;

            let now = db::now();
            let mut set = db::delegations::Changes {
                status: Some(to.as_str().to_owned()),
                ..Default::default()
            };
            let mut changes = Changes::new().diff("status", &current.status, &to);
            match req.action {
                DelegationAction::Submit => set.returned_note = Some(None),
                DelegationAction::Return => {
                    set.returned_note = Some(input.note.clone());
                }
                DelegationAction::Appraise => {
                    set.appraisal_recommendation =
                        Some(input.recommendation.map(|r| r.as_str().to_owned()));
                    set.appraisal_note = Some(input.note.clone());
                    changes = changes.set("recommendation", input.recommendation);
                }
                DelegationAction::Approve | DelegationAction::Reject => {
                    set.decision_number = Some(input.decision_number.clone());
                    set.decision_date = Some(input.decision_date);
                    set.decided_by = Some(Some(by.get()));
                    changes = changes
                        .set("decision_number", &input.decision_number)
                        .set("decision_date", input.decision_date);
                }
                DelegationAction::Report => {
                    set.report = Some(input.report.clone());
                    set.report_submitted_at = Some(Some(now.naive_utc()));
                    changes = changes.set("report", &input.report);
                }
                DelegationAction::Complete | DelegationAction::Cancel => {}
            }
            let d = db::delegations::update(conn, id, current.version, &set, now)?.ok_or(
                ApiError::PreconditionFailed {
                    current: current.version,
                },
            )?;
            let event = AuditEvent::new(
                req.action.as_str(),
                RecordKind::Delegation,
                id.get(),
                changes,
            )
            .with_note(input.note);
            Ok(Audited::new(d, event))
        })
        .await?;
    Ok(answer(&state, HttpResponse::Ok(), d, access))
}

/// The state a workflow verdict leads to, or the problem that says why not:
/// 403 for a role that may not, 409 naming the current state and the states
/// the action is open from (for every record kind's workflow).
pub(crate) fn go<S: Named + Eq, A: Named>(
    verdict: Verdict<S>,
    action: A,
    role: Role,
    record: &str,
) -> ApiResult<S> {
    match verdict {
        Verdict::Go(to) => Ok(to),
        Verdict::Forbidden => Err(ApiError::forbidden(format!(
            "the role `{role}` may not {} this {record} (now)",
            action.name()
        ))),
        Verdict::WrongState {
            current,
            allowed_from,
        } => {
            let names: Vec<&str> = allowed_from.iter().map(|s| s.name()).collect();
            Err(ApiError::Conflict {
                detail: format!(
                    "cannot {} a {record} that is {}; it can be done from: {}",
                    action.name(),
                    current.name(),
                    names.join(", ")
                ),
                extra: Some(json!({"current_status": current.name(), "allowed_from": names})),
            })
        }
    }
}

/// Record the police's security review of a delegation (police and administrator).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = PutReview,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 200, body = super::delegations::DelegationView, description = "The delegation with its new review"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[put("/delegations/{id}/security-review")]
pub async fn review_delegation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    body: ValidJson<PutReview>,
) -> ApiResult<HttpResponse> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let req = body.0;
    let by = caller.id();
    let d = state
        .db
        .write(caller.actor(), move |conn| {
            let current = load_visible(conn, id, access)?;
            require_reviewer(access)?;
            // The version first: its row lock orders two reviews at once.
            db::delegations::touch(conn, id, db::now(), false)?;
            let changes = store(
                conn,
                db::delegations::KIND,
                id.get(),
                &current.review,
                &req.review(by),
            )?;
            let d = db::delegations::find(conn, id)?.ok_or(ApiError::NotFound)?;
            Ok(Audited::new(
                d,
                AuditEvent::new("security_review", RecordKind::Delegation, id.get(), changes),
            ))
        })
        .await?;
    Ok(answer(&state, HttpResponse::Ok(), d, access))
}

/// One event in a delegation's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor: ActorView,
    pub action: String,
    pub note: Option<String>,
    /// What changed; personal data and police notes only for those who may see them.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct History {
    /// Oldest first.
    pub items: Vec<HistoryEntry>,
}

/// The delegation's own timeline: who did what, when, with which note.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses((status = 200, body = History, description = "Oldest first"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/delegations/{id}/history")]
pub async fn delegation_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> ApiResult<web::Json<History>> {
    let id = DelegationId(id.into_inner());
    let access = caller.access();
    let entries = state
        .db
        .read(move |conn| {
            load_visible(conn, id, access)?;
            let filter = db::audit::AuditFilter {
                record_kind: Some(RecordKind::Delegation),
                record_id: Some(id.get()),
                ..Default::default()
            };
            let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
            db::audit::list(conn, &filter, None, max)
        })
        .await?;
    let items = entries
        .into_iter()
        .rev()
        .map(|mut e| {
            crate::domain::audit::redact_changes(&mut e.changes, access.role);
            HistoryEntry {
                at: e.at,
                actor: ActorView::of(&e),
                action: e.action,
                note: e.note,
                changes: e.changes,
            }
        })
        .collect();
    Ok(web::Json(History { items }))
}
