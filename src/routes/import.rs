//! `POST /api/v1/delegations/{id}/itinerary/import`: a delegation's
//! itinerary from an .ics file a partner sends (`text/calendar`, or
//! `application/octet-stream` as generated clients send a file).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::itinerary::ItemView;
use crate::AppState;
use crate::domain::ical_import::{self, ReadError};
use crate::domain::ids::DelegationId;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidQuery;
use crate::model;
use crate::model::delegation::visible;
pub use crate::model::import::{EventOutcome, ImportOutcome, RejectedEvent};
use crate::model::itinerary::open_to;

/// An iCalendar body: 415 for another content type, 413 over the body limit.
#[derive(Debug)]
pub struct CalendarBody(pub web::Bytes);

/// The content types an .ics file is taken as: its own, and the generic
/// one for a file, which generated clients send (openapi-python-client
/// knows no `text/calendar` body; openapi-fetch sends JSON unless told).
/// The bytes are read as iCalendar either way.
pub const CALENDAR_CONTENT_TYPES: [&str; 2] = ["text/calendar", "application/octet-stream"];

/// The largest .ics file imported, in bytes, whatever the body limit: a
/// delegation's programme is a few kilobytes, and the document names a bound.
pub const CALENDAR_FILE_LIMIT: usize = 1024 * 1024;

impl FromRequest for CalendarBody {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = ApiResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_calendar = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                CALENDAR_CONTENT_TYPES
                    .iter()
                    .any(|t| v.trim().eq_ignore_ascii_case(t))
            });
        let body = crate::http::extract::read_body(req, payload);
        Box::pin(async move {
            if !is_calendar {
                return Err(ApiError::UnsupportedMediaType(
                    "the request body must be an iCalendar file (Content-Type: text/calendar or \
                     application/octet-stream)"
                        .into(),
                ));
            }
            let bytes = body.await?;
            if bytes.len() > CALENDAR_FILE_LIMIT {
                return Err(ApiError::PayloadTooLarge {
                    limit: CALENDAR_FILE_LIMIT,
                });
            }
            Ok(CalendarBody(bytes))
        })
    }
}

/// The body as the document declares it: a file's bytes (`format: binary`,
/// which generated clients send as a file), whose content is iCalendar.
#[derive(Debug)]
pub struct CalendarFileDoc;

impl utoipa::PartialSchema for CalendarFileDoc {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .content_media_type("text/calendar")
            .description(Some("An iCalendar (RFC 5545) file, at most 1 MiB."))
            .min_length(Some(1))
            .max_length(Some(CALENDAR_FILE_LIMIT))
            .build()
            .into()
    }
}

impl ToSchema for CalendarFileDoc {
    fn name() -> std::borrow::Cow<'static, str> {
        "CalendarFile".into()
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: import the valid events and report the others (200);
    /// `false` (default): import nothing when any event is invalid (422).
    pub partial: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The items of the imported, updated and unchanged events, in the file's order.
    pub items: Vec<ItemView>,
    /// What became of each of those events, in the same order as `items`.
    pub outcomes: Vec<EventOutcome>,
    /// The events not imported (only with `partial=true`; otherwise the answer is 422).
    pub rejected: Vec<RejectedEvent>,
}

/// Import itinerary items from an iCalendar (.ics) file.
///
/// For files as Google Calendar, Outlook or Apple Calendar export them. Each VEVENT
/// becomes an item: SUMMARY → title, LOCATION → place, DESCRIPTION → participants,
/// CATEGORIES naming a kind → kind (else `other`), STATUS:CANCELLED → cancelled.
/// Times keep their TZID (IANA, common Windows names, or the file's VTIMEZONE); times
/// without one are read in the calendar's X-WR-TIMEZONE, else Asia/Ho_Chi_Minh; an
/// all-day event is 08:00–17:00 on each of its days. Each event's UID is remembered:
/// importing the file again updates those items instead of adding new ones. Every
/// event is checked (inside the delegation's dates, lengths as for items entered by
/// hand); unless `partial=true`, one invalid event means nothing is imported (422,
/// `errors` naming `events[i].PROPERTY`). Who may: as for adding an item (checked
/// before the file is read). A file past a bound on what it may cost is refused
/// whole (422 on `body`, naming the line and the bound): 1 MiB, 32,768 characters
/// on a line, 20 parameters on a property, 128 characters in a TZID, 2,000 events.
#[utoipa::path(
    tag = "delegations", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delegation id"), ImportQuery),
    request_body(
        content = CalendarFileDoc, content_type = "application/octet-stream",
        description = "An iCalendar (RFC 5545) file, sent as `application/octet-stream` or \
                       `text/calendar` (the same bytes either way)"
    ),
    responses(
        (status = 200, body = ImportResult,
         description = "Imported (with `partial=true`, the invalid events are listed in `rejected`)"),
        (status = 400, body = Problem, content_type = "application/problem+json",
         description = "The body is not an iCalendar file"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem,
        PayloadTooLargeProblem,
        (status = 415, body = Problem, content_type = "application/problem+json",
         description = "The request body must be application/octet-stream or text/calendar"),
        (status = 422, body = Problem, content_type = "application/problem+json",
         description = "Invalid events (nothing imported): `errors` names each as \
                        `events[i].PROPERTY`, or the body when it holds no events")
    )
)]
#[post("/delegations/{id}/itinerary/import")]
pub async fn import_itinerary(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<DelegationId>,
    query: ValidQuery<ImportQuery>,
    body: CalendarBody,
) -> ApiResult<web::Json<ImportResult>> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    let partial = query.0.partial.unwrap_or(false);
    // The caller and the record first: a file is read only for one who may
    // import into this itinerary now (the write checks again, locked).
    signed_in
        .read(&state.db, move |conn| {
            open_to(&visible(conn, caller, id)?, caller)
        })
        .await?;
    // Read off the async workers, and within the bounds `read` sets: a
    // crafted file costs milliseconds of a blocking thread, not the server.
    let events = web::block(move || ical_import::read(&body.0))
        .await?
        .map_err(|e| match e {
            ReadError::Syntax(_) => ApiError::BadRequest(e.to_string()),
            ReadError::NotText | ReadError::Nul | ReadError::NoEvents | ReadError::Limit(_) => {
                ApiError::invalid("body", e.to_string())
            }
        })?;
    let result = signed_in
        .write(&state.db, move |conn| {
            model::import::import(conn, caller, id, &events, partial)
        })
        .await?;
    Ok(web::Json(ImportResult {
        imported: result.imported,
        updated: result.updated,
        unchanged: result.unchanged,
        items: result.items.into_iter().map(ItemView::from).collect(),
        outcomes: result.outcomes,
        rejected: result.rejected,
    }))
}
