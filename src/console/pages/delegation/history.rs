//! A record's history page — who did what to it, when, with which note,
//! oldest first — and `GET /delegations/{id}/history`. The changes are the
//! audit trail's, with what the caller may not see already taken out by the
//! model. Delegations and accreditations show their history the same way
//! (this page and `press::record::history` both build it here); they
//! differ only in their catalogue (`delegation-…`, `press-…`) and in the
//! values a field names (a delegation's host unit).

use actix_web::{HttpResponse, get, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

use super::{Head, name_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, Nav};
use crate::console::session::Visit;
use crate::domain::audit::AuditEntry;
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::time::PROVINCE_TZ;
use crate::model;

/// One changed field: its label, and what it was and became (or was set to).
#[derive(Debug)]
pub struct Change {
    label: String,
    from: Option<String>,
    to: String,
}

/// One event of the history.
#[derive(Debug)]
pub struct Event {
    at: String,
    who: String,
    what: String,
    note: Option<String>,
    changes: Vec<Change>,
}

/// How one kind of record's history reads: its part of the catalogue
/// (`{part}-history-title`, `{part}-event-{action}`,
/// `{part}-change-{field}`, `{part}-history-system`), the closed sets a
/// field's values are named from, and the numbers that name something.
#[expect(missing_debug_implementations, reason = "it holds a closure")]
pub struct Vocabulary<'a> {
    pub part: &'static str,
    /// The catalogue id of the link back to the record.
    pub back: &'static str,
    pub sets: fn(&str) -> &'static [&'static str],
    /// A field's number said as what it names (`None`: the number).
    pub number: &'a dyn Fn(&str, i64) -> Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "delegation/history.html")]
pub struct HistoryPage {
    c: Chrome,
    head: Head,
    back: String,
    title: String,
    none: String,
    events: Vec<Event>,
}

impl HistoryPage {
    /// The history page of the record `head` names, at `here`.
    pub fn new(
        visit: &Visit,
        chrome: Chrome,
        head: Head,
        entries: Vec<AuditEntry>,
        v: &Vocabulary,
    ) -> Self {
        let t = visit.tr();
        Self {
            c: chrome,
            head,
            back: t.t(v.back),
            title: t.t(&format!("{}-history-title", v.part)),
            none: t.t(&format!("{}-history-none", v.part)),
            events: entries.into_iter().map(|e| event(e, v, t)).collect(),
        }
    }
}

/// A value as a person reads it: names of closed sets and of what numbers
/// name from the catalogue, days and times as the pages write them.
fn shown(field: &str, value: &Value, v: &Vocabulary, t: Tr) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::String(s) => {
            if let Some(name) = (v.sets)(field)
                .iter()
                .find_map(|set| t.find(&format!("{set}-{s}")))
            {
                return name;
            }
            if let Ok(day) = s.parse::<NaiveDate>() {
                return t.date(&day);
            }
            if let Ok(at) = s.parse::<DateTime<Utc>>() {
                return t.date_time(&at, PROVINCE_TZ);
            }
            if let Ok(at) = s.parse::<NaiveDateTime>() {
                return t.date_time(&at.and_utc(), PROVINCE_TZ);
            }
            s.clone()
        }
        Value::Number(n) => n
            .as_i64()
            .and_then(|id| (v.number)(field, id))
            .unwrap_or_else(|| n.to_string()),
        Value::Array(items) => items
            .iter()
            .map(|x| shown(field, x, v, t))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn event(e: AuditEntry, v: &Vocabulary, t: Tr) -> Event {
    let changes = match e.changes {
        Value::Object(map) => map
            .into_iter()
            .map(|(field, value)| {
                let label = t
                    .find(&format!("{}-change-{field}", v.part))
                    .unwrap_or_else(|| field.clone());
                match value {
                    Value::Object(pair) if pair.len() == 2 && pair.contains_key("from") => {
                        let from = pair.get("from").unwrap_or(&Value::Null);
                        let to = pair.get("to").unwrap_or(&Value::Null);
                        Change {
                            label,
                            from: Some(shown(&field, from, v, t)),
                            to: shown(&field, to, v, t),
                        }
                    }
                    value => Change {
                        label,
                        from: None,
                        to: shown(&field, &value, v, t),
                    },
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let who = match (&e.actor_username, e.actor_role) {
        (Some(name), Some(role)) => format!("{name} ({})", t.name("role", role.as_str())),
        (Some(name), None) => name.clone(),
        _ => t.t(&format!("{}-history-system", v.part)),
    };
    Event {
        at: t.date_time(&e.at, PROVINCE_TZ),
        who,
        what: t.name(&format!("{}-event", v.part), &e.action),
        note: e.note,
        changes,
    }
}

/// The closed sets a delegation's field's values come from, by field name.
fn sets(field: &str) -> &'static [&'static str] {
    match field {
        "status" => &["status", "delegation-item-status", "delegation-review"],
        "kind" => &["delegation-kind"],
        "role" => &["delegation-member-role"],
        "gender" => &["delegation-gender"],
        "direction" => &["delegation-direction"],
        "recommendation" => &["delegation-recommendation"],
        _ => &[],
    }
}

/// `GET /delegations/{id}/history`.
#[get("/{id}/history")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let (account, (d, entries, units)) = visit
        .read(&state, move |conn, account| {
            let d = model::delegation::visible(conn, account.caller, id)?;
            let entries = model::delegation::history(conn, account.caller, id)?;
            Ok((d, entries, model::unit::all(conn)?))
        })
        .await?;
    let head = Head::of(&d);
    let here = format!("{}/history", head.href);
    let unit =
        |field: &str, id: i64| (field == "host_unit_id").then(|| name_of(&units, UnitId(id), t));
    let vocabulary = Vocabulary {
        part: "delegation",
        back: "delegation-back",
        sets,
        number: &unit,
    };
    let chrome = Chrome::new(&visit, Some(&account), Nav::Delegations, &here);
    page::html(
        &visit,
        &HistoryPage::new(&visit, chrome, head, entries, &vocabulary),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::i18n::Lang;

    #[test]
    fn values_read_as_a_person_reads_them() {
        let t = Tr::new(Lang::En);
        let named = |field: &str, id: i64| (field == "host_unit_id").then(|| format!("unit {id}"));
        let v = Vocabulary {
            part: "delegation",
            back: "delegation-back",
            sets,
            number: &named,
        };
        assert_eq!(shown("host_unit_id", &Value::from(7), &v, t), "unit 7");
        assert_eq!(shown("item_id", &Value::from(7), &v, t), "7");
        assert_eq!(shown("x", &Value::Null, &v, t), "—");
        assert_eq!(
            shown("start_date", &Value::from("2026-12-01"), &v, t),
            t.date(&NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        );
    }
}
