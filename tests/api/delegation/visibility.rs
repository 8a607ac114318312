//! Who sees which delegations, and what of them: host units their own
//! unit's only; personal data and police notes only for the roles that may
//! see them (absent, not blank, for the others), in records and in history.

use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use crate::fixtures::{self, Cast, act, add_member, ids, item_body, member_body, path};
use crate::helpers::TestApp;
use crate::on_both_engines;

on_both_engines!(
    host_units_list_only_their_own_units_delegations,
    another_units_delegation_answers_404_to_a_host_unit,
    personal_data_is_absent_for_roles_that_may_not_see_it,
    police_notes_are_shown_to_police_and_admin_only,
    only_the_police_record_security_reviews,
    history_hides_what_the_caller_may_not_see,
);

/// Roles that see passport numbers, dates of birth and personal contacts.
const SEES_PERSONAL_DATA: [Role; 3] = [Role::Admin, Role::ForeignAffairs, Role::Police];
/// Roles that see the police's notes.
const SEES_NOTES: [Role; 2] = [Role::Admin, Role::Police];
const PERSONAL_KEYS: [&str; 4] = ["passport_number", "date_of_birth", "email", "phone"];

async fn host_units_list_only_their_own_units_delegations(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (other_unit, other_host) = fixtures::host_unit_user(&app, "so-y-te", "Sở Y tế").await;
    let own = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let own_draft = fixtures::draft(&app, &cast, "outgoing").await;
    let others = fixtures::create(
        &app,
        &cast.foreign_affairs.token,
        fixtures::delegation_body("incoming", other_unit),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let mut everything = vec![own, own_draft, others];
    everything.sort_unstable();

    for role in Role::ALL {
        let list = app
            .get("/api/v1/delegations", cast.token(role))
            .await
            .ok(200);
        let mut seen = ids(&list);
        seen.sort_unstable();
        if role == Role::HostUnit {
            assert_eq!(seen, [own, own_draft], "{role}");
        } else {
            assert_eq!(seen, everything, "{role}");
        }
    }
    let theirs = app
        .get("/api/v1/delegations", &other_host.token)
        .await
        .ok(200);
    assert_eq!(ids(&theirs), [others]);
    // Asking for the other unit by name does not widen the view.
    let asked = app
        .get(
            &format!("/api/v1/delegations?host_unit_id={}", other_unit.get()),
            &cast.host.token,
        )
        .await
        .ok(200);
    assert!(ids(&asked).is_empty(), "{asked}");
    let searched = app
        .get("/api/v1/delegations?q=shizuoka", &other_host.token)
        .await
        .ok(200);
    assert_eq!(ids(&searched), [others]);
}

async fn another_units_delegation_answers_404_to_a_host_unit(app: TestApp) {
    let cast = Cast::new(&app).await;
    let (_, stranger) = fixtures::host_unit_user(&app, "so-y-te", "Sở Y tế").await;
    let token = stranger.token.as_str();
    let id = fixtures::draft(&app, &cast, "incoming").await;
    let member = app
        .get(&format!("{}/members", path(id)), &cast.admin.token)
        .await
        .ok(200)["items"][0]["id"]
        .clone();
    let item = app
        .get(&format!("{}/itinerary", path(id)), &cast.admin.token)
        .await
        .ok(200)["items"][0]["id"]
        .clone();
    let before = app.get(&path(id), &cast.admin.token).await.ok(200);
    let entries = app.audit_entries().await.len();
    let missing = app.get(&path(999_999), token).await.problem(404);

    let p = path(id);
    let replies = [
        ("GET", app.get(&p, token).await),
        ("GET members", app.get(&format!("{p}/members"), token).await),
        (
            "GET itinerary",
            app.get(&format!("{p}/itinerary"), token).await,
        ),
        ("GET history", app.get(&format!("{p}/history"), token).await),
        (
            "PATCH",
            app.patch(&p, token, json!({"title": "Của tôi"})).await,
        ),
        ("submit", act(&app, token, id, "submit").await),
        ("cancel", act(&app, token, id, "cancel").await),
        ("DELETE", app.delete(&p, token).await),
        (
            "POST members",
            app.post(&format!("{p}/members"), token, member_body("Yamada Taro"))
                .await,
        ),
        (
            "PATCH member",
            app.patch(
                &format!("{p}/members/{member}"),
                token,
                json!({"position": "x"}),
            )
            .await,
        ),
        (
            "POST itinerary",
            app.post(
                &format!("{p}/itinerary"),
                token,
                item_body("2025-03-11T13:00", "2025-03-11T14:00"),
            )
            .await,
        ),
        (
            "PATCH item",
            app.patch(
                &format!("{p}/itinerary/{item}"),
                token,
                json!({"title": "x"}),
            )
            .await,
        ),
        (
            "PUT security-review",
            app.put(
                &format!("{p}/security-review"),
                token,
                json!({"status": "cleared"}),
            )
            .await,
        ),
    ];

    for (what, reply) in replies {
        let problem = reply.problem(404);
        // Exactly as for a delegation that does not exist.
        assert_eq!(problem["detail"], missing["detail"], "{what}");
        assert_eq!(problem["type"], missing["type"], "{what}");
    }
    assert_eq!(app.get(&path(id), &cast.admin.token).await.ok(200), before);
    assert_eq!(app.audit_entries().await.len(), entries);
}

/// The keys of a JSON object.
fn has_key(value: &Value, key: &str) -> bool {
    value.as_object().unwrap().contains_key(key)
}

async fn personal_data_is_absent_for_roles_that_may_not_see_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;

    for role in Role::ALL {
        let list = app
            .get(&format!("{}/members", path(id)), cast.token(role))
            .await
            .ok(200);
        let member = &list["items"][0];
        assert_eq!(member["full_name"], "Tanaka Hiroshi", "{role}");
        assert_eq!(member["nationality"], "JP", "{role}");
        for key in PERSONAL_KEYS {
            assert_eq!(
                has_key(member, key),
                SEES_PERSONAL_DATA.contains(&role),
                "{key} for {role}: {member}"
            );
        }
        if SEES_PERSONAL_DATA.contains(&role) {
            assert_eq!(member["passport_number"], "TR1234567");
            assert_eq!(member["date_of_birth"], "1971-04-02");
            assert_eq!(member["email"], "tanaka@example.jp");
            assert_eq!(member["phone"], "+81 54 254 0000");
        }
    }

    // A host unit that adds a member does not get the personal data back either.
    let added = add_member(&app, &cast.host.token, id, member_body("Suzuki Ichiro")).await;
    for key in PERSONAL_KEYS {
        assert!(!has_key(&added, key), "{key}: {added}");
    }
}

