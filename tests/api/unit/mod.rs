//! Units: everyone reads them, the administrator writes them, each change audited.

use awc::http::Method;
use serde_json::{Value, json};
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use crate::fixtures::{self, Cast};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    every_role_reads_units_and_only_admin_writes,
    creating_a_unit_leaves_one_audit_entry,
    a_duplicate_unit_name_is_409_and_leaves_nothing,
    updating_a_unit_records_what_changed,
    units_page_with_a_cursor,
    merging_a_unit_moves_its_users_and_records_and_marks_it,
    a_merge_is_refused_into_itself_a_merged_unit_or_an_unknown_one,
    only_the_administrator_merges_units,
    a_merged_unit_is_refused_naming_the_unit_it_went_into,
);

async fn every_role_reads_units_and_only_admin_writes(app: TestApp) {
    for role in Role::ALL {
        let (_, token) = app.login_as(role).await;
        app.get("/api/v1/units", &token).await.ok(200);
        if role != Role::Admin {
            let before = app.audit_entries().await.len();
            app.post(
                "/api/v1/units",
                &token,
                json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"}),
            )
            .await
            .problem(403);
            assert_eq!(app.audit_entries().await.len(), before, "{role}");
        }
    }
}

async fn creating_a_unit_leaves_one_audit_entry(app: TestApp) {
    let before = app.audit_entries().await.len();
    let reply = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": " Sở Y tế ", "name_en": "Department of Health", "kind": "department"}),
        )
        .await;
    let unit = reply.ok(201);
    assert_eq!(unit["name"], "Sở Y tế");
    assert_eq!(unit["version"], 1);
    let id = unit["id"].as_i64().unwrap();
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/api/v1/units/{id}")
    );
    assert_eq!(reply.header("etag").unwrap(), "\"1\"");

    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    let entry = entries.last().unwrap();
    assert_eq!((entry.action.as_str(), entry.record_id), ("create", id));
    assert_eq!(entry.changes["name"], "Sở Y tế");
    assert_eq!(entry.actor_username.as_deref(), Some("admin"));
    assert_eq!(entry.request_id, reply.header("x-request-id"));

    let read = app
        .get(&format!("/api/v1/units/{id}"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(read, unit);
}

async fn a_duplicate_unit_name_is_409_and_leaves_nothing(app: TestApp) {
    let body = json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"});
    app.post("/api/v1/units", &app.admin_token, body.clone())
        .await
        .ok(201);
    let before = app.audit_entries().await.len();
    app.post("/api/v1/units", &app.admin_token, body)
        .await
        .problem(409);
    assert_eq!(app.audit_entries().await.len(), before);
}

async fn updating_a_unit_records_what_changed(app: TestApp) {
    let unit = app
        .post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": "Sở Y tế", "name_en": "Health", "kind": "department"}),
        )
        .await
        .ok(201);
    let path = format!("/api/v1/units/{}", unit["id"]);

    // A stale If-Match changes nothing.
    let before = app.audit_entries().await.len();
    let stale = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "\"7\""))
                .send_json(&json!({"name_en": "Department of Health"})),
        )
        .await;
    stale.problem(412);
    assert_eq!(app.audit_entries().await.len(), before);

    let changed = app
        .finish(
            app.request(Method::PATCH, &path)
                .bearer_auth(&app.admin_token)
                .insert_header(("If-Match", "\"1\""))
                .send_json(&json!({"name_en": "Department of Health", "kind": "department"})),
        )
        .await
        .ok(200);
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["name_en"], "Department of Health");
    let entries = app.audit_entries().await;
    assert_eq!(entries.len(), before + 1);
    assert_eq!(
        entries.last().unwrap().changes,
        json!({"name_en": {"from": "Health", "to": "Department of Health"}})
    );

    // Sending the same values again changes nothing and leaves no entry.
    let same = app
        .patch(
            &path,
            &app.admin_token,
            json!({"name_en": "Department of Health"}),
        )
        .await
        .ok(200);
    assert_eq!(same["version"], 2);
    assert_eq!(app.audit_entries().await.len(), before + 1);
}

