//! `GET /audit`: the audit trail (administrator and police), newest first,
//! filtered as the API's list is (record kind and id, actor, action,
//! days; the actor chosen by name among those who made entries, as
//! `model::audit::actors` offers them to the reader), a page at a time. Each entry links to its record's page where
//! the console has one, and shows its changes as "field: from → to", with
//! what the reader may not see already taken out by `model::audit::list`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::delegation::form::{self, Reader};
use super::delegation::{Choice, choices, name_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::list_page::{self, Frame, Listing, Query as _};
use crate::console::session::Visit;
use crate::db::audit::AuditFilter;
use crate::domain::audit::{AuditEntry, RecordKind};
use crate::domain::collate::sort_by_name;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::time::{Bound, PROVINCE_TZ, parse_instant};
use crate::domain::unit::Unit;
use crate::error::ApiError;
use crate::model;

/// This part's routes.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(list);
}

/// The filters as the form sends them (every one may be blank).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    record_kind: String,
    record_id: String,
    actor_id: String,
    action: String,
    from: String,
    to: String,
    cursor: String,
}

const FRAME: Frame = Frame {
    path: "/audit",
    export: "audit",
    filters: "audit-filters",
    filter: "audit-filter",
    clear: "audit-filter-clear",
    none: "audit-none",
    none_found: "audit-none-found",
    pages: "audit-pages",
    first_page: "audit-first-page",
    next_page: "audit-next-page",
};

impl list_page::Query for AuditQuery {
    const FRAME: &'static Frame = &FRAME;

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("record_kind", self.record_kind.trim()),
            ("record_id", self.record_id.trim()),
            ("actor_id", self.actor_id.trim()),
            ("action", self.action.trim()),
            ("from", self.from.trim()),
            ("to", self.to.trim()),
        ]
    }

    fn cursor(&self) -> &str {
        &self.cursor
    }
}

/// One changed field: its label, what it was (for a change) and became.
struct Change {
    label: String,
    from: Option<String>,
    to: String,
}

/// One entry of the trail.
struct Row {
    at: String,
    who: String,
    /// The address that lists this actor's entries.
    who_href: Option<String>,
    what: String,
    record: String,
    record_href: Option<String>,
    note: Option<String>,
    changes: Vec<Change>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    errors: FormErrors,
    list: Listing<Row>,
    query: AuditQuery,
    kinds: Vec<Choice>,
    actors: Vec<Choice>,
}

/// The fields whose values are units.
const UNIT_FIELDS: &[&str] = &[
    "unit_id",
    "host_unit_id",
    "organizing_unit_id",
    "merged_into",
];

