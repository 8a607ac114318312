//! `GET /api/v1/reports/figures`: every figure of a half-year (and of the
//! year before, beside it) equals a count made through the API's lists;
//! changes after the cut-off do not move them; a host unit sees its own
//! unit only; the police's notes never appear.
//!
//! The records are made through the API today, then moved back in time in
//! the database (their creation, every audit entry, the reports' filing
//! instants) to before the periods' cut-offs, as if entered then: the
//! service has no clock to set, and "as of the cut-off" is what is tested.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Map, Value, json};
use visitdesk::db::schema;
use visitdesk::domain::unit::UnitKind;

use crate::fixtures::{self, Cast, delegation_body, items, member_body, merged, path};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{self as press, PLACES, accreditation_path};

on_both_engines!(
    every_figure_is_a_count_through_the_lists_and_the_cutoff_holds_them,
    a_host_unit_sees_its_own_unit_and_bad_questions_are_refused,
);

const NOTES: &str = "Nghi vấn thu thập thông tin - ghi chú mật 7731";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The province day of an RFC 3339 instant.
fn province_day(v: &Value) -> NaiveDate {
    let t = DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    t.with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap())
        .date_naive()
}

/// A delegation of `unit` from `start` to `end` (to `countries`), walked to `state`.
async fn delegation(
    app: &TestApp,
    cast: &Cast,
    unit: i64,
    (direction, countries): (&str, &[&str]),
    (start, end): (&str, &str),
    state: &str,
) -> i64 {
    let body = merged(
        delegation_body(direction, cast.host_unit),
        json!({"host_unit_id": unit, "countries": countries, "start_date": start, "end_date": end}),
    );
    let id = fixtures::draft_from(app, cast, body).await;
    fixtures::walk(app, cast, id, state).await;
    id
}

async fn review_delegation(app: &TestApp, cast: &Cast, id: i64, status: &str) {
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": status, "officer": "Đại úy Trần Văn Hùng", "notes": NOTES}),
    )
    .await
    .ok(200);
}

/// An accreditation of `reporters` from `start` to `end`, walked to `state`.
async fn accreditation(
    app: &TestApp,
    cast: &Cast,
    reporters: &[i64],
    (start, end): (&str, &str),
    state: &str,
) -> i64 {
    let body = merged(
        press::accreditation_body(reporters),
        json!({"start_date": start, "end_date": end, "referral_date": "2023-11-20"}),
    );
    press::accreditation_from(app, cast, body, state).await
}

async fn interview(
    app: &TestApp,
    cast: &Cast,
    reporters: &[i64],
    acc: Option<i64>,
    on: &str,
    state: &str,
) {
    let body = merged(
        press::interview_body(reporters, acc),
        json!({"starts_at": format!("{on}T09:00"), "ends_at": format!("{on}T10:00")}),
    );
    press::interview_from(app, cast, body, state).await;
}

async fn conference(app: &TestApp, cast: &Cast, kind: &str, on: &str, state: &str) {
    let body = merged(
        press::conference_at(&format!("{on}T14:00"), &format!("{on}T15:30")),
        json!({"kind": kind}),
    );
    press::conference_from(app, cast, body, state).await;
}

/// Moves every record made so far, and its history, to `when`.
fn backdate(app: &TestApp, when: NaiveDateTime) {
    use schema::*;
    let mut conn = app.db_url().connect().unwrap();
    diesel::update(audit_entries::table)
        .set(audit_entries::at.eq(when))
        .execute(&mut conn)
        .unwrap();
    diesel::update(delegations::table)
        .set(delegations::created_at.eq(when))
        .execute(&mut conn)
        .unwrap();
    diesel::update(delegation_members::table)
        .set(delegation_members::created_at.eq(when))
        .execute(&mut conn)
        .unwrap();
    diesel::update(accreditations::table)
        .set(accreditations::created_at.eq(when))
        .execute(&mut conn)
        .unwrap();
    diesel::update(press_activities::table)
        .set(press_activities::created_at.eq(when))
        .execute(&mut conn)
        .unwrap();
    diesel::update(interviews::table)
        .set(interviews::created_at.eq(when))
        .execute(&mut conn)
        .unwrap();
    diesel::update(press_conferences::table)
        .set(press_conferences::created_at.eq(when))
        .execute(&mut conn)
        .unwrap();
}

/// Files delegation `id`'s report at `when` (UTC), as if it had been then.
fn filed_at(app: &TestApp, id: i64, when: NaiveDateTime) {
    use schema::delegations as d;
    let mut conn = app.db_url().connect().unwrap();
    diesel::update(d::table.filter(d::id.eq(id)))
        .set(d::report_submitted_at.eq(when))
        .execute(&mut conn)
        .unwrap();
}

