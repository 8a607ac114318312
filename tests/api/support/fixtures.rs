//! Delegation fixtures: one user per role (the host unit owning the
//! delegations), delegations ready to submit, and walks to any state
//! through the API.

use chrono::NaiveDate;
use serde_json::{Value, json};
use visitdesk::domain::ids::UnitId;
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use crate::helpers::{Reply, TestApp};

/// Dates well in the past: every action is open, `complete` included
/// (its end date has been reached).
pub const START: &str = "2025-03-10";
pub const END: &str = "2025-03-12";

/// A user and the token it logged in with.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub token: String,
}

/// One user of every role; `host` belongs to `host_unit`, which hosts the
/// delegations the fixtures make.
#[derive(Debug, Clone)]
pub struct Cast {
    pub admin: User,
    pub foreign_affairs: User,
    pub provincial_office: User,
    pub police: User,
    pub host: User,
    pub viewer: User,
    pub host_unit: UnitId,
}

impl Cast {
    pub async fn new(app: &TestApp) -> Cast {
        let me = app.get("/api/v1/me", &app.admin_token).await.ok(200);
        let admin = User {
            id: me["id"].as_i64().unwrap(),
            token: app.admin_token.clone(),
        };
        let login = |role| async move {
            let (id, token) = app.login_as(role).await;
            User { id, token }
        };
        let (host_unit, host) = host_unit_user(app, "so-cong-thuong", "Sở Công Thương").await;
        Cast {
            admin,
            foreign_affairs: login(Role::ForeignAffairs).await,
            provincial_office: login(Role::ProvincialOffice).await,
            police: login(Role::Police).await,
            host,
            viewer: login(Role::Viewer).await,
            host_unit,
        }
    }

    pub fn user(&self, role: Role) -> &User {
        match role {
            Role::Admin => &self.admin,
            Role::ForeignAffairs => &self.foreign_affairs,
            Role::ProvincialOffice => &self.provincial_office,
            Role::Police => &self.police,
            Role::HostUnit => &self.host,
            Role::Viewer => &self.viewer,
        }
    }

    pub fn token(&self, role: Role) -> &str {
        &self.user(role).token
    }
}

/// A department and a `host_unit` user of it.
pub async fn host_unit_user(app: &TestApp, username: &str, unit_name: &str) -> (UnitId, User) {
    let unit = app.make_unit(unit_name, UnitKind::Department).await;
    let id = app.make_user(username, Role::HostUnit, Some(unit)).await;
    let token = app.token(username).await;
    (unit, User { id, token })
}

pub fn path(id: i64) -> String {
    format!("/api/v1/delegations/{id}")
}

/// `base` with the fields of `extra` put over it.
pub fn merged(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
    base
}

/// A complete, valid body for `POST /delegations`, in the past.
pub fn delegation_body(direction: &str, host_unit: UnitId) -> Value {
    match direction {
        "incoming" => json!({
            "direction": "incoming",
            "title": "Đoàn doanh nghiệp tỉnh Shizuoka",
            "purpose": "Tìm hiểu cơ hội đầu tư vào khu công nghiệp",
            "partner_organization": "Shizuoka Chamber of Commerce",
            "countries": ["JP"],
            "host_unit_id": host_unit.get(),
            "head_of_delegation": "Tanaka Hiroshi",
            "start_date": START,
            "end_date": END,
        }),
        _ => json!({
            "direction": "outgoing",
            "title": "Đoàn công tác xúc tiến thương mại tại Hàn Quốc",
            "purpose": "Xúc tiến xuất khẩu nông sản",
            "partner_organization": "Gyeonggi Business Center",
            "countries": ["KR"],
            "host_unit_id": host_unit.get(),
            "head_of_delegation": "Phó Chủ tịch UBND tỉnh",
            "start_date": START,
            "end_date": END,
        }),
    }
}

/// A complete, valid member with every piece of personal data.
pub fn member_body(full_name: &str) -> Value {
    json!({
        "full_name": full_name,
        "gender": "male",
        "date_of_birth": "1971-04-02",
        "nationality": "JP",
        "passport_number": "TR1234567",
        "organization": "Shizuoka Chamber of Commerce",
        "position": "Chairman",
        "role": "head",
        "email": "tanaka@example.jp",
        "phone": "+81 54 254 0000",
    })
}

/// A valid itinerary item (times read in the province's zone unless the
/// body says otherwise).
pub fn item_body(starts_at: &str, ends_at: &str) -> Value {
    json!({
        "starts_at": starts_at,
        "ends_at": ends_at,
        "kind": "meeting",
        "title": "Làm việc với lãnh đạo tỉnh",
        "place": {"name": "Trụ sở UBND tỉnh", "address": "Số 1 đường Trần Hưng Đạo", "district": "Thành phố"},
        "participants": "Phó Chủ tịch UBND tỉnh",
        "escort_officer": "Lê Minh Đức",
    })
}

