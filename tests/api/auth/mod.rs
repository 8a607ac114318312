//! Logging in, tokens, and what ends a token.

use awc::http::Method;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;
use visitdesk::domain::role::Role;

use crate::helpers::{Engine, PASSWORD, SECRET, TestApp};
use crate::on_both_engines;

on_both_engines!(
    login_gives_a_token_that_identifies_the_user,
    wrong_password_and_unknown_user_get_the_same_401,
    bad_tokens_are_refused,
    a_deactivated_users_token_stops_working_at_once,
    a_new_password_ends_old_tokens,
    repeated_failures_lock_the_username_for_a_while,
    one_address_guessing_many_usernames_is_slowed,
    a_role_change_ends_old_tokens,
    parallel_guesses_are_counted_before_they_are_checked,
    guessing_the_current_password_is_throttled_like_a_login,
    a_deactivated_token_is_refused_by_every_operation_of_the_document,
);

async fn login_gives_a_token_that_identifies_the_user(app: TestApp) {
    let body = app.login("ADMIN", PASSWORD).await.ok(200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["user"]["username"], "admin");
    assert_eq!(body["user"]["role"], "admin");
    assert!(body["user"].get("password_hash").is_none());

    let token = body["access_token"].as_str().unwrap();
    let claims = jsonwebtoken::dangerous::insecure_decode::<serde_json::Value>(token)
        .unwrap()
        .claims;
    for claim in ["sub", "role", "unit", "iat", "exp", "jti"] {
        assert!(
            claims.get(claim).is_some(),
            "claim {claim} missing: {claims}"
        );
    }
    assert_eq!(
        jsonwebtoken::decode_header(token).unwrap().alg,
        Algorithm::HS256
    );

    let me = app.get("/api/v1/me", token).await.ok(200);
    assert_eq!(me["username"], "admin");
}

async fn wrong_password_and_unknown_user_get_the_same_401(app: TestApp) {
    let wrong = app.login("admin", "not the password").await;
    let unknown = app.login("nobody-here", "not the password").await;
    let malformed = app.login("x y", "not the password").await;
    let wrong_body = wrong.problem(401);
    assert_eq!(wrong_body, unknown.problem(401));
    assert_eq!(wrong_body, malformed.problem(401));
    assert_eq!(wrong.header("www-authenticate").as_deref(), Some("Bearer"));
}

fn sign(claims: &serde_json::Value, secret: &str, alg: Algorithm) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

async fn bad_tokens_are_refused(app: TestApp) {
    let now = jsonwebtoken::get_current_timestamp();
    let claims = |iat: u64, exp: u64| {
        json!({"sub": "1", "role": "admin", "unit": null, "iat": iat, "exp": exp, "jti": "x",
               "iss": "visitdesk", "ver": 0})
    };
    // The harness's own key signs a good token: the attacks below differ from it in one thing each.
    let good = sign(&claims(now, now + 600), SECRET, Algorithm::HS256);
    app.get("/api/v1/me", &good).await.ok(200);

    let expired = sign(&claims(now - 7200, now - 3600), SECRET, Algorithm::HS256);
    let wrong_key = sign(
        &claims(now, now + 600),
        "another-secret-another-secret-another!!",
        Algorithm::HS256,
    );
    let other_alg = sign(&claims(now, now + 600), SECRET, Algorithm::HS512);
    let other_issuer = {
        let mut c = claims(now, now + 600);
        c["iss"] = json!("another-service");
        sign(&c, SECRET, Algorithm::HS256)
    };
    let no_issuer = {
        let mut c = claims(now, now + 600);
        c.as_object_mut().unwrap().remove("iss");
        sign(&c, SECRET, Algorithm::HS256)
    };
    let unsigned = {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.",
            b64.encode(br#"{"alg":"none","typ":"JWT"}"#),
            b64.encode(claims(now, now + 600).to_string())
        )
    };
    let forged_role = {
        // A viewer's token with its payload swapped for an admin's, signature kept.
        let (_, viewer_token) = app.login_as(Role::Viewer).await;
        let parts: Vec<&str> = viewer_token.split('.').collect();
        let admin_payload = good.split('.').nth(1).unwrap();
        format!("{}.{}.{}", parts[0], admin_payload, parts[2])
    };
    // Issued an hour from now (issue 12): not a token this service issued.
    let from_the_future = sign(&claims(now + 3600, now + 4200), SECRET, Algorithm::HS256);
    for (what, token) in [
        ("expired", expired.as_str()),
        ("issued in the future", &from_the_future),
        ("wrongly signed", &wrong_key),
        ("another algorithm", &other_alg),
        ("another issuer", &other_issuer),
        ("no issuer", &no_issuer),
        ("alg none", &unsigned),
        ("forged payload", &forged_role),
        ("garbage", "not-a-token"),
        ("empty", ""),
    ] {
        let reply = app.get("/api/v1/me", token).await;
        assert_eq!(reply.status.as_u16(), 401, "{what}: {}", reply.text());
        reply.problem(401);
    }
    let no_header = app.send(Method::GET, "/api/v1/me", None, None).await;
    no_header.problem(401);
    let basic = app
        .finish(
            app.request(Method::GET, "/api/v1/me")
                .insert_header(("Authorization", "Basic YWRtaW46eA=="))
                .send(),
        )
        .await;
    basic.problem(401);
}

