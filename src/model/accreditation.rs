//! Accreditations of foreign reporters, their security review and their
//! press activities: each change as one operation with its audit entry.

mod activities;
mod requests;
mod workflow;
pub(crate) use activities::insert_activity;
pub use activities::{ActivityPatch, activities, cancel_activity, change_activity, plan};
use requests::checked;
pub use requests::{AccreditationInput, AccreditationPatch};
pub(crate) use workflow::{apply_action, store_review};
pub use workflow::{review, transition};

use chrono::NaiveDate;

// The request types' attributes name `super::input::…`.
use super::input;
use super::reporter::{require_foreign_affairs, require_press};
use crate::db::Audited;
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;

use super::reporter::check_reporters;
use super::year;
use crate::db::accreditation::{self as acc_db, StateChanges};
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::{AccreditationId, ReporterId, UserId};
use crate::domain::itinerary::{ItemStatus, check_span};
use crate::domain::press::{Accreditation, AccreditationStatus as S};
use crate::domain::reference::Series;
use crate::error::{ApiError, ApiResult};

/// The accreditation `id` for a caller who sees the press side; 404 otherwise.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn visible(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
) -> ApiResult<Accreditation> {
    require_press(caller)?;
    acc_db::find(conn, id)?.ok_or(ApiError::NotFound)
}

/// [`visible`] for a change: the row is locked first, so that the change is
/// decided on the record as the previous change left it.
fn for_change(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
) -> ApiResult<Accreditation> {
    require_press(caller)?;
    acc_db::lock(conn, id)?;
    visible(conn, caller, id)
}

/// A page of the accreditations matching `filter`.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    filter: &acc_db::Filter,
    after: Option<acc_db::Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Accreditation>> {
    require_press(caller)?;
    acc_db::list(conn, filter, after, limit)
}

/// The approved accreditations that cover `day` and name every one of
/// `reporters` (none given: every one covering the day), by reference: what
/// an interview on that day may name (`check_interview_accreditation`).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, day = %day))]
pub fn covering(
    conn: &mut AnyConnection,
    caller: Caller,
    day: NaiveDate,
    reporters: &[ReporterId],
) -> ApiResult<Vec<Accreditation>> {
    require_press(caller)?;
    let filter = acc_db::Filter {
        status: Some(S::Approved),
        from: Some(day),
        to: Some(day),
        ..Default::default()
    };
    let mut found: Vec<Accreditation> = acc_db::all(conn, &filter)?
        .into_iter()
        .filter(|a| a.covers(day) && reporters.iter().all(|r| a.reporter_ids.contains(r)))
        .collect();
    found.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(found)
}

/// Registers an accreditation (Sở Ngoại vụ); it starts as a draft.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: AccreditationInput,
) -> ApiResult<Audited<Accreditation>> {
    require_press(caller)?;
    require_foreign_affairs(caller, "register accreditations")?;
    let (fields, reporters) = checked(input)?;
    let (a, entry) = insert(conn, &fields, &reporters, Some(caller.id))?;
    Ok(Audited::new(a, entry))
}

/// Changes an accreditation while it is a draft or submitted (Sở Ngoại vụ).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
    if_match: Option<i64>,
    p: AccreditationPatch,
) -> ApiResult<Audited<Accreditation>> {
    let current = for_change(conn, caller, id)?;
    require_foreign_affairs(caller, "change accreditations")?;
    if !current.status.open_to_changes() {
        return Err(ApiError::conflict(
            "an accreditation changes only while it is a draft or submitted",
        ));
    }
    db::check_version(if_match, current.version)?;
    let input = AccreditationInput {
        reporter_ids: p
            .reporter_ids
            .unwrap_or_else(|| current.reporter_ids.clone()),
        topics: p.topics.unwrap_or_else(|| current.topics.clone()),
        permitted_places: p
            .permitted_places
            .unwrap_or_else(|| current.permitted_places.clone()),
        start_date: p.start_date.unwrap_or(current.start_date),
        end_date: p.end_date.unwrap_or(current.end_date),
        referral_number: p
            .referral_number
            .unwrap_or_else(|| current.referral_number.clone()),
        referral_date: p.referral_date.unwrap_or(current.referral_date),
        escort_officer: p.escort_officer.or_else(|| current.escort_officer.clone()),
    };
    let (fields, reporters) = checked(input)?;
    Ok(match rewrite(conn, &current, &fields, &reporters)? {
        Some((a, entry)) => Audited::new(a, entry),
        None => Audited::unchanged(current),
    })
}

