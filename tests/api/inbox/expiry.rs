//! Expiry warnings: a member's passport or visa, a reporter's press card,
//! on the record and in the inbox of the unit responsible — and never
//! with the document's data for a role that may not see personal data.

use chrono::{Days, Months};
use serde_json::{Value, json};
use visitdesk::domain::time::province_today;

use crate::fixtures::{self, Cast, delegation_body, merged, path};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures as press;

on_both_engines!(
    a_passport_expiring_five_months_after_entry_is_warned_of,
    warnings_keep_personal_data_from_viewers_and_host_units,
    a_press_card_ending_inside_the_programme_is_warned_of,
    travel_documents_are_personal_data_and_are_checked,
);

/// A submitted incoming delegation of the cast's host unit from 30 days
/// ahead, with one member whose documents are `docs`.
async fn with_member(app: &TestApp, cast: &Cast, docs: Value) -> (i64, String) {
    let start = province_today() + Days::new(30);
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": start, "end_date": start + Days::new(3)}),
    );
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::create(app, fa, body).await["id"]
        .as_i64()
        .unwrap();
    fixtures::add_member(
        app,
        fa,
        id,
        merged(fixtures::member_body("Sato Kenji"), docs),
    )
    .await;
    fixtures::add_item(
        app,
        fa,
        id,
        fixtures::item_body(&format!("{start}T09:00"), &format!("{start}T11:00")),
    )
    .await;
    fixtures::walk(app, cast, id, "submitted").await;
    (id, start.to_string())
}

fn five_months_after(start: &str) -> String {
    let start: chrono::NaiveDate = start.parse().unwrap();
    (start + Months::new(5)).to_string()
}

async fn a_passport_expiring_five_months_after_entry_is_warned_of(app: TestApp) {
    let cast = Cast::new(&app).await;
    let start = (province_today() + Days::new(30)).to_string();
    let expiry = five_months_after(&start);
    let (id, start) = with_member(&app, &cast, json!({"passport_expiry": expiry})).await;

    let body = app
        .get(
            &format!("{}/deadlines", path(id)),
            &cast.foreign_affairs.token,
        )
        .await
        .ok(200);
    let warnings = body["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{body}");
    assert_eq!(warnings[0]["what"], "passport_validity");
    assert_eq!(warnings[0]["person"], "Sato Kenji");
    assert_eq!(warnings[0]["ends_on"], expiry.as_str());
    assert_eq!(warnings[0]["act_by"], start.as_str());

    // Sở Ngoại vụ's and the host unit's inboxes both have it, due on entry.
    for token in [&cast.foreign_affairs.token, &cast.host.token] {
        let inbox = app.get("/api/v1/inbox", token).await.ok(200);
        let entry = fixtures::items(&inbox)
            .iter()
            .find(|e| e["reason"].as_str().unwrap().contains("passport"))
            .unwrap_or_else(|| panic!("no passport warning in {inbox}"))
            .clone();
        assert_eq!(entry["record"]["id"], id);
        assert_eq!(entry["due_date"], start.as_str());
        assert!(
            entry["reason"].as_str().unwrap().contains("6 months"),
            "{entry}"
        );
    }

    // Six months and a day: nothing to warn of.
    let fine = (start.parse::<chrono::NaiveDate>().unwrap() + Months::new(6)).to_string();
    let member = &app
        .get(
            &format!("{}/members", path(id)),
            &cast.foreign_affairs.token,
        )
        .await
        .ok(200)["items"][0];
    app.patch(
        &format!("{}/members/{}", path(id), member["id"]),
        &cast.foreign_affairs.token,
        json!({"passport_expiry": fine}),
    )
    .await
    .ok(200);
    let body = app
        .get(
            &format!("{}/deadlines", path(id)),
            &cast.foreign_affairs.token,
        )
        .await
        .ok(200);
    assert!(body["warnings"].as_array().unwrap().is_empty(), "{body}");
}

