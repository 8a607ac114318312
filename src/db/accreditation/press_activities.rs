//! The `press_activities` table: the activities an accreditation plans,
//! read and written as domain `PressActivity` values.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::db::itinerary::entry::{entry_fields, entry_record, stored_zone};
use crate::db::schema::press_activities as pa;
use crate::db::stamp::Stamp;
use crate::domain::ids::{AccreditationId, PressActivityId};
use crate::domain::itinerary::{EntryPlan, ItemStatus};
use crate::domain::press::{ActivityKind, PressActivity};
use crate::error::{ApiError, ApiResult};

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = pa)]
struct ActivityRow {
    id: PressActivityId,
    accreditation_id: AccreditationId,
    starts_at: Stamp,
    ends_at: Stamp,
    time_zone: String,
    kind: ActivityKind,
    title: String,
    place_name: String,
    place_address: Option<String>,
    place_district: Option<String>,
    participants: Option<String>,
    escort_officer: Option<String>,
    status: ItemStatus,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl TryFrom<ActivityRow> for PressActivity {
    type Error = ApiError;

    fn try_from(row: ActivityRow) -> ApiResult<PressActivity> {
        let time_zone = stored_zone(&row.time_zone, format_args!("press activity {}", row.id))?;
        Ok(entry_record!(PressActivity {
            id: row.id,
            accreditation_id: row.accreditation_id,
            time_zone,
        } from row))
    }
}

/// A press activity's fields (a change sets them all: cleared ones to
/// null). Serialized, they are what a change records (`Changes::between`).
#[derive(Debug, Clone, PartialEq, Serialize, Insertable, AsChangeset)]
#[diesel(table_name = pa, treat_none_as_null = true)]
pub struct ActivityFields {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub kind: String,
    pub title: String,
    pub place_name: String,
    pub place_address: Option<String>,
    pub place_district: Option<String>,
    pub participants: Option<String>,
    pub escort_officer: Option<String>,
    pub status: String,
}

impl From<EntryPlan<ActivityKind>> for ActivityFields {
    fn from(plan: EntryPlan<ActivityKind>) -> Self {
        entry_fields!(ActivityFields {} from plan)
    }
}

impl From<&PressActivity> for ActivityFields {
    fn from(p: &PressActivity) -> Self {
        EntryPlan::from(p).into()
    }
}

/// One activity of the accreditation `id` (`None` if it has no such one).
pub fn find_activity(
    conn: &mut AnyConnection,
    id: AccreditationId,
    activity: PressActivityId,
) -> ApiResult<Option<PressActivity>> {
    pa::table
        .filter(pa::accreditation_id.eq(id.get()))
        .filter(pa::id.eq(activity.get()))
        .select(ActivityRow::as_select())
        .first::<ActivityRow>(conn)
        .optional()?
        .map(PressActivity::try_from)
        .transpose()
}

/// Writes `fields` over the activity (and a new version) if it is still at
/// the version `current` was read at; `None` if another change came first.
/// The table's triggers widen `entry_spans` when the new times are longer.
pub fn update_activity(
    conn: &mut AnyConnection,
    current: &PressActivity,
    fields: &ActivityFields,
    at: DateTime<Utc>,
) -> ApiResult<Option<PressActivity>> {
    let row = diesel::update(
        pa::table
            .filter(pa::id.eq(current.id.get()))
            .filter(pa::version.eq(current.version)),
    )
    .set((
        fields,
        pa::updated_at.eq(at.naive_utc()),
        pa::version.eq(pa::version + 1),
    ))
    .returning(pa::all_columns)
    .get_result::<ActivityRow>(conn)
    .optional()?;
    row.map(PressActivity::try_from).transpose()
}

pub fn activities(conn: &mut AnyConnection, id: AccreditationId) -> ApiResult<Vec<PressActivity>> {
    pa::table
        .filter(pa::accreditation_id.eq(id.get()))
        .order((pa::starts_at.asc(), pa::id.asc()))
        .select(ActivityRow::as_select())
        .load::<ActivityRow>(conn)?
        .into_iter()
        .map(PressActivity::try_from)
        .collect()
}

/// Activities overlapping the window.
pub fn activities_in_window(
    conn: &mut AnyConnection,
    window: &super::super::schedule::Window,
) -> ApiResult<Vec<PressActivity>> {
    pa::table
        .filter(super::super::schedule::overlapping!(pa, window))
        .select(ActivityRow::as_select())
        .load::<ActivityRow>(conn)?
        .into_iter()
        .map(PressActivity::try_from)
        .collect()
}

pub fn insert_activity(
    conn: &mut AnyConnection,
    id: AccreditationId,
    fields: &ActivityFields,
    at: DateTime<Utc>,
) -> ApiResult<PressActivity> {
    let at = at.naive_utc();
    let row = diesel::insert_into(pa::table)
        .values((
            pa::accreditation_id.eq(id.get()),
            fields,
            pa::created_at.eq(at),
            pa::updated_at.eq(at),
            pa::version.eq(1_i64),
        ))
        .returning(pa::all_columns)
        .get_result::<ActivityRow>(conn)?;
    PressActivity::try_from(row)
}
