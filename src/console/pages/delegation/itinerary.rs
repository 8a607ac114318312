//! A delegation's itinerary: adding an activity, changing one, cancelling
//! one (it stays, marked), deleting one. Times are typed in the entry's
//! own zone, as the API reads them.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::form::{self, Reader, text};
use super::{Choice, Head, choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::{Account, Visit};
use crate::domain::delegation::Delegation;
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{ItemKind, ItemStatus, ItineraryItem};
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::model::itinerary::{EntryInput, ItemPatch, PlaceView};

mod confirmed;

pub use confirmed::{cancel, cancel_form, remove, remove_form};

/// An item's fields as the form sends them: each end a day and a time.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    csrf: String,
    version: String,
    kind: String,
    title: String,
    starts_at: String,
    starts_at_time: String,
    /// Blank: the day it starts.
    ends_at: String,
    ends_at_time: String,
    time_zone: String,
    place_name: String,
    place_address: String,
    place_district: String,
    participants: String,
    escort_officer: String,
    status: String,
}

const ORDER: &[&str] = &[
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "time_zone",
    "place_name",
    "place_address",
    "place_district",
    "participants",
    "escort_officer",
    "status",
];

/// What the form reads into both an added item and a change.
struct Read {
    input: EntryInput<ItemKind>,
    status: Option<ItemStatus>,
}

impl ItemForm {
    fn of(item: &ItineraryItem) -> Self {
        let zone = item.time_zone;
        let (s, e) = (
            item.starts_at.with_timezone(&zone),
            item.ends_at.with_timezone(&zone),
        );
        Self {
            version: item.version.to_string(),
            kind: item.kind.as_str().to_owned(),
            title: item.title.clone(),
            starts_at: s.date_naive().to_string(),
            starts_at_time: s.format("%H:%M").to_string(),
            ends_at: e.date_naive().to_string(),
            ends_at_time: e.format("%H:%M").to_string(),
            time_zone: zone.name().to_owned(),
            place_name: item.place.name.clone(),
            place_address: item.place.address.clone().unwrap_or_default(),
            place_district: item.place.district.clone().unwrap_or_default(),
            participants: item.participants.clone().unwrap_or_default(),
            escort_officer: item.escort_officer.clone().unwrap_or_default(),
            status: item.status.as_str().to_owned(),
            ..Self::default()
        }
    }

    fn read(&self) -> Result<Read, ApiError> {
        let mut read = Reader::new();
        let kind = read.required_choice("kind", &self.kind, ItemKind::parse);
        let status = read.choice("status", &self.status, ItemStatus::parse);
        let starts = read.local_time("starts_at", &self.starts_at, &self.starts_at_time);
        let end_day = if self.ends_at.trim().is_empty() {
            &self.starts_at
        } else {
            &self.ends_at
        };
        let ends = read.local_time("ends_at", end_day, &self.ends_at_time);
        let input = EntryInput {
            starts_at: starts.unwrap_or_default(),
            ends_at: ends.unwrap_or_default(),
            time_zone: text(&self.time_zone).map(|z| z.trim().to_owned()),
            kind: kind.unwrap_or(ItemKind::Other),
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
        Ok(Read { input, status })
    }

    /// The change: every field the form shows.
    fn patch(&self) -> Result<ItemPatch, ApiError> {
        let Read { input, status } = self.read()?;
        Ok(ItemPatch {
            starts_at: Some(input.starts_at),
            ends_at: Some(input.ends_at),
            time_zone: Some(
                input
                    .time_zone
                    .unwrap_or_else(|| PROVINCE_TZ.name().to_owned()),
            ),
            kind: Some(input.kind),
            title: Some(input.title),
            place: Some(input.place),
            participants: Some(input.participants.unwrap_or_default()),
            escort_officer: Some(input.escort_officer.unwrap_or_default()),
            status,
        })
    }
}

#[derive(Template)]
#[template(path = "delegation/item.html")]
struct ItemPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    /// `None` for a new item.
    editing: Option<ItineraryItemId>,
    action: String,
    form: ItemForm,
    /// The delegation's dates, which every item lies within.
    dates: String,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
}

