//! The demo's story told through the same operations the API uses
//! (`crate::model`): the demo only says who acts; refusals are bugs in the demo.

use super::delegations::Cast;
use crate::db::itinerary::ItemFields;
use crate::db::member::MemberFields;
use crate::db::{self, AnyConnection};
use crate::domain::audit::AuditEvent;
use crate::domain::delegation::{Delegation, DelegationAction as A, TransitionInput};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::ItemStatus;
use crate::domain::review::SecurityReview;
use crate::domain::role::Role;
use crate::domain::workflow::Subject;
use crate::error::{ApiError, ApiResult};
use crate::model::delegation as ops;

fn load(conn: &mut AnyConnection, id: DelegationId) -> ApiResult<Delegation> {
    db::delegation::find(conn, id)?
        .ok_or_else(|| ApiError::internal(format_args!("demo delegation {id} is missing")))
}

fn refused(d: &Delegation, what: &str, e: ApiError) -> ApiError {
    ApiError::internal(format_args!(
        "demo {}: {what} was refused: {e:?}",
        d.reference
    ))
}

pub(super) fn add_member(
    conn: &mut AnyConnection,
    id: DelegationId,
    f: &MemberFields,
) -> ApiResult<AuditEvent> {
    let d = load(conn, id)?;
    Ok(ops::add_member(conn, &d, f)?.1)
}

pub(super) fn add_item(
    conn: &mut AnyConnection,
    id: DelegationId,
    fields: &ItemFields,
) -> ApiResult<(ItineraryItemId, AuditEvent)> {
    let d = load(conn, id)?;
    let (item, entry) = ops::add_item(conn, &d, fields)?;
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
    let d = load(conn, id)?;
    let subject = Subject {
        role: actor_role(action),
        owns: true,
    };
    ops::transition(
        conn,
        &d,
        action,
        input,
        subject,
        cast.decided_by,
        cast.today,
    )
    .map(|(_, entry)| entry)
    .map_err(|e| refused(&d, action.as_str(), e))
}

pub(super) fn review_delegation(
    conn: &mut AnyConnection,
    id: DelegationId,
    review: &SecurityReview,
) -> ApiResult<AuditEvent> {
    let d = load(conn, id)?;
    Ok(ops::review(conn, &d, review)?.1)
}

/// As `PATCH …/itinerary/{item_id}` with `{"status": "cancelled"}`.
pub(super) fn cancel_item(
    conn: &mut AnyConnection,
    id: DelegationId,
    item_id: ItineraryItemId,
) -> ApiResult<AuditEvent> {
    let d = load(conn, id)?;
    let item = db::itinerary::find(conn, id, item_id)?
        .ok_or_else(|| ApiError::internal("demo item is missing"))?;
    let fields = ItemFields {
        status: ItemStatus::Cancelled.as_str().to_owned(),
        ..ItemFields::from(&item)
    };
    ops::update_item(conn, &d, &item, &fields)?
        .map(|(_, entry)| entry)
        .ok_or_else(|| {
            refused(
                &d,
                "cancelling an item",
                ApiError::conflict("already cancelled"),
            )
        })
}
