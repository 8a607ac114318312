//! (being written)

use actix_web::web;

/// This part's routes.
pub fn register(_cfg: &mut web::ServiceConfig) {}
