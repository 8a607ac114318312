//! The HTTP surface: one module per resource, each with its request and
//! response types and its handlers. Handlers extract, authorise, call the
//! database layer and answer; rules live in `domain/`.

pub mod accreditation;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod conference;
pub mod deadlines;
pub mod delegation;
pub mod export;
pub mod health;
pub mod import;
pub mod inbox;
pub mod interview;
pub mod itinerary;
pub mod me;
pub mod member;
pub mod report;
pub mod reporter;
pub mod review;
pub mod schedule;
pub mod settings;
pub mod subscription;
pub mod transitions;
pub mod unit;
pub mod user;

use actix_web::dev::{ServiceFactory, ServiceRequest};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::UtoipaApp;
use utoipa_actix_web::scope::scope;

/// The one list of routes: the served application and the OpenAPI document
/// are both built from it, so they cannot drift apart.
pub fn register<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.service(health::healthz)
        .service(health::readyz)
        .service(crate::http::metrics::metrics)
        .service(calendar::public_feed)
        .service(calendar::subscription_feed)
        .service(
            scope("/api/v1")
                .service(auth::login)
                .service(me::get_me)
                .service(me::change_password)
                .service(me::get_mail_settings)
                .service(me::set_mail_settings)
                .service(unit::list_units)
                .service(unit::create_unit)
                .service(unit::get_unit)
                .service(unit::update_unit)
                .service(unit::merge_unit)
                .service(user::list_users)
                .service(user::create_user)
                .service(user::get_user)
                .service(user::get_user_mail_settings)
                .service(user::update_user)
                .service(audit::list_audit)
                .service(delegation::list_delegations)
                .service(delegation::create_delegation)
                .service(delegation::get_delegation)
                .service(delegation::update_delegation)
                .service(delegation::delete_delegation)
                .service(transitions::transition_delegation)
                .service(transitions::review_delegation)
                .service(transitions::delegation_history)
                .service(member::list_members)
                .service(member::add_member)
                .service(member::update_member)
                .service(member::delete_member)
                .service(itinerary::list_items)
                .service(itinerary::add_item)
                .service(itinerary::update_item)
                .service(itinerary::delete_item)
                .service(import::import_itinerary)
                .service(inbox::get_inbox)
                .service(inbox::delegation_deadlines)
                .service(inbox::accreditation_deadlines)
                .service(deadlines::conference_deadlines)
                .service(deadlines::interview_deadlines)
                .service(settings::get_settings)
                .service(settings::update_settings)
                .service(settings::calendar_days)
                .service(settings::list_swaps)
                .service(settings::replace_swaps)
                .service(settings::put_swap)
                .service(settings::delete_swap)
                .service(schedule::get_schedule)
                .service(subscription::list_subscriptions)
                .service(subscription::create_subscription)
                .service(subscription::revoke_subscription)
                .service(reporter::list_reporters)
                .service(reporter::create_reporter)
                .service(reporter::get_reporter)
                .service(reporter::update_reporter)
                .service(accreditation::covering_accreditations)
                .service(accreditation::list_accreditations)
                .service(accreditation::create_accreditation)
                .service(accreditation::get_accreditation)
                .service(accreditation::update_accreditation)
                .service(accreditation::transition_accreditation)
                .service(accreditation::review_accreditation)
                .service(accreditation::list_activities)
                .service(accreditation::add_activity)
                .service(accreditation::update_activity)
                .service(accreditation::transition_activity)
                .service(interview::list_interviews)
                .service(interview::create_interview)
                .service(interview::get_interview)
                .service(interview::update_interview)
                .service(interview::transition_interview)
                .service(conference::list_conferences)
                .service(conference::create_conference)
                .service(conference::get_conference)
                .service(conference::update_conference)
                .service(conference::transition_conference)
                .service(conference::list_attendees)
                .service(conference::add_attendee)
                .service(report::unit_reports::list_unit_reports)
                .service(report::unit_reports::create_unit_report)
                .service(report::unit_reports::get_unit_report)
                .service(report::unit_reports::update_unit_report)
                .service(report::unit_reports::transition_unit_report)
                .service(report::unit_reports::get_reports_overview)
                .service(report::figures::get_report_figures)
                .service(report::documents::unit_report_document)
                .service(report::documents::province_report_document)
                .service(export::api::export_delegations)
                .service(export::api::export_members)
                .service(export::api::export_reporters)
                .service(export::api::export_accreditations)
                .service(export::api::export_interviews)
                .service(export::api::export_conferences)
                .service(export::api::export_schedule)
                .service(export::api::export_audit)
                // The document itself: served, not described in itself.
                .route("/openapi.json", actix_web::web::get().to(serve_document)),
        )
}

/// Where the OpenAPI document is served.
pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";

