//! Foreign reporters: who may see and change them, and each change as one
//! operation with its audit entry.

use crate::db::reporter::ReporterFields;
use crate::db::{self, AnyConnection};
use crate::domain::audit::{AuditEvent, Changes, RecordKind};
use crate::domain::ids::ReporterId;
use crate::domain::press::Reporter;
use crate::error::{ApiError, ApiResult};

pub fn create_reporter(
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