async fn a_deactivated_users_token_stops_working_at_once(app: TestApp) {
    let (id, token) = app.login_as(Role::Police).await;
    app.get("/api/v1/me", &token).await.ok(200);

    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin_token,
        json!({"active": false}),
    )
    .await
    .ok(200);
    app.get("/api/v1/me", &token).await.problem(401);
    app.get("/api/v1/units", &token).await.problem(401);
    let username = app
        .get(&format!("/api/v1/users/{id}"), &app.admin_token)
        .await
        .ok(200)["username"]
        .clone();
    app.login(username.as_str().unwrap(), PASSWORD)
        .await
        .problem(401);

    // Reactivation does not revive the old token; a new login works.
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin_token,
        json!({"active": true}),
    )
    .await
    .ok(200);
    app.get("/api/v1/me", &token).await.problem(401);
    let fresh = app.token(username.as_str().unwrap()).await;
    app.get("/api/v1/me", &fresh).await.ok(200);
}

async fn a_new_password_ends_old_tokens(app: TestApp) {
    let (_, token) = app.login_as(Role::Viewer).await;
    let me = app.get("/api/v1/me", &token).await.ok(200);
    let username = me["username"].as_str().unwrap().to_owned();

    let wrong = app
        .post(
            "/api/v1/me/password",
            &token,
            json!({"current_password": "guess", "new_password": "a brand new secret"}),
        )
        .await
        .problem(422);
    assert_eq!(wrong["errors"][0]["field"], "current_password");
    let short = app
        .post(
            "/api/v1/me/password",
            &token,
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await
        .problem(422);
    assert_eq!(short["errors"][0]["field"], "new_password");

    let changed = app
        .post(
            "/api/v1/me/password",
            &token,
            json!({"current_password": PASSWORD, "new_password": "a brand new secret"}),
        )
        .await
        .ok(200);
    app.get("/api/v1/me", &token).await.problem(401);
    app.get("/api/v1/me", changed["access_token"].as_str().unwrap())
        .await
        .ok(200);
    app.login(&username, PASSWORD).await.problem(401);
    app.login(&username, "a brand new secret").await.ok(200);

    let entries = app.audit_entries().await;
    let last = entries.last().unwrap();
    assert_eq!(last.action, "change_password");
    assert_eq!(last.changes, json!({"password": "changed"}));
}

async fn repeated_failures_lock_the_username_for_a_while(app: TestApp) {
    app.make_user(
        "clerk",
        Role::Viewer,
        Some(
            app.make_unit(
                "Sở Tài chính",
                visitdesk::domain::unit::UnitKind::Department,
            )
            .await,
        ),
    )
    .await;
    for _ in 0..5 {
        app.login("clerk", "wrong password").await.problem(401);
    }
    let locked = app.login("clerk", PASSWORD).await;
    locked.problem(429);
    let retry: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    // Another username is not affected.
    app.login("admin", PASSWORD).await.ok(200);
}

async fn one_address_guessing_many_usernames_is_slowed(app: TestApp) {
    // 4 wrong passwords each for 5 usernames: no username reaches its
    // limit of 5, but the address reaches its 20.
    for name in ["an", "binh", "chi", "dung", "giang"] {
        for _ in 0..4 {
            app.login(name, "guess").await.problem(401);
        }
    }
    let refused = app.login("admin", PASSWORD).await;
    let problem = refused.problem(429);
    assert_eq!(problem["status"], 429);
    let retry: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
}

#[actix_web::test]
async fn behind_a_proxy_each_forwarded_address_is_counted_on_its_own() {
    let app = TestApp::spawn_with(Engine::Sqlite, |c| c.behind_proxy = true).await;
    let from = |address: &'static str, name: &'static str| {
        let app = &app;
        async move {
            let sent = app
                .request(Method::POST, "/api/v1/auth/login")
                .insert_header(("X-Forwarded-For", address))
                .send_json(&json!({"username": name, "password": "guess"}));
            app.finish(sent).await
        }
    };
    for name in ["an", "binh", "chi", "dung", "giang"] {
        for _ in 0..4 {
            from("203.0.113.7", name).await.problem(401);
        }
    }
    from("203.0.113.7", "admin").await.problem(429);
    // Another office behind the same proxy still logs in.
    let sent = app
        .request(Method::POST, "/api/v1/auth/login")
        .insert_header(("X-Forwarded-For", "198.51.100.20"))
        .send_json(&json!({"username": "admin", "password": PASSWORD}));
    app.finish(sent).await.ok(200);
}

async fn a_role_change_ends_old_tokens(app: TestApp) {
    let (id, token) = app.login_as(Role::Viewer).await;
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin_token,
        json!({"role": "police"}),
    )
    .await
    .ok(200);
    app.get("/api/v1/me", &token).await.problem(401);
}