/// The OpenAPI document as served: the bytes of `openapi/openapi.json`.
#[derive(Debug)]
pub struct Document(pub(crate) String);

impl Document {
    /// The routes' document, finished for generated clients
    /// (`openapi::finish`).
    pub fn new(document: &utoipa::openapi::OpenApi) -> Self {
        let document = crate::openapi::finish(document.clone());
        let mut json = document.to_pretty_json().unwrap_or_default();
        json.push('\n');
        Self(json)
    }
}

async fn serve_document(document: actix_web::web::Data<Document>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(document.0.clone())
}

pub(crate) use crate::model::input::{
    ActionRequest, cursor, day, instant, limit, not_blank, rule, trimmed,
};

/// A file's bytes, for the document: an .xlsx or .docx answer is
/// `format: binary` (not an array of numbers, as `Vec<u8>` would say).
#[derive(Debug)]
pub struct BinaryFileDoc;

impl utoipa::PartialSchema for BinaryFileDoc {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("A file's bytes."))
            .build()
            .into()
    }
}

impl ToSchema for BinaryFileDoc {
    fn name() -> std::borrow::Cow<'static, str> {
        "BinaryFile".into()
    }
}

/// A page of a list: the items and where the next page starts (`null` at the end).
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` when this is the last.
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

/// Answers requests no route took: 405 (with `Allow`) when the path is
/// known but not the method, else 404. The known paths are the document's,
/// matched segment by segment: as `ResourceDef`s they were 36 regexes more
/// per worker, for answers that are mistakes (issue 18, the peak RSS).
#[derive(Debug)]
pub struct Fallback {
    routes: Vec<(Template, String)>,
}

/// A documented path, `/api/v1/delegations/{id}/members`: a `{…}` segment
/// stands for any one non-empty segment, as in actix's router.
#[derive(Debug)]
struct Template(Vec<Option<String>>);

impl Template {
    fn new(path: &str) -> Self {
        Self(
            path.split('/')
                .map(|segment| (!segment.starts_with('{')).then(|| segment.to_owned()))
                .collect(),
        )
    }

    fn matches(&self, path: &str) -> bool {
        let mut segments = path.split('/');
        self.0.iter().all(|want| {
            segments.next().is_some_and(|got| match want {
                Some(fixed) => got == fixed,
                None => !got.is_empty(),
            })
        }) && segments.next().is_none()
    }

    fn has_parameters(&self) -> bool {
        self.0.iter().any(Option::is_none)
    }
}

impl Fallback {
    pub fn new(document: &utoipa::openapi::OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ];
                let allow: Vec<&str> = methods
                    .iter()
                    .filter(|(_, has)| *has)
                    .map(|(m, _)| *m)
                    .collect();
                (Template::new(path), allow.join(", "))
            })
            .collect();
        Self { routes }
    }

    /// 405 for a request to a documented path without parameters (say
    /// `/accreditations/covering`) by a method it does not take, which the
    /// router would otherwise hand to a sibling with a parameter
    /// (`/accreditations/{id}`), whose id then fails to parse.
    pub fn wrong_method(
        &self,
        path: &str,
        method: &actix_web::http::Method,
    ) -> Option<actix_web::HttpResponse> {
        let (_, allow) = self
            .routes
            .iter()
            .find(|(template, _)| !template.has_parameters() && template.matches(path))?;
        (!allow.split(", ").any(|m| m == method.as_str())).then(|| self.answer(path))
    }

    pub fn answer(&self, path: &str) -> actix_web::HttpResponse {
        match self
            .routes
            .iter()
            .find(|(template, _)| template.matches(path))
        {
            Some((_, allow)) => {
                let mut res = crate::error::Problem::for_status(
                    actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
                )
                .response();
                if let Ok(value) = actix_web::http::header::HeaderValue::from_str(allow) {
                    res.headers_mut()
                        .insert(actix_web::http::header::ALLOW, value);
                }
                res
            }
            None => actix_web::HttpResponse::from_error(crate::error::ApiError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Template;

    #[test]
    fn a_template_matches_one_non_empty_segment_per_parameter() {
        let members = Template::new("/api/v1/delegations/{id}/members");
        assert!(members.matches("/api/v1/delegations/7/members"));
        assert!(members.matches("/api/v1/delegations/abc/members"));
        assert!(!members.matches("/api/v1/delegations//members"));
        assert!(!members.matches("/api/v1/delegations/7/members/"));
        assert!(!members.matches("/api/v1/delegations/7"));
        assert!(!members.matches("/api/v1/delegations/7/members/1"));
        assert!(!members.matches("/api/v1/units/7/members"));
        assert!(members.has_parameters());
        let covering = Template::new("/api/v1/accreditations/covering");
        assert!(covering.matches("/api/v1/accreditations/covering"));
        assert!(!covering.has_parameters());
    }
}
