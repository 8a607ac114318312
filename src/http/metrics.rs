//! What the service counts for Prometheus (`GET /metrics`): requests by route
//! template and status, their latency, the database pools (connections in
//! use and idle, how long a checkout waited, checkouts that timed out), kept
//! answers served or rebuilt, the outbox's depth, and the build.
//!
//! The counters live in one registry for the whole process, so that any
//! part of the code (the kept answers, the pools) can count without being
//! handed the application state; a process serves one application. The
//! `prometheus` crate (tikv's, the client the Prometheus project lists for
//! Rust) without its default features: typed families and the text
//! encoder, nothing else (no protobuf, no HTTP server of its own). The
//! `metrics` facade with its exporter would add a global recorder and a
//! layer of indirection for the same text.
//!
//! Not public by default: `/metrics` answers 404 unless a token is
//! configured (`--metrics-token`, `VISITDESK_METRICS_TOKEN`), and then only
//! to `Authorization: Bearer <token>`. A token rather than a second listen
//! address: the scraper reaches the same address as the load balancer's
//! health checks (no second port to open in a province's firewall), and
//! Prometheus sends a bearer token from a file (`authorization:
//! credentials_file`). Request paths are never labels (a path holds ids and
//! feed tokens); the route's template is.

use std::sync::LazyLock;
use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use prometheus::{
    HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::{ApiError, ApiResult, NotFoundProblem, UnauthorizedProblem, UnavailableProblem};

/// The shortest metrics token accepted, in bytes (as for the JWT secret).
pub const MIN_TOKEN_LEN: usize = 32;

/// The bearer token `/metrics` answers to. Only its hash is kept, and
/// compared, so the comparison's time says nothing of the token.
#[derive(Clone)]
pub struct MetricsToken([u8; 32]);

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(<hidden>)")
    }
}

impl MetricsToken {
    pub fn new(token: &str) -> Result<Self, String> {
        if token.len() < MIN_TOKEN_LEN {
            return Err(format!(
                "the metrics token is {} bytes long; at least {MIN_TOKEN_LEN} are required",
                token.len()
            ));
        }
        Ok(Self(Sha256::digest(token.as_bytes()).into()))
    }

    fn admits(&self, request: &HttpRequest) -> bool {
        request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| {
                <[u8; 32]>::from(Sha256::digest(given.trim().as_bytes())) == self.0
            })
    }
}

/// Latency buckets, in seconds: from a kept answer (under a millisecond)
/// to a ten-year export at the request timeout.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Time to check a connection out of a pool, in seconds: immediate when one
/// is idle, up to the acquire timeout (10 s) when all are busy.
const WAIT_BUCKETS: &[f64] = &[
    0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0,
];

/// The process's metrics, registered once.
struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    kept_answers: IntCounterVec,
    pool_connections: IntGaugeVec,
    pool_wait: HistogramVec,
    pool_timeouts: IntCounterVec,
    outbox_pending: IntGauge,
}

/// Registers `metric` in `registry`; the definitions are constants, so a
/// failure is a programming error caught by every test that scrapes.
fn registered<M: prometheus::core::Collector + Clone + 'static>(
    registry: &Registry,
    metric: prometheus::Result<M>,
) -> M {
    #[expect(
        clippy::expect_used,
        reason = "constant definitions, checked by the tests"
    )]
    let metric = metric.expect("a valid metric definition");
    #[expect(clippy::expect_used, reason = "each name is registered once")]
    registry
        .register(Box::new(metric.clone()))
        .expect("a metric registered once");
    metric
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let registry = Registry::new();
    let build = registered(
        &registry,
        IntGaugeVec::new(
            Opts::new(
                "visitdesk_build_info",
                "The running build: its version (always 1)",
            ),
            &["version"],
        ),
    );
    build.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
    Metrics {
        requests: registered(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "visitdesk_http_requests_total",
                    "Requests answered, by method, route template and status",
                ),
                &["method", "route", "status"],
            ),
        ),
        latency: registered(
            &registry,
            HistogramVec::new(
                HistogramOpts::new(
                    "visitdesk_http_request_duration_seconds",
                    "Time from a request's arrival to its answer's head, by method and route template",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["method", "route"],
            ),
        ),
        kept_answers: registered(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "visitdesk_kept_answers_total",
                    "Look-ups of kept answers (feeds, schedule weeks), by kind and result (hit or miss)",
                ),
                &["kind", "result"],
            ),
        ),
        pool_connections: registered(
            &registry,
            IntGaugeVec::new(
                Opts::new(
                    "visitdesk_db_pool_connections",
                    "Database connections of each pool, by state (in_use or idle)",
                ),
                &["pool", "state"],
            ),
        ),
        pool_wait: registered(
            &registry,
            HistogramVec::new(
                HistogramOpts::new(
                    "visitdesk_db_pool_wait_seconds",
                    "Time a request waited to check a connection out of a pool",
                )
                .buckets(WAIT_BUCKETS.to_vec()),
                &["pool"],
            ),
        ),
        pool_timeouts: registered(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "visitdesk_db_pool_timeouts_total",
                    "Checkouts that gave up waiting for a connection (answered 503)",
                ),
                &["pool"],
            ),
        ),
        outbox_pending: registered(
            &registry,
            IntGauge::new(
                "visitdesk_outbox_pending",
                "E-mail messages written and not yet sent (the outbox's depth)",
            ),
        ),
        registry,
    }
});

