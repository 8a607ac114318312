//! Due dates on the province's working calendar: the report across Tết,
//! the 10-working-day notice of a press programme, the swap table kept by
//! the administrator, and what the inbox says about them.

mod conference;

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use visitdesk::domain::time::province_today;
use visitdesk::domain::working_days::known_swaps;

use crate::fixtures::{self, Cast, delegation_body, merged, path};
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures as press;

on_both_engines!(
    a_report_due_across_tet_2027_skips_the_tet_days,
    a_programme_nine_working_days_ahead_is_flagged_ten_is_not,
    the_admin_adding_a_swap_day_moves_every_due_date_that_spans_it,
    the_shipped_swaps_are_the_known_ones_with_their_sources,
    the_days_of_a_period_name_their_holidays,
    only_the_administrator_changes_the_calendar,
    bad_swaps_and_settings_are_refused_and_change_nothing,
);

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A delegation of the cast's host unit from `start` to `end`, walked to `state`.
async fn dated(app: &TestApp, cast: &Cast, start: NaiveDate, end: NaiveDate, state: &str) -> i64 {
    let body = merged(
        delegation_body("incoming", cast.host_unit),
        json!({"start_date": start, "end_date": end}),
    );
    let id = fixtures::draft_from(app, cast, body).await;
    fixtures::walk(app, cast, id, state).await;
    id
}

/// The deadline `what` of a record's `deadlines` array.
fn deadline<'a>(body: &'a Value, what: &str) -> &'a Value {
    body["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["what"] == what)
        .unwrap_or_else(|| panic!("no {what} deadline in {body}"))
}

async fn set_report_in_working_days(app: &TestApp, cast: &Cast, days: u32) {
    app.patch(
        "/api/v1/settings",
        &cast.admin.token,
        json!({"deadlines": {"report_days": days, "report_day_count": "working"}}),
    )
    .await
    .ok(200);
}

