//! The schedule's page: the kind filter, the days and their entries as
//! the page shows them, their times and their clashes said in words.

use std::collections::HashMap;

use askama::Template;
use chrono::{DateTime, Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;

use crate::console::i18n::Tr;
use crate::console::page::{Chrome, Nav};
use crate::domain::schedule::{Entry, EntryKind};
use crate::domain::time::{PROVINCE_TZ, province_today};

use super::{Asked, Span, link};

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
pub(super) struct SchedulePage {
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
    pub(super) fn new(
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

pub(super) fn weekday(t: Tr, day: NaiveDate) -> String {
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

pub(super) fn reason_name(reason: crate::domain::schedule::ClashReason) -> &'static str {
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
