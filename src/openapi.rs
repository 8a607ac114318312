//! The OpenAPI document's root: info, tags and the bearer scheme. Paths and
//! schemas are collected from the route list in `routes::register`, then
//! finished here for generated clients (`finish`).

use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::schema::{AdditionalProperties, ArrayItems, Schema};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
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
    // Where the document is served from: the API's paths are relative to
    // the server's root (OpenAPI's default, said, as Redocly's lint wants).
    servers((url = "/", description = "The server this document was read from")),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Logging in and the logged-in user"),
        (name = "units", description = "The province's offices"),
        (name = "users", description = "Accounts (administrator)"),
        (name = "audit", description = "Who changed what, when (administrator and police)"),
        (name = "delegations", description = "Incoming (đoàn vào) and outgoing (đoàn ra) delegations, their members, itineraries, workflow and security review"),
        (name = "reporters", description = "Foreign reporters who come to the province (Sở Ngoại vụ)"),
        (name = "accreditations", description = "A reporter's accreditation to report in the province, its workflow and security review, and the press activities under it"),
        (name = "interviews", description = "Leaders' interviews with the press, and their workflow"),
        (name = "press-conferences", description = "The province's press conferences (periodic and ad hoc) and a foreign body's, their attendees and workflow"),
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

/// The document as committed in `openapi/openapi.json`, which the service
/// serves at `/api/v1/openapi.json` and reads its known paths from
/// (`routes::Fallback`). The suite holds it equal to what the routes'
/// annotations generate (tests/api/service/openapi.rs), so a build whose code and
/// document differ fails its tests; a running service never generates it:
/// that took about 20 MB of short-lived allocations and 5 MB of code paged
/// in at every start (bench/run's peak RSS, issue 18).
pub const COMMITTED: &str = include_str!("../openapi/openapi.json");

/// The routes' document as the annotations describe it (before
/// `finish`); `document_json` is what is committed.
pub fn document() -> utoipa::openapi::OpenApi {
    let app = actix_web::App::new().into_utoipa_app().openapi(root());
    crate::routes::register(app).split_for_parts().1
}

/// The document as committed in `openapi/openapi.json` (pretty, newline-terminated).
pub fn document_json() -> String {
    crate::routes::document_text(&document())
}

/// What the routes' annotations cannot say, said once for the whole
/// document, so that generated clients (openapi-python-client,
/// openapi-typescript) get the names and types a person would write:
/// - an instance of a generic type is named as the domain names it
///   (`DelegationPage`, not `Page_DelegationView`), and its type argument
///   is referenced, not copied in (utoipa inlines generic arguments, so
///   Python got `PageDelegationViewItemsItem` for a `DelegationView`);
/// - every answer declares `X-Request-Id`, which the middleware sends on
///   all of them;
/// - a response header a route names (`headers(("ETag"))`) gets its one
///   schema and meaning here, declared once under `components/headers`,
///   unless the route gives its own;
/// - an operation that needs no login says so.
pub fn finish(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    name_generic_instances(&mut doc);
    reference_inline_copies(&mut doc);
    declare_headers(&mut doc);
    say_no_login(&mut doc);
    doc
}

/// An operation that needs no login says so (`security: [{}]`, OpenAPI's
/// empty requirement), rather than saying nothing: generators' linters
/// (Redocly's, which openapi-typescript runs) take silence for a mistake.
fn say_no_login(doc: &mut utoipa::openapi::OpenApi) {
    for item in doc.paths.paths.values_mut() {
        for op in operations(item) {
            op.security.get_or_insert_with(|| {
                vec![utoipa::openapi::security::SecurityRequirement::default()]
            });
        }
    }
}

/// How an instance of each generic type is named: `(generic, suffix of
/// the argument dropped, suffix added)`, so `Page<DelegationView>` is a
/// `DelegationPage` and `ActionRequest<ReportAction>` a
/// `ReportActionRequest`. A generic not listed keeps utoipa's
/// `Generic_Argument`, which the document's tests refuse.
const GENERIC_NAMES: [(&str, &str, &str); 3] = [
    ("Page", "View", "Page"),
    ("ActionRequest", "", "Request"),
    ("EntryInput", "Kind", "Input"),
];

fn instance_name(name: &str) -> Option<String> {
    let (generic, argument) = name.split_once('_')?;
    let (_, drop, add) = GENERIC_NAMES.iter().find(|(g, ..)| *g == generic)?;
    Some(format!(
        "{}{add}",
        argument.strip_suffix(drop).unwrap_or(argument)
    ))
}

const SCHEMAS: &str = "#/components/schemas/";

fn name_generic_instances(doc: &mut utoipa::openapi::OpenApi) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let renamed: Vec<(String, String)> = components
        .schemas
        .keys()
        .filter_map(|name| Some((name.clone(), instance_name(name)?)))
        .collect();
    for (old, new) in &renamed {
        if let Some(schema) = components.schemas.remove(old) {
            components.schemas.insert(new.clone(), schema);
        }
    }
    each_schema(doc, &mut |schema| {
        if let RefOr::Ref(r) = schema
            && let Some(name) = r.ref_location.strip_prefix(SCHEMAS)
            && let Some((_, new)) = renamed.iter().find(|(old, _)| old == name)
        {
            r.ref_location = format!("{SCHEMAS}{new}");
        }
    });
}

