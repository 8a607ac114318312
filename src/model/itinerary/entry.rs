//! What planning or changing an itinerary item and a press activity share:
//! the request (`EntryInput`, a PATCH's `EntryChange`), read once into an
//! `EntryPlan` — its times in its own zone and within its record's dates,
//! its text trimmed. Which record it hangs on, who may change it and what
//! the audit calls the change stay with each record's operations.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::ItemPatch;
use crate::domain::itinerary::{self, EntryPlan, ItemKind, ItemStatus, Place};
use crate::domain::press::ActivityKind;
use crate::domain::text::parse_zone;
use crate::domain::time::PROVINCE_TZ;
use crate::error::{ApiError, ApiResult};
use crate::model::accreditation::ActivityPatch;
use crate::model::input::trimmed;

/// A place as a request gives it.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PlaceInput)]
pub struct PlaceView {
    #[validate(
        length(min = 1, max = 300),
        custom(function = "crate::model::input::not_blank")
    )]
    #[schema(
        min_length = 1,
        max_length = 300,
        example = "Nhà máy Thủy điện Hòa Bình"
    )]
    pub name: String,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub address: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200, example = "TP. Hòa Bình")]
    pub district: Option<String>,
}

/// A new scheduled entry (an itinerary item, or a press activity) and its
/// kind of activity. Where an accreditation lists places, `place.name`
/// must be one of them (case and diacritics aside).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryInput<K> {
    /// `2026-12-01T09:00` in `time_zone`, or RFC 3339 with an offset.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "2026-12-01T09:00")]
    pub starts_at: String,
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "2026-12-01T11:00")]
    pub ends_at: String,
    /// IANA zone; default `Asia/Ho_Chi_Minh` (an outgoing delegation's entries abroad keep their own).
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "Asia/Ho_Chi_Minh")]
    pub time_zone: Option<String>,
    pub kind: K,
    #[validate(
        length(min = 1, max = 500),
        custom(function = "crate::model::input::not_blank")
    )]
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[validate(nested)]
    pub place: PlaceView,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub participants: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub escort_officer: Option<String>,
}

/// What a PATCH of either record may change; absent fields stay. (The two
/// bodies stay two types: their documented words and bounds differ, and
/// an item takes its status in the patch, an activity by its `cancel`
/// action.)
#[derive(Debug, Default)]
pub struct EntryChange<K> {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub time_zone: Option<String>,
    pub kind: Option<K>,
    pub title: Option<String>,
    pub place: Option<PlaceView>,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
}

/// Each PATCH body's change: the fields of the same names.
macro_rules! change_of {
    ($($patch:ty => $kind:ty),* $(,)?) => {$(
        impl From<$patch> for EntryChange<$kind> {
            fn from(p: $patch) -> Self {
                Self {
                    starts_at: p.starts_at,
                    ends_at: p.ends_at,
                    time_zone: p.time_zone,
                    kind: p.kind,
                    title: p.title,
                    place: p.place,
                    participants: p.participants,
                    escort_officer: p.escort_officer,
                }
            }
        }
    )*};
}

change_of!(ItemPatch => ItemKind, ActivityPatch => ActivityKind);

/// A new entry as `input` plans it: in the zone given (the province's if
/// none), within `first..=last` as dates in that zone (422 naming the
/// field), planned.
pub fn planned<K>(
    input: EntryInput<K>,
    first: NaiveDate,
    last: NaiveDate,
) -> ApiResult<EntryPlan<K>> {
    let zone = zone(input.time_zone.as_deref())?;
    let draft = Draft {
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        zone,
    };
    let (starts_at, ends_at) = draft.within(first, last)?;
    Ok(EntryPlan {
        starts_at,
        ends_at,
        time_zone: zone,
        kind: input.kind,
        title: input.title.trim().to_owned(),
        place: place(input.place),
        participants: trimmed(input.participants),
        escort_officer: trimmed(input.escort_officer),
        status: ItemStatus::Planned,
    })
}

/// `current` with `change` applied; the result must hold as a new entry
/// would — within `first..=last` in its zone, a title and a place name
/// that are not blank (422 naming the field). Its status stays.
pub fn changed<K: Copy>(
    current: EntryPlan<K>,
    change: impl Into<EntryChange<K>>,
    first: NaiveDate,
    last: NaiveDate,
) -> ApiResult<EntryPlan<K>> {
    let change = change.into();
    let zone = match change.time_zone.as_deref() {
        Some(z) => zone(Some(z))?,
        None => current.time_zone,
    };
    // A time not given stays the same instant, written with its offset.
    let kept = |t: DateTime<Utc>| t.with_timezone(&current.time_zone).to_rfc3339();
    let draft = Draft {
        starts_at: change.starts_at.unwrap_or_else(|| kept(current.starts_at)),
        ends_at: change.ends_at.unwrap_or_else(|| kept(current.ends_at)),
        zone,
    };
    let (starts_at, ends_at) = draft.within(first, last)?;
    let title = match change.title {
        Some(t) if t.trim().is_empty() => {
            return Err(ApiError::invalid("title", "must not be blank"));
        }
        Some(t) => t.trim().to_owned(),
        None => current.title,
    };
    let given = change.place.unwrap_or(PlaceView {
        name: current.place.name,
        address: current.place.address,
        district: current.place.district,
    });
    if given.name.trim().is_empty() {
        return Err(ApiError::invalid("place.name", "must not be blank"));
    }
    // Given empty, cleared; not given, kept.
    let text = |given: Option<String>, now: Option<String>| given.map_or(now, |t| trimmed(Some(t)));
    Ok(EntryPlan {
        starts_at,
        ends_at,
        time_zone: zone,
        kind: change.kind.unwrap_or(current.kind),
        title,
        place: place(given),
        participants: text(change.participants, current.participants),
        escort_officer: text(change.escort_officer, current.escort_officer),
        status: current.status,
    })
}

/// A place as given, trimmed (blank address or district: none).
fn place(p: PlaceView) -> Place {
    Place {
        name: p.name.trim().to_owned(),
        address: trimmed(p.address),
        district: trimmed(p.district),
    }
}

/// A scheduled entry's times as given: read in its zone, and checked to
/// lie within its record's dates.
#[derive(Debug)]
struct Draft {
    starts_at: String,
    ends_at: String,
    zone: Tz,
}

impl Draft {
    fn within(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
        let starts = itinerary::parse_time(&self.starts_at, self.zone)
            .map_err(|m| ApiError::invalid("starts_at", m))?;
        let ends = itinerary::parse_time(&self.ends_at, self.zone)
            .map_err(|m| ApiError::invalid("ends_at", m))?;
        itinerary::check_span(starts, ends, self.zone, first, last)
            .map_err(|(field, message)| ApiError::invalid(field, message))?;
        Ok((starts, ends))
    }
}

/// The zone a scheduled entry is planned in: the one given, or the province's.
pub fn zone(raw: Option<&str>) -> ApiResult<Tz> {
    raw.map(|z| parse_zone(z).map_err(|m| ApiError::invalid("time_zone", m)))
        .transpose()
        .map(|z| z.unwrap_or(PROVINCE_TZ))
}
