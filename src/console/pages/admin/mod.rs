//! The administration (administrator): the hub `/admin`, the users (list,
//! new, change role / unit / name, new password, deactivate) and the units
//! (list, new, rename, change kind, merge one into another). Each page
//! makes the `model::` calls the JSON routes make; the operations refuse
//! anyone else (the 403 page).

pub mod calendar;
pub mod settings;
pub mod units;
pub mod users;

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::{Choice, unit_name};
use crate::domain::FieldError;
use crate::domain::collate::sort_by_name;
use crate::domain::ids::UnitId;
use crate::domain::unit::Unit;
use crate::error::ApiError;
use crate::model;

/// This part's routes, under `/admin`.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/admin")
            .service(hub)
            .service(users::list)
            .service(users::new_form)
            .service(users::create)
            .service(users::show)
            .service(users::update)
            .service(users::reset_password)
            .service(users::deactivate_form)
            .service(users::deactivate)
            .service(units::list)
            .service(units::new_form)
            .service(units::create)
            .service(units::show)
            .service(units::update)
            .service(units::merge_form)
            .service(units::merge),
    );
}

#[derive(Template)]
#[template(path = "admin/hub.html")]
struct HubPage {
    c: Chrome,
}

/// `GET /admin`: where the administration begins.
#[get("")]
pub async fn hub(
    state: web::Data<AppState>,
    visit: crate::console::session::Visit,
) -> Result<HttpResponse, PageError> {
    let (account, ()) = visit
        .read(&state, |_, account| {
            model::unit::require_manager(account.caller, "administer users and units")
        })
        .await?;
    page::html(
        &visit,
        &HubPage {
            c: Chrome::new(&visit, Some(&account), Nav::Admin, "/admin"),
        },
    )
}

/// The units a person may choose (not merged into another), as choices in
/// name order, `chosen` chosen.
fn unit_choices(units: &[Unit], chosen: &str, t: Tr) -> Vec<Choice> {
    let mut choices: Vec<Choice> = units
        .iter()
        .filter(|u| u.merged_into.is_none())
        .map(|u| Choice {
            value: u.id.to_string(),
            label: unit_name(u, t),
            chosen: u.id.to_string() == chosen,
        })
        .collect();
    sort_by_name(&mut choices, |c| c.label.as_str());
    choices
}

/// The name of unit `id` in the page's language (its number if unknown).
fn name_of(units: &[Unit], id: Option<UnitId>, t: Tr) -> String {
    match id {
        None => "—".to_owned(),
        Some(id) => crate::console::pages::delegation::name_of(units, id, t),
    }
}

/// A refusal of a unit that was merged (`model::unit::require_open`) in
/// the page's words, naming the unit it went into in the page's language.
fn name_merged(mut errors: FormErrors, units: &[Unit], t: Tr) -> FormErrors {
    for e in &mut errors.0 {
        if let Some(into) = model::unit::merged_into_named(&e.message, units) {
            e.message = t.t1("admin-unit-merged-named", "name", &unit_name(into, t));
        }
    }
    errors
}

/// A refused form's errors; a 409 about a name taken (the operations say
/// which name in their sentence) is shown at `field` in the page's words.
fn refused(
    e: ApiError,
    t: Tr,
    order: &[&str],
    taken: Option<(&str, &str)>,
) -> Result<FormErrors, PageError> {
    match (e, taken) {
        (ApiError::Conflict { .. }, Some((field, id))) => {
            Ok(FormErrors(vec![FieldError::new(field, t.t(id))]))
        }
        (ApiError::PreconditionFailed { .. }, _) => {
            Ok(FormErrors(vec![FieldError::new("", t.t("admin-stale"))]))
        }
        (e, _) => crate::console::pages::delegation::form::errors(e, t, order),
    }
}

#[cfg(test)]
mod tests {
    use crate::console::i18n::catalogue::check_part;
    use crate::console::i18n::{Lang, Tr};

    #[test]
    fn every_message_of_these_pages_is_in_both_languages() {
        check_part(
            include_str!("../../locales/vi/admin.ftl"),
            include_str!("../../locales/en/admin.ftl"),
            &["admin-", "audit-"],
        );
    }

    #[test]
    fn the_sentences_of_users_and_units_read_in_vietnamese() {
        let t = Tr::new(Lang::Vi);
        for sentence in [
            "must be 3 to 64 characters long",
            "may hold only letters a-z, digits and . _ -",
            "must be at least 10 characters long",
            "this role acts for a unit: give unit_id",
            "this is the last active administrator; make another one first",
            "cannot merge a unit into itself",
            "this unit was merged into another already",
        ] {
            assert_ne!(t.phrase(sentence), sentence, "{sentence}");
        }
        assert_eq!(
            t.phrase("must be at least 10 characters long"),
            "Phải dài ít nhất 10 ký tự"
        );
    }
}
