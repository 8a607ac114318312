//! The schedule's week and day pages, calendar subscriptions and the "me"
//! page, as a person reads and uses them without JavaScript.

use chrono::{Datelike, Days, NaiveDate};
use serde_json::json;
use visitdesk::domain::role::Role;

use super::{Browser, page};
use crate::feed_checks::fetch;
use crate::fixtures::{
    Cast, add_member, create, delegation_body, item_body, member_body, merged, path, walk,
};
use crate::helpers::{PASSWORD, TestApp};
use crate::on_both_engines;
use crate::schedule_fixtures::{day, incoming, item, item_at};

on_both_engines!(
    the_police_find_an_approved_delegation_s_item_on_its_day_and_hour,
    clashes_are_marked_and_explained_in_words,
    weeks_and_days_link_to_the_ones_before_and_after,
    the_kind_filter_and_the_print_view_keep_to_the_kinds_chosen,
    a_viewer_reads_the_week_without_any_personal_data,
    a_new_calendar_address_is_shown_once,
    a_revoked_calendar_address_answers_nothing,
    me_shows_who_i_am_and_the_language_can_be_chosen_there,
    a_wrong_current_password_shows_the_form_again_in_vietnamese,
    a_new_password_ends_the_old_session,
);

/// A Monday two to three weeks ahead: its week holds the next days too.
fn monday_ahead() -> NaiveDate {
    let d = day(20);
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// The address of the week `on` falls in.
fn week_of(on: NaiveDate) -> String {
    let w = on.iso_week();
    format!("/schedule?week={}-W{:02}", w.year(), w.week())
}

/// The part of a schedule page under the heading of `on` (up to the next day).
fn day_part(html: &str, on: NaiveDate) -> &str {
    let date = on.format("%d/%m/%Y").to_string();
    let heading = html
        .find(&format!(", {date}</a></h2>"))
        .or_else(|| html.find(&format!(", {date}</h2>")))
        .unwrap_or_else(|| panic!("no heading of {date} in {html}"));
    let rest = &html[heading..];
    let end = rest.find("<section").unwrap_or(rest.len());
    &rest[..end]
}

/// A signed-in browser of a new user of `role`.
async fn signed_in(app: &TestApp, username: &str, role: Role) -> Browser {
    super::user(app, username, role).await;
    let mut browser = Browser::new();
    browser.sign_in(app, username).await;
    browser
}

async fn the_police_find_an_approved_delegation_s_item_on_its_day_and_hour(app: TestApp) {
    // Arrange: an approved incoming delegation (JP, KR and a Vietnamese
    // interpreter) with an item 09:00–11:00; a submitted outgoing one with
    // an item in Berlin the next day.
    let cast = Cast::new(&app).await;
    let d0 = monday_ahead();
    let d1 = d0 + Days::new(1);
    let ours = incoming(&app, &cast, cast.host_unit, d0, d1).await;
    item(
        &app,
        &cast,
        ours,
        item_at(
            d0,
            ("09:00", "11:00"),
            Some("Lê Minh Đức"),
            "Trụ sở UBND tỉnh",
            "Phó Chủ tịch UBND tỉnh",
        ),
    )
    .await;
    walk(&app, &cast, ours, "approved").await;
    let token = &cast.foreign_affairs.token;
    let body = merged(
        delegation_body("outgoing", cast.host_unit),
        json!({"start_date": d0, "end_date": d1}),
    );
    let abroad = create(&app, token, body).await["id"].as_i64().unwrap();
    let member = merged(member_body("Hoàng Văn Nam"), json!({"nationality": "VN"}));
    add_member(&app, token, abroad, member).await;
    let berlin = merged(
        item_at(
            d1,
            ("10:00", "12:00"),
            None,
            "Rathaus Schöneberg, Berlin",
            "Phó Chủ tịch UBND tỉnh",
        ),
        json!({"time_zone": "Europe/Berlin"}),
    );
    item(&app, &cast, abroad, berlin).await;
    walk(&app, &cast, abroad, "submitted").await;
    let mut police = signed_in(&app, "congan", Role::Police).await;

    // Act
    let html = page(&police.get(&app, &week_of(d0)).await, 200);

    // Assert: the item under its day, at its hour, with what and where,
    // who escorts it, the foreigners counted (never named) and its record.
    assert_eq!(html.matches("<h1>").count(), 1);
    let first = day_part(&html, d0);
    assert!(
        first.contains("<p class=\"entry__time\">09:00–11:00</p>"),
        "{first}"
    );
    assert!(first.contains("Làm việc với lãnh đạo tỉnh"));
    assert!(first.contains("Trụ sở UBND tỉnh"));
    assert!(first.contains("Lê Minh Đức"));
    assert!(first.contains("2 người, quốc tịch JP, KR"), "{first}");
    assert!(first.contains(&format!("href=\"/delegations/{ours}\"")));
    assert!(!first.contains("Chưa phê duyệt"), "approved: {first}");
    assert!(!day_part(&html, d1).contains("Trụ sở UBND tỉnh"));
    // Abroad: the time in Berlin, the zone named, not yet approved.
    let second = day_part(&html, d1);
    assert!(second.contains("10:00–12:00 (Europe/Berlin)"), "{second}");
    assert!(second.contains("Chưa phê duyệt"));
    assert!(!html.contains("Suzuki Ichiro"));

    // The day view of the same day shows the same entry.
    let one = page(&police.get(&app, &format!("/schedule?day={d0}")).await, 200);
    assert!(one.contains("09:00–11:00"));
    assert!(!one.contains("Europe/Berlin"));
}

async fn clashes_are_marked_and_explained_in_words(app: TestApp) {
    // Arrange: two delegations on one day; the same escort officer (spelt
    // differently) at 09:00–10:00 and 09:30–11:00, the same venue at
    // 14:00–15:00 and 14:30–15:30, and one item with nothing in common.
    let cast = Cast::new(&app).await;
    let d0 = monday_ahead();
    let one = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    let two = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    let add = async |id: i64,
                     at: (&'static str, &'static str),
                     officer: Option<&'static str>,
                     place: &'static str,
                     who: &'static str| {
        item(&app, &cast, id, item_at(d0, at, officer, place, who)).await
    };
    let a = add(
        one,
        ("09:00", "10:00"),
        Some("Trần Thu Hà"),
        "Nhà văn hóa xóm Lác",
        "Giám đốc Sở Công Thương",
    )
    .await;
    let b = add(
        two,
        ("09:30", "11:00"),
        Some("tran thu ha"),
        "Nhà máy Thủy điện Hòa Bình",
        "Phó Giám đốc Sở Du lịch",
    )
    .await;
    let c = add(
        one,
        ("14:00", "15:00"),
        None,
        "Hồ Hòa Bình",
        "Giám đốc Sở Nội vụ",
    )
    .await;
    let d = add(
        two,
        ("14:30", "15:30"),
        None,
        "Hồ Hòa Bình",
        "Giám đốc Sở Y tế",
    )
    .await;
    let e = add(
        one,
        ("16:00", "17:00"),
        None,
        "Bảo tàng tỉnh",
        "Giám đốc Sở Tư pháp",
    )
    .await;
    let mut police = signed_in(&app, "congan", Role::Police).await;

    // Act
    let html = page(&police.get(&app, &week_of(d0)).await, 200);

    // Assert: four entries clash and say with what, linking to each other.
    assert!(html.contains("4 mục trùng lịch."), "{html}");
    let entry = |id: i64| {
        let at = html
            .find(&format!("id=\"e-itinerary_item-{id}\""))
            .unwrap_or_else(|| panic!("no entry {id}"));
        let rest = &html[at..];
        let end = rest[1..]
            .find("<li class=\"entry")
            .map_or(rest.len(), |i| i + 1);
        &rest[..end]
    };
    let first = entry(a);
    assert!(first.contains("Trùng lịch:"), "{first}");
    assert!(
        first.contains("Cùng cán bộ tháp tùng Trần Thu Hà"),
        "{first}"
    );
    assert!(first.contains(&format!(
        "trùng giờ với <a href=\"#e-itinerary_item-{b}\">09:30–11:00 Làm việc với lãnh đạo tỉnh — "
    )));
    assert!(entry(b).contains(&format!("href=\"#e-itinerary_item-{a}\"")));
    assert!(entry(c).contains("Cùng địa điểm Hồ Hòa Bình"));
    assert!(entry(d).contains(&format!("href=\"#e-itinerary_item-{c}\"")));
    assert!(!entry(e).contains("Trùng lịch"));
    assert_eq!(html.matches("class=\"entry entry--clash\"").count(), 4);

    // In English, the same in English words.
    let reply = police
        .post(&app, "/language", &[("lang", "en"), ("back", &week_of(d0))])
        .await;
    let english = page(&police.follow(&app, &reply).await, 200);
    assert!(english.contains("4 entries clash."));
    assert!(english.contains("Same escort officer, Trần Thu Hà"));
    assert!(english.contains("Same venue, Hồ Hòa Bình"));
}

