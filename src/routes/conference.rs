//! `/api/v1/press-conferences`: the province's press conferences and their
//! attendees (the Provincial Office writes).

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
use crate::db::conference::{Attendee, Fields};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AttendeeId, PressConferenceId, ReporterId, UserId};
use crate::domain::itinerary::parse_time;
use crate::domain::pagination::page;
use crate::domain::press::{
    self, ConferenceAction, ConferenceKind, ConferenceStatus, PressConference,
};
use crate::domain::role::Caller;
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::{IfMatch, ValidJson, ValidQuery, etag};

/// A press conference as the API shows it; times carry the offset of its zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConferenceView {
    pub id: PressConferenceId,
    /// `HB-2026-0004`.
    pub reference: String,
    pub title: String,
    pub kind: ConferenceKind,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub time_zone: String,
    pub venue: String,
    pub topics: String,
    pub speakers: Vec<String>,
    pub status: ConferenceStatus,
    /// When it was announced (from then on it is in the public feed).
    pub announced_at: Option<DateTime<Utc>>,
    pub created_by: Option<UserId>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<PressConference> for ConferenceView {
    fn from(c: PressConference) -> Self {
        Self {
            id: c.id,
            reference: c.reference,
            title: c.title,
            kind: c.kind,
            starts_at: c.starts_at.with_timezone(&c.time_zone).fixed_offset(),
            ends_at: c.ends_at.with_timezone(&c.time_zone).fixed_offset(),
            time_zone: c.time_zone.name().to_owned(),
            venue: c.venue,
            topics: c.topics,
            speakers: c.speakers,
            status: c.status,
            announced_at: c.announced_at,
            created_by: c.created_by,
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

fn answer(mut builder: actix_web::HttpResponseBuilder, c: PressConference) -> HttpResponse {
    builder
        .insert_header(header::ETag(etag(c.version)))
        .json(ConferenceView::from(c))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferenceInput {
    #[validate(length(min = 1, max = 500))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Họp báo định kỳ quý IV năm 2026"
    )]
    pub title: String,
    pub kind: ConferenceKind,
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
    #[schema(min_length = 1, max_length = 300, example = "Hội trường UBND tỉnh")]
    pub venue: String,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: String,
    #[validate(length(max = 20))]
    #[schema(value_type = Vec<super::SpeakerNameDoc>, max_items = 20)]
    #[serde(default)]
    pub speakers: Vec<String>,
}

fn checked(input: ConferenceInput) -> ApiResult<Fields> {
    let tz = zone(input.time_zone.as_deref())?;
    let starts = parse_time(&input.starts_at, tz).map_err(|m| ApiError::invalid("starts_at", m))?;
    let ends = parse_time(&input.ends_at, tz).map_err(|m| ApiError::invalid("ends_at", m))?;
    if ends <= starts {
        return Err(ApiError::invalid("ends_at", "must be after starts_at"));
    }
    let mut speakers = Vec::new();
    for (i, s) in input.speakers.iter().enumerate() {
        let too_long = s.chars().count() > 200;
        let s = s.trim();
        if s.is_empty() || too_long {
            return Err(ApiError::invalid(
                &format!("speakers[{i}]"),
                "must be 1 to 200 characters",
            ));
        }
        speakers.push(s.to_owned());
    }
    Ok(Fields {
        title: input.title.trim().to_owned(),
        kind: input.kind.as_str().to_owned(),
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: tz.name().to_owned(),
        venue: input.venue.trim().to_owned(),
        topics: input.topics.trim().to_owned(),
        speakers: Fields::speakers(&speakers),
    })
}

fn load(
    conn: &mut AnyConnection,
    id: PressConferenceId,
    caller: Caller,
) -> ApiResult<PressConference> {
    require_press(caller)?;
    db::conference::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// [`load`] for a change: the row is locked first, so that the change is
/// decided on the record as the previous change left it.
fn load_for_change(
    conn: &mut AnyConnection,
    id: PressConferenceId,
    caller: Caller,
) -> ApiResult<PressConference> {
    require_press(caller)?;
    db::conference::lock(conn, id)?;
    load(conn, id, caller)
}

fn require_writer(caller: Caller) -> ApiResult<()> {
    if press::writes_conferences(caller.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "the role `{}` may not change press conferences",
            caller.role
        )))
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConferenceQuery {
    pub status: Option<ConferenceStatus>,
    pub kind: Option<ConferenceKind>,
    /// Conferences ending after this date (or RFC 3339 instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Conferences starting before the end of this date (or instant).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

/// List press conferences, newest first.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), params(ConferenceQuery),
    responses((status = 200, body = Page<ConferenceView>, description = "A page of press conferences"), UnauthorizedProblem, NotFoundProblem, InvalidProblem)
)]
#[get("/press-conferences")]
pub async fn list_conferences(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<ConferenceQuery>,
) -> ApiResult<web::Json<Page<ConferenceView>>> {
    require_press(signed_in.caller())?;
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let after = super::cursor::<db::conference::Cursor>(q.cursor.as_deref())?;
    let filter = db::conference::Filter {
        status: q.status,
        kind: q.kind,
        from: super::instant("from", q.from.as_deref(), Bound::Start)?,
        to: super::instant("to", q.to.as_deref(), Bound::End)?,
    };
    let rows = state
        .db
        .read(move |conn| db::conference::list(conn, &filter, after, limit))
        .await?;
    let (items, next_cursor) = page(rows, limit, |c| (c.starts_at.naive_utc(), c.id.get()));
    Ok(web::Json(Page {
        items: items.into_iter().map(ConferenceView::from).collect(),
        next_cursor,
    }))
}

/// Plan a press conference (Provincial Office).
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = ConferenceInput,
    responses(
        (status = 201, body = ConferenceView, description = "Planned; `Location` names it"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, JsonBodyProblems
    )
)]
#[post("/press-conferences")]
pub async fn create_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<ConferenceInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    require_press(caller)?;
    require_writer(caller)?;
    let fields = checked(body.0)?;
    let by = signed_in.id();
    let c = state
        .db
        .write(signed_in.actor(), move |conn| {
            let (c, entry) = crate::model::conference::create_conference(conn, &fields, Some(by))?;
            Ok(Audited::new(c, entry))
        })
        .await?;
    let location = format!("/api/v1/press-conferences/{}", c.id);
    Ok(answer(
        HttpResponse::Created()
            .insert_header((header::LOCATION, location))
            .take(),
        c,
    ))
}