async fn police_notes_are_shown_to_police_and_admin_only(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": "concerns", "officer": "Thiếu tá Trần Quang", "notes": "Một thành viên có tiền sự"}),
    )
    .await
    .ok(200);

    for role in Role::ALL {
        let token = cast.token(role);
        let one = app.get(&path(id), token).await.ok(200);
        let list = app.get("/api/v1/delegations", token).await.ok(200);
        for review in [
            &one["security_review"],
            &list["items"][0]["security_review"],
        ] {
            assert_eq!(review["status"], "concerns", "{role}");
            assert_eq!(review["officer"], "Thiếu tá Trần Quang", "{role}");
            assert!(review["reviewed_at"].is_string(), "{role}: {review}");
            assert_eq!(
                has_key(review, "notes"),
                SEES_NOTES.contains(&role),
                "{role}: {review}"
            );
            if SEES_NOTES.contains(&role) {
                assert_eq!(review["notes"], "Một thành viên có tiền sự");
            }
        }
    }
}

async fn only_the_police_record_security_reviews(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::delegation_in(&app, &cast, "incoming", "submitted").await;
    let review_path = format!("{}/security-review", path(id));
    let review = json!({"status": "cleared", "officer": "Đại úy Lê Văn Tâm", "notes": "Ổn"});
    let before = app.get(&path(id), &cast.admin.token).await.ok(200);
    let entries = app.audit_entries().await.len();

    for role in [
        Role::ForeignAffairs,
        Role::ProvincialOffice,
        Role::HostUnit,
        Role::Viewer,
    ] {
        app.put(&review_path, cast.token(role), review.clone())
            .await
            .problem(403);
    }
    assert_eq!(app.get(&path(id), &cast.admin.token).await.ok(200), before);
    assert_eq!(app.audit_entries().await.len(), entries);

    let reviewed = app
        .put(&review_path, &cast.police.token, review)
        .await
        .ok(200);
    assert_eq!(reviewed["security_review"]["status"], "cleared");
    assert_eq!(reviewed["security_review"]["notes"], "Ổn");
    assert_eq!(reviewed["security_review"]["needs_another_look"], false);
    assert_eq!(app.audit_entries().await.len(), entries + 1);
}

async fn history_hides_what_the_caller_may_not_see(app: TestApp) {
    let cast = Cast::new(&app).await;
    let id = fixtures::draft(&app, &cast, "incoming").await;
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": "concerns", "notes": "Cần xác minh lý lịch"}),
    )
    .await
    .ok(200);
    let member = app
        .get(&format!("{}/members", path(id)), &cast.admin.token)
        .await
        .ok(200)["items"][0]["id"]
        .clone();
    app.patch(
        &format!("{}/members/{member}", path(id)),
        &cast.foreign_affairs.token,
        json!({"passport_number": "TZ7654321"}),
    )
    .await
    .ok(200);

    for role in Role::ALL {
        let history = app
            .get(&format!("{}/history", path(id)), cast.token(role))
            .await
            .ok(200);
        let text = history.to_string();
        let personal = SEES_PERSONAL_DATA.contains(&role);
        let notes = SEES_NOTES.contains(&role);
        for passport in ["TR1234567", "TZ7654321"] {
            assert_eq!(
                text.contains(passport),
                personal,
                "{passport} for {role}: {text}"
            );
        }
        assert_eq!(
            text.contains("1971-04-02"),
            personal,
            "date of birth for {role}"
        );
        assert_eq!(
            text.contains("tanaka@example.jp"),
            personal,
            "e-mail for {role}"
        );
        assert_eq!(text.contains("security_notes"), notes, "{role}: {text}");
        assert_eq!(
            text.contains("Cần xác minh lý lịch"),
            notes,
            "{role}: {text}"
        );
        // What is not personal stays in view for everyone.
        assert!(text.contains("Tanaka Hiroshi"), "{role}");
        assert!(text.contains("concerns"), "{role}");
    }
}
