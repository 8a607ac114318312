//! Many clients at once against one record, on both engines: `If-Match`
//! lets exactly one writer through per version, writes without it all
//! apply one after the other, a workflow action raced from many clients is
//! taken once, concurrent creates get running references without gaps, and
//! every change that was answered has exactly its audit entry. No answer is
//! ever a 5xx.

use std::collections::{BTreeMap, BTreeSet};

use awc::http::Method;
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::fixtures::{self, Cast, create, delegation_body, path, payload};
use crate::helpers::{Engine, Reply, TestApp, report_figure};
use crate::on_both_engines;
use crate::press_fixtures::{
    ACCREDITATIONS, Reporters, accreditation_body, accreditation_path, create_interview,
    interview_body, interview_path, reporter_path, review, transition,
};

/// Clients sending at the same moment.
const CLIENTS: usize = 32;
/// Read-then-PATCH rounds each client makes in the `If-Match` race.
const ROUNDS: usize = 4;

on_both_engines!(many_clients_at_once);

async fn many_clients_at_once(app: TestApp) {
    let cast = Cast::new(&app).await;
    let mut sent = 0;
    sent += creates_across_units_get_running_references(&app, &cast).await;
    let (requests, won) = if_match_lets_one_writer_through_per_version(&app, &cast).await;
    sent += requests;
    sent += patches_without_if_match_all_apply_in_turn(&app, &cast).await;
    sent += a_raced_delegation_action_is_taken_once(&app, &cast).await;
    sent += press_records_race_the_same_way(&app, &cast).await;
    references_have_no_gaps(&app).await;

    let engine = match app.engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    };
    report_figure(
        &format!("concurrency_{engine}"),
        &format!(
            "{engine}: {CLIENTS} concurrent clients, {sent} concurrent requests ({} If-Match PATCHes: {won} won, \
             {} refused 412), no 5xx, no lost update, one audit entry per change",
            CLIENTS * ROUNDS,
            CLIENTS * ROUNDS - won
        ),
    );
}

/// No answer of `replies` is a server error.
fn no_5xx<'a>(replies: impl IntoIterator<Item = &'a Reply>) {
    for reply in replies {
        assert!(
            !reply.status.is_server_error(),
            "{}: {}",
            reply.status,
            reply.text()
        );
    }
}

/// A record's audit entries, oldest first, through the API.
async fn audit_of(app: &TestApp, kind: &str, id: i64) -> Vec<Value> {
    let body = app
        .get(
            &format!("/api/v1/audit?record_kind={kind}&record_id={id}&limit=500"),
            &app.admin_token,
        )
        .await
        .ok(200);
    let mut entries = fixtures::items(&body).clone();
    entries.reverse();
    entries
}

/// `PATCH path` as `token`, with `If-Match` when a version is given.
async fn patch(
    app: &TestApp,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: Value,
) -> Reply {
    let mut req = app.request(Method::PATCH, path).bearer_auth(token);
    if let Some(etag) = if_match {
        req = req.insert_header(("If-Match", etag.to_owned()));
    }
    app.finish(req.send_json(&body)).await
}

/// The history of the changes to `field`: each update entry's `to` must
/// continue from the `from` of the next one (nothing lost in between).
fn assert_chain(entries: &[Value], field: &str, first: &Value) {
    let mut value = first.clone();
    for (k, entry) in entries.iter().enumerate() {
        // A creation records the value itself; a change `{from, to}`.
        if let Some(change) = entry["changes"].get(field)
            && change.get("from").is_some()
        {
            assert_eq!(
                change["from"], value,
                "entry {k} does not continue from the one before: {entries:#?}"
            );
            value = change["to"].clone();
        }
    }
}

