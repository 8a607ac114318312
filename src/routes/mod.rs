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
///
/// Each worker registers them on a plain `App` ([`register_plain`]); the
/// document is built once per process from [`register`]: building it is
/// about 20 MB of short-lived allocations, which each worker's arena kept
/// (bench/run's peak RSS, issue 18).
macro_rules! routes {
    (top: [$($top:path),* $(,)?], api: [$($api:path),* $(,)?] $(,)?) => {
        /// The routes with their documentation, for the OpenAPI document.
        pub fn register<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
        where
            T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
        {
            app$(.service($top))*.service(
                scope("/api/v1")$(.service($api))*
                    // The document itself: served, not described in itself.
                    .route("/openapi.json", actix_web::web::get().to(serve_document)),
            )
        }

        /// The same routes on a plain `App`: what a worker serves.
        pub fn register_plain<T>(app: actix_web::App<T>) -> actix_web::App<T>
        where
            T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
        {
            app$(.service($top))*.service(
                actix_web::web::scope("/api/v1")$(.service($api))*
                    .route("/openapi.json", actix_web::web::get().to(serve_document)),
            )
        }
    };
}

routes! {
    top: [
        health::healthz,
        health::readyz,
        crate::http::metrics::metrics,
        calendar::public_feed,
        calendar::subscription_feed,
    ],
    api: [
        auth::login,
        me::get_me,
        me::change_password,
        me::get_mail_settings,
        me::set_mail_settings,
        unit::list_units,
        unit::create_unit,
        unit::get_unit,
        unit::update_unit,
        unit::merge_unit,
        user::list_users,
        user::create_user,
        user::get_user,
        user::get_user_mail_settings,
        user::update_user,
        audit::list_audit,
        delegation::list_delegations,
        delegation::create_delegation,
        delegation::get_delegation,
        delegation::update_delegation,
        delegation::delete_delegation,
        transitions::transition_delegation,
        transitions::review_delegation,
        transitions::delegation_history,
        member::list_members,
        member::add_member,
        member::update_member,
        member::delete_member,
        itinerary::list_items,
        itinerary::add_item,
        itinerary::update_item,
        itinerary::delete_item,
        import::import_itinerary,
        inbox::get_inbox,
        inbox::delegation_deadlines,
        inbox::accreditation_deadlines,
        deadlines::conference_deadlines,
        deadlines::interview_deadlines,
        settings::get_settings,
        settings::update_settings,
        settings::calendar_days,
        settings::list_swaps,
        settings::replace_swaps,
        settings::put_swap,
        settings::delete_swap,
        schedule::get_schedule,
        subscription::list_subscriptions,
        subscription::create_subscription,
        subscription::revoke_subscription,
        reporter::list_reporters,
        reporter::create_reporter,
        reporter::get_reporter,
        reporter::update_reporter,
        accreditation::covering_accreditations,
        accreditation::list_accreditations,
        accreditation::create_accreditation,
        accreditation::get_accreditation,
        accreditation::update_accreditation,
        accreditation::transition_accreditation,
        accreditation::review_accreditation,
        accreditation::list_activities,
        accreditation::add_activity,
        accreditation::update_activity,
        accreditation::transition_activity,
        interview::list_interviews,
        interview::create_interview,
        interview::get_interview,
        interview::update_interview,
        interview::transition_interview,
        conference::list_conferences,
        conference::create_conference,
        conference::get_conference,
        conference::update_conference,
        conference::transition_conference,
        conference::list_attendees,
        conference::add_attendee,
        report::unit_reports::list_unit_reports,
        report::unit_reports::create_unit_report,
        report::unit_reports::get_unit_report,
        report::unit_reports::update_unit_report,
        report::unit_reports::transition_unit_report,
        report::unit_reports::get_reports_overview,
        report::figures::get_report_figures,
        report::documents::unit_report_document,
        report::documents::province_report_document,
        export::api::export_delegations,
        export::api::export_members,
        export::api::export_reporters,
        export::api::export_accreditations,
        export::api::export_interviews,
        export::api::export_conferences,
        export::api::export_schedule,
        export::api::export_audit,
    ],
}

/// Where the OpenAPI document is served.
pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";

/// The routes' document, finished for generated clients
/// (`openapi::finish`): pretty JSON, newline-terminated, as committed.
pub fn document_text(document: &utoipa::openapi::OpenApi) -> String {
    let document = crate::openapi::finish(document.clone());
    let mut json = document.to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

/// The committed document, as it is: a static body, not copied per request.
async fn serve_document() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(crate::openapi::COMMITTED)
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
    /// The paths of `document` (OpenAPI JSON) and the methods each takes.
    pub fn new(document: &str) -> Result<Self, serde_json::Error> {
        /// Only what the fallback reads of the document: each path's methods.
        #[derive(serde::Deserialize)]
        struct Paths {
            paths: std::collections::BTreeMap<
                String,
                std::collections::BTreeMap<String, serde::de::IgnoredAny>,
            >,
        }
        let Paths { paths } = serde_json::from_str(document)?;
        let routes = paths
            .iter()
            .map(|(path, item)| {
                let allow: Vec<&str> = ["GET", "POST", "PUT", "PATCH", "DELETE"]
                    .into_iter()
                    .filter(|m| item.contains_key(&m.to_ascii_lowercase()))
                    .collect();
                (Template::new(path), allow.join(", "))
            })
            .collect();
        Ok(Self { routes })
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
