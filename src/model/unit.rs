//! Units (departments, districts): each change as one operation with its
//! audit entry. Every signed-in user reads them; the administrator writes.

use crate::db::unit::{NewUnit, UnitChanges};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::UnitId;
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;
use crate::domain::unit::{Unit, UnitKind};
use crate::error::{ApiError, ApiResult};

/// 403 unless the caller manages users and units (the administrator).
pub fn require_manager(caller: Caller, what: &str) -> ApiResult<()> {
    super::require(caller, caller.role.manages_users(), what)
}

/// A page of units, of one kind if given.
pub fn list(
    conn: &mut AnyConnection,
    kind: Option<UnitKind>,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<Unit>> {
    db::unit::list(conn, kind, after, limit)
}

/// Every unit, in the order they were made (a province has a few dozen).
pub fn all(conn: &mut AnyConnection) -> ApiResult<Vec<Unit>> {
    let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut units: Vec<Unit> = Vec::new();
    loop {
        let after = units.last().map(|u| u.id.get());
        let page = db::unit::list(conn, None, after, max)?;
        let more = page.len() > max.get();
        units.extend(page.into_iter().take(max.get()));
        if !more {
            return Ok(units);
        }
    }
}

pub fn find(conn: &mut AnyConnection, id: UnitId) -> ApiResult<Unit> {
    db::unit::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// The rule for a unit that a record names in `field` (a user's unit, a
/// delegation's host, an interview's organiser, a merge's target): it
/// exists and was not merged. A merged unit is refused with the unit it
/// went into, named, so that the person knows which to choose instead.
pub fn require_open(conn: &mut AnyConnection, field: &str, id: UnitId) -> ApiResult<()> {
    let unit = db::unit::find(conn, id)?.ok_or_else(|| ApiError::invalid(field, "no such unit"))?;
    match unit.merged_into {
        None => Ok(()),
        Some(into) => Err(ApiError::invalid(
            field,
            merged_message(&successor(conn, into)?),
        )),
    }
}

/// Where a merged unit's work went: the unit it was merged into, or, when
/// that one was merged later too, the open unit at the end of the chain.
/// A chain is as long as the merges made one after another (a handful);
/// the bound only stops a cycle that no merge can make.
fn successor(conn: &mut AnyConnection, into: UnitId) -> ApiResult<Unit> {
    let mut unit = find(conn, into)?;
    for _ in 0..64 {
        match unit.merged_into {
            Some(next) => unit = find(conn, next)?,
            None => break,
        }
    }
    Ok(unit)
}

/// The refusal of a merged unit, naming the unit it went into: in English
/// for the API (the English name first, the unit's own after it); the
/// console shows it in the page's language with [`merged_into_named`].
pub fn merged_message(into: &Unit) -> String {
    format!(
        "this unit was merged into unit {}, {} ({}); choose that one instead",
        into.id, into.name_en, into.name
    )
}

/// The unit among `units` that a refusal made by [`merged_message`] names.
pub fn merged_into_named<'a>(message: &str, units: &'a [Unit]) -> Option<&'a Unit> {
    units.iter().find(|u| merged_message(u) == message)
}

/// Registers a unit whose name is free (the API, the demo).
pub fn insert(conn: &mut AnyConnection, new: &NewUnit) -> ApiResult<Audited<Unit>> {
    if db::unit::find_by_name(conn, &new.name)?.is_some() {
        return Err(ApiError::conflict(format!(
            "a unit named `{}` exists already",
            new.name
        )));
    }
    let unit = db::unit::insert(conn, new, db::now())?;
    let changes = Changes::new()
        .set("name", &unit.name)
        .set("name_en", &unit.name_en)
        .set("kind", unit.kind);
    let entry = AuditEvent::new("create", RecordKind::Unit, unit.id.get(), changes);
    Ok(Audited::new(unit, entry))
}

/// Creates a unit (administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(conn: &mut AnyConnection, caller: Caller, new: &NewUnit) -> ApiResult<Audited<Unit>> {
    require_manager(caller, "create units")?;
    insert(conn, new)
}

/// What a change to a unit may set; absent fields stay.
#[derive(Debug, Default)]
pub struct UnitPatch {
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub kind: Option<UnitKind>,
}

