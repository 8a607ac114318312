//! How the demo's press side is written down: reporters and press activities
//! as small `|`-separated tables, accreditations, interviews and press
//! conferences as plain data with the steps of their story; read and
//! checked here.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::db::accreditation::ActivityFields;
use crate::db::reporter::ReporterFields;
use crate::domain::itinerary::{ItemStatus, check_span, parse_time};
use crate::domain::press::{ActivityKind, ConferenceKind};
use crate::domain::review::ReviewStatus;
use crate::domain::text::{CountryCode, parse_passport};
use crate::domain::time::PROVINCE_TZ;

/// The police officer who records the demo's security reviews.
pub(super) const POLICE_OFFICER: &str =
    "Thiếu tá Nguyễn Quang Trung, Phòng An ninh đối ngoại – Công an tỉnh";

/// One demo accreditation and what happened to it.
#[derive(Debug)]
pub(super) struct AccSpec {
    /// The referring letter's number: the accreditation's identity in the demo.
    pub referral: &'static str,
    /// The letter is dated this many days before the start (never after today).
    pub referral_lead: i64,
    /// Full names from the reporter table.
    pub reporters: &'static [&'static str],
    pub topics: &'static str,
    pub places: &'static [&'static str],
    /// The first day, in days from today in the province (negative: past).
    pub starts_in: i64,
    pub days: i64,
    /// Sở Ngoại vụ's escort officer (also of each activity).
    pub escort: &'static str,
    /// One per line: `day|HH:MM-HH:MM|kind|title|place|address|district|participants`;
    /// day 0 is the first day, times are in Asia/Ho_Chi_Minh.
    pub activities: &'static str,
    /// What happened to it, in order (nothing: a draft).
    pub steps: &'static [AccStep],
    /// What happens after its interviews and press conferences are arranged
    /// (they need it approved when they are).
    pub close: Option<Close>,
}

