//! The home page: what waits on my unit, most urgent first, with the
//! working days left before each is due.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::AppState;
use fluent_templates::fluent_bundle::FluentValue;

use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::time::province_today;
use crate::model;
use crate::model::inbox::InboxEntry;

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    c: Chrome,
    items: Vec<InboxEntry>,
    today: chrono::NaiveDate,
}

impl InboxPage {
    /// Where an entry's record is shown in the console, if it has a page.
    fn link(&self, entry: &InboxEntry) -> Option<String> {
        let record = entry.record.as_ref()?;
        match record.kind.as_str() {
            "delegation" => Some(format!("/delegations/{}", record.id)),
            "accreditation" => Some(format!("/accreditations/{}", record.id)),
            "press_conference" => Some(format!("/press-conferences/{}", record.id)),
            "unit_report" => Some(format!("/reports/{}", record.id)),
            _ => None,
        }
    }

    /// How long is left, in working days: "còn 3 ngày làm việc",
    /// "quá hạn 2 ngày làm việc", "hạn hôm nay".
    fn left(&self, entry: &InboxEntry) -> String {
        deadline_left(
            self.c.t,
            entry.working_days_left,
            entry.due_date,
            self.today,
        )
    }
}

/// The working days left before `due` as a person reads them. A due date
/// on a day off with no working day between counts 0 left: "due today".
pub fn deadline_left(t: Tr, left: i64, due: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    let n = |id: &str, n: i64| t.with(id, &[("n", FluentValue::from(n))]);
    if left > 0 {
        n("deadlines-left-n", left)
    } else if left < 0 {
        n("deadlines-overdue-n", -left)
    } else if due < today {
        // Past, but no working day since: overdue by the days off only.
        n("deadlines-overdue-n", 0)
    } else {
        t.t("deadlines-today")
    }
}

/// `GET /`: the inbox.
#[get("/")]
pub async fn inbox(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    let today = province_today();
    let (account, items) = visit
        .read(&state, move |conn, account| {
            let calendar = model::settings::calendar(conn)?;
            model::inbox::entries_on(conn, account.caller, &calendar.rules(today))
        })
        .await?;
    page::html(
        &visit,
        &InboxPage {
            c: Chrome::new(&visit, Some(&account), Nav::Inbox, "/"),
            items,
            today,
        },
    )
}

/// A due date as a record page shows it (`deadlines.html`).
#[derive(Debug)]
pub struct DeadlineRow {
    pub what: String,
    pub due: String,
    /// `pending`, `met`, `late`, `overdue` (the row's class).
    pub state: &'static str,
    pub state_name: String,
    pub left: String,
}

/// A warning as a record page shows it; `ends` only where the caller's
/// role sees the document's date (the model left it out otherwise).
#[derive(Debug)]
pub struct WarningRow {
    pub person: Option<String>,
    pub what: String,
    pub ends: Option<String>,
    pub act_by: String,
}

/// A record's due dates and warnings in the page's language.
pub fn deadline_rows(
    t: Tr,
    record: crate::model::deadlines::RecordDeadlines,
    today: chrono::NaiveDate,
) -> (Vec<DeadlineRow>, Vec<WarningRow>) {
    let deadlines = record
        .deadlines
        .into_iter()
        .map(|d| DeadlineRow {
            what: t.name("deadlines-kind", d.what.as_str()),
            due: t.date(&d.due_date),
            state: d.state.as_str(),
            state_name: t.name("deadlines-state", d.state.as_str()),
            // A deadline done needs no count.
            left: if d.done_on.is_some() {
                String::new()
            } else {
                deadline_left(t, d.working_days_left, d.due_date, today)
            },
        })
        .collect();
    let warnings = record
        .warnings
        .into_iter()
        .map(|w| WarningRow {
            person: w.person,
            what: t.name("deadlines-warning", w.what.as_str()),
            ends: w
                .ends_on
                .map(|d| t.t1("deadlines-warning-ends", "date", &t.date(&d))),
            act_by: t.t1("deadlines-warning-act-by", "date", &t.date(&w.act_by)),
        })
        .collect();
    (deadlines, warnings)
}

#[cfg(test)]
mod tests {
    use crate::console::i18n::catalogue::check_part;

    #[test]
    fn the_deadlines_catalogues_match_and_read() {
        check_part(
            include_str!("../locales/vi/deadlines.ftl"),
            include_str!("../locales/en/deadlines.ftl"),
            &["deadlines-", "calendar-", "err-", "audit-kind-"],
        );
    }
}
