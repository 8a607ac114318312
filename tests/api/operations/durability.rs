//! Crash safety of the running binary on SQLite: concurrent clients write
//! while the process is killed with SIGKILL at random moments, and after
//! each restart on the same file every write that was answered 2xx is
//! there, whole, with exactly its audit entry, and no audit entry stands for
//! a change the record does not show.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use awc::http::Method;
use serde_json::{Value, json};

use crate::fixtures::{END, START, item_body, member_body, payload};
use crate::helpers::{SECRET, report_figure};

const CYCLES: u64 = 12;
const WORKERS: usize = 4;

/// Every delegation walks the same steps, one version each: the audit
/// entry of version `v` is `STEPS[v - 1]`, and a delegation at version `v`
/// takes `STEPS[v]` next.
const STEPS: [&str; 11] = [
    "create",
    "update",
    "add_member",
    "add_item",
    "update",
    "submit",
    "update",
    "appraise",
    "approve",
    "complete",
    "report",
];

/// What every delegation is created with.
const PURPOSE: &str = "Khảo sát đầu tư";

/// A write the service answered 2xx: the delegation, the version the write
/// made, the step, what was sent and what was answered.
#[derive(Debug)]
struct Ack {
    delegation: i64,
    version: i64,
    step: &'static str,
    sent: Value,
    answer: Value,
}

/// A small seeded generator: the kill moments differ per cycle and repeat per run.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Makes the first administrator from the command line, as an operator would.
fn create_admin(dir: &Path, database_url: &str) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_visitdesk"))
        .args([
            "user",
            "create",
            "--database-url",
            database_url,
            "--username",
            "root",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough password\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `visitdesk serve`, killed if the test fails half-way.
struct Service {
    child: Child,
    base: String,
}

impl Service {
    /// SIGKILL (what `Child::kill` sends on Unix): no graceful stop, no
    /// flush, requests cut mid-way.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        let status = self.child.wait().unwrap();
        assert!(!status.success(), "{status}");
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `visitdesk serve` on the database, with a JWT secret from the
/// environment so that tokens outlive a restart; its log goes to a file.
async fn serve(dir: &Path, database_url: &str) -> Service {
    let bind = format!("127.0.0.1:{}", free_port());
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("serve.log"))
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_visitdesk"))
        .args(["serve", "--bind", &bind, "--database-url", database_url])
        .args(["--workers", "2"])
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("VISITDESK_JWT_SECRET", SECRET)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://{bind}");
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(2))
        .finish();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("visitdesk serve exited with {status}: see {}", log_of(dir));
        }
        if let Ok(res) = client.get(format!("{base}/readyz")).send().await
            && res.status() == 200
        {
            return Service { child, base };
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the service did not get ready: {}",
            log_of(dir)
        );
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
}

fn log_of(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("serve.log")).unwrap_or_default()
}

/// An API client of one running process.
#[derive(Clone)]
struct Api {
    http: awc::Client,
    base: String,
    token: String,
}

impl Api {
    fn new(base: &str, token: &str) -> Self {
        Self {
            http: awc::Client::builder()
                .timeout(Duration::from_secs(10))
                .finish(),
            base: base.to_owned(),
            token: token.to_owned(),
        }
    }

    /// The status and JSON body, or `None` when no answer came (the
    /// process died with the request in flight).
    async fn send(
        &self,
        method: Method,
        path: &str,
        if_match: Option<i64>,
        body: Option<&Value>,
    ) -> Option<(u16, Value)> {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(version) = if_match {
            req = req.insert_header(("If-Match", format!("\"{version}\"")));
        }
        let sent = match body {
            Some(body) => req.send_json(body).await,
            None => req.send().await,
        };
        let mut res = sent.ok()?;
        let bytes = res.body().limit(16 * 1024 * 1024).await.ok()?;
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Some((res.status().as_u16(), json))
    }

    /// A read that must succeed.
    async fn get(&self, path: &str) -> Value {
        let (status, body) = self
            .send(Method::GET, path, None, None)
            .await
            .unwrap_or_else(|| panic!("no answer to GET {path}"));
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }
}

fn delegation_path(id: i64) -> String {
    format!("/api/v1/delegations/{id}")
}

