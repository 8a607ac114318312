//! The demonstration data: the province's units, a user per role,
//! delegations in both directions and every state, and the press side
//! (reporters, accreditations in every state, interviews, press
//! conferences), loaded twice without doubling anything.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use visitdesk::demo;
use visitdesk::domain::delegation::DelegationStatus;
use visitdesk::domain::itinerary::check_span;
use visitdesk::domain::press::AccreditationStatus;
use visitdesk::domain::role::Role;
use visitdesk::domain::text::{fold, parse_zone};

use crate::fixtures;
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(the_demo_loads_once_and_its_users_log_in);

async fn the_demo_loads_once_and_its_users_log_in(app: TestApp) {
    let db = app.db.clone();
    let first = actix_web::web::block(move || demo::load(&db))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.units_created, 12);
    let entries = app.audit_entries().await.len();
    let db = app.db.clone();
    let second = actix_web::web::block(move || demo::load(&db))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.units_created, 0);
    assert!(
        first.delegations_created >= 12,
        "{}",
        first.delegations_created
    );
    assert_eq!(second.delegations_created, 0);
    assert_eq!(
        app.audit_entries().await.len(),
        entries,
        "a second load changes nothing"
    );
    // The province its reports name; the administrator compiles them.
    let settings = app.get("/api/v1/settings", &app.admin_token).await.ok(200);
    assert_eq!(settings["reports"]["province_name"], "Hòa Bình");
    assert_eq!(settings["reports"]["compiling_unit"], Value::Null);

    let units = app
        .get("/api/v1/units?limit=500", &app.admin_token)
        .await
        .ok(200);
    let names: Vec<&str> = units["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    for name in [
        "Văn phòng UBND tỉnh",
        "Sở Ngoại vụ",
        "Công an tỉnh",
        "Báo Hòa Bình",
        "Bộ Chỉ huy quân sự tỉnh",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    // The harness made `admin` already; the demo's other users log in with the demo password.
    for (username, role) in &first.users {
        if username == "admin" {
            continue;
        }
        let login = app.login(username, demo::DEMO_PASSWORD).await.ok(200);
        assert_eq!(login["user"]["role"], role.as_str());
        assert_eq!(
            role.needs_unit(),
            !login["user"]["unit_id"].is_null(),
            "{username}"
        );
    }
    assert_eq!(first.users.len(), Role::ALL.len());
}

on_both_engines!(the_demo_holds_delegations_in_both_directions_and_every_state);