async fn a_report_due_across_tet_2027_skips_the_tet_days(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    // Tết Đinh Mùi: mùng 1 is Saturday 6/2/2027. 4/2 (for the Saturday,
    // moved before the block) to 10/2 (for the Sunday) are off.
    let days = app
        .get("/api/v1/calendar/days?from=2027-02-03&to=2027-02-11", fa)
        .await
        .ok(200);
    let off: Vec<bool> = fixtures::items(&days)
        .iter()
        .map(|d| d["working"].as_bool().unwrap())
        .collect();
    assert_eq!(
        off,
        [true, false, false, false, false, false, false, false, true]
    );
    assert_eq!(
        fixtures::items(&days)[3]["holiday"],
        "Tết Nguyên đán (mùng 1)"
    );

    // By default 15 calendar days: 25/1 + 15 = 9/2, a Tết day, so the
    // period ends on the next working day (Civil Code Art. 148(5)).
    let id = dated(
        &app,
        &cast,
        date("2027-01-20"),
        date("2027-01-25"),
        "approved",
    )
    .await;
    let d = app.get(&path(id), fa).await.ok(200);
    assert_eq!(d["report_due_date"], "2027-02-11");
    assert_eq!(deadline(&d, "report")["due_date"], "2027-02-11");
    assert_eq!(deadline(&d, "report")["state"], "pending");

    // Counted in working days, 15 after Friday 29/1 would be 19/2 without
    // Tết; the seven days off push it a week and two days on.
    set_report_in_working_days(&app, &cast, 15).await;
    let id = dated(
        &app,
        &cast,
        date("2027-01-27"),
        date("2027-01-29"),
        "approved",
    )
    .await;
    let d = app.get(&path(id), fa).await.ok(200);
    assert_eq!(d["report_due_date"], "2027-02-26");
    let listed = app
        .get("/api/v1/delegations?from=2027-01-27&to=2027-01-29", fa)
        .await
        .ok(200);
    let item = fixtures::items(&listed)
        .iter()
        .find(|x| x["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(item["report_due_date"], "2027-02-26");
}

async fn a_programme_nine_working_days_ahead_is_flagged_ten_is_not(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    let reporter = press::reporter(&app, fa, "JP").await;
    // Monday 30/3/2026; ten working days before it is Monday 16/3.
    let programme = |referral: &str| {
        merged(
            press::accreditation_body(&[reporter]),
            json!({"start_date": "2026-03-30", "end_date": "2026-04-03", "referral_date": referral}),
        )
    };
    let ten = press::create_accreditation(&app, fa, programme("2026-03-16")).await;
    let nine = press::create_accreditation(&app, fa, programme("2026-03-17")).await;
    let of = |a: &Value| {
        format!(
            "{}/deadlines",
            press::accreditation_path(a["id"].as_i64().unwrap())
        )
    };

    let on_time = app.get(&of(&ten), fa).await.ok(200);
    let notice = deadline(&on_time, "programme_notice");
    assert_eq!(notice["due_date"], "2026-03-16");
    assert_eq!(notice["state"], "met");
    let late = app.get(&of(&nine), fa).await.ok(200);
    assert_eq!(deadline(&late, "programme_notice")["state"], "late");
    // The viewer reads the same due dates; a host unit sees no press side.
    let viewer = app.get(&of(&nine), &cast.viewer.token).await.ok(200);
    assert_eq!(deadline(&viewer, "programme_notice")["state"], "late");
    app.get(&of(&nine), &cast.host.token).await.problem(404);
}

async fn the_admin_adding_a_swap_day_moves_every_due_date_that_spans_it(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    set_report_in_working_days(&app, &cast, 10).await;
    let today = province_today();
    // Two completed delegations whose reports are due in the coming weeks,
    // one ended three days ago, the other yesterday.
    let first = dated(
        &app,
        &cast,
        today - Days::new(6),
        today - Days::new(3),
        "completed",
    )
    .await;
    let second = dated(
        &app,
        &cast,
        today - Days::new(2),
        today - Days::new(1),
        "completed",
    )
    .await;
    let due_of = |d: &Value| date(deadline(d, "report")["due_date"].as_str().unwrap());
    let before = [
        app.get(&path(first), fa).await.ok(200),
        app.get(&path(second), fa).await.ok(200),
    ];
    let inbox_before = app.get("/api/v1/inbox", &cast.host.token).await.ok(200);

    // The first working day after both ends: both periods span it.
    let days = app
        .get(
            &format!(
                "/api/v1/calendar/days?from={}&to={}",
                today,
                today + Days::new(20)
            ),
            fa,
        )
        .await
        .ok(200);
    let swap_day = fixtures::items(&days)
        .iter()
        .find(|d| d["working"] == true && d["date"].as_str().unwrap() > today.to_string().as_str())
        .unwrap()["date"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        "/api/v1/calendar/swaps",
        &cast.admin.token,
        json!({"date": swap_day, "working": false, "note": "Nghỉ hoán đổi (thử)", "source": "Văn bản thử"}),
    )
    .await
    .ok(200);

    let after = [
        app.get(&path(first), fa).await.ok(200),
        app.get(&path(second), fa).await.ok(200),
    ];
    let inbox_after = app.get("/api/v1/inbox", &cast.host.token).await.ok(200);
    let days = app
        .get(
            &format!(
                "/api/v1/calendar/days?from={}&to={}",
                today,
                today + Days::new(40)
            ),
            fa,
        )
        .await
        .ok(200);
    let next_working = |day: NaiveDate| {
        fixtures::items(&days)
            .iter()
            .map(|d| (date(d["date"].as_str().unwrap()), d["working"] == true))
            .find(|(d, working)| *d > day && *working)
            .unwrap()
            .0
    };
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(due_of(a), next_working(due_of(b)), "{a}");
        assert_eq!(a["report_due_date"], json!(due_of(a)));
    }
    for id in [first, second] {
        let entry = |inbox: &Value| {
            fixtures::items(inbox)
                .iter()
                .find(|e| e["record"]["id"] == id && e["record"]["kind"] == "delegation")
                .unwrap()
                .clone()
        };
        let (b, a) = (entry(&inbox_before), entry(&inbox_after));
        let d = after.iter().find(|d| d["id"] == id).unwrap();
        assert_eq!(a["due_date"], json!(due_of(d)));
        assert_ne!(a["due_date"], b["due_date"]);
        // One working day fewer before the old date: one more is left.
        assert_eq!(
            a["working_days_left"].as_i64().unwrap(),
            b["working_days_left"].as_i64().unwrap(),
            "the swap day is replaced by the next working day: as many are left"
        );
    }
    // The swap is in the table, and the audit recorded who added it.
    let swaps = app.get("/api/v1/calendar/swaps", fa).await.ok(200);
    assert!(
        fixtures::items(&swaps)
            .iter()
            .any(|s| s["date"] == swap_day.as_str())
    );
    let audit = app
        .get("/api/v1/audit?record_kind=calendar_swap", &cast.admin.token)
        .await
        .ok(200);
    assert_eq!(fixtures::items(&audit).len(), 1, "{audit}");

    // Removing it puts every due date back.
    let removed = app
        .delete(
            &format!("/api/v1/calendar/swaps/{swap_day}"),
            &cast.admin.token,
        )
        .await;
    assert_eq!(removed.status, 204, "{}", removed.text());
    let again = app.get(&path(first), fa).await.ok(200);
    assert_eq!(due_of(&again), due_of(&before[0]));
}

async fn the_shipped_swaps_are_the_known_ones_with_their_sources(app: TestApp) {
    let cast = Cast::new(&app).await;
    let swaps = app
        .get("/api/v1/calendar/swaps", &cast.viewer.token)
        .await
        .ok(200);
    let shipped: Vec<(String, bool, String)> = fixtures::items(&swaps)
        .iter()
        .map(|s| {
            assert!(!s["source"].as_str().unwrap().is_empty(), "{s}");
            (
                s["date"].as_str().unwrap().to_owned(),
                s["working"].as_bool().unwrap(),
                s["note"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let known: Vec<(String, bool, String)> = known_swaps()
        .into_iter()
        .map(|s| (s.date.to_string(), s.working, s.note))
        .collect();
    assert_eq!(shipped, known);
    // 2026: Friday 2/1 off, Saturday 10/1 worked.
    let days = app
        .get(
            "/api/v1/calendar/days?from=2026-01-01&to=2026-01-10",
            &cast.viewer.token,
        )
        .await
        .ok(200);
    let items = fixtures::items(&days);
    assert_eq!(items[0]["holiday"], "Tết Dương lịch");
    assert_eq!(items[1]["working"], false);
    assert!(items[1]["swap"].as_str().unwrap().contains("10/01/2026"));
    assert_eq!(items[9]["working"], true);
}

async fn the_days_of_a_period_name_their_holidays(app: TestApp) {
    let cast = Cast::new(&app).await;
    let t = cast.police.token.as_str();
    // Giỗ Tổ 2026 falls on Sunday 26/4: Monday 27/4 is its substitute.
    let days = app
        .get("/api/v1/calendar/days?from=2026-04-26&to=2026-05-01", t)
        .await
        .ok(200);
    let items = fixtures::items(&days);
    assert_eq!(items[0]["holiday"], "Giỗ Tổ Hùng Vương");
    assert_eq!(items[0]["holiday_en"], "Hung Kings' Commemoration Day");
    assert_eq!(items[1]["holiday"], "Nghỉ bù Giỗ Tổ Hùng Vương");
    assert_eq!(items[1]["working"], false);
    assert_eq!(items[2]["working"], true);
    assert_eq!(items[4]["holiday"], "Ngày Chiến thắng (30/4)");
    // Culture Day is off only once the province says so.
    let nov = "/api/v1/calendar/days?from=2026-11-24&to=2026-11-24";
    assert_eq!(
        fixtures::items(&app.get(nov, t).await.ok(200))[0]["working"],
        true
    );
    app.patch(
        "/api/v1/settings",
        &cast.admin.token,
        json!({"culture_day": true}),
    )
    .await
    .ok(200);
    let day = app.get(nov, t).await.ok(200);
    assert_eq!(fixtures::items(&day)[0]["working"], false);
    assert_eq!(fixtures::items(&day)[0]["holiday"], "Ngày Văn hóa Việt Nam");
    // A period is at most a year, and in order.
    app.get("/api/v1/calendar/days?from=2026-01-01&to=2027-06-01", t)
        .await
        .problem(422);
    app.get("/api/v1/calendar/days?from=2026-02-01&to=2026-01-01", t)
        .await
        .problem(422);
}

async fn only_the_administrator_changes_the_calendar(app: TestApp) {
    let cast = Cast::new(&app).await;
    let body = json!({"date": "2027-05-03", "working": false, "note": "Nghỉ hoán đổi"});
    for token in [
        &cast.foreign_affairs.token,
        &cast.police.token,
        &cast.viewer.token,
        &cast.host.token,
    ] {
        app.post("/api/v1/calendar/swaps", token, body.clone())
            .await
            .problem(403);
        app.patch("/api/v1/settings", token, json!({"saturday_working": true}))
            .await
            .problem(403);
        app.delete("/api/v1/calendar/swaps/2026-01-02", token)
            .await
            .problem(403);
    }
    let settings = app
        .get("/api/v1/settings", &cast.viewer.token)
        .await
        .ok(200);
    assert_eq!(settings["saturday_working"], false);
    assert_eq!(settings["deadlines"]["report_days"], 15);
    assert_eq!(settings["deadlines"]["programme_notice_working_days"], 10);
    assert_eq!(settings["expiry"]["passport_months_after_entry"], 6);
    assert_eq!(settings["version"], 0);
    // The administrator's change is versioned: a stale If-Match is refused.
    let changed = app
        .patch(
            "/api/v1/settings",
            &cast.admin.token,
            json!({"saturday_working": true}),
        )
        .await
        .ok(200);
    assert_eq!(changed["version"], 1);
    let stale = app
        .request(awc::http::Method::PATCH, "/api/v1/settings")
        .bearer_auth(&cast.admin.token)
        .insert_header(("if-match", "\"0\""));
    app.finish(stale.send_json(&json!({"saturday_working": false})))
        .await
        .problem(412);
    // Saturdays work now: Saturday 5/12/2026 is a working day.
    let day = app
        .get(
            "/api/v1/calendar/days?from=2026-12-05&to=2026-12-05",
            &cast.viewer.token,
        )
        .await
        .ok(200);
    assert_eq!(fixtures::items(&day)[0]["working"], true);
}

async fn bad_swaps_and_settings_are_refused_and_change_nothing(app: TestApp) {
    let cast = Cast::new(&app).await;
    let admin = cast.admin.token.as_str();
    let before = app.get("/api/v1/calendar/swaps", admin).await.ok(200);
    let blank = app
        .post(
            "/api/v1/calendar/swaps",
            admin,
            json!({"date": "2027-05-03", "working": false, "note": "  "}),
        )
        .await
        .problem(422);
    assert_eq!(blank["errors"][0]["field"], "note");
    app.post(
        "/api/v1/calendar/swaps",
        admin,
        json!({"date": "2150-05-03", "working": false, "note": "x"}),
    )
    .await
    .problem(422);
    app.post(
        "/api/v1/calendar/swaps",
        admin,
        json!({"date": "03/05/2027", "working": false, "note": "x"}),
    )
    .await
    .problem(422);
    app.put(
        "/api/v1/calendar/swaps?year=2027",
        admin,
        json!({"items": [{"date": "2028-01-03", "working": false, "note": "x"}]}),
    )
    .await
    .problem(422);
    app.patch(
        "/api/v1/settings",
        admin,
        json!({"deadlines": {"report_days": 9999}}),
    )
    .await
    .problem(422);
    app.patch(
        "/api/v1/settings",
        admin,
        json!({"deadlines": {"report_day_count": "weekly"}}),
    )
    .await
    .problem(422);
    app.delete("/api/v1/calendar/swaps/2027-05-04", admin)
        .await
        .problem(404);
    app.delete("/api/v1/calendar/swaps/not-a-day", admin)
        .await
        .problem(404);
    assert_eq!(
        app.get("/api/v1/calendar/swaps", admin).await.ok(200),
        before
    );
    assert_eq!(
        app.get("/api/v1/settings", admin).await.ok(200)["version"],
        0
    );
    // A year replaced whole: 2026's four swaps become one.
    let put = app
        .put(
            "/api/v1/calendar/swaps?year=2026",
            admin,
            json!({"items": [{"date": "2026-01-02", "working": false, "note": "Nghỉ hoán đổi", "source": "12729/VPCP-KGVX"}]}),
        )
        .await
        .ok(200);
    assert_eq!(fixtures::items(&put).len(), 1);
    let y2025 = app
        .get("/api/v1/calendar/swaps?year=2025", admin)
        .await
        .ok(200);
    assert_eq!(fixtures::items(&y2025).len(), 2);
}
