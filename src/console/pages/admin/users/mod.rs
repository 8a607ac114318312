//! `/admin/users`: the accounts (administrator): the list and a new user
//! here; a user's page (change name, role or unit; a new password;
//! deactivate) in `record`.

mod record;

pub use record::{deactivate, deactivate_form, reset_password, show, update};

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::{name_of, refused, unit_choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::session::{Account, Visit};
use crate::db::user::{NewUser, UserFilter};
use crate::domain::collate::sort_by_name;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::role::Role;
use crate::domain::unit::Unit;
use crate::domain::user::{self as rules, NewPassword, User, Username};
use crate::error::ApiError;
use crate::http::auth::hash_password;
use crate::model;
use crate::routes::user::CreateUser;

const NEW_ORDER: &[&str] = &["username", "display_name", "role", "unit_id", "password"];
pub(super) const EDIT_ORDER: &[&str] = &["display_name", "role", "unit_id", "password", "active"];

pub(super) fn href(id: UserId) -> String {
    format!("/admin/users/{id}")
}

/// Every user, in name order (a province has a few hundred at most).
fn everyone(
    conn: &mut crate::db::AnyConnection,
    account: &Account,
) -> crate::error::ApiResult<Vec<User>> {
    let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut users: Vec<User> = Vec::new();
    loop {
        let after = users.last().map(|u| u.id.get());
        let page = model::user::list(conn, account.caller, &UserFilter::default(), after, max)?;
        let more = page.len() > max.get();
        users.extend(page.into_iter().take(max.get()));
        if !more {
            sort_by_name(&mut users, |u| u.display_name.as_str());
            return Ok(users);
        }
    }
}

/// One user as a row of the list.
struct Row {
    href: String,
    name: String,
    username: String,
    role: String,
    unit: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
}

/// `GET /admin/users`.
#[get("/users")]
pub async fn list(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (account, (users, units)) = visit
        .read(&state, |conn, account| {
            Ok((everyone(conn, account)?, model::unit::all(conn)?))
        })
        .await?;
    let rows = users
        .iter()
        .map(|u| Row {
            href: href(u.id),
            name: u.display_name.clone(),
            username: u.username.clone(),
            role: t.name("role", u.role.as_str()),
            unit: name_of(&units, u.unit_id, t),
            active: u.active,
        })
        .collect();
    page::html(
        &visit,
        &ListPage {
            c: Chrome::new(&visit, Some(&account), Nav::Admin, "/admin/users"),
            rows,
        },
    )
}

/// The new user form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct NewForm {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    unit_id: String,
    password: String,
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewPage {
    c: Chrome,
    errors: FormErrors,
    form: NewForm,
    roles: Vec<Choice>,
    units: Vec<Choice>,
}

fn new_page(
    visit: &Visit,
    account: &Account,
    units: &[Unit],
    form: NewForm,
    errors: FormErrors,
) -> NewPage {
    let t = visit.tr();
    NewPage {
        c: Chrome::new(visit, Some(account), Nav::Admin, "/admin/users/new"),
        roles: choices(&Role::ALL, Role::as_str, "role", &form.role, t),
        units: unit_choices(units, &form.unit_id, t),
        errors,
        form: NewForm {
            // A password is never sent back to the browser.
            password: String::new(),
            ..form
        },
    }
}

/// `GET /admin/users/new`.
#[get("/users/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let (account, units) = visit
        .read(&state, |conn, account| {
            model::unit::require_manager(account.caller, "create users")?;
            model::unit::all(conn)
        })
        .await?;
    let page = new_page(
        &visit,
        &account,
        &units,
        NewForm::default(),
        FormErrors::default(),
    );
    page::html(&visit, &page)
}

/// The form read into a new user (its password not hashed yet).
fn read_new(
    f: &NewForm,
) -> Result<(Username, String, Role, Option<UnitId>, NewPassword), ApiError> {
    let mut read = Reader::new();
    let role = read.required_choice("role", &f.role, Role::parse);
    let unit_id = form::text(&f.unit_id)
        .and_then(|raw| read.id("unit_id", &raw))
        .map(UnitId);
    read.check(&CreateUser {
        username: f.username.clone(),
        display_name: f.display_name.clone(),
        password: f.password.clone(),
        unit_id,
        role: role.unwrap_or(Role::Viewer),
    });
    read.finish()?;
    let role = role.ok_or_else(|| ApiError::invalid("role", "choose one"))?;
    rules::check_role_unit(role, unit_id.is_some()).map_err(|m| ApiError::invalid("unit_id", m))?;
    let username = Username::parse(&f.username).map_err(|m| ApiError::invalid("username", m))?;
    let password = NewPassword::parse(&f.password).map_err(|m| ApiError::invalid("password", m))?;
    Ok((
        username,
        f.display_name.trim().to_owned(),
        role,
        unit_id,
        password,
    ))
}

/// `POST /admin/users`.
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    form: web::Form<NewForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let f = form.into_inner();
    let t = visit.tr();
    // Refused before the slow hash, as the operation would refuse it.
    let (account, units) = visit
        .read(&state, |conn, account| {
            model::unit::require_manager(account.caller, "create users")?;
            model::unit::all(conn)
        })
        .await?;
    let e: ApiError = match read_new(&f) {
        Err(e) => e,
        Ok((username, display_name, role, unit_id, password)) => {
            let password_hash = state
                .limits
                .hash(move || hash_password(&password))
                .await??;
            let new = NewUser {
                username,
                display_name,
                unit_id,
                role,
                password_hash,
            };
            match visit
                .write(&state.db, move |conn, caller| {
                    model::user::create(conn, caller, &new)
                })
                .await
            {
                Ok(user) => return Ok(page::see_other(&format!("{}?done=created", href(user.id)))),
                Err(PageError::Api(e)) => e,
                Err(other) => return Err(other),
            }
        }
    };
    let errors = refused(e, t, NEW_ORDER, Some(("username", "admin-username-taken")))?;
    let errors = super::name_merged(errors, &units, t);
    let page = new_page(&visit, &account, &units, f, errors);
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}
