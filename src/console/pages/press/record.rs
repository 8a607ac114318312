//! `/accreditations/{id}`: one accreditation — its reporters, details,
//! the security review (the notes only where the API's view keeps them),
//! its press activities day by day — and what the person may do to it now
//! (the domain's `accreditation_allowed`): the workflow actions, the
//! police's review, planning an activity; its due dates and its
//! reporters' expiry warnings (the model's, as for the API); and its history.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::accreditation_href;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Head;
use crate::console::pages::delegation::history::{HistoryPage, Vocabulary};
use crate::console::pages::delegation::record::{Day, grouped_by_day, span};
use crate::console::pages::inbox::{DeadlineRow, WarningRow, deadline_rows};
use crate::console::session::{Account, Visit};
use crate::domain::ids::AccreditationId;
use crate::domain::itinerary::ItemStatus;
use crate::domain::press::{
    self, Accreditation, AccreditationAction, AccreditationAllowed, PressActivity,
};
use crate::domain::role::Role;
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::routes::reporter::ReporterView;
use crate::routes::review::ReviewView;

mod actions;
mod review;

pub use actions::{ActionForm, act, action_form};
pub use review::{ReviewForm, review_form, save_review};

/// What a change just done left to say (`?done=…`, a catalogue id's tail).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

impl Done {
    fn notice(&self, t: Tr) -> Option<String> {
        let tail = &self.done;
        if tail.is_empty() || !tail.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            return None;
        }
        t.find(&format!("press-done-{tail}"))
    }
}

/// The heading of an accreditation's form pages (the delegation pages' `head`).
pub(super) fn head(a: &Accreditation) -> Head {
    Head {
        href: accreditation_href(a.id),
        reference: a.reference.clone(),
        title: a.topics.chars().take(80).collect(),
    }
}

/// A workflow action the person may take, as a link to its form.
#[derive(Debug)]
struct Action {
    href: String,
    label: String,
    warning: bool,
}

fn warns(action: AccreditationAction) -> bool {
    matches!(
        action,
        AccreditationAction::Reject | AccreditationAction::Revoke | AccreditationAction::Cancel
    )
}

/// A press activity as a row of its day.
#[derive(Debug)]
struct ActivityRow {
    a: PressActivity,
    time: String,
    kind: String,
    place: String,
    status_name: String,
    cancelled: bool,
    /// Where the caller may change and cancel it, if they may now.
    links: Option<(String, String)>,
}

/// The activities by day, each under the day it starts on in its own zone.
fn by_day(
    acc: &Accreditation,
    items: Vec<PressActivity>,
    role: Role,
    t: Tr,
) -> Vec<Day<ActivityRow>> {
    grouped_by_day(
        items,
        t,
        |a| a.starts_at.with_timezone(&a.time_zone).date_naive(),
        |a| ActivityRow {
            time: span(t, &a.starts_at, &a.ends_at, a.time_zone),
            kind: t.name("press-kind", a.kind.as_str()),
            place: a.place.one_line(),
            status_name: t.name("delegation-item-status", a.status.as_str()),
            cancelled: a.status == ItemStatus::Cancelled,
            links: super::activities::links(acc, &a, role),
            a,
        },
    )
}

#[derive(Template)]
#[template(path = "press/accreditation.html")]
struct RecordPage {
    c: Chrome,
    a: Accreditation,
    notice: Option<String>,
    status_name: String,
    dates: String,
    referral: String,
    reporters: Vec<(String, ReporterView)>,
    personal: bool,
    review: ReviewView,
    review_status: String,
    reviewed_at: Option<String>,
    deadlines: Vec<DeadlineRow>,
    warnings: Vec<WarningRow>,
    allowed: AccreditationAllowed,
    actions: Vec<Action>,
    days: Vec<Day<ActivityRow>>,
    activities: usize,
}

