//! visitdesk: the service a Vietnamese province runs its foreign-information
//! work with. `app` builds the HTTP application shared by `main` and the
//! tests; `openapi::document` the OpenAPI document, from the same routes.

pub mod cli;
pub mod config;
pub mod console;
pub mod db;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod error;
pub mod generate;
pub mod http;
pub mod mail;
pub mod model;
pub mod openapi;
pub mod ops;
pub mod routes;

use std::net::TcpListener;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpServer, web};
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Config;
use crate::db::Db;
use crate::error::ApiError;
use crate::http::auth::TokenKeys;

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Config,
    pub tokens: TokenKeys,
    /// Signs the console's CSRF tokens.
    pub csrf: console::session::CsrfKey,
    /// The feeds' validators, to answer a polling calendar app's 304
    /// without reading the feed.
    pub feed_tags: db::calendar::FeedTags,
    /// How many password hashes and big answers run at once.
    pub limits: http::limits::Limits,
    /// Feed bodies and weeks of the schedule already built from the data
    /// as it is (`db::notify` says when that is no longer so).
    pub kept_answers: http::kept_answers::KeptAnswers,
    /// The token `/metrics` answers to; `None` (the default) keeps it
    /// closed. Beside the configuration rather than in it so that every
    /// `Config` built by hand stays valid; `serve` sets it from its flags.
    pub metrics: Option<http::metrics::MetricsToken>,
    /// The account behind each token and the province's calendar, kept
    /// while nothing is written ([`db::kept`]).
    pub kept_reads: std::sync::Arc<http::auth::KeptReads>,
}

impl AppState {
    /// Takes a [`db::ServingDb`]: answers are kept in memory
    /// (`kept_answers`, `feed_tags`), so the database must be watched.
    pub fn new(db: db::ServingDb, config: Config) -> Self {
        let db = db.into_db();
        let kept_reads = std::sync::Arc::new(http::auth::KeptReads::new(db.changes().clone()));
        let tokens = TokenKeys::new(&config.jwt_secret, config.token_lifetime);
        let csrf = console::session::CsrfKey::new(&config.jwt_secret);
        Self {
            db,
            config,
            tokens,
            csrf,
            feed_tags: db::calendar::FeedTags::default(),
            limits: http::limits::Limits::default(),
            kept_answers: http::kept_answers::KeptAnswers::default(),
            metrics: None,
            kept_reads,
        }
    }
}

/// What every worker's application shares: the 404/405 answers drawn from
/// the OpenAPI document's paths, read once per process.
#[derive(Debug, Clone)]
pub struct Shared {
    fallback: web::Data<routes::Fallback>,
}

impl Shared {
    /// Reads the paths of the committed document ([`openapi::COMMITTED`]);
    /// an error only if that document is not JSON, which the suite rules out.
    pub fn new() -> std::io::Result<Self> {
        let fallback = routes::Fallback::new(openapi::COMMITTED).map_err(std::io::Error::other)?;
        Ok(Self {
            fallback: web::Data::new(fallback),
        })
    }
}

/// The application: routes, documentation and the request-wide middleware.
pub fn app(
    state: web::Data<AppState>,
    shared: Shared,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let body_limit = state.config.body_limit;
    let app = App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::new(body_limit))
        .app_data(web::PathConfig::default().error_handler(|_, req| {
            // `PATCH /accreditations/covering` reaches `/accreditations/{id}`.
            req.app_data::<web::Data<routes::Fallback>>()
                .and_then(|f| f.wrong_method(req.path(), req.method()))
                .map_or_else(
                    || ApiError::NotFound.into(),
                    |answer| actix_web::error::InternalError::from_response("", answer).into(),
                )
        }))
        .app_data(
            web::QueryConfig::default()
                .error_handler(|e, _| ApiError::invalid("query", e.to_string()).into()),
        );
    routes::register_plain(app)
        .service(web::redirect("/docs", "/docs/"))
        .service(
            SwaggerUi::new("/docs/{_:.*}")
                .config(utoipa_swagger_ui::Config::from(routes::DOCUMENT_PATH)),
        )
        .app_data(shared.fallback)
        .service(console::scope())
        .default_service(web::to(
            |req: HttpRequest, fallback: web::Data<routes::Fallback>| async move {
                fallback.answer(req.path())
            },
        ))
        .wrap(from_fn(http::middleware::problem_errors))
        .wrap(from_fn(http::middleware::request_log))
}

/// Binds the server on `listener` (graceful shutdown on SIGTERM and SIGINT:
/// requests in flight are finished, up to 30 seconds).
pub fn server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let workers = state.config.workers.unwrap_or_else(config::cores).max(1);
    let blocking = blocking_threads(state.config.pool.max_connections, workers);
    let state = web::Data::new(state);
    let shared = Shared::new()?;
    let server = HttpServer::new(move || app(state.clone(), shared.clone()))
        .workers(workers)
        .worker_max_blocking_threads(blocking)
        // A big answer leaves in slices; with Nagle's algorithm the last
        // small segment waited for the client's delayed ACK: 40 ms more at
        // p99 (bench/run, one client).
        .tcp_nodelay(true)
        .shutdown_timeout(30)
        .client_request_timeout(Duration::from_secs(30))
        .listen(listener)?;
    Ok(server.run())
}

/// Threads per worker for work off the async workers (database calls,
/// password hashes): enough to keep every pooled connection busy, and no
/// more. actix's default (512 over the workers) let a burst of sixteen
/// schedule requests start seventy threads, each keeping its own freed
/// memory (bench/run: peak RSS 155 MB against 48 MB before the burst).
fn blocking_threads(connections: u32, workers: usize) -> usize {
    let connections = usize::try_from(connections).unwrap_or(usize::MAX);
    connections.div_ceil(workers).max(2)
}