/// Renames a unit or changes its kind (administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitId,
    if_match: Option<i64>,
    patch: UnitPatch,
) -> ApiResult<Audited<Unit>> {
    require_manager(caller, "change units")?;
    db::unit::lock(conn, id)?;
    let current = find(conn, id)?;
    db::check_version(if_match, current.version)?;
    let name = patch
        .name
        .map(|n| n.trim().to_owned())
        .unwrap_or_else(|| current.name.clone());
    let name_en = patch
        .name_en
        .map(|n| n.trim().to_owned())
        .unwrap_or_else(|| current.name_en.clone());
    let kind = patch.kind.unwrap_or(current.kind);
    let changes = Changes::new()
        .diff("name", &current.name, &name)
        .diff("name_en", &current.name_en, &name_en)
        .diff("kind", &current.kind, &kind);
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let set = UnitChanges {
        name: Some(name),
        name_en: Some(name_en),
        kind: Some(kind.as_str().to_owned()),
    };
    let unit = db::unit::update(conn, id, current.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(
        unit,
        AuditEvent::new("update", RecordKind::Unit, id.get(), changes),
    ))
}

/// How many records a merge moved, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Moved {
    pub users: usize,
    pub delegations: usize,
    pub interviews: usize,
    pub subscriptions: usize,
}

/// A merge done: the merged unit (now marked), the unit it went into, and
/// what moved.
#[derive(Debug, Clone)]
pub struct Merge {
    pub unit: Unit,
    pub into: Unit,
    pub moved: Moved,
}

/// Merges unit `id` into unit `into` (administrator), as the province
/// merges its departments: the unit's users, the delegations it hosts, the
/// interviews it organises and the subscriptions that follow it move to
/// `into`; the unit is kept (history keeps its name), marked merged, and
/// can no longer be chosen. Moved users sign in again (their unit changed).
///
/// The audit: one `merge` entry on the merged unit naming where it went
/// and how many records moved, and an `update` entry on each moved record
/// with its unit's change, as any change of its unit shows.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn merge(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitId,
    into: UnitId,
) -> ApiResult<Audited<Merge>> {
    require_manager(caller, "merge units")?;
    // Both rows locked, in id order, so that two merges at once queue.
    for unit in [id.get().min(into.get()), id.get().max(into.get())] {
        db::unit::lock(conn, UnitId(unit))?;
    }
    let unit = find(conn, id)?;
    if id == into {
        return Err(ApiError::invalid("into", "cannot merge a unit into itself"));
    }
    if unit.merged_into.is_some() {
        return Err(ApiError::conflict(
            "this unit was merged into another already",
        ));
    }
    require_open(conn, "into", into)?;
    let target = find(conn, into)?;
    let held = db::unit::holdings(conn, id)?;
    let merged = db::unit::merge(conn, id, unit.version, into, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: unit.version,
        },
    )?;
    let moved = Moved {
        users: held.users.len(),
        delegations: held.delegations.len(),
        interviews: held.interviews.len(),
        subscriptions: held.subscriptions.len(),
    };
    let changes = Changes::new()
        .diff("merged_into", &None, &Some(into))
        .set("users_moved", moved.users)
        .set("delegations_moved", moved.delegations)
        .set("interviews_moved", moved.interviews)
        .set("subscriptions_moved", moved.subscriptions);
    let mut audited = Audited::new(
        Merge {
            unit: merged,
            into: target,
            moved,
        },
        AuditEvent::new("merge", RecordKind::Unit, id.get(), changes),
    );
    let moves = [
        (
            RecordKind::User,
            "unit_id",
            held.users.iter().map(|u| u.0).collect(),
        ),
        (RecordKind::Delegation, "host_unit_id", held.delegations),
        (RecordKind::Interview, "organizing_unit_id", held.interviews),
        (
            RecordKind::CalendarSubscription,
            "unit_id",
            held.subscriptions,
        ),
    ];
    for (kind, field, ids) in moves {
        let ids: Vec<i64> = ids;
        for record in ids {
            let changes = Changes::new().diff(field, &id, &into);
            // Its own action, so that the record's history says the unit
            // was merged rather than that someone edited the record.
            audited = audited.and(AuditEvent::new("moved_by_merge", kind, record, changes));
        }
    }
    Ok(audited)
}
