//! An accreditation's press activities in the console: planning one,
//! changing one (a form filled with it), cancelling one (a confirmation
//! with an optional note; it stays, marked cancelled). Each posts to the
//! operation the API calls; what is offered is the domain's
//! `activity_open`, and the operation decides again.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::accreditation_href;
use super::record::{head, not_open, refused, status_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::pages::delegation::record::span;
use crate::console::pages::delegation::{Choice, Head, choices};
use crate::console::session::{Account, Visit};
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::press::{self, Accreditation, ActivityKind, PressActivity};
use crate::error::ApiError;
use crate::model;
use crate::model::accreditation::ActivityPatch;
use crate::model::itinerary::{EntryInput, PlaceView};

/// What the activity form sends: each end a day and a time, read in the
/// activity's zone (the province's for a new one).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    csrf: String,
    version: String,
    time_zone: String,
    starts_at: String,
    starts_at_time: String,
    ends_at: String,
    ends_at_time: String,
    kind: String,
    title: String,
    place_name: String,
    place_address: String,
    place_district: String,
    participants: String,
    escort_officer: String,
}

const ACTIVITY_ORDER: &[&str] = &[
    "starts_at",
    "ends_at",
    "kind",
    "title",
    "place_name",
    "place_address",
    "place_district",
    "participants",
    "escort_officer",
];

impl ActivityForm {
    /// The form filled with an activity, to change it.
    fn of(a: &PressActivity) -> Self {
        let (s, e) = (
            a.starts_at.with_timezone(&a.time_zone),
            a.ends_at.with_timezone(&a.time_zone),
        );
        Self {
            version: a.version.to_string(),
            time_zone: a.time_zone.name().to_owned(),
            starts_at: s.date_naive().to_string(),
            starts_at_time: s.format("%H:%M").to_string(),
            ends_at: e.date_naive().to_string(),
            ends_at_time: e.format("%H:%M").to_string(),
            kind: a.kind.as_str().to_owned(),
            title: a.title.clone(),
            place_name: a.place.name.clone(),
            place_address: a.place.address.clone().unwrap_or_default(),
            place_district: a.place.district.clone().unwrap_or_default(),
            participants: a.participants.clone().unwrap_or_default(),
            escort_officer: a.escort_officer.clone().unwrap_or_default(),
            ..Self::default()
        }
    }

    fn input(&self) -> Result<EntryInput<ActivityKind>, ApiError> {
        let mut read = Reader::new();
        let starts_at = read.local_time("starts_at", &self.starts_at, &self.starts_at_time);
        let ends_at = read.local_time("ends_at", &self.ends_at, &self.ends_at_time);
        let kind = read.required_choice("kind", &self.kind, ActivityKind::parse);
        let input = EntryInput {
            starts_at: starts_at.unwrap_or_default(),
            ends_at: ends_at.unwrap_or_default(),
            time_zone: text(&self.time_zone).map(|z| z.trim().to_owned()),
            kind: kind.unwrap_or(ActivityKind::Other),
            title: self.title.trim().to_owned(),
            place: PlaceView {
                name: self.place_name.trim().to_owned(),
                address: text(&self.place_address),
                district: text(&self.place_district),
            },
            participants: text(&self.participants),
            escort_officer: text(&self.escort_officer),
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }

    /// The change: every field the form shows (a blank one clears it).
    fn patch(&self) -> Result<ActivityPatch, ApiError> {
        let input = self.input()?;
        Ok(ActivityPatch {
            starts_at: Some(input.starts_at),
            ends_at: Some(input.ends_at),
            time_zone: input.time_zone,
            kind: Some(input.kind),
            title: Some(input.title),
            place: Some(input.place),
            participants: Some(input.participants.unwrap_or_default()),
            escort_officer: Some(input.escort_officer.unwrap_or_default()),
        })
    }
}

#[derive(Template)]
#[template(path = "press/activity.html")]
struct ActivityPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    /// Changing an activity (else planning one).
    editing: bool,
    kinds: Vec<Choice>,
    places: Vec<String>,
    dates: String,
    form: ActivityForm,
}

