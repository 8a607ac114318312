//! What the messages say: change notices of the coming week (none for an
//! entry three weeks ahead), the daily digest per role, the recipient's
//! language, no personal data; and the user's settings.

use std::time::Duration;

use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use super::{Sink, assert_no_personal_data, mail_config, opt_in, pending, python, visit};
use crate::fixtures::{Cast, act, path};
use crate::helpers::TestApp;

async fn change_notices(app: TestApp) {
    let Some(python) = python() else { return };
    let sink = Sink::start(&python, 0);
    let cast = Cast::new(&app).await;
    opt_in(&app, &cast.police.token, "congan@example.vn", "en", false).await;
    let (_, second_police) = app.login_as(Role::Police).await;
    opt_in(&app, &second_police, "trucban@example.vn", "vi", false).await;
    let (id, soon, later) = visit(&app, &cast).await;
    let _sender =
        visitdesk::mail::sender::start(app.db.clone(), mail_config(sink.port, "23:59")).unwrap();

    let items = format!("{}/itinerary", path(id));
    let fa = &cast.foreign_affairs.token;
    app.patch(
        &format!("{items}/{soon}"),
        fa,
        json!({"title": "Gặp mặt Chủ tịch tỉnh"}),
    )
    .await
    .ok(200);
    let got = sink.wait_for(2).await;
    let to = |m: &Value| m["to"][0].as_str().unwrap().to_owned();
    let en = got.iter().find(|m| to(m) == "congan@example.vn").unwrap();
    let vi = got.iter().find(|m| to(m) == "trucban@example.vn").unwrap();
    assert!(
        en["subject"].as_str().unwrap().contains("Schedule changes"),
        "{en}"
    );
    let body = en["body"].as_str().unwrap();
    assert!(
        body.contains("Changed") && body.contains("Gặp mặt Chủ tịch tỉnh"),
        "{body}"
    );
    assert!(
        body.contains("Was") && body.contains("Làm việc với lãnh đạo tỉnh"),
        "{body}"
    );
    assert!(
        body.contains("Nhà khách tỉnh") && body.contains("Lê Minh Đức"),
        "{body}"
    );
    let body = vi["body"].as_str().unwrap();
    assert!(
        vi["subject"].as_str().unwrap().contains("Thay đổi lịch"),
        "{vi}"
    );
    assert!(
        body.contains("Đã thay đổi") && body.contains("Gặp mặt Chủ tịch tỉnh"),
        "{body}"
    );

    // Three weeks ahead: no notice.
    app.patch(
        &format!("{items}/{later}"),
        fa,
        json!({"title": "Thăm khu công nghiệp"}),
    )
    .await
    .ok(200);
    actix_web::rt::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        sink.messages().len(),
        2,
        "a change three weeks ahead is not noticed"
    );
    assert_eq!(pending(&app), 0);

    // Cancelled tomorrow: noticed as cancelled.
    app.patch(
        &format!("{items}/{soon}"),
        fa,
        json!({"status": "cancelled"}),
    )
    .await
    .ok(200);
    let got = sink.wait_for(4).await;
    let cancelled: Vec<&Value> = got[2..].iter().collect();
    assert!(
        cancelled
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("Cancelled"))
    );
    assert!(
        cancelled
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("Đã hủy"))
    );
    let ids: std::collections::HashSet<&str> = got
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4, "each message its own Message-ID");
    assert_no_personal_data(&got);
}

