//! Integration tests over HTTP against the real application and a real
//! database: every database test runs on SQLite and on PostgreSQL.

#![expect(
    clippy::unwrap_used,
    reason = "a test that cannot set itself up should fail loudly"
)]

mod support;

/// The shared set-up, named from the crate root (`crate::helpers::TestApp`)
/// wherever a test lives.
pub(crate) use support::{
    conformance, feed_checks, fixtures, helpers, press_fixtures, schedule_fixtures,
};

// One folder per resource of the JSON API, as in src/routes/; `press/` holds
// what spans all the press side's records.
mod accreditation;
mod audit;
mod auth;
mod calendar;
mod deadlines;
mod delegation;
mod export;
mod import;
mod inbox;
mod press;
mod report;
mod schedule;
mod unit;
mod user;

// The HTML faces (src/console/) and e-mail.
mod console;
mod mail;

// The whole service over HTTP, and the binary as an operator runs it.
mod operations;
mod service;