/// The request that takes a delegation at `version` one step on.
fn step_request(id: i64, version: i64, tag: &str) -> (Method, String, Option<i64>, Value) {
    let path = delegation_path(id);
    match STEPS[usize::try_from(version).unwrap()] {
        "update" if version == 4 => (
            Method::PATCH,
            path,
            Some(version),
            json!({"purpose": format!("{PURPOSE} {tag}"), "head_of_delegation": format!("Trưởng đoàn {tag}")}),
        ),
        "update" => (
            Method::PATCH,
            path,
            Some(version),
            json!({"title": format!("Đoàn {tag}")}),
        ),
        "add_member" => (
            Method::POST,
            format!("{path}/members"),
            None,
            member_body(&format!("Thành viên {tag}")),
        ),
        "add_item" => (
            Method::POST,
            format!("{path}/itinerary"),
            None,
            item_body(&format!("{START}T09:00"), &format!("{START}T11:00")),
        ),
        action => (
            Method::POST,
            format!("{path}/transitions"),
            None,
            payload(action),
        ),
    }
}

fn create_body(host_unit: i64, tag: &str) -> Value {
    json!({
        "direction": "incoming",
        "title": format!("Đoàn {tag}"),
        "purpose": PURPOSE,
        "partner_organization": "Shizuoka Chamber of Commerce",
        "countries": ["JP"],
        "host_unit_id": host_unit,
        "head_of_delegation": "Tanaka Hiroshi",
        "start_date": START,
        "end_date": END,
    })
}

/// How a client's run ended.
struct Run {
    acks: Vec<Ack>,
    /// The delegation it was walking.
    on: Option<i64>,
    /// The process died with one of its writes in flight.
    cut: bool,
}

/// One client: walks its delegation step by step (creating a new one when
/// the last is done) until the process dies.
async fn worker(
    api: Api,
    host_unit: i64,
    name: String,
    mut current: Option<(i64, i64)>,
    stop: &Cell<bool>,
) -> Run {
    let mut acks = Vec::new();
    let mut n = 0;
    while !stop.get() {
        n += 1;
        let tag = format!("{name}-{n}");
        let (id, version, method, path, if_match, body) = match current {
            Some((id, version)) if version < STEPS.len() as i64 => {
                let (method, path, if_match, body) = step_request(id, version, &tag);
                (Some(id), version, method, path, if_match, body)
            }
            _ => (
                None,
                0,
                Method::POST,
                "/api/v1/delegations".to_owned(),
                None,
                create_body(host_unit, &tag),
            ),
        };
        let Some((status, answer)) = api.send(method, &path, if_match, Some(&body)).await else {
            // The process is gone: this write's fate is unknown.
            return Run {
                acks,
                on: current.map(|(id, _)| id),
                cut: true,
            };
        };
        assert!(
            (200..300).contains(&status),
            "{path} at version {version} answered {status}: {answer}"
        );
        let id = id.unwrap_or_else(|| answer["id"].as_i64().unwrap());
        // Each client walks delegations of its own: a step makes exactly the next version.
        let version = version + 1;
        let step = STEPS[usize::try_from(version - 1).unwrap()];
        if answers_the_delegation(step) {
            assert_eq!(answer["version"], version, "{answer}");
        }
        acks.push(Ack {
            delegation: id,
            version,
            step,
            sent: body,
            answer,
        });
        current = Some((id, version));
    }
    Run {
        acks,
        on: current.map(|(id, _)| id),
        cut: false,
    }
}

/// Whether a step answers the delegation (not a member or an item).
fn answers_the_delegation(step: &str) -> bool {
    !matches!(step, "add_member" | "add_item")
}

/// The fields the replay of a history follows.
const TRACKED: [&str; 4] = ["title", "purpose", "head_of_delegation", "status"];

/// One delegation as checked: the record, its history, and the state after
/// each version (`states[v - 1]`).
struct Checked {
    record: Value,
    entries: Vec<Value>,
    states: Vec<BTreeMap<String, Value>>,
}

