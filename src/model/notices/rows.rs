//! What a change notice reads of the coming week: every entry of every
//! kind overlapping it (the schedule's window, an index range), or only the
//! entries of the records a change touched, with what a notice says of them.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use super::{HORIZON_DAYS, Seen};
use crate::db::AnyConnection;
use crate::db::schedule::{Window, overlapping};
use crate::db::schema::{
    accreditations as ac, delegations as dl, interviews as iv, itinerary_items as it,
    press_activities as pa, press_conferences as pc,
};
use crate::domain::audit::RecordKind;
use crate::domain::ids::UnitId;
use crate::domain::schedule::EntryKind;
use crate::error::ApiResult;

fn at(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(crate::domain::time::PROVINCE_TZ)
}

/// Entries overlapping the coming week from `now`, of every kind, or only
/// of the records in `only`.
pub(super) fn upcoming(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    only: Option<&HashSet<(RecordKind, i64)>>,
) -> ApiResult<Vec<Seen>> {
    let to = now + Duration::days(HORIZON_DAYS);
    let ids = |kind: RecordKind| -> Option<Vec<i64>> {
        only.map(|o| {
            o.iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect()
        })
    };
    let mut out = Vec::new();
    let wanted = |ids: &Option<Vec<i64>>| ids.as_ref().is_none_or(|i| !i.is_empty());

    let delegations = ids(RecordKind::Delegation);
    if wanted(&delegations) {
        let window = Window::new(conn, EntryKind::ItineraryItem, now, to)?;
        let mut q = it::table
            .inner_join(dl::table)
            .filter(overlapping!(it, window))
            .select(ITEM_COLUMNS)
            .into_boxed();
        if let Some(ids) = &delegations {
            q = q.filter(it::delegation_id.eq_any(ids.clone()));
        }
        out.extend(q.load::<ItemRow>(conn)?.into_iter().map(ItemRow::seen));
    }
    let accreditations = ids(RecordKind::Accreditation);
    if wanted(&accreditations) {
        let window = Window::new(conn, EntryKind::PressActivity, now, to)?;
        let mut q = pa::table
            .inner_join(ac::table)
            .filter(overlapping!(pa, window))
            .select(ACTIVITY_COLUMNS)
            .into_boxed();
        if let Some(ids) = &accreditations {
            q = q.filter(pa::accreditation_id.eq_any(ids.clone()));
        }
        out.extend(
            q.load::<ActivityRow>(conn)?
                .into_iter()
                .map(ActivityRow::seen),
        );
    }
    let interviews = ids(RecordKind::Interview);
    if wanted(&interviews) {
        let window = Window::new(conn, EntryKind::Interview, now, to)?;
        let mut q = iv::table
            .filter(overlapping!(iv, window))
            .select(INTERVIEW_COLUMNS)
            .into_boxed();
        if let Some(ids) = &interviews {
            q = q.filter(iv::id.eq_any(ids.clone()));
        }
        out.extend(
            q.load::<InterviewRow>(conn)?
                .into_iter()
                .map(InterviewRow::seen),
        );
    }
    let conferences = ids(RecordKind::PressConference);
    if wanted(&conferences) {
        let window = Window::new(conn, EntryKind::PressConference, now, to)?;
        let mut q = pc::table
            .filter(overlapping!(pc, window))
            .select(CONFERENCE_COLUMNS)
            .into_boxed();
        if let Some(ids) = &conferences {
            q = q.filter(pc::id.eq_any(ids.clone()));
        }
        out.extend(
            q.load::<ConferenceRow>(conn)?
                .into_iter()
                .map(ConferenceRow::seen),
        );
    }
    Ok(out)
}

/// One entry wherever it now is (moved out of the week), `None` if removed.
pub(super) fn one(conn: &mut AnyConnection, kind: EntryKind, id: i64) -> ApiResult<Option<Seen>> {
    Ok(match kind {
        EntryKind::ItineraryItem => it::table
            .inner_join(dl::table)
            .filter(it::id.eq(id))
            .select(ITEM_COLUMNS)
            .first::<ItemRow>(conn)
            .optional()?
            .map(ItemRow::seen),
        EntryKind::PressActivity => pa::table
            .inner_join(ac::table)
            .filter(pa::id.eq(id))
            .select(ACTIVITY_COLUMNS)
            .first::<ActivityRow>(conn)
            .optional()?
            .map(ActivityRow::seen),
        EntryKind::Interview => iv::table
            .filter(iv::id.eq(id))
            .select(INTERVIEW_COLUMNS)
            .first::<InterviewRow>(conn)
            .optional()?
            .map(InterviewRow::seen),
        EntryKind::PressConference => pc::table
            .filter(pc::id.eq(id))
            .select(CONFERENCE_COLUMNS)
            .first::<ConferenceRow>(conn)
            .optional()?
            .map(ConferenceRow::seen),
    })
}

type Span = (NaiveDateTime, NaiveDateTime, String);

/// The columns a notice reads.
type ItemColumns = (
    it::id,
    it::version,
    it::status,
    it::title,
    (it::starts_at, it::ends_at, it::time_zone),
    it::place_name,
    it::escort_officer,
    dl::id,
    dl::reference,
    dl::title,
    dl::status,
    dl::host_unit_id,
);

