//! `POST /api/v1/delegations/{id}/itinerary/import`: a delegation's
//! itinerary from an .ics file a partner sends (`text/calendar`).

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
use crate::db::itinerary::ItemFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::FieldError;
use crate::domain::delegation::Delegation;
use crate::domain::ical_import::{self, Entry, ImportedEvent, ReadError};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{ItemKind, ItemStatus, ItineraryItem};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidQuery;
use crate::model::delegation::visible;
use crate::model::itinerary::{self as model, editable, open_to};

/// An iCalendar body: 415 for another content type, 413 over the body limit.
#[derive(Debug)]
pub struct CalendarBody(pub web::Bytes);

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
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("text/calendar"));
        let body = crate::http::extract::read_body(req, payload);
        Box::pin(async move {
            if !is_calendar {
                return Err(ApiError::UnsupportedMediaType(
                    "the request body must be an iCalendar file (Content-Type: text/calendar)"
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

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: import the valid events and report the others (200);
    /// `false` (default): import nothing when any event is invalid (422).
    pub partial: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new item.
    Imported,
    /// The item an earlier import made from this event, changed to match it.
    Updated,
    /// The item an earlier import made from this event, already matching it.
    Unchanged,
}

/// What became of one event of the file.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOutcome {
    /// Its place among the file's VEVENTs, from 0.
    pub index: usize,
    pub uid: Option<String>,
    pub outcome: ImportOutcome,
    pub item_id: ItineraryItemId,
}

/// An event that was not imported, and everything wrong with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RejectedEvent {
    pub uid: Option<String>,
    /// Its place among the file's VEVENTs, from 0.
    pub index: usize,
    /// By iCalendar property (`SUMMARY`, `LOCATION`, `DTSTART`, …).
    pub errors: Vec<FieldError>,
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
        content = super::CalendarFileDoc, content_type = "text/calendar",
        description = "An iCalendar (RFC 5545) file"
    ),
    responses(
        (status = 200, body = ImportResult,
         description = "Imported (with `partial=true`, the invalid events are listed in `rejected`)"),
        (status = 400, body = Problem, content_type = "application/problem+json",
         description = "The body is not an iCalendar file"),
        UnauthorizedProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem,
        PayloadTooLargeProblem,
        (status = 415, body = Problem, content_type = "application/problem+json",
         description = "The request body must be text/calendar"),
        (status = 422, body = Problem, content_type = "application/problem+json",
         description = "Invalid events (nothing imported): `errors` names each as \
                        `events[i].PROPERTY`, or the body when it holds no events")
    )
)]
#[post("/delegations/{id}/itinerary/import")]
pub async fn import_itinerary(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
    query: ValidQuery<ImportQuery>,
    body: CalendarBody,
) -> ApiResult<web::Json<ImportResult>> {
    let id = DelegationId(id.into_inner());
    let caller = signed_in.caller();
    let partial = query.0.partial.unwrap_or(false);
    // The caller and the record first: a file is read only for one who may
    // import into this itinerary now (the write checks again, locked).
    state
        .db
        .read(move |conn| open_to(&visible(conn, caller, id)?, caller))
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
    let result = state
        .db
        .write(signed_in.actor(), move |conn| {
            let d = editable(conn, caller, id)?;
            import(conn, &d, &events, partial)
        })
        .await?;
    Ok(web::Json(result))
}

fn import(
    conn: &mut AnyConnection,
    d: &Delegation,
    events: &[ImportedEvent],
    partial: bool,
) -> ApiResult<Audited<ImportResult>> {
    let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
    for event in events {
        match event.check(d.start_date, d.end_date) {
            Ok(entry) => accepted.push((event, entry)),
            Err(errors) => rejected.push(RejectedEvent {
                uid: event.uid.clone(),
                index: event.index,
                errors,
            }),
        }
    }
    if !partial && !rejected.is_empty() {
        return Err(ApiError::Invalid(
            rejected
                .into_iter()
                .flat_map(|r| {
                    let uid = r.uid.map(|u| format!(" (UID {u})")).unwrap_or_default();
                    r.errors.into_iter().map(move |e| {
                        FieldError::new(
                            format!("events[{}].{}", r.index, e.field),
                            format!("{}{uid}", e.message),
                        )
                    })
                })
                .collect(),
        ));
    }

    let existing = db::itinerary::list(conn, d.id)?;
    let mut result = ImportResult {
        imported: 0,
        updated: 0,
        unchanged: 0,
        items: Vec::new(),
        outcomes: Vec::new(),
        rejected,
    };
    let mut entries = Vec::new();
    for (event, entry) in accepted {
        let note = Some(format!(
            "imported from an iCalendar file (event {})",
            event.uid.as_deref().unwrap_or(&event.key)
        ));
        let current = existing
            .iter()
            .find(|i| i.import_uid.as_deref() == Some(event.key.as_str()));
        let (item, outcome) = match current {
            None => {
                let (item, entry) = model::insert(conn, d, &new_fields(&event.key, &entry))?;
                entries.push(entry.with_note(note));
                (item, ImportOutcome::Imported)
            }
            Some(current) => {
                match model::rewrite(conn, d, current, &changed_fields(current, &entry))? {
                    Some((item, entry)) => {
                        entries.push(entry.with_note(note));
                        (item, ImportOutcome::Updated)
                    }
                    None => (current.clone(), ImportOutcome::Unchanged),
                }
            }
        };
        match outcome {
            ImportOutcome::Imported => result.imported += 1,
            ImportOutcome::Updated => result.updated += 1,
            ImportOutcome::Unchanged => result.unchanged += 1,
        }
        result.outcomes.push(EventOutcome {
            index: event.index,
            uid: event.uid.clone(),
            outcome,
            item_id: item.id,
        });
        result.items.push(ItemView::from(item));
    }
    Ok(entries
        .into_iter()
        .fold(Audited::unchanged(result), Audited::and))
}

fn status(entry: &Entry, otherwise: ItemStatus) -> String {
    if entry.cancelled {
        ItemStatus::Cancelled
    } else {
        otherwise
    }
    .as_str()
    .to_owned()
}

fn new_fields(key: &str, entry: &Entry) -> ItemFields {
    ItemFields {
        starts_at: entry.starts_at.naive_utc(),
        ends_at: entry.ends_at.naive_utc(),
        time_zone: entry.zone.name().to_owned(),
        kind: entry.kind.unwrap_or(ItemKind::Other).as_str().to_owned(),
        title: entry.title.clone(),
        place_name: entry.place.clone(),
        place_address: None,
        place_district: None,
        participants: entry.participants.clone(),
        escort_officer: None,
        status: status(entry, ItemStatus::Planned),
        import_uid: Some(key.to_owned()),
    }
}

/// An earlier import's item brought in line with the event: what the file
/// says replaces what it held; what the file does not say (address,
/// district, escort officer, a kind or participants it leaves out, a
/// status other than cancelled) stays as the province entered it.
fn changed_fields(current: &ItineraryItem, entry: &Entry) -> ItemFields {
    let mut fields = ItemFields::from(current);
    fields.starts_at = entry.starts_at.naive_utc();
    fields.ends_at = entry.ends_at.naive_utc();
    fields.time_zone = entry.zone.name().to_owned();
    fields.title = entry.title.clone();
    fields.place_name = entry.place.clone();
    if let Some(kind) = entry.kind {
        fields.kind = kind.as_str().to_owned();
    }
    if entry.participants.is_some() {
        fields.participants = entry.participants.clone();
    }
    fields.status = status(entry, current.status);
    fields
}