/// `GET /accreditations/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let today = crate::domain::time::province_today();
    let (account, (a, reporters, activities, due)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let a = model::accreditation::visible(conn, caller, id)?;
            let reporters = model::reporter::many(conn, caller, &a.reporter_ids)?;
            let activities = model::accreditation::activities(conn, caller, id)?;
            let due = model::deadlines::of_accreditation(conn, caller, id, today)?;
            Ok((a, reporters, activities, due))
        })
        .await?;
    let (deadlines, warnings) = deadline_rows(t, due, today);
    let caller = account.caller;
    let allowed = press::accreditation_allowed(&a, caller.role);
    let base = accreditation_href(a.id);
    let review = ReviewView::new(a.review.clone(), a.review_outdated(), caller.role);
    let page = RecordPage {
        c: Chrome::new(&visit, Some(&account), Nav::Press, &base),
        notice: done.notice(t),
        status_name: t.name("press-status", a.status.as_str()),
        dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
        referral: t.with(
            "press-accreditation-referral-text",
            &[
                ("number", a.referral_number.clone().into()),
                ("date", t.date(&a.referral_date).into()),
            ],
        ),
        reporters: reporters
            .into_iter()
            .map(|r| (super::reporter_href(r.id), ReporterView::new(r, caller)))
            .collect(),
        personal: caller.role.sees_personal_data(),
        review_status: t.name("press-review", review.status.as_str()),
        reviewed_at: review.reviewed_at.map(|at| t.date_time(&at, PROVINCE_TZ)),
        review,
        deadlines,
        warnings,
        actions: allowed
            .actions
            .iter()
            .map(|action| Action {
                href: format!("{base}/actions/{}", action.as_str()),
                label: t.name("press-action", action.as_str()),
                warning: warns(*action),
            })
            .collect(),
        allowed,
        activities: activities.len(),
        days: by_day(&a, activities, caller.role, t),
        a,
    };
    page::html(&visit, &page)
}

/// What a person may not open now: 403, said in the page's language.
pub(super) fn not_open() -> PageError {
    PageError::Api(ApiError::forbidden(
        "this is not open to you on this accreditation now",
    ))
}

/// The accreditation, if `open` says the caller may do this to it now.
pub(super) async fn open(
    state: &AppState,
    visit: &Visit,
    id: AccreditationId,
    open: impl FnOnce(&AccreditationAllowed) -> bool,
) -> Result<(Account, Accreditation), PageError> {
    let (account, a) = visit
        .read(state, move |conn, account| {
            model::accreditation::visible(conn, account.caller, id)
        })
        .await?;
    if !open(&press::accreditation_allowed(&a, account.caller.role)) {
        return Err(not_open());
    }
    Ok((account, a))
}

pub(super) fn status_of(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Splits a write's outcome: the refused input (shown with the form) from
/// the errors that are pages of their own.
pub(super) fn refused<T>(outcome: Result<T, PageError>) -> Result<Result<T, ApiError>, PageError> {
    match outcome {
        Ok(v) => Ok(Ok(v)),
        Err(PageError::Api(e @ (ApiError::Invalid(_) | ApiError::Conflict { .. }))) => Ok(Err(e)),
        Err(other) => Err(other),
    }
}

/// The closed sets an accreditation's field's values come from: its own
/// and its review's statuses, and its activities' kinds and statuses.
fn sets(field: &str) -> &'static [&'static str] {
    match field {
        "status" => &["press-status", "press-review", "delegation-item-status"],
        "kind" => &["press-kind"],
        _ => &[],
    }
}

/// `GET /accreditations/{id}/history`: who did what, oldest first.
#[get("/{id}/history")]
pub async fn history(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let (account, (a, entries)) = visit
        .read(&state, move |conn, account| {
            let a = model::accreditation::visible(conn, account.caller, id)?;
            let entries = model::accreditation::history(conn, account.caller, id)?;
            Ok((a, entries))
        })
        .await?;
    let head = head(&a);
    let here = format!("{}/history", head.href);
    let vocabulary = Vocabulary {
        part: "press",
        back: "press-back-record",
        sets,
        number: &|_, _| None,
    };
    let chrome = Chrome::new(&visit, Some(&account), Nav::Press, &here);
    page::html(
        &visit,
        &HistoryPage::new(&visit, chrome, head, entries, &vocabulary),
    )
}
