//! The console over HTTP, as a browser without JavaScript uses it: cookies
//! kept between requests, forms posted with the CSRF token of the page they
//! came from. The browser tests (tests/browser/) click through the same
//! pages in Chromium; these check what a person would notice, fast, on both
//! engines.

mod admin;
mod crawl;
mod deadlines;
mod delegation;
mod exports;
mod me;
mod meetings;
mod press;
mod reports;
mod schedule;
mod security;
mod sign_in;

use std::collections::BTreeMap;

use awc::http::Method;

use crate::helpers::{Reply, TestApp};

/// A browser: its cookies, and the CSRF token of the last page it read.
/// Redirects are seen, not followed (`follow` does, as a person's click).
pub struct Browser {
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
    client: awc::Client,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("cookies", &self.cookies)
            .finish_non_exhaustive()
    }
}

impl Default for Browser {
    fn default() -> Self {
        Self {
            cookies: BTreeMap::new(),
            csrf: None,
            client: awc::Client::builder()
                .disable_redirects()
                .timeout(std::time::Duration::from_secs(30))
                .finish(),
        }
    }
}

impl Browser {
    pub fn new() -> Self {
        Self::default()
    }

    fn request(&self, app: &TestApp, method: Method, path: &str) -> awc::ClientRequest {
        self.client
            .request(method, format!("{}{path}", app.address))
            .insert_header(("cookie", self.cookie_header()))
    }

    /// A cookie this browser holds.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Sets a cookie by hand (a copied or forged one).
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
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
        let req = self.request(app, Method::GET, path);
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
        let body = serde_html_form::to_string(fields).unwrap();
        let req = self
            .request(app, Method::POST, path)
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
                &[
                    ("username", username),
                    ("password", crate::helpers::PASSWORD),
                ],
            )
            .await;
        assert_eq!(reply.status.as_u16(), 303, "sign-in: {}", reply.text());
        self.follow(app, &reply).await
    }
}

/// A user of `role` named `username`, in a unit of their own where the
/// role needs one; their password is the test users'.
pub async fn user(app: &TestApp, username: &str, role: visitdesk::domain::role::Role) -> i64 {
    use visitdesk::domain::role::Role;
    use visitdesk::domain::unit::UnitKind;
    let kind = match role {
        Role::Admin => None,
        Role::ForeignAffairs => Some(UnitKind::ForeignAffairs),
        Role::ProvincialOffice => Some(UnitKind::ProvincialOffice),
        Role::Police => Some(UnitKind::Police),
        Role::Viewer => Some(UnitKind::Information),
        Role::HostUnit => Some(UnitKind::Department),
    };
    let unit = match kind {
        Some(kind) => Some(app.make_unit(&format!("Đơn vị của {username}"), kind).await),
        None => None,
    };
    app.make_user(username, role, unit).await
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
