//! The demo's story told through the same operations the API uses
//! (`crate::model`): the demo only says who acts; refusals are bugs in the demo.

use super::delegations::Cast;
use crate::db::itinerary::ItemFields;
use crate::db::member::MemberFields;
use crate::db::{AnyConnection, Audited};
use crate::domain::audit::AuditEvent;
use crate::domain::delegation::{DelegationAction as A, TransitionInput};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::ItemStatus;
use crate::domain::review::SecurityReview;
use crate::domain::role::{Caller, Role};
use crate::error::{ApiError, ApiResult};
use crate::model;
use crate::model::itinerary::ItemPatch;

/// The one entry a step of the story leaves, or why it did not.
fn one<T>(
    id: DelegationId,
    what: &str,
    result: ApiResult<Audited<T>>,
) -> ApiResult<(T, AuditEvent)> {
    let refused = |why: String| {
        ApiError::internal(format_args!(
            "demo delegation {id}: {what} was refused: {why}"
        ))
    };
    let (value, events) = result.map_err(|e| refused(format!("{e:?}")))?.into_parts();
    match <[AuditEvent; 1]>::try_from(events) {
        Ok([event]) => Ok((value, event)),
        Err(events) => Err(refused(format!("it left {} audit entries", events.len()))),
    }
}

/// The demo user of `role` acting on delegation `id`: as the host unit, its own.
fn caller(
    conn: &mut AnyConnection,
    cast: &Cast,
    role: Role,
    id: DelegationId,
) -> ApiResult<Caller> {
    let host = crate::db::delegation::find(conn, id)?
        .ok_or_else(|| ApiError::internal(format_args!("demo delegation {id} is missing")))?
        .host_unit_id;
    cast.caller(role, host)
}

pub(super) fn add_member(
    conn: &mut AnyConnection,
    id: DelegationId,
    f: &MemberFields,
    cast: &Cast,
) -> ApiResult<AuditEvent> {
    let by = caller(conn, cast, Role::HostUnit, id)?;
    Ok(one(id, "adding a member", model::member::add(conn, by, id, f))?.1)
}

pub(super) fn add_item(
    conn: &mut AnyConnection,
    id: DelegationId,
    fields: &ItemFields,
    cast: &Cast,
) -> ApiResult<(ItineraryItemId, AuditEvent)> {
    let by = caller(conn, cast, Role::HostUnit, id)?;
    let d = model::itinerary::editable(conn, by, id)?;
    let (item, entry) = model::itinerary::insert(conn, &d, fields)?;
    Ok((item.id, entry))
}

/// Who takes each action in the demo's story (the workflow table is asked).
fn actor_role(action: A) -> Role {
    match action {
        A::Submit | A::Report => Role::HostUnit,
        A::Approve | A::Reject => Role::ProvincialOffice,
        A::Return | A::Appraise | A::Complete | A::Cancel => Role::ForeignAffairs,
    }
}

pub(super) fn transition(
    conn: &mut AnyConnection,
    id: DelegationId,
    action: A,
    input: TransitionInput,
    cast: &Cast,
) -> ApiResult<AuditEvent> {
    let by = caller(conn, cast, actor_role(action), id)?;
    let result = model::delegation::transition(conn, by, id, action, input, cast.today);
    Ok(one(id, action.as_str(), result)?.1)
}

pub(super) fn review_delegation(
    conn: &mut AnyConnection,
    id: DelegationId,
    review: &SecurityReview,
    cast: &Cast,
) -> ApiResult<AuditEvent> {
    let by = caller(conn, cast, Role::Police, id)?;
    let result = model::delegation::review(conn, by, id, review);
    Ok(one(id, "the security review", result)?.1)
}

/// As `PATCH …/itinerary/{item_id}` with `{"status": "cancelled"}`, by Sở Ngoại vụ.
pub(super) fn cancel_item(
    conn: &mut AnyConnection,
    id: DelegationId,
    item_id: ItineraryItemId,
    cast: &Cast,
) -> ApiResult<AuditEvent> {
    let by = caller(conn, cast, Role::ForeignAffairs, id)?;
    let patch = ItemPatch {
        status: Some(ItemStatus::Cancelled),
        ..ItemPatch::default()
    };
    let result = model::itinerary::update(conn, by, id, item_id, None, patch);
    Ok(one(id, "cancelling an item", result)?.1)
}
