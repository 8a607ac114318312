//! A status as it stood at a cut-off, read back from the audit trail: the
//! entries written after it, and the statuses and reviews they moved from.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use super::CHUNK;
use crate::db::AnyConnection;
use crate::db::schema::{audit_entries as ae, security_reviews as sr};
use crate::error::ApiResult;

/// An audit entry written after a cut-off: of its changes only what the
/// figures read (a period's later entries are thousands, and whole JSON
/// trees of them were most of a report's memory).
pub(super) struct Later {
    record_id: i64,
    action: String,
    /// The `status` change, when the entry has one.
    status: Option<Value>,
    /// The press activity an accreditation's entry names.
    pub(super) activity_id: Option<i64>,
}

/// The part of an entry's `changes` that [`Later`] keeps; the rest is
/// skipped unread.
#[derive(serde::Deserialize, Default)]
struct LaterChanges {
    #[serde(default, deserialize_with = "present")]
    status: Option<Value>,
    #[serde(default)]
    activity_id: Option<Value>,
}

/// A field that is there, `null` included.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

impl Later {
    /// The status the change moved from.
    pub(super) fn status_from(&self) -> Option<&str> {
        self.status.as_ref()?.get("from")?.as_str()
    }
}

/// The audit entries of `kind` records `ids` at or after `cutoff`, oldest first.
pub(super) fn later_entries(
    conn: &mut AnyConnection,
    kind: &str,
    ids: &[i64],
    cutoff: NaiveDateTime,
) -> ApiResult<Vec<Later>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, String, String)> = ae::table
            .select((ae::record_id, ae::action, ae::changes))
            .filter(ae::record_kind.eq(kind))
            .filter(ae::record_id.eq_any(chunk))
            .filter(ae::at.ge(cutoff))
            .order((ae::at.asc(), ae::id.asc()))
            .load(conn)?;
        out.extend(rows.into_iter().map(|(record_id, action, changes)| {
            let changes: LaterChanges = serde_json::from_str(&changes).unwrap_or_default();
            Later {
                record_id,
                action,
                status: changes.status,
                activity_id: changes.activity_id.as_ref().and_then(Value::as_i64),
            }
        }));
    }
    // Chunks are each in order; records never span chunks, so per record
    // the order holds.
    Ok(out)
}

/// Each record's status at the cut-off, for those changed after it by one
/// of `actions`: the `from` of the first such change.
pub(super) fn status_at(later: &[Later], actions: &[&str]) -> HashMap<i64, String> {
    let mut out = HashMap::new();
    for e in later {
        if actions.contains(&e.action.as_str())
            && let Some(from) = e.status_from()
        {
            out.entry(e.record_id).or_insert_with(|| from.to_owned());
        }
    }
    out
}

/// Each record's review status at the cut-off: the row's, unless a review
/// after the cut-off changed it (then its `from`, or `pending` for a record
/// first reviewed after it).
pub(super) fn reviews_at(
    conn: &mut AnyConnection,
    kind: &str,
    ids: &[i64],
    later: &[Later],
) -> ApiResult<HashMap<i64, String>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, String)> = sr::table
            .select((sr::record_id, sr::status))
            .filter(sr::record_kind.eq(kind))
            .filter(sr::record_id.eq_any(chunk))
            .load(conn)?;
        out.extend(rows);
    }
    let mut seen = HashSet::new();
    for e in later {
        if e.action == "security_review" && e.status.is_some() && seen.insert(e.record_id) {
            let from = e.status_from().unwrap_or("pending").to_owned();
            out.insert(e.record_id, from);
        }
    }
    Ok(out)
}

pub(super) fn review_of(reviews: &HashMap<i64, String>, id: i64) -> String {
    reviews
        .get(&id)
        .cloned()
        .unwrap_or_else(|| "pending".to_owned())
}
