//! Calendar subscriptions and the iCal feeds calendar apps poll.

use actix_web::{HttpRequest, HttpResponse, route, web};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sha2::{Digest, Sha256};

mod answer;

use self::answer::{FeedRequest, answer_feed};
use crate::AppState;
use crate::db::calendar::Subscription;
use crate::db::schedule::Scope;
use crate::db::{self, AnyConnection};
use crate::domain::delegation::{self as rules, Delegation, DelegationStatus};
use crate::domain::ical::{Event, Status, When};
use crate::domain::role::Caller;
use crate::domain::schedule::{Entry, EntryKind};
use crate::error::*;
use crate::model;
use crate::model::schedule::scope;

/// How far back and ahead a feed reaches.
const BACK_DAYS: i64 = 90;
const AHEAD_DAYS: i64 = 400;

/// A feed's contents before they are written out.
struct FeedContent {
    name: String,
    entries: Vec<Entry>,
    delegations: Vec<Delegation>,
}

impl FeedContent {
    /// Identifies the contents without writing them out: everything each
    /// entry and delegation holds (the feed's events are made of nothing
    /// else), so that any byte of the calendar that would change changes
    /// it — a delegation cancelled, renamed or given a member moves the
    /// ETag of a feed of its itinerary items, whose own versions do not.
    fn etag(&self, window_start: chrono::NaiveDate) -> String {
        use std::io::Write as _;
        let mut hash = Sha256::new();
        hash.update(self.name.as_bytes());
        hash.update(window_start.to_string().as_bytes());
        // Writing into a hash cannot fail.
        for e in &self.entries {
            let _ = write!(hash, "{e:?}|");
        }
        for d in &self.delegations {
            let _ = write!(hash, "{d:?}|");
        }
        let digest: String = hash
            .finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("\"{digest}\"")
    }

    /// The contents in the order the feed lists them, by start, kind and
    /// id (a total order). The database hands entries back unordered and
    /// each engine orders them its own way, so every feed passes here
    /// before its ETag is computed and its body written: when only the
    /// subscriptions were sorted, the public feed of a PostgreSQL copy
    /// answered other bytes and another ETag than its SQLite source.
    fn in_order(mut self) -> Self {
        self.entries.sort_by_key(|e| (e.starts_at, e.kind, e.id));
        self
    }

    fn newest(&self) -> Option<DateTime<Utc>> {
        self.entries
            .iter()
            .map(|e| e.updated_at)
            .chain(self.delegations.iter().map(|d| d.updated_at))
            .max()
    }
}

/// A feed's reach around `today` (the day its stamp names, so that the
/// ETag and the contents speak of the same window).
fn window(today: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start =
        crate::domain::time::parse_instant(&today.to_string(), crate::domain::time::Bound::Start)
            .unwrap_or_else(|_| Utc::now());
    (
        start - Duration::days(BACK_DAYS),
        start + Duration::days(AHEAD_DAYS),
    )
}

/// What a subscription's owner may see now, of what it asked for.
fn subscription_content(
    conn: &mut AnyConnection,
    sub: &Subscription,
    caller: Caller,
    today: NaiveDate,
) -> ApiResult<FeedContent> {
    let (from, to) = window(today);
    let kinds: Vec<EntryKind> = sub
        .kinds
        .iter()
        .filter_map(|k| EntryKind::parse(k))
        .collect();
    let mut feed_scope: Scope = scope(caller, kinds);
    feed_scope.delegation = sub.delegation_id;
    if sub.unit_id.is_some() && feed_scope.only_unit.is_none() {
        feed_scope.only_unit = sub.unit_id;
    }
    let mut entries = db::schedule::entries(conn, &feed_scope, from, to)?;
    if sub.unit_id.is_some() || sub.delegation_id.is_some() {
        // Narrowed to one unit or delegation: the press side is not theirs.
        entries.retain(|e| e.kind == EntryKind::ItineraryItem);
    }
    let mut delegations = Vec::new();
    if sub.kinds.iter().any(|k| k == "delegation") {
        let filter = db::delegation::Filter {
            from: Some(today - chrono::Days::new(BACK_DAYS as u64)),
            to: Some(today + chrono::Days::new(AHEAD_DAYS as u64)),
            only_unit: feed_scope.only_unit,
            ..Default::default()
        };
        delegations = db::delegation::all(conn, &filter)?
            .into_iter()
            .filter(|d| rules::visible_to(d.host_unit_id, caller.role, caller.unit))
            .filter(|d| sub.delegation_id.is_none_or(|id| id == d.id))
            .filter(|d| d.status != DelegationStatus::Draft)
            .collect();
    }
    Ok(FeedContent {
        name: sub.name.clone(),
        entries,
        delegations,
    })
}

fn host(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or(rest);
    host.rsplit_once(':').map_or(host, |(h, _)| h).to_owned()
}

fn entry_event(e: &Entry, host: &str) -> Event {
    let status = if e.cancelled {
        Status::Cancelled
    } else if e.confirmed {
        Status::Confirmed
    } else {
        Status::Tentative
    };
    let mut description = format!("{} ({})", e.record.reference, e.status);
    if let Some(officer) = &e.escort_officer {
        description.push_str(&format!("\nCán bộ đi cùng / escort: {officer}"));
    }
    if e.foreigners.count > 0 {
        description.push_str(&format!(
            "\nNgười nước ngoài / foreigners: {} ({})",
            e.foreigners.count,
            e.foreigners.nationalities.join(", ")
        ));
    }
    Event {
        uid: format!("{}-{}@{host}", e.kind.as_str(), e.id),
        start: When::Zoned(e.starts_at, e.time_zone),
        end: When::Zoned(e.ends_at, e.time_zone),
        summary: e.title.clone(),
        location: Some(e.place.clone()).filter(|p| !p.is_empty()),
        description: Some(description),
        categories: vec![e.kind.as_str().to_owned()],
        status,
        sequence: e.version,
        last_modified: e.updated_at,
    }
}