async fn weeks_and_days_link_to_the_ones_before_and_after(app: TestApp) {
    let mut viewer = signed_in(&app, "xemtin", Role::Viewer).await;

    // This week by default, named with its dates.
    let today = visitdesk::domain::time::province_today();
    let html = page(&viewer.get(&app, "/schedule").await, 200);
    let w = today.iso_week();
    assert!(
        html.contains(&format!(
            "<h1>Lịch theo dõi tuần {}/{} ",
            w.week(),
            w.year()
        )),
        "{html}"
    );
    assert!(html.contains(&format!(", {}", today.format("%d/%m/%Y"))));

    // Week 1 of 2026 runs from Monday 29/12/2025 to Sunday 04/01/2026.
    let html = page(&viewer.get(&app, "/schedule?week=2026-W01").await, 200);
    assert!(html.contains("từ 29/12/2025 đến 04/01/2026"), "{html}");
    assert!(html.contains("<a href=\"/schedule?week=2025-W52\" rel=\"prev\">Tuần trước</a>"));
    assert!(html.contains("<a href=\"/schedule?week=2026-W02\" rel=\"next\">Tuần sau</a>"));
    assert!(html.contains("Thứ Hai, 29/12/2025"));
    assert!(html.contains("Chủ Nhật, 04/01/2026"));
    assert_eq!(html.matches("<h2 ").count(), 7, "seven days");
    assert!(html.contains("<a href=\"/schedule?day=2025-12-31\">Thứ Tư, 31/12/2025</a>"));

    // A day links to the days around it and to its week.
    let html = page(&viewer.get(&app, "/schedule?day=2025-12-31").await, 200);
    assert!(
        html.contains("<h1>Lịch theo dõi Thứ Tư, 31/12/2025</h1>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/schedule?day=2025-12-30\" rel=\"prev\">Ngày trước</a>"));
    assert!(html.contains("<a href=\"/schedule?day=2026-01-01\" rel=\"next\">Ngày sau</a>"));
    assert!(html.contains("<a href=\"/schedule?week=2026-W01\">Cả tuần</a>"));

    // An address that names no week says so and shows this week.
    let html = page(&viewer.get(&app, "/schedule?week=2026-W99").await, 400);
    assert!(html.contains("không hợp lệ"), "{html}");
    assert!(html.contains(&format!("tuần {}/{}", w.week(), w.year())));
}

