//! What `itinerary_items` and `press_activities` share: the columns of a
//! timed entry, read into its record and written from its plan the same way
//! for both tables. Each table keeps its own row, parent and queries
//! (`db::itinerary`, `db::accreditation::press_activities`); these name the
//! shared columns once.

use std::fmt::Display;
use std::str::FromStr;

use chrono_tz::Tz;

use crate::error::{ApiError, ApiResult};

/// A stored time zone; one the zone database no longer knows is a corrupt
/// row (500, logged naming `row`).
pub(crate) fn stored_zone(raw: &str, row: impl Display) -> ApiResult<Tz> {
    Tz::from_str(raw).map_err(|_| ApiError::internal(format_args!("{row} has a bad time zone")))
}

/// `$record { <its own fields>, <the entry's columns of $row> }`: a record
/// built from its row, the shared columns moved over the same way for both
/// tables (times as UTC, the place's three columns as one `Place`).
macro_rules! entry_record_ {
    ($record:ident { $($own:ident $(: $value:expr)?),* $(,)? } from $row:ident) => {
        $record {
            $($own $(: $value)?,)*
            starts_at: $row.starts_at.and_utc(),
            ends_at: $row.ends_at.and_utc(),
            kind: $row.kind,
            title: $row.title,
            place: $crate::domain::itinerary::Place {
                name: $row.place_name,
                address: $row.place_address,
                district: $row.place_district,
            },
            participants: $row.participants,
            escort_officer: $row.escort_officer,
            status: $row.status,
            created_at: $row.created_at.and_utc(),
            updated_at: $row.updated_at.and_utc(),
            version: $row.version,
        }
    };
}

/// `$fields { <its own columns>, <the columns of the EntryPlan $plan> }`: a
/// table's fields to write, the shared columns as both tables store them
/// (times as naive UTC, zone, kind and status by name).
macro_rules! entry_fields_ {
    ($fields:ident { $($own:ident $(: $value:expr)?),* $(,)? } from $plan:expr) => {{
        let plan: $crate::domain::itinerary::EntryPlan<_> = $plan;
        $fields {
            $($own $(: $value)?,)*
            starts_at: plan.starts_at.naive_utc(),
            ends_at: plan.ends_at.naive_utc(),
            time_zone: plan.time_zone.name().to_owned(),
            kind: plan.kind.as_str().to_owned(),
            title: plan.title,
            place_name: plan.place.name,
            place_address: plan.place.address,
            place_district: plan.place.district,
            participants: plan.participants,
            escort_officer: plan.escort_officer,
            status: plan.status.as_str().to_owned(),
        }
    }};
}

pub(crate) use entry_fields_ as entry_fields;
pub(crate) use entry_record_ as entry_record;
