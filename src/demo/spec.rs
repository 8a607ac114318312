//! How the demo's delegations are written down: plain data, members and
//! itinerary items as small `|`-separated tables, read and checked here.

use chrono::{NaiveDate, TimeDelta};

use crate::db::itinerary::ItemFields;
use crate::db::member::MemberFields;
use crate::domain::delegation::{Direction, Gender, MemberRole, Recommendation};
use crate::domain::itinerary::{ItemKind, ItemStatus, check_span, parse_time};
use crate::domain::review::ReviewStatus;
use crate::domain::text::{CountryCode, parse_passport, parse_zone};
use crate::domain::time::PROVINCE_TZ;

/// One demo delegation and what happened to it.
#[derive(Debug)]
pub(super) struct Spec {
    pub direction: Direction,
    pub title: &'static str,
    pub purpose: &'static str,
    pub partner: &'static str,
    pub countries: &'static [&'static str],
    /// The name of the host (incoming) or sending (outgoing) unit.
    pub host: &'static str,
    /// The first day, in days from today in the province (negative: past).
    pub starts_in: i64,
    pub days: i64,
    /// One per line: `role|gender|born|nationality|passport|full name|organisation|position`
    /// (gender `m` or `f`; an empty passport is one not given yet). The head
    /// of delegation is the member whose role is `head`.
    pub members: &'static str,
    /// One per line: `day|HH:MM-HH:MM|zone|kind|title|place|address|district|participants|escort`.
    /// Day 0 is the first day; an empty zone is the province's; an end at or
    /// before the start is on the next day.
    pub items: &'static str,
    /// What happened to it, in order (nothing: a draft).
    pub steps: &'static [Step],
}