async fn the_kind_filter_and_the_print_view_keep_to_the_kinds_chosen(app: TestApp) {
    let cast = Cast::new(&app).await;
    let d0 = monday_ahead();
    let id = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    item(
        &app,
        &cast,
        id,
        item_body(&format!("{d0}T09:00"), &format!("{d0}T11:00")),
    )
    .await;
    let mut police = signed_in(&app, "congan", Role::Police).await;
    let week = week_of(d0);

    // Every kind, checked, by default.
    let html = page(&police.get(&app, &week).await, 200);
    assert!(html.contains("Làm việc với lãnh đạo tỉnh"));
    assert_eq!(html.matches("type=\"checkbox\"").count(), 4);
    assert_eq!(html.matches(" checked>").count(), 4);
    assert!(html.contains("<legend>Loại lịch</legend>"));

    // Press conferences only: the item is gone, the links keep the filter.
    let html = page(
        &police
            .get(&app, &format!("{week}&kind=press_conference"))
            .await,
        200,
    );
    assert!(!html.contains("Làm việc với lãnh đạo tỉnh"));
    assert_eq!(html.matches(" checked>").count(), 1);
    assert!(
        html.contains("&#38;kind=press_conference\" rel=\"next\""),
        "{html}"
    );

    // The print view: the entries without the filter form or the pager.
    let html = page(
        &police
            .get(&app, &format!("{week}&kind=itinerary_item&print=1"))
            .await,
        200,
    );
    assert!(html.contains("Làm việc với lãnh đạo tỉnh"));
    assert!(!html.contains("type=\"checkbox\""));
    assert!(!html.contains("rel=\"next\""));
    assert!(html.contains("Chỉ gồm: Lịch trình đoàn"));
    assert!(html.contains("Trở lại lịch"));

    // A host unit is never offered the press side.
    let unit = app
        .make_unit("Sở Văn hóa", visitdesk::domain::unit::UnitKind::Department)
        .await;
    app.make_user("donvi", Role::HostUnit, Some(unit)).await;
    let mut host = Browser::new();
    host.sign_in(&app, "donvi").await;
    let html = page(&host.get(&app, &week).await, 200);
    assert_eq!(html.matches("type=\"checkbox\"").count(), 1);
    assert!(!html.contains("Họp báo"));
}

