//! The member form's pages: adding a member, changing one.

use actix_web::{HttpResponse, get, post, web};

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, FormErrors};
use crate::console::pages::delegation::form;
use crate::console::session::Visit;
use crate::domain::delegation::MemberRole;
use crate::domain::ids::{DelegationId, MemberId};
use crate::model;

use super::{MemberForm, MemberPage, ORDER, editable, member};

/// `GET /delegations/{id}/members/new`.
#[get("/{id}/members/new")]
pub async fn new_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let (account, d) = editable(&state, &visit, id.into_inner()).await?;
    let form = MemberForm {
        role: MemberRole::Member.as_str().to_owned(),
        ..MemberForm::default()
    };
    MemberPage::new(
        &visit,
        &account,
        &d,
        None,
        true,
        form,
        FormErrors::default(),
    )
    .answer(&visit)
}

/// `POST /delegations/{id}/members/new`.
#[post("/{id}/members/new")]
pub async fn add(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    form: web::Form<MemberForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let read = form
        .input(true)
        .and_then(|input| Ok((input.documents(), input.fields()?)));
    let outcome = match read {
        Ok((docs, fields)) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::member::add_with_documents(conn, caller, id, &fields, &docs)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(_) => {
            return Ok(page::see_other(&format!(
                "{}?done=member-added#h-members",
                super::super::href(id)
            )));
        }
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::errors(error, visit.tr(), ORDER)?;
    let (account, d) = editable(&state, &visit, id).await?;
    MemberPage::new(&visit, &account, &d, None, true, form, errors).answer(&visit)
}

/// `GET /delegations/{id}/members/{member_id}/edit`.
#[get("/{id}/members/{member_id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, MemberId)>,
) -> Result<HttpResponse, PageError> {
    let (id, member_id) = path.into_inner();
    let (account, (d, view)) = member(&state, &visit, id, member_id).await?;
    let form = MemberForm::of(&view);
    MemberPage::new(
        &visit,
        &account,
        &d,
        Some(member_id),
        view.passport_number.is_some(),
        form,
        FormErrors::default(),
    )
    .answer(&visit)
}

/// `POST /delegations/{id}/members/{member_id}/edit`.
#[post("/{id}/members/{member_id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(DelegationId, MemberId)>,
    form: web::Form<MemberForm>,
) -> Result<HttpResponse, PageError> {
    let (id, member_id) = path.into_inner();
    let mut form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    // The same question the page asked to show the fields: does the view
    // of a member keep personal data for this role?
    let (account, (d, view)) = member(&state, &visit, id, member_id).await?;
    let personal = view.passport_number.is_some();
    let if_match = form::version(&form.version);
    let outcome = match form.patch(personal) {
        Ok(patch) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::member::update(conn, caller, id, member_id, if_match, patch)
                })
                .await
        }
        Err(e) => Err(e.into()),
    };
    let error = match outcome {
        Ok(_) => {
            return Ok(page::see_other(&format!(
                "{}?done=member-updated#h-members",
                super::super::href(id)
            )));
        }
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = form::refused(error, visit.tr(), ORDER, &mut form.version)?;
    MemberPage::new(
        &visit,
        &account,
        &d,
        Some(member_id),
        personal,
        form,
        errors,
    )
    .answer(&visit)
}