/// A step of a delegation's story, taken as the API would take it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step {
    Submit,
    /// Sở Ngoại vụ sends it back: what to fix.
    Return(&'static str),
    /// The police's review: status, officer, notes.
    Review(ReviewStatus, &'static str, &'static str),
    Appraise(Recommendation, &'static str),
    /// The province's decision number (dated ten days before the start, or today).
    Approve(&'static str),
    Reject(&'static str),
    Complete,
    Report(&'static str),
    Cancel(&'static str),
    /// Sở Ngoại vụ cancels the n-th itinerary item (0-based, in the table's order).
    CancelItem(usize),
}

/// Every demo delegation.
pub(super) fn all() -> impl Iterator<Item = &'static Spec> {
    super::incoming_asia::SPECS
        .iter()
        .chain(super::incoming_others::SPECS)
        .chain(super::outgoing_asia::SPECS)
        .chain(super::outgoing_europe::SPECS)
}

fn opt(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn rows(table: &'static str) -> impl Iterator<Item = &'static str> {
    table.lines().map(str::trim).filter(|l| !l.is_empty())
}

impl Spec {
    /// First and last day, counted from `today`.
    pub fn dates(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let start = today + TimeDelta::days(self.starts_in);
        (start, start + TimeDelta::days(self.days - 1))
    }

    pub fn members(&self) -> Result<Vec<MemberFields>, String> {
        rows(self.members).map(member).collect()
    }

    /// "Name – position, organisation" of the member whose role is `head`.
    pub fn head(&self, members: &[MemberFields]) -> Result<String, String> {
        let mut heads = members.iter().filter(|m| m.role == "head");
        match (heads.next(), heads.next()) {
            (Some(m), None) => Ok(format!(
                "{} – {}, {}",
                m.full_name,
                m.position.as_deref().unwrap_or_default(),
                m.organization.as_deref().unwrap_or_default()
            )),
            _ => Err(format!("demo {:?} needs exactly one head", self.title)),
        }
    }

    /// The itinerary, each item checked to lie within the dates in its own zone.
    pub fn items(&self, today: NaiveDate) -> Result<Vec<ItemFields>, String> {
        let (start, end) = self.dates(today);
        rows(self.items)
            .map(|line| item(line, start, end).map_err(|e| format!("demo item {line:?}: {e}")))
            .collect()
    }
}

fn member(line: &str) -> Result<MemberFields, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    let [
        role,
        gender,
        born,
        nationality,
        passport,
        name,
        organization,
        position,
    ] = fields[..]
    else {
        return Err(format!("demo member {line:?} needs 8 fields"));
    };
    let bad = |what: &str| format!("demo member {line:?} has a bad {what}");
    let gender = match gender {
        "m" => Gender::Male,
        "f" => Gender::Female,
        _ => return Err(bad("gender")),
    };
    Ok(MemberFields {
        full_name: name.to_owned(),
        gender: Some(gender.as_str().to_owned()),
        date_of_birth: Some(born.parse().map_err(|_| bad("date of birth"))?),
        nationality: CountryCode::parse(nationality)
            .map_err(|_| bad("nationality"))?
            .as_str()
            .to_owned(),
        passport_number: opt(passport)
            .map(|p| parse_passport(&p).map_err(|_| bad("passport number")))
            .transpose()?,
        organization: opt(organization),
        position: opt(position),
        role: MemberRole::parse(role)
            .ok_or_else(|| bad("role"))?
            .as_str()
            .to_owned(),
        email: None,
        phone: None,
    })
}

fn item(line: &str, first: NaiveDate, last: NaiveDate) -> Result<ItemFields, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    let [
        day,
        hours,
        zone,
        kind,
        title,
        place,
        address,
        district,
        participants,
        escort,
    ] = fields[..]
    else {
        return Err("needs 10 fields".into());
    };
    let date = first + TimeDelta::days(day.parse().map_err(|_| "bad day")?);
    let zone = match zone {
        "" => PROVINCE_TZ,
        name => parse_zone(name)?,
    };
    let (from, to) = hours.split_once('-').ok_or("bad hours")?;
    let starts = parse_time(&format!("{date}T{from}"), zone)?;
    let mut ends = parse_time(&format!("{date}T{to}"), zone)?;
    if ends <= starts {
        let next = date.succ_opt().ok_or("bad day")?;
        ends = parse_time(&format!("{next}T{to}"), zone)?;
    }
    check_span(starts, ends, zone, first, last).map_err(|(_, why)| why)?;
    if title.is_empty() || place.is_empty() {
        return Err("needs a title and a place".into());
    }
    Ok(ItemFields {
        starts_at: starts.naive_utc(),
        ends_at: ends.naive_utc(),
        time_zone: zone.name().to_owned(),
        kind: ItemKind::parse(kind).ok_or("bad kind")?.as_str().to_owned(),
        title: title.to_owned(),
        place_name: place.to_owned(),
        place_address: opt(address),
        place_district: opt(district),
        participants: opt(participants),
        escort_officer: opt(escort),
        status: ItemStatus::Planned.as_str().to_owned(),
        import_uid: None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_demo_delegation_reads_and_fits_its_dates_on_any_day() {
        let mut titles = HashSet::new();
        let base: NaiveDate = "2025-01-01".parse().unwrap();
        for spec in all() {
            assert!(titles.insert(spec.title), "{} twice", spec.title);
            assert!(!spec.countries.is_empty());
            for c in spec.countries {
                assert!(CountryCode::parse(c).is_ok(), "{c}");
            }
            let members = spec.members().unwrap();
            assert!(!members.is_empty(), "{}", spec.title);
            spec.head(&members).unwrap();
            if spec.direction == Direction::Outgoing {
                assert!(members.iter().all(|m| m.nationality == "VN"));
            }
            let completes = spec.steps.iter().any(|s| matches!(s, Step::Complete));
            // Every day of two years: the clocks of Berlin and Paris change meanwhile.
            for n in 0..731 {
                let today = base + TimeDelta::days(n);
                let items = spec.items(today).unwrap();
                assert!(!items.is_empty(), "{}", spec.title);
                if completes {
                    assert!(spec.dates(today).1 <= today, "{} ends later", spec.title);
                }
            }
        }
        assert!(titles.len() >= 12);
    }
}