async fn a_viewer_reads_the_week_without_any_personal_data(app: TestApp) {
    // Arrange: members with every piece of personal data, a police review
    // with notes.
    let cast = Cast::new(&app).await;
    let d0 = monday_ahead();
    let id = incoming(&app, &cast, cast.host_unit, d0, d0).await;
    item(
        &app,
        &cast,
        id,
        item_body(&format!("{d0}T09:00"), &format!("{d0}T11:00")),
    )
    .await;
    walk(&app, &cast, id, "submitted").await;
    app.put(
        &format!("{}/security-review", path(id)),
        &cast.police.token,
        json!({"status": "concerns", "officer": "Thiếu tá Trần Quang", "notes": "Một thành viên có tiền sự"}),
    )
    .await
    .ok(200);
    let mut viewer = signed_in(&app, "xemtin", Role::Viewer).await;

    // Act
    let html = page(&viewer.get(&app, &week_of(d0)).await, 200);

    // Assert: the entry and its review's outcome, nothing personal.
    assert!(html.contains("Làm việc với lãnh đạo tỉnh"), "{html}");
    assert!(html.contains("An ninh: có lưu ý"));
    for secret in [
        "Suzuki Ichiro",
        "Park Ji-hoon",
        "TR1234567",
        "1971-04-02",
        "02/04/1971",
        "tanaka@example.jp",
        "+81 54 254 0000",
        "Một thành viên có tiền sự",
    ] {
        assert!(!html.contains(secret), "{secret} in {html}");
    }
}

/// The feed address on a page, and its path.
fn feed_address(html: &str) -> Option<(String, String)> {
    let at = html.find("id=\"f-feed-url\"")?;
    let rest = &html[at..];
    let value = rest.find("value=\"")? + "value=\"".len();
    let url = &rest[value..value + rest[value..].find('"')?];
    let path = &url[url.find("/calendar/")?..];
    Some((url.to_owned(), path.to_owned()))
}