/// One press conference.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), params(("id" = i64, Path, description = "Press conference id")),
    responses((status = 200, body = ConferenceView, description = "The press conference; `ETag` carries its version"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/press-conferences/{id}")]
pub async fn get_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = PressConferenceId(id.into_inner());
    let c = state.db.read(move |conn| load(conn, id, caller)).await?;
    Ok(answer(HttpResponse::Ok(), c))
}

/// Fields to change while planned or announced; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferencePatch {
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    pub kind: Option<ConferenceKind>,
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
    pub venue: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub topics: Option<String>,
    #[validate(length(max = 20))]
    #[schema(value_type = Option<Vec<super::SpeakerNameDoc>>, max_items = 20)]
    pub speakers: Option<Vec<String>>,
}

/// Change a press conference while it is planned or announced (Provincial Office).
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = ConferencePatch,
    params(("id" = i64, Path, description = "Press conference id"), ("If-Match" = Option<String>, Header, description = "The ETag last read", max_length = 64)),
    responses(
        (status = 200, body = ConferenceView, description = "The changed press conference"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, JsonBodyProblems
    )
)]
#[patch("/press-conferences/{id}")]
pub async fn update_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    if_match: IfMatch,
    body: ValidJson<ConferencePatch>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = PressConferenceId(id.into_inner());
    let p = body.0;
    let c = state
        .db
        .write(signed_in.actor(), move |conn| {
            let current = load_for_change(conn, id, caller)?;
            require_writer(caller)?;
            if !matches!(
                current.status,
                ConferenceStatus::Planned | ConferenceStatus::Announced
            ) {
                return Err(ApiError::conflict(
                    "a press conference changes only while it is planned or announced",
                ));
            }
            db::check_version(if_match.0, current.version)?;
            let tz = current.time_zone;
            let local = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
            let fields = checked(ConferenceInput {
                title: p.title.unwrap_or_else(|| current.title.clone()),
                kind: p.kind.unwrap_or(current.kind),
                starts_at: p.starts_at.unwrap_or_else(|| local(current.starts_at)),
                ends_at: p.ends_at.unwrap_or_else(|| local(current.ends_at)),
                time_zone: Some(p.time_zone.unwrap_or_else(|| tz.name().to_owned())),
                venue: p.venue.unwrap_or_else(|| current.venue.clone()),
                topics: p.topics.unwrap_or_else(|| current.topics.clone()),
                speakers: p.speakers.unwrap_or_else(|| current.speakers.clone()),
            })?;
            let new_zone: chrono_tz::Tz = fields.time_zone.parse().unwrap_or(tz);
            let new_day = fields
                .starts_at
                .and_utc()
                .with_timezone(&new_zone)
                .date_naive();
            if new_day != current.day() {
                crate::model::conference::check_attendees_covered(conn, &current, new_day)?;
            }
            let speakers: Vec<String> = serde_json::from_str(&fields.speakers).unwrap_or_default();
            let changes = Changes::new()
                .diff("title", &current.title, &fields.title)
                .diff("kind", &current.kind.as_str().to_owned(), &fields.kind)
                .diff(
                    "starts_at",
                    &current.starts_at.naive_utc(),
                    &fields.starts_at,
                )
                .diff("ends_at", &current.ends_at.naive_utc(), &fields.ends_at)
                .diff("time_zone", &tz.name().to_owned(), &fields.time_zone)
                .diff("venue", &current.venue, &fields.venue)
                .diff("topics", &current.topics, &fields.topics)
                .diff("speakers", &current.speakers, &speakers);
            if changes.is_empty() {
                return Ok(Audited::unchanged(current));
            }
            let c =
                db::conference::update(conn, id, current.version, Some(&fields), None, db::now())?
                    .ok_or(ApiError::PreconditionFailed {
                        current: current.version,
                    })?;
            Ok(Audited::new(
                c,
                AuditEvent::new("update", RecordKind::PressConference, id.get(), changes),
            ))
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), c))
}

