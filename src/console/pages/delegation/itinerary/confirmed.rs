//! The item actions asked with a confirmation first: cancelling an item
//! (it stays, marked cancelled) and deleting one.

use actix_web::{HttpResponse, get, post, web};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Head;
use crate::console::pages::delegation::edit::{ConfirmPage, CsrfForm};
use crate::console::session::Visit;
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::ItemStatus;
use crate::model;
use crate::model::itinerary::ItemPatch;

use super::{done, editable};

/// A confirmation page for `verb` (`cancel`, `remove`) of an item.
async fn confirm(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
    item_id: ItineraryItemId,
    verb: &str,
) -> Result<HttpResponse, PageError> {
    let (account, (d, item)) = editable(state, visit, id, Some(item_id)).await?;
    let t = visit.tr();
    let head = Head::of(&d);
    let action = format!("{}/itinerary/{item_id}/{verb}", head.href);
    let title = item.map(|i| i.title).unwrap_or_default();
    let page = ConfirmPage {
        c: Chrome::new(visit, Some(&account), Nav::Delegations, &action),
        title: t.t1(&format!("delegation-item-{verb}-title"), "title", &title),
        body: t.t(&format!("delegation-item-{verb}-body")),
        button: t.t(&format!("delegation-item-{verb}-button")),
        errors: FormErrors::default(),
        action,
        head,
    };
    page::html(visit, &page)
}

/// `GET /delegations/{id}/itinerary/{item_id}/cancel`: are you sure?
#[get("/{id}/itinerary/{item_id}/cancel")]
pub async fn cancel_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, ItineraryItemId)>,
) -> Result<HttpResponse, PageError> {
    let (id, item_id) = path.into_inner();
    confirm(&state, &visit, id, item_id, "cancel").await
}

/// `POST /delegations/{id}/itinerary/{item_id}/cancel`: it stays, marked cancelled.
#[post("/{id}/itinerary/{item_id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, ItineraryItemId)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    let (id, item_id) = path.into_inner();
    visit.check_csrf(&form.csrf)?;
    let patch = ItemPatch {
        status: Some(ItemStatus::Cancelled),
        ..ItemPatch::default()
    };
    visit
        .write(&state.db, move |conn, caller| {
            model::itinerary::update(conn, caller, id, item_id, None, patch)
        })
        .await?;
    Ok(done(id, "item-cancelled"))
}

/// `GET /delegations/{id}/itinerary/{item_id}/remove`: are you sure?
#[get("/{id}/itinerary/{item_id}/remove")]
pub async fn remove_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, ItineraryItemId)>,
) -> Result<HttpResponse, PageError> {
    let (id, item_id) = path.into_inner();
    confirm(&state, &visit, id, item_id, "remove").await
}

/// `POST /delegations/{id}/itinerary/{item_id}/remove`.
#[post("/{id}/itinerary/{item_id}/remove")]
pub async fn remove(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, ItineraryItemId)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    let (id, item_id) = path.into_inner();
    visit.check_csrf(&form.csrf)?;
    visit
        .write(&state.db, move |conn, caller| {
            model::itinerary::remove(conn, caller, id, item_id)
        })
        .await?;
    Ok(done(id, "item-removed"))
}