async fn a_new_calendar_address_is_shown_once(app: TestApp) {
    let mut police = signed_in(&app, "congan", Role::Police).await;
    let form = page(&police.get(&app, "/subscriptions").await, 200);
    assert!(form.contains("Bạn chưa có địa chỉ lịch nào."));
    assert!(form.contains("<legend>Lịch gồm</legend>"));

    // A name is needed: the form again, the summary linking to the field.
    let refused = page(
        &police
            .post(
                &app,
                "/subscriptions",
                &[("name", ""), ("kinds", "interview")],
            )
            .await,
        422,
    );
    assert!(
        refused.contains("<a href=\"#f-name\">Nhập tên lịch (tối đa 200 ký tự)</a>"),
        "{refused}"
    );
    assert!(refused.contains("value=\"interview\" checked"));

    // Act
    let reply = police
        .post(
            &app,
            "/subscriptions",
            &[
                ("name", "Lịch <b>đoàn</b>"),
                ("kinds", "itinerary_item"),
                ("kinds", "press_conference"),
            ],
        )
        .await;

    // Assert: the address, once, with the webcal link and the help.
    let html = page(&reply, 200);
    let (url, feed) = feed_address(&html).unwrap_or_else(|| panic!("{html}"));
    assert!(url.starts_with("http"), "{url}");
    let token = feed
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    assert_eq!(token.len(), 64, "{feed}");
    assert!(html.contains(&format!(
        "href=\"webcal://{}\"",
        url.split_once("://").unwrap().1
    )));
    assert!(html.contains("chỉ hiển thị một lần"));
    for app_name in [
        "Google Calendar",
        "Outlook",
        "Apple Calendar",
        "Thunderbird",
    ] {
        assert!(html.contains(&format!("<dt>{app_name}</dt>")), "{app_name}");
    }
    assert!(html.contains("data-copy=\"f-feed-url\""));
    // What was typed is text, not markup.
    assert!(html.contains("Lịch &#60;b&#62;đoàn&#60;/b&#62;"));
    assert!(!html.contains("<b>đoàn</b>"));
    let feed_reply = fetch(&app, &feed, &[]).await;
    assert_eq!(feed_reply.status.as_u16(), 200);

    // The list shows the feed, never its address again.
    let list = page(&police.get(&app, "/subscriptions").await, 200);
    assert!(list.contains("<td>Lịch trình đoàn, Họp báo</td>"), "{list}");
    assert!(list.contains("Chưa dùng") || list.contains("Lần dùng gần nhất"));
    assert!(!list.contains(token));
    assert!(feed_address(&list).is_none());
}

