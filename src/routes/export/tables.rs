//! Each list as a table: its rows read as the list reads them (the same
//! model call, filter and visibility, every page) and shown as the list's
//! JSON view shows them, one column per field a clerk reads, headed and
//! named from the console's catalogues.

mod cells;
mod press;

use self::cells::{at, code, count, local, table, unit_name};
use self::press::{accreditations, conferences, interviews};
use super::{Export, MAX_ROWS, walk};
use crate::console::i18n::Tr;
use crate::db::AnyConnection;
use crate::documents::{Cell, Table};
use crate::domain::role::Caller;
use crate::error::ApiResult;
use crate::model;
use crate::routes::accreditation::AccreditationView;
use crate::routes::audit::AuditEntryView;
use crate::routes::conference::ConferenceView;
use crate::routes::delegation::DelegationView;
use crate::routes::interview::InterviewView;
use crate::routes::member::MemberView;
use crate::routes::reporter::ReporterView;
use crate::routes::schedule::ScheduleItem;

/// The table of `export`, as `caller` may see it.
pub(super) fn read(
    export: Export,
    conn: &mut AnyConnection,
    caller: Caller,
    t: Tr,
) -> ApiResult<Table> {
    match export {
        Export::Delegations(q) => delegations(conn, caller, t, &q),
        Export::Members(id) => {
            let members = model::member::list(conn, caller, id)?;
            let views = members.into_iter().map(|m| MemberView::new(m, caller));
            Ok(members_table(t, caller, views))
        }
        Export::Reporters(q) => {
            let filter = model::reporter::filter(
                q.q.as_deref(),
                q.nationality.as_deref(),
                q.outlet_country.as_deref(),
            )?;
            let rows = walk(
                MAX_ROWS,
                |after, limit| model::reporter::list(conn, caller, &filter, after, limit),
                |r| r.id.get(),
            )?;
            Ok(reporters(
                t,
                caller,
                rows.into_iter().map(|r| ReporterView::new(r, caller)),
            ))
        }
        Export::Accreditations(q) => {
            let filter = q.filter()?;
            let rows = walk(
                MAX_ROWS,
                |after, limit| model::accreditation::list(conn, caller, &filter, after, limit),
                |a| (a.start_date, a.id.get()),
            )?;
            let views = rows.into_iter().map(|a| AccreditationView::new(a, caller));
            Ok(accreditations(t, views))
        }
        Export::Interviews(q) => {
            let filter = q.filter()?;
            let rows = walk(
                MAX_ROWS,
                |after, limit| model::interview::list(conn, caller, &filter, after, limit),
                |i| (i.starts_at.naive_utc(), i.id.get()),
            )?;
            Ok(interviews(t, rows.into_iter().map(InterviewView::from)))
        }
        Export::Conferences(q) => {
            let filter = q.filter()?;
            let rows = walk(
                MAX_ROWS,
                |after, limit| model::conference::list(conn, caller, &filter, after, limit),
                |c| (c.starts_at.naive_utc(), c.id.get()),
            )?;
            Ok(conferences(t, rows.into_iter().map(ConferenceView::from)))
        }
        Export::Schedule(q) => {
            let (from, to) = q.window()?;
            let kinds = model::schedule::parse_kinds(&q.kind)?;
            let entries = model::schedule::entries(conn, caller, kinds, from, to)?;
            if entries.len() > MAX_ROWS {
                return Err(super::too_many(MAX_ROWS));
            }
            Ok(schedule(t, entries.into_iter().map(ScheduleItem::from)))
        }
        Export::Audit(q) => {
            let filter = q.filter()?;
            let rows = walk(
                MAX_ROWS,
                |before, limit| model::audit::list(conn, caller, &filter, before, limit),
                |e| e.id.get(),
            )?;
            Ok(audit(t, rows.into_iter().map(AuditEntryView::from)))
        }
    }
}

