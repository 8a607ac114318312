//! `/api/v1/interviews`: press interviews with provincial leaders.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use super::itinerary::zone;
use super::reporter::require_press;
use super::trimmed;
use crate::AppState;
use crate::db::interview::Fields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId, UnitId, UserId};
use crate::domain::itinerary::parse_time;
use crate::domain::pagination::page;
use crate::domain::press::{self, Interview, InterviewAction, InterviewStatus};
use crate::domain::role::Caller;
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};

/// An interview as the API shows it; times carry the offset of its zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterviewView {
    pub id: InterviewId,
    /// `PH-2026-0007`.
    pub reference: String,
    pub interviewee_name: String,
    pub interviewee_position: String,
    pub outlet: String,
    pub reporter_ids: Vec<ReporterId>,
    /// For foreign reporters: the accreditation that covers the interview.
    pub accreditation_id: Option<AccreditationId>,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub time_zone: String,
    pub place: String,
    pub topics: String,
    /// Questions sent ahead.
    pub questions: Option<String>,
    pub organizing_unit_id: Option<UnitId>,
    pub status: InterviewStatus,
    /// When the accreditation that covered it was revoked (it needs a decision).
    pub accreditation_revoked_at: Option<DateTime<Utc>>,
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Interview> for InterviewView {
    fn from(i: Interview) -> Self {
        Self {
            id: i.id,
            reference: i.reference,
            interviewee_name: i.interviewee_name,
            interviewee_position: i.interviewee_position,
            outlet: i.outlet,
            reporter_ids: i.reporter_ids,
            accreditation_id: i.accreditation_id,
            starts_at: i.starts_at.with_timezone(&i.time_zone).fixed_offset(),
            ends_at: i.ends_at.with_timezone(&i.time_zone).fixed_offset(),
            time_zone: i.time_zone.name().to_owned(),
            place: i.place,
            topics: i.topics,
            questions: i.questions,
            organizing_unit_id: i.organizing_unit_id,
            status: i.status,
            accreditation_revoked_at: i.accreditation_revoked_at,
            created_by: i.created_by,
            version: i.version,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

fn answer(mut builder: actix_web::HttpResponseBuilder, i: Interview) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(i.version)))
        .json(InterviewView::from(i))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Nguyễn Văn Chương")]
    pub interviewee_name: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Phó Chủ tịch UBND tỉnh")]
    pub interviewee_position: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "NHK")]
    pub outlet: String,
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    #[serde(default)]
    pub reporter_ids: Vec<ReporterId>,
    /// Required when a reporter is foreign: an approved accreditation naming them that covers the day.
    pub accreditation_id: Option<AccreditationId>,
    /// `2026-12-01T09:00` in `time_zone`, or RFC 3339 with an offset.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub starts_at: String,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub ends_at: String,
    /// IANA zone; default `Asia/Ho_Chi_Minh`.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub place: String,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: String,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub questions: Option<String>,
    pub organizing_unit_id: Option<UnitId>,
}

/// Reads an interview's input into stored fields (its times in its zone);
/// the rules between records are `model::interview::check_interview`'s.
fn checked(input: InterviewInput) -> ApiResult<(Fields, Vec<ReporterId>)> {
    let tz = zone(input.time_zone.as_deref())?;
    let starts = parse_time(&input.starts_at, tz).map_err(|m| ApiError::invalid("starts_at", m))?;
    let ends = parse_time(&input.ends_at, tz).map_err(|m| ApiError::invalid("ends_at", m))?;
    if ends <= starts {
        return Err(ApiError::invalid("ends_at", "must be after starts_at"));
    }
    let mut ids = input.reporter_ids.clone();
    ids.sort();
    ids.dedup();
    let fields = Fields {
        interviewee_name: input.interviewee_name.trim().to_owned(),
        interviewee_position: input.interviewee_position.trim().to_owned(),
        outlet: input.outlet.trim().to_owned(),
        accreditation_id: input.accreditation_id.map(AccreditationId::get),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: tz.name().to_owned(),
        place: input.place.trim().to_owned(),
        topics: input.topics.trim().to_owned(),
        questions: trimmed(input.questions),
        organizing_unit_id: input.organizing_unit_id.map(UnitId::get),
    };
    Ok((fields, ids))
}