impl ItemPage {
    fn new(
        visit: &Visit,
        account: &Account,
        d: &Delegation,
        editing: Option<ItineraryItemId>,
        form: ItemForm,
        errors: FormErrors,
    ) -> Self {
        let t = visit.tr();
        let head = Head::of(d);
        let action = match editing {
            Some(i) => format!("{}/itinerary/{i}/edit", head.href),
            None => format!("{}/itinerary/new", head.href),
        };
        let mut form = form;
        form.starts_at = form::iso(&form.starts_at);
        form.ends_at = form::iso(&form.ends_at);
        Self {
            c: Chrome::new(visit, Some(account), Nav::Delegations, &action),
            errors,
            dates: t.with(
                "delegation-item-dates-hint",
                &[
                    ("start", t.date(&d.start_date).into()),
                    ("end", t.date(&d.end_date).into()),
                ],
            ),
            kinds: choices(
                ItemKind::ALL,
                ItemKind::as_str,
                "delegation-kind",
                &form.kind,
                t,
            ),
            statuses: choices(
                ItemStatus::ALL,
                ItemStatus::as_str,
                "delegation-item-status",
                &form.status,
                t,
            ),
            head,
            editing,
            action,
            form,
        }
    }

    fn answer(&self, visit: &Visit) -> Result<HttpResponse, PageError> {
        page::form(visit, &self.errors, self)
    }
}

/// The delegation and (with `item`) one of its items, if the caller may
/// change its itinerary now.
pub(super) async fn editable(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
    item: Option<ItineraryItemId>,
) -> Result<(Account, (Delegation, Option<ItineraryItem>)), PageError> {
    let (account, d, item) = super::open_to(
        state,
        visit,
        id,
        |a| a.edit_itinerary,
        move |conn, caller| match item {
            Some(item_id) => Ok(Some(
                model::itinerary::list(conn, caller, id)?
                    .into_iter()
                    .find(|i| i.id == item_id)
                    .ok_or(ApiError::NotFound)?,
            )),
            None => Ok(None),
        },
    )
    .await?;
    Ok((account, (d, item)))
}

fn done(id: DelegationId, what: &str) -> HttpResponse {
    page::see_other(&format!("{}?done={what}#h-itinerary", super::href(id)))
}

/// `GET /delegations/{id}/itinerary/new`.
#[get("/{id}/itinerary/new")]
pub async fn new_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let (account, (d, _)) = editable(&state, &visit, id.into_inner(), None).await?;
    let form = ItemForm {
        starts_at: d.start_date.to_string(),
        time_zone: PROVINCE_TZ.name().to_owned(),
        ..ItemForm::default()
    };
    ItemPage::new(&visit, &account, &d, None, form, FormErrors::default()).answer(&visit)
}

/// `POST /delegations/{id}/itinerary/new`.
#[post("/{id}/itinerary/new")]
pub async fn add(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    form: web::Form<ItemForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let outcome = match form.read() {
        Ok(Read { input, .. }) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::itinerary::add(conn, caller, id, input)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(_) => return Ok(done(id, "item-added")),
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::errors(error, visit.tr(), ORDER)?;
    let (account, (d, _)) = editable(&state, &visit, id, None).await?;
    ItemPage::new(&visit, &account, &d, None, form, errors).answer(&visit)
}

/// `GET /delegations/{id}/itinerary/{item_id}/edit`.
#[get("/{id}/itinerary/{item_id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, ItineraryItemId)>,
) -> Result<HttpResponse, PageError> {
    let (id, item_id) = path.into_inner();
    let (account, (d, item)) = editable(&state, &visit, id, Some(item_id)).await?;
    let form = item.as_ref().map(ItemForm::of).unwrap_or_default();
    ItemPage::new(
        &visit,
        &account,
        &d,
        Some(item_id),
        form,
        FormErrors::default(),
    )
    .answer(&visit)
}

/// `POST /delegations/{id}/itinerary/{item_id}/edit`.
#[post("/{id}/itinerary/{item_id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, ItineraryItemId)>,
    form: web::Form<ItemForm>,
) -> Result<HttpResponse, PageError> {
    let (id, item_id) = path.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let if_match = form::version(&form.version);
    let outcome = match form.patch() {
        Ok(patch) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::itinerary::update(conn, caller, id, item_id, if_match, patch)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(_) => return Ok(done(id, "item-updated")),
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::refused(error, visit.tr(), ORDER, &mut form.version)?;
    let (account, (d, _)) = editable(&state, &visit, id, Some(item_id)).await?;
    ItemPage::new(&visit, &account, &d, Some(item_id), form, errors).answer(&visit)
}