fn delegations(
    conn: &mut AnyConnection,
    caller: Caller,
    t: Tr,
    q: &crate::routes::delegation::DelegationQuery,
) -> ApiResult<Table> {
    let filter = q.filter()?;
    let rows = walk(
        MAX_ROWS,
        |after, limit| model::delegation::list(conn, caller, filter.clone(), after, limit),
        |d| (d.start_date, d.id.get()),
    )?;
    let calendar = model::settings::calendar(conn)?;
    let rules = calendar.rules(crate::domain::time::province_today());
    let units = model::unit::all(conn)?;
    let mut table = table(
        t,
        "delegations",
        &[
            "reference",
            "direction",
            "title",
            "partner",
            "countries",
            "host-unit",
            "head",
            "start",
            "end",
            "status",
            "report-due",
        ],
    );
    for d in rows
        .into_iter()
        .map(|d| DelegationView::new(d, caller, &rules))
    {
        table.rows.push(vec![
            d.reference.into(),
            t.name("delegation-direction", &code(&d.direction)).into(),
            d.title.into(),
            d.partner_organization.into(),
            d.countries.join(", ").into(),
            unit_name(&units, d.host_unit_id).into(),
            d.head_of_delegation.into(),
            d.start_date.into(),
            d.end_date.into(),
            t.name("status", &code(&d.status)).into(),
            d.report_due_date.into(),
        ]);
    }
    Ok(table)
}

/// The members of a delegation: personal data only where the view kept it
/// (the roles that see personal data get their columns; others do not).
pub fn members_table(t: Tr, caller: Caller, views: impl Iterator<Item = MemberView>) -> Table {
    let personal = caller.role.sees_personal_data();
    let mut columns = vec![
        "full-name",
        "gender",
        "nationality",
        "organization",
        "position",
        "member-role",
    ];
    if personal {
        columns.extend(["date-of-birth", "passport", "email", "phone"]);
    }
    let mut table = table(t, "members", &columns);
    for m in views {
        let mut row: Vec<Cell> = vec![
            m.full_name.into(),
            m.gender
                .map(|g| t.name("delegation-gender", &code(&g)))
                .into(),
            m.nationality.into(),
            m.organization.into(),
            m.position.into(),
            t.name("delegation-member-role", &code(&m.role)).into(),
        ];
        if personal {
            row.extend([
                m.date_of_birth.flatten().into(),
                m.passport_number.flatten().into(),
                m.email.flatten().into(),
                m.phone.flatten().into(),
            ]);
        }
        table.rows.push(row);
    }
    table
}

fn reporters(t: Tr, caller: Caller, views: impl Iterator<Item = ReporterView>) -> Table {
    let personal = caller.role.sees_personal_data();
    let mut columns = vec![
        "number",
        "full-name",
        "nationality",
        "outlet",
        "outlet-country",
        "position",
        "press-card",
    ];
    if personal {
        columns.extend(["passport", "email", "phone"]);
    }
    let mut table = table(t, "reporters", &columns);
    for r in views {
        let mut row: Vec<Cell> = vec![
            r.id.get().into(),
            r.full_name.into(),
            r.nationality.into(),
            r.outlet.into(),
            r.outlet_country.into(),
            r.position.into(),
            r.press_card_number.into(),
        ];
        if personal {
            row.extend([
                r.passport_number.flatten().into(),
                r.email.flatten().into(),
                r.phone.flatten().into(),
            ]);
        }
        table.rows.push(row);
    }
    table
}

fn schedule(t: Tr, items: impl Iterator<Item = ScheduleItem>) -> Table {
    let mut table = table(
        t,
        "schedule",
        &[
            "kind",
            "reference",
            "title",
            "starts",
            "ends",
            "zone",
            "place",
            "status",
            "escort",
            "foreigners",
            "clashes",
        ],
    );
    for e in items {
        table.rows.push(vec![
            t.name("schedule-kind", &code(&e.kind)).into(),
            e.record.reference.into(),
            e.title.into(),
            local(t, &e.starts_at).into(),
            local(t, &e.ends_at).into(),
            e.time_zone.into(),
            e.place.into(),
            t.name("schedule-status", &e.status).into(),
            e.escort_officer.into(),
            count(e.foreigners.count),
            count(e.conflicts_total),
        ]);
    }
    table
}

fn audit(t: Tr, views: impl Iterator<Item = AuditEntryView>) -> Table {
    let mut table = table(
        t,
        "audit",
        &[
            "number",
            "at",
            "actor",
            "role",
            "action",
            "record-kind",
            "record-id",
            "changes",
            "note",
        ],
    );
    for e in views {
        table.rows.push(vec![
            e.id.get().into(),
            at(t, &e.at).into(),
            e.actor.username.into(),
            e.actor.role.map(|r| t.name("role", r.as_str())).into(),
            t.name("audit-action", &e.action).into(),
            t.name("audit-kind", &code(&e.record.kind)).into(),
            e.record.id.into(),
            e.changes.to_string().into(),
            e.note.into(),
        ]);
    }
    table
}
