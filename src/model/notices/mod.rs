//! Change notices: when a change touches an entry of the schedule in the
//! next seven days (moves it, changes it, cancels it, adds or removes one),
//! the police and the escort officer's unit are told by e-mail. Hooked in
//! one place, `Db::write`'s transaction ([`Watch`]): the entries of the
//! coming week are read before the change, and after it those of the
//! records its audit entries name are compared with them; each recipient
//! gets one message per change, written to the outbox in the same
//! transaction. What a notice says is what the schedule shows any role
//! that sees the entry: no passport number, date of birth or police note.

mod rows;

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use self::rows::{one, upcoming};
use crate::db::{self, Actor, AnyConnection, outbox};
use crate::domain::audit::{AuditEvent, RecordKind};
use crate::domain::ids::UnitId;
use crate::domain::role::Role;
use crate::domain::schedule::EntryKind;
use crate::error::ApiResult;
use crate::mail::texts;

/// How far ahead a change is told: the coming week.
pub const HORIZON_DAYS: i64 = 7;

/// One entry of the coming week as a notice describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub kind: EntryKind,
    pub id: i64,
    pub record: (RecordKind, i64),
    pub reference: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub zone: Tz,
    pub place: String,
    pub escort_officer: Option<String>,
    /// It, or its record, is called off.
    pub cancelled: bool,
    /// The delegation's host unit (itinerary items).
    pub host_unit: Option<UnitId>,
    pub(super) version: i64,
}

/// What happened to one entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Added(Seen),
    Changed {
        before: Seen,
        after: Seen,
    },
    Cancelled(Seen),
    /// Removed, or moved out of the coming week (then `after` is where to).
    Gone {
        before: Seen,
        after: Option<Seen>,
    },
}

impl Change {
    pub fn entry(&self) -> &Seen {
        match self {
            Change::Added(s) | Change::Cancelled(s) => s,
            Change::Changed { after, .. } => after,
            Change::Gone { before, .. } => before,
        }
    }
}

/// The coming week's entries as they were before a change.
#[derive(Debug)]
pub struct Watch {
    before: Vec<Seen>,
    now: DateTime<Utc>,
    /// Nobody takes notices: nothing to read or write.
    idle: bool,
}

impl Watch {
    /// Reads the entries of the coming week (before the change runs).
    pub fn before(conn: &mut AnyConnection) -> ApiResult<Self> {
        let now = db::now();
        // One small read instead of the week's entries (four range reads)
        // while no one has asked for notices.
        if !db::user::anyone_takes_notices(conn)? {
            return Ok(Self {
                before: Vec::new(),
                now,
                idle: true,
            });
        }
        let before = upcoming(conn, now, None)?;
        Ok(Self {
            before,
            now,
            idle: false,
        })
    }

    /// Compares the entries of the records `events` name with what they
    /// were, and writes one notice per recipient; how many were written.
    pub fn after(
        self,
        conn: &mut AnyConnection,
        events: &[AuditEvent],
        actor: &Actor,
    ) -> ApiResult<usize> {
        let touched: HashSet<(RecordKind, i64)> = events
            .iter()
            .filter(|e| {
                matches!(
                    e.record_kind,
                    RecordKind::Delegation
                        | RecordKind::Accreditation
                        | RecordKind::Interview
                        | RecordKind::PressConference
                )
            })
            .map(|e| (e.record_kind, e.record_id))
            .collect();
        if self.idle || touched.is_empty() {
            return Ok(0);
        }
        let mut before: BTreeMap<(EntryKind, i64), Seen> = BTreeMap::new();
        for s in self
            .before
            .into_iter()
            .filter(|s| touched.contains(&s.record))
        {
            before.insert((s.kind, s.id), s);
        }
        let mut after: BTreeMap<(EntryKind, i64), Seen> = BTreeMap::new();
        for s in upcoming(conn, self.now, Some(&touched))? {
            after.insert((s.kind, s.id), s);
        }
        let mut changes = Vec::new();
        for (key, old) in &before {
            match after.remove(key) {
                Some(new) if new == *old => {}
                Some(new) if new.cancelled && !old.cancelled => {
                    changes.push(Change::Cancelled(new))
                }
                Some(new) => changes.push(Change::Changed {
                    before: old.clone(),
                    after: new,
                }),
                None => {
                    let moved = one(conn, key.0, key.1)?;
                    changes.push(Change::Gone {
                        before: old.clone(),
                        after: moved,
                    });
                }
            }
        }
        changes.extend(after.into_values().map(Change::Added));
        if changes.is_empty() {
            return Ok(0);
        }
        write_notices(conn, &changes, actor, self.now)
    }
}

/// Who is told of `changes`, and the messages written.
fn write_notices(
    conn: &mut AnyConnection,
    changes: &[Change],
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let people = db::user::notice_recipients(conn)?;
    if people.is_empty() {
        return Ok(0);
    }
    let mut escorts = Vec::with_capacity(changes.len());
    for change in changes {
        escorts.push(escort_units(conn, change.entry())?);
    }
    let mut written = 0;
    for person in &people {
        if Some(person.id) == actor.user_id {
            continue;
        }
        let theirs: Vec<&Change> = changes
            .iter()
            .zip(&escorts)
            .filter(|(c, units)| concerns(person, c.entry(), units))
            .map(|(c, _)| c)
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let (subject, body) = texts::change_notice(person.language, &theirs, now);
        let mail = outbox::NewMail {
            kind: outbox::CHANGE_NOTICE,
            dedup_key: None,
            recipient: person.id,
            to_address: person.email.clone(),
            language: person.language.code().to_owned(),
            subject,
            body,
        };
        if outbox::insert(conn, &mail, now)? {
            written += 1;
        }
    }
    Ok(written)
}

/// The escort officer's unit(s): the unit of the active user of that name;
/// without one, the delegation's host unit, or — for the press side, whose
/// officers escort reporters — every Sở Ngoại vụ user (`None`).
fn escort_units(conn: &mut AnyConnection, entry: &Seen) -> ApiResult<Option<Vec<UnitId>>> {
    let Some(officer) = entry
        .escort_officer
        .as_deref()
        .map(crate::domain::text::fold)
        .filter(|o| !o.trim().is_empty())
    else {
        return Ok(Some(Vec::new()));
    };
    let named: Vec<UnitId> = db::user::units_of_named(conn, &officer)?
        .into_iter()
        .flatten()
        .collect();
    Ok(if !named.is_empty() {
        Some(named)
    } else if entry.kind == EntryKind::ItineraryItem {
        Some(entry.host_unit.into_iter().collect())
    } else {
        None
    })
}

/// Whether `person` is told of a change to `entry`: the police always, the
/// escort officer's unit (`escorts`; `None`: Sở Ngoại vụ) — and only
/// someone who may see the entry.
fn concerns(person: &db::user::Recipient, entry: &Seen, escorts: &Option<Vec<UnitId>>) -> bool {
    let sees = match entry.kind {
        EntryKind::ItineraryItem => person.role != Role::HostUnit || person.unit == entry.host_unit,
        _ => crate::domain::press::visible_to(person.role),
    };
    if !sees {
        return false;
    }
    match escorts {
        _ if person.role == Role::Police => true,
        Some(units) => person.unit.is_some_and(|u| units.contains(&u)),
        None => person.role == Role::ForeignAffairs,
    }
}
