//! `GET /api/v1/inbox`: what waits on the caller's unit, most urgent first;
//! and each record's due dates and expiry warnings, which feed it.

use actix_web::{get, web};

use crate::AppState;
use crate::domain::ids::{AccreditationId, DelegationId};
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::model;
pub use crate::model::deadlines::RecordDeadlines;
pub use crate::model::inbox::{Inbox, InboxEntry, RecordLink};

/// What waits on the caller's unit: submitted delegations for Sở Ngoại vụ,
/// appraised ones for the Provincial Office, unreviewed or changed ones for
/// the police, returned drafts and reports due for host units.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])),
    responses((status = 200, body = Inbox, description = "Most urgent first"), UnauthorizedProblem)
)]
#[get("/inbox")]
pub async fn get_inbox(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> ApiResult<web::Json<Inbox>> {
    let caller = signed_in.caller();
    let items = signed_in
        .read(&state.db, move |conn| {
            let calendar = model::settings::calendar(conn)?;
            model::inbox::entries_on(conn, caller, &calendar.rules(province_today()))
        })
        .await?;
    Ok(web::Json(Inbox { items }))
}

/// The due dates of a delegation (the police review before an incoming
/// visit, the report after the trip) and its members' expiry warnings.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(("id" = i64, Path, description = "Delegation id")),
    responses((status = 200, body = RecordDeadlines, description = "Due dates, earliest first, and warnings"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/delegations/{id}/deadlines")]
pub async fn delegation_deadlines(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
) -> ApiResult<web::Json<RecordDeadlines>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let answer = signed_in
        .read(&state.db, move |conn| {
            model::deadlines::of_delegation(conn, caller, id, province_today())
        })
        .await?;
    Ok(web::Json(answer))
}

/// The due dates of an accreditation (the programme registered 10 working
/// days ahead, or a resident reporter's request answered within 5; the
/// police review before it starts) and its reporters' expiry warnings.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(("id" = i64, Path, description = "Accreditation id")),
    responses((status = 200, body = RecordDeadlines, description = "Due dates, earliest first, and warnings"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/accreditations/{id}/deadlines")]
pub async fn accreditation_deadlines(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
) -> ApiResult<web::Json<RecordDeadlines>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let answer = signed_in
        .read(&state.db, move |conn| {
            model::deadlines::of_accreditation(conn, caller, id, province_today())
        })
        .await?;
    Ok(web::Json(answer))
}
