//! The demonstration data: the province's units and a user per role, loaded
//! twice without doubling anything.

use visitdesk::demo;
use visitdesk::domain::role::Role;

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
    assert_eq!(
        app.audit_entries().await.len(),
        entries,
        "a second load changes nothing"
    );

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
