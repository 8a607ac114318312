//! How a feed request is answered: 304 or the kept body from memory while
//! the data stamp holds, else the validators and the calendar built from
//! its contents; gzip for clients that take it.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};

use super::{FeedContent, delegation_event, entry_event, host};
use crate::AppState;
use crate::db::audit::DataStamp;
use crate::db::{self, AnyConnection};
use crate::domain::ical::{self, Calendar, Event};
use crate::domain::time::province_today;
use crate::error::*;
use crate::http::kept_answers::{self, Encoded, KeptAnswer};
use crate::http::limits::Sliced;
use crate::model;

/// What a feed request gets: its validators and, unless the client's copy
/// is current, the calendar (plain or gzipped).
struct FeedAnswer {
    etag: String,
    last_modified: DateTime<Utc>,
    body: Option<Encoded>,
}

impl FeedAnswer {
    /// The client's copy is current: validators only.
    fn not_modified(etag: String, last_modified: DateTime<Utc>) -> Self {
        Self {
            etag,
            last_modified,
            body: None,
        }
    }

    fn respond(self) -> HttpResponse {
        let mut builder = if self.body.is_some() {
            HttpResponse::Ok()
        } else {
            HttpResponse::NotModified()
        };
        // The gzipped calendar is another representation: its own ETag
        // (RFC 9110 §8.8.3), which a conditional request may name too.
        let etag = match &self.body {
            Some(Encoded { gzip: true, .. }) => gzip_etag(&self.etag),
            _ => self.etag,
        };
        builder
            .insert_header((header::ETAG, etag))
            .insert_header(header::LastModified(header::HttpDate::from(
                std::time::SystemTime::from(self.last_modified),
            )))
            .insert_header((
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=0, must-revalidate"),
            ))
            .insert_header((header::VARY, HeaderValue::from_static("Accept-Encoding")));
        match self.body {
            Some(body) => {
                if body.gzip {
                    builder.insert_header((
                        header::CONTENT_ENCODING,
                        HeaderValue::from_static("gzip"),
                    ));
                }
                builder
                    .content_type("text/calendar; charset=utf-8")
                    .body(Sliced::new(body.bytes))
            }
            None => builder.finish(),
        }
    }
}

/// The ETag of the gzipped representation of the calendar tagged `etag`.
fn gzip_etag(etag: &str) -> String {
    match etag.strip_suffix('"') {
        Some(open) => format!("{open}-gzip\""),
        None => format!("{etag}-gzip"),
    }
}

/// The stored validators of a feed after its contents were identified as
/// `etag`: unchanged when the stored ETag is the same, else moved forward
/// (in a write, so that concurrent requests move it once). Last-Modified
/// never goes backwards.
async fn settle_validators(
    state: &AppState,
    key: String,
    etag: String,
    stored: Option<(String, DateTime<Utc>)>,
    newest: Option<DateTime<Utc>>,
) -> ApiResult<DateTime<Utc>> {
    if let Some((stored_etag, at)) = &stored
        && *stored_etag == etag
    {
        return Ok(*at);
    }
    state
        .db
        .write_unaudited(move |conn| {
            model::subscription::settle_validators(conn, &key, &etag, newest)
        })
        .await
}

/// Whether the client's copy, named by its conditional headers, is current
/// (either representation; a weak tag compares as its strong self, as
/// `If-None-Match` asks).
fn is_fresh(conditional: &Conditional, etag: &str, last_modified: DateTime<Utc>) -> bool {
    match (&conditional.etag, conditional.since) {
        (Some(tags), _) => {
            let gzip = gzip_etag(etag);
            tags.split(',').map(str::trim).any(|t| {
                let t = t.strip_prefix("W/").unwrap_or(t);
                t == etag || t == gzip || t == "*"
            })
        }
        (None, Some(since)) => last_modified <= since,
        (None, None) => false,
    }
}

/// A feed request as it arrives: its address (a subscription's token hash,
/// or the public feed's name), the stamp of the data taken before anything
/// was read for it, and what the client holds and takes.
pub(super) struct FeedRequest {
    address: String,
    stamp: Option<DataStamp>,
    conditional: Conditional,
    gzip_ok: bool,
}

/// What kept answers call a feed's body.
const FEED: &str = "feed";

impl FeedRequest {
    pub(super) async fn new(state: &AppState, address: String, req: &HttpRequest) -> Self {
        Self {
            address,
            stamp: DataStamp::now(&state.db).await,
            conditional: conditional(req),
            gzip_ok: kept_answers::accepts_gzip(req),
        }
    }

    /// The key of this address's body among the kept answers.
    fn question(&self) -> String {
        format!("{FEED}:{}", self.address)
    }