fn load(conn: &mut AnyConnection, id: InterviewId, caller: Caller) -> ApiResult<Interview> {
    require_press(caller)?;
    db::interview::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// [`load`] for a change: the row is locked first, so that the change is
/// decided on the record as the previous change left it.
fn load_for_change(
    conn: &mut AnyConnection,
    id: InterviewId,
    caller: Caller,
) -> ApiResult<Interview> {
    require_press(caller)?;
    db::interview::lock(conn, id)?;
    load(conn, id, caller)
}

fn require_writer(caller: Caller) -> ApiResult<()> {
    if press::writes_interviews(caller.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "the role `{}` may not arrange interviews",
            caller.role
        )))
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InterviewQuery {
    pub status: Option<InterviewStatus>,
    /// Interviews ending after this date (or RFC 3339 instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Interviews starting before the end of this date (or instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    pub accreditation_id: Option<i64>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List interviews, newest first.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), params(InterviewQuery),
    responses((status = 200, body = Page<InterviewView>, description = "A page of interviews"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/interviews")]
pub async fn list_interviews(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<InterviewQuery>,
) -> ApiResult<web::Json<Page<InterviewView>>> {
    require_press(signed_in.caller())?;
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::interview::Cursor>(q.cursor.as_deref())?;
    let filter = db::interview::Filter {
        status: q.status,
        from: super::instant("from", q.from.as_deref(), Bound::Start)?,
        to: super::instant("to", q.to.as_deref(), Bound::End)?,
        accreditation_id: q.accreditation_id.map(AccreditationId),
        ..Default::default()
    };
    let rows = state
        .db
        .read(move |conn| db::interview::list(conn, &filter, after, limit))
        .await?;
    let (items, next_cursor) = page(rows, limit, |i| (i.starts_at.naive_utc(), i.id.get()));
    Ok(web::Json(Page {
        items: items.into_iter().map(InterviewView::from).collect(),
        next_cursor,
    }))
}

/// Request an interview (Provincial Office, or Sở Ngoại vụ for foreign reporters).
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = InterviewInput,
    responses(
        (status = 201, body = InterviewView, description = "Requested; `Location` names it"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[post("/interviews")]
pub async fn create_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<InterviewInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    require_press(caller)?;
    require_writer(caller)?;
    let input = body.0;
    let by = signed_in.id();
    let interview = state
        .db
        .write(signed_in.actor(), move |conn| {
            let (fields, reporters) = checked(input)?;
            let (i, entry) =
                crate::model::interview::create_interview(conn, &fields, &reporters, Some(by))?;
            Ok(Audited::new(i, entry))
        })
        .await?;
    let location = format!("/api/v1/interviews/{}", interview.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        interview,
    ))
}

/// One interview.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), params(("id" = i64, Path, description = "Interview id")),
    responses((status = 200, body = InterviewView, description = "The interview; `ETag` carries its version"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/interviews/{id}")]
pub async fn get_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = InterviewId(id.into_inner());
    let i = state.db.read(move |conn| load(conn, id, caller)).await?;
    Ok(answer(HttpResponse::Ok(), i))
}

/// Fields to change while requested or approved; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewPatch {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub interviewee_name: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub interviewee_position: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub outlet: Option<String>,
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    pub reporter_ids: Option<Vec<ReporterId>>,
    pub accreditation_id: Option<AccreditationId>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub starts_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub ends_at: Option<String>,
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub place: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub questions: Option<String>,
    pub organizing_unit_id: Option<UnitId>,
}

/// Change an interview while it is requested or approved.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = InterviewPatch,
    params(("id" = i64, Path, description = "Interview id"), ("If-Match" = Option<String>, Header, description = "The ETag last read", max_length = 64)),
    responses(
        (status = 200, body = InterviewView, description = "The changed interview"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/interviews/{id}")]
pub async fn update_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    if_match: IfMatch,
    body: ValidJson<InterviewPatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = InterviewId(id.into_inner());
    let p = body.0;
    let interview = state
        .db
        .write(signed_in.actor(), move |conn| {
            let current = load_for_change(conn, id, caller)?;
            require_writer(caller)?;
            if !matches!(
                current.status,
                InterviewStatus::Requested | InterviewStatus::Approved
            ) {
                return Err(ApiError::conflict(
                    "an interview changes only while it is requested or approved",
                ));
            }
            db::check_version(if_match.0, current.version)?;
            let tz = current.time_zone;
            let local = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
            let input = InterviewInput {
                interviewee_name: p
                    .interviewee_name
                    .unwrap_or_else(|| current.interviewee_name.clone()),
                interviewee_position: p
                    .interviewee_position
                    .unwrap_or_else(|| current.interviewee_position.clone()),
                outlet: p.outlet.unwrap_or_else(|| current.outlet.clone()),
                reporter_ids: p
                    .reporter_ids
                    .unwrap_or_else(|| current.reporter_ids.clone()),
                accreditation_id: p.accreditation_id.or(current.accreditation_id),
                starts_at: p.starts_at.unwrap_or_else(|| local(current.starts_at)),
                ends_at: p.ends_at.unwrap_or_else(|| local(current.ends_at)),
                time_zone: Some(p.time_zone.unwrap_or_else(|| tz.name().to_owned())),
                place: p.place.unwrap_or_else(|| current.place.clone()),
                topics: p.topics.unwrap_or_else(|| current.topics.clone()),
                questions: p.questions.or_else(|| current.questions.clone()),
                organizing_unit_id: p.organizing_unit_id.or(current.organizing_unit_id),
            };
            let (fields, reporters) = checked(input)?;
            crate::model::interview::check_interview(conn, &fields, &reporters)?;
            let changes = Changes::new()
                .diff(
                    "interviewee_name",
                    &current.interviewee_name,
                    &fields.interviewee_name,
                )
                .diff(
                    "interviewee_position",
                    &current.interviewee_position,
                    &fields.interviewee_position,
                )
                .diff("outlet", &current.outlet, &fields.outlet)
                .diff("reporter_ids", &current.reporter_ids, &reporters)
                .diff(
                    "accreditation_id",
                    &current.accreditation_id.map(AccreditationId::get),
                    &fields.accreditation_id,
                )
                .diff(
                    "starts_at",
                    &current.starts_at.naive_utc(),
                    &fields.starts_at,
                )
                .diff("ends_at", &current.ends_at.naive_utc(), &fields.ends_at)
                .diff("time_zone", &tz.name().to_owned(), &fields.time_zone)
                .diff("place", &current.place, &fields.place)
                .diff("topics", &current.topics, &fields.topics)
                .diff("questions", &current.questions, &fields.questions)
                .diff(
                    "organizing_unit_id",
                    &current.organizing_unit_id.map(UnitId::get),
                    &fields.organizing_unit_id,
                );
            if changes.is_empty() {
                return Ok(Audited::unchanged(current));
            }
            if reporters != current.reporter_ids {
                db::interview::set_reporters(conn, id, &reporters)?;
            }
            let i =
                db::interview::update(conn, id, current.version, Some(&fields), None, db::now())?
                    .ok_or(ApiError::PreconditionFailed {
                    current: current.version,
                })?;
            Ok(Audited::new(
                i,
                AuditEvent::new("update", RecordKind::Interview, id.get(), changes),
            ))
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), interview))
}

/// Approve (Provincial Office), complete or cancel an interview.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = super::ActionRequest<InterviewAction>,
    params(("id" = i64, Path, description = "Interview id")),
    responses(
        (status = 200, body = InterviewView, description = "The interview in its new state"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/interviews/{id}/transitions")]
pub async fn transition_interview(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: ValidJson<super::ActionRequest<InterviewAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = InterviewId(id.into_inner());
    let req = body.0;
    let note = trimmed(req.note);
    let interview = state
        .db
        .write(signed_in.actor(), move |conn| {
            let current = load_for_change(conn, id, caller)?;
            let (i, entry) = crate::model::interview::transition_interview(
                conn,
                &current,
                req.action,
                note,
                caller.role,
            )?;
            Ok(Audited::new(i, entry))
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), interview))
}
