//! The monitoring schedule: a week at a glance (or one day), every entry
//! the caller may see — the same read as `GET /api/v1/schedule`, through
//! `model::schedule` — with its time in its own zone, what and where it
//! is, the foreigners and the escort officer, its clashes explained, a
//! filter by kind (a GET form) and a print view.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use chrono::{DateTime, Datelike, Days, IsoWeek, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::schedule::{Entry, EntryKind};
use crate::domain::time::{Bound, PROVINCE_TZ, parse_instant, province_today};
use crate::error::{ApiError, ApiResult};
use crate::model;

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

/// One checkbox of the kind filter.
#[derive(Debug)]
struct KindChoice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// One day of the page and its entries.
#[derive(Debug)]
struct DayView {
    heading: String,
    link: String,
    entries: Vec<EntryView>,
}

/// A clash explained: what the entries share, and the other entry.
#[derive(Debug)]
struct ClashView {
    reason: String,
    other: String,
    href: String,
}

/// One entry as the page shows it.
#[derive(Debug)]
struct EntryView {
    anchor: String,
    time: String,
    kind: String,
    title: String,
    place: String,
    status: String,
    cancelled: bool,
    tentative: bool,
    escort: Option<String>,
    foreigners: String,
    review: Option<(&'static str, String)>,
    reference: String,
    link: Option<String>,
    clashes: Vec<ClashView>,
    /// How many more clashes there are than are listed, said.
    more_clashes: Option<String>,
}

#[derive(Template)]
#[template(path = "schedule.html")]
struct SchedulePage {
    c: Chrome,
    title: String,
    range: String,
    is_week: bool,
    print: bool,
    /// The address was not understood: what the page shows instead.
    problem: bool,
    span_field: &'static str,
    span_value: String,
    choices: Vec<KindChoice>,
    /// The kinds shown, named, when the address limits them.
    filtered: Option<String>,
    days: Vec<DayView>,
    /// How many entries the page lists, said.
    count: String,
    /// How many of them clash, said (when some do).
    clashing: Option<String>,
    prev: String,
    next: String,
    current: String,
    print_link: String,
    screen_link: String,
}

impl SchedulePage {
    fn new(
        chrome: Chrome,
        asked: &Asked,
        span: Span,
        kinds: &[EntryKind],
        problem: bool,
        shown: &[EntryKind],
        entries: &[Entry],
    ) -> Self {
        let t = chrome.t;
        // The kinds the address chose, which its links keep (none when it
        // was not understood).
        let chosen: &[String] = if problem { &[] } else { &asked.kinds };
        SchedulePage {
            c: chrome,
            title: title(t, span),
            range: range(t, span),
            is_week: matches!(span, Span::Week(_)),
            print: asked.print && !problem,
            problem,
            span_field: span.param().0,
            span_value: span.param().1,
            choices: shown
                .iter()
                .map(|k| KindChoice {
                    value: k.as_str(),
                    label: t.t(&format!("schedule-kind-{}", k.as_str())),
                    checked: chosen.is_empty() || kinds.contains(k),
                })
                .collect(),
            filtered: (!chosen.is_empty()).then(|| {
                let names: Vec<String> = kinds
                    .iter()
                    .map(|k| t.t(&format!("schedule-kind-{}", k.as_str())))
                    .collect();
                t.t1("schedule-filtered", "kinds", &names.join(", "))
            }),
            count: t.n("schedule-count", entries.len()),
            clashing: Some(entries.iter().filter(|e| e.conflicts.total > 0).count())
                .filter(|n| *n > 0)
                .map(|n| t.n("schedule-clash-count", n)),
            days: days(t, span, entries, chosen),
            prev: link(span.step(-1), chosen, false),
            next: link(span.step(1), chosen, false),
            current: link(
                match span {
                    Span::Week(_) => Span::Week(province_today().iso_week()),
                    Span::Day(d) => Span::Week(d.iso_week()),
                },
                chosen,
                false,
            ),
            print_link: link(span, chosen, true),
            screen_link: link(span, chosen, false),
        }
    }
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

fn weekday(t: Tr, day: NaiveDate) -> String {
    let name = match day.weekday() {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    };
    t.t(&format!("schedule-weekday-{name}"))
}

fn day_name(t: Tr, day: NaiveDate) -> String {
    t.with(
        "schedule-day-heading",
        &[
            ("weekday", weekday(t, day).into()),
            ("date", t.date(&day).into()),
        ],
    )
}

fn title(t: Tr, span: Span) -> String {
    match span {
        Span::Week(w) => t.with(
            "schedule-week-title",
            &[("week", w.week().into()), ("year", w.year().into())],
        ),
        Span::Day(d) => t.t1("schedule-day-title", "day", &day_name(t, d)),
    }
}

fn range(t: Tr, span: Span) -> String {
    let days = span.days();
    match (days.first(), days.last()) {
        (Some(first), Some(last)) if first != last => t.with(
            "schedule-range",
            &[("from", t.date(first).into()), ("to", t.date(last).into())],
        ),
        _ => String::new(),
    }
}

/// The entries by day of the province (an entry that began before the
/// span shows on its first day), each in its own zone.
fn days(t: Tr, span: Span, entries: &[Entry], kinds: &[String]) -> Vec<DayView> {
    let days = span.days();
    let first = days.first().copied().unwrap_or_else(province_today);
    let mut by_day: Vec<Vec<EntryView>> = days.iter().map(|_| Vec::new()).collect();
    let names: HashMap<(EntryKind, i64), String> = entries
        .iter()
        .map(|e| {
            (
                (e.kind, e.id),
                format!("{} {}", span_time(t, e, None), e.title),
            )
        })
        .collect();
    for e in entries {
        let start = e
            .starts_at
            .with_timezone(&PROVINCE_TZ)
            .date_naive()
            .max(first);
        let at = days.iter().position(|d| *d == start).unwrap_or(0);
        if let Some(list) = by_day.get_mut(at) {
            list.push(entry_view(t, e, days.get(at).copied(), &names));
        }
    }
    days.iter()
        .zip(by_day)
        .map(|(day, entries)| DayView {
            heading: day_name(t, *day),
            link: link(Span::Day(*day), kinds, false),
            entries,
        })
        .collect()
}

/// When an entry takes place, on the 24-hour clock in its own zone (named
/// when it is not the province's); its dates too when it is not all on
/// `day`.
fn span_time(t: Tr, e: &Entry, day: Option<NaiveDate>) -> String {
    let zone: Tz = e.time_zone;
    let start = e.starts_at.with_timezone(&zone);
    let end = e.ends_at.with_timezone(&zone);
    let clock = |at: &DateTime<Tz>| at.format("%H:%M").to_string();
    let same_day = start.date_naive() == end.date_naive();
    let time = if same_day && day.is_none_or(|d| d == start.date_naive()) {
        format!("{}–{}", clock(&start), clock(&end))
    } else if same_day {
        format!(
            "{} {}–{}",
            t.date(&start.date_naive()),
            clock(&start),
            clock(&end)
        )
    } else {
        format!(
            "{} {} – {} {}",
            t.date(&start.date_naive()),
            clock(&start),
            t.date(&end.date_naive()),
            clock(&end)
        )
    };
    if zone == PROVINCE_TZ {
        time
    } else {
        format!("{time} ({})", zone.name())
    }
}

fn entry_view(
    t: Tr,
    e: &Entry,
    day: Option<NaiveDate>,
    names: &HashMap<(EntryKind, i64), String>,
) -> EntryView {
    let nationalities = e.foreigners.nationalities.join(", ");
    let foreigners = if nationalities.is_empty() {
        t.n("schedule-foreigners", e.foreigners.count)
    } else {
        t.with(
            "schedule-foreigners-from",
            &[
                ("count", e.foreigners.count.into()),
                ("nationalities", nationalities.into()),
            ],
        )
    };
    EntryView {
        anchor: anchor(e.kind, e.id),
        time: span_time(t, e, day),
        kind: t.t(&format!("schedule-kind-{}", e.kind.as_str())),
        title: e.title.clone(),
        place: e.place.clone(),
        status: t.name("schedule-status", &e.status),
        cancelled: e.cancelled,
        tentative: !e.confirmed && !e.cancelled,
        escort: e.escort_officer.clone(),
        foreigners,
        review: e
            .security_review_status
            .map(|r| (r.as_str(), t.t(&format!("schedule-review-{}", r.as_str())))),
        reference: e.record.reference.clone(),
        link: (e.record.kind == "delegation").then(|| format!("/delegations/{}", e.record.id)),
        clashes: e
            .conflicts
            .shown
            .iter()
            .map(|c| ClashView {
                reason: t.t1(
                    &format!("schedule-clash-{}", reason_name(c.reason)),
                    "with",
                    &c.with,
                ),
                other: names
                    .get(&(c.kind, c.id))
                    .cloned()
                    .unwrap_or_else(|| t.t(&format!("schedule-kind-{}", c.kind.as_str()))),
                href: format!("#{}", anchor(c.kind, c.id)),
            })
            .collect(),
        more_clashes: Some(e.conflicts.total.saturating_sub(e.conflicts.shown.len()))
            .filter(|n| *n > 0)
            .map(|n| t.n("schedule-clash-more", n)),
    }
}

fn reason_name(reason: crate::domain::schedule::ClashReason) -> &'static str {
    use crate::domain::schedule::ClashReason;
    match reason {
        ClashReason::Leader => "leader",
        ClashReason::EscortOfficer => "escort_officer",
        ClashReason::Venue => "venue",
    }
}

/// The id of an entry's element, which clashes link to.
fn anchor(kind: EntryKind, id: i64) -> String {
    format!("e-{}-{id}", kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

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
