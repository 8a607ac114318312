//! Integration tests over HTTP against the real application and a real
//! database: every database test runs on SQLite and on PostgreSQL.

#![expect(
    clippy::unwrap_used,
    reason = "a test that cannot set itself up should fail loudly"
)]

mod helpers;

mod audit;
mod auth;
mod cli;
mod demo;
mod errors;
mod openapi;
mod units;
mod users;
