//! What each change to a delegation writes, and its audit entry.

use chrono::NaiveDate;

use crate::db::itinerary::ItemFields;
use crate::db::member::MemberFields;
use crate::db::{self, AnyConnection};
use crate::domain::FieldError;
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::delegation::{
    self as rules, Delegation, DelegationAction, DelegationStatus, Facts, Member, TransitionInput,
    Unmet,
};
use crate::domain::ids::UserId;
use crate::domain::itinerary::{ItemStatus, ItineraryItem};
use crate::domain::review::SecurityReview;
use crate::domain::workflow::Subject;
use crate::error::{ApiError, ApiResult};

fn event(action: &'static str, d: &Delegation, changes: Changes) -> AuditEvent {
    AuditEvent::new(action, RecordKind::Delegation, d.id.get(), changes)
}

/// A change to a delegation's members, itinerary or review is a change to the
/// delegation: a new version, and for an approved itinerary the mark that the
/// police should look again.
fn touch(conn: &mut AnyConnection, d: &Delegation, itinerary: bool) -> ApiResult<()> {
    db::delegation::touch(
        conn,
        d.id,
        db::now(),
        itinerary && d.status == DelegationStatus::Approved,
    )
}

/// A new member's fields, for the audit trail.
fn snapshot(f: &MemberFields) -> Changes {
    let mut changes = Changes::new()
        .set("full_name", &f.full_name)
        .set("nationality", &f.nationality)
        .set("role", &f.role);
    for (key, value) in [
        ("gender", &f.gender),
        ("passport_number", &f.passport_number),
        ("organization", &f.organization),
        ("position", &f.position),
        ("email", &f.email),
        ("phone", &f.phone),
    ] {
        if let Some(value) = value {
            changes = changes.set(key, value);
        }
    }
    if let Some(born) = f.date_of_birth {
        changes = changes.set("date_of_birth", born);
    }
    changes
}

/// What changed between two sets of a member's fields.
fn member_diff(old: &MemberFields, new: &MemberFields) -> Changes {
    Changes::new()
        .diff("full_name", &old.full_name, &new.full_name)
        .diff("gender", &old.gender, &new.gender)
        .diff("date_of_birth", &old.date_of_birth, &new.date_of_birth)
        .diff("nationality", &old.nationality, &new.nationality)
        .diff(
            "passport_number",
            &old.passport_number,
            &new.passport_number,
        )
        .diff("organization", &old.organization, &new.organization)
        .diff("position", &old.position, &new.position)
        .diff("role", &old.role, &new.role)
        .diff("email", &old.email, &new.email)
        .diff("phone", &old.phone, &new.phone)
}

/// Registers a delegation as a draft, numbered in its direction's series for
/// the current year.
pub fn create(
    conn: &mut AnyConnection,
    new: &db::delegation::NewDelegation,
    by: Option<UserId>,
) -> ApiResult<(Delegation, AuditEvent)> {
    use chrono::Datelike;
    if !db::unit::exists(conn, new.host_unit_id)? {
        return Err(ApiError::invalid("host_unit_id", "no such unit"));
    }
    let now = db::now();
    let year = now.with_timezone(&crate::domain::time::PROVINCE_TZ).year();
    let reference = db::references::next(conn, new.direction.series(), year)?;
    let d = db::delegation::insert(conn, new, &reference, by, now)?;
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
    Ok((d, entry))
}

pub fn add_member(
    conn: &mut AnyConnection,
    d: &Delegation,
    fields: &MemberFields,
) -> ApiResult<(Member, AuditEvent)> {
    let member = db::member::insert(conn, d.id, fields, db::now())?;
    touch(conn, d, false)?;
    db::delegation::refresh_search(conn, d.id)?;
    let changes = snapshot(fields).set("member_id", member.id);
    Ok((member, event("add_member", d, changes)))
}

