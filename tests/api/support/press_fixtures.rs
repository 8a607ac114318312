//! Press-side fixtures: reporters (foreign and domestic), accreditations,
//! interviews and press conferences, and walks of each to any state of its
//! workflow through the API, each step by the role the design names.

use serde_json::{Value, json};
use visitdesk::domain::role::Role;

use crate::fixtures::{Cast, merged};
use crate::helpers::{Reply, TestApp};

/// The accreditation the fixtures make runs over these days; the
/// interviews, activities and press conferences fall on `DAY`.
pub const ACC_START: &str = "2026-12-01";
pub const ACC_END: &str = "2026-12-05";
pub const DAY: &str = "2026-12-02";

/// The places the fixtures' accreditations permit.
pub const PLACES: [&str; 2] = ["Bản Lác, Mai Châu", "Nhà máy Thủy điện Hòa Bình"];

pub const REPORTERS: &str = "/api/v1/reporters";
pub const ACCREDITATIONS: &str = "/api/v1/accreditations";
pub const INTERVIEWS: &str = "/api/v1/interviews";
pub const CONFERENCES: &str = "/api/v1/press-conferences";

pub fn reporter_path(id: i64) -> String {
    format!("{REPORTERS}/{id}")
}

pub fn accreditation_path(id: i64) -> String {
    format!("{ACCREDITATIONS}/{id}")
}

pub fn interview_path(id: i64) -> String {
    format!("{INTERVIEWS}/{id}")
}

pub fn conference_path(id: i64) -> String {
    format!("{CONFERENCES}/{id}")
}

/// A complete reporter of `nationality`: a Japanese crew member with every
/// piece of personal data, or a Vietnamese (domestic) reporter.
pub fn reporter_body(nationality: &str) -> Value {
    match nationality {
        "VN" => json!({
            "full_name": "Nguyễn Thị Lan",
            "nationality": "VN",
            "passport_number": "C1234567",
            "outlet": "Báo Hòa Bình",
            "outlet_country": "VN",
            "position": "reporter",
            "email": "lan@baohoabinh.vn",
            "phone": "+84 218 385 0000",
        }),
        other => json!({
            "full_name": "Yamada Hanako",
            "nationality": other,
            "passport_number": "TZ1234567",
            "outlet": "NHK",
            "outlet_country": other,
            "position": "reporter",
            "press_card_number": "BNG-2026-118",
            "email": "yamada@nhk.example.jp",
            "phone": "+81 3 3465 1111",
        }),
    }
}

/// Registers a reporter of `nationality` (as `token`), and returns its id.
pub async fn reporter(app: &TestApp, token: &str, nationality: &str) -> i64 {
    app.post(REPORTERS, token, reporter_body(nationality))
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap()
}

/// A complete accreditation of `reporters` from `ACC_START` to `ACC_END`
/// at the fixtures' permitted places.
pub fn accreditation_body(reporters: &[i64]) -> Value {
    json!({
        "reporter_ids": reporters,
        "topics": "Du lịch cộng đồng và văn hóa dân tộc Mường, Thái",
        "permitted_places": PLACES,
        "start_date": ACC_START,
        "end_date": ACC_END,
        "referral_number": "1234/BNG-TTBC",
        "referral_date": "2026-11-20",
        "escort_officer": "Lê Minh Đức",
    })
}

pub async fn create_accreditation(app: &TestApp, token: &str, body: Value) -> Value {
    app.post(ACCREDITATIONS, token, body).await.ok(201)
}

/// A transition's body: every action takes a note (revocation needs one).
pub fn transition(action: &str) -> Value {
    json!({"action": action, "note": format!("Ghi chú: {action}")})
}

/// Takes `action` on the record at `path` (its `/transitions`).
pub async fn act_on(app: &TestApp, token: &str, path: &str, action: &str) -> Reply {
    app.post(&format!("{path}/transitions"), token, transition(action))
        .await
}

/// Records the police's review of an accreditation.
pub async fn review(app: &TestApp, token: &str, id: i64, status: &str) -> Reply {
    app.put(
        &format!("{}/security-review", accreditation_path(id)),
        token,
        json!({"status": status, "officer": "Đại úy Trần Văn Hùng", "notes": "Không có dấu hiệu vi phạm"}),
    )
    .await
}