/// A step of an accreditation's story, taken as the API would take it.
#[derive(Debug, Clone, Copy)]
pub(super) enum AccStep {
    Submit,
    /// Sở Ngoại vụ plans the next n activities of the table.
    Plan(usize),
    /// The police's review: status and notes (by [`POLICE_OFFICER`]).
    Review(ReviewStatus, &'static str),
    Approve,
    Reject(&'static str),
    Cancel(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Close {
    /// Sở Ngoại vụ records the programme completed.
    Complete,
    /// The police revoke it: why.
    Revoke(&'static str),
}

/// One demo interview with a provincial leader.
#[derive(Debug)]
pub(super) struct InterviewSpec {
    pub interviewee: &'static str,
    pub position: &'static str,
    pub outlet: &'static str,
    pub reporters: &'static [&'static str],
    /// The referral number of the accreditation covering it (foreign reporters).
    pub accreditation: Option<&'static str>,
    /// Its day, in days from today.
    pub starts_in: i64,
    pub hours: &'static str,
    pub place: &'static str,
    pub topics: &'static str,
    pub questions: &'static str,
    pub steps: &'static [InterviewStep],
}

#[derive(Debug, Clone, Copy)]
pub(super) enum InterviewStep {
    Approve,
    Complete,
    Cancel(&'static str),
}

/// One demo press conference, its day worked out from today.
#[derive(Debug, Clone)]
pub(super) struct Conference {
    pub title: String,
    pub kind: ConferenceKind,
    pub day: NaiveDate,
    pub hours: &'static str,
    pub topics: String,
    pub speakers: &'static [&'static str],
    /// A foreign reporter (full name) who attends, accredited for the day.
    pub foreign: Option<&'static str>,
    pub steps: &'static [ConferenceStep],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ConferenceStep {
    Announce,
    /// The Provincial Office registers the attendees.
    Register,
    Complete,
    Cancel(&'static str),
}

fn opt(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

pub(super) fn rows(table: &'static str) -> impl Iterator<Item = &'static str> {
    table.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// `HH:MM-HH:MM` on `day` in the province's zone.
pub(super) fn span(day: NaiveDate, hours: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let (from, to) = hours.split_once('-').ok_or("bad hours")?;
    let starts = parse_time(&format!("{day}T{from}"), PROVINCE_TZ)?;
    let ends = parse_time(&format!("{day}T{to}"), PROVINCE_TZ)?;
    check_span(starts, ends, PROVINCE_TZ, day, day).map_err(|(_, why)| why)?;
    Ok((starts, ends))
}

/// A reporter: `full name|nationality|passport|outlet|outlet country|position|press card|email|phone`.
pub(super) fn reporter(line: &str) -> Result<ReporterFields, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    let [
        name,
        nationality,
        passport,
        outlet,
        country,
        position,
        card,
        email,
        phone,
    ] = fields[..]
    else {
        return Err(format!("demo reporter {line:?} needs 9 fields"));
    };
    let bad = |what: &str| format!("demo reporter {line:?} has a bad {what}");
    let code = |raw: &str, what: &str| {
        CountryCode::parse(raw)
            .map(|c| c.as_str().to_owned())
            .map_err(|_| bad(what))
    };
    if name.is_empty() || outlet.is_empty() || position.is_empty() {
        return Err(bad("name, outlet or position"));
    }
    Ok(ReporterFields {
        full_name: name.to_owned(),
        nationality: code(nationality, "nationality")?,
        passport_number: opt(passport)
            .map(|p| parse_passport(&p).map_err(|_| bad("passport number")))
            .transpose()?,
        outlet: outlet.to_owned(),
        outlet_country: code(country, "outlet country")?,
        position: position.to_owned(),
        press_card_number: opt(card),
        email: opt(email),
        phone: opt(phone),
        search_text: String::new(),
    }
    .with_search())
}

impl AccSpec {
    /// First and last day, counted from `today`.
    pub fn dates(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let start = today + TimeDelta::days(self.starts_in);
        (start, start + TimeDelta::days(self.days - 1))
    }

    pub fn referral_date(&self, today: NaiveDate) -> NaiveDate {
        (self.dates(today).0 - TimeDelta::days(self.referral_lead)).min(today)
    }

    /// The activities, each checked to lie within the dates.
    pub fn activities(&self, today: NaiveDate) -> Result<Vec<ActivityFields>, String> {
        let (first, last) = self.dates(today);
        rows(self.activities)
            .map(|line| {
                self.activity(line, first, last)
                    .map_err(|e| format!("demo activity {line:?}: {e}"))
            })
            .collect()
    }

    fn activity(
        &self,
        line: &str,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<ActivityFields, String> {
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        let [
            day,
            hours,
            kind,
            title,
            place,
            address,
            district,
            participants,
        ] = fields[..]
        else {
            return Err("needs 8 fields".into());
        };
        let date = first + TimeDelta::days(day.parse().map_err(|_| "bad day")?);
        let (starts, ends) = span(date, hours)?;
        check_span(starts, ends, PROVINCE_TZ, first, last).map_err(|(_, why)| why)?;
        if title.is_empty() || place.is_empty() {
            return Err("needs a title and a place".into());
        }
        Ok(ActivityFields {
            starts_at: starts.naive_utc(),
            ends_at: ends.naive_utc(),
            time_zone: PROVINCE_TZ.name().to_owned(),
            kind: ActivityKind::parse(kind)
                .ok_or("bad kind")?
                .as_str()
                .to_owned(),
            title: title.to_owned(),
            place_name: place.to_owned(),
            place_address: opt(address),
            place_district: opt(district),
            participants: opt(participants),
            escort_officer: Some(self.escort.to_owned()),
            status: ItemStatus::Planned.as_str().to_owned(),
        })
    }
}

impl InterviewSpec {
    pub fn day(&self, today: NaiveDate) -> NaiveDate {
        today + TimeDelta::days(self.starts_in)
    }
}