fn activity_page(
    visit: &Visit,
    account: &Account,
    a: &Accreditation,
    editing: Option<PressActivityId>,
    form: ActivityForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = head(a);
    let action = match editing {
        Some(activity) => format!("{}/activities/{activity}/edit", head.href),
        None => format!("{}/activities/new", head.href),
    };
    let page = ActivityPage {
        c: Chrome::new(visit, Some(account), Nav::Press, &action),
        kinds: choices(
            ActivityKind::ALL,
            ActivityKind::as_str,
            "press-kind",
            &form.kind,
            t,
        ),
        places: a.permitted_places.clone(),
        dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
        form: ActivityForm {
            starts_at: form::iso(&form.starts_at),
            ends_at: form::iso(&form.ends_at),
            ..form
        },
        editing: editing.is_some(),
        errors,
        head,
        action,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// The operations' refusals that these pages say in the person's
/// language themselves (the others are the catalogue's phrases).
pub(super) fn said(error: ApiError, t: Tr) -> ApiError {
    let ApiError::Conflict { detail, extra } = error else {
        return error;
    };
    let detail = if let Some(rest) = detail.strip_prefix("this activity is ") {
        let status = rest.split(';').next().unwrap_or_default();
        t.t1(
            "press-err-activity-closed",
            "status",
            &t.name("delegation-item-status", status).to_lowercase(),
        )
    } else if let Some(count) = detail
        .split_once(" activit(y/ies) would lie outside")
        .and_then(|(n, _)| n.parse::<usize>().ok())
    {
        t.n("press-err-stranded", count)
    } else {
        detail
    };
    ApiError::Conflict { detail, extra }
}

/// The accreditation and its activity as the caller sees them (404 as if
/// absent otherwise).
async fn find(
    state: &AppState,
    visit: &Visit,
    id: AccreditationId,
    activity_id: PressActivityId,
) -> Result<(Account, (Accreditation, PressActivity)), PageError> {
    visit
        .read(state, move |conn, account| {
            let a = model::accreditation::visible(conn, account.caller, id)?;
            let activity = model::accreditation::activities(conn, account.caller, id)?
                .into_iter()
                .find(|x| x.id == activity_id)
                .ok_or(ApiError::NotFound)?;
            Ok((a, activity))
        })
        .await
}

/// [`find`], if the caller may change or cancel the activity now (403).
async fn changeable(
    state: &AppState,
    visit: &Visit,
    id: AccreditationId,
    activity_id: PressActivityId,
) -> Result<(Account, (Accreditation, PressActivity)), PageError> {
    let (account, (a, activity)) = find(state, visit, id, activity_id).await?;
    if press::activity_open(&a, &activity, account.caller.role).is_err() {
        return Err(not_open());
    }
    Ok((account, (a, activity)))
}

fn done(id: AccreditationId, what: &str) -> HttpResponse {
    page::see_other(&format!(
        "{}?done={what}#activities",
        accreditation_href(id)
    ))
}

/// `GET /accreditations/{id}/activities/new`.
#[get("/{id}/activities/new")]
pub async fn activity_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
) -> Result<HttpResponse, PageError> {
    let (account, a) = super::record::open(&state, &visit, id.into_inner(), |x| x.plan).await?;
    let form = ActivityForm {
        starts_at: a.start_date.to_string(),
        ends_at: a.start_date.to_string(),
        ..ActivityForm::default()
    };
    activity_page(&visit, &account, &a, None, form, FormErrors::default())
}

/// `POST /accreditations/{id}/activities/new`: plans it (within the
/// dates, at a permitted place: the model decides).
#[post("/{id}/activities/new")]
pub async fn add_activity(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
    form: web::Form<ActivityForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let outcome = match form.input() {
        Ok(input) => refused(
            visit
                .write(&state.db, move |conn, caller| {
                    model::accreditation::plan(conn, caller, id, input)
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(_) => return Ok(done(id, "activity-added")),
        Err(e) => e,
    };
    let errors = super::errors(error, visit.tr(), ACTIVITY_ORDER)?;
    let (account, a) = super::record::open(&state, &visit, id, |x| x.plan).await?;
    activity_page(&visit, &account, &a, None, form, errors)
}

/// `GET /accreditations/{id}/activities/{activity_id}/edit`: the form,
/// filled with the activity.
#[get("/{id}/activities/{activity_id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let (account, (a, activity)) = changeable(&state, &visit, id, activity_id).await?;
    let form = ActivityForm::of(&activity);
    activity_page(
        &visit,
        &account,
        &a,
        Some(activity_id),
        form,
        FormErrors::default(),
    )
}

/// `POST /accreditations/{id}/activities/{activity_id}/edit`: changes it
/// as the API's PATCH does (with the version the form was read at).
#[post("/{id}/activities/{activity_id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
    form: web::Form<ActivityForm>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let if_match = form::version(&form.version);
    let outcome = match form.patch() {
        Ok(patch) => refused_or_stale(
            visit
                .write(&state.db, move |conn, caller| {
                    model::accreditation::change_activity(
                        conn,
                        caller,
                        id,
                        activity_id,
                        if_match,
                        patch,
                    )
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(_) => return Ok(done(id, "activity-updated")),
        Err(e) => e,
    };
    let t = visit.tr();
    let errors = match said(error, t) {
        stale @ ApiError::PreconditionFailed { .. } => {
            form::refused(stale, t, ACTIVITY_ORDER, &mut form.version)?
        }
        other => super::errors(other, t, ACTIVITY_ORDER)?,
    };
    // The refusal comes back on the form, also when the activity has just
    // closed (the reason says why).
    let (account, (a, _)) = find(&state, &visit, id, activity_id).await?;
    activity_page(&visit, &account, &a, Some(activity_id), form, errors)
}

/// [`refused`], with a stale version among the refusals shown on the form.
fn refused_or_stale<T>(outcome: Result<T, PageError>) -> Result<Result<T, ApiError>, PageError> {
    match outcome {
        Err(PageError::Api(e @ ApiError::PreconditionFailed { .. })) => Ok(Err(e)),
        other => refused(other),
    }
}

/// What the cancellation's confirmation sends.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CancelForm {
    csrf: String,
    version: String,
    note: String,
}

#[derive(Template)]
#[template(path = "press/activity_cancel.html")]
struct CancelPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    /// What is being cancelled: its title, when and where.
    title: String,
    when: String,
    place: String,
    form: CancelForm,
}

fn cancel_page(
    visit: &Visit,
    account: &Account,
    a: &Accreditation,
    activity: &PressActivity,
    form: CancelForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let head = head(a);
    let action = format!("{}/activities/{}/cancel", head.href, activity.id);
    let day = t.date(
        &activity
            .starts_at
            .with_timezone(&activity.time_zone)
            .date_naive(),
    );
    let page = CancelPage {
        c: Chrome::new(visit, Some(account), Nav::Press, &action),
        title: activity.title.clone(),
        when: format!(
            "{day}, {}",
            span(
                t,
                &activity.starts_at,
                &activity.ends_at,
                activity.time_zone
            )
        ),
        place: activity.place.name.clone(),
        errors,
        head,
        action,
        form,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /accreditations/{id}/activities/{activity_id}/cancel`: are you sure?
#[get("/{id}/activities/{activity_id}/cancel")]
pub async fn cancel_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let (account, (a, activity)) = changeable(&state, &visit, id, activity_id).await?;
    let form = CancelForm {
        version: activity.version.to_string(),
        ..CancelForm::default()
    };
    cancel_page(&visit, &account, &a, &activity, form, FormErrors::default())
}

/// `POST /accreditations/{id}/activities/{activity_id}/cancel`: cancels it
/// (it stays, marked, on the page, in the schedule and in the feeds).
#[post("/{id}/activities/{activity_id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(AccreditationId, PressActivityId)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, PageError> {
    let (id, activity_id) = path.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let if_match = form::version(&form.version);
    let note = text(&form.note).map(|n| n.trim().to_owned());
    let outcome = refused_or_stale(
        visit
            .write(&state.db, move |conn, caller| {
                model::accreditation::cancel_activity(conn, caller, id, activity_id, if_match, note)
            })
            .await,
    )?;
    let error = match outcome {
        Ok(_) => return Ok(done(id, "activity-cancelled")),
        Err(e) => e,
    };
    let t = visit.tr();
    let errors = match said(error, t) {
        stale @ ApiError::PreconditionFailed { .. } => {
            form::refused(stale, t, &["note"], &mut form.version)?
        }
        other => super::errors(other, t, &["note"])?,
    };
    let (account, (a, activity)) = find(&state, &visit, id, activity_id).await?;
    cancel_page(&visit, &account, &a, &activity, form, errors)
}

/// The links an activity's row offers the caller now: (change, cancel).
pub(super) fn links(
    a: &Accreditation,
    activity: &PressActivity,
    role: crate::domain::role::Role,
) -> Option<(String, String)> {
    press::activity_open(a, activity, role).ok()?;
    let base = format!("{}/activities/{}", accreditation_href(a.id), activity.id);
    Some((format!("{base}/edit"), format!("{base}/cancel")))
}
