//! `GET /api/v1/accreditations/covering`: the approved accreditations that
//! cover a day (and name a reporter) — what an interview on that day may
//! name, offered by the console rather than typed.

use awc::http::Method;
use serde_json::Value;

use crate::fixtures::Cast;
use crate::helpers::TestApp;
use crate::on_both_engines;
use crate::press_fixtures::{
    ACC_END, ACC_START, ACCREDITATIONS, DAY, Reporters, accreditation_in, accreditation_path,
    fields, reporter,
};

on_both_engines!(
    the_approved_accreditations_covering_a_day_are_listed,
    a_day_that_is_not_a_date_is_refused,
    those_who_see_the_press_side_may_ask,
);

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

fn covering(date: &str) -> String {
    format!("{ACCREDITATIONS}/covering?date={date}")
}

async fn the_approved_accreditations_covering_a_day_are_listed(app: TestApp) {
    let cast = Cast::new(&app).await;
    let r = Reporters::new(&app, &cast).await;
    let fa = cast.foreign_affairs.token.as_str();
    let other = reporter(&app, fa, "KR").await;
    let approved = accreditation_in(&app, &cast, &[r.foreign], "approved").await;
    let of_other = accreditation_in(&app, &cast, &[other], "approved").await;
    let submitted = accreditation_in(&app, &cast, &[r.foreign], "submitted").await;
    let revoked = accreditation_in(&app, &cast, &[r.foreign], "revoked").await;

    let all = app.get(&covering(DAY), fa).await.ok(200);
    let found = ids(&all);
    assert!(
        found.contains(&approved) && found.contains(&of_other),
        "{all}"
    );
    assert!(
        !found.contains(&submitted) && !found.contains(&revoked),
        "{all}"
    );
    // Its first and last days are covered; the day after is not.
    for day in [ACC_START, ACC_END] {
        assert_eq!(ids(&app.get(&covering(day), fa).await.ok(200)).len(), 2);
    }
    assert!(ids(&app.get(&covering("2026-12-06"), fa).await.ok(200)).is_empty());

    // Naming a reporter: theirs only.
    let theirs = app
        .get(&format!("{}&reporter_id={}", covering(DAY), r.foreign), fa)
        .await
        .ok(200);
    assert_eq!(ids(&theirs), vec![approved]);
    assert_eq!(theirs["items"][0]["status"], "approved");
    let none = app
        .get(&format!("{}&reporter_id={}", covering(DAY), r.domestic), fa)
        .await
        .ok(200);
    assert!(ids(&none).is_empty());

    // The record's own address is still the record's.
    app.get(&accreditation_path(approved), fa).await.ok(200);
}

async fn a_day_that_is_not_a_date_is_refused(app: TestApp) {
    let cast = Cast::new(&app).await;
    let fa = cast.foreign_affairs.token.as_str();
    for bad in [
        covering("02/12/2026"),
        covering("2026-13-01"),
        covering(""),
        format!("{ACCREDITATIONS}/covering"),
    ] {
        let problem = app.get(&bad, fa).await.problem(422);
        assert_eq!(
            fields(&problem),
            vec!["date".to_owned()],
            "{bad}: {problem}"
        );
    }
    let problem = app
        .get(&format!("{}&reporter_id=abc", covering(DAY)), fa)
        .await;
    assert!(problem.status.is_client_error(), "{}", problem.text());
}

async fn those_who_see_the_press_side_may_ask(app: TestApp) {
    let cast = Cast::new(&app).await;
    let path = covering(DAY);
    for user in [
        &cast.admin,
        &cast.foreign_affairs,
        &cast.provincial_office,
        &cast.police,
        &cast.viewer,
    ] {
        app.get(&path, &user.token).await.ok(200);
    }
    // A host unit: the press side does not exist for it.
    app.get(&path, &cast.host.token).await.problem(404);
    // Without a login.
    app.send(Method::GET, &path, None, None).await.problem(401);
}
