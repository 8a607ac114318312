//! The service as a whole over HTTP rather than one resource: the OpenAPI
//! document and the authorization matrix over every operation, bad and
//! extreme input of every kind, fuzzing, many clients at once, the input
//! parsers, and the repair of stored ranges.

mod concurrency;
mod errors;
mod extremes;
mod fuzz_http;
mod matrix;
pub(crate) mod openapi;
mod parsers_property;
mod range_repair;