/// Checks one delegation against its history: one entry per version, the
/// steps in order, each change continuing from the one before and ending
/// at what the record shows, and as many members and items as were added.
async fn check_delegation(api: &Api, id: i64) -> Checked {
    let path = delegation_path(id);
    let d = api.get(&path).await;
    let history = api.get(&format!("{path}/history")).await;
    let entries = history["items"].as_array().unwrap().clone();
    let version = d["version"].as_i64().unwrap();
    assert_eq!(
        entries.len() as i64,
        version,
        "delegation {id}: version {version} but {} audit entries: {history}",
        entries.len()
    );
    let mut state: BTreeMap<String, Value> = BTreeMap::new();
    let mut states = Vec::new();
    let (mut members, mut items) = (BTreeSet::new(), BTreeSet::new());
    for (k, entry) in entries.iter().enumerate() {
        let changes = &entry["changes"];
        assert_eq!(
            entry["action"], STEPS[k],
            "delegation {id}, entry {k}: {history}"
        );
        match STEPS[k] {
            "create" => {
                assert_eq!(changes["reference"], d["reference"], "{entry}");
                state.insert("title".into(), changes["title"].clone());
                state.insert("purpose".into(), json!(PURPOSE));
                state.insert(
                    "head_of_delegation".into(),
                    changes["head_of_delegation"].clone(),
                );
                state.insert("status".into(), json!("draft"));
            }
            "add_member" => assert!(members.insert(changes["member_id"].as_i64().unwrap())),
            "add_item" => assert!(items.insert(changes["item_id"].as_i64().unwrap())),
            _ => {
                let fields = changes.as_object().unwrap();
                assert!(
                    TRACKED.iter().any(|f| fields.contains_key(*f)),
                    "delegation {id}, entry {k} records no change: {entry}"
                );
                for field in TRACKED {
                    if let Some(change) = fields.get(field) {
                        assert_eq!(
                            change["from"], state[field],
                            "delegation {id}, entry {k}: {field} does not continue from the version \
                             before (a lost or half-written change): {history}"
                        );
                        state.insert(field.into(), change["to"].clone());
                    }
                }
            }
        }
        states.push(state.clone());
    }
    for field in TRACKED {
        assert_eq!(
            d[field], state[field],
            "delegation {id}: the record's {field} is not what its history leads to: {d} / {history}"
        );
    }
    let listed = |body: Value| -> BTreeSet<i64> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(
        listed(api.get(&format!("{path}/members")).await),
        members,
        "delegation {id}: its members and their audit entries differ"
    );
    assert_eq!(
        listed(api.get(&format!("{path}/itinerary")).await),
        items,
        "delegation {id}: its itinerary and its audit entries differ"
    );
    Checked {
        record: d,
        entries,
        states,
    }
}

/// Checks the delegations that `acks` touched, and each acknowledged write
/// against the record and its audit entry.
async fn check_acks(api: &Api, acks: &[Ack]) {
    let ids: BTreeSet<i64> = acks.iter().map(|a| a.delegation).collect();
    let mut checked = BTreeMap::new();
    for id in ids {
        checked.insert(id, check_delegation(api, id).await);
    }
    for ack in acks {
        let c = &checked[&ack.delegation];
        let v = usize::try_from(ack.version).unwrap();
        assert!(
            c.entries.len() >= v,
            "an acknowledged {} (version {v}) of delegation {} is lost: the record is at version {}",
            ack.step,
            ack.delegation,
            c.record["version"]
        );
        let entry = &c.entries[v - 1];
        assert_eq!(entry["action"], ack.step, "{ack:?}: {entry}");
        let changes = &entry["changes"];
        match ack.step {
            "create" => {
                assert_eq!(ack.answer["reference"], c.record["reference"], "{ack:?}");
                for field in ["title", "head_of_delegation", "start_date", "end_date"] {
                    assert_eq!(ack.answer[field], ack.sent[field], "{ack:?}");
                    assert_eq!(changes[field], ack.sent[field], "{ack:?}: {entry}");
                }
            }
            "add_member" => assert_eq!(changes["member_id"], ack.answer["id"], "{entry}"),
            "add_item" => assert_eq!(changes["item_id"], ack.answer["id"], "{entry}"),
            "update" => {
                for (field, value) in ack.sent.as_object().unwrap() {
                    assert_eq!(&changes[field]["to"], value, "{ack:?}: {entry}");
                }
            }
            _ => assert_eq!(changes["status"]["to"], ack.answer["status"], "{entry}"),
        }
        // What the write answered is the state its version stands for.
        if answers_the_delegation(ack.step) {
            for (field, value) in &c.states[v - 1] {
                assert_eq!(&ack.answer[field], value, "{field} of {ack:?}");
            }
        }
    }
}

