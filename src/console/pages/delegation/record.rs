//! `GET /delegations/{id}`: one delegation as the person may see it — its
//! details, the security review, the members, the itinerary day by day —
//! and what they may do to it now.

use crate::console::pages::inbox::{DeadlineRow, WarningRow, deadline_rows};
use actix_web::{HttpResponse, get, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::name_of;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::delegation::{self as rules, Delegation, DelegationAction};
use crate::domain::ids::DelegationId;
use crate::domain::itinerary::{ItemStatus, ItineraryItem};
use crate::domain::time::PROVINCE_TZ;
use crate::model;
use crate::routes::member::MemberView;
use crate::routes::review::ReviewView;

/// What a change just done left to say (`?done=…`, a catalogue id's tail).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
    imported: usize,
    updated: usize,
    unchanged: usize,
}

impl Done {
    /// The notice, if `done` names one the catalogue has.
    fn notice(&self, t: Tr) -> Option<String> {
        if self.done == "imported" {
            return Some(t.with(
                "delegation-done-imported",
                &[
                    ("imported", self.imported.into()),
                    ("updated", self.updated.into()),
                    ("unchanged", self.unchanged.into()),
                ],
            ));
        }
        let tail = &self.done;
        if tail.is_empty() || !tail.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            return None;
        }
        t.find(&format!("delegation-done-{tail}"))
    }
}

/// A workflow action the person may take, as a button or a link.
#[derive(Debug)]
struct Action {
    href: String,
    label: String,
    /// Needs nothing but a click: a button posting at once.
    direct: bool,
    warning: bool,
}

/// A member as a row: personal data only where the view kept it.
#[derive(Debug)]
struct MemberRow {
    view: MemberView,
    role: String,
    gender: String,
    born: Option<String>,
    edit: String,
    remove: String,
}

/// An itinerary item as a row of its day.
#[derive(Debug)]
pub struct ItemRow {
    pub item: ItineraryItem,
    pub time: String,
    pub kind: String,
    pub status_name: String,
    pub place: String,
    pub cancelled: bool,
}

/// The entries of one day (in their own zones): a delegation's itinerary
/// items, or an accreditation's press activities.
#[derive(Debug)]
pub struct Day<R = ItemRow> {
    pub label: String,
    pub items: Vec<R>,
}

#[derive(Template)]
#[template(path = "delegation/record.html")]
struct RecordPage {
    c: Chrome,
    d: Delegation,
    notice: Option<String>,
    direction: String,
    status_name: String,
    host: String,
    dates: String,
    created: String,
    appraisal: Option<(String, String)>,
    decision: Option<String>,
    report: Option<(String, String)>,
    report_due: Option<String>,
    deadlines: Vec<DeadlineRow>,
    warnings: Vec<WarningRow>,
    review: ReviewView,
    review_status: String,
    reviewed_at: Option<String>,
    allowed: rules::Allowed,
    actions: Vec<Action>,
    personal: bool,
    members: Vec<MemberRow>,
    days: Vec<Day>,
    items: usize,
}

/// A span of time in its zone: `09:00–11:00`, the end's day added when it
/// is another, the zone named when it is not the province's.
pub fn span(t: Tr, starts: &DateTime<Utc>, ends: &DateTime<Utc>, zone: Tz) -> String {
    let (s, e) = (starts.with_timezone(&zone), ends.with_timezone(&zone));
    let end = if s.date_naive() == e.date_naive() {
        t.time(ends, zone)
    } else {
        t.date_time(ends, zone)
    };
    format!("{}–{end}", s.format("%H:%M"))
}

/// The itinerary by day: each item under the day it starts on in its own
/// zone, in order of start.
pub fn by_day(items: Vec<ItineraryItem>, t: Tr) -> Vec<Day> {
    grouped_by_day(
        items,
        t,
        |item| item.starts_at.with_timezone(&item.time_zone).date_naive(),
        |item| ItemRow {
            time: span(t, &item.starts_at, &item.ends_at, item.time_zone),
            kind: t.name("delegation-kind", item.kind.as_str()),
            status_name: t.name("delegation-item-status", item.status.as_str()),
            place: item.place.one_line(),
            cancelled: item.status == ItemStatus::Cancelled,
            item,
        },
    )
}