async fn the_demo_holds_delegations_in_both_directions_and_every_state(app: TestApp) {
    let db = app.db.clone();
    let first = actix_web::web::block(move || demo::load(&db))
        .await
        .unwrap()
        .unwrap();
    let list = app
        .get("/api/v1/delegations?limit=500", &app.admin_token)
        .await
        .ok(200);
    let delegations = list["items"].as_array().unwrap().clone();
    assert_eq!(delegations.len(), first.delegations_created);

    let db = app.db.clone();
    let second = actix_web::web::block(move || demo::load(&db))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.delegations_created, 0);
    let again = app
        .get("/api/v1/delegations?limit=500", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(again["items"], list["items"], "a second load adds nothing");

    let field = |d: &Value, key: &str| d[key].as_str().unwrap().to_owned();
    let directions: HashSet<String> = delegations.iter().map(|d| field(d, "direction")).collect();
    assert!(directions.contains("incoming") && directions.contains("outgoing"));
    for status in DelegationStatus::ALL {
        assert!(
            delegations.iter().any(|d| d["status"] == status.as_str()),
            "no demo delegation is {}",
            status.as_str()
        );
    }
    assert!(
        delegations
            .iter()
            .any(|d| d["status"] == "draft" && d["returned_note"].is_string()),
        "a draft returned with a note"
    );
    let mut zones = HashSet::new();
    for d in &delegations {
        let status = field(d, "status");
        let title = field(d, "title");
        let decided = matches!(
            status.as_str(),
            "approved" | "rejected" | "completed" | "reported"
        );
        // A cancelled delegation keeps what it had reached (here: a decision).
        if status != "cancelled" {
            assert_eq!(d["decision"]["number"].is_string(), decided, "{title}");
        }
        if decided {
            assert!(d["appraisal"]["note"].is_string(), "{title}");
            assert!(d["decision"]["date"].is_string(), "{title}");
        }
        assert_eq!(
            d["report"]["text"].is_string(),
            status == "reported",
            "{title}"
        );
        let prefix = if d["direction"] == "incoming" {
            "DV-"
        } else {
            "DR-"
        };
        assert!(field(d, "reference").starts_with(prefix), "{title}");

        let id = &d["id"];
        let members = app
            .get(
                &format!("/api/v1/delegations/{id}/members"),
                &app.admin_token,
            )
            .await
            .ok(200);
        let members = members["items"].as_array().unwrap();
        assert!(
            members.iter().filter(|m| m["role"] == "head").count() == 1,
            "{title}"
        );
        if d["direction"] == "outgoing" {
            assert!(members.iter().all(|m| m["nationality"] == "VN"), "{title}");
        }
        let first_day: NaiveDate = field(d, "start_date").parse().unwrap();
        let last_day: NaiveDate = field(d, "end_date").parse().unwrap();
        let items = app
            .get(
                &format!("/api/v1/delegations/{id}/itinerary"),
                &app.admin_token,
            )
            .await
            .ok(200);
        let items = items["items"].as_array().unwrap();
        assert!(!items.is_empty(), "{title}");
        for item in items {
            let at = |key: &str| {
                DateTime::parse_from_rfc3339(item[key].as_str().unwrap())
                    .unwrap()
                    .with_timezone(&Utc)
            };
            let zone = parse_zone(item["time_zone"].as_str().unwrap()).unwrap();
            zones.insert(zone.name());
            check_span(at("starts_at"), at("ends_at"), zone, first_day, last_day)
                .unwrap_or_else(|e| panic!("{title}: {} {e:?}", item["title"]));
        }
    }
    for zone in [
        "Asia/Ho_Chi_Minh",
        "Asia/Tokyo",
        "Asia/Vientiane",
        "Europe/Berlin",
        "Europe/Paris",
    ] {
        assert!(zones.contains(zone), "no item in {zone}");
    }

    // The demo host unit has work waiting: a returned draft and a report due.
    let login = app.login("donvi", demo::DEMO_PASSWORD).await.ok(200);
    let token = login["access_token"].as_str().unwrap();
    let inbox = app.get("/api/v1/inbox", token).await.ok(200);
    let reasons: Vec<&str> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("returned")),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.contains("report")), "{reasons:?}");
}

on_both_engines!(the_demo_holds_the_press_side_in_every_state);

/// Every item of a list (one page of at most 500).
async fn all_of(app: &TestApp, path: &str) -> Vec<Value> {
    let page = app
        .get(&format!("/api/v1/{path}?limit=500"), &app.admin_token)
        .await
        .ok(200);
    assert!(page["next_cursor"].is_null(), "{path}: more than a page");
    page["items"].as_array().unwrap().clone()
}