/// 32 clients create delegations of four host units (each unit's own user
/// and Sở Ngoại vụ, both directions) and accreditations, all at once.
async fn creates_across_units_get_running_references(app: &TestApp, cast: &Cast) -> usize {
    let mut units = Vec::new();
    for n in 0..4 {
        units.push(
            fixtures::host_unit_user(app, &format!("donvi-{n}"), &format!("Đơn vị {n}")).await,
        );
    }
    let reporter = crate::press_fixtures::reporter(app, &cast.foreign_affairs.token, "JP").await;

    let delegations = join_all((0..CLIENTS).map(|c| {
        let (unit, user) = &units[c % units.len()];
        let direction = if c % 3 == 0 { "outgoing" } else { "incoming" };
        let token = if c % 2 == 0 {
            &user.token
        } else {
            &cast.foreign_affairs.token
        };
        app.post(
            "/api/v1/delegations",
            token,
            delegation_body(direction, *unit),
        )
    }));
    let accreditations = join_all((0..CLIENTS / 4).map(|_| {
        app.post(
            ACCREDITATIONS,
            &cast.foreign_affairs.token,
            accreditation_body(&[reporter]),
        )
    }));
    let (delegations, accreditations) =
        futures_util::future::join(delegations, accreditations).await;
    no_5xx(delegations.iter().chain(&accreditations));

    for (kind, replies) in [
        ("delegation", &delegations),
        ("accreditation", &accreditations),
    ] {
        let mut references = BTreeSet::new();
        for reply in replies {
            let created = reply.ok(201);
            assert!(
                references.insert(created["reference"].as_str().unwrap().to_owned()),
                "{created}"
            );
            let id = created["id"].as_i64().unwrap();
            let entries = audit_of(app, kind, id).await;
            assert_eq!(entries.len(), 1, "{kind} {id}: {entries:#?}");
            assert_eq!(entries[0]["action"], "create");
            assert_eq!(entries[0]["changes"]["reference"], created["reference"]);
        }
    }
    delegations.len() + accreditations.len()
}

/// 32 clients each read the delegation and PATCH it with `If-Match` of the
/// version they read, four times over: exactly one PATCH per version wins,
/// every other is 412, and the history holds every winner's change in turn.
/// Returns the requests sent and how many PATCHes won.
async fn if_match_lets_one_writer_through_per_version(
    app: &TestApp,
    cast: &Cast,
) -> (usize, usize) {
    let id = create(
        app,
        &cast.foreign_affairs.token,
        delegation_body("incoming", cast.host_unit),
    )
    .await;
    let first_title = id["title"].clone();
    let id = id["id"].as_i64().unwrap();
    let tokens = [
        &cast.foreign_affairs.token,
        &cast.host.token,
        &cast.admin.token,
    ];

    let tries = join_all((0..CLIENTS).map(|c| async move {
        let token = tokens[c % tokens.len()];
        let mut tries = Vec::new();
        for round in 0..ROUNDS {
            let read = app.get(&path(id), token).await;
            let etag = read.header("etag").unwrap();
            let read_version = read.ok(200)["version"].as_i64().unwrap();
            assert_eq!(etag, format!("\"{read_version}\""));
            let title = format!("Đoàn Shizuoka – máy {c}, lượt {round}");
            let reply = patch(app, &path(id), token, Some(&etag), json!({"title": title})).await;
            tries.push((read_version, title, reply));
        }
        tries
    }))
    .await;
    let tries: Vec<_> = tries.into_iter().flatten().collect();
    no_5xx(tries.iter().map(|(_, _, r)| r));

    let mut winners: BTreeMap<i64, String> = BTreeMap::new();
    for (read_version, title, reply) in &tries {
        match reply.status.as_u16() {
            200 => {
                let answer = reply.json();
                assert_eq!(answer["version"], read_version + 1, "{answer}");
                assert_eq!(answer["title"], *title);
                assert!(
                    winners.insert(*read_version, title.clone()).is_none(),
                    "two PATCHes with If-Match {read_version} both won"
                );
            }
            _ => {
                reply.problem(412);
            }
        }
    }
    let d = app.get(&path(id), &cast.admin.token).await.ok(200);
    let last = d["version"].as_i64().unwrap();
    assert_eq!(last, 1 + winners.len() as i64, "{d}");
    assert_eq!(
        winners.keys().copied().collect::<Vec<_>>(),
        (1..last).collect::<Vec<_>>(),
        "one winner per version"
    );
    assert_eq!(d["title"], winners[&(last - 1)]);

    let entries = audit_of(app, "delegation", id).await;
    assert_eq!(entries.len(), winners.len() + 1, "{entries:#?}");
    for (version, title) in &winners {
        let entry = &entries[usize::try_from(*version).unwrap()];
        assert_eq!(entry["action"], "update");
        assert_eq!(entry["changes"]["title"]["to"], *title, "{entry}");
    }
    assert_chain(&entries, "title", &first_title);
    // 2 requests (a read, then a PATCH) per round.
    assert!(
        winners.len() < tries.len(),
        "no PATCH met another: the race was not run"
    );
    (tries.len() * 2, winners.len())
}

