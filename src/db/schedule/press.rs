//! The press side's entries: press activities, interviews and press
//! conferences in a window, each with the nationalities of its reporters.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{Window, people};
use crate::db::AnyConnection;
use crate::db::schema::{
    accreditation_reporters as ar, interview_reporters as ir, press_conference_attendees as pca,
    reporters as rp,
};
use crate::domain::itinerary::ItemStatus;
use crate::domain::press::{AccreditationStatus, ConferenceStatus, InterviewStatus};
use crate::domain::schedule::{Entry, EntryKind, Foreigners, RecordRef};
use crate::error::ApiResult;

/// Nationalities of the reporters linked to each of `ids` through a join table.
fn reporter_nationalities<T>(
    conn: &mut AnyConnection,
    pairs: T,
) -> ApiResult<HashMap<i64, Vec<String>>>
where
    T: diesel::query_dsl::methods::LoadQuery<'static, AnyConnection, (i64, String)>,
{
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (owner, nationality) in pairs.load::<(i64, String)>(conn)? {
        out.entry(owner).or_default().push(nationality);
    }
    Ok(out)
}

pub(super) fn activity_entries(conn: &mut AnyConnection, window: &Window) -> ApiResult<Vec<Entry>> {
    let activities = super::super::accreditation::activities_in_window(conn, window)?;
    let mut ids: Vec<i64> = activities
        .iter()
        .map(|a| a.accreditation_id.get())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let nationalities = reporter_nationalities(
        conn,
        ar::table
            .inner_join(rp::table)
            .filter(ar::accreditation_id.eq_any(ids.clone()))
            .select((ar::accreditation_id, rp::nationality)),
    )?;
    let parents: HashMap<i64, _> = super::super::accreditation::find_many(conn, &ids)?
        .into_iter()
        .map(|a| (a.id.get(), a))
        .collect();
    let mut out = Vec::with_capacity(activities.len());
    for activity in activities {
        let id = activity.accreditation_id.get();
        let Some(acc) = parents.get(&id) else {
            continue;
        };
        let foreigners = Foreigners::of(
            nationalities
                .get(&id)
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        out.push(Entry {
            kind: EntryKind::PressActivity,
            id: activity.id.get(),
            record: RecordRef {
                kind: super::super::accreditation::KIND.into(),
                id,
                reference: acc.reference.clone(),
            },
            title: activity.title.clone(),
            starts_at: activity.starts_at,
            ends_at: activity.ends_at,
            time_zone: activity.time_zone,
            place: activity.place.name.clone(),
            status: activity.status.as_str().to_owned(),
            cancelled: activity.status == ItemStatus::Cancelled
                || matches!(
                    acc.status,
                    AccreditationStatus::Cancelled
                        | AccreditationStatus::Rejected
                        | AccreditationStatus::Revoked
                ),
            confirmed: matches!(
                acc.status,
                AccreditationStatus::Approved | AccreditationStatus::Completed
            ),
            escort_officer: activity
                .escort_officer
                .clone()
                .or_else(|| acc.escort_officer.clone()),
            leaders: people(activity.participants.as_deref()),
            foreigners: foreigners.clone(),
            security_review_status: Some(acc.review.status),
            version: activity.version,
            updated_at: activity.updated_at,
            conflicts: Default::default(),
        });
    }
    Ok(out)
}

pub(super) fn interview_entries(
    conn: &mut AnyConnection,
    window: &Window,
) -> ApiResult<Vec<Entry>> {
    let interviews = super::super::interview::in_window(conn, window)?;
    let ids: Vec<i64> = interviews.iter().map(|i| i.id.get()).collect();
    let nationalities = reporter_nationalities(
        conn,
        ir::table
            .inner_join(rp::table)
            .filter(ir::interview_id.eq_any(ids))
            .select((ir::interview_id, rp::nationality)),
    )?;
    Ok(interviews
        .into_iter()
        .map(|i| Entry {
            kind: EntryKind::Interview,
            id: i.id.get(),
            record: RecordRef {
                kind: "interview".into(),
                id: i.id.get(),
                reference: i.reference.clone(),
            },
            title: format!("Phỏng vấn {} ({})", i.interviewee_name, i.outlet),
            starts_at: i.starts_at,
            ends_at: i.ends_at,
            time_zone: i.time_zone,
            place: i.place.clone(),
            status: i.status.as_str().to_owned(),
            cancelled: i.status == InterviewStatus::Cancelled,
            confirmed: matches!(i.status, InterviewStatus::Approved | InterviewStatus::Done),
            escort_officer: None,
            leaders: vec![i.interviewee_name.clone()],
            foreigners: Foreigners::of(
                nationalities
                    .get(&i.id.get())
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            ),
            security_review_status: None,
            version: i.version,
            updated_at: i.updated_at,
            conflicts: Default::default(),
        })
        .collect())
}

pub(super) fn conference_entries(
    conn: &mut AnyConnection,
    window: &Window,
) -> ApiResult<Vec<Entry>> {
    let conferences = super::super::conference::in_window(conn, window)?;
    let ids: Vec<i64> = conferences.iter().map(|c| c.id.get()).collect();
    let nationalities = reporter_nationalities(
        conn,
        pca::table
            .inner_join(rp::table)
            .filter(pca::press_conference_id.eq_any(ids))
            .select((pca::press_conference_id, rp::nationality)),
    )?;
    Ok(conferences
        .into_iter()
        .map(|c| Entry {
            kind: EntryKind::PressConference,
            id: c.id.get(),
            record: RecordRef {
                kind: "press_conference".into(),
                id: c.id.get(),
                reference: c.reference.clone(),
            },
            title: c.title.clone(),
            starts_at: c.starts_at,
            ends_at: c.ends_at,
            time_zone: c.time_zone,
            place: c.venue.clone(),
            status: c.status.as_str().to_owned(),
            cancelled: c.status == ConferenceStatus::Cancelled,
            confirmed: matches!(
                c.status,
                ConferenceStatus::Announced | ConferenceStatus::Held
            ),
            escort_officer: None,
            leaders: c.speakers.clone(),
            foreigners: Foreigners::of(
                nationalities
                    .get(&c.id.get())
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            ),
            security_review_status: None,
            version: c.version,
            updated_at: c.updated_at,
            conflicts: Default::default(),
        })
        .collect())
}