/// Announce (from then on it is in the public feed), complete (held) or cancel a press conference.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = super::ActionRequest<ConferenceAction>,
    params(("id" = i64, Path, description = "Press conference id")),
    responses(
        (status = 200, body = ConferenceView, description = "The press conference in its new state"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/press-conferences/{id}/transitions")]
pub async fn transition_conference(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: ValidJson<super::ActionRequest<ConferenceAction>>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = PressConferenceId(id.into_inner());
    let req = body.0;
    let note = trimmed(req.note);
    let c = state
        .db
        .write(signed_in.actor(), move |conn| {
            let current = load_for_change(conn, id, caller)?;
            let (c, entry) = crate::model::conference::transition_conference(
                conn,
                &current,
                req.action,
                note,
                caller.role,
            )?;
            Ok(Audited::new(c, entry))
        })
        .await?;
    Ok(answer(HttpResponse::Ok(), c))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeView {
    pub id: AttendeeId,
    pub outlet: String,
    pub name: String,
    /// A registered (foreign) reporter, who holds an accreditation covering the day.
    pub reporter_id: Option<ReporterId>,
    pub created_at: DateTime<Utc>,
}

impl From<Attendee> for AttendeeView {
    fn from(a: Attendee) -> Self {
        Self {
            id: a.id,
            outlet: a.outlet,
            name: a.name,
            reporter_id: a.reporter_id,
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeList {
    pub items: Vec<AttendeeView>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Báo Hòa Bình")]
    pub outlet: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// For a foreign reporter: who must hold an approved accreditation covering the day.
    pub reporter_id: Option<ReporterId>,
}

/// The attendees of a press conference.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), params(("id" = i64, Path, description = "Press conference id")),
    responses((status = 200, body = AttendeeList, description = "The attendees"), UnauthorizedProblem, NotFoundProblem)
)]
#[get("/press-conferences/{id}/attendees")]
pub async fn list_attendees(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
) -> ApiResult<web::Json<AttendeeList>> {
    let caller = signed_in.caller();
    let id = PressConferenceId(id.into_inner());
    let items = state
        .db
        .read(move |conn| {
            load(conn, id, caller)?;
            db::conference::attendees(conn, id)
        })
        .await?;
    Ok(web::Json(AttendeeList {
        items: items.into_iter().map(AttendeeView::from).collect(),
    }))
}

/// Register an attendee (Provincial Office); a foreign reporter must hold an
/// approved accreditation covering the day.
#[utoipa::path(
    tag = "press", security(("bearer" = [])), request_body = AttendeeInput,
    params(("id" = i64, Path, description = "Press conference id")),
    responses(
        (status = 201, body = AttendeeView, description = "Registered"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, JsonBodyProblems
    )
)]
#[post("/press-conferences/{id}/attendees")]
pub async fn add_attendee(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    body: ValidJson<AttendeeInput>,
) -> ApiResult<HttpResponse> {
    let caller = signed_in.caller();
    let id = PressConferenceId(id.into_inner());
    let req = body.0;
    let attendee = state
        .db
        .write(signed_in.actor(), move |conn| {
            let c = load_for_change(conn, id, caller)?;
            require_writer(caller)?;
            let (attendee, entry) = crate::model::conference::add_attendee(
                conn,
                &c,
                req.outlet.trim(),
                req.name.trim(),
                req.reporter_id,
            )?;
            Ok(Audited::new(attendee, entry))
        })
        .await?;
    Ok(HttpResponse::Created().json(AttendeeView::from(attendee)))
}
