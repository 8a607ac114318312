//! A user's page under `/admin/users/{id}`: what they are, and the forms
//! that change them (name, role or unit; a new password; deactivate).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::super::{name_of, refused, unit_choices};
use super::{EDIT_ORDER, href};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::session::{Account, Visit};
use crate::domain::ids::{UnitId, UserId};
use crate::domain::role::Role;
use crate::domain::unit::Unit;
use crate::domain::user::{NewPassword, User};
use crate::error::ApiError;
use crate::http::auth::hash_password;
use crate::model;
use crate::routes::user::UpdateUser;

/// A user's page: what they are, the forms that change them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct EditForm {
    csrf: String,
    display_name: String,
    role: String,
    unit_id: String,
    version: String,
}

/// The new password form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    csrf: String,
    password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    c: Chrome,
    errors: FormErrors,
    notice: Option<String>,
    href: String,
    name: String,
    username: String,
    role: String,
    unit: String,
    active: bool,
    form: EditForm,
    roles: Vec<Choice>,
    units: Vec<Choice>,
}

fn user_page(
    visit: &Visit,
    account: &Account,
    user: &User,
    units: &[Unit],
    form: Option<EditForm>,
    errors: FormErrors,
    done: &str,
) -> UserPage {
    let t = visit.tr();
    let form = form.unwrap_or_else(|| EditForm {
        csrf: String::new(),
        display_name: user.display_name.clone(),
        role: user.role.as_str().to_owned(),
        unit_id: user.unit_id.map(|u| u.to_string()).unwrap_or_default(),
        version: user.version.to_string(),
    });
    let notice = match done {
        "created" | "updated" | "password" | "deactivated" => {
            Some(t.t(&format!("admin-user-done-{done}")))
        }
        _ => None,
    };
    let here = href(user.id);
    UserPage {
        c: Chrome::new(visit, Some(account), Nav::Admin, &here),
        errors,
        notice,
        href: here,
        name: user.display_name.clone(),
        username: user.username.clone(),
        role: t.name("role", user.role.as_str()),
        unit: name_of(units, user.unit_id, t),
        active: user.active,
        roles: choices(&Role::ALL, Role::as_str, "role", &form.role, t),
        units: unit_choices(units, &form.unit_id, t),
        form,
    }
}

/// The user `id` and the units, read for the caller.
async fn read_user(
    state: &AppState,
    visit: &Visit,
    id: UserId,
) -> Result<(Account, (User, Vec<Unit>)), PageError> {
    visit
        .read(state, move |conn, account| {
            let user = model::user::find(conn, account.caller, id)?;
            Ok((user, model::unit::all(conn)?))
        })
        .await
}

/// `GET /admin/users/{id}`.
#[get("/users/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UserId>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let (account, (user, units)) = read_user(&state, &visit, id.into_inner()).await?;
    let page = user_page(
        &visit,
        &account,
        &user,
        &units,
        None,
        FormErrors::default(),
        &done.done,
    );
    page::html(&visit, &page)
}

