//! `/api/v1/accreditations/{id}/activities`: an accreditation's press
//! activities — listing, planning, changing and cancelling one.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::super::trimmed;
use crate::AppState;
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::itinerary::{ItemStatus, Place};
use crate::domain::press::{ActivityAction, ActivityKind, PressActivity};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, etag};
use crate::model;
pub use crate::model::accreditation::ActivityPatch;
use crate::model::itinerary::entry::EntryInput;

/// A press activity as the API shows it; times carry the offset of its zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityView {
    pub id: PressActivityId,
    pub accreditation_id: AccreditationId,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub time_zone: String,
    pub kind: ActivityKind,
    pub title: String,
    pub place: Place,
    #[schema(required = true)]
    pub participants: Option<String>,
    #[schema(required = true)]
    pub escort_officer: Option<String>,
    pub status: ItemStatus,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<PressActivity> for ActivityView {
    fn from(p: PressActivity) -> Self {
        Self {
            id: p.id,
            accreditation_id: p.accreditation_id,
            starts_at: p.starts_at.with_timezone(&p.time_zone).fixed_offset(),
            ends_at: p.ends_at.with_timezone(&p.time_zone).fixed_offset(),
            time_zone: p.time_zone.name().to_owned(),
            kind: p.kind,
            title: p.title,
            place: p.place,
            participants: p.participants,
            escort_officer: p.escort_officer,
            status: p.status,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityList {
    /// In order of start.
    pub items: Vec<ActivityView>,
}

/// An accreditation's activities, in order of start.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), params(("id" = i64, Path, description = "Accreditation id")),
    responses((status = 200, body = ActivityList, description = "The activities"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/accreditations/{id}/activities")]
pub async fn list_activities(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
) -> ApiResult<web::Json<ActivityList>> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let items = signed_in
        .read(&state.db, move |conn| {
            model::accreditation::activities(conn, caller, id)
        })
        .await?;
    Ok(web::Json(ActivityList {
        items: items.into_iter().map(ActivityView::from).collect(),
    }))
}

/// Plan an activity (Sở Ngoại vụ), while the accreditation is submitted or
/// approved: within its dates and, where it lists places, at one of them.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = EntryInput<ActivityKind>,
    params(("id" = i64, Path, description = "Accreditation id")),
    responses(
        (status = 201, body = ActivityView, description = "Planned", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/accreditations/{id}/activities")]
pub async fn add_activity(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<AccreditationId>,
    body: ValidJson<EntryInput<ActivityKind>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = id.into_inner();
    let input = body.0;
    let activity = signed_in
        .write(&state.db, move |conn| {
            model::accreditation::plan(conn, caller, id, input)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(header::ETag(etag(activity.version)))
        .json(ActivityView::from(activity)))
}

fn answer(activity: PressActivity) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(header::ETag(etag(activity.version)))
        .json(ActivityView::from(activity))
}

/// Change a planned activity (Sở Ngoại vụ) while the accreditation is
/// submitted or approved; the result must lie within its dates, in its
/// zone, at a permitted place, as a new one would. `If-Match` takes the
/// activity's `ETag` (its version).
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = ActivityPatch,
    params(
        ("id" = i64, Path, description = "Accreditation id"), ("activity_id" = i64, Path, description = "Activity id"),
        ("If-Match" = Option<String>, Header, description = "The activity's ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)
    ),
    responses(
        (status = 200, body = ActivityView, description = "The changed activity; `ETag` carries its version", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/accreditations/{id}/activities/{activity_id}")]
pub async fn update_activity(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(AccreditationId, PressActivityId)>,
    if_match: IfMatch,
    body: ValidJson<ActivityPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let (id, activity_id) = path.into_inner();
    let patch = body.0;
    let activity = signed_in
        .write(&state.db, move |conn| {
            model::accreditation::change_activity(conn, caller, id, activity_id, if_match.0, patch)
        })
        .await?;
    Ok(answer(activity))
}

/// Cancel a planned activity (Sở Ngoại vụ) with `{"action": "cancel",
/// "note"}`, as records are cancelled: it stays on the accreditation,
/// marked `cancelled`, in the schedule and in the calendar feeds
/// (`STATUS:CANCELLED`), so that whoever follows the week sees it go.
/// `If-Match` (optional) takes the activity's `ETag`.
#[utoipa::path(
    tag = "accreditations", security(("bearer" = [])), request_body = super::super::ActionRequest<ActivityAction>,
    params(
        ("id" = i64, Path, description = "Accreditation id"), ("activity_id" = i64, Path, description = "Activity id"),
        ("If-Match" = Option<String>, Header, description = "The activity's ETag last read, quoted as it came (`\"3\"`; a bare `3` matches no version: 412)", max_length = 64)
    ),
    responses(
        (status = 200, body = ActivityView, description = "The activity, cancelled", headers(("ETag"))),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[post("/accreditations/{id}/activities/{activity_id}/transitions")]
pub async fn transition_activity(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(AccreditationId, PressActivityId)>,
    if_match: IfMatch,
    body: ValidJson<super::super::ActionRequest<ActivityAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let (id, activity_id) = path.into_inner();
    let req = body.0;
    let note = trimmed(req.note);
    let activity = signed_in
        .write(&state.db, move |conn| match req.action {
            ActivityAction::Cancel => model::accreditation::cancel_activity(
                conn,
                caller,
                id,
                activity_id,
                if_match.0,
                note,
            ),
        })
        .await?;
    Ok(answer(activity))
}