async fn warnings_keep_personal_data_from_viewers_and_host_units(app: TestApp) {
    let cast = Cast::new(&app).await;
    let start = (province_today() + Days::new(30)).to_string();
    let expiry = five_months_after(&start);
    let visa_end = five_months_after(&start);
    let (id, _) = with_member(
        &app,
        &cast,
        json!({"passport_expiry": expiry, "visa_type": "other", "visa_number": "VX998877", "visa_end": visa_end}),
    )
    .await;
    let secrets = ["TR1234567", "VX998877", "1971-04-02", expiry.as_str()];
    for token in [
        &cast.viewer.token,
        &cast.host.token,
        &cast.provincial_office.token,
    ] {
        let deadlines = app
            .get(&format!("{}/deadlines", path(id)), token)
            .await
            .ok(200);
        let warnings = deadlines["warnings"].as_array().unwrap();
        assert_eq!(warnings.len(), 2, "{deadlines}");
        for w in warnings {
            assert!(w.get("ends_on").is_none(), "{w}");
        }
        let members = app
            .get(&format!("{}/members", path(id)), token)
            .await
            .ok(200);
        assert!(members["items"][0].get("passport_expiry").is_none());
        assert!(members["items"][0].get("visa_number").is_none());
        for body in [
            deadlines,
            members,
            app.get("/api/v1/inbox", token).await.ok(200),
        ] {
            let text = body.to_string();
            for secret in secrets {
                assert!(!text.contains(secret), "{secret} leaked: {text}");
            }
        }
    }
    // The police and Sở Ngoại vụ see the dates.
    for token in [&cast.police.token, &cast.foreign_affairs.token] {
        let deadlines = app
            .get(&format!("{}/deadlines", path(id)), token)
            .await
            .ok(200);
        assert_eq!(deadlines["warnings"][0]["ends_on"], expiry.as_str());
        let members = app
            .get(&format!("{}/members", path(id)), token)
            .await
            .ok(200);
        assert_eq!(members["items"][0]["visa_number"], "VX998877");
        assert_eq!(members["items"][0]["visa_type"], "other");
    }
}

async fn a_press_card_ending_inside_the_programme_is_warned_of(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let start = province_today() + Days::new(20);
    let end = start + Days::new(5);
    let body = merged(
        press::reporter_body("JP"),
        json!({"press_card_end": start + Days::new(2), "visa_type": "pv2"}),
    );
    let reporter = app.post(press::REPORTERS, fa, body).await.ok(201);
    assert_eq!(reporter["visa_type"], "pv2");
    let reporter = reporter["id"].as_i64().unwrap();
    let accreditation = press::create_accreditation(
        &app,
        fa,
        merged(
            press::accreditation_body(&[reporter]),
            json!({"start_date": start, "end_date": end, "referral_date": province_today()}),
        ),
    )
    .await;
    let id = accreditation["id"].as_i64().unwrap();
    let body = app
        .get(&format!("{}/deadlines", press::accreditation_path(id)), fa)
        .await
        .ok(200);
    let w = &body["warnings"][0];
    assert_eq!(w["what"], "press_card_ending", "{body}");
    assert_eq!(w["person"], "Yamada Hanako");
    // Registered today for a programme 20 days ahead: fewer than 10
    // working days' notice only if the calendar says so; the state is
    // met or late, never pending.
    let notice = body["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["what"] == "programme_notice")
        .unwrap();
    assert!(
        notice["state"] == "met" || notice["state"] == "late",
        "{notice}"
    );
    let inbox = app.get("/api/v1/inbox", fa).await.ok(200);
    assert!(
        fixtures::items(&inbox)
            .iter()
            .any(|e| e["record"]["kind"] == "accreditation"
                && e["reason"].as_str().unwrap().contains("press card")),
        "{inbox}"
    );
}

async fn travel_documents_are_personal_data_and_are_checked(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let id = fixtures::create(&app, fa, delegation_body("incoming", cast.host_unit)).await["id"]
        .as_i64()
        .unwrap();
    let bad = app
        .post(
            &format!("{}/members", path(id)),
            fa,
            merged(
                fixtures::member_body("Ito Yui"),
                json!({"visa_type": "tourist"}),
            ),
        )
        .await
        .problem(422);
    assert_eq!(bad["errors"][0]["field"], "visa_type", "{bad}");
    let added = app
        .post(
            &format!("{}/members", path(id)),
            fa,
            merged(
                fixtures::member_body("Ito Yui"),
                json!({"passport_expiry": "2030-01-31", "visa_type": "pv1", "visa_number": "PV123", "visa_end": "2029-12-01"}),
            ),
        )
        .await
        .ok(201);
    assert_eq!(added["passport_expiry"], "2030-01-31");
    assert_eq!(added["visa_type"], "pv1");
    let viewer = app
        .get(&format!("{}/members", path(id)), &cast.viewer.token)
        .await
        .ok(200);
    assert!(viewer["items"][0].get("visa_type").is_none());
    assert!(viewer["items"][0].get("visa_end").is_none());
}
