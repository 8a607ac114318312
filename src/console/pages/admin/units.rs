//! `/admin/units`: the province's offices (administrator): the list, a new
//! unit, a unit's page (rename in both languages, change its kind), and
//! merging one unit into another.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::refused;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::Reader;
use crate::console::pages::delegation::{Choice, choices, unit_name};
use crate::console::session::{Account, Visit};
use crate::db::unit::NewUnit;
use crate::domain::collate::sort_by_name;
use crate::domain::ids::UnitId;
use crate::domain::unit::{Unit, UnitKind};
use crate::error::ApiError;
use crate::model;
use crate::routes::unit::CreateUnit;

mod merging;

pub use merging::{MergeForm, merge, merge_form};

const ORDER: &[&str] = &["name", "name_en", "kind", "into"];

fn href(id: UnitId) -> String {
    format!("/admin/units/{id}")
}

/// Where a merged unit went, in the page's language.
fn merged_into(units: &[Unit], unit: &Unit, t: Tr) -> Option<String> {
    unit.merged_into
        .map(|into| crate::console::pages::delegation::name_of(units, into, t))
}

/// One unit as a row of the list.
struct Row {
    href: String,
    name: String,
    other_name: String,
    kind: String,
    merged_into: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/units.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
}

/// `GET /admin/units`.
#[get("/units")]
pub async fn list(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (account, units) = visit
        .read(&state, |conn, account| {
            model::unit::require_manager(account.caller, "change units")?;
            model::unit::all(conn)
        })
        .await?;
    let mut rows: Vec<Row> = units
        .iter()
        .map(|u| Row {
            href: href(u.id),
            name: unit_name(u, t),
            other_name: match t.lang {
                crate::console::i18n::Lang::Vi => u.name_en.clone(),
                crate::console::i18n::Lang::En => u.name.clone(),
            },
            kind: t.name("admin-kind", u.kind.as_str()),
            merged_into: merged_into(&units, u, t),
        })
        .collect();
    sort_by_name(&mut rows, |r| r.name.as_str());
    page::html(
        &visit,
        &ListPage {
            c: Chrome::new(&visit, Some(&account), Nav::Admin, "/admin/units"),
            rows,
        },
    )
}

/// A unit's form as sent (new and change alike).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    csrf: String,
    name: String,
    name_en: String,
    kind: String,
    version: String,
}

impl UnitForm {
    fn of(u: &Unit) -> Self {
        Self {
            csrf: String::new(),
            name: u.name.clone(),
            name_en: u.name_en.clone(),
            kind: u.kind.as_str().to_owned(),
            version: u.version.to_string(),
        }
    }

    /// The form read as the API reads its body (the same rules).
    fn read(&self) -> Result<NewUnit, ApiError> {
        let mut read = Reader::new();
        let kind = read.required_choice("kind", &self.kind, UnitKind::parse);
        read.check(&CreateUnit {
            name: self.name.clone(),
            name_en: self.name_en.clone(),
            kind: kind.unwrap_or(UnitKind::Other),
        });
        read.finish()?;
        Ok(NewUnit {
            name: self.name.trim().to_owned(),
            name_en: self.name_en.trim().to_owned(),
            kind: kind.ok_or_else(|| ApiError::invalid("kind", "choose one"))?,
        })
    }
}

#[derive(Template)]
#[template(path = "admin/unit.html")]
struct UnitPage {
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    /// `None` for a new unit.
    unit: Option<Shown>,
    action: String,
    form: UnitForm,
    kinds: Vec<Choice>,
}

