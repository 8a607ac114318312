//! The tables of the press lists: accreditations, interviews and press
//! conferences.

use super::cells::{code, count, local, table};
use crate::console::i18n::Tr;
use crate::documents::Table;
use crate::routes::accreditation::AccreditationView;
use crate::routes::conference::ConferenceView;
use crate::routes::interview::InterviewView;

pub(super) fn accreditations(t: Tr, views: impl Iterator<Item = AccreditationView>) -> Table {
    let mut table = table(
        t,
        "accreditations",
        &[
            "reference",
            "reporters",
            "topics",
            "places",
            "start",
            "end",
            "referral",
            "referral-date",
            "escort",
            "status",
        ],
    );
    for a in views {
        table.rows.push(vec![
            a.reference.into(),
            count(a.reporter_ids.len()),
            a.topics.into(),
            a.permitted_places.join("; ").into(),
            a.start_date.into(),
            a.end_date.into(),
            a.referral_number.into(),
            a.referral_date.into(),
            a.escort_officer.into(),
            t.name("press-status", &code(&a.status)).into(),
        ]);
    }
    table
}

pub(super) fn interviews(t: Tr, views: impl Iterator<Item = InterviewView>) -> Table {
    let mut table = table(
        t,
        "interviews",
        &[
            "reference",
            "interviewee",
            "position",
            "outlet",
            "starts",
            "ends",
            "zone",
            "place",
            "topics",
            "status",
        ],
    );
    for i in views {
        table.rows.push(vec![
            i.reference.into(),
            i.interviewee_name.into(),
            i.interviewee_position.into(),
            i.outlet.into(),
            local(t, &i.starts_at).into(),
            local(t, &i.ends_at).into(),
            i.time_zone.into(),
            i.place.into(),
            i.topics.into(),
            t.name("meetings-interview-status", &code(&i.status)).into(),
        ]);
    }
    table
}

pub(super) fn conferences(t: Tr, views: impl Iterator<Item = ConferenceView>) -> Table {
    let mut table = table(
        t,
        "conferences",
        &[
            "reference",
            "title",
            "kind",
            "starts",
            "ends",
            "zone",
            "venue",
            "topics",
            "speakers",
            "status",
        ],
    );
    for c in views {
        table.rows.push(vec![
            c.reference.into(),
            c.title.into(),
            t.name("meetings-kind", &code(&c.kind)).into(),
            local(t, &c.starts_at).into(),
            local(t, &c.ends_at).into(),
            c.time_zone.into(),
            c.venue.into(),
            c.topics.into(),
            c.speakers.join("; ").into(),
            t.name("meetings-conference-status", &code(&c.status))
                .into(),
        ]);
    }
    table
}
