//! `GET /api/v1/schedule`: every scheduled entry the caller may see, of
//! every kind, in one list ordered by start, with its clashes; at most
//! `model::schedule::MOST_ENTRIES` per answer, saying when there are more.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::AppState;
use crate::db::audit::DataStamp;
use crate::domain::review::ReviewStatus;
use crate::domain::schedule::{Clash, Entry, EntryKind, Foreigners, RecordRef};
use crate::domain::time::{Bound, parse_instant, province_today, rfc3339};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidQuery;
use crate::http::kept_answers::{KeptAnswer, accepts_gzip};
use crate::http::limits::Sliced;
use crate::model;
use crate::model::schedule::{parse_kinds, scope};

/// The longest window one request may ask for.
pub const MAX_WINDOW_DAYS: i64 = 92;

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleItem {
    pub kind: EntryKind,
    pub id: i64,
    pub record: RecordRef,
    pub title: String,
    /// In the entry's own zone.
    #[serde(serialize_with = "rfc3339")]
    pub starts_at: DateTime<FixedOffset>,
    #[serde(serialize_with = "rfc3339")]
    pub ends_at: DateTime<FixedOffset>,
    pub time_zone: String,
    pub place: String,
    #[schema(schema_with = entry_status)]
    pub status: String,
    #[schema(required = true)]
    pub escort_officer: Option<String>,
    pub foreigners: Foreigners,
    /// The security review of the record it belongs to (delegations, accreditations).
    #[schema(required = true)]
    pub security_review_status: Option<ReviewStatus>,
    /// Entries at overlapping times with the same leader, escort officer or
    /// venue: the first 20 (`conflicts_total` says how many there are).
    pub conflicts: Vec<Clash>,
    /// How many entries this one clashes with.
    pub conflicts_total: usize,
}

/// The document's `ScheduleItem.status`: the entry's own status, one of its
/// kind's (an itinerary item's or a press activity's is an `ItemStatus`).
fn entry_status() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use crate::domain::itinerary::ItemStatus;
    use crate::domain::press::{ConferenceStatus, InterviewStatus};
    use utoipa::openapi::Ref;
    let any_of = utoipa::openapi::schema::AnyOfBuilder::new()
        .item(Ref::from_schema_name(ItemStatus::name()))
        .item(Ref::from_schema_name(InterviewStatus::name()))
        .item(Ref::from_schema_name(ConferenceStatus::name()))
        .description(Some(
            "The entry's own status: an `ItemStatus` for an itinerary item or a press \
             activity, an `InterviewStatus`, a `ConferenceStatus`.",
        ))
        .build();
    utoipa::openapi::RefOr::T(utoipa::openapi::schema::Schema::AnyOf(any_of))
}

