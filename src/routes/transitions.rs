//! A delegation's workflow, security review and history.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::audit::ActorView;
use super::delegation::answer;
use super::review::PutReview;
use crate::AppState;
use crate::domain::ids::DelegationId;
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidJson;
use crate::model;
pub use crate::model::delegation::TransitionRequest;

/// Take a workflow action (DESIGN.md, "Workflows"). 409 names the current
/// state and the states the action is open from, or the condition not met.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = TransitionRequest,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 200, body = super::delegation::DelegationView, description = "The delegation in its new state", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/delegations/{id}/transitions")]
pub async fn transition_delegation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    body: ValidJson<TransitionRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let (action, input) = body.0.input();
    let d = signed_in
        .write(&state.db, move |conn| {
            model::delegation::transition(conn, caller, id, action, input, province_today())
        })
        .await?;
    answer(&state, HttpResponse::Ok(), d, caller).await
}

/// Record the police's security review of a delegation (police and administrator).
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])), request_body = PutReview,
    params(("id" = i64, Path, description = "Delegation id")),
    responses(
        (status = 200, body = super::delegation::DelegationView, description = "The delegation with its new review", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[put("/delegations/{id}/security-review")]
pub async fn review_delegation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    body: ValidJson<PutReview>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let req = body.0;
    let review = req.review(signed_in.id());
    let d = signed_in
        .write(&state.db, move |conn| {
            model::delegation::review(conn, caller, id, &review)
        })
        .await?;
    answer(&state, HttpResponse::Ok(), d, caller).await
}

/// One event in a delegation's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor: ActorView,
    pub action: String,
    #[schema(required = true)]
    pub note: Option<String>,
    #[schema(value_type = super::audit::ChangesDoc)]
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
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
) -> ApiResult<web::Json<History>> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let entries = signed_in
        .read(&state.db, move |conn| {
            model::delegation::history(conn, caller, id)
        })
        .await?;
    let items = entries
        .into_iter()
        .map(|e| HistoryEntry {
            at: e.at,
            actor: ActorView::of(&e),
            action: e.action,
            note: e.note,
            changes: e.changes,
        })
        .collect();
    Ok(web::Json(History { items }))
}