/// `POST /admin/users/{id}`: a new name, role or unit.
#[post("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UserId>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let f = form.into_inner();
    let t = visit.tr();
    let mut read = Reader::new();
    let role = read.required_choice("role", &f.role, Role::parse);
    let unit_id = form::text(&f.unit_id)
        .and_then(|raw| read.id("unit_id", &raw))
        .map(UnitId);
    read.check(&UpdateUser {
        active: None,
        role,
        display_name: Some(f.display_name.clone()),
        password: None,
        unit_id,
    });
    let e: ApiError = match read.finish() {
        Err(e) => e,
        Ok(()) => {
            let patch = model::user::UserPatch {
                display_name: Some(f.display_name.clone()),
                role,
                unit_id,
                ..Default::default()
            };
            let version = form::version(&f.version);
            match visit
                .write(&state.db, move |conn, caller| {
                    model::user::update(conn, caller, id, version, patch)
                })
                .await
            {
                Ok(_) => return Ok(page::see_other(&format!("{}?done=updated", href(id)))),
                Err(PageError::Api(e)) => e,
                Err(other) => return Err(other),
            }
        }
    };
    let errors = refused(e, t, EDIT_ORDER, None)?;
    let (account, (user, units)) = read_user(&state, &visit, id).await?;
    let errors = super::super::name_merged(errors, &units, t);
    let f = EditForm {
        version: user.version.to_string(),
        ..f
    };
    let page = user_page(&visit, &account, &user, &units, Some(f), errors, "");
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// `POST /admin/users/{id}/password`: a new password (the user signs in
/// again with it).
#[post("/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UserId>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let t = visit.tr();
    // Refused before the slow hash, as the operation would refuse it.
    let (account, (user, units)) = read_user(&state, &visit, id).await?;
    let mut read = Reader::new();
    read.check(&UpdateUser {
        active: None,
        role: None,
        display_name: None,
        password: Some(form.password.clone()),
        unit_id: None,
    });
    let checked = read.finish().and_then(|()| {
        NewPassword::parse(&form.password).map_err(|m| ApiError::invalid("password", m))
    });
    let e: ApiError = match checked {
        Err(e) => e,
        Ok(password) => {
            let hash = state
                .limits
                .hash(move || hash_password(&password))
                .await??;
            let patch = model::user::UserPatch {
                password_hash: Some(hash),
                ..Default::default()
            };
            match visit
                .write(&state.db, move |conn, caller| {
                    model::user::update(conn, caller, id, None, patch)
                })
                .await
            {
                Ok(_) => return Ok(page::see_other(&format!("{}?done=password", href(id)))),
                Err(PageError::Api(e)) => e,
                Err(other) => return Err(other),
            }
        }
    };
    let errors = refused(e, t, EDIT_ORDER, None)?;
    let page = user_page(&visit, &account, &user, &units, None, errors, "");
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Template)]
#[template(path = "admin/confirm.html")]
struct ConfirmPage {
    c: Chrome,
    errors: FormErrors,
    back: String,
    caption: String,
    title: String,
    body: String,
    action: String,
    button: String,
}

fn deactivate_page(
    visit: &Visit,
    account: &Account,
    user: &User,
    errors: FormErrors,
) -> ConfirmPage {
    let t = visit.tr();
    let back = href(user.id);
    ConfirmPage {
        c: Chrome::new(
            visit,
            Some(account),
            Nav::Admin,
            &format!("{back}/deactivate"),
        ),
        errors,
        caption: format!("{} · {}", user.display_name, user.username),
        title: t.t("admin-user-deactivate-title"),
        body: t.t("admin-user-deactivate-body"),
        action: format!("{back}/deactivate"),
        button: t.t("admin-user-deactivate"),
        back,
    }
}

/// `GET /admin/users/{id}/deactivate`: are you sure?
#[get("/users/{id}/deactivate")]
pub async fn deactivate_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UserId>,
) -> Result<HttpResponse, PageError> {
    let (account, (user, _)) = read_user(&state, &visit, id.into_inner()).await?;
    page::html(
        &visit,
        &deactivate_page(&visit, &account, &user, FormErrors::default()),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /admin/users/{id}/deactivate`: their sessions end at once; the
/// last active administrator stays one (the operation refuses).
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UserId>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let patch = model::user::UserPatch {
        active: Some(false),
        ..Default::default()
    };
    let e = match visit
        .write(&state.db, move |conn, caller| {
            model::user::update(conn, caller, id, None, patch)
        })
        .await
    {
        Ok(_) => return Ok(page::see_other(&format!("{}?done=deactivated", href(id)))),
        Err(PageError::Api(e)) => e,
        Err(other) => return Err(other),
    };
    let errors = refused(e, visit.tr(), EDIT_ORDER, None)?;
    let (account, (user, _)) = read_user(&state, &visit, id).await?;
    let page = deactivate_page(&visit, &account, &user, errors);
    page::html_with(&visit, StatusCode::UNPROCESSABLE_ENTITY, &page)
}
