//! The delegations in the console: the list with its search, registering
//! one, the record (its members, its itinerary by day, what the person may
//! do now), its forms, the .ics import, the security review and the
//! history. Each page makes the `model::` calls the JSON routes make.

pub mod actions;
pub mod edit;
pub mod form;
pub mod history;
pub mod import;
pub mod itinerary;
pub mod list;
pub mod members;
pub mod record;

use actix_web::web;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::{Lang, Tr};
use crate::console::session::{Account, Visit};
use crate::db::AnyConnection;
use crate::domain::collate::sort_by_name;
use crate::domain::delegation::{Allowed, Delegation};
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::role::Caller;
use crate::domain::unit::Unit;
use crate::error::ApiResult;
use crate::model;

/// The delegation `id` as the caller may see it, with what `more` reads in
/// the same call, if `may` finds the change open to the caller now (the
/// workflow's `allowed`); the "not open to you" page otherwise. The
/// operation the form posts to decides again.
pub(super) async fn open_to<T, M, F>(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
    may: M,
    more: F,
) -> Result<(Account, Delegation, T), PageError>
where
    T: Send + 'static,
    M: FnOnce(&Allowed) -> bool,
    F: FnOnce(&mut AnyConnection, Caller) -> ApiResult<T> + Send + 'static,
{
    let (account, (d, extra)) = visit
        .read(state, move |conn, account| {
            let d = model::delegation::visible(conn, account.caller, id)?;
            let extra = more(conn, account.caller)?;
            Ok((d, extra))
        })
        .await?;
    if !may(&model::delegation::allowed(&d, account.caller)) {
        return Err(form::not_open());
    }
    Ok((account, d, extra))
}

/// The largest form these pages take: a report may hold 100,000
/// characters (actix's default for a form is 16 KiB).
const FORM_LIMIT: usize = 1024 * 1024;

/// This part's routes, under `/delegations`.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/delegations")
            .app_data(web::FormConfig::default().limit(FORM_LIMIT))
            .service(list::list)
            .service(edit::new_form)
            .service(edit::create)
            .service(record::show)
            .service(history::show)
            .service(edit::edit_form)
            .service(edit::update)
            .service(edit::delete_form)
            .service(edit::delete)
            .service(members::new_form)
            .service(members::add)
            .service(members::edit_form)
            .service(members::update)
            .service(members::remove_form)
            .service(members::remove)
            .service(import::import_form)
            .service(import::import)
            .service(itinerary::new_form)
            .service(itinerary::add)
            .service(itinerary::edit_form)
            .service(itinerary::update)
            .service(itinerary::cancel_form)
            .service(itinerary::cancel)
            .service(itinerary::remove_form)
            .service(itinerary::remove)
            .service(actions::review_form)
            .service(actions::review)
            .service(actions::action_form)
            .service(actions::act),
    );
}

/// The address of a delegation's page.
pub fn href(id: DelegationId) -> String {
    format!("/delegations/{id}")
}

/// The record a form page belongs to, as its heading names it.
#[derive(Debug, Clone)]
pub struct Head {
    pub href: String,
    pub reference: String,
    pub title: String,
}

impl Head {
    pub fn of(d: &Delegation) -> Self {
        Self {
            href: href(d.id),
            reference: d.reference.clone(),
            title: d.title.clone(),
        }
    }
}

/// A unit's name in the page's language.
pub fn unit_name(unit: &Unit, t: Tr) -> String {
    match t.lang {
        Lang::En if !unit.name_en.trim().is_empty() => unit.name_en.clone(),
        _ => unit.name.clone(),
    }
}

/// The name of unit `id` among `units` (its number if it is not there).
pub fn name_of(units: &[Unit], id: UnitId, t: Tr) -> String {
    units
        .iter()
        .find(|u| u.id == id)
        .map_or_else(|| id.to_string(), |u| unit_name(u, t))
}

/// A choice in a list: its value, its label, whether it is chosen.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

/// `units` as choices, in Vietnamese name order, `chosen` chosen.
pub fn unit_choices(units: &[Unit], chosen: &str, t: Tr) -> Vec<Choice> {
    let mut choices: Vec<Choice> = units
        .iter()
        .map(|u| Choice {
            value: u.id.to_string(),
            label: unit_name(u, t),
            chosen: u.id.to_string() == chosen,
        })
        .collect();
    sort_by_name(&mut choices, |c| c.label.as_str());
    choices
}

/// The values of a closed set as choices, named by the catalogue
/// (`prefix-value`), `chosen` chosen.
pub fn choices<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    prefix: &str,
    chosen: &str,
    t: Tr,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: name(*v).to_owned(),
            label: t.name(prefix, name(*v)),
            chosen: name(*v) == chosen,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::console::i18n::catalogue::{check_part, ids, reads};
    use crate::console::i18n::{Lang, Tr};

    #[test]
    fn every_message_of_these_pages_is_in_both_languages_and_reads() {
        check_part(
            include_str!("../../locales/vi/delegation.ftl"),
            include_str!("../../locales/en/delegation.ftl"),
            &["delegation-"],
        );
    }

    #[test]
    fn the_sentences_these_pages_translate_read() {
        let shared = include_str!("../../locales/vi/console.ftl");
        for id in ids(shared).into_iter().filter(|id| id.starts_with("err-")) {
            assert!(reads(Tr::new(Lang::Vi), shared, id), "{id} does not read");
        }
        let t = Tr::new(Lang::Vi);
        assert_eq!(
            t.phrase("must be 5 to 20 letters and digits"),
            "Phải gồm 5 đến 20 chữ cái và chữ số"
        );
        assert_eq!(
            t.phrase("the delegation ends on 2025-03-12; it can be completed from that day"),
            "Đoàn kết thúc ngày 12/03/2025; từ ngày đó mới xác nhận kết thúc được"
        );
    }
}
