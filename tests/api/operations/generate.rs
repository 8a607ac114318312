//! `visitdesk generate`: the benchmark's data set is one the service serves
//! as it serves its own records, and new records follow the generated ones.

use chrono::{Datelike, Duration};
use serde_json::json;

use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(generated_records_are_served_and_new_ones_follow_them);

async fn generated_records_are_served_and_new_ones_follow_them(app: TestApp) {
    let url = app.db_url();
    let generated = actix_web::web::block(move || visitdesk::generate::generate(&url, 0.005, 7))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(generated.delegations, 100);
    assert_eq!(generated.items, 4_000);

    // The police's schedule of this week holds generated entries.
    let police = app.login("congan", "visitdesk-demo").await.ok(200);
    let police = police["access_token"].as_str().unwrap().to_owned();
    let today = chrono::Utc::now().date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week = app
        .get(
            &format!(
                "/api/v1/schedule?from={monday}&to={}",
                monday + Duration::days(7)
            ),
            &police,
        )
        .await
        .ok(200);
    assert!(
        !week["items"].as_array().unwrap().is_empty(),
        "no generated entry this week"
    );

    // A delegation created now gets the next id and the next reference of
    // its year, after the generated ones (PostgreSQL's identities moved on).
    let page = app
        .get("/api/v1/delegations?limit=1", &app.admin_token)
        .await
        .ok(200);
    let newest_id = page["items"][0]["id"].as_i64().unwrap();
    let created = app
        .post(
            "/api/v1/delegations",
            &app.admin_token,
            json!({
                "direction": "incoming", "title": "Đoàn sau dữ liệu sinh",
                "purpose": "Kiểm tra", "partner_organization": "Tỉnh Gifu",
                "countries": ["JP"], "host_unit_id": 2, "head_of_delegation": "Tanaka",
                "start_date": (today + Duration::days(40)).to_string(),
                "end_date": (today + Duration::days(42)).to_string()
            }),
        )
        .await
        .ok(201);
    assert!(created["id"].as_i64().unwrap() > newest_id);
    let reference = created["reference"].as_str().unwrap();
    let taken = app
        .get(
            &format!("/api/v1/delegations?q={reference}"),
            &app.admin_token,
        )
        .await
        .ok(200);
    assert_eq!(
        taken["items"].as_array().unwrap().len(),
        1,
        "{reference} was already taken by a generated delegation"
    );
}
