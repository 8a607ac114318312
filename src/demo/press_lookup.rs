//! How the demo finds what an earlier load made: reporters by name,
//! accreditations by their referral number, press conferences by title.

use super::press_people::ACCREDITATIONS;
use super::press_spec::Conference;
use crate::db::reporter::Filter;
use crate::db::{self, AnyConnection};
use crate::domain::ids::ReporterId;
use crate::domain::pagination::Limit;
use crate::domain::press::{Accreditation, Reporter};
use crate::domain::text::fold;
use crate::error::{ApiError, ApiResult};

fn max() -> ApiResult<Limit> {
    Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)
}

/// The demo reporter of this name (from an earlier load).
pub(super) fn find_reporter(conn: &mut AnyConnection, name: &str) -> ApiResult<Option<Reporter>> {
    let filter = Filter {
        words: fold(name).split_whitespace().map(str::to_owned).collect(),
        ..Default::default()
    };
    Ok(db::reporter::list(conn, &filter, None, max()?)?
        .into_iter()
        .find(|r| r.full_name == name))
}

pub(super) fn reporter_ids(conn: &mut AnyConnection, names: &[&str]) -> ApiResult<Vec<ReporterId>> {
    let mut ids = Vec::new();
    for name in names {
        let found = find_reporter(conn, name)?
            .ok_or_else(|| ApiError::internal(format_args!("demo reporter {name} is missing")))?;
        ids.push(found.id);
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// The accreditation with this referral number, among those of its first reporter.
pub(super) fn find_accreditation(
    conn: &mut AnyConnection,
    referral: &str,
) -> ApiResult<Option<Accreditation>> {
    let spec = ACCREDITATIONS
        .iter()
        .find(|s| s.referral == referral)
        .ok_or_else(|| ApiError::internal(format_args!("no demo accreditation {referral}")))?;
    let Some(first) = find_reporter(conn, spec.reporters[0])? else {
        return Ok(None);
    };
    let filter = db::accreditation::Filter {
        reporter_id: Some(first.id),
        ..Default::default()
    };
    Ok(db::accreditation::list(conn, &filter, None, max()?)?
        .into_iter()
        .find(|a| a.referral_number == referral))
}

/// Whether a press conference of this kind and title exists (from an earlier load).
pub(super) fn conference_exists(conn: &mut AnyConnection, c: &Conference) -> ApiResult<bool> {
    let filter = db::conference::Filter {
        kind: Some(c.kind),
        ..Default::default()
    };
    let limit = max()?;
    let mut after = None;
    loop {
        let page = db::conference::list(conn, &filter, after, limit)?;
        if page.iter().any(|x| x.title == c.title) {
            return Ok(true);
        }
        match page.get(limit.get()) {
            Some(_) => {
                after = page
                    .get(limit.get() - 1)
                    .map(|x| (x.starts_at.naive_utc(), x.id.get()))
            }
            None => return Ok(false),
        }
    }
}