async fn the_demo_holds_the_press_side_in_every_state(app: TestApp) {
    let db = app.db.clone();
    let first = actix_web::web::block(move || demo::load(&db))
        .await
        .unwrap()
        .unwrap();
    let kinds = [
        "reporters",
        "accreditations",
        "interviews",
        "press-conferences",
    ];
    let mut lists = Vec::new();
    for kind in kinds {
        lists.push(all_of(&app, kind).await);
    }
    let [reporters, accreditations, interviews, conferences] = &lists[..] else {
        unreachable!()
    };
    assert_eq!(reporters.len(), first.reporters_created);
    assert_eq!(accreditations.len(), first.accreditations_created);
    assert_eq!(interviews.len(), first.interviews_created);
    assert_eq!(conferences.len(), first.press_conferences_created);
    let newest = fixtures::newest_audit_entry(&app).await;

    let db = app.db.clone();
    let second = actix_web::web::block(move || demo::load(&db))
        .await
        .unwrap()
        .unwrap();
    let made = [
        second.reporters_created,
        second.accreditations_created,
        second.interviews_created,
        second.press_conferences_created,
    ];
    assert_eq!(made, [0; 4], "a second load makes nothing");
    for (kind, before) in kinds.iter().zip(&lists) {
        assert_eq!(
            &all_of(&app, kind).await,
            before,
            "a second load changes no {kind}"
        );
    }
    assert_eq!(
        fixtures::newest_audit_entry(&app).await,
        newest,
        "nor writes an audit entry"
    );

    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    let foreign: HashSet<String> = reporters
        .iter()
        .map(|r| text(r, "nationality"))
        .filter(|n| n != "VN")
        .collect();
    assert!(foreign.len() >= 5, "{foreign:?}");
    assert!(reporters.iter().any(|r| r["nationality"] == "VN"));

    for status in AccreditationStatus::ALL {
        assert!(
            accreditations
                .iter()
                .any(|a| a["status"] == status.as_str()),
            "no demo accreditation is {}",
            status.as_str()
        );
    }
    for a in accreditations {
        let (status, reference) = (text(a, "status"), text(a, "reference"));
        assert!(reference.starts_with("PV-"), "{reference}");
        let review = text(&a["security_review"], "status");
        match status.as_str() {
            "approved" | "completed" | "revoked" => assert_eq!(review, "cleared", "{reference}"),
            "rejected" => assert_eq!(review, "concerns", "{reference}"),
            _ => {}
        }
        if matches!(status.as_str(), "revoked" | "rejected" | "cancelled") {
            assert!(a["status_note"].is_string(), "{reference}");
        }
        let first_day: NaiveDate = text(a, "start_date").parse().unwrap();
        let last_day: NaiveDate = text(a, "end_date").parse().unwrap();
        let places: Vec<String> = a["permitted_places"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| fold(p.as_str().unwrap()))
            .collect();
        let path = format!("/api/v1/accreditations/{}/activities", a["id"]);
        let activities = app.get(&path, &app.admin_token).await.ok(200);
        for item in activities["items"].as_array().unwrap() {
            let at = |key: &str| {
                DateTime::parse_from_rfc3339(item[key].as_str().unwrap())
                    .unwrap()
                    .with_timezone(&Utc)
            };
            let zone = parse_zone(item["time_zone"].as_str().unwrap()).unwrap();
            check_span(at("starts_at"), at("ends_at"), zone, first_day, last_day)
                .unwrap_or_else(|e| panic!("{reference}: {} {e:?}", item["title"]));
            let place = fold(item["place"]["name"].as_str().unwrap());
            assert!(
                places.contains(&place),
                "{reference}: {place} not permitted"
            );
        }
    }
    assert!(
        interviews
            .iter()
            .any(|i| i["accreditation_revoked_at"].is_string()),
        "an interview flagged by a revocation"
    );
    let statuses: HashSet<String> = interviews.iter().map(|i| text(i, "status")).collect();
    assert!(statuses.len() >= 3, "{statuses:?}");
    assert!(interviews.iter().any(|i| i["accreditation_id"].is_null()));
    assert!(
        interviews
            .iter()
            .all(|i| text(i, "reference").starts_with("PH-"))
    );

    assert!(conferences.len() >= 4);
    assert!(conferences.iter().any(|c| c["kind"] == "ad_hoc"));
    assert!(
        conferences
            .iter()
            .filter(|c| c["kind"] == "periodic")
            .count()
            >= 4
    );
    for c in conferences {
        let status = text(c, "status");
        // Announced ones carry the time; one called off before then never did.
        let announced = matches!(status.as_str(), "announced" | "held");
        if announced || status == "planned" {
            assert_eq!(c["announced_at"].is_string(), announced, "{}", c["title"]);
        }
        let path = format!("/api/v1/press-conferences/{}/attendees", c["id"]);
        let attendees = app.get(&path, &app.admin_token).await.ok(200);
        assert_eq!(
            attendees["items"].as_array().unwrap().is_empty(),
            !announced,
            "{}",
            c["title"]
        );
    }
    assert!(
        conferences
            .iter()
            .any(|c| c["status"] == "cancelled" && c["announced_at"].is_null()),
        "one called off before it was announced"
    );
}