async fn a_revoked_calendar_address_answers_nothing(app: TestApp) {
    let mut police = signed_in(&app, "congan", Role::Police).await;
    police.get(&app, "/subscriptions").await;
    let html = page(
        &police
            .post(&app, "/subscriptions", &[("name", "Lịch tuần")])
            .await,
        200,
    );
    let (_, feed) = feed_address(&html).unwrap();
    assert_eq!(fetch(&app, &feed, &[]).await.status.as_u16(), 200);
    let action = html
        .split("action=\"/subscriptions/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let revoke = format!("/subscriptions/{action}");

    // Another user cannot revoke it.
    let mut other = signed_in(&app, "xemtin", Role::Viewer).await;
    other.get(&app, "/subscriptions").await;
    assert_eq!(other.post(&app, &revoke, &[]).await.status.as_u16(), 404);
    assert_eq!(fetch(&app, &feed, &[]).await.status.as_u16(), 200);

    // Act
    let reply = police.post(&app, &revoke, &[]).await;

    // Assert: gone from the list, said so, and the feed answers 404.
    let list = page(&police.follow(&app, &reply).await, 200);
    assert!(
        list.contains("Đã thu hồi địa chỉ lịch «Lịch tuần»"),
        "{list}"
    );
    assert!(list.contains("Bạn chưa có địa chỉ lịch nào."));
    assert!(!list.contains("/revoke\""));
    assert!(list.contains("Địa chỉ đã thu hồi"));
    assert_eq!(fetch(&app, &feed, &[]).await.status.as_u16(), 404);
}

async fn me_shows_who_i_am_and_the_language_can_be_chosen_there(app: TestApp) {
    let unit = app
        .make_unit("Công an tỉnh", visitdesk::domain::unit::UnitKind::Police)
        .await;
    app.make_user("congan", Role::Police, Some(unit)).await;
    let mut police = Browser::new();
    police.sign_in(&app, "congan").await;
    let html = page(&police.get(&app, "/me").await, 200);
    assert!(html.contains("<h1>Tài khoản của tôi</h1>"));
    assert!(html.contains("<dd>congan</dd>"));
    assert!(html.contains("<dd>Công an tỉnh</dd>"), "{html}");
    assert!(html.contains("<legend>Ngôn ngữ của trang</legend>"));
    assert!(html.contains("value=\"vi\" checked"));
    for field in ["current_password", "new_password", "repeat_password"] {
        assert!(
            html.contains(&format!("<label for=\"f-{field}\">")),
            "{field}"
        );
    }

    let reply = police
        .post(&app, "/language", &[("lang", "en"), ("back", "/me")])
        .await;
    assert_eq!(reply.header("location").as_deref(), Some("/me"));
    let html = page(&police.follow(&app, &reply).await, 200);
    assert!(html.contains("<h1>My account</h1>"));
    assert!(html.contains("value=\"en\" checked"));
    assert!(html.contains("Change the password"));
}

async fn a_wrong_current_password_shows_the_form_again_in_vietnamese(app: TestApp) {
    let mut police = signed_in(&app, "congan", Role::Police).await;
    police.get(&app, "/me").await;

    // A wrong current password.
    let reply = police
        .post(
            &app,
            "/me/password",
            &[
                ("current_password", "not my password"),
                ("new_password", "a brand new passphrase"),
                ("repeat_password", "a brand new passphrase"),
            ],
        )
        .await;
    let html = page(&reply, 422);
    assert!(html.contains(
        "<h2 id=\"error-summary-title\" class=\"error-summary__title\">Có lỗi cần sửa</h2>"
    ));
    assert!(
        html.contains("<a href=\"#f-current_password\">Mật khẩu hiện tại không đúng</a>"),
        "{html}"
    );
    assert!(html.contains("<p class=\"field__error\" id=\"f-current_password-error\">"));
    assert!(!html.contains("not my password"));
    assert!(!html.contains("a brand new passphrase"));

    // Too short, and not repeated the same: both named, nothing checked.
    let html = page(
        &police
            .post(
                &app,
                "/me/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "short"),
                    ("repeat_password", "shorter"),
                ],
            )
            .await,
        422,
    );
    assert!(
        html.contains("<a href=\"#f-new_password\">Mật khẩu mới phải có từ 10 đến 128 ký tự"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#f-repeat_password\">Mật khẩu nhập lại không khớp"));

    // The password is unchanged.
    app.login("congan", PASSWORD).await.ok(200);
}

async fn a_new_password_ends_the_old_session(app: TestApp) {
    let mut police = signed_in(&app, "congan", Role::Police).await;
    let token = app.token("congan").await;
    let old = police.cookie("visitdesk-session").unwrap().to_owned();
    police.get(&app, "/me").await;

    // Act
    let new = "một câu mật khẩu mới dài";
    let reply = police
        .post(
            &app,
            "/me/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("repeat_password", new),
            ],
        )
        .await;

    // Assert: this browser goes on in a new session, told so…
    assert_eq!(
        reply.header("location").as_deref(),
        Some("/me?done=password")
    );
    let html = page(&police.follow(&app, &reply).await, 200);
    assert!(html.contains("Đã đổi mật khẩu."), "{html}");
    assert_ne!(police.cookie("visitdesk-session"), Some(old.as_str()));
    // …the old session opens nothing, nor the old API token…
    let mut thief = Browser::new();
    thief.set_cookie("visitdesk-session", &old);
    let home = thief.get(&app, "/me").await;
    assert_eq!(home.status.as_u16(), 303);
    assert!(home.header("location").unwrap().starts_with("/sign-in"));
    assert_eq!(app.get("/api/v1/me", &token).await.status.as_u16(), 401);
    // …and only the new password signs in.
    app.login("congan", PASSWORD).await.problem(401);
    app.login("congan", new).await.ok(200);
}
