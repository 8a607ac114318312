//! `GET /api/v1/press-conferences/{id}/deadlines` and
//! `/interviews/{id}/deadlines`: the press side's meetings' due dates,
//! shaped as a delegation's and an accreditation's (`routes::inbox`).

use actix_web::{get, web};

use crate::AppState;
use crate::domain::ids::{InterviewId, PressConferenceId};
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::model;
use crate::model::deadlines::RecordDeadlines;

/// The due dates of a press conference: a foreign body's registered at
/// least 2 working days ahead (a setting), met or late; none for the
/// province's own.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(("id" = i64, Path, description = "Press conference id")),
    responses((status = 200, body = RecordDeadlines, description = "Due dates, earliest first, and warnings"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/press-conferences/{id}/deadlines")]
pub async fn conference_deadlines(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<PressConferenceId>,
) -> ApiResult<web::Json<RecordDeadlines>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let answer = signed_in
        .read(&state.db, move |conn| {
            model::deadlines::of_conference(conn, caller, id, province_today())
        })
        .await?;
    Ok(web::Json(answer))
}

/// The due dates of an interview: for a foreign reporter's, the
/// registration of the press programme that covers it (10 working days
/// ahead, or a resident reporter's request answered within 5), read off
/// its accreditation; none for a domestic interview.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(("id" = i64, Path, description = "Interview id")),
    responses((status = 200, body = RecordDeadlines, description = "Due dates, earliest first, and warnings"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/interviews/{id}/deadlines")]
pub async fn interview_deadlines(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<InterviewId>,
) -> ApiResult<web::Json<RecordDeadlines>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let answer = signed_in
        .read(&state.db, move |conn| {
            model::deadlines::of_interview(conn, caller, id, province_today())
        })
        .await?;
    Ok(web::Json(answer))
}
