//! `GET /api/v1/inbox`: what waits on the caller's unit, most urgent first.

use actix_web::{get, web};

use crate::AppState;
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::model;
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
    let days = state.config.report_due_days;
    let items = signed_in
        .read(&state.db, move |conn| {
            model::inbox::entries(conn, caller, province_today(), days)
        })
        .await?;
    Ok(web::Json(Inbox { items }))
}