pub async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    app.post("/api/v1/delegations", token, body).await.ok(201)
}

pub async fn add_member(app: &TestApp, token: &str, id: i64, body: Value) -> Value {
    app.post(&format!("{}/members", path(id)), token, body)
        .await
        .ok(201)
}

pub async fn add_item(app: &TestApp, token: &str, id: i64, body: Value) -> Value {
    app.post(&format!("{}/itinerary", path(id)), token, body)
        .await
        .ok(201)
}

/// A draft of the cast's host unit from `body`, with one member and one
/// item on its first day: ready to submit.
pub async fn draft_from(app: &TestApp, cast: &Cast, body: Value) -> i64 {
    let token = &cast.foreign_affairs.token;
    let first_day: NaiveDate = body["start_date"].as_str().unwrap().parse().unwrap();
    let id = create(app, token, body).await["id"].as_i64().unwrap();
    add_member(app, token, id, member_body("Tanaka Hiroshi")).await;
    add_item(
        app,
        token,
        id,
        item_body(&format!("{first_day}T09:00"), &format!("{first_day}T11:00")),
    )
    .await;
    id
}

/// A past draft of the cast's host unit, ready to submit.
pub async fn draft(app: &TestApp, cast: &Cast, direction: &str) -> i64 {
    draft_from(app, cast, delegation_body(direction, cast.host_unit)).await
}

/// The complete, valid payload of a transition: every field any action
/// needs, so that only the workflow decides.
pub fn payload(action: &str) -> Value {
    json!({
        "action": action,
        "note": format!("Ghi chú: {action}"),
        "recommendation": "approve",
        "decision_number": "1234/QĐ-UBND",
        "decision_date": "2025-03-01",
        "report": "Đoàn đã làm việc theo đúng chương trình.",
    })
}

pub async fn act_with(app: &TestApp, token: &str, id: i64, body: Value) -> Reply {
    app.post(&format!("{}/transitions", path(id)), token, body)
        .await
}

/// Takes `action` with the complete payload.
pub async fn act(app: &TestApp, token: &str, id: i64, action: &str) -> Reply {
    act_with(app, token, id, payload(action)).await
}

/// The actions (and who takes them) that lead from a draft to `state`.
fn route(state: &str) -> &'static [(&'static str, Role)] {
    use Role::{ForeignAffairs as FA, ProvincialOffice as PO};
    match state {
        "draft" => &[],
        "submitted" => &[("submit", FA)],
        "appraised" => &[("submit", FA), ("appraise", FA)],
        "approved" => &[("submit", FA), ("appraise", FA), ("approve", PO)],
        "rejected" => &[("submit", FA), ("appraise", FA), ("reject", PO)],
        "completed" => &[
            ("submit", FA),
            ("appraise", FA),
            ("approve", PO),
            ("complete", FA),
        ],
        "reported" => &[
            ("submit", FA),
            ("appraise", FA),
            ("approve", PO),
            ("complete", FA),
            ("report", FA),
        ],
        "cancelled" => &[("cancel", FA)],
        other => panic!("no route to {other}"),
    }
}

/// Walks the draft `id` to `state` through the API.
pub async fn walk(app: &TestApp, cast: &Cast, id: i64, state: &str) {
    for (action, role) in route(state) {
        let reply = act(app, cast.token(*role), id, action).await;
        assert_eq!(
            reply.status,
            200,
            "{action} on the way to {state}: {}",
            reply.text()
        );
    }
    let d = app.get(&path(id), &cast.admin.token).await.ok(200);
    assert_eq!(d["status"], state);
}

/// A fresh past delegation of the cast's host unit, walked to `state`.
pub async fn delegation_in(app: &TestApp, cast: &Cast, direction: &str, state: &str) -> i64 {
    let id = draft(app, cast, direction).await;
    walk(app, cast, id, state).await;
    id
}

/// The list items of a `GET` answer.
pub fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().unwrap()
}

/// Every delegation, as the administrator sees them.
pub async fn all_delegations(app: &TestApp) -> Vec<Value> {
    let body = app
        .get("/api/v1/delegations?limit=500", &app.admin_token)
        .await
        .ok(200);
    items(&body).clone()
}

/// The ids of the delegations of a list answer, in order.
pub fn ids(body: &Value) -> Vec<i64> {
    items(body)
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect()
}

/// A query string from pairs, percent-encoded.
pub fn query(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The id of the newest audit entry (the administrator reads the audit):
/// unchanged across a request, that request wrote nothing.
pub async fn newest_audit_entry(app: &TestApp) -> Value {
    let page = app
        .get("/api/v1/audit?limit=1", &app.admin_token)
        .await
        .ok(200);
    page["items"][0]["id"].clone()
}