const ITEM_COLUMNS: ItemColumns = (
    it::id,
    it::version,
    it::status,
    it::title,
    (it::starts_at, it::ends_at, it::time_zone),
    it::place_name,
    it::escort_officer,
    dl::id,
    dl::reference,
    dl::title,
    dl::status,
    dl::host_unit_id,
);

#[derive(Queryable)]
struct ItemRow {
    id: i64,
    version: i64,
    status: String,
    title: String,
    span: Span,
    place: String,
    escort: Option<String>,
    parent: i64,
    reference: String,
    parent_title: String,
    parent_status: String,
    host_unit: i64,
}

impl ItemRow {
    fn seen(self) -> Seen {
        Seen {
            kind: EntryKind::ItineraryItem,
            id: self.id,
            record: (RecordKind::Delegation, self.parent),
            reference: self.reference,
            title: format!("{} — {}", self.title, self.parent_title),
            starts_at: at(self.span.0),
            ends_at: at(self.span.1),
            zone: zone(&self.span.2),
            place: self.place,
            escort_officer: self.escort,
            cancelled: self.status == "cancelled"
                || matches!(self.parent_status.as_str(), "cancelled" | "rejected"),
            host_unit: Some(UnitId(self.host_unit)),
            version: self.version,
        }
    }
}

/// The columns a notice reads.
type ActivityColumns = (
    pa::id,
    pa::version,
    pa::status,
    pa::title,
    (pa::starts_at, pa::ends_at, pa::time_zone),
    pa::place_name,
    pa::escort_officer,
    ac::id,
    ac::reference,
    ac::status,
    ac::escort_officer,
);

const ACTIVITY_COLUMNS: ActivityColumns = (
    pa::id,
    pa::version,
    pa::status,
    pa::title,
    (pa::starts_at, pa::ends_at, pa::time_zone),
    pa::place_name,
    pa::escort_officer,
    ac::id,
    ac::reference,
    ac::status,
    ac::escort_officer,
);

#[derive(Queryable)]
struct ActivityRow {
    id: i64,
    version: i64,
    status: String,
    title: String,
    span: Span,
    place: String,
    escort: Option<String>,
    parent: i64,
    reference: String,
    parent_status: String,
    parent_escort: Option<String>,
}

impl ActivityRow {
    fn seen(self) -> Seen {
        Seen {
            kind: EntryKind::PressActivity,
            id: self.id,
            record: (RecordKind::Accreditation, self.parent),
            reference: self.reference,
            title: self.title,
            starts_at: at(self.span.0),
            ends_at: at(self.span.1),
            zone: zone(&self.span.2),
            place: self.place,
            escort_officer: self.escort.or(self.parent_escort),
            cancelled: self.status == "cancelled"
                || matches!(
                    self.parent_status.as_str(),
                    "cancelled" | "rejected" | "revoked"
                ),
            host_unit: None,
            version: self.version,
        }
    }
}

/// The columns a notice reads.
type InterviewColumns = (
    iv::id,
    iv::version,
    iv::status,
    iv::reference,
    iv::interviewee_name,
    iv::outlet,
    (iv::starts_at, iv::ends_at, iv::time_zone),
    iv::place,
);

const INTERVIEW_COLUMNS: InterviewColumns = (
    iv::id,
    iv::version,
    iv::status,
    iv::reference,
    iv::interviewee_name,
    iv::outlet,
    (iv::starts_at, iv::ends_at, iv::time_zone),
    iv::place,
);

#[derive(Queryable)]
struct InterviewRow {
    id: i64,
    version: i64,
    status: String,
    reference: String,
    interviewee: String,
    outlet: String,
    span: Span,
    place: String,
}

impl InterviewRow {
    fn seen(self) -> Seen {
        Seen {
            kind: EntryKind::Interview,
            id: self.id,
            record: (RecordKind::Interview, self.id),
            reference: self.reference,
            title: format!("{} ({})", self.interviewee, self.outlet),
            starts_at: at(self.span.0),
            ends_at: at(self.span.1),
            zone: zone(&self.span.2),
            place: self.place,
            escort_officer: None,
            cancelled: self.status == "cancelled",
            host_unit: None,
            version: self.version,
        }
    }
}

/// The columns a notice reads.
type ConferenceColumns = (
    pc::id,
    pc::version,
    pc::status,
    pc::reference,
    pc::title,
    (pc::starts_at, pc::ends_at, pc::time_zone),
    pc::venue,
);

const CONFERENCE_COLUMNS: ConferenceColumns = (
    pc::id,
    pc::version,
    pc::status,
    pc::reference,
    pc::title,
    (pc::starts_at, pc::ends_at, pc::time_zone),
    pc::venue,
);

#[derive(Queryable)]
struct ConferenceRow {
    id: i64,
    version: i64,
    status: String,
    reference: String,
    title: String,
    span: Span,
    venue: String,
}

impl ConferenceRow {
    fn seen(self) -> Seen {
        Seen {
            kind: EntryKind::PressConference,
            id: self.id,
            record: (RecordKind::PressConference, self.id),
            reference: self.reference,
            title: self.title,
            starts_at: at(self.span.0),
            ends_at: at(self.span.1),
            zone: zone(&self.span.2),
            place: self.venue,
            escort_officer: None,
            cancelled: self.status == "cancelled",
            host_unit: None,
            version: self.version,
        }
    }
}