    /// Nothing changed since this address answered last: 304 when the
    /// client holds that answer, else the kept body, from memory alone.
    pub(super) async fn answer_from_memory(
        &self,
        state: &AppState,
    ) -> ApiResult<Option<HttpResponse>> {
        let Some((etag, last_modified)) = state.feed_tags.recent(&self.address, self.stamp) else {
            return Ok(None);
        };
        if is_fresh(&self.conditional, &etag, last_modified) {
            return Ok(Some(
                FeedAnswer::not_modified(etag, last_modified).respond(),
            ));
        }
        match self.kept(state).await? {
            Some(answer) => Ok(Some(answer.respond())),
            None => Ok(None),
        }
    }

    /// The body kept for this address while the stamp holds.
    async fn kept(&self, state: &AppState) -> ApiResult<Option<FeedAnswer>> {
        let question = self.question();
        let Some(kept) = state.kept_answers.get(FEED, &question, self.stamp) else {
            return Ok(None);
        };
        let Some((etag, last_modified)) = kept.validators.clone() else {
            return Ok(None);
        };
        let body = state
            .kept_answers
            .encoded(&question, self.stamp, &kept, self.gzip_ok)
            .await?;
        Ok(Some(FeedAnswer {
            etag,
            last_modified,
            body: Some(body),
        }))
    }
}

/// Answers a feed: its validators from memory when nothing was written
/// since they were computed (and the client holds that version: 304 with
/// no contents read), else the kept body, else from its contents, read on a
/// read connection. Either way the address remembers its answer
/// ([`FeedRequest::answer_from_memory`]).
pub(super) async fn answer_feed(
    state: &AppState,
    request: FeedRequest,
    key: String,
    content: impl FnOnce(&mut AnyConnection, NaiveDate) -> ApiResult<FeedContent> + Send + 'static,
) -> ApiResult<HttpResponse> {
    let answer = match known_answer(state, &request, &key).await? {
        Some(known) => known,
        None => {
            // One build per address at a time; who waited takes its answer.
            let _turn = state.kept_answers.turn(&request.question()).await;
            match known_answer(state, &request, &key).await? {
                Some(known) => known,
                None => {
                    state
                        .limits
                        .big_answer(build_feed(state, &request, key, content))
                        .await?
                }
            }
        }
    };
    if let Some(stamp) = request.stamp {
        state.feed_tags.note_recent(
            request.address,
            stamp,
            answer.etag.clone(),
            answer.last_modified,
        );
    }
    Ok(answer.respond())
}

/// The answer known without reading the feed's contents: 304 when the
/// client holds the validators computed for these data, else the kept body.
async fn known_answer(
    state: &AppState,
    request: &FeedRequest,
    key: &str,
) -> ApiResult<Option<FeedAnswer>> {
    match state.feed_tags.get(key, request.stamp) {
        Some((etag, last_modified)) if is_fresh(&request.conditional, &etag, last_modified) => {
            Ok(Some(FeedAnswer::not_modified(etag, last_modified)))
        }
        _ => request.kept(state).await,
    }
}

/// A feed's answer from its contents (under the big-answer gate); the body
/// is kept for the address while the stamp holds.
async fn build_feed(
    state: &AppState,
    request: &FeedRequest,
    key: String,
    content: impl FnOnce(&mut AnyConnection, NaiveDate) -> ApiResult<FeedContent> + Send + 'static,
) -> ApiResult<FeedAnswer> {
    let stamp = request.stamp;
    let day = stamp.map_or_else(province_today, |s| s.day);
    let read_key = key.clone();
    let (content, etag, stored) = state
        .db
        .read(move |conn| {
            let content = content(conn, day)?.in_order();
            let etag = content.etag(day);
            let stored = db::calendar::feed_state(conn, &read_key)?;
            Ok((content, etag, stored))
        })
        .await?;
    let last_modified =
        settle_validators(state, key.clone(), etag.clone(), stored, content.newest()).await?;
    if let Some(stamp) = stamp {
        state.feed_tags.put(key, stamp, etag.clone(), last_modified);
    }
    if is_fresh(&request.conditional, &etag, last_modified) {
        return Ok(FeedAnswer::not_modified(etag, last_modified));
    }
    let host = host(&state.config.public_url);
    let mut events: Vec<Event> = content
        .delegations
        .iter()
        .map(|d| delegation_event(d, &host))
        .collect();
    events.extend(content.entries.iter().map(|e| entry_event(e, &host)));
    let body = ical::write(&Calendar {
        name: content.name,
        events,
    });
    let question = request.question();
    let answer = KeptAnswer::new(body.into_bytes(), Some((etag.clone(), last_modified)));
    if let Some(stamp) = stamp {
        state
            .kept_answers
            .put(question.clone(), stamp, answer.clone());
    }
    let body = state
        .kept_answers
        .encoded(&question, stamp, &answer, request.gzip_ok)
        .await?;
    Ok(FeedAnswer {
        etag,
        last_modified,
        body: Some(body),
    })
}

/// The client's conditional request headers.
struct Conditional {
    etag: Option<String>,
    since: Option<DateTime<Utc>>,
}

fn conditional(req: &HttpRequest) -> Conditional {
    let etag = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let since = req
        .headers()
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .map(|t| t.with_timezone(&Utc));
    Conditional { etag, since }
}
