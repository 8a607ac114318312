//! The OpenAPI document's root: info, tags and the bearer scheme. Paths and
//! schemas are collected from the route list in `routes::register`.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::domain::FieldError;
use crate::error::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "visitdesk",
        description = "Foreign-information work of a Vietnamese province: incoming and outgoing \
                       delegations, foreign reporters and their accreditation, leaders' interviews, \
                       press conferences, the police's monitoring schedule and iCal feeds.\n\n\
                       Errors are RFC 9457 `application/problem+json`. Lists take `limit` (1–500, \
                       default 50) and an opaque `cursor`, and answer `{items, next_cursor}`.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Logging in and the logged-in user"),
        (name = "units", description = "The province's offices"),
        (name = "users", description = "Accounts (administrator)"),
        (name = "audit", description = "Who changed what, when (administrator and police)"),
        (name = "delegations", description = "Incoming (đoàn vào) and outgoing (đoàn ra) delegations, their members, itineraries, workflow and security review"),
        (name = "press", description = "Foreign reporters, their accreditation and activities, leaders' interviews, press conferences"),
        (name = "coordination", description = "What waits on whom"),
        (name = "reports", description = "Half-year and annual reports: each unit's report and its workflow, the compiling unit's overview"),
        (name = "exports", description = "Every list as a file to open in Excel (CSV with BOM, or .xlsx), with the list's own filters and visibility; column headings in Vietnamese unless lang=en"),
        (name = "operations", description = "Probes for load balancers and administrators")
    )
)]
struct ApiRoot;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A token from POST /api/v1/auth/login"))
                    .build(),
            ),
        );
    }
}

/// The root with no paths yet.
pub fn root() -> utoipa::openapi::OpenApi {
    ApiRoot::openapi()
}

/// The whole document, as served at `/api/v1/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let app = actix_web::App::new().into_utoipa_app().openapi(root());
    crate::routes::register(app).split_for_parts().1
}

/// The document as committed in `openapi/openapi.json` (pretty, newline-terminated).
pub fn document_json() -> String {
    crate::routes::Document::new(&document()).0
}
