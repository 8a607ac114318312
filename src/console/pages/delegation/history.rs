//! `GET /delegations/{id}/history`: who did what to the delegation, when,
//! with which note, oldest first. The changes are the audit trail's, with
//! what the caller may not see already taken out by the model.

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
use crate::domain::unit::Unit;
use crate::model;

/// One changed field: its label, and what it was and became (or was set to).
#[derive(Debug)]
struct Change {
    label: String,
    from: Option<String>,
    to: String,
}

/// One event of the history.
#[derive(Debug)]
struct Event {
    at: String,
    who: String,
    what: String,
    note: Option<String>,
    changes: Vec<Change>,
}

#[derive(Template)]
#[template(path = "delegation/history.html")]
struct HistoryPage {
    c: Chrome,
    head: Head,
    events: Vec<Event>,
}

/// The closed sets a field's values come from, by field name.
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

/// A value as a person reads it: names of closed sets and units from the
/// catalogue, days and times as the page writes them.
fn shown(field: &str, value: &Value, units: &[Unit], t: Tr) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::String(s) => {
            if let Some(name) = sets(field)
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
        Value::Number(n) if field == "host_unit_id" => n
            .as_i64()
            .map_or_else(|| n.to_string(), |id| name_of(units, UnitId(id), t)),
        Value::Array(items) => items
            .iter()
            .map(|v| shown(field, v, units, t))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn event(e: AuditEntry, units: &[Unit], t: Tr) -> Event {
    let changes = match e.changes {
        Value::Object(map) => map
            .into_iter()
            .map(|(field, value)| {
                let label = t
                    .find(&format!("delegation-change-{field}"))
                    .unwrap_or_else(|| field.clone());
                match value {
                    Value::Object(pair) if pair.len() == 2 && pair.contains_key("from") => {
                        let from = pair.get("from").unwrap_or(&Value::Null);
                        let to = pair.get("to").unwrap_or(&Value::Null);
                        Change {
                            label,
                            from: Some(shown(&field, from, units, t)),
                            to: shown(&field, to, units, t),
                        }
                    }
                    value => Change {
                        label,
                        from: None,
                        to: shown(&field, &value, units, t),
                    },
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let who = match (&e.actor_username, e.actor_role) {
        (Some(name), Some(role)) => format!("{name} ({})", t.name("role", role.as_str())),
        (Some(name), None) => name.clone(),
        _ => t.t("delegation-history-system"),
    };
    Event {
        at: t.date_time(&e.at, PROVINCE_TZ),
        who,
        what: t.name("delegation-event", &e.action),
        note: e.note,
        changes,
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
    let page = HistoryPage {
        c: Chrome::new(&visit, Some(&account), Nav::Delegations, &here),
        events: entries.into_iter().map(|e| event(e, &units, t)).collect(),
        head,
    };
    page::html(&visit, &page)
}
