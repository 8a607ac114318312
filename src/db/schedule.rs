//! The monitoring schedule's queries: the entries of every kind in a
//! window, each with its record, and the foreigners involved. Indexes on
//! `starts_at` keep the cost to what the window holds, not the whole table
//! (records are loaded once per record in the window, not once per entry).

mod press;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use self::press::{activity_entries, conference_entries, interview_entries};
use super::AnyConnection;
use super::schema::{delegation_members as dm, entry_spans as es};
use crate::domain::delegation::{DelegationStatus, Direction};
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::itinerary::ItemStatus;
use crate::domain::schedule::{Entry, EntryKind, Foreigners, RecordRef};
use crate::error::ApiResult;

/// What a schedule or feed holds.
#[derive(Debug, Clone)]
pub struct Scope {
    pub kinds: Vec<EntryKind>,
    /// Delegations of this unit only (a host unit's view).
    pub only_unit: Option<UnitId>,
    /// Whether the press side is visible at all.
    pub press: bool,
    /// One delegation's entries only.
    pub delegation: Option<DelegationId>,
}

impl Scope {
    fn wants(&self, kind: EntryKind) -> bool {
        self.kinds.contains(&kind)
    }
}

fn people(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        t.split([',', ';', '\n'])
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// A window of the schedule as the queries use it: entries that start
/// before `to` and end after `from`, and — since no entry of the kind ever
/// lasted longer than `entry_spans` says — start no earlier than
/// `earliest_start`, which turns "started before the end" (years of rows)
/// into an index range of what the window holds.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub earliest_start: NaiveDateTime,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

/// The filter of a table's entries overlapping `window`: the one place
/// that says what "in the window" means for every kind.
macro_rules! overlapping {
    ($table:ident, $window:expr) => {
        $table::starts_at
            .ge($window.earliest_start)
            .and($table::starts_at.lt($window.to))
            .and($table::ends_at.gt($window.from))
    };
}
pub(crate) use overlapping;

impl Window {
    pub fn new(
        conn: &mut AnyConnection,
        kind: EntryKind,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> ApiResult<Self> {
        let longest: Option<i64> = es::table
            .find(kind.as_str())
            .select(es::longest_seconds)
            .first(conn)
            .optional()?;
        // No row (a database older than the bound's migration cannot be
        // here, migrations run first): fall back to the whole past.
        // Checked, and no earlier than any entry can start: a span stored
        // before the bound on years (an interview "ending" in 9999) neither
        // overflows into a panic nor asks PostgreSQL for a timestamp before
        // its range (a 500 on every schedule and feed, for good).
        let floor = crate::domain::time::earliest_instant();
        let earliest_start = longest
            .and_then(|seconds| Duration::try_seconds(seconds.max(0)))
            .and_then(|span| from.checked_sub_signed(span))
            .map_or(floor, |t| t.max(floor))
            .naive_utc();
        Ok(Self {
            earliest_start,
            from: from.naive_utc(),
            to: to.naive_utc(),
        })
    }
}

impl Scope {
    /// The delegations' side (itinerary items) and the press side, apart.
    fn split(&self) -> (Scope, Scope) {
        let (delegations, press): (Vec<EntryKind>, Vec<EntryKind>) = self
            .kinds
            .iter()
            .partition(|k| **k == EntryKind::ItineraryItem);
        (
            Scope {
                kinds: delegations,
                ..self.clone()
            },
            Scope {
                kinds: press,
                ..self.clone()
            },
        )
    }
}

/// [`entries`], the delegations' side and the press side read at the same
/// time on two connections, so that one request uses two cores: a week's
/// itinerary items alone are half a schedule's time (perf, bench/run). The
/// two sides share no record, so two snapshots are as good as one.
pub async fn entries_side_by_side(
    db: &super::Db,
    scope: Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<Entry>> {
    let read = |side: Scope| async move {
        if side.kinds.is_empty() {
            return Ok(Vec::new());
        }
        db.read(move |conn| entries(conn, &side, from, to)).await
    };
    let (delegations, press) = scope.split();
    let (mut out, press) = futures_util::future::try_join(read(delegations), read(press)).await?;
    out.extend(press);
    Ok(out)
}

/// Every entry in scope overlapping `from..to`, unordered. A fixed number
/// of queries whatever the window holds.
pub fn entries(
    conn: &mut AnyConnection,
    scope: &Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<Entry>> {
    let mut out = Vec::new();
    if scope.wants(EntryKind::ItineraryItem) {
        let window = Window::new(conn, EntryKind::ItineraryItem, from, to)?;
        out.extend(itinerary_entries(conn, scope, &window)?);
    }
    if scope.press && scope.delegation.is_none() {
        if scope.wants(EntryKind::PressActivity) {
            let window = Window::new(conn, EntryKind::PressActivity, from, to)?;
            out.extend(activity_entries(conn, &window)?);
        }
        if scope.wants(EntryKind::Interview) {
            let window = Window::new(conn, EntryKind::Interview, from, to)?;
            out.extend(interview_entries(conn, &window)?);
        }
        if scope.wants(EntryKind::PressConference) {
            let window = Window::new(conn, EntryKind::PressConference, from, to)?;
            out.extend(conference_entries(conn, &window)?);
        }
    }
    Ok(out)
}

fn itinerary_entries(
    conn: &mut AnyConnection,
    scope: &Scope,
    window: &Window,
) -> ApiResult<Vec<Entry>> {
    let items = super::itinerary::in_window(conn, window, scope.only_unit, scope.delegation)?;
    let mut ids: Vec<i64> = items.iter().map(|i| i.delegation_id.get()).collect();
    ids.sort_unstable();
    ids.dedup();
    let parents = super::delegation::find_many(conn, &ids)?;
    let mut nationalities: HashMap<i64, Vec<String>> = HashMap::new();
    for (delegation, nationality) in dm::table
        .filter(dm::delegation_id.eq_any(&ids))
        .select((dm::delegation_id, dm::nationality))
        .load::<(i64, String)>(conn)?
    {
        nationalities
            .entry(delegation)
            .or_default()
            .push(nationality);
    }
    let foreigners: HashMap<i64, Foreigners> = parents
        .values()
        .map(|parent| {
            let id = parent.id.get();
            let f = match parent.direction {
                Direction::Incoming => Foreigners::of(
                    nationalities
                        .get(&id)
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                ),
                Direction::Outgoing => Foreigners::default(),
            };
            (id, f)
        })
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let id = item.delegation_id.get();
        let (Some(parent), Some(foreigners)) = (parents.get(&id), foreigners.get(&id)) else {
            continue;
        };
        out.push(Entry {
            kind: EntryKind::ItineraryItem,
            id: item.id.get(),
            record: RecordRef {
                kind: super::delegation::KIND.into(),
                id,
                reference: parent.reference.clone(),
            },
            title: format!("{} — {}", item.title, parent.title),
            starts_at: item.starts_at,
            ends_at: item.ends_at,
            time_zone: item.time_zone,
            place: item.place.name,
            status: item.status.as_str().to_owned(),
            cancelled: item.status == ItemStatus::Cancelled
                || matches!(
                    parent.status,
                    DelegationStatus::Cancelled | DelegationStatus::Rejected
                ),
            confirmed: matches!(
                parent.status,
                DelegationStatus::Approved
                    | DelegationStatus::Completed
                    | DelegationStatus::Reported
            ),
            escort_officer: item.escort_officer,
            leaders: people(item.participants.as_deref()),
            foreigners: foreigners.clone(),
            security_review_status: Some(parent.review.status),
            version: item.version,
            updated_at: item.updated_at,
            conflicts: Default::default(),
        });
    }
    Ok(out)
}