/// One step of a walk: a workflow action by a role, or the police's review.
#[derive(Debug, Clone, Copy)]
enum Step {
    Act(&'static str, Role),
    ClearedReview,
}

/// The steps that lead an accreditation from a draft to `state`.
fn accreditation_route(state: &str) -> &'static [Step] {
    use Role::{ForeignAffairs as FA, Police};
    use Step::{Act, ClearedReview};
    match state {
        "draft" => &[],
        "submitted" => &[Act("submit", FA)],
        "approved" => &[Act("submit", FA), ClearedReview, Act("approve", FA)],
        "rejected" => &[Act("submit", FA), Act("reject", FA)],
        "completed" => &[
            Act("submit", FA),
            ClearedReview,
            Act("approve", FA),
            Act("complete", FA),
        ],
        "revoked" => &[
            Act("submit", FA),
            ClearedReview,
            Act("approve", FA),
            Act("revoke", Police),
        ],
        "cancelled" => &[Act("cancel", FA)],
        other => panic!("no route to an accreditation {other}"),
    }
}

/// Walks the draft accreditation `id` to `state` through the API.
pub async fn walk_accreditation(app: &TestApp, cast: &Cast, id: i64, state: &str) {
    let path = accreditation_path(id);
    for step in accreditation_route(state) {
        let (what, reply) = match *step {
            Step::Act(action, role) => (action, act_on(app, cast.token(role), &path, action).await),
            Step::ClearedReview => (
                "review",
                review(app, &cast.police.token, id, "cleared").await,
            ),
        };
        assert_eq!(
            reply.status,
            200,
            "{what} on the way to {state}: {}",
            reply.text()
        );
    }
    let a = app.get(&path, &cast.admin.token).await.ok(200);
    assert_eq!(a["status"], state, "{a}");
}

/// A fresh accreditation of `reporters` (fixture dates and places), walked to `state`.
pub async fn accreditation_in(app: &TestApp, cast: &Cast, reporters: &[i64], state: &str) -> i64 {
    let body = accreditation_body(reporters);
    accreditation_from(app, cast, body, state).await
}

/// A fresh accreditation from `body`, walked to `state`.
pub async fn accreditation_from(app: &TestApp, cast: &Cast, body: Value, state: &str) -> i64 {
    let created = create_accreditation(app, &cast.foreign_affairs.token, body).await;
    let id = created["id"].as_i64().unwrap();
    walk_accreditation(app, cast, id, state).await;
    id
}

/// A press activity at `place` (times read in the province's zone).
pub fn activity_body(starts_at: &str, ends_at: &str, place: &str) -> Value {
    json!({
        "starts_at": starts_at,
        "ends_at": ends_at,
        "kind": "filming",
        "title": "Quay phóng sự về nghề dệt thổ cẩm",
        "place": {"name": place, "district": "Mai Châu"},
        "participants": "Đại diện UBND huyện Mai Châu",
        "escort_officer": "Lê Minh Đức",
    })
}

pub async fn add_activity(app: &TestApp, token: &str, accreditation: i64, body: Value) -> Reply {
    app.post(
        &format!("{}/activities", accreditation_path(accreditation)),
        token,
        body,
    )
    .await
}

/// An interview of `reporters` on `DAY`, 09:00–10:00 in the province,
/// covered by `accreditation` where one is given.
pub fn interview_body(reporters: &[i64], accreditation: Option<i64>) -> Value {
    json!({
        "interviewee_name": "Nguyễn Văn Chương",
        "interviewee_position": "Phó Chủ tịch UBND tỉnh",
        "outlet": "NHK",
        "reporter_ids": reporters,
        "accreditation_id": accreditation,
        "starts_at": format!("{DAY}T09:00"),
        "ends_at": format!("{DAY}T10:00"),
        "place": "Trụ sở UBND tỉnh",
        "topics": "Thu hút đầu tư Nhật Bản vào tỉnh",
        "questions": "1. Tỉnh có chính sách ưu đãi nào cho nhà đầu tư Nhật Bản?",
    })
}

pub async fn create_interview(app: &TestApp, token: &str, body: Value) -> Value {
    app.post(INTERVIEWS, token, body).await.ok(201)
}

/// The actions (and who takes them) that lead a requested interview to `state`.
fn interview_route(state: &str) -> &'static [(&'static str, Role)] {
    use Role::ProvincialOffice as PO;
    match state {
        "requested" => &[],
        "approved" => &[("approve", PO)],
        "done" => &[("approve", PO), ("complete", PO)],
        "cancelled" => &[("cancel", PO)],
        other => panic!("no route to an interview {other}"),
    }
}

/// Walks the requested interview `id` to `state` through the API.
pub async fn walk_interview(app: &TestApp, cast: &Cast, id: i64, state: &str) {
    walk(
        app,
        cast,
        &interview_path(id),
        interview_route(state),
        state,
    )
    .await;
}

/// A fresh interview from `body` (requested by the Provincial Office), walked to `state`.
pub async fn interview_from(app: &TestApp, cast: &Cast, body: Value, state: &str) -> i64 {
    let created = create_interview(app, &cast.provincial_office.token, body).await;
    let id = created["id"].as_i64().unwrap();
    walk_interview(app, cast, id, state).await;
    id
}

