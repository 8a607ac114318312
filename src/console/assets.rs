//! The console's stylesheet and script, compiled into the binary and served
//! under names that carry a hash of their content: a browser keeps them for
//! a year, and a new release's files have new names. Nothing is fetched
//! from another host.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};

/// One file: its served name and bytes.
#[derive(Debug)]
pub struct Asset {
    pub path: String,
    content_type: &'static str,
    bytes: &'static [u8],
}

impl Asset {
    fn new(stem: &str, extension: &str, content_type: &'static str, bytes: &'static [u8]) -> Self {
        let digest = Sha256::digest(bytes);
        let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
        Self {
            path: format!("/assets/{stem}.{hash}.{extension}"),
            content_type,
            bytes,
        }
    }
}

/// The files every page links.
#[derive(Debug)]
pub struct Assets {
    pub css: Asset,
    pub js: Asset,
}

pub static ASSETS: LazyLock<Assets> = LazyLock::new(|| Assets {
    css: Asset::new(
        "console",
        "css",
        "text/css; charset=utf-8",
        // One file per part of the console, served as one.
        concat!(
            include_str!("assets/console.css"),
            include_str!("assets/delegation.css"),
            include_str!("assets/schedule.css"),
            include_str!("assets/press.css"),
            include_str!("assets/meetings.css"),
            include_str!("assets/admin.css"),
            include_str!("assets/print.css"),
        )
        .as_bytes(),
    ),
    js: Asset::new(
        "console",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/console.js"),
    ),
});

/// `GET /assets/{name}`: a file by its hashed name; 404 for any other name.
#[get("/assets/{name}")]
pub async fn asset(name: web::Path<String>) -> ApiResult<HttpResponse> {
    let wanted = format!("/assets/{name}");
    let file = [&ASSETS.css, &ASSETS.js]
        .into_iter()
        .find(|a| a.path == wanted)
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, file.content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(file.bytes))
}
