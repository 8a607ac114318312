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

mod audit;
mod auth;
mod cli;
mod concurrency;
mod conference_deadlines;
mod console;
mod covering;
mod deadlines;
mod delegation_input;
mod delegation_visibility;
mod delegation_workflow;
mod delegations;
mod demo;
mod durability;
mod errors;
mod expiry;
mod exports;
mod extremes;
mod feeds;
mod fuzz_http;
mod generate;
mod ical_property;
mod import;
mod inbox;
mod mail;
mod matrix;
mod metrics;
mod openapi;
mod ops;
mod parsers_property;
mod press_activities;
mod press_inbox;
mod press_records;
mod press_rules;
mod press_visibility;
mod press_workflows;
mod range_repair;
mod report_documents;
mod report_figures;
mod scale_out;
mod schedule;
mod unit_reports;
mod units;
mod users;
