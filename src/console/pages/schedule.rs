//! The monitoring schedule: a week at a glance (or one day), every entry
//! the caller may see — the same read as `GET /api/v1/schedule`, through
//! `model::schedule` — with its time in its own zone, what and where it
//! is, the foreigners and the escort officer, its clashes explained, a
//! filter by kind (a GET form) and a print view.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Datelike, Days, IsoWeek, NaiveDate, Utc, Weekday};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::schedule::EntryKind;
use crate::domain::time::{Bound, parse_instant, province_today};
use crate::error::{ApiError, ApiResult};
use crate::model;

mod view;

use view::SchedulePage;

/// This part's routes.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(schedule);
}

/// The days a page shows: an ISO week (Monday to Sunday) or one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Week(IsoWeek),
    Day(NaiveDate),
}

impl Span {
    fn first(self) -> NaiveDate {
        match self {
            Span::Week(w) => NaiveDate::from_isoywd_opt(w.year(), w.week(), Weekday::Mon)
                .unwrap_or_else(province_today),
            Span::Day(d) => d,
        }
    }

    fn days(self) -> Vec<NaiveDate> {
        let len = match self {
            Span::Week(_) => 7,
            Span::Day(_) => 1,
        };
        self.first().iter_days().take(len).collect()
    }

    /// The span before (`-1`) or after (`1`) this one.
    fn step(self, by: i8) -> Span {
        let shift = |d: NaiveDate, n: u64| {
            if by < 0 {
                d.checked_sub_days(Days::new(n))
            } else {
                d.checked_add_days(Days::new(n))
            }
            .unwrap_or(d)
        };
        match self {
            Span::Week(_) => Span::Week(shift(self.first(), 7).iso_week()),
            Span::Day(d) => Span::Day(shift(d, 1)),
        }
    }

    /// The query parameter that names it.
    fn param(self) -> (&'static str, String) {
        match self {
            Span::Week(w) => ("week", format!("{}-W{:02}", w.year(), w.week())),
            Span::Day(d) => ("day", d.to_string()),
        }
    }

    /// The instants it covers, in the province: 422 for a day outside the
    /// years records may fall in.
    fn window(self) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
        let days = self.days();
        let (field, _) = self.param();
        let bound = |d: &NaiveDate, b| {
            parse_instant(&d.to_string(), b).map_err(|m| ApiError::invalid(field, m))
        };
        let first = days
            .first()
            .ok_or_else(|| ApiError::invalid(field, "is empty"))?;
        let last = days
            .last()
            .ok_or_else(|| ApiError::invalid(field, "is empty"))?;
        Ok((bound(first, Bound::Start)?, bound(last, Bound::End)?))
    }
}

/// What the address asks for: `week=2026-W14` or `day=2026-04-01` (this
/// week by default), `kind=…` (repeated, or comma-separated; every kind by
/// default) and `print=1`.
#[derive(Debug, Default)]
struct Asked {
    week: Option<String>,
    day: Option<String>,
    kinds: Vec<String>,
    print: bool,
}

impl Asked {
    fn parse(query: &str) -> Self {
        let mut asked = Asked::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "week" => asked.week = Some(value.into_owned()),
                "day" => asked.day = Some(value.into_owned()),
                "kind" => asked.kinds.push(value.into_owned()),
                "print" => asked.print = value == "1",
                _ => {}
            }
        }
        asked
    }

    fn span(&self) -> ApiResult<Span> {
        if let Some(raw) = self.day.as_deref().filter(|d| !d.trim().is_empty()) {
            let day = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| ApiError::invalid("day", "must be a date (2026-12-01)"))?;
            return Ok(Span::Day(day));
        }
        if let Some(raw) = self.week.as_deref().filter(|w| !w.trim().is_empty()) {
            return parse_week(raw).map(Span::Week);
        }
        Ok(Span::Week(province_today().iso_week()))
    }

    fn kinds(&self) -> ApiResult<Vec<EntryKind>> {
        model::schedule::parse_kinds(&self.kinds)
    }
}

/// An ISO week as `2026-W14`.
fn parse_week(raw: &str) -> ApiResult<IsoWeek> {
    let bad = || ApiError::invalid("week", "must be a week (2026-W14)");
    let (year, week) = raw.trim().split_once(['W', 'w']).ok_or_else(bad)?;
    let year: i32 = year.trim_end_matches('-').parse().map_err(|_| bad())?;
    let week: u32 = week.parse().map_err(|_| bad())?;
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
        .map(|d| d.iso_week())
        .ok_or_else(bad)
}

