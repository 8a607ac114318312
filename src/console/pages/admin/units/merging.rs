//! Merging one unit into another: the form that asks into which, and the
//! merge (its users and records move; it is kept, marked merged).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::admin::refused;
use crate::console::pages::delegation::form::Reader;
use crate::console::pages::delegation::{Choice, unit_name};
use crate::console::session::{Account, Visit};
use crate::domain::ids::UnitId;
use crate::domain::unit::Unit;
use crate::error::ApiError;
use crate::model;

use super::{ORDER, href, merged_into, read_unit};

/// The merge form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MergeForm {
    csrf: String,
    into: String,
}

#[derive(Template)]
#[template(path = "admin/merge.html")]
struct MergePage {
    c: Chrome,
    errors: FormErrors,
    back: String,
    action: String,
    name: String,
    /// Where the unit went, when it was merged already.
    merged_into: Option<String>,
    units: Vec<Choice>,
}

fn merge_page(
    visit: &Visit,
    account: &Account,
    unit: &Unit,
    units: &[Unit],
    into: &str,
    errors: FormErrors,
) -> MergePage {
    let t = visit.tr();
    let others: Vec<Unit> = units.iter().filter(|u| u.id != unit.id).cloned().collect();
    let back = href(unit.id);
    MergePage {
        c: Chrome::new(visit, Some(account), Nav::Admin, &format!("{back}/merge")),
        errors,
        action: format!("{back}/merge"),
        back,
        name: unit_name(unit, t),
        merged_into: merged_into(units, unit, t),
        units: super::super::unit_choices(&others, into, t),
    }
}

/// `GET /admin/units/{id}/merge`: into which unit?
#[get("/units/{id}/merge")]
pub async fn merge_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitId>,
) -> Result<HttpResponse, PageError> {
    let (account, (unit, units)) = read_unit(&state, &visit, id.into_inner()).await?;
    let page = merge_page(&visit, &account, &unit, &units, "", FormErrors::default());
    page::html(&visit, &page)
}

/// `POST /admin/units/{id}/merge`: its users and records move; it is kept,
/// marked merged.
#[post("/units/{id}/merge")]
pub async fn merge(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitId>,
    form: web::Form<MergeForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let f = form.into_inner();
    let mut read = Reader::new();
    let into = read.id("into", &f.into).map(UnitId);
    let e = match (read.finish(), into) {
        (Err(e), _) => e,
        (Ok(()), None) => ApiError::invalid("into", "choose one"),
        (Ok(()), Some(into)) => match visit
            .write(&state.db, move |conn, caller| {
                model::unit::merge(conn, caller, id, into)
            })
            .await
        {
            Ok(_) => return Ok(page::see_other(&format!("{}?done=merged", href(id)))),
            Err(PageError::Api(e)) => e,
            Err(other) => return Err(other),
        },
    };
    let errors = refused(e, visit.tr(), ORDER, None)?;
    let (account, (unit, units)) = read_unit(&state, &visit, id).await?;
    let errors = super::super::name_merged(errors, &units, visit.tr());
    let page = merge_page(&visit, &account, &unit, &units, &f.into, errors);
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}