impl From<Entry> for ScheduleItem {
    fn from(e: Entry) -> Self {
        Self {
            kind: e.kind,
            id: e.id,
            record: e.record,
            title: e.title,
            starts_at: e.starts_at.with_timezone(&e.time_zone).fixed_offset(),
            ends_at: e.ends_at.with_timezone(&e.time_zone).fixed_offset(),
            time_zone: e.time_zone.name().to_owned(),
            place: e.place,
            status: e.status,
            escort_officer: e.escort_officer,
            foreigners: e.foreigners,
            security_review_status: e.security_review_status,
            conflicts: e.conflicts.shown,
            conflicts_total: e.conflicts.total,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Schedule {
    /// Ordered by start: the first 5,000 of the window's entries.
    pub items: Vec<ScheduleItem>,
    /// Whether the window holds more entries than `items` (then ask for a
    /// shorter window, or fewer kinds).
    pub truncated: bool,
    /// How many entries the window holds in all.
    #[schema(minimum = 0)]
    pub total: usize,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScheduleQuery {
    /// Start of the window: a date (Vietnam time) or an RFC 3339 instant; default today.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// End of the window (a date counts whole); default a week after `from`; at most 92 days after it.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    /// Kinds to include, the parameter repeated (`kind=interview&kind=press_conference`);
    /// every kind the caller may see when absent. A comma-separated value is read too.
    #[serde(default)]
    #[validate(length(max = 8, message = "must be named at most 8 times"))]
    #[param(value_type = Option<Vec<EntryKind>>, style = Form, explode, max_items = 8)]
    pub kind: Vec<String>,
}

impl ScheduleQuery {
    /// The window it asks for (the schedule and its export read the same):
    /// today and the week after by default, at most 92 days; 422 otherwise.
    pub(crate) fn window(&self) -> ApiResult<(DateTime<chrono::Utc>, DateTime<chrono::Utc>)> {
        let from = match self.from.as_deref() {
            Some(raw) => {
                parse_instant(raw, Bound::Start).map_err(|m| ApiError::invalid("from", m))?
            }
            None => parse_instant(&province_today().to_string(), Bound::Start)
                .map_err(ApiError::internal)?,
        };
        let to = match self.to.as_deref() {
            Some(raw) => parse_instant(raw, Bound::End).map_err(|m| ApiError::invalid("to", m))?,
            None => from + Duration::days(7),
        };
        if to <= from {
            return Err(ApiError::invalid("to", "must be after from"));
        }
        if to - from > Duration::days(MAX_WINDOW_DAYS) {
            return Err(ApiError::invalid("to", "the window is at most 92 days"));
        }
        Ok((from, to))
    }
}

/// The monitoring schedule: where the foreigners are, and who is with them.
#[utoipa::path(
    tag = "coordination", security(("bearer" = [])), params(ScheduleQuery),
    responses((status = 200, body = Schedule, description = "The entries the caller may see in the window, by start: at most 5,000, with how many there are"), UnauthorizedProblem, InvalidProblem)
)]
#[get("/schedule")]
pub async fn get_schedule(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<ScheduleQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let (from, to) = q.window()?;
    let scope = scope(signed_in.caller(), parse_kinds(&q.kind)?);
    // The scope says everything the answer depends on besides the data.
    let question = format!(
        "{from}|{to}|{:?}|{:?}|{}",
        scope.kinds, scope.only_unit, scope.press
    );
    // Taken before the entries are read: a change landing during the build
    // makes the kept answer stale, never wrong.
    let stamp = DataStamp::now(&state.db).await;
    signed_in.account(&state.db).await?;
    let gzip_ok = accepts_gzip(&req);
    if let Some(kept) = state.kept_answers.get(WEEK, &question, stamp) {
        return json(&state, &question, stamp, kept, gzip_ok).await;
    }
    // Built and written out under the big-answer gate: a week can be
    // megabytes, and only the finished bytes leave it. Requests for the
    // same week wait for its build and take what it built.
    let turn = state.kept_answers.turn(&question).await;
    if let Some(kept) = state.kept_answers.get(WEEK, &question, stamp) {
        drop(turn);
        return json(&state, &question, stamp, kept, gzip_ok).await;
    }
    let answer = state
        .limits
        .big_answer(async {
            let answer = model::schedule::answer(&state.db, scope, from, to).await?;
            let schedule = Schedule {
                truncated: answer.truncated(),
                total: answer.total,
                items: answer.entries.into_iter().map(ScheduleItem::from).collect(),
            };
            // About 600 bytes an entry in the benchmark's weeks: one
            // buffer, not a doubling series of copies.
            let mut body = Vec::with_capacity(64 + schedule.items.len() * 768);
            serde_json::to_writer(&mut body, &schedule).map_err(ApiError::internal)?;
            let answer = KeptAnswer::new(body, None);
            if let Some(stamp) = stamp {
                state
                    .kept_answers
                    .put(question.clone(), stamp, answer.clone());
            }
            Ok(answer)
        })
        .await?;
    drop(turn);
    json(&state, &question, stamp, answer, gzip_ok).await
}

/// What kept answers call a week of the schedule.
const WEEK: &str = "schedule_week";

/// The schedule's JSON, gzipped when the client takes it.
async fn json(
    state: &AppState,
    question: &str,
    stamp: Option<DataStamp>,
    answer: KeptAnswer,
    gzip_ok: bool,
) -> ApiResult<HttpResponse> {
    let body = state
        .kept_answers
        .encoded(question, stamp, &answer, gzip_ok)
        .await?;
    let mut builder = HttpResponse::Ok();
    builder
        .content_type(header::ContentType::json())
        .insert_header((
            header::VARY,
            header::HeaderValue::from_static("Accept-Encoding"),
        ));
    if body.gzip {
        builder.insert_header((
            header::CONTENT_ENCODING,
            header::HeaderValue::from_static("gzip"),
        ));
    }
    Ok(builder.body(Sliced::new(body.bytes)))
}
