//! HTTP plumbing shared by the JSON API and the console: who is asking
//! (tokens), typed input (extractors), the request log and problem answers
//! (middleware), bounds on costly work (limits), answers kept while the
//! data they were built from stands (kept answers), and what is counted for
//! Prometheus (metrics).

pub mod auth;
pub mod extract;
pub mod kept_answers;
pub mod limits;
pub mod metrics;
pub mod middleware;