async fn units_page_with_a_cursor(app: TestApp) {
    for i in 0..5 {
        app.post(
            "/api/v1/units",
            &app.admin_token,
            json!({"name": format!("UBND huyện {i}"), "name_en": "District", "kind": "district"}),
        )
        .await
        .ok(201);
    }
    let first = app
        .get("/api/v1/units?kind=district&limit=2", &app.admin_token)
        .await
        .ok(200);
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let mut seen: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_owned())
        .collect();
    let mut cursor = first["next_cursor"].as_str().unwrap().to_owned();
    loop {
        let page = app
            .get(
                &format!("/api/v1/units?kind=district&limit=2&cursor={cursor}"),
                &app.admin_token,
            )
            .await
            .ok(200);
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["name"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(
        seen,
        (0..5)
            .map(|i| format!("UBND huyện {i}"))
            .collect::<Vec<_>>()
    );
}

/// Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ (2025).
async fn merging_a_unit_moves_its_users_and_records_and_marks_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (old, host) =
        fixtures::host_unit_user(&app, "so-tttt", "Sở Thông tin và Truyền thông").await;
    let new = app
        .make_unit("Sở Khoa học và Công nghệ", UnitKind::Department)
        .await;
    let delegation = fixtures::create(
        &app,
        &cast.foreign_affairs.token,
        fixtures::delegation_body("incoming", old),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let before = app.audit_entries().await.len();

    let merge = app
        .post(
            &format!("/api/v1/units/{old}/merge"),
            &app.admin_token,
            json!({"into": new.get()}),
        )
        .await
        .ok(200);
    assert_eq!(merge["unit"]["id"], old.get());
    assert_eq!(merge["unit"]["merged_into"], new.get());
    assert_eq!(merge["into"]["id"], new.get());
    assert_eq!(merge["into"]["merged_into"], Value::Null);
    assert_eq!(
        merge["moved"],
        json!({"users": 1, "delegations": 1, "interviews": 0, "subscriptions": 0})
    );

    // The records are the new unit's; the old unit keeps its name.
    let d = app
        .get(&fixtures::path(delegation), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(d["host_unit_id"], new.get());
    let unit = app
        .get(&format!("/api/v1/units/{old}"), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(unit["name"], "Sở Thông tin và Truyền thông");
    assert_eq!(unit["merged_into"], new.get());
    // The moved user's token ended: their unit changed.
    app.get("/api/v1/me", &host.token).await.problem(401);
    let me = app
        .get("/api/v1/me", &app.token("so-tttt").await)
        .await
        .ok(200);
    assert_eq!(me["unit_id"], new.get());

    // One entry on the unit with the counts, one on each moved record.
    let entries = app.audit_entries().await;
    let entries = &entries[before..];
    assert_eq!(entries.len(), 3, "{entries:?}");
    let on_unit = entries
        .iter()
        .find(|e| e.action == "merge")
        .expect("a merge entry");
    assert_eq!(on_unit.record_id, old.get());
    assert_eq!(
        on_unit.changes["merged_into"],
        json!({"from": null, "to": new.get()})
    );
    assert_eq!(on_unit.changes["users_moved"], 1);
    assert_eq!(on_unit.changes["delegations_moved"], 1);
    let on_delegation = entries
        .iter()
        .find(|e| e.record_id == delegation && e.action == "moved_by_merge")
        .expect("an entry on the delegation");
    assert_eq!(
        on_delegation.changes["host_unit_id"],
        json!({"from": old.get(), "to": new.get()})
    );

    // A merged unit can no longer be chosen.
    app.post(
        "/api/v1/delegations",
        &cast.foreign_affairs.token,
        fixtures::delegation_body("incoming", old),
    )
    .await
    .problem(422);
    app.post(
        "/api/v1/users",
        &app.admin_token,
        json!({"username": "nguoi-moi", "display_name": "Người mới", "password": crate::helpers::PASSWORD,
               "unit_id": old.get(), "role": "host_unit"}),
    )
    .await
    .problem(422);
}

async fn a_merge_is_refused_into_itself_a_merged_unit_or_an_unknown_one(app: TestApp) {
    let a = app.make_unit("Sở A", UnitKind::Department).await;
    let b = app.make_unit("Sở B", UnitKind::Department).await;
    let c = app.make_unit("Sở C", UnitKind::Department).await;
    let merge = |from: i64, into: i64| {
        let app = &app;
        async move {
            app.post(
                &format!("/api/v1/units/{from}/merge"),
                &app.admin_token,
                json!({"into": into}),
            )
            .await
        }
    };
    let before = app.audit_entries().await.len();
    let p = merge(a.get(), a.get()).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "into", "{p}");
    merge(a.get(), 999_999).await.problem(422);
    merge(999_999, a.get()).await.problem(404);
    assert_eq!(app.audit_entries().await.len(), before);

    merge(b.get(), c.get()).await.ok(200);
    // Into a merged unit: 422; a merged unit again: 409.
    merge(a.get(), b.get()).await.problem(422);
    merge(b.get(), a.get()).await.problem(409);
    app.post(
        &format!("/api/v1/units/{}/merge", a.get()),
        &app.admin_token,
        json!({"into": c.get(), "extra": 1}),
    )
    .await
    .problem(422);
}

async fn only_the_administrator_merges_units(app: TestApp) {
    let a = app.make_unit("Sở A", UnitKind::Department).await;
    let b = app.make_unit("Sở B", UnitKind::Department).await;
    for role in Role::ALL {
        if role == Role::Admin {
            continue;
        }
        let (_, token) = app.login_as(role).await;
        app.post(
            &format!("/api/v1/units/{}/merge", a.get()),
            &token,
            json!({"into": b.get()}),
        )
        .await
        .problem(403);
    }
    let unit = app
        .get(&format!("/api/v1/units/{}", a.get()), &app.admin_token)
        .await
        .ok(200);
    assert_eq!(unit["merged_into"], Value::Null);
}

async fn a_merged_unit_is_refused_naming_the_unit_it_went_into(app: TestApp) {
    let cast = Cast::new(&app).await;
    let a = app.make_unit("Sở A", UnitKind::Department).await;
    let b = app
        .make_unit("Sở Thông tin và Truyền thông", UnitKind::Information)
        .await;
    let c = app
        .make_unit("Sở Khoa học và Công nghệ", UnitKind::Department)
        .await;
    let d = app.make_unit("Sở Văn hóa", UnitKind::Department).await;
    let merge = |from: i64, into: i64| {
        let app = &app;
        async move {
            app.post(
                &format!("/api/v1/units/{from}/merge"),
                &app.admin_token,
                json!({"into": into}),
            )
            .await
        }
    };
    merge(b.get(), c.get()).await.ok(200);
    let named = |into: i64, en: &str, vi: &str| {
        format!("this unit was merged into unit {into}, {en} ({vi}); choose that one instead")
    };

    // A merge into the merged unit: refused at `into`, naming where it went.
    let before = app.audit_entries().await.len();
    let p = merge(a.get(), b.get()).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "into", "{p}");
    assert_eq!(
        p["errors"][0]["message"],
        named(
            c.get(),
            "Sở Khoa học và Công nghệ (en)",
            "Sở Khoa học và Công nghệ"
        ),
        "{p}"
    );

    // An interview organised by it: the same, at its field; nothing written.
    let mut body = crate::press_fixtures::interview_body(&[], None);
    body["organizing_unit_id"] = b.get().into();
    let reply = app
        .post(
            crate::press_fixtures::INTERVIEWS,
            &cast.provincial_office.token,
            body.clone(),
        )
        .await;
    let p = reply.problem(422);
    assert_eq!(p["errors"][0]["field"], "organizing_unit_id", "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Sở Khoa học và Công nghệ"),
        "{p}"
    );
    assert_eq!(app.audit_entries().await.len(), before);

    // Merged again later: the unit at the end of the chain is named.
    merge(c.get(), d.get()).await.ok(200);
    let p = app
        .post(
            crate::press_fixtures::INTERVIEWS,
            &cast.provincial_office.token,
            body,
        )
        .await
        .problem(422);
    assert_eq!(
        p["errors"][0]["message"],
        named(d.get(), "Sở Văn hóa (en)", "Sở Văn hóa"),
        "{p}"
    );
    // An unknown unit is still simply unknown.
    let mut body = crate::press_fixtures::interview_body(&[], None);
    body["organizing_unit_id"] = 999_999.into();
    let p = app
        .post(
            crate::press_fixtures::INTERVIEWS,
            &cast.provincial_office.token,
            body,
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["message"], "no such unit", "{p}");
}