/// Replaces each copy of a component's schema (an object with properties,
/// or an enum) inside another schema by a reference to it.
fn reference_inline_copies(doc: &mut utoipa::openapi::OpenApi) {
    let Some(components) = doc.components.as_ref() else {
        return;
    };
    let named: Vec<(String, Schema)> = components
        .schemas
        .iter()
        .filter_map(|(name, schema)| match schema {
            RefOr::T(s @ Schema::Object(o))
                if !o.properties.is_empty() || o.enum_values.is_some() =>
            {
                Some((name.clone(), s.clone()))
            }
            _ => None,
        })
        .collect();
    each_schema(doc, &mut |schema| {
        if let RefOr::T(inline) = schema
            && let Some((name, _)) = named.iter().find(|(_, s)| s == inline)
        {
            *schema = RefOr::Ref(Ref::from_schema_name(name.clone()));
        }
    });
}

/// Calls `f` on every schema of the document below the components' roots
/// (properties, items, variants; parameters, bodies, headers), a schema
/// before the schemas it holds.
fn each_schema(doc: &mut utoipa::openapi::OpenApi, f: &mut dyn FnMut(&mut RefOr<Schema>)) {
    fn within(schema: &mut Schema, f: &mut dyn FnMut(&mut RefOr<Schema>)) {
        let children: Vec<&mut RefOr<Schema>> = match schema {
            Schema::Object(o) => {
                let mut all: Vec<&mut RefOr<Schema>> = o.properties.values_mut().collect();
                if let Some(extra) = o.additional_properties.as_deref_mut()
                    && let AdditionalProperties::RefOr(extra) = extra
                {
                    all.push(extra);
                }
                all
            }
            Schema::Array(a) => match &mut a.items {
                ArrayItems::RefOrSchema(items) => vec![&mut **items],
                _ => Vec::new(),
            },
            Schema::OneOf(x) => x.items.iter_mut().collect(),
            Schema::AllOf(x) => x.items.iter_mut().collect(),
            Schema::AnyOf(x) => x.items.iter_mut().collect(),
            _ => Vec::new(),
        };
        for child in children {
            visit(child, f);
        }
    }
    fn visit(schema: &mut RefOr<Schema>, f: &mut dyn FnMut(&mut RefOr<Schema>)) {
        f(schema);
        if let RefOr::T(inner) = schema {
            within(inner, f);
        }
    }

    if let Some(components) = doc.components.as_mut() {
        for schema in components.schemas.values_mut() {
            match schema {
                RefOr::T(root) => within(root, f),
                RefOr::Ref(_) => f(schema),
            }
        }
    }
    for item in doc.paths.paths.values_mut() {
        for op in operations(item) {
            for parameter in op.parameters.iter_mut().flatten() {
                if let RefOr::T(p) = parameter
                    && let Some(schema) = p.schema.as_mut()
                {
                    visit(schema, f);
                }
            }
            if let Some(RefOr::T(body)) = op.request_body.as_mut() {
                for content in body.content.values_mut() {
                    if let RefOr::T(c) = content
                        && let Some(schema) = c.schema.as_mut()
                    {
                        visit(schema, f);
                    }
                }
            }
            for response in op.responses.responses.values_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                for content in response.content.values_mut() {
                    if let RefOr::T(c) = content
                        && let Some(schema) = c.schema.as_mut()
                    {
                        visit(schema, f);
                    }
                }
                for header in response.headers.values_mut() {
                    if let RefOr::T(h) = header
                        && let Some(schema) = h.schema.as_mut()
                    {
                        visit(schema, f);
                    }
                }
            }
        }
    }
}

fn operations(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// The response headers this service sends, and what each means.
const HEADERS: [(&str, &str); 5] = [
    (
        "ETag",
        "The record's version as a strong entity tag, quoted (`\"3\"`): send it back \
         as `If-Match` to change the record only if nobody changed it since",
    ),
    (
        "Location",
        "The path of the record made (`/api/v1/delegations/12`)",
    ),
    (
        "Last-Modified",
        "When the contents last changed (an HTTP date); never moves backwards",
    ),
    ("Cache-Control", "How a cache may keep the answer"),
    (
        REQUEST_ID,
        "This request's id, as the server's log and the audit trail name it: quote it \
         when reporting a problem",
    ),
];

const REQUEST_ID: &str = "X-Request-Id";

fn header(description: &str) -> Header {
    HeaderBuilder::new()
        .schema(Some(
            utoipa::openapi::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String),
        ))
        .description(Some(description))
        .build()
}

/// Declares `HEADERS` once, under `components/headers`, and points to them
/// from each response that names one without saying more; adds
/// `X-Request-Id` to every response.
fn declare_headers(doc: &mut utoipa::openapi::OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, description) in HEADERS {
        components
            .headers
            .insert(name.to_owned(), RefOr::T(header(description)));
    }
    let shared = |name: &str| {
        HEADERS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, _)| RefOr::Ref(Ref::new(format!("#/components/headers/{n}"))))
    };
    for item in doc.paths.paths.values_mut() {
        for op in operations(item) {
            for response in op.responses.responses.values_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                for (name, declared) in response.headers.iter_mut() {
                    if let RefOr::T(h) = declared
                        && h.description.is_none()
                        && let Some(reference) = shared(name)
                    {
                        *declared = reference;
                    }
                }
                if let Some(reference) = shared(REQUEST_ID) {
                    response
                        .headers
                        .entry(REQUEST_ID.to_owned())
                        .or_insert(reference);
                }
            }
        }
    }
}
