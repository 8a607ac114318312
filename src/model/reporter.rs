//! Foreign reporters: who may see and change them, and each change as one
//! operation with its audit entry.

mod requests;
pub use requests::{ReporterInput, ReporterPatch, code};

// The request types' attributes name `super::input::…`.
use super::input;
use crate::db::reporter::ReporterFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::expiry::TravelDocuments;
use crate::domain::ids::ReporterId;
use crate::domain::pagination::Limit;
use crate::domain::press::{self, Accreditation, Interview, Reporter};
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

/// 404 for those who do not see the press side (host units), as if it did not exist.
pub fn require_press(caller: Caller) -> ApiResult<()> {
    if press::visible_to(caller.role) {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// 403 unless the caller writes the accreditation side (Sở Ngoại vụ).
pub fn require_foreign_affairs(caller: Caller, what: &str) -> ApiResult<()> {
    require_role(caller, press::writes_accreditations, what)
}

/// 403 unless `allowed` lets the caller's role `what` (on the press side,
/// each kind of record has its writers).
pub(super) fn require_role(
    caller: Caller,
    allowed: fn(crate::domain::role::Role) -> bool,
    what: &str,
) -> ApiResult<()> {
    super::require(caller, allowed(caller.role), what)
}

/// The reporters' search as the API's list takes it: words in the name,
/// outlet or press card number (case and diacritics aside), nationality,
/// the outlet's country.
pub fn filter(
    q: Option<&str>,
    nationality: Option<&str>,
    outlet_country: Option<&str>,
) -> ApiResult<db::reporter::Filter> {
    Ok(db::reporter::Filter {
        words: q
            .map(crate::domain::text::fold)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        nationality: nationality.map(|c| code(c, "nationality")).transpose()?,
        outlet_country: outlet_country
            .map(|c| code(c, "outlet_country"))
            .transpose()?,
    })
}

/// The reporters `ids` (those that exist), for a caller who sees the press side.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn many(
    conn: &mut AnyConnection,
    caller: Caller,
    ids: &[ReporterId],
) -> ApiResult<Vec<Reporter>> {
    require_press(caller)?;
    db::reporter::find_many(conn, ids)
}

/// A page of the reporters matching `filter`.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    filter: &db::reporter::Filter,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<Reporter>> {
    require_press(caller)?;
    db::reporter::list(conn, filter, after, limit)
}

/// A reporter with the accreditations and interviews it appears in.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn page(
    conn: &mut AnyConnection,
    caller: Caller,
    id: ReporterId,
) -> ApiResult<(Reporter, Vec<Accreditation>, Vec<Interview>)> {
    require_press(caller)?;
    let reporter = db::reporter::find(conn, id)?.ok_or(ApiError::NotFound)?;
    let filter = db::accreditation::Filter {
        reporter_id: Some(id),
        ..Default::default()
    };
    let max = Limit::parse(Some(500)).map_err(ApiError::internal)?;
    let accreditations = db::accreditation::list(conn, &filter, None, max)?;
    let interviews = db::interview::for_reporter(conn, id)?;
    Ok((reporter, accreditations, interviews))
}

/// Registers a foreign reporter (Sở Ngoại vụ).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: ReporterInput,
) -> ApiResult<Audited<Reporter>> {
    require_press(caller)?;
    require_foreign_affairs(caller, "register reporters")?;
    let docs = input.documents();
    let fields = input.fields()?;
    let (reporter, mut entry) = insert(conn, &fields)?;
    db::reporter::set_documents(conn, reporter.id, &docs)?;
    let changes = super::member::documents_snapshot(crate::domain::audit::Changes::new(), &docs);
    if let (Some(all), Some(more)) = (
        entry.changes.as_object_mut(),
        changes.into_value().as_object(),
    ) {
        all.extend(more.clone());
    }
    Ok(Audited::new(reporter, entry))
}

