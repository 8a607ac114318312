//! The console over HTTP, as a browser without JavaScript uses it: cookies
//! kept between requests, forms posted with the CSRF token of the page they
//! came from. The browser tests (tests/browser/) click through the same
//! pages in Chromium; these check what a person would notice, fast, on both
//! engines.

mod delegation;
mod schedule;
mod security;
mod sign_in;

use std::collections::BTreeMap;

use awc::http::Method;

use crate::helpers::{Reply, TestApp};

/// A browser: its cookies, and the CSRF token of the last page it read.
#[derive(Debug, Default)]
pub struct Browser {
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
}

impl Browser {
    pub fn new() -> Self {
        Self::default()
    }

    /// A cookie this browser holds.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Drops a cookie (as a browser that never had it).
    pub fn forget(&mut self, name: &str) {
        self.cookies.remove(name);
    }

    fn keep(&mut self, reply: &Reply) {
        for value in reply.headers.get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let removed = text.to_ascii_lowercase().contains("max-age=0");
            if value.is_empty() || removed {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        if let Some(token) = csrf_of(&reply.text()) {
            self.csrf = Some(token);
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// GET `path` (redirects are not followed: see `follow`).
    pub async fn get(&mut self, app: &TestApp, path: &str) -> Reply {
        let req = app
            .request(Method::GET, path)
            .insert_header(("cookie", self.cookie_header()));
        let reply = app.finish(req.send()).await;
        self.keep(&reply);
        reply
    }

    /// POSTs a form with `fields` and the CSRF token of the last page read.
    pub async fn post(&mut self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(app, path, &all).await
    }

    /// POSTs exactly `fields` (no CSRF token added).
    pub async fn post_raw(&mut self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = app
            .request(Method::POST, path)
            .insert_header(("cookie", self.cookie_header()))
            .insert_header(("content-type", "application/x-www-form-urlencoded"));
        let reply = app.finish(req.send_body(body)).await;
        self.keep(&reply);
        reply
    }

    /// Follows a 303 answer to the page it names.
    pub async fn follow(&mut self, app: &TestApp, reply: &Reply) -> Reply {
        assert_eq!(reply.status.as_u16(), 303, "body: {}", reply.text());
        let location = reply.header("location").unwrap();
        self.get(app, &location).await
    }

    /// Signs in as `username` (password of the test users) and lands home.
    pub async fn sign_in(&mut self, app: &TestApp, username: &str) -> Reply {
        self.get(app, "/sign-in").await;
        let reply = self
            .post(
                app,
                "/sign-in",
                &[("username", username), ("password", crate::helpers::PASSWORD)],
            )
            .await;
        assert_eq!(reply.status.as_u16(), 303, "sign-in: {}", reply.text());
        self.follow(app, &reply).await
    }
}

/// The CSRF token in a page's forms.
pub fn csrf_of(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// Asserts a page (200 unless told) in HTML, and returns its text.
pub fn page(reply: &Reply, status: u16) -> String {
    assert_eq!(reply.status.as_u16(), status, "body: {}", reply.text());
    assert!(
        reply
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/html")),
        "not a page: {:?}",
        reply.header("content-type")
    );
    reply.text()
}