/// A value as a person reads it: units by name, closed sets and booleans
/// from the catalogue, days and instants as the console writes them.
fn shown(field: &str, value: &Value, units: &[Unit], t: Tr) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(b) => t.t(if *b { "audit-yes" } else { "audit-no" }),
        Value::Number(n) if UNIT_FIELDS.contains(&field) => n
            .as_i64()
            .map_or_else(|| n.to_string(), |id| name_of(units, UnitId(id), t)),
        Value::String(s) => {
            let set = match field {
                "role" => Some("role"),
                "status" => Some("status"),
                "kind" => Some("admin-kind"),
                "password" => Some("audit-value"),
                _ => None,
            };
            if let Some(name) = set.and_then(|set| t.find(&format!("{set}-{s}"))) {
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
        Value::Array(items) => items
            .iter()
            .map(|v| shown(field, v, units, t))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The changes of an entry, field by field (nested objects flattened, as
/// `field.part`).
fn changes(prefix: &str, value: &Value, units: &[Unit], t: Tr, out: &mut Vec<Change>) {
    let Value::Object(map) = value else {
        return;
    };
    for (field, value) in map {
        let name = if prefix.is_empty() {
            field.clone()
        } else {
            format!("{prefix}.{field}")
        };
        // The records' own history pages already name their fields (the
        // press and delegation catalogues): the trail says them the same way
        // rather than showing the police `security_notes`.
        let label = ["audit-field", "press-change", "delegation-change"]
            .iter()
            .find_map(|part| t.find(&format!("{part}-{field}")))
            .unwrap_or_else(|| name.clone());
        match value {
            Value::Object(pair) if pair.len() == 2 && pair.contains_key("from") => {
                let from = pair.get("from").unwrap_or(&Value::Null);
                let to = pair.get("to").unwrap_or(&Value::Null);
                out.push(Change {
                    label,
                    from: Some(shown(field, from, units, t)),
                    to: shown(field, to, units, t),
                });
            }
            Value::Object(_) => changes(&name, value, units, t, out),
            value => out.push(Change {
                label,
                from: None,
                to: shown(field, value, units, t),
            }),
        }
    }
}

/// The actors as a choice, by name in Vietnamese order; `chosen` chosen.
/// One the trail no longer lists (an address typed by hand) is offered by
/// its number, so that the form says what the list is filtered by.
fn actor_choices(actors: &[model::audit::Actor], chosen: &str) -> Vec<Choice> {
    let chosen = chosen.trim();
    let mut choices: Vec<Choice> = actors
        .iter()
        .map(|a| Choice {
            value: a.id.to_string(),
            label: match &a.display_name {
                Some(name) => format!("{name} ({})", a.username),
                None => a.username.clone(),
            },
            chosen: a.id.to_string() == chosen,
        })
        .collect();
    sort_by_name(&mut choices, |c| c.label.as_str());
    if !chosen.is_empty() && !choices.iter().any(|c| c.chosen) {
        choices.push(Choice {
            value: chosen.to_owned(),
            label: format!("#{chosen}"),
            chosen: true,
        });
    }
    choices
}

fn row(e: AuditEntry, units: &[Unit], t: Tr, admin: bool) -> Row {
    let who = match (&e.actor_username, e.actor_role) {
        (Some(name), Some(role)) => format!("{name} ({})", t.name("role", role.as_str())),
        (Some(name), None) => name.clone(),
        _ => t.t("audit-system"),
    };
    let record_href = match e.record_kind {
        RecordKind::Delegation => Some(format!("/delegations/{}", e.record_id)),
        RecordKind::Unit if admin => Some(format!("/admin/units/{}", e.record_id)),
        RecordKind::User if admin => Some(format!("/admin/users/{}", e.record_id)),
        _ => None,
    };
    let mut shown_changes = Vec::new();
    changes("", &e.changes, units, t, &mut shown_changes);
    Row {
        at: t.date_time(&e.at, PROVINCE_TZ),
        who,
        who_href: e.actor_id.map(|id| format!("/audit?actor_id={id}")),
        what: t.name("audit-action", &e.action),
        record: format!(
            "{} {}",
            t.name("audit-kind", e.record_kind.as_str()),
            e.record_id
        ),
        record_href,
        note: e.note,
        changes: shown_changes,
    }
}

/// `GET /audit`.
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, PageError> {
    let q = query.into_inner();
    let t = visit.tr();
    let mut read = Reader::new();
    let record_kind = read.choice("record_kind", &q.record_kind, RecordKind::parse);
    let record_id = form::text(&q.record_id).and_then(|raw| read.id("record_id", &raw));
    let actor_id = form::text(&q.actor_id).and_then(|raw| read.id("actor_id", &raw));
    let from = read.date("from", &q.from);
    let to = read.date("to", &q.to);
    let action = form::text(&q.action).map(|a| a.trim().to_owned());
    let search = read.finish().and_then(|()| {
        let instant = |field: &str, day: Option<NaiveDate>, bound| {
            day.map(|d| {
                parse_instant(&d.to_string(), bound).map_err(|m| ApiError::invalid(field, m))
            })
            .transpose()
        };
        let filter = AuditFilter {
            record_kind,
            record_id,
            actor_id: actor_id.map(UserId),
            action,
            from: instant("from", from, Bound::Start)?,
            to: instant("to", to, Bound::End)?,
        };
        let before = q.after::<(i64,)>()?.map(|(id,)| id);
        Ok((filter, before))
    });
    let (errors, search) = list_page::read(&q, search, t)?;
    let limit = list_page::page_size()?;
    let (account, (units, actors, entries)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            // Refused for the roles that may not read it, filters or not.
            let entries = match search {
                Some((filter, before)) => {
                    Some(model::audit::list(conn, caller, &filter, before, limit)?)
                }
                None => {
                    model::audit::list(conn, caller, &AuditFilter::default(), None, limit)?;
                    None
                }
            };
            let actors = model::audit::actors(conn, caller)?;
            Ok((model::unit::all(conn)?, actors, entries))
        })
        .await?;
    let admin = account.caller.role.manages_users();
    let list = Listing::new(
        &q,
        entries,
        limit,
        |e| (e.id.get(),),
        |e| row(e, &units, t, admin),
    );
    let shown = AuditPage {
        c: Chrome::new(
            &visit,
            Some(&account),
            Nav::Audit,
            &page::here(&req, FRAME.path),
        ),
        errors,
        list,
        kinds: choices(
            RecordKind::ALL,
            RecordKind::as_str,
            "audit-kind",
            &q.record_kind,
            t,
        ),
        actors: actor_choices(&actors, &q.actor_id),
        query: q,
    };
    page::form(&visit, &shown.errors, &shown)
}
