//! The monitoring schedule: every scheduled entry of every kind in one list,
//! and the clashes between them (the same leader, escort officer or venue at
//! overlapping times).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::review::ReviewStatus;
use super::text::fold;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    ItineraryItem,
    PressActivity,
    Interview,
    PressConference,
}
text_enum!(EntryKind {
    ItineraryItem => "itinerary_item", PressActivity => "press_activity", Interview => "interview",
    PressConference => "press_conference",
});

/// The record a scheduled entry belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RecordRef {
    /// `delegation`, `accreditation`, `interview`, `press_conference`.
    #[schema(value_type = crate::domain::audit::RecordKind)]
    pub kind: String,
    pub id: i64,
    pub reference: String,
}

/// The foreigners an entry involves: how many, of which nationalities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Foreigners {
    pub count: usize,
    /// ISO 3166-1 alpha-2, sorted, each once.
    #[schema(value_type = Vec<crate::domain::text::CountryCode>)]
    pub nationalities: Vec<String>,
}

impl Foreigners {
    pub fn of<'a>(nationalities: impl IntoIterator<Item = &'a str>) -> Self {
        let mut all: Vec<String> = nationalities
            .into_iter()
            .filter(|n| *n != "VN")
            .map(str::to_owned)
            .collect();
        let count = all.len();
        all.sort();
        all.dedup();
        Self {
            count,
            nationalities: all,
        }
    }
}

/// What two entries share that makes them clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClashReason {
    /// The same provincial leader or participant.
    Leader,
    EscortOfficer,
    Venue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Clash {
    pub kind: EntryKind,
    pub id: i64,
    pub reason: ClashReason,
    /// The shared leader, officer or venue.
    pub with: String,
}

/// The entries one entry clashes with: how many, and the first
/// [`Clashes::SHOWN`] of them. Capped so that a week's answer grows with its
/// entries, not with their pairs: 2,004 items at one venue and hour were
/// 3,998,000 clashes listed (311 MB) before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clashes {
    pub shown: Vec<Clash>,
    pub total: usize,
}

impl Clashes {
    /// The most clashes listed for one entry.
    pub const SHOWN: usize = 20;

    fn push(&mut self, clash: Clash) {
        self.total += 1;
        if self.shown.len() < Self::SHOWN {
            self.shown.push(clash);
        }
    }
}

/// One scheduled entry, whatever its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    pub id: i64,
    pub record: RecordRef,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub place: String,
    pub status: String,
    /// It, or the record it belongs to, was called off.
    pub cancelled: bool,
    /// Decided: the record is approved (announced, for a press conference).
    pub confirmed: bool,
    pub escort_officer: Option<String>,
    /// Provincial leaders or participants (a leader interviewed, a speaker).
    pub leaders: Vec<String>,
    pub foreigners: Foreigners,
    pub security_review_status: Option<ReviewStatus>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub conflicts: Clashes,
}

impl Entry {
    /// The entry as the public feed (no login) shows it: what the province
    /// announces, not which foreigners attend (how many, from where) — the
    /// offices' and the police's working knowledge, not the public's.
    pub fn as_announced(self) -> Entry {
        Entry {
            foreigners: Foreigners::default(),
            ..self
        }
    }
}

