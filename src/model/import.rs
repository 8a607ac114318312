//! Importing a delegation's itinerary from an iCalendar file: one operation
//! that adds or updates items, each with its audit entry.

use serde::Serialize;
use utoipa::ToSchema;

use super::itinerary::{editable, insert, rewrite};
use crate::db::itinerary::ItemFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::FieldError;
use crate::domain::ical_import::{Entry, ImportedEvent};
use crate::domain::ids::{DelegationId, ItineraryItemId};
use crate::domain::itinerary::{ItemKind, ItemStatus, ItineraryItem};
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new item.
    Imported,
    /// The item an earlier import made from this event, changed to match it.
    Updated,
    /// The item an earlier import made from this event, already matching it.
    Unchanged,
}

/// What became of one event of the file.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOutcome {
    /// Its place among the file's VEVENTs, from 0.
    pub index: usize,
    #[schema(required = true)]
    pub uid: Option<String>,
    pub outcome: ImportOutcome,
    pub item_id: ItineraryItemId,
}

/// An event that was not imported, and everything wrong with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RejectedEvent {
    #[schema(required = true)]
    pub uid: Option<String>,
    /// Its place among the file's VEVENTs, from 0.
    pub index: usize,
    /// By iCalendar property (`SUMMARY`, `LOCATION`, `DTSTART`, …).
    pub errors: Vec<FieldError>,
}

/// What an import did, event by event.
#[derive(Debug)]
pub struct ImportReport {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The items of the imported, updated and unchanged events, in the file's order.
    pub items: Vec<ItineraryItem>,
    /// What became of each of those events, in the same order as `items`.
    pub outcomes: Vec<EventOutcome>,
    pub rejected: Vec<RejectedEvent>,
}

/// Imports the events of a file read already into the itinerary of
/// delegation `id`, as the caller may add items: all or nothing, unless
/// `partial`, when the invalid events are reported instead. An event an
/// earlier import brought in (by its UID) updates its item.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn import(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    events: &[ImportedEvent],
    partial: bool,
) -> ApiResult<Audited<ImportReport>> {
    let d = &editable(conn, caller, id)?;
    let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
    for event in events {
        match event.check(d.start_date, d.end_date) {
            Ok(entry) => accepted.push((event, entry)),
            Err(errors) => rejected.push(RejectedEvent {
                uid: event.uid.clone(),
                index: event.index,
                errors,
            }),
        }
    }
    if !partial && !rejected.is_empty() {
        return Err(ApiError::Invalid(
            rejected
                .into_iter()
                .flat_map(|r| {
                    let uid = r.uid.map(|u| format!(" (UID {u})")).unwrap_or_default();
                    r.errors.into_iter().map(move |e| {
                        FieldError::new(
                            format!("events[{}].{}", r.index, e.field),
                            format!("{}{uid}", e.message),
                        )
                    })
                })
                .collect(),
        ));
    }

    let existing = db::itinerary::list(conn, d.id)?;
    let mut result = ImportReport {
        imported: 0,
        updated: 0,
        unchanged: 0,
        items: Vec::new(),
        outcomes: Vec::new(),
        rejected,
    };
    let mut entries = Vec::new();
    for (event, entry) in accepted {
        let note = Some(format!(
            "imported from an iCalendar file (event {})",
            event.uid.as_deref().unwrap_or(&event.key)
        ));
        let current = existing
            .iter()
            .find(|i| i.import_uid.as_deref() == Some(event.key.as_str()));
        let (item, outcome) = match current {
            None => {
                let (item, entry) = insert(conn, d, &new_fields(&event.key, &entry))?;
                entries.push(entry.with_note(note));
                (item, ImportOutcome::Imported)
            }
            Some(current) => match rewrite(conn, d, current, &changed_fields(current, &entry))? {
                Some((item, entry)) => {
                    entries.push(entry.with_note(note));
                    (item, ImportOutcome::Updated)
                }
                None => (current.clone(), ImportOutcome::Unchanged),
            },
        };
        match outcome {
            ImportOutcome::Imported => result.imported += 1,
            ImportOutcome::Updated => result.updated += 1,
            ImportOutcome::Unchanged => result.unchanged += 1,
        }
        result.outcomes.push(EventOutcome {
            index: event.index,
            uid: event.uid.clone(),
            outcome,
            item_id: item.id,
        });
        result.items.push(item);
    }
    Ok(entries
        .into_iter()
        .fold(Audited::unchanged(result), Audited::and))
}

fn status(entry: &Entry, otherwise: ItemStatus) -> String {
    if entry.cancelled {
        ItemStatus::Cancelled
    } else {
        otherwise
    }
    .as_str()
    .to_owned()
}

fn new_fields(key: &str, entry: &Entry) -> ItemFields {
    ItemFields {
        starts_at: entry.starts_at.naive_utc(),
        ends_at: entry.ends_at.naive_utc(),
        time_zone: entry.zone.name().to_owned(),
        kind: entry.kind.unwrap_or(ItemKind::Other).as_str().to_owned(),
        title: entry.title.clone(),
        place_name: entry.place.clone(),
        place_address: None,
        place_district: None,
        participants: entry.participants.clone(),
        escort_officer: None,
        status: status(entry, ItemStatus::Planned),
        import_uid: Some(key.to_owned()),
    }
}

/// An earlier import's item brought in line with the event: what the file
/// says replaces what it held; what the file does not say (address,
/// district, escort officer, a kind or participants it leaves out, a
/// status other than cancelled) stays as the province entered it.
fn changed_fields(current: &ItineraryItem, entry: &Entry) -> ItemFields {
    let mut fields = ItemFields::from(current);
    fields.starts_at = entry.starts_at.naive_utc();
    fields.ends_at = entry.ends_at.naive_utc();
    fields.time_zone = entry.zone.name().to_owned();
    fields.title = entry.title.clone();
    fields.place_name = entry.place.clone();
    if let Some(kind) = entry.kind {
        fields.kind = kind.as_str().to_owned();
    }
    if entry.participants.is_some() {
        fields.participants = entry.participants.clone();
    }
    fields.status = status(entry, current.status);
    fields
}
