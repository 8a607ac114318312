//! An accreditation's press activities in the console: planning one,
//! changing one (a form filled with it), cancelling one (a confirmation
//! with an optional note; it stays, marked cancelled). Each posts to the
//! operation the API calls; what is offered is the domain's
//! `activity_open`, and the operation decides again.

use actix_web::HttpResponse;
use serde::Deserialize;

use super::accreditation_href;
use super::record::{not_open, refused};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page;
use crate::console::pages::delegation::form::{Reader, text};
use crate::console::session::{Account, Visit};
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::press::{self, Accreditation, ActivityKind, PressActivity};
use crate::error::ApiError;
use crate::model;
use crate::model::accreditation::ActivityPatch;
use crate::model::itinerary::{EntryInput, PlaceView};

mod cancelling;
mod edit;

pub use cancelling::{CancelForm, cancel, cancel_form};
pub use edit::{activity_form, add_activity, edit_form, update};

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

/// [`refused`], with a stale version among the refusals shown on the form.
fn refused_or_stale<T>(outcome: Result<T, PageError>) -> Result<Result<T, ApiError>, PageError> {
    match outcome {
        Err(PageError::Api(e @ ApiError::PreconditionFailed { .. })) => Ok(Err(e)),
        other => refused(other),
    }
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