/// A unit as its page names it.
struct Shown {
    name: String,
    merged_into: Option<String>,
    merge_href: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

fn unit_page(
    visit: &Visit,
    account: &Account,
    unit: Option<(&Unit, &[Unit])>,
    form: UnitForm,
    errors: FormErrors,
    done: &str,
) -> UnitPage {
    let t = visit.tr();
    let (here, shown) = match unit {
        Some((u, units)) => (
            href(u.id),
            Some(Shown {
                name: unit_name(u, t),
                merged_into: merged_into(units, u, t),
                merge_href: format!("{}/merge", href(u.id)),
            }),
        ),
        None => ("/admin/units/new".to_owned(), None),
    };
    let notice = match done {
        "created" | "updated" | "merged" => Some(t.t(&format!("admin-unit-done-{done}"))),
        _ => None,
    };
    UnitPage {
        c: Chrome::new(visit, Some(account), Nav::Admin, &here),
        errors,
        notice,
        action: if shown.is_some() {
            here
        } else {
            "/admin/units".to_owned()
        },
        unit: shown,
        kinds: choices(
            &UnitKind::ALL,
            UnitKind::as_str,
            "admin-kind",
            &form.kind,
            t,
        ),
        form,
    }
}

/// `GET /admin/units/new`.
#[get("/units/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let (account, ()) = visit
        .read(&state, |_, account| {
            model::unit::require_manager(account.caller, "create units")
        })
        .await?;
    let page = unit_page(
        &visit,
        &account,
        None,
        UnitForm::default(),
        FormErrors::default(),
        "",
    );
    page::html(&visit, &page)
}

/// `POST /admin/units`.
#[post("/units")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<UnitForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let f = form.into_inner();
    let e = match f.read() {
        Err(e) => e,
        Ok(new) => match visit
            .write(&state.db, move |conn, caller| {
                model::unit::create(conn, caller, &new)
            })
            .await
        {
            Ok(unit) => return Ok(page::see_other(&format!("{}?done=created", href(unit.id)))),
            Err(PageError::Api(e)) => e,
            Err(other) => return Err(other),
        },
    };
    let errors = refused(
        e,
        visit.tr(),
        ORDER,
        Some(("name", "admin-unit-name-taken")),
    )?;
    let (account, ()) = visit
        .read(&state, |_, account| {
            model::unit::require_manager(account.caller, "create units")
        })
        .await?;
    let page = unit_page(&visit, &account, None, f, errors, "");
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// The unit `id` and every unit, for the administrator.
async fn read_unit(
    state: &AppState,
    visit: &Visit,
    id: UnitId,
) -> Result<(Account, (Unit, Vec<Unit>)), PageError> {
    visit
        .read(state, move |conn, account| {
            model::unit::require_manager(account.caller, "change units")?;
            Ok((model::unit::find(conn, id)?, model::unit::all(conn)?))
        })
        .await
}

/// `GET /admin/units/{id}`.
#[get("/units/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitId>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let (account, (unit, units)) = read_unit(&state, &visit, id.into_inner()).await?;
    let page = unit_page(
        &visit,
        &account,
        Some((&unit, &units)),
        UnitForm::of(&unit),
        FormErrors::default(),
        &done.done,
    );
    page::html(&visit, &page)
}

/// `POST /admin/units/{id}`: its names, its kind.
#[post("/units/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitId>,
    form: web::Form<UnitForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let f = form.into_inner();
    let version = crate::console::pages::delegation::form::version(&f.version);
    let e = match f.read() {
        Err(e) => e,
        Ok(new) => {
            let patch = model::unit::UnitPatch {
                name: Some(new.name),
                name_en: Some(new.name_en),
                kind: Some(new.kind),
            };
            match visit
                .write(&state.db, move |conn, caller| {
                    model::unit::update(conn, caller, id, version, patch)
                })
                .await
            {
                Ok(_) => return Ok(page::see_other(&format!("{}?done=updated", href(id)))),
                Err(PageError::Api(e)) => e,
                Err(other) => return Err(other),
            }
        }
    };
    let errors = refused(
        e,
        visit.tr(),
        ORDER,
        Some(("name", "admin-unit-name-taken")),
    )?;
    let (account, (unit, units)) = read_unit(&state, &visit, id).await?;
    let f = UnitForm {
        version: unit.version.to_string(),
        ..f
    };
    let page = unit_page(&visit, &account, Some((&unit, &units)), f, errors, "");
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}