/// Entries under the day each starts on (`starts_on`), as `row` shows them:
/// the days in order, each day's entries in the order given.
pub fn grouped_by_day<T, R>(
    entries: Vec<T>,
    t: Tr,
    starts_on: impl Fn(&T) -> NaiveDate,
    mut row: impl FnMut(T) -> R,
) -> Vec<Day<R>> {
    let mut days: Vec<(NaiveDate, Day<R>)> = Vec::new();
    for entry in entries {
        let date = starts_on(&entry);
        let row = row(entry);
        match days.iter_mut().find(|(d, _)| *d == date) {
            Some((_, day)) => day.items.push(row),
            None => days.push((
                date,
                Day {
                    label: t.date(&date),
                    items: vec![row],
                },
            )),
        }
    }
    days.sort_by_key(|(d, _)| *d);
    days.into_iter().map(|(_, day)| day).collect()
}

fn actions(d: &Delegation, allowed: &rules::Allowed, t: Tr) -> Vec<Action> {
    allowed
        .actions
        .iter()
        .map(|a| Action {
            href: format!("{}/actions/{}", super::href(d.id), a.as_str()),
            label: t.name("delegation-action", a.as_str()),
            direct: rules::inputs(*a).iter().all(|(_, needed)| !needed),
            warning: matches!(a, DelegationAction::Cancel | DelegationAction::Reject),
        })
        .collect()
}

/// `GET /delegations/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let today = crate::domain::time::province_today();
    let (account, (d, members, items, units, due)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let d = model::delegation::visible(conn, caller, id)?;
            let members = model::member::list(conn, caller, id)?;
            let items = model::itinerary::list(conn, caller, id)?;
            let due = model::deadlines::of_delegation(conn, caller, id, today)?;
            Ok((d, members, items, model::unit::all(conn)?, due))
        })
        .await?;
    let report_due = due
        .deadlines
        .iter()
        .find(|x| x.what == crate::domain::deadlines::DeadlineKind::Report)
        .map(|x| x.due_date);
    let (deadlines, warnings) = deadline_rows(t, due, today);
    let caller = account.caller;
    let allowed = model::delegation::allowed(&d, caller);
    let base = super::href(d.id);
    let members = members
        .into_iter()
        .map(|m| {
            let view = MemberView::new(m, caller);
            MemberRow {
                role: t.name("delegation-member-role", view.role.as_str()),
                gender: view
                    .gender
                    .map(|g| t.name("delegation-gender", g.as_str()))
                    .unwrap_or_default(),
                born: view.date_of_birth.flatten().map(|b| t.date(&b)),
                edit: format!("{base}/members/{}/edit", view.id),
                remove: format!("{base}/members/{}/remove", view.id),
                view,
            }
        })
        .collect();
    let review = ReviewView::new(d.review.clone(), d.review_outdated(), caller.role);
    let page = RecordPage {
        c: Chrome::new(&visit, Some(&account), Nav::Delegations, &base),
        notice: done.notice(t),
        direction: t.name("delegation-direction", d.direction.as_str()),
        status_name: t.name("status", d.status.as_str()),
        host: name_of(&units, d.host_unit_id, t),
        dates: format!("{} – {}", t.date(&d.start_date), t.date(&d.end_date)),
        created: t.date_time(&d.created_at, PROVINCE_TZ),
        appraisal: d.appraisal.as_ref().map(|(r, note)| {
            (
                t.name("delegation-recommendation", r.as_str()),
                note.clone(),
            )
        }),
        decision: d.decision.as_ref().map(|x| {
            t.with(
                "delegation-decision-text",
                &[
                    ("number", x.number.clone().into()),
                    ("date", t.date(&x.date).into()),
                ],
            )
        }),
        report: d
            .report
            .as_ref()
            .map(|(text, at)| (text.clone(), t.date_time(at, PROVINCE_TZ))),
        report_due: report_due
            .filter(|_| d.report.is_none())
            .map(|day| t.date(&day)),
        deadlines,
        warnings,
        review_status: t.name("delegation-review", review.status.as_str()),
        reviewed_at: review.reviewed_at.map(|at| t.date_time(&at, PROVINCE_TZ)),
        review,
        actions: actions(&d, &allowed, t),
        allowed,
        personal: caller.role.sees_personal_data(),
        members,
        items: items.len(),
        days: by_day(items, t),
        d,
    };
    page::html(&visit, &page)
}