/// `GET /schedule?week=2026-W14` (this week by default), `?day=2026-04-01`,
/// `&kind=…`, `&print=1`.
#[get("/schedule")]
pub async fn schedule(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let asked = Asked::parse(req.query_string());
    let (span, kinds, problem) = match (asked.span(), asked.kinds()) {
        (Ok(span), Ok(kinds)) if span.window().is_ok() => (span, kinds, false),
        _ => (
            Span::Week(province_today().iso_week()),
            EntryKind::ALL.to_vec(),
            true,
        ),
    };
    let (from, to) = span.window()?;
    let wanted = kinds.clone();
    // A week can hold thousands of entries: built under the gate of the
    // API's big answers, as its schedule is.
    let read = state
        .limits
        .big_answer(async {
            Ok(visit
                .read(&state, move |conn, account| {
                    let shown = model::schedule::visible_kinds(account.caller);
                    let entries = model::schedule::entries(conn, account.caller, wanted, from, to)?;
                    Ok((shown, entries))
                })
                .await)
        })
        .await?;
    let (account, (shown, entries)) = read?;
    let here = match req.query_string() {
        "" => "/schedule".to_owned(),
        query => format!("/schedule?{query}"),
    };
    let chrome = Chrome::new(&visit, Some(&account), Nav::Schedule, &here);
    let page = SchedulePage::new(chrome, &asked, span, &kinds, problem, &shown, &entries);
    let status = if problem {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    page::html_with(&visit, status, &page)
}

/// The address of `span` with the same kinds (and the print view).
fn link(span: Span, kinds: &[String], print: bool) -> String {
    let (field, value) = span.param();
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair(field, &value);
    for kind in kinds {
        query.append_pair("kind", kind);
    }
    if print {
        query.append_pair("print", "1");
    }
    format!("/schedule?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::view::{reason_name, weekday};
    use super::*;
    use crate::console::i18n::Tr;

    #[test]
    fn a_week_is_read_as_iso_writes_it() {
        let w = parse_week("2026-W14").unwrap();
        assert_eq!((w.year(), w.week()), (2026, 14));
        assert_eq!(
            Span::Week(w).first(),
            NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()
        );
        assert_eq!(Span::Week(w).step(1).param().1, "2026-W15");
        assert_eq!(Span::Week(w).step(-1).param().1, "2026-W13");
        assert!(parse_week("2026-W54").is_err());
        assert!(parse_week("next week").is_err());
        // The last week of 2026 runs into 2027; the next is 2027's first.
        let last = parse_week("2026-W53").unwrap();
        assert_eq!(Span::Week(last).step(1).param().1, "2027-W01");
    }

    #[test]
    fn every_kind_status_review_clash_and_weekday_has_its_words() {
        use crate::console::i18n::Lang;
        use crate::domain::itinerary::ItemStatus;
        use crate::domain::press::{ConferenceStatus, InterviewStatus};
        use crate::domain::review::ReviewStatus;
        use crate::domain::schedule::ClashReason;
        let statuses = ItemStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(InterviewStatus::ALL.iter().map(|s| s.as_str()))
            .chain(ConferenceStatus::ALL.iter().map(|s| s.as_str()));
        let mut ids: Vec<String> = statuses.map(|s| format!("schedule-status-{s}")).collect();
        ids.extend(
            EntryKind::ALL
                .iter()
                .map(|k| format!("schedule-kind-{}", k.as_str())),
        );
        ids.extend(
            ReviewStatus::ALL
                .iter()
                .map(|r| format!("schedule-review-{}", r.as_str())),
        );
        ids.extend(
            [
                ClashReason::Leader,
                ClashReason::EscortOfficer,
                ClashReason::Venue,
            ]
            .map(|r| format!("schedule-clash-{}", reason_name(r))),
        );
        for lang in Lang::ALL {
            let t = Tr::new(lang);
            for id in &ids {
                // (Messages with a `$with` are looked up with it.)
                let said = t.t1(id, "with", "Hồ Hòa Bình");
                assert!(
                    !said.contains(id.as_str()) && !said.is_empty(),
                    "{id} in {lang:?}: {said}"
                );
            }
            let days: std::collections::BTreeSet<String> =
                Span::Week(parse_week("2026-W14").unwrap())
                    .days()
                    .into_iter()
                    .map(|d| weekday(t, d))
                    .collect();
            assert_eq!(days.len(), 7, "{days:?}");
        }
    }

    #[test]
    fn a_window_is_the_province_s_days() {
        let w = Span::Week(parse_week("2026-W14").unwrap());
        let (from, to) = w.window().unwrap();
        assert_eq!(from.to_rfc3339(), "2026-03-29T17:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-04-05T17:00:00+00:00");
        assert!(
            Span::Day(NaiveDate::from_ymd_opt(1980, 1, 1).unwrap())
                .window()
                .is_err()
        );
    }
}
