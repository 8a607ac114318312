//! `GET /press`: the province's press conferences for the public, before
//! (and without) sign-in, in Vietnamese or English — those announced (held,
//! or called off after the announcement, marked so), upcoming first, with
//! the public feed's address to subscribe to. It reads what the public feed
//! reads (`model::conference::public`) and shows nothing else.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use chrono::{Duration, Utc};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::press::{ConferenceStatus, PressConference};
use crate::domain::time::{Bound, parse_instant, province_today};
use crate::model;

/// How far back and ahead the page reaches (the public feed's reach).
const BACK_DAYS: i64 = 90;
const AHEAD_DAYS: i64 = 400;

/// The public feed's path.
const FEED: &str = "/calendar/public/press-conferences.ics";

/// This part's route.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(show);
}

/// A press conference as the public sees it.
#[derive(Debug)]
struct Shown {
    title: String,
    kind: String,
    day: String,
    time: String,
    venue: String,
    topics: String,
    speakers: Vec<String>,
    status: &'static str,
    status_name: String,
    cancelled: bool,
}

#[derive(Template)]
#[template(path = "public_press.html")]
struct PublicPage {
    c: Chrome,
    upcoming: Vec<Shown>,
    past: Vec<Shown>,
    feed: String,
    webcal: String,
}

/// The feed's absolute address, and the same for calendar apps (`webcal://`).
fn feed_addresses(public_url: &str) -> (String, String) {
    let feed = format!("{}{FEED}", public_url.trim_end_matches('/'));
    let rest = feed.split_once("://").map_or(feed.as_str(), |(_, r)| r);
    let webcal = format!("webcal://{rest}");
    (feed, webcal)
}

/// `GET /press`.
#[get("/press")]
pub async fn show(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let start =
        parse_instant(&province_today().to_string(), Bound::Start).unwrap_or_else(|_| Utc::now());
    let (from, to) = (
        start - Duration::days(BACK_DAYS),
        start + Duration::days(AHEAD_DAYS),
    );
    let found = state
        .db
        .read(move |conn| model::conference::public(conn, from, to))
        .await?;
    let now = Utc::now();
    let shown = |c: &PressConference| Shown {
        title: c.title.clone(),
        kind: t.name("meetings-kind", c.kind.as_str()),
        day: t.date(&c.day()),
        time: format!(
            "{} – {}",
            t.time(&c.starts_at, c.time_zone),
            t.time(&c.ends_at, c.time_zone)
        ),
        venue: c.venue.clone(),
        topics: c.topics.clone(),
        speakers: c.speakers.clone(),
        status: c.status.as_str(),
        status_name: t.name("meetings-conference-status", c.status.as_str()),
        cancelled: c.status == ConferenceStatus::Cancelled,
    };
    let (ahead, gone): (Vec<&PressConference>, Vec<&PressConference>) =
        found.iter().partition(|c| c.ends_at >= now);
    let (feed, webcal) = feed_addresses(&state.config.public_url);
    page::html(
        &visit,
        &PublicPage {
            c: Chrome::new(&visit, None, Nav::Other, "/press"),
            upcoming: ahead.into_iter().map(shown).collect(),
            past: gone.into_iter().rev().map(shown).collect(),
            feed,
            webcal,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_is_offered_at_its_absolute_address_and_as_webcal() {
        assert_eq!(
            feed_addresses("https://lich.hoabinh.gov.vn/"),
            (
                "https://lich.hoabinh.gov.vn/calendar/public/press-conferences.ics".to_owned(),
                "webcal://lich.hoabinh.gov.vn/calendar/public/press-conferences.ics".to_owned()
            )
        );
    }
}

#[cfg(test)]
mod catalogue_tests {
    #[test]
    fn every_message_of_these_pages_is_in_both_languages() {
        crate::console::i18n::catalogue::check_part(
            include_str!("../locales/vi/meetings.ftl"),
            include_str!("../locales/en/meetings.ftl"),
            &["meetings-", "public-press-"],
        );
    }
}