/// Issue 12, defect 7: 40 guesses at once (39 wrong, the right one last)
/// all had their password checked and the last got in. Each guess is now
/// counted before its check: no more than the username's 5 are checked,
/// the rest are refused unchecked.
async fn parallel_guesses_are_counted_before_they_are_checked(app: TestApp) {
    let unit = app
        .make_unit("Sở Tư pháp", visitdesk::domain::unit::UnitKind::Department)
        .await;
    app.make_user("thuky", Role::Viewer, Some(unit)).await;
    let guesses = (0..40).map(|i| {
        let password = if i == 39 { PASSWORD } else { "wrong password" };
        let app = &app;
        async move { app.login("thuky", password).await.status.as_u16() }
    });
    let answers = futures_util::future::join_all(guesses).await;
    let checked = answers.iter().filter(|&&s| s != 429).count();
    assert!(
        answers.iter().all(|s| [200, 401, 429].contains(s)),
        "{answers:?}"
    );
    assert!(checked <= 5, "{checked} guesses were checked: {answers:?}");
    // Locked now, the right password too.
    app.login("thuky", PASSWORD).await.problem(429);
}

/// Issue 12, defect 8: a stolen token could guess the current password
/// 60 times a second on `/me/password`. It shares the login's throttle.
async fn guessing_the_current_password_is_throttled_like_a_login(app: TestApp) {
    let (_, token) = app.login_as(Role::Viewer).await;
    let me = app.get("/api/v1/me", &token).await.ok(200);
    let username = me["username"].as_str().unwrap().to_owned();
    let guess = |current: &'static str| {
        app.post(
            "/api/v1/me/password",
            &token,
            json!({"current_password": current, "new_password": "a brand new secret"}),
        )
    };
    for _ in 0..5 {
        let wrong = guess("a guess").await.problem(422);
        assert_eq!(wrong["errors"][0]["field"], "current_password");
    }
    let refused = guess(PASSWORD).await;
    refused.problem(429);
    assert!(refused.header("retry-after").is_some());
    // The account is locked for logins as well, and the password unchanged.
    app.login(&username, PASSWORD).await.problem(429);
    app.get("/api/v1/me", &token).await.ok(200);
}

/// The account behind a token is checked inside each request's own
/// database call, not in the extractor: no operation may forget it. Every
/// operation of the document that needs a login answers a deactivated
/// user's token 401 — or, for a body or query it cannot read, the 4xx that
/// shape gets before any database work (400, 415, 422) — and never
/// anything that depends on the records (2xx, 403, 404, 409, 412).
async fn a_deactivated_token_is_refused_by_every_operation_of_the_document(app: TestApp) {
    let (id, token) = app.login_as(Role::Admin).await;
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin_token,
        json!({"active": false}),
    )
    .await
    .ok(200);
    let document = app
        .send(awc::http::Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .ok(200);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            // `[{}]`, the empty requirement: no login needed.
            let secured = op["security"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|r| r.as_object().is_some_and(|r| !r.is_empty()))
            });
            if !secured {
                continue;
            }
            let path = template
                .split('/')
                .map(|part| if part.starts_with('{') { "1" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            let method = awc::http::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body = (method != awc::http::Method::GET && method != awc::http::Method::DELETE)
                .then(|| json!({}));
            let reply = app.send(method.clone(), &path, Some(&token), body).await;
            checked += 1;
            if !matches!(reply.status.as_u16(), 401 | 400 | 415 | 422) {
                wrong.push(format!("{method} {path}: {}", reply.status));
            }
        }
    }
    assert!(checked > 50, "only {checked} operations checked");
    let refused = app.get("/api/v1/delegations/1", &token).await;
    refused.problem(401);
    assert!(
        wrong.is_empty(),
        "answered a deactivated token:\n{}",
        wrong.join("\n")
    );
}