fn overlaps(a: &Entry, b: &Entry) -> bool {
    // Back to back (one ends as the other starts) is no clash.
    a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

/// An entry's names as they are compared: folded (case and diacritics
/// aside) and trimmed, once per entry rather than once per comparison.
struct Keys {
    leaders: Vec<String>,
    escort_officer: Option<String>,
    place: String,
}

impl Keys {
    fn of(e: &Entry) -> Self {
        let key = |s: &str| fold(s).trim().to_owned();
        Self {
            leaders: e.leaders.iter().map(|l| key(l)).collect(),
            escort_officer: e.escort_officer.as_deref().map(key),
            place: key(&e.place),
        }
    }
}

fn same(a: &str, b: &str) -> bool {
    !a.is_empty() && a == b
}

/// Why `a` and `b` clash, if they do.
fn clash(a: &Entry, ka: &Keys, b: &Entry, kb: &Keys) -> Option<(ClashReason, String)> {
    if a.cancelled || b.cancelled || !overlaps(a, b) {
        return None;
    }
    for (la, raw) in ka.leaders.iter().zip(&a.leaders) {
        if kb.leaders.iter().any(|lb| same(la, lb)) {
            return Some((ClashReason::Leader, raw.clone()));
        }
    }
    if let (Some(x), Some(y)) = (&ka.escort_officer, &kb.escort_officer)
        && same(x, y)
    {
        return Some((
            ClashReason::EscortOfficer,
            a.escort_officer.clone().unwrap_or_default(),
        ));
    }
    if same(&ka.place, &kb.place) {
        return Some((ClashReason::Venue, a.place.clone()));
    }
    None
}

/// Sorts entries by start and flags every clash on both entries involved.
pub fn order_and_flag(entries: &mut [Entry]) {
    entries.sort_by_key(|e| (e.starts_at, e.kind, e.id));
    let keys: Vec<Keys> = entries.iter().map(Keys::of).collect();
    for i in 0..entries.len() {
        // Sorted by start: only entries starting before this one ends can overlap it.
        let mut j = i + 1;
        while j < entries.len() && entries[j].starts_at < entries[i].ends_at {
            if let Some((reason, with)) = clash(&entries[i], &keys[i], &entries[j], &keys[j]) {
                let (ki, ii, kj, ij) = (
                    entries[i].kind,
                    entries[i].id,
                    entries[j].kind,
                    entries[j].id,
                );
                entries[i].conflicts.push(Clash {
                    kind: kj,
                    id: ij,
                    reason,
                    with: with.clone(),
                });
                entries[j].conflicts.push(Clash {
                    kind: ki,
                    id: ii,
                    reason,
                    with,
                });
            }
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, start: &str, end: &str, officer: &str, place: &str) -> Entry {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        Entry {
            kind: EntryKind::ItineraryItem,
            id,
            record: RecordRef {
                kind: "delegation".into(),
                id: 1,
                reference: "DV-2026-0001".into(),
            },
            title: format!("entry {id}"),
            starts_at: t(start),
            ends_at: t(end),
            time_zone: chrono_tz::Asia::Ho_Chi_Minh,
            place: place.into(),
            status: "planned".into(),
            cancelled: false,
            confirmed: true,
            escort_officer: Some(officer.into()).filter(|o: &String| !o.is_empty()),
            leaders: vec![],
            foreigners: Foreigners::default(),
            security_review_status: None,
            version: 1,
            updated_at: t(start),
            conflicts: Clashes::default(),
        }
    }

    #[test]
    fn the_same_escort_officer_at_overlapping_times_clashes() {
        let mut entries = vec![
            entry(
                2,
                "2026-12-01T09:30:00+07:00",
                "2026-12-01T11:00:00+07:00",
                "Trần Thu Hà",
                "Mai Châu",
            ),
            entry(
                1,
                "2026-12-01T09:00:00+07:00",
                "2026-12-01T10:00:00+07:00",
                "tran thu ha",
                "Kim Bôi",
            ),
            entry(
                3,
                "2026-12-01T11:00:00+07:00",
                "2026-12-01T12:00:00+07:00",
                "Trần Thu Hà",
                "Lương Sơn",
            ),
        ];
        order_and_flag(&mut entries);
        assert_eq!(entries.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(entries[0].conflicts.total, 1);
        assert_eq!(
            entries[0].conflicts.shown[0].reason,
            ClashReason::EscortOfficer
        );
        assert_eq!(
            entries[1].conflicts.total, 1,
            "back to back with 3 is no clash"
        );
        assert!(entries[2].conflicts.shown.is_empty());
    }

    #[test]
    fn venues_and_cancelled_entries() {
        let mut entries = vec![
            entry(
                1,
                "2026-12-01T09:00:00+07:00",
                "2026-12-01T10:00:00+07:00",
                "",
                "Hội trường UBND tỉnh",
            ),
            entry(
                2,
                "2026-12-01T09:30:00+07:00",
                "2026-12-01T10:30:00+07:00",
                "",
                "hoi truong ubnd tinh",
            ),
        ];
        order_and_flag(&mut entries);
        assert_eq!(entries[0].conflicts.shown[0].reason, ClashReason::Venue);
        let mut entries = vec![
            entry(
                1,
                "2026-12-01T09:00:00+07:00",
                "2026-12-01T10:00:00+07:00",
                "A",
                "X",
            ),
            entry(
                2,
                "2026-12-01T09:30:00+07:00",
                "2026-12-01T10:30:00+07:00",
                "A",
                "X",
            ),
        ];
        entries[1].cancelled = true;
        order_and_flag(&mut entries);
        assert!(entries[0].conflicts.shown.is_empty());
    }

    #[test]
    fn foreigners_are_counted_without_vietnamese() {
        let f = Foreigners::of(["JP", "VN", "KR", "JP"]);
        assert_eq!(f.count, 3);
        assert_eq!(f.nationalities, ["JP", "KR"]);
    }
}