/// Who did what to the accreditation, oldest first; the changes hide what
/// the caller's role may not see.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn history(
    conn: &mut AnyConnection,
    caller: Caller,
    id: AccreditationId,
) -> ApiResult<Vec<crate::domain::audit::AuditEntry>> {
    visible(conn, caller, id)?;
    let filter = db::audit::AuditFilter {
        record_kind: Some(RecordKind::Accreditation),
        record_id: Some(id.get()),
        ..Default::default()
    };
    let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut entries = db::audit::list(conn, &filter, None, max)?;
    entries.reverse();
    for e in &mut entries {
        crate::domain::audit::redact_changes(&mut e.changes, caller.role);
    }
    Ok(entries)
}

pub(crate) fn insert(
    conn: &mut AnyConnection,
    fields: &acc_db::Fields,
    reporters: &[ReporterId],
    by: Option<UserId>,
) -> ApiResult<(Accreditation, AuditEvent)> {
    check_reporters(conn, reporters)?;
    let reference = db::references::next(conn, Series::Accreditation, year())?;
    let a = acc_db::insert(conn, fields, reporters, &reference, by, db::now())?;
    let changes = Changes::new()
        .set("reference", &a.reference)
        .set("reporter_ids", &a.reporter_ids)
        .set("topics", &a.topics)
        .set("permitted_places", &a.permitted_places)
        .set("start_date", a.start_date)
        .set("end_date", a.end_date)
        .set("referral_number", &a.referral_number);
    let entry = AuditEvent::new("create", RecordKind::Accreditation, a.id.get(), changes);
    Ok((a, entry))
}

/// Changes an accreditation's fields (while draft or submitted); `None`
/// when nothing would change.
fn rewrite(
    conn: &mut AnyConnection,
    current: &Accreditation,
    fields: &acc_db::Fields,
    reporters: &[ReporterId],
) -> ApiResult<Option<(Accreditation, AuditEvent)>> {
    if !current.status.open_to_changes() {
        return Err(ApiError::conflict(
            "an accreditation changes only while it is a draft or submitted",
        ));
    }
    check_reporters(conn, reporters)?;
    let places: Vec<String> = serde_json::from_str(&fields.permitted_places).unwrap_or_default();
    let changes = Changes::new()
        .diff("reporter_ids", &current.reporter_ids, &reporters.to_vec())
        .diff("topics", &current.topics, &fields.topics)
        .diff("permitted_places", &current.permitted_places, &places)
        .diff("start_date", &current.start_date, &fields.start_date)
        .diff("end_date", &current.end_date, &fields.end_date)
        .diff(
            "referral_number",
            &current.referral_number,
            &fields.referral_number,
        )
        .diff(
            "referral_date",
            &current.referral_date,
            &fields.referral_date,
        )
        .diff(
            "escort_officer",
            &current.escort_officer,
            &fields.escort_officer,
        );
    if changes.is_empty() {
        return Ok(None);
    }
    // Its activities must still lie within its dates, at its places.
    let proposed = Accreditation {
        start_date: fields.start_date,
        end_date: fields.end_date,
        permitted_places: places.clone(),
        ..current.clone()
    };
    let stranded = acc_db::activities(conn, current.id)?
        .into_iter()
        .filter(|a| a.status != ItemStatus::Cancelled)
        .filter(|a| {
            check_span(
                a.starts_at,
                a.ends_at,
                a.time_zone,
                proposed.start_date,
                proposed.end_date,
            )
            .is_err()
                || !proposed.permits_place(&a.place.name)
        })
        .count();
    if stranded > 0 {
        return Err(ApiError::conflict(format!(
            "{stranded} activit(y/ies) would lie outside the new dates or permitted places; move or cancel them first"
        )));
    }
    if reporters != current.reporter_ids.as_slice() {
        acc_db::set_reporters(conn, current.id, reporters)?;
    }
    let now = db::now();
    let mut a = acc_db::update(
        conn,
        current.id,
        current.version,
        Some(fields),
        &StateChanges::default(),
        now,
    )?
    .ok_or(ApiError::PreconditionFailed {
        current: current.version,
    })?;
    // What the police reviewed changed: the review needs another look, and
    // approval waits for it.
    let changed = changes.clone().into_value();
    let reviewed_matter = ["reporter_ids", "start_date", "end_date", "permitted_places"];
    if current.review.reviewed_at.is_some()
        && reviewed_matter.iter().any(|k| changed.get(*k).is_some())
    {
        acc_db::mark_schedule_changed(conn, current.id, now)?;
        a = acc_db::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    }
    Ok(Some((
        a,
        AuditEvent::new(
            "update",
            RecordKind::Accreditation,
            current.id.get(),
            changes,
        ),
    )))
}
