//! The monitoring schedule as a caller may read it: which entries of which
//! kinds, over a window, ordered by start with their clashes flagged. The
//! JSON route (`GET /api/v1/schedule`), the calendar feeds and the
//! console's week and day pages all ask here, so that none shows more.

use chrono::{DateTime, Utc};

use crate::db::schedule::Scope;
use crate::db::{self, AnyConnection};
use crate::domain::delegation::list_scope;
use crate::domain::press;
use crate::domain::role::Caller;
use crate::domain::schedule::{Entry, EntryKind, order_and_flag};
use crate::error::{ApiError, ApiResult};

/// The most entries one answer of `GET /schedule` holds. A busy province's
/// week is a few hundred; 2,004 items at one venue made a 311 MB answer
/// before clashes were capped (issue 12, defect 2). With at most 20
/// clashes shown per entry, 5,000 entries stay a few megabytes whatever
/// the data; a window holding more says so (`truncated`, `total`) and the
/// caller asks for a shorter one.
pub const MOST_ENTRIES: usize = 5_000;

/// The entries one answer holds: the first by start, and how many the
/// window has in all.
#[derive(Debug)]
pub struct Bounded {
    pub entries: Vec<Entry>,
    pub total: usize,
}

impl Bounded {
    /// `entries` by start, each with its clashes (counted over the whole
    /// window, so an entry near the cut still says what it clashes with),
    /// cut to the first `most`.
    pub fn first(mut entries: Vec<Entry>, most: usize) -> Self {
        order_and_flag(&mut entries);
        let total = entries.len();
        entries.truncate(most);
        Self { entries, total }
    }

    /// Whether the window holds entries the answer leaves out.
    pub fn truncated(&self) -> bool {
        self.entries.len() < self.total
    }
}

/// What `caller` may see of the schedule, of these kinds.
pub fn scope(caller: Caller, kinds: Vec<EntryKind>) -> Scope {
    Scope {
        kinds,
        only_unit: list_scope(caller),
        press: press::visible_to(caller.role),
        delegation: None,
    }
}

/// The kinds of entry `caller` can ever find in the schedule (a host unit
/// sees no press side): what a filter offers them.
pub fn visible_kinds(caller: Caller) -> Vec<EntryKind> {
    EntryKind::ALL
        .iter()
        .copied()
        .filter(|k| *k == EntryKind::ItineraryItem || press::visible_to(caller.role))
        .collect()
}

/// The kinds a request lists (`kind` repeated, each value a kind or, as
/// before, a comma-separated list of them), every kind when it names none;
/// 422 on `kind` for a name that is no kind.
pub fn parse_kinds<S: AsRef<str>>(values: &[S]) -> ApiResult<Vec<EntryKind>> {
    let mut kinds = Vec::new();
    for name in values
        .iter()
        .flat_map(|v| v.as_ref().split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let kind = EntryKind::parse(name).ok_or_else(|| {
            ApiError::invalid(
                "kind",
                "must list itinerary_item, press_activity, interview or press_conference",
            )
        })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if kinds.is_empty() {
        kinds = EntryKind::ALL.to_vec();
    }
    Ok(kinds)
}

/// What `GET /schedule` answers: the entries in `scope` overlapping
/// `from..to`, by start with their clashes, at most [`MOST_ENTRIES`]. The
/// delegations' side and the press side are read on two connections at
/// once (`db::schedule::entries_side_by_side`).
pub async fn answer(
    db: &db::Db,
    scope: Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Bounded> {
    let entries = db::schedule::entries_side_by_side(db, scope, from, to).await?;
    Ok(Bounded::first(entries, MOST_ENTRIES))
}

/// Every entry of `kinds` that `caller` may see overlapping `from..to`, by
/// start, each with its clashes: one read on one connection (the route
/// reads the same two sides on two, [`answer`]).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn entries(
    conn: &mut AnyConnection,
    caller: Caller,
    kinds: Vec<EntryKind>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<Entry>> {
    let scope = scope(caller, kinds);
    if scope.kinds.is_empty() {
        return Ok(Vec::new());
    }
    let mut entries = db::schedule::entries(conn, &scope, from, to)?;
    order_and_flag(&mut entries);
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::schedule::{Clashes, Foreigners, RecordRef};

    /// An hour-long item at one hall, starting `minutes` after 08:00.
    fn at_the_hall(id: i64, minutes: i64) -> Entry {
        let start =
            Utc.with_ymd_and_hms(2026, 12, 2, 1, 0, 0).unwrap() + Duration::minutes(minutes);
        Entry {
            kind: EntryKind::ItineraryItem,
            id,
            record: RecordRef {
                kind: "delegation".into(),
                id: 1,
                reference: "DV-2026-0001".into(),
            },
            title: format!("item {id}"),
            starts_at: start,
            ends_at: start + Duration::hours(1),
            time_zone: crate::domain::time::PROVINCE_TZ,
            place: "Hội trường".into(),
            status: "planned".into(),
            cancelled: false,
            confirmed: true,
            escort_officer: None,
            leaders: vec![],
            foreigners: Foreigners::default(),
            security_review_status: None,
            version: 1,
            updated_at: start,
            conflicts: Clashes::default(),
        }
    }

    #[test]
    fn an_answer_keeps_the_first_by_start_and_counts_the_rest() {
        let entries = (1..=5).map(|id| at_the_hall(id, 50 - 10 * id)).collect();

        let bounded = Bounded::first(entries, 3);

        let ids: Vec<i64> = bounded.entries.iter().map(|e| e.id).collect();
        assert_eq!(ids, [5, 4, 3]);
        assert_eq!(bounded.total, 5);
        assert!(bounded.truncated());
        // Clashes are counted over the whole window, cut or not.
        assert!(bounded.entries.iter().all(|e| e.conflicts.total == 4));
    }

    #[test]
    fn an_answer_within_the_bound_is_whole() {
        let bounded = Bounded::first(vec![at_the_hall(1, 0)], 1);
        assert_eq!((bounded.entries.len(), bounded.total), (1, 1));
        assert!(!bounded.truncated());
    }
}