/// Every item of a paged list, following `next_cursor`.
async fn every_page(api: &Api, path: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page_path = match &cursor {
            Some(c) => format!("{path}&cursor={c}"),
            None => path.to_owned(),
        };
        let page = api.get(&page_path).await;
        all.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return all,
        }
    }
}

/// Every delegation in the database and every delegation audit entry: each
/// delegation whole, one entry per version, no entry without its record.
async fn check_everything(api: &Api) -> usize {
    let mut per_record: BTreeMap<i64, i64> = BTreeMap::new();
    for entry in every_page(api, "/api/v1/audit?record_kind=delegation&limit=500").await {
        *per_record
            .entry(entry["record"]["id"].as_i64().unwrap())
            .or_default() += 1;
    }
    let versions: BTreeMap<i64, i64> = every_page(api, "/api/v1/delegations?limit=500")
        .await
        .iter()
        .map(|d| (d["id"].as_i64().unwrap(), d["version"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        per_record, versions,
        "audit entries per delegation differ from the delegations' versions"
    );
    for id in versions.keys() {
        check_delegation(api, *id).await;
    }
    versions.len()
}

#[actix_web::test]
async fn acknowledged_writes_survive_sigkill_with_their_audit_entries() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("visitdesk.db").display());
    create_admin(dir.path(), &database_url);

    // First start: log in once, and make the unit that hosts every delegation.
    let mut service = serve(dir.path(), &database_url).await;
    let (status, login) = Api::new(&service.base, "")
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&json!({"username": "root", "password": "a long enough password"})),
        )
        .await
        .unwrap();
    assert_eq!(status, 200, "{login}");
    let token = login["access_token"].as_str().unwrap().to_owned();
    let mut api = Api::new(&service.base, &token);
    let unit = json!({"name": "Sở Công Thương", "name_en": "Department of Industry and Trade", "kind": "department"});
    let (status, unit) = api
        .send(Method::POST, "/api/v1/units", None, Some(&unit))
        .await
        .unwrap();
    assert_eq!(status, 201, "{unit}");
    let host_unit = unit["id"].as_i64().unwrap();

    let mut all_acks: Vec<Ack> = Vec::new();
    let mut current: Vec<Option<(i64, i64)>> = vec![None; WORKERS];
    let mut cut = 0;
    for cycle in 0..CYCLES {
        let delay = Duration::from_millis(XorShift::new(cycle + 1).between(50, 400));
        let stop = Cell::new(false);
        let workers =
            futures_util::future::join_all(current.iter().enumerate().map(|(w, on)| {
                worker(api.clone(), host_unit, format!("c{cycle}-w{w}"), *on, &stop)
            }));
        let killer = async {
            actix_web::rt::time::sleep(delay).await;
            service.kill();
            stop.set(true);
        };
        let (runs, ()) = futures_util::future::join(workers, killer).await;

        // Restart on the same file; the token of the first login still works.
        service = serve(dir.path(), &database_url).await;
        api = Api::new(&service.base, &token);
        let mut acks = Vec::new();
        for (w, run) in runs.into_iter().enumerate() {
            acks.extend(run.acks);
            cut += usize::from(run.cut);
            current[w] = match run.on {
                Some(id) => {
                    let d = api.get(&delegation_path(id)).await;
                    Some((id, d["version"].as_i64().unwrap()))
                }
                None => None,
            };
        }
        check_acks(&api, &acks).await;
        all_acks.extend(acks);
    }

    // A last look at everything, after the last restart.
    check_acks(&api, &all_acks).await;
    let delegations = check_everything(&api).await;
    assert_eq!(
        api.get(&format!("/api/v1/units/{host_unit}")).await["id"],
        host_unit
    );
    drop(service);

    let acked = all_acks.len();
    assert!(
        acked >= CYCLES as usize * WORKERS && cut > 0,
        "too few writes to mean anything: {acked} acknowledged, {cut} cut"
    );
    report_figure(
        "durability",
        &format!(
            "{CYCLES} SIGKILL cycles, {acked} acknowledged writes, all present with their audit entries \
             ({delegations} delegations, {cut} writes cut in flight, {:.1} s)",
            started.elapsed().as_secs_f64()
        ),
    );
}