fn delegation_event(d: &Delegation, host: &str) -> Event {
    let status = match d.status {
        DelegationStatus::Cancelled | DelegationStatus::Rejected => Status::Cancelled,
        DelegationStatus::Approved | DelegationStatus::Completed | DelegationStatus::Reported => {
            Status::Confirmed
        }
        _ => Status::Tentative,
    };
    Event {
        uid: format!("delegation-{}@{host}", d.id),
        start: When::Date(d.start_date),
        end: When::Date(d.end_date + chrono::Days::new(1)),
        summary: format!("[{}] {}", d.reference, d.title),
        location: None,
        description: Some(format!(
            "{} — {} ({})",
            d.reference,
            d.partner_organization,
            d.status.as_str()
        )),
        categories: vec!["delegation".into(), d.direction.as_str().into()],
        status,
        sequence: d.version,
        last_modified: d.updated_at,
    }
}

/// A subscriber's feed: what its owner may see now. A revoked token, an
/// unknown one, or a deactivated owner answer 404.
#[utoipa::path(
    get, path = "/calendar/{token}.ics",
    tag = "calendar",
    params(
        ("token" = String, Path, description = "The secret token of the subscription's address",
         min_length = 64, max_length = 64, pattern = "^[0-9a-f]{64}$"),
        ("If-None-Match" = Option<String>, Header, description = "The feed's `ETag` last read: 304 if it still holds"),
        ("If-Modified-Since" = Option<String>, Header, description = "The feed's `Last-Modified` last read (an HTTP date): 304 if nothing changed since; `If-None-Match` wins when both are sent")
    ),
    responses(
        (status = 200, description = "The calendar (text/calendar)", content_type = "text/calendar", body = String,
         headers(("ETag" = String, description = "The feed's validator: send it back as `If-None-Match` (a gzipped answer has its own)"), ("Last-Modified"), ("Cache-Control"))),
        (status = 304, description = "Unchanged since the ETag or date the client holds",
         headers(("ETag" = String, description = "The feed's validator: send it back as `If-None-Match` (a gzipped answer has its own)"), ("Last-Modified"), ("Cache-Control"))),
        NotFoundProblem
    )
)]
#[route("/calendar/{token}.ics", method = "GET", method = "HEAD")]
pub async fn subscription_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let token = token.into_inner();
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let request = FeedRequest::new(&state, db::calendar::token_hash(&token), &req).await;
    if let Some(answer) = request.answer_from_memory(&state).await? {
        return Ok(answer);
    }
    let (sub, caller) = state
        .db
        .read(move |conn| {
            let sub = db::calendar::by_token(conn, &token)?.ok_or(ApiError::NotFound)?;
            let owner = db::user::find(conn, sub.owner_id)?
                .filter(|u| u.active)
                .ok_or(ApiError::NotFound)?;
            Ok((sub, owner.caller()))
        })
        .await?;
    let now = db::now();
    if sub
        .last_used_at
        .is_none_or(|t| now - t > Duration::minutes(5))
    {
        let id = sub.id;
        state
            .db
            .write_unaudited(move |conn| model::subscription::note_used(conn, id, now))
            .await?;
    }
    let key = format!("subscription:{}", sub.id);
    answer_feed(&state, request, key, move |conn, today| {
        subscription_content(conn, &sub, caller, today)
    })
    .await
}

/// The public feed of announced and held press conferences (and those
/// cancelled after their announcement); no login. It says what is announced
/// (title, time, venue, topics), not which foreigners attend.
#[utoipa::path(
    get, path = "/calendar/public/press-conferences.ics",
    tag = "calendar",
    params(
        ("If-None-Match" = Option<String>, Header, description = "The feed's `ETag` last read: 304 if it still holds"),
        ("If-Modified-Since" = Option<String>, Header, description = "The feed's `Last-Modified` last read (an HTTP date): 304 if nothing changed since; `If-None-Match` wins when both are sent")
    ),
    responses(
        (status = 200, description = "The calendar (text/calendar)", content_type = "text/calendar", body = String,
         headers(("ETag" = String, description = "The feed's validator: send it back as `If-None-Match` (a gzipped answer has its own)"), ("Last-Modified"), ("Cache-Control"))),
        (status = 304, description = "Unchanged since the ETag or date the client holds",
         headers(("ETag" = String, description = "The feed's validator: send it back as `If-None-Match` (a gzipped answer has its own)"), ("Last-Modified"), ("Cache-Control"))),
        UnavailableProblem
    )
)]
#[route(
    "/calendar/public/press-conferences.ics",
    method = "GET",
    method = "HEAD"
)]
pub async fn public_feed(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    const KEY: &str = "public:press-conferences";
    let request = FeedRequest::new(&state, KEY.into(), &req).await;
    if let Some(answer) = request.answer_from_memory(&state).await? {
        return Ok(answer);
    }
    answer_feed(&state, request, KEY.into(), |conn, today| {
        let (from, to) = window(today);
        let public_scope = Scope {
            kinds: vec![EntryKind::PressConference],
            only_unit: None,
            press: true,
            delegation: None,
        };
        let announced = db::conference::announced_ids(conn)?;
        let entries: Vec<Entry> = db::schedule::entries(conn, &public_scope, from, to)?
            .into_iter()
            .filter(|e| announced.contains(&e.id))
            .map(Entry::as_announced)
            .collect();
        Ok(FeedContent {
            name: "Họp báo — UBND tỉnh / Press conferences".into(),
            entries,
            delegations: Vec::new(),
        })
    })
    .await
}