async fn list(app: &TestApp, path: &str) -> Vec<Value> {
    let body = app.get(path, &app.admin_token).await.ok(200);
    items(&body).clone()
}

fn add(map: &mut Map<String, Value>, key: impl Into<String>) {
    let key = key.into();
    let n = map.get(&key).and_then(Value::as_i64).unwrap_or(0);
    map.insert(key, json!(n + 1));
}

/// One side (`current` or `previous`) of the figures, in the shape the
/// recount below makes: keyed rows as maps without zeros.
fn side(v: &Value, which: &str) -> Value {
    const SKIP: [&str; 6] = [
        "period",
        "first_day",
        "last_day",
        "previous_period",
        "unit",
        "quarters_without_periodic",
    ];
    match v {
        Value::Object(m) if m.contains_key("current") && m.len() == 2 => m[which].clone(),
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !SKIP.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), side(v, which)))
                .collect(),
        ),
        Value::Array(rows) => {
            let mut out = Map::new();
            for row in rows {
                if let Some(q) = row.get("quarter") {
                    let counts =
                        json!({"periodic": row["periodic"][which], "ad_hoc": row["ad_hoc"][which]});
                    out.insert(q.as_str().unwrap().to_owned(), counts);
                    continue;
                }
                let key = row
                    .get("key")
                    .cloned()
                    .unwrap_or_else(|| row["unit_id"].to_string().into());
                if row[which] != 0 {
                    out.insert(key.as_str().unwrap().to_owned(), row[which].clone());
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The figures of the window `first..=last`, counted from the API's lists
/// as the administrator sees them; quarters named `shift` years later
/// (the year before's are shown beside this year's quarters).
async fn recount(app: &TestApp, first: NaiveDate, last: NaiveDate, shift: i32) -> Value {
    let within = |d: NaiveDate| (first..=last).contains(&d);
    let date = |v: &Value| day(v.as_str().unwrap());
    let mut out = json!({});
    let mut reviews = (0, 0);
    let mut count_review = |status: &Value| match status.as_str().unwrap() {
        "cleared" => reviews.0 += 1,
        "concerns" => reviews = (reviews.0 + 1, reviews.1 + 1),
        _ => {}
    };
    let mut post_trip = Map::new();
    for key in ["on_time", "late", "missing"] {
        post_trip.insert(key.into(), json!(0));
    }
    for direction in ["incoming", "outgoing"] {
        let (mut total, mut members) = (0, 0);
        let (mut by_status, mut by_country, mut by_unit, mut nationalities) =
            (Map::new(), Map::new(), Map::new(), Map::new());
        for d in list(app, "/api/v1/delegations?limit=500").await {
            if d["direction"] != direction {
                continue;
            }
            let approved =
                ["approved", "completed", "reported"].contains(&d["status"].as_str().unwrap());
            if approved && within(date(&d["report_due_date"])) {
                let report = d["deadlines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["what"] == "report")
                    .unwrap();
                let key = match report["state"].as_str().unwrap() {
                    "met" => "on_time",
                    "late" => "late",
                    _ => "missing",
                };
                add(&mut post_trip, key);
            }
            if !within(date(&d["start_date"])) {
                continue;
            }
            total += 1;
            add(&mut by_status, d["status"].as_str().unwrap());
            for c in d["countries"].as_array().unwrap() {
                add(&mut by_country, c.as_str().unwrap());
            }
            add(&mut by_unit, d["host_unit_id"].to_string());
            count_review(&d["security_review"]["status"]);
            let id = d["id"].as_i64().unwrap();
            for m in items(
                &app.get(&format!("{}/members", path(id)), &app.admin_token)
                    .await
                    .ok(200),
            ) {
                members += 1;
                add(&mut nationalities, m["nationality"].as_str().unwrap());
            }
        }
        out[direction] = json!({
            "total": total, "by_status": by_status, "by_country": by_country, "by_unit": by_unit,
            "members": members, "members_by_nationality": nationalities,
        });
    }
    out["post_trip_reports"] = Value::Object(post_trip);
    let mut interviews = (0, 0);
    let nationality: HashMap<i64, String> = list(app, "/api/v1/reporters?limit=500")
        .await
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["nationality"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for i in list(app, "/api/v1/interviews?limit=500").await {
        if i["status"] == "done" && within(province_day(&i["starts_at"])) {
            let ids = i["reporter_ids"].as_array().unwrap();
            if ids
                .iter()
                .any(|r| nationality[&r.as_i64().unwrap()] != "VN")
            {
                interviews.0 += 1;
            } else {
                interviews.1 += 1;
            }
        }
    }
    out["interviews"] = json!({"foreign_press": interviews.0, "domestic_press": interviews.1});
    let (mut approved, mut rejected, mut revoked, mut activities) = (0, 0, 0, 0);
    let mut reporters: BTreeMap<i64, (String, String)> = BTreeMap::new();
    let outlets: HashMap<i64, String> = list(app, "/api/v1/reporters?limit=500")
        .await
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["outlet"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for a in list(app, "/api/v1/accreditations?limit=500").await {
        if !within(date(&a["start_date"])) {
            continue;
        }
        count_review(&a["security_review"]["status"]);
        match a["status"].as_str().unwrap() {
            "approved" | "completed" => approved += 1,
            "rejected" => rejected += 1,
            "revoked" => revoked += 1,
            _ => continue,
        }
        if a["status"] == "rejected" {
            continue;
        }
        for r in a["reporter_ids"].as_array().unwrap() {
            let r = r.as_i64().unwrap();
            reporters.insert(r, (nationality[&r].clone(), outlets[&r].clone()));
        }
        let id = a["id"].as_i64().unwrap();
        let acts = app
            .get(
                &format!("{}/activities", accreditation_path(id)),
                &app.admin_token,
            )
            .await
            .ok(200);
        activities += items(&acts)
            .iter()
            .filter(|x| x["status"] != "cancelled" && within(province_day(&x["starts_at"])))
            .count();
    }
    let (mut by_country, mut by_outlet) = (Map::new(), Map::new());
    for (nationality, outlet) in reporters.values() {
        add(&mut by_country, nationality.clone());
        add(&mut by_outlet, outlet.clone());
    }
    let (mut periodic, mut ad_hoc, mut quarters) = (0, 0, Map::new());
    for (year, q) in [(first.year(), 4), (last.year(), 1), (last.year(), 2)] {
        quarters.insert(
            format!("{}-Q{q}", year + shift),
            json!({"periodic": 0, "ad_hoc": 0}),
        );
    }
    for c in list(app, "/api/v1/press-conferences?limit=500").await {
        let on = province_day(&c["starts_at"]);
        if c["status"] != "held" || !within(on) {
            continue;
        }
        let kind = c["kind"].as_str().unwrap();
        if kind == "periodic" {
            periodic += 1
        } else {
            ad_hoc += 1
        }
        let label = format!("{}-Q{}", on.year() + shift, (on.month0() / 3) + 1);
        let n = quarters[&label][kind].as_i64().unwrap();
        quarters[&label][kind] = json!(n + 1);
    }
    out["press"] = json!({
        "reporters": reporters.len(), "reporters_by_country": by_country, "reporters_by_outlet": by_outlet,
        "accreditations_approved": approved, "accreditations_rejected": rejected,
        "accreditations_revoked": revoked, "press_activities": activities,
        "conferences": {"periodic": periodic, "ad_hoc": ad_hoc, "by_quarter": quarters},
    });
    out["security_reviews"] = json!({"done": reviews.0, "with_concerns": reviews.1});
    out
}

async fn figures(app: &TestApp, token: &str, query: &str) -> Value {
    app.get(&format!("/api/v1/reports/figures?{query}"), token)
        .await
        .ok(200)
}

async fn every_figure_is_a_count_through_the_lists_and_the_cutoff_holds_them(app: TestApp) {
    let cast = Cast::new(&app).await;
    let own = cast.host_unit.get();
    let other = app
        .make_unit("UBND huyện Mai Châu", UnitKind::District)
        .await
        .get();
    // 2025-h1 runs 15/12/2024–14/6/2025; the year before 15/12/2023–14/6/2024.
    let d1 = delegation(
        &app,
        &cast,
        own,
        ("incoming", &["JP"]),
        ("2025-03-10", "2025-03-12"),
        "reported",
    )
    .await;
    let d2 = {
        let body = merged(
            delegation_body("incoming", cast.host_unit),
            json!({"countries": ["JP", "KR"], "start_date": "2025-03-10", "end_date": "2025-03-12"}),
        );
        let id = fixtures::draft_from(&app, &cast, body).await;
        let kim = merged(member_body("Kim Min-jun"), json!({"nationality": "KR"}));
        fixtures::add_member(&app, &cast.foreign_affairs.token, id, kim).await;
        fixtures::walk(&app, &cast, id, "completed").await;
        id
    };
    let d3 = delegation(
        &app,
        &cast,
        own,
        ("outgoing", &["KR"]),
        ("2025-01-06", "2025-01-10"),
        "approved",
    )
    .await;
    let d4 = delegation(
        &app,
        &cast,
        other,
        ("incoming", &["US"]),
        ("2025-02-03", "2025-02-05"),
        "reported",
    )
    .await;
    delegation(
        &app,
        &cast,
        other,
        ("incoming", &["FR"]),
        ("2025-05-05", "2025-05-06"),
        "cancelled",
    )
    .await;
    let before = delegation(
        &app,
        &cast,
        own,
        ("incoming", &["JP"]),
        ("2024-03-11", "2024-03-12"),
        "reported",
    )
    .await;
    delegation(
        &app,
        &cast,
        own,
        ("incoming", &["JP"]),
        ("2025-08-04", "2025-08-05"),
        "approved",
    )
    .await;
    review_delegation(&app, &cast, d1, "cleared").await;
    review_delegation(&app, &cast, d2, "concerns").await;
    let fa = cast.foreign_affairs.token.clone();
    let (jp, us, vn) = (
        press::reporter(&app, &fa, "JP").await,
        press::reporter(&app, &fa, "US").await,
        press::reporter(&app, &fa, "VN").await,
    );
    let a1 = accreditation(
        &app,
        &cast,
        &[jp, us],
        ("2025-03-01", "2025-03-20"),
        "approved",
    )
    .await;
    accreditation(&app, &cast, &[jp], ("2025-04-01", "2025-04-03"), "rejected").await;
    accreditation(
        &app,
        &cast,
        &[us],
        ("2024-04-01", "2024-04-03"),
        "completed",
    )
    .await;
    for on in ["2025-03-02", "2025-03-03"] {
        let body = press::activity_body(&format!("{on}T09:00"), &format!("{on}T11:00"), PLACES[0]);
        press::add_activity(&app, &fa, a1, body).await.ok(201);
    }
    interview(&app, &cast, &[vn], None, "2025-02-10", "done").await;
    interview(&app, &cast, &[jp], Some(a1), "2025-03-05", "done").await;
    interview(&app, &cast, &[vn], None, "2025-04-10", "cancelled").await;
    interview(&app, &cast, &[vn], None, "2024-04-10", "done").await;
    conference(&app, &cast, "periodic", "2025-02-20", "held").await;
    conference(&app, &cast, "ad_hoc", "2025-05-05", "held").await;
    conference(&app, &cast, "periodic", "2025-05-20", "cancelled").await;
    conference(&app, &cast, "periodic", "2024-05-10", "held").await;
    // As if all of it had been entered in November 2023; d1's report in
    // time (due 27/3/2025), d4's late (due 20/2/2025).
    backdate(&app, at("2023-11-30 03:00"));
    filed_at(&app, d1, at("2025-03-20 03:00"));
    filed_at(&app, d4, at("2025-04-20 03:00"));
    filed_at(&app, before, at("2024-03-20 03:00"));

    let admin = app.admin_token.clone();
    let body = figures(&app, &admin, "period=2025-h1").await;
    assert_eq!(body["period"], "2025-h1");
    assert_eq!(
        (body["first_day"].as_str(), body["last_day"].as_str()),
        (Some("2024-12-15"), Some("2025-06-14"))
    );
    let now = recount(&app, day("2024-12-15"), day("2025-06-14"), 0).await;
    assert_eq!(side(&body, "current"), now);
    let then = recount(&app, day("2023-12-15"), day("2024-06-14"), 1).await;
    assert_eq!(side(&body, "previous"), then);
    // The figures are not all zero: the recount found what was made.
    assert_eq!(now["incoming"]["total"], 4);
    assert_eq!(
        now["post_trip_reports"],
        json!({"on_time": 1, "late": 1, "missing": 2})
    );
    assert_eq!(
        now["security_reviews"],
        json!({"done": 3, "with_concerns": 1})
    );
    assert_eq!(
        now["interviews"],
        json!({"foreign_press": 1, "domestic_press": 1})
    );
    assert_eq!(then["incoming"]["total"], 1);
    assert_eq!(
        body["press"]["conferences"]["quarters_without_periodic"],
        json!(["2024-Q4", "2025-Q2"])
    );
    // The year before's column is that year's own figures.
    let last_year = figures(&app, &admin, "period=2024-h1").await;
    let own_quarters = recount(&app, day("2023-12-15"), day("2024-06-14"), 0).await;
    assert_eq!(side(&last_year, "current"), own_quarters);
    // Concerns are counted; the police's notes are nowhere.
    for token in [&admin, &cast.police.token] {
        let text = app
            .get("/api/v1/reports/figures?period=2025-h1", token)
            .await
            .text();
        assert!(!text.contains(NOTES) && !text.contains("7731"));
    }

    // After the cut-off: a trip cancelled, a review changed, a late report
    // filed, an accreditation revoked, a visit of the period entered.
    fixtures::act(&app, &fa, d3, "cancel").await.ok(200);
    review_delegation(&app, &cast, d1, "concerns").await;
    fixtures::act(&app, &fa, d2, "report").await.ok(200);
    press::act_on(&app, &cast.police.token, &accreditation_path(a1), "revoke")
        .await
        .ok(200);
    delegation(
        &app,
        &cast,
        own,
        ("incoming", &["JP"]),
        ("2025-03-10", "2025-03-12"),
        "approved",
    )
    .await;
    let after = figures(&app, &admin, "period=2025-h1").await;
    assert_eq!(after, body, "a change after the cut-off moved the figures");
    // While the lists, which show today, have moved.
    assert_ne!(
        recount(&app, day("2024-12-15"), day("2025-06-14"), 0).await,
        now
    );
}

async fn a_host_unit_sees_its_own_unit_and_bad_questions_are_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    let own = cast.host_unit.get();
    let other = app
        .make_unit("UBND huyện Mai Châu", UnitKind::District)
        .await
        .get();
    delegation(
        &app,
        &cast,
        own,
        ("incoming", &["JP"]),
        ("2025-03-10", "2025-03-12"),
        "approved",
    )
    .await;
    delegation(
        &app,
        &cast,
        other,
        ("incoming", &["US"]),
        ("2025-03-10", "2025-03-12"),
        "approved",
    )
    .await;
    delegation(
        &app,
        &cast,
        other,
        ("outgoing", &["KR"]),
        ("2025-03-10", "2025-03-12"),
        "draft",
    )
    .await;
    backdate(&app, at("2023-11-30 03:00"));
    let host = cast.host.token.clone();
    let mine = figures(&app, &host, "period=2025-h1").await;
    assert_eq!(mine["unit"]["unit_id"], own);
    assert_eq!(mine["incoming"]["total"]["current"], 1);
    assert_eq!(
        mine["incoming"]["by_country"],
        json!([{"key": "JP", "current": 1, "previous": 0}])
    );
    assert_eq!(mine["outgoing"]["total"]["current"], 0);
    assert!(
        mine["press"].is_null() && mine["interviews"].is_null(),
        "{mine}"
    );
    assert_eq!(
        figures(&app, &host, &format!("period=2025-h1&unit_id={own}")).await,
        mine
    );
    app.get(
        &format!("/api/v1/reports/figures?period=2025-h1&unit_id={other}"),
        &host,
    )
    .await
    .problem(403);
    // The administrator sees the unit's figures as the unit does, and the province's.
    let admin = app.admin_token.clone();
    let unit = figures(&app, &admin, &format!("period=2025-h1&unit_id={own}")).await;
    assert_eq!(unit["incoming"], mine["incoming"]);
    assert!(unit["interviews"].is_object() && unit["press"].is_null());
    let province = figures(&app, &admin, "period=2025-h1").await;
    assert_eq!(province["incoming"]["total"]["current"], 2);
    assert_eq!(province["outgoing"]["total"]["current"], 1);
    assert!(province["unit"].is_null() && province["press"].is_object());
    // The compiling unit sees the province's, press side included.
    app.patch(
        "/api/v1/settings",
        &admin,
        json!({"reports": {"half_year_cutoff": {"day": 15, "month": 6}, "year_cutoff": {"day": 15, "month": 12}, "compiling_unit": own}}),
    )
    .await
    .ok(200);
    let compiled = figures(&app, &host, "period=2025-h1").await;
    assert!(compiled["unit"].is_null() && compiled["press"].is_object());
    assert_eq!(compiled["incoming"]["total"]["current"], 2);
    for bad in [
        "period=2025-h2",
        "period=25",
        "",
        "period=2025-h1&unit_id=abc",
        "period=1989",
    ] {
        let reply = app
            .get(&format!("/api/v1/reports/figures?{bad}"), &admin)
            .await;
        let problem = reply.problem(422);
        assert!(
            problem["errors"].as_array().is_some_and(|e| !e.is_empty()),
            "{bad}: {problem}"
        );
    }
    app.get(
        "/api/v1/reports/figures?period=2025-h1&unit_id=999999",
        &admin,
    )
    .await
    .problem(404);
}
