//! Itinerary items: the scheduled entries of a delegation's programme, each
//! planned in its own time zone; and what a press activity shares with
//! them (`EntryPlan`, `Place`, `ItemStatus`).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::{DelegationId, ItineraryItemId};
use super::press::{ActivityKind, PressActivity};
use super::time::within_years;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Meeting,
    WorkingSession,
    SiteVisit,
    Signing,
    Meal,
    Travel,
    Other,
}
text_enum!(ItemKind {
    Meeting => "meeting", WorkingSession => "working_session", SiteVisit => "site_visit",
    Signing => "signing", Meal => "meal", Travel => "travel", Other => "other",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Planned,
    Cancelled,
    Done,
}
text_enum!(ItemStatus { Planned => "planned", Cancelled => "cancelled", Done => "done" });

/// Where an entry takes place; as answers carry it, `address` and
/// `district` always there, `null` when unknown (requests send a
/// `PlaceInput`, where they may be left out).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, ToSchema)]
pub struct Place {
    pub name: String,
    #[schema(required = true)]
    pub address: Option<String>,
    #[schema(required = true)]
    pub district: Option<String>,
}

impl Place {
    /// The place on one line: its name, address and district, those given.
    pub fn one_line(&self) -> String {
        [
            Some(self.name.as_str()),
            self.address.as_deref(),
            self.district.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItineraryItem {
    pub id: ItineraryItemId,
    pub delegation_id: DelegationId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub kind: ItemKind,
    pub title: String,
    pub place: Place,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
    pub status: ItemStatus,
    pub import_uid: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// What an itinerary item and a press activity both are, apart from their
/// ids, parent and bookkeeping: an entry of some kind, timed in its own
/// zone, at a place. A request is read into one (`model::itinerary::entry`)
/// and each table writes one (`db::itinerary::entry`), for either record.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryPlan<K> {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub kind: K,
    pub title: String,
    pub place: Place,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
    pub status: ItemStatus,
}

/// Each record's plan: the fields of the same names, taken as they are.
macro_rules! plan_of {
    ($($record:ty => $kind:ty),* $(,)?) => {$(
        impl From<&$record> for EntryPlan<$kind> {
            fn from(x: &$record) -> Self {
                Self {
                    starts_at: x.starts_at,
                    ends_at: x.ends_at,
                    time_zone: x.time_zone,
                    kind: x.kind,
                    title: x.title.clone(),
                    place: x.place.clone(),
                    participants: x.participants.clone(),
                    escort_officer: x.escort_officer.clone(),
                    status: x.status,
                }
            }
        }
    )*};
}

plan_of!(ItineraryItem => ItemKind, PressActivity => ActivityKind);

/// An instant as a person gives it: RFC 3339 with an offset, or a local
/// time (`2026-12-01T09:00`) read in `zone`.
pub fn parse_time(raw: &str, zone: Tz) -> Result<DateTime<Utc>, &'static str> {
    let raw = raw.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(raw) {
        return within_years(instant);
    }
    let local = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
    .ok_or("must be a time (2026-12-01T09:00 in the entry's zone, or RFC 3339 with an offset)")?;
    let t = zone
        .from_local_datetime(&local)
        .earliest()
        .ok_or("does not exist in this time zone (the clocks skip it)")?;
    within_years(t)
}

/// Checks an entry's times: it ends after it starts, and lies within
/// `first..=last` as dates in its own zone.
pub fn check_span(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    zone: Tz,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(), (&'static str, String)> {
    if ends_at <= starts_at {
        return Err(("ends_at", "must be after starts_at".into()));
    }
    let start_day = starts_at.with_timezone(&zone).date_naive();
    // An entry ending at midnight belongs to the day before.
    let end_day = (ends_at - chrono::Duration::seconds(1))
        .with_timezone(&zone)
        .date_naive();
    if start_day < first || start_day > last {
        return Err((
            "starts_at",
            format!("must lie within {first} – {last} (in {zone})"),
        ));
    }
    if end_day > last {
        return Err((
            "ends_at",
            format!("must lie within {first} – {last} (in {zone})"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn local_times_are_read_in_the_entrys_zone() {
        let vn = chrono_tz::Asia::Ho_Chi_Minh;
        assert_eq!(
            parse_time("2026-12-01T09:00", vn).unwrap().to_rfc3339(),
            "2026-12-01T02:00:00+00:00"
        );
        assert_eq!(
            parse_time("2026-12-01T09:00:00+09:00", vn)
                .unwrap()
                .to_rfc3339(),
            "2026-12-01T00:00:00+00:00"
        );
        let berlin = chrono_tz::Europe::Berlin;
        assert!(
            parse_time("2026-03-29T02:30", berlin).is_err(),
            "inside the DST gap"
        );
        assert!(parse_time("tomorrow", vn).is_err());
    }

    #[test]
    fn spans_are_checked_in_the_entrys_own_zone() {
        let vn = chrono_tz::Asia::Ho_Chi_Minh;
        let t = |s: &str| parse_time(s, vn).unwrap();
        let (first, last) = (d("2026-12-01"), d("2026-12-03"));
        assert!(
            check_span(
                t("2026-12-01T08:00"),
                t("2026-12-01T10:00"),
                vn,
                first,
                last
            )
            .is_ok()
        );
        // 06:00 on 1 December in Vietnam is still 30 November in UTC: inside.
        assert!(
            check_span(
                t("2026-12-01T06:00"),
                t("2026-12-01T07:00"),
                vn,
                first,
                last
            )
            .is_ok()
        );
        assert_eq!(
            check_span(
                t("2026-11-30T23:00"),
                t("2026-12-01T01:00"),
                vn,
                first,
                last
            )
            .unwrap_err()
            .0,
            "starts_at"
        );
        assert_eq!(
            check_span(
                t("2026-12-03T22:00"),
                t("2026-12-04T01:00"),
                vn,
                first,
                last
            )
            .unwrap_err()
            .0,
            "ends_at"
        );
        assert!(
            check_span(
                t("2026-12-03T22:00"),
                t("2026-12-04T00:00"),
                vn,
                first,
                last
            )
            .is_ok()
        );
        assert_eq!(
            check_span(
                t("2026-12-02T10:00"),
                t("2026-12-02T09:00"),
                vn,
                first,
                last
            )
            .unwrap_err()
            .0,
            "ends_at"
        );
    }
}