/// 32 clients PATCH one delegation at once without `If-Match`: none asked
/// to be refused, so all apply, one after the other.
async fn patches_without_if_match_all_apply_in_turn(app: &TestApp, cast: &Cast) -> usize {
    let created = create(
        app,
        &cast.foreign_affairs.token,
        delegation_body("incoming", cast.host_unit),
    )
    .await;
    let id = created["id"].as_i64().unwrap();

    let record = path(id);
    let replies = join_all((0..CLIENTS).map(|c| {
        let token = if c % 2 == 0 {
            &cast.foreign_affairs.token
        } else {
            &cast.host.token
        };
        patch(
            app,
            &record,
            token,
            None,
            json!({"purpose": format!("Khảo sát lần {c}")}),
        )
    }))
    .await;
    no_5xx(&replies);

    let mut by_version = BTreeMap::new();
    for (c, reply) in replies.iter().enumerate() {
        let answer = reply.ok(200);
        assert_eq!(answer["purpose"], format!("Khảo sát lần {c}"));
        assert!(
            by_version
                .insert(answer["version"].as_i64().unwrap(), c)
                .is_none(),
            "two PATCHes answered the same version"
        );
    }
    let last = 1 + CLIENTS as i64;
    assert_eq!(
        by_version.keys().copied().collect::<Vec<_>>(),
        (2..=last).collect::<Vec<_>>()
    );
    let d = app.get(&path(id), &cast.admin.token).await.ok(200);
    assert_eq!(d["version"], last);
    assert_eq!(d["purpose"], format!("Khảo sát lần {}", by_version[&last]));

    let entries = audit_of(app, "delegation", id).await;
    assert_eq!(entries.len(), CLIENTS + 1, "{entries:#?}");
    for (version, c) in &by_version {
        let entry = &entries[usize::try_from(version - 1).unwrap()];
        assert_eq!(entry["action"], "update");
        assert_eq!(
            entry["changes"]["purpose"]["to"],
            format!("Khảo sát lần {c}"),
            "{entry}"
        );
    }
    let purpose = delegation_body("incoming", cast.host_unit)["purpose"].clone();
    assert_chain(&entries, "purpose", &purpose);
    replies.len()
}

/// Races `bodies` (token, body) at `transitions` of the record at `record`:
/// exactly one 200, every other 409, and exactly one new audit entry, the
/// winner's action.
async fn race_once(
    app: &TestApp,
    kind: &str,
    id: i64,
    record: &str,
    bodies: Vec<(&str, Value)>,
) -> usize {
    let before = audit_of(app, kind, id).await.len();
    let url = format!("{record}/transitions");
    let replies = join_all(
        bodies
            .iter()
            .map(|(token, body)| app.post(&url, token, body.clone())),
    )
    .await;
    no_5xx(&replies);
    let winners: Vec<usize> = (0..replies.len())
        .filter(|i| replies[*i].status == 200)
        .collect();
    assert_eq!(
        winners.len(),
        1,
        "{kind} {id}: {:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    for reply in replies.iter().filter(|r| r.status != 200) {
        reply.problem(409);
    }
    let winner = replies[winners[0]].json();
    let current = app.get(record, &app.admin_token).await.ok(200);
    assert_eq!(current["status"], winner["status"]);
    assert_eq!(current["version"], winner["version"]);

    let entries = audit_of(app, kind, id).await;
    assert_eq!(entries.len(), before + 1, "{entries:#?}");
    let entry = entries.last().unwrap();
    assert_eq!(entry["action"], bodies[winners[0]].1["action"], "{entry}");
    assert_eq!(
        entry["changes"]["status"]["to"], winner["status"],
        "{entry}"
    );
    replies.len()
}

/// `CLIENTS` transition bodies, taking turns over `(action, token)` pairs.
fn everyone<'a>(pairs: &[(&str, &'a str)]) -> Vec<(&'a str, Value)> {
    (0..CLIENTS)
        .map(|c| {
            let (action, token) = pairs[c % pairs.len()];
            (token, payload(action))
        })
        .collect()
}