async fn digest_per_role(app: TestApp) {
    let Some(python) = python() else { return };
    let sink = Sink::start(&python, 0);
    let cast = Cast::new(&app).await;
    visit(&app, &cast).await;
    let fa = &cast.foreign_affairs.token;
    // Submitted, not yet reviewed: in Sở Ngoại vụ's and the police's inbox.
    let id = crate::fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    // A draft returned to the host unit: in its inbox, not in the others'.
    let returned = crate::fixtures::draft(&app, &cast, "outgoing").await;
    act(&app, fa, returned, "submit").await.ok(200);
    act(&app, fa, returned, "return").await.ok(200);
    opt_in(&app, &cast.police.token, "congan@example.vn", "en", true).await;
    opt_in(&app, fa, "ngoaivu@example.vn", "vi", true).await;
    opt_in(&app, &cast.host.token, "congthuong@example.vn", "en", true).await;

    let _sender =
        visitdesk::mail::sender::start(app.db.clone(), mail_config(sink.port, "00:00")).unwrap();
    let got = sink.wait_for(3).await;
    let reference = |d: Value| d["reference"].as_str().unwrap().to_owned();
    let submitted = reference(app.get(&path(id), &cast.admin.token).await.ok(200));
    let draft = reference(app.get(&path(returned), &cast.admin.token).await.ok(200));
    for (token, address, says) in [
        (
            &cast.police.token,
            "congan@example.vn",
            "What waits on your unit",
        ),
        (fa, "ngoaivu@example.vn", "Việc cần làm"),
        (
            &cast.host.token,
            "congthuong@example.vn",
            "What waits on your unit",
        ),
    ] {
        let m = got.iter().find(|m| m["to"][0] == address).unwrap();
        assert!(m["subject"].as_str().unwrap().contains(says), "{m}");
        let body = m["body"].as_str().unwrap();
        let inbox = app.get("/api/v1/inbox", token).await.ok(200);
        let wanted: Vec<&str> = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["record"]["reference"].as_str())
            .collect();
        assert!(!wanted.is_empty(), "{address}'s inbox has something");
        for reference in &wanted {
            assert!(body.contains(reference), "{address}: {reference} in {body}");
        }
        for reference in [&submitted, &draft] {
            assert_eq!(
                body.contains(reference.as_str()),
                wanted.contains(&reference.as_str()),
                "{address}: {body}"
            );
        }
    }
    // Once a day: a second sweep writes none again.
    actix_web::rt::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sink.messages().len(), 3);
    assert_no_personal_data(&got);
}

async fn settings_are_the_users_own(app: TestApp) {
    let (id, token) = app.login_as(Role::Viewer).await;
    let theirs = format!("/api/v1/users/{id}/mail");
    let empty = app.get("/api/v1/me/mail", &token).await.ok(200);
    assert_eq!(
        empty,
        json!({"address": null, "daily_digest": false, "change_notices": true})
    );
    let refused = app
        .put(
            "/api/v1/me/mail",
            &token,
            json!({"address": "not an address", "daily_digest": true}),
        )
        .await
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "address");
    let refused = app
        .put(
            "/api/v1/me/mail",
            &token,
            json!({"address": null, "daily_digest": true}),
        )
        .await
        .problem(422);
    assert_eq!(refused["errors"][0]["field"], "daily_digest");
    assert_eq!(
        app.get("/api/v1/me/mail", &token).await.ok(200),
        empty,
        "nothing changed"
    );
    let kept = app
        .put(
            "/api/v1/me/mail",
            &token,
            json!({"address": " xem@example.vn ", "daily_digest": true, "change_notices": false}),
        )
        .await
        .ok(200);
    assert_eq!(
        kept,
        json!({"address": "xem@example.vn", "daily_digest": true, "change_notices": false})
    );
    assert_eq!(app.get("/api/v1/me/mail", &token).await.ok(200), kept);
    // The administrators read it too (they answer for reminders reaching
    // people); nobody else, not even the police.
    assert_eq!(app.get(&theirs, &app.admin_token).await.ok(200), kept);
    let (_, police) = app.login_as(Role::Police).await;
    app.get(&theirs, &police).await.problem(403);
    app.get(&theirs, &token).await.problem(403);
    app.get("/api/v1/users/999999/mail", &app.admin_token)
        .await
        .problem(404);
    // The audit says that the address changed, never what it is.
    let audit = app
        .get("/api/v1/audit?record_kind=user", &app.admin_token)
        .await
        .ok(200);
    assert!(!audit.to_string().contains("xem@example.vn"), "{audit}");
    assert!(audit.to_string().contains("set_mail"), "{audit}");
}

crate::on_both_engines!(settings_are_the_users_own, change_notices, digest_per_role);
