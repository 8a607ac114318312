//! The press side in the console: the hub that leads to its four
//! sections, the foreign reporters (list, search, registering and changing
//! one) and the accreditations (list, registering one, its page with its
//! reporters, review, activities day by day and the actions the person may
//! take, and its history). Each page makes the `model::` calls the JSON
//! routes make; what may be done is the domain's.

pub mod accreditation_form;
pub mod accreditations;
pub mod activities;
pub mod hub;
pub mod record;
pub mod reporters;

use actix_web::web;
use chrono::NaiveDate;

use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::FormErrors;
use crate::domain::FieldError;
use crate::domain::ids::{AccreditationId, ReporterId};
use crate::error::ApiError;

/// This part's routes: the hub, `/reporters` and `/accreditations`.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(hub::show)
        .service(
            web::scope("/reporters")
                .service(reporters::list)
                .service(reporters::new_form)
                .service(reporters::create)
                .service(reporters::show)
                .service(reporters::edit_form)
                .service(reporters::update),
        )
        .service(
            web::scope("/accreditations")
                .service(accreditations::list)
                .service(accreditation_form::new_form)
                .service(accreditation_form::create)
                .service(record::show)
                .service(record::history)
                .service(record::action_form)
                .service(record::act)
                .service(record::review_form)
                .service(record::save_review)
                .service(accreditation_form::edit_form)
                .service(accreditation_form::update)
                .service(activities::activity_form)
                .service(activities::add_activity)
                .service(activities::edit_form)
                .service(activities::update)
                .service(activities::cancel_form)
                .service(activities::cancel),
        );
}

/// The address of a reporter's page.
pub fn reporter_href(id: ReporterId) -> String {
    format!("/reporters/{id}")
}

/// The address of an accreditation's page.
pub fn accreditation_href(id: AccreditationId) -> String {
    format!("/accreditations/{id}")
}

/// The beginning of the operations' sentence refusing a place that is not
/// one of an accreditation's (the places it lists follow it).
const NOT_PERMITTED: &str = "must be one of the accreditation's permitted places: ";

/// The beginning of the operations' sentence refusing a time outside the
/// accreditation's dates (`2026-12-01 – 2026-12-05 (in Asia/Ho_Chi_Minh)`).
const OUTSIDE: &str = "must lie within ";

/// A sentence of the operations that names data (places, days) said in the
/// page's language with that data; `None` for the others.
fn with_data(message: &str, t: Tr) -> Option<String> {
    if let Some(list) = message.strip_prefix(NOT_PERMITTED) {
        return Some(t.t1("press-err-place-not-permitted", "places", list));
    }
    let rest = message.strip_prefix(OUTSIDE)?;
    let (from, rest) = rest.split_once(" – ")?;
    let to = rest.split_whitespace().next()?;
    let day = |raw: &str| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
    let (from, to) = (day(from)?, day(to)?);
    Some(t.with(
        "press-err-outside-dates",
        &[("from", t.date(&from).into()), ("to", t.date(&to).into())],
    ))
}

/// The errors of a refused change as a press form shows them: those of
/// the delegation forms (`form::errors`), with the sentences that name
/// places or days said with them.
pub fn errors(error: ApiError, t: Tr, order: &[&str]) -> Result<FormErrors, PageError> {
    let mut said = Vec::new();
    let error = match error {
        ApiError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|f| match with_data(&f.message, t) {
                    Some(text) => {
                        let key = format!("press-said-{}", said.len());
                        said.push((key.clone(), text));
                        FieldError::new(f.field, key)
                    }
                    None => f,
                })
                .collect(),
        ),
        other => other,
    };
    let mut shown = crate::console::pages::delegation::form::errors(error, t, order)?;
    for e in &mut shown.0 {
        if let Some((_, text)) = said.iter().find(|(key, _)| *key == e.message) {
            e.message = text.clone();
        }
    }
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::i18n::Lang;
    use crate::console::i18n::catalogue::check_part;

    #[test]
    fn every_message_of_these_pages_is_in_both_languages() {
        check_part(
            include_str!("../../locales/vi/press.ftl"),
            include_str!("../../locales/en/press.ftl"),
            &["press-"],
        );
    }

    #[test]
    fn the_sentences_naming_places_and_days_are_said_with_them() {
        let error = ApiError::Invalid(vec![
            FieldError::new(
                "place.name",
                "must be one of the accreditation's permitted places: Bản Lác; Mai Châu",
            ),
            FieldError::new(
                "starts_at",
                "must lie within 2026-12-01 – 2026-12-05 (in Asia/Ho_Chi_Minh)",
            ),
        ]);
        let shown = errors(error, Tr::new(Lang::Vi), &["starts_at", "place_name"]).unwrap();
        assert_eq!(
            shown.get("starts_at"),
            Some(
                "Phải nằm trong thời gian của hồ sơ tác nghiệp, từ 01/12/2026 đến 05/12/2026 (theo giờ Việt Nam)"
            )
        );
        assert_eq!(
            shown.get("place_name"),
            Some("Phải là một trong các địa điểm được phép tác nghiệp: Bản Lác; Mai Châu")
        );
        let t = Tr::new(Lang::Vi);
        assert_ne!(
            t.phrase("an accreditation is approved only after the police have cleared it (security review `cleared`)"),
            "an accreditation is approved only after the police have cleared it (security review `cleared`)"
        );
    }
}