/// A draft raced through submit, appraise and the decision, each by 32
/// clients of every role the workflow lets act.
async fn a_raced_delegation_action_is_taken_once(app: &TestApp, cast: &Cast) -> usize {
    let id = fixtures::draft(app, cast, "incoming").await;
    let record = path(id);
    let fa = cast.foreign_affairs.token.as_str();
    let host = cast.host.token.as_str();
    let po = cast.provincial_office.token.as_str();
    let admin = cast.admin.token.as_str();
    let race = |turns| {
        let record = record.clone();
        async move { race_once(app, "delegation", id, &record, turns).await }
    };
    let mut sent = 0;
    sent += race(everyone(&[
        ("submit", fa),
        ("submit", host),
        ("submit", admin),
    ]))
    .await;
    sent += race(everyone(&[
        ("appraise", fa),
        ("return", fa),
        ("appraise", admin),
    ]))
    .await;
    let state = app.get(&record, admin).await.ok(200)["status"].clone();
    if state == "draft" {
        // `return` won: the draft goes round again.
        sent += race(everyone(&[("submit", host)])).await;
        sent += race(everyone(&[("appraise", fa)])).await;
    }
    sent += race(everyone(&[
        ("approve", po),
        ("reject", po),
        ("approve", admin),
    ]))
    .await;
    sent
}

/// The press side: 32 clients approve or reject one accreditation at once,
/// approve one interview at once, and PATCH one reporter at once without
/// `If-Match`.
async fn press_records_race_the_same_way(app: &TestApp, cast: &Cast) -> usize {
    let fa = cast.foreign_affairs.token.as_str();
    let po = cast.provincial_office.token.as_str();
    let admin = cast.admin.token.as_str();
    let reporters = Reporters::new(app, cast).await;
    let mut sent = 0;

    let accreditation = crate::press_fixtures::create_accreditation(
        app,
        fa,
        accreditation_body(&[reporters.foreign]),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let record = accreditation_path(accreditation);
    sent += race_once(
        app,
        "accreditation",
        accreditation,
        &record,
        (0..CLIENTS)
            .map(|c| (if c % 2 == 0 { fa } else { admin }, transition("submit")))
            .collect(),
    )
    .await;
    review(app, &cast.police.token, accreditation, "cleared")
        .await
        .ok(200);
    sent += race_once(
        app,
        "accreditation",
        accreditation,
        &record,
        (0..CLIENTS)
            .map(|c| {
                // Not `cancel`: it is open from `approved` too, so it could win after `approve`.
                let action = ["approve", "reject"][c % 2];
                (if c % 4 < 2 { fa } else { admin }, transition(action))
            })
            .collect(),
    )
    .await;

    let interview =
        create_interview(app, po, interview_body(&[reporters.domestic], None)).await["id"]
            .as_i64()
            .unwrap();
    sent += race_once(
        app,
        "interview",
        interview,
        &interview_path(interview),
        (0..CLIENTS)
            .map(|c| (if c % 2 == 0 { po } else { admin }, transition("approve")))
            .collect(),
    )
    .await;

    let reporter = reporters.domestic;
    let record = reporter_path(reporter);
    let replies = join_all((0..CLIENTS).map(|c| {
        patch(
            app,
            &record,
            fa,
            None,
            json!({"position": format!("phóng viên {c}")}),
        )
    }))
    .await;
    no_5xx(&replies);
    let versions: BTreeSet<i64> = replies
        .iter()
        .map(|r| r.ok(200)["version"].as_i64().unwrap())
        .collect();
    let last = 1 + CLIENTS as i64;
    assert_eq!(versions, (2..=last).collect());
    let entries = audit_of(app, "reporter", reporter).await;
    assert_eq!(entries.len(), CLIENTS + 1, "{entries:#?}");
    assert_chain(
        &entries,
        "position",
        &crate::press_fixtures::reporter_body("VN")["position"],
    );
    sent + replies.len()
}

/// Every reference handed out on this database: per prefix and year,
/// numbers 1, 2, 3… with none twice and none missing.
async fn references_have_no_gaps(app: &TestApp) {
    let mut numbers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for list in ["/api/v1/delegations", ACCREDITATIONS, "/api/v1/interviews"] {
        let body = app
            .get(&format!("{list}?limit=500"), &app.admin_token)
            .await
            .ok(200);
        assert!(body["next_cursor"].is_null(), "more than one page");
        for record in fixtures::items(&body) {
            let reference = record["reference"].as_str().unwrap();
            let (prefix, number) = reference.rsplit_once('-').unwrap();
            numbers
                .entry(prefix.to_owned())
                .or_default()
                .push(number.parse().unwrap());
        }
    }
    assert!(numbers.keys().any(|p| p.starts_with("DR-")), "{numbers:?}");
    for (prefix, mut got) in numbers {
        got.sort_unstable();
        let n = u32::try_from(got.len()).unwrap();
        assert_eq!(got, (1..=n).collect::<Vec<_>>(), "{prefix}");
    }
}