/// Counts one look-up of a kept answer of `kind` (e.g. "schedule_week",
/// "feed"): `hit` when a kept answer was served.
pub fn kept_answer(kind: &'static str, hit: bool) {
    METRICS
        .kept_answers
        .with_label_values(&[kind, if hit { "hit" } else { "miss" }])
        .inc();
}

/// Counts one answered request. `route` is the matched template (None for
/// a path no route matched: never the path itself, which holds ids and
/// tokens and would make a series per record).
pub fn request_answered(method: &str, route: Option<&str>, status: u16, took: Duration) {
    // A method outside HTTP's usual set is one label, not one per spelling.
    let method = match method {
        "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
        _ => "other",
    };
    let route = route.unwrap_or("unmatched");
    let digits = itoa_status(status);
    let status = std::str::from_utf8(&digits).unwrap_or("0");
    METRICS
        .requests
        .with_label_values(&[method, route, status])
        .inc();
    METRICS
        .latency
        .with_label_values(&[method, route])
        .observe(took.as_secs_f64());
}

/// A status code's three digits, without allocating.
fn itoa_status(status: u16) -> [u8; 3] {
    let status = status.min(999);
    [
        b'0' + u8::try_from(status / 100).unwrap_or(0),
        b'0' + u8::try_from(status / 10 % 10).unwrap_or(0),
        b'0' + u8::try_from(status % 10).unwrap_or(0),
    ]
}

/// The pools' checkout waits and timeouts, as r2d2 reports them.
#[derive(Debug, Clone, Copy)]
pub struct PoolEvents {
    pool: &'static str,
}

impl PoolEvents {
    pub fn new(pool: &'static str) -> Self {
        Self { pool }
    }
}

impl r2d2::HandleEvent for PoolEvents {
    fn handle_checkout(&self, event: r2d2::event::CheckoutEvent) {
        METRICS
            .pool_wait
            .with_label_values(&[self.pool])
            .observe(event.duration().as_secs_f64());
    }

    fn handle_timeout(&self, _event: r2d2::event::TimeoutEvent) {
        METRICS.pool_timeouts.with_label_values(&[self.pool]).inc();
    }
}

/// The metrics in Prometheus' text format, version 0.0.4. Closed (404)
/// unless the service was started with a metrics token; then only for
/// `Authorization: Bearer <metrics token>` (not a login token).
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, content_type = "text/plain; version=0.0.4; charset=utf-8", body = String,
         description = "The metrics, for Prometheus", headers(("Cache-Control"))),
        UnauthorizedProblem,
        NotFoundProblem,
        UnavailableProblem,
    )
)]
#[get("/metrics")]
pub async fn metrics(request: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    // Off unless configured: as if there were no such address.
    let token = state.metrics.as_ref().ok_or(ApiError::NotFound)?;
    if !token.admits(&request) {
        return Err(ApiError::Unauthorized(
            "send the metrics token as `Authorization: Bearer <token>`",
        ));
    }
    let depth = state
        .db
        .read(|conn| Ok(crate::db::outbox::pending(conn)?))
        .await?;
    METRICS.outbox_pending.set(depth);
    for (pool, pool_state) in state.db.pool_states() {
        let idle = i64::from(pool_state.idle_connections);
        let in_use = i64::from(pool_state.connections) - idle;
        METRICS
            .pool_connections
            .with_label_values(&[pool, "in_use"])
            .set(in_use);
        METRICS
            .pool_connections
            .with_label_values(&[pool, "idle"])
            .set(idle);
    }
    let families = METRICS.registry.gather();
    let body = prometheus::TextEncoder::new()
        .encode_to_string(&families)
        .map_err(|e| {
            tracing::error!(error = %e, "cannot encode the metrics");
            ApiError::Internal
        })?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, prometheus::TEXT_FORMAT))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tokens_are_refused_and_the_token_is_never_printed() {
        assert!(MetricsToken::new("short").is_err());
        let token = MetricsToken::new(&"t".repeat(40)).unwrap();
        assert!(!format!("{token:?}").contains("tttt"));
    }

    #[test]
    fn status_digits() {
        assert_eq!(&itoa_status(200), b"200");
        assert_eq!(&itoa_status(404), b"404");
        assert_eq!(&itoa_status(503), b"503");
    }
}