/// Changes a member; `None` when nothing would change.
pub fn update_member(
    conn: &mut AnyConnection,
    d: &Delegation,
    current: &Member,
    fields: &MemberFields,
) -> ApiResult<Option<(Member, AuditEvent)>> {
    let changes = member_diff(&MemberFields::from(current), fields);
    if changes.is_empty() {
        return Ok(None);
    }
    let member = db::member::update(conn, current, fields, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    touch(conn, d, false)?;
    db::delegation::refresh_search(conn, d.id)?;
    Ok(Some((
        member,
        event("update_member", d, changes.set("member_id", current.id)),
    )))
}

pub fn remove_member(
    conn: &mut AnyConnection,
    d: &Delegation,
    member: &Member,
) -> ApiResult<AuditEvent> {
    db::member::delete(conn, member.id)?;
    touch(conn, d, false)?;
    db::delegation::refresh_search(conn, d.id)?;
    let changes = Changes::new()
        .set("member_id", member.id)
        .set("full_name", &member.full_name);
    Ok(event("remove_member", d, changes))
}

pub fn add_item(
    conn: &mut AnyConnection,
    d: &Delegation,
    fields: &ItemFields,
) -> ApiResult<(ItineraryItem, AuditEvent)> {
    let item = db::itinerary::insert(conn, d.id, fields, db::now())?;
    touch(conn, d, true)?;
    let changes = Changes::new()
        .set("item_id", item.id)
        .set("starts_at", item.starts_at)
        .set("ends_at", item.ends_at)
        .set("time_zone", item.time_zone.name())
        .set("title", &item.title)
        .set("place_name", &item.place.name);
    Ok((item, event("add_item", d, changes)))
}

/// Changes an itinerary item (cancelling it is a change of status); `None`
/// when nothing would change.
pub fn update_item(
    conn: &mut AnyConnection,
    d: &Delegation,
    current: &ItineraryItem,
    fields: &ItemFields,
) -> ApiResult<Option<(ItineraryItem, AuditEvent)>> {
    let old = ItemFields::from(current);
    let changes = Changes::new()
        .diff("starts_at", &old.starts_at, &fields.starts_at)
        .diff("ends_at", &old.ends_at, &fields.ends_at)
        .diff("time_zone", &old.time_zone, &fields.time_zone)
        .diff("kind", &old.kind, &fields.kind)
        .diff("title", &old.title, &fields.title)
        .diff("place_name", &old.place_name, &fields.place_name)
        .diff("place_address", &old.place_address, &fields.place_address)
        .diff(
            "place_district",
            &old.place_district,
            &fields.place_district,
        )
        .diff("participants", &old.participants, &fields.participants)
        .diff(
            "escort_officer",
            &old.escort_officer,
            &fields.escort_officer,
        )
        .diff("status", &old.status, &fields.status);
    if changes.is_empty() {
        return Ok(None);
    }
    let item = db::itinerary::update(conn, current, fields, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    touch(conn, d, true)?;
    let cancelled = item.status == ItemStatus::Cancelled && current.status != ItemStatus::Cancelled;
    let action = if cancelled {
        "cancel_item"
    } else {
        "update_item"
    };
    Ok(Some((
        item,
        event(action, d, changes.set("item_id", current.id)),
    )))
}

pub fn remove_item(
    conn: &mut AnyConnection,
    d: &Delegation,
    item: &ItineraryItem,
) -> ApiResult<AuditEvent> {
    db::itinerary::delete(conn, item.id)?;
    touch(conn, d, true)?;
    let changes = Changes::new()
        .set("item_id", item.id)
        .set("title", &item.title)
        .set("starts_at", item.starts_at);
    Ok(event("remove_item", d, changes))
}

/// Takes a workflow action as `subject`: the table decides (403 / 409), the
/// action's needs are checked (422 / 409), and what it records is written.
/// `by` is recorded as who decided (approve, reject).
pub fn transition(
    conn: &mut AnyConnection,
    current: &Delegation,
    action: DelegationAction,
    input: TransitionInput,
    subject: Subject,
    by: Option<UserId>,
    today: NaiveDate,
) -> ApiResult<(Delegation, AuditEvent)> {
    let verdict = rules::decide_transition(action, current.status, subject);
    let to = super::go(verdict, action, subject.role, "delegation")?;
    let facts = Facts {
        members: db::member::count(conn, current.id)?,
        items: db::itinerary::count(conn, current.id)?,
        today,
    };
    rules::check_needs(action, current, &input, facts).map_err(|unmet| match unmet {
        Unmet::Missing(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(f, m)| FieldError::new(f, m))
                .collect(),
        ),
        Unmet::Condition(why) => ApiError::conflict(why),
    })?;

    let now = db::now();
    let mut set = db::delegation::Changes {
        status: Some(to.as_str().to_owned()),
        ..Default::default()
    };
    let mut changes = Changes::new().diff("status", &current.status, &to);
    match action {
        DelegationAction::Submit => set.returned_note = Some(None),
        DelegationAction::Return => set.returned_note = Some(input.note.clone()),
        DelegationAction::Appraise => {
            set.appraisal_recommendation =
                Some(input.recommendation.map(|r| r.as_str().to_owned()));
            set.appraisal_note = Some(input.note.clone());
            changes = changes.set("recommendation", input.recommendation);
        }
        DelegationAction::Approve | DelegationAction::Reject => {
            set.decision_number = Some(input.decision_number.clone());
            set.decision_date = Some(input.decision_date);
            set.decided_by = Some(by.map(UserId::get));
            changes = changes
                .set("decision_number", &input.decision_number)
                .set("decision_date", input.decision_date);
        }
        DelegationAction::Report => {
            set.report = Some(input.report.clone());
            set.report_submitted_at = Some(Some(now.naive_utc()));
            changes = changes.set("report", &input.report);
        }
        DelegationAction::Complete | DelegationAction::Cancel => {}
    }
    let d = db::delegation::update(conn, current.id, current.version, &set, now)?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    let entry = event(action.as_str(), current, changes).with_note(input.note);
    Ok((d, entry))
}

/// Records the police's security review of a delegation.
pub fn review(
    conn: &mut AnyConnection,
    current: &Delegation,
    new: &SecurityReview,
) -> ApiResult<(Delegation, AuditEvent)> {
    // The version first: its row lock orders two reviews at once.
    touch(conn, current, false)?;
    let changes = super::review::store(
        conn,
        db::delegation::KIND,
        current.id.get(),
        &current.review,
        new,
    )?;
    let d = db::delegation::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    Ok((d, event("security_review", current, changes)))
}
