//! A delegation: who sees it, and each change to it as one operation that
//! decides (visibility → permission → state → version → rules), writes and
//! returns its audit entry. The JSON routes and the demo call these; a
//! console page will too.

mod requests;
mod search;
mod workflow;
pub use requests::{CreateDelegation, TransitionRequest, UpdateDelegation};
pub use search::{Search, history, list};
pub use workflow::{review, transition};

use chrono::NaiveDate;

// The children name `super::input::…` (in serde attributes too).
use super::input;
use crate::db::delegation::NewDelegation;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::delegation::{self as rules, Delegation, DelegationStatus, EditVerdict};
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::role::Caller;
use crate::domain::text::CountryCode;
use crate::domain::unit::Unit;
use crate::error::{ApiError, ApiResult};

/// The codes as stored: upper case, each once, in the order given.
fn countries(codes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in codes.iter().filter_map(|c| CountryCode::parse(c).ok()) {
        if !out.iter().any(|c| c == code.as_str()) {
            out.push(code.as_str().to_owned());
        }
    }
    out
}

fn check_span(start: NaiveDate, end: NaiveDate) -> ApiResult<()> {
    if end < start {
        return Err(ApiError::invalid(
            "end_date",
            "must not be before start_date",
        ));
    }
    Ok(())
}

/// The fields a PATCH may change, as one value, so that a change is the
/// difference between two of them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Editable {
    title: String,
    purpose: String,
    partner_organization: String,
    countries: Vec<String>,
    host_unit_id: UnitId,
    head_of_delegation: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
}

impl Editable {
    fn of(d: &Delegation) -> Self {
        Self {
            title: d.title.clone(),
            purpose: d.purpose.clone(),
            partner_organization: d.partner_organization.clone(),
            countries: d.countries.clone(),
            host_unit_id: d.host_unit_id,
            head_of_delegation: d.head_of_delegation.clone(),
            start_date: d.start_date,
            end_date: d.end_date,
        }
    }

    /// These fields after `patch`: text trimmed, countries as stored.
    fn apply(self, patch: UpdateDelegation) -> Self {
        let text = |new: Option<String>, old: String| new.map_or(old, |t| t.trim().to_owned());
        Self {
            title: text(patch.title, self.title),
            purpose: text(patch.purpose, self.purpose),
            partner_organization: text(patch.partner_organization, self.partner_organization),
            countries: patch.countries.map_or(self.countries, |c| countries(&c)),
            host_unit_id: patch.host_unit_id.unwrap_or(self.host_unit_id),
            head_of_delegation: text(patch.head_of_delegation, self.head_of_delegation),
            start_date: patch.start_date.unwrap_or(self.start_date),
            end_date: patch.end_date.unwrap_or(self.end_date),
        }
    }
}

pub(super) fn event(action: &'static str, d: &Delegation, changes: Changes) -> AuditEvent {
    AuditEvent::new(action, RecordKind::Delegation, d.id.get(), changes)
}

/// A change to a delegation's members, itinerary or review is a change to the
/// delegation: a new version, and for an approved itinerary the mark that the
/// police should look again.
pub(super) fn touch(conn: &mut AnyConnection, d: &Delegation, itinerary: bool) -> ApiResult<()> {
    db::delegation::touch(
        conn,
        d.id,
        db::now(),
        itinerary && d.status == DelegationStatus::Approved,
    )
}

/// Turns an edit verdict into 403 / 409.
pub(super) fn edit_allowed(verdict: EditVerdict, caller: Caller) -> ApiResult<()> {
    match verdict {
        EditVerdict::Allowed => Ok(()),
        EditVerdict::Forbidden => Err(ApiError::forbidden(format!(
            "the role `{}` may not change this delegation",
            caller.role
        ))),
        EditVerdict::Locked(why) => Err(ApiError::conflict(why)),
    }
}

/// The delegation `id` if `caller` may see it; 404 otherwise, exactly as for
/// one that does not exist.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn visible(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    db::delegation::find(conn, id)?
        .filter(|d| rules::visible_to(d.host_unit_id, caller.role, caller.unit))
        .ok_or(ApiError::NotFound)
}

/// [`visible`] for a change: the row is locked first, so that the change is
/// decided on the delegation as the previous change left it.
pub(super) fn for_change(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    db::delegation::lock(conn, id)?;
    visible(conn, caller, id)
}

/// The delegation for a change to itself or its members: visible, and open
/// to this caller in its state.
pub(super) fn editable(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    let d = for_change(conn, caller, id)?;
    edit_allowed(
        rules::may_edit(d.status, caller.facing(d.host_unit_id)),
        caller,
    )?;
    Ok(d)
}

/// What `caller` may do to `d` now: what a page offers (each operation
/// decides again when asked).
pub fn allowed(d: &Delegation, caller: Caller) -> rules::Allowed {
    rules::allowed(d.status, caller.facing(d.host_unit_id))
}

