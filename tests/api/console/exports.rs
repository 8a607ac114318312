//! Downloads and print views in the console: every list page links its
//! rows as CSV and Excel with the filters it shows, the link answers the
//! file to the signed-in person (and what they may see), and a
//! delegation's programme prints its itinerary by day.

use chrono::Datelike;
use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::fixtures::{Cast, path};
use crate::helpers::{Reply, TestApp};
use crate::on_both_engines;
use crate::schedule_fixtures::two_units_day;

on_both_engines!(
    every_list_page_links_its_rows_as_csv_and_excel,
    a_download_link_answers_the_file_with_the_page_s_filters,
    a_delegation_s_programme_prints_its_itinerary_by_day,
);

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn signed_in(app: &TestApp, username: &str, role: Role) -> Browser {
    super::user(app, username, role).await;
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

/// The rows of a CSV download (after its heading), checking it is one.
fn csv_lines(reply: &Reply) -> Vec<String> {
    assert_eq!(reply.status.as_u16(), 200, "body: {}", reply.text());
    assert_eq!(
        reply.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(reply.body.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(reply.body[3..].to_vec()).unwrap();
    text.split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn every_list_page_links_its_rows_as_csv_and_excel(app: TestApp) {
    let mut admin = signed_in(&app, "quantri", Role::Admin).await;
    for (page_path, list) in [
        ("/delegations", "delegations"),
        ("/reporters", "reporters"),
        ("/accreditations", "accreditations"),
        ("/interviews", "interviews"),
        ("/press-conferences", "press-conferences"),
        ("/schedule", "schedule"),
        ("/audit", "audit"),
    ] {
        let html = page(&admin.get(&app, page_path).await, 200);
        for (format, label) in [("csv", "Tải CSV"), ("xlsx", "Tải Excel")] {
            let link = format!("href=\"/exports/{list}?format={format}\" download>{label}</a>");
            assert!(html.contains(&link), "{page_path}: no {link} in {html}");
        }
        let file = admin
            .get(&app, &format!("/exports/{list}?format=xlsx"))
            .await;
        assert_eq!(file.status.as_u16(), 200, "{list}: {}", file.text());
        assert_eq!(file.header("content-type").as_deref(), Some(XLSX));
        assert!(file.body.starts_with(b"PK\x03\x04"), "{list}");
    }
}

async fn a_download_link_answers_the_file_with_the_page_s_filters(app: TestApp) {
    let cast = Cast::new(&app).await;
    let d = two_units_day(&app, &cast).await;
    let mut clerk = signed_in(&app, "ngoaivu", Role::ForeignAffairs).await;
    // The page's filters ride on its links, days as the office types them.
    let day = d.day.format("%d/%m/%Y").to_string();
    let query = format!(
        "host_unit_id={}&from={}",
        cast.host_unit,
        day.replace('/', "%2F")
    );
    let html = page(
        &clerk.get(&app, &format!("/delegations?{query}")).await,
        200,
    );
    // (askama writes `&` as `&#38;` in an attribute.)
    let link = format!("/exports/delegations?{query}&format=xlsx").replace('&', "&#38;");
    assert!(
        html.contains(&format!("href=\"{link}\"")),
        "no {link} in {html}"
    );
    let ours = app.get(&path(d.ours), &cast.admin.token).await.ok(200);
    let lines = csv_lines(
        &clerk
            .get(&app, &format!("/exports/delegations?{query}&format=csv"))
            .await,
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(ours["reference"].as_str().unwrap()),
        "{lines:?}"
    );
    // The whole province without the filter.
    let all = csv_lines(&clerk.get(&app, "/exports/delegations?format=csv").await);
    assert_eq!(all.len(), 2, "{all:?}");
    // The schedule's week, as its page names it, in the person's language.
    let week = d.day.iso_week();
    let week = format!("{}-W{:02}", week.year(), week.week());
    let lines = csv_lines(
        &clerk
            .get(
                &app,
                &format!("/exports/schedule?week={week}&kind=itinerary_item&format=csv"),
            )
            .await,
    );
    assert_eq!(lines.len(), 2, "two units' items: {lines:?}");
    // A host unit's file holds its own unit only, whatever the link asks.
    let mut host = Browser::new();
    host.sign_in(&app, "so-du-lich").await;
    let theirs = app.get(&path(d.theirs), &cast.admin.token).await.ok(200);
    let lines = csv_lines(&host.get(&app, "/exports/delegations?format=csv").await);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(theirs["reference"].as_str().unwrap()));
    // A filter the list refuses makes no file; nobody signed in gets none.
    let refused = clerk
        .get(&app, "/exports/delegations?status=flying&format=csv")
        .await;
    assert_eq!(refused.status.as_u16(), 422, "{}", refused.text());
    assert!(refused.header("content-disposition").is_none());
    let stranger = Browser::new()
        .get(&app, "/exports/delegations?format=csv")
        .await;
    assert_eq!(stranger.status.as_u16(), 303);
    assert!(stranger.header("location").unwrap().starts_with("/sign-in"));
}

async fn a_delegation_s_programme_prints_its_itinerary_by_day(app: TestApp) {
    let cast = Cast::new(&app).await;
    let d = two_units_day(&app, &cast).await;
    let mut clerk = signed_in(&app, "ngoaivu", Role::ForeignAffairs).await;
    let record = page(
        &clerk.get(&app, &format!("/delegations/{}", d.ours)).await,
        200,
    );
    let programme = format!("/delegations/{}/programme", d.ours);
    assert!(
        record.contains(&format!("href=\"{programme}\"")),
        "{record}"
    );
    assert!(record.contains(&format!(
        "/exports/delegations/{}/members?format=xlsx",
        d.ours
    )));
    let html = page(&clerk.get(&app, &programme).await, 200);
    assert!(html.contains("Chương trình làm việc"), "{html}");
    let day = d.day.format("%d/%m/%Y").to_string();
    assert!(
        html.contains(&format!(", {day}</h2>")),
        "the day's heading: {html}"
    );
    for text in [
        "09:00–10:00",
        "Khu công nghiệp Bờ trái sông Đà",
        "Giám đốc Sở Công Thương",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }
    // The other unit's item is another delegation's programme.
    assert!(!html.contains("Hồ Hòa Bình"), "{html}");
    // Printed, the page is the programme alone: its own stylesheet says so.
    assert!(html.contains("class=\"screen-only"), "{html}");
    // A host unit opens its own delegation's programme, not another's.
    let mut host = Browser::new();
    host.sign_in(&app, "so-du-lich").await;
    let theirs = format!("/delegations/{}/programme", d.theirs);
    page(&host.get(&app, &theirs).await, 200);
    let refused = host.get(&app, &programme).await;
    assert_eq!(refused.status.as_u16(), 404, "{}", refused.text());
}
