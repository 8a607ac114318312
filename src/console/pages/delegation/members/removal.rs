//! Removing a member: the confirmation and what it posts.

use actix_web::{HttpResponse, get, post, web};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Head;
use crate::console::pages::delegation::edit::{ConfirmPage, CsrfForm};
use crate::console::session::Visit;
use crate::domain::ids::{DelegationId, MemberId};
use crate::model;

use super::member;

/// `GET /delegations/{id}/members/{member_id}/remove`: are you sure?
#[get("/{id}/members/{member_id}/remove")]
pub async fn remove_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, MemberId)>,
) -> Result<HttpResponse, PageError> {
    let (id, member_id) = path.into_inner();
    let (account, (d, view)) = member(&state, &visit, id, member_id).await?;
    let t = visit.tr();
    let head = Head::of(&d);
    let action = format!("{}/members/{member_id}/remove", head.href);
    let page = ConfirmPage {
        c: Chrome::new(&visit, Some(&account), Nav::Delegations, &action),
        title: t.t1("delegation-member-remove-title", "name", &view.full_name),
        body: t.t("delegation-member-remove-body"),
        button: t.t("delegation-member-remove"),
        errors: FormErrors::default(),
        action,
        head,
    };
    page::html(&visit, &page)
}

/// `POST /delegations/{id}/members/{member_id}/remove`.
#[post("/{id}/members/{member_id}/remove")]
pub async fn remove(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, MemberId)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    let (id, member_id) = path.into_inner();
    visit.check_csrf(&form.csrf)?;
    visit
        .write(&state.db, move |conn, caller| {
            model::member::remove(conn, caller, id, member_id)
        })
        .await?;
    Ok(page::see_other(&format!(
        "{}?done=member-removed#h-members",
        super::super::href(id)
    )))
}