/// The units `caller` may register a delegation for (none: they may not
/// register any); never one merged into another.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn host_units(conn: &mut AnyConnection, caller: Caller) -> ApiResult<Vec<Unit>> {
    let mut units = super::unit::all(conn)?;
    // A unit merged into another takes no new records.
    units.retain(|u| u.merged_into.is_none() && rules::may_create(u.id, caller.role, caller.unit));
    Ok(units)
}

/// Registers a delegation as a draft (Sở Ngoại vụ for any unit, a host unit
/// for its own), numbered in its direction's series for the current year.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: CreateDelegation,
) -> ApiResult<Audited<Delegation>> {
    use chrono::Datelike;
    super::require(
        caller,
        rules::may_create(input.host_unit_id, caller.role, caller.unit),
        "register delegations for this unit",
    )?;
    check_span(input.start_date, input.end_date)?;
    let new = NewDelegation {
        direction: input.direction,
        title: input.title.trim().to_owned(),
        purpose: input.purpose.trim().to_owned(),
        partner_organization: input.partner_organization.trim().to_owned(),
        countries: countries(&input.countries),
        host_unit_id: input.host_unit_id,
        head_of_delegation: input.head_of_delegation.trim().to_owned(),
        start_date: input.start_date,
        end_date: input.end_date,
    };
    crate::model::unit::require_open(conn, "host_unit_id", new.host_unit_id)?;
    let now = db::now();
    let year = now.with_timezone(&crate::domain::time::PROVINCE_TZ).year();
    let reference = db::references::next(conn, new.direction.series(), year)?;
    let d = db::delegation::insert(conn, &new, &reference, Some(caller.id), now)?;
    let changes = Changes::new()
        .set("reference", &d.reference)
        .set("direction", d.direction)
        .set("title", &d.title)
        .set("partner_organization", &d.partner_organization)
        .set("countries", &d.countries)
        .set("host_unit_id", d.host_unit_id)
        .set("head_of_delegation", &d.head_of_delegation)
        .set("start_date", d.start_date)
        .set("end_date", d.end_date);
    let entry = event("create", &d, changes);
    Ok(Audited::new(d, entry))
}

/// Changes a delegation: the host unit while it is a draft, Sở Ngoại vụ
/// until it is approved. Moving its dates may not leave an itinerary item
/// outside them; a host unit cannot hand it to another unit.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    if_match: Option<i64>,
    patch: UpdateDelegation,
) -> ApiResult<Audited<Delegation>> {
    let current = editable(conn, caller, id)?;
    db::check_version(if_match, current.version)?;
    let old = Editable::of(&current);
    let new = old.clone().apply(patch);
    check_span(new.start_date, new.end_date)?;
    if new.host_unit_id != old.host_unit_id {
        if !rules::may_create(new.host_unit_id, caller.role, caller.unit) {
            return Err(ApiError::forbidden(
                "a host unit cannot hand a delegation to another unit",
            ));
        }
        crate::model::unit::require_open(conn, "host_unit_id", new.host_unit_id)?;
    }
    let (start, end) = (new.start_date, new.end_date);
    if (start, end) != (old.start_date, old.end_date) {
        let outside = db::itinerary::list(conn, current.id)?
            .into_iter()
            .filter(|item| {
                crate::domain::itinerary::check_span(
                    item.starts_at,
                    item.ends_at,
                    item.time_zone,
                    start,
                    end,
                )
                .is_err()
            })
            .count();
        if outside > 0 {
            return Err(ApiError::conflict(format!(
                "{outside} itinerary item(s) would lie outside {start} – {end}; move or delete them first"
            )));
        }
    }
    let changes = Changes::between(&old, &new);
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let set = db::delegation::Changes {
        countries: Some(db::delegation::encode_countries(&new.countries)),
        host_unit_id: Some(new.host_unit_id),
        title: Some(new.title),
        purpose: Some(new.purpose),
        partner_organization: Some(new.partner_organization),
        head_of_delegation: Some(new.head_of_delegation),
        start_date: Some(start),
        end_date: Some(end),
        ..Default::default()
    };
    let d = db::delegation::update(conn, current.id, current.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(d, event("update", &current, changes)))
}

/// Deletes a draft delegation with its members and itinerary.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn delete(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Audited<()>> {
    let d = editable(conn, caller, id)?;
    if !rules::deletable(d.status) {
        return Err(ApiError::conflict(
            "only a draft can be deleted; cancel it instead",
        ));
    }
    db::delegation::delete(conn, id)?;
    let changes = Changes::new()
        .set("reference", &d.reference)
        .set("title", &d.title);
    Ok(Audited::new((), event("delete", &d, changes)))
}