/// A fresh interview of the domestic reporter `reporter` (no accreditation
/// needed), walked to `state`.
pub async fn interview_in(app: &TestApp, cast: &Cast, reporter: i64, state: &str) -> i64 {
    interview_from(app, cast, interview_body(&[reporter], None), state).await
}

/// A periodic press conference on `DAY`, 14:00–15:30 in the province.
pub fn conference_body() -> Value {
    conference_at(&format!("{DAY}T14:00"), &format!("{DAY}T15:30"))
}

/// A periodic press conference from `starts_at` to `ends_at`.
pub fn conference_at(starts_at: &str, ends_at: &str) -> Value {
    json!({
        "title": "Họp báo định kỳ quý IV năm 2026",
        "kind": "periodic",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue": "Hội trường UBND tỉnh",
        "topics": "Tình hình kinh tế - xã hội quý IV",
        "speakers": ["Chủ tịch UBND tỉnh", "Giám đốc Sở Ngoại vụ"],
    })
}

pub async fn create_conference(app: &TestApp, token: &str, body: Value) -> Value {
    app.post(CONFERENCES, token, body).await.ok(201)
}

/// The actions that lead a planned press conference to `state` (all the
/// Provincial Office's).
fn conference_route(state: &str) -> &'static [(&'static str, Role)] {
    use Role::ProvincialOffice as PO;
    match state {
        "planned" => &[],
        "announced" => &[("announce", PO)],
        "held" => &[("announce", PO), ("complete", PO)],
        "cancelled" => &[("cancel", PO)],
        other => panic!("no route to a press conference {other}"),
    }
}

/// Walks the planned press conference `id` to `state` through the API.
pub async fn walk_conference(app: &TestApp, cast: &Cast, id: i64, state: &str) {
    walk(
        app,
        cast,
        &conference_path(id),
        conference_route(state),
        state,
    )
    .await;
}

/// A fresh press conference from `body` (planned by the Provincial Office), walked to `state`.
pub async fn conference_from(app: &TestApp, cast: &Cast, body: Value, state: &str) -> i64 {
    let created = create_conference(app, &cast.provincial_office.token, body).await;
    let id = created["id"].as_i64().unwrap();
    walk_conference(app, cast, id, state).await;
    id
}

/// A fresh press conference on `DAY`, walked to `state`.
pub async fn conference_in(app: &TestApp, cast: &Cast, state: &str) -> i64 {
    conference_from(app, cast, conference_body(), state).await
}

pub fn attendee_body(outlet: &str, name: &str, reporter: Option<i64>) -> Value {
    json!({"outlet": outlet, "name": name, "reporter_id": reporter})
}

pub async fn add_attendee(app: &TestApp, token: &str, conference: i64, body: Value) -> Reply {
    app.post(
        &format!("{}/attendees", conference_path(conference)),
        token,
        body,
    )
    .await
}

async fn walk(app: &TestApp, cast: &Cast, path: &str, route: &[(&'static str, Role)], state: &str) {
    for (action, role) in route {
        let reply = act_on(app, cast.token(*role), path, action).await;
        assert_eq!(
            reply.status,
            200,
            "{action} on the way to {state}: {}",
            reply.text()
        );
    }
    let record = app.get(path, &cast.admin.token).await.ok(200);
    assert_eq!(record["status"], state, "{record}");
}

/// The press side of the cast: a Japanese and a Vietnamese reporter.
#[derive(Debug, Clone, Copy)]
pub struct Reporters {
    pub foreign: i64,
    pub domestic: i64,
}

impl Reporters {
    pub async fn new(app: &TestApp, cast: &Cast) -> Reporters {
        let fa = &cast.foreign_affairs.token;
        Reporters {
            foreign: reporter(app, fa, "JP").await,
            domestic: reporter(app, fa, "VN").await,
        }
    }
}

/// `body` with its `starts_at`/`ends_at` replaced.
pub fn at(body: Value, starts_at: &str, ends_at: &str) -> Value {
    merged(body, json!({"starts_at": starts_at, "ends_at": ends_at}))
}

/// The `field`s of a 422 problem's `errors`.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// How many audit entries there are.
pub async fn audit_len(app: &TestApp) -> usize {
    app.audit_entries().await.len()
}

/// Asserts a 422 problem that names `field`.
pub fn invalid(reply: &Reply, field: &str) {
    let problem = reply.problem(422);
    assert!(
        fields(&problem).iter().any(|f| f == field),
        "expected an error on {field}: {problem}"
    );
}