/// Changes a reporter (Sở Ngoại vụ).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: ReporterId,
    if_match: Option<i64>,
    p: ReporterPatch,
) -> ApiResult<Audited<Reporter>> {
    require_press(caller)?;
    require_foreign_affairs(caller, "change reporters")?;
    // Locked first: a PATCH without If-Match waits for one in flight
    // instead of failing the version check in `update` with a 412.
    db::reporter::lock(conn, id)?;
    let current = db::reporter::find(conn, id)?.ok_or(ApiError::NotFound)?;
    db::check_version(if_match, current.version)?;
    let old = ReporterFields::from(&current);
    let old_docs = db::reporter::documents(conn, id)?;
    let input = ReporterInput {
        full_name: p.full_name.unwrap_or_else(|| old.full_name.clone()),
        nationality: p.nationality.unwrap_or_else(|| old.nationality.clone()),
        passport_number: p.passport_number.or_else(|| old.passport_number.clone()),
        outlet: p.outlet.unwrap_or_else(|| old.outlet.clone()),
        outlet_country: p
            .outlet_country
            .unwrap_or_else(|| old.outlet_country.clone()),
        position: p.position.unwrap_or_else(|| old.position.clone()),
        press_card_number: p
            .press_card_number
            .or_else(|| old.press_card_number.clone()),
        email: p.email.or_else(|| old.email.clone()),
        phone: p.phone.or_else(|| old.phone.clone()),
        passport_expiry: p.passport_expiry.or(old_docs.passport_expiry),
        visa_type: p.visa_type.or(old_docs.visa_type),
        visa_number: p.visa_number.or_else(|| old_docs.visa_number.clone()),
        visa_end: p.visa_end.or(old_docs.visa_end),
        press_card_end: p.press_card_end.or(old_docs.press_card_end),
    };
    let docs = input.documents();
    let fields = input.fields()?;
    let mut changes = Changes::between(&old, &fields);
    if let Some(more) = Changes::between(&old_docs, &docs).into_value().as_object() {
        for (field, change) in more {
            changes = changes.set(field, change);
        }
    }
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let reporter = db::reporter::update(conn, &current, &fields, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    db::reporter::set_documents(conn, reporter.id, &docs)?;
    Ok(Audited::new(
        reporter,
        AuditEvent::new("update", RecordKind::Reporter, id.get(), changes),
    ))
}

pub(crate) fn insert(
    conn: &mut AnyConnection,
    fields: &ReporterFields,
) -> ApiResult<(Reporter, AuditEvent)> {
    let reporter = db::reporter::insert(conn, fields, db::now())?;
    let mut changes = Changes::new()
        .set("full_name", &fields.full_name)
        .set("nationality", &fields.nationality)
        .set("outlet", &fields.outlet)
        .set("outlet_country", &fields.outlet_country)
        .set("position", &fields.position);
    for (key, value) in [
        ("passport_number", &fields.passport_number),
        ("press_card_number", &fields.press_card_number),
        ("email", &fields.email),
        ("phone", &fields.phone),
    ] {
        if let Some(value) = value {
            changes = changes.set(key, value);
        }
    }
    let entry = AuditEvent::new("create", RecordKind::Reporter, reporter.id.get(), changes);
    Ok((reporter, entry))
}

/// A reporter's travel documents, for a caller who sees the press side
/// (the views show them to roles that see personal data only).
pub fn documents(
    conn: &mut AnyConnection,
    caller: Caller,
    id: ReporterId,
) -> ApiResult<TravelDocuments> {
    require_press(caller)?;
    db::reporter::documents(conn, id)
}

/// Every reporter named must exist.
pub(super) fn check_reporters(
    conn: &mut AnyConnection,
    ids: &[ReporterId],
) -> ApiResult<Vec<Reporter>> {
    let found = db::reporter::find_many(conn, ids)?;
    if found.len() != ids.len() {
        return Err(ApiError::invalid(
            "reporter_ids",
            "names a reporter that does not exist",
        ));
    }
    Ok(found)
}
