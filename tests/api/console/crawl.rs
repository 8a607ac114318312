//! Every page as every role: a crawler signs in as each role, follows every
//! link the pages offer (GET only), and looks for what that role may not
//! see in the HTML — passport numbers, dates of birth, personal contacts,
//! the police's notes. Absent means absent from the HTML, not hidden by CSS.
//! The roles that may see them must find them (so the search can fail).

use std::collections::{BTreeSet, VecDeque};

use serde_json::json;
use visitdesk::domain::role::Role;

use super::Browser;
use crate::fixtures::{self, Cast, path};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures;

on_both_engines!(no_page_shows_a_role_what_the_api_would_not);

/// Roles that see passport numbers, dates of birth and personal contacts.
const SEES_PERSONAL_DATA: [Role; 3] = [Role::Admin, Role::ForeignAffairs, Role::Police];
/// Roles that see the police's notes.
const SEES_NOTES: [Role; 2] = [Role::Admin, Role::Police];
/// The member's personal data as the fixtures give it (`member_body`).
/// A foreign reporter's, as the press fixtures give it (`reporter_body`).
const PERSONAL: [&str; 5] = [
    "TR1234567",
    "tanaka@example.jp",
    "+81 54 254 0000",
    "TZ1234567",
    "yamada@nhk.example.jp",
];
const NOTES: &str = "Một thành viên có tiền sự";
/// The police's notes on an accreditation (`press_fixtures::review`).
const PRESS_NOTES: &str = "Không có dấu hiệu vi phạm";
/// Text a person typed that a page must show as text, never run.
const HOSTILE: &str = r#"<script>alert("x")</script> "Hội" 'nghị' & <b>"#;
/// How many pages one role's crawl reads at most.
const MAX_PAGES: usize = 150;

async fn no_page_shows_a_role_what_the_api_would_not(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": "concerns", "officer": "Thiếu tá Trần Quang", "notes": NOTES}),
    )
    .await
    .ok(200);
    // A second delegation whose every typed text tries to be HTML.
    let hostile_body = fixtures::merged(
        fixtures::delegation_body("incoming", cast.host_unit),
        json!({"title": HOSTILE, "purpose": HOSTILE, "head_of_delegation": HOSTILE}),
    );
    let hostile = fixtures::create(&app, &cast.foreign_affairs.token, hostile_body).await["id"]
        .as_i64()
        .unwrap();
    fixtures::add_member(
        &app,
        &cast.foreign_affairs.token,
        hostile,
        fixtures::merged(
            fixtures::member_body(HOSTILE),
            json!({"passport_number": "TX1111111"}),
        ),
    )
    .await;
    fixtures::add_item(
        &app,
        &cast.foreign_affairs.token,
        hostile,
        fixtures::merged(
            fixtures::item_body(
                &format!("{}T13:00", fixtures::START),
                &format!("{}T14:00", fixtures::START),
            ),
            json!({"title": HOSTILE, "escort_officer": HOSTILE}),
        ),
    )
    .await;
    // The press side: a foreign reporter, and an accreditation the police
    // reviewed with notes.
    let reporter = press_fixtures::reporter(&app, &cast.foreign_affairs.token, "JP").await;
    let accreditation =
        press_fixtures::accreditation_in(&app, &cast, &[reporter], "submitted").await;
    press_fixtures::review(&app, &cast.police.token, accreditation, "cleared")
        .await
        .ok(200);
    let reporter_page = format!("/reporters/{reporter}");
    let accreditation_page = format!("/accreditations/{accreditation}");
    let record = format!("/delegations/{id}");
    for role in Role::ALL {
        let username = format!("crawl-{}", role.as_str().replace('_', "-"));
        let unit = (role == Role::HostUnit).then_some(cast.host_unit);
        if unit.is_some() {
            app.make_user(&username, role, unit).await;
        } else {
            super::user(&app, &username, role).await;
        }
        let mut browser = Browser::new();
        browser.sign_in(&app, &username).await;
        let pages = crawl(
            &app,
            &mut browser,
            &[
                "/",
                "/delegations",
                &record,
                "/schedule?week=2025-W11",
                "/subscriptions",
                "/me",
            ],
        )
        .await;
        let record_html = pages
            .iter()
            .find(|(p, _)| *p == record)
            .map(|(_, html)| html.clone())
            .unwrap_or_default();
        // The crawl really went through the console, not just its start.
        assert!(pages.len() >= 20, "{role}: only {} pages read", pages.len());
        crate::helpers::report_figure(
            &format!("console_crawl_{}_{:?}", role.as_str(), app.engine).to_lowercase(),
            &format!("{} pages read as {role}", pages.len()),
        );
        let hostile_shown = pages
            .iter()
            .filter(|(_, html)| {
                html.contains("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;")
            })
            .count();
        assert!(
            hostile_shown >= 2,
            "{role}: the typed text is shown on {hostile_shown} pages"
        );
        for (page, html) in &pages {
            // The downloads under /exports/ are files (CSV, .xlsx), not
            // pages: no browser runs what they hold, so typed text stays
            // as typed there; what they may show is checked as a page's.
            if !page.starts_with("/exports/") {
                assert!(
                    !html.contains("<script>alert"),
                    "{role}: {page} runs typed text"
                );
                assert!(!html.contains("<b>"), "{role}: {page} renders typed markup");
            }
            for secret in PERSONAL {
                if !SEES_PERSONAL_DATA.contains(&role) {
                    assert!(!html.contains(secret), "{role} sees {secret} on {page}");
                }
            }
            if !SEES_NOTES.contains(&role) {
                assert!(
                    !html.contains(NOTES),
                    "{role} sees the police's notes on {page}"
                );
            }
        }
        let html_of = |wanted: &str| {
            pages
                .iter()
                .find(|(p, _)| p == wanted)
                .map(|(_, html)| html.clone())
                .unwrap_or_default()
        };
        if SEES_PERSONAL_DATA.contains(&role) {
            assert!(
                html_of(&reporter_page).contains("TZ1234567"),
                "{role}: the reporter's passport"
            );
        }
        if SEES_NOTES.contains(&role) {
            assert!(
                html_of(&accreditation_page).contains(PRESS_NOTES),
                "{role}: the accreditation's notes"
            );
        }
        // The roles that may see them do, on the delegation's page.
        if SEES_PERSONAL_DATA.contains(&role) {
            assert!(
                record_html.contains("TR1234567"),
                "{role} misses the passport number"
            );
        }
        if SEES_NOTES.contains(&role) {
            assert!(
                record_html.contains(NOTES),
                "{role} misses the police's notes"
            );
        }
    }
}

/// The pages reachable from `start` by GET links, with their HTML; every
/// one answers a page (200, or 404/403 for a record the role may not see),
/// never an error of the server.
async fn crawl(app: &TestApp, browser: &mut Browser, start: &[&str]) -> Vec<(String, String)> {
    let mut queue: VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut pages = Vec::new();
    while let Some(path) = queue.pop_front() {
        if pages.len() >= MAX_PAGES {
            break;
        }
        let reply = browser.get(app, &path).await;
        let status = reply.status.as_u16();
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp:?}"
        );
        assert!(
            matches!(status, 200 | 403 | 404),
            "{path} answered {status}: {}",
            reply.text()
        );
        let html = reply.text();
        for link in links(&html) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        pages.push((path, html));
    }
    pages
}

/// The site's own links on a page (not assets, not other hosts, not
/// `webcal:` addresses, no fragments).
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&").replace("&#38;", "&"))
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .filter(|href| !href.starts_with("/assets/") && !href.starts_with("/calendar/"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| !href.is_empty())
        .collect()
}
