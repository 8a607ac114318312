//! Every list of the API as a file a clerk opens in Excel: CSV (UTF-8 with
//! BOM) or .xlsx, at `GET /api/v1/exports/<list>?format=csv|xlsx&<the list's
//! own filters>`.
//!
//! Why this shape:
//! - One path per list under `/exports/` rather than `/<list>/export`:
//!   `/delegations/export` would sit beside `/delegations/{id}` and depend on
//!   the order of registration; under `/exports/` nothing overlaps, and each
//!   route keeps the list's own query type, so the OpenAPI document names
//!   the same filters as the list's.
//! - Every matching row, not one page: the export walks the list's own
//!   model read (`model::<record>::list`, with its visibility) page after
//!   page of 500, in one blocking handoff, and refuses with 422 past
//!   [`MAX_ROWS`] (asking for a narrower filter) instead of building an
//!   unbounded answer. `limit` and `cursor` of the list are ignored.
//! - Rows come from the list's own JSON views (`DelegationView::new`,
//!   `MemberView::new`, …), so a column hidden from a role in the JSON
//!   (personal data) is absent from its file too; no filter or visibility
//!   rule is written twice: each list's query type says its own filter
//!   (`AccreditationQuery::filter`, `ScheduleQuery::window`, …).
//! - Column headings and names of statuses come from the console's
//!   catalogues (`export-*`), in Vietnamese unless `lang=en`; the console
//!   serves the same files to its signed-in users (`console::pages::exports`).

pub mod api;
pub mod tables;

use actix_web::HttpResponse;
use actix_web::http::header;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::console::i18n::{Lang, Tr};
use crate::db::AnyConnection;
use crate::documents::Table;
use crate::domain::ids::DelegationId;
use crate::domain::pagination::Limit;
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::parse_query;

/// The most rows one file holds: past it, 422 asks for a narrower filter.
/// 50,000 rows of a dozen columns make a CSV of about 10 MB and an .xlsx
/// Excel opens in a few seconds; the province's busiest list (the audit of
/// a year) is well beyond it, and nobody reads that as one sheet.
pub const MAX_ROWS: usize = 50_000;

/// The file a client asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// UTF-8 with a byte-order mark, CRLF line ends (what Excel reads).
    #[default]
    Csv,
    /// An Excel workbook: one sheet, headings frozen, numbers as numbers.
    Xlsx,
}

/// The export's own parameters, beside the list's filters.
#[derive(Debug, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (default) or `xlsx`.
    #[param(inline)]
    pub format: Option<Format>,
    /// The language of the column headings and names: `vi` (default) or `en`.
    #[param(value_type = Option<String>, pattern = "^(vi|en)$", max_length = 2)]
    pub lang: Option<Lang>,
}

/// A list to export, with the filters it was asked for.
#[derive(Debug)]
pub enum Export {
    Delegations(super::delegation::DelegationQuery),
    Members(DelegationId),
    Reporters(super::reporter::ReporterQuery),
    Accreditations(super::accreditation::AccreditationQuery),
    Interviews(super::interview::InterviewQuery),
    Conferences(super::conference::ConferenceQuery),
    Schedule(super::schedule::ScheduleQuery),
    Audit(super::audit::AuditQuery),
}

impl Export {
    /// The list named `list` (the path under `/exports/`), its filters read
    /// from `query` as the list reads them; `None` for no such list.
    pub fn parse(list: &str, query: &str) -> Option<ApiResult<Self>> {
        Some(match list {
            "delegations" => parse_query(query).map(Self::Delegations),
            "reporters" => parse_query(query).map(Self::Reporters),
            "accreditations" => parse_query(query).map(Self::Accreditations),
            "interviews" => parse_query(query).map(Self::Interviews),
            "press-conferences" => parse_query(query).map(Self::Conferences),
            "schedule" => parse_query(query).map(Self::Schedule),
            "audit" => parse_query(query).map(Self::Audit),
            _ => return None,
        })
    }

    /// The file's name, without its extension (ASCII).
    pub fn file_stem(&self) -> String {
        let today = crate::domain::time::province_today();
        match self {
            Self::Delegations(_) => format!("delegations-{today}"),
            Self::Members(id) => format!("delegation-{id}-members"),
            Self::Reporters(_) => format!("reporters-{today}"),
            Self::Accreditations(_) => format!("accreditations-{today}"),
            Self::Interviews(_) => format!("interviews-{today}"),
            Self::Conferences(_) => format!("press-conferences-{today}"),
            Self::Schedule(_) => format!("schedule-{today}"),
            Self::Audit(_) => format!("audit-{today}"),
        }
    }

    /// Every row `caller` may see, as the list shows them, as a table.
    pub fn read(self, conn: &mut AnyConnection, caller: Caller, lang: Lang) -> ApiResult<Table> {
        self.check_page_size()?;
        tables::read(self, conn, caller, Tr::new(lang))
    }

    /// 422 for a `limit` or a `cursor` the list itself would refuse. A file
    /// holds every row and takes no page, but the list's parameters keep
    /// their bounds here (the document gives them the list's): `limit=0` or
    /// a cursor the list never gave out is no more accepted by an export
    /// than by its list (schemathesis, ST201).
    fn check_page_size(&self) -> ApiResult<()> {
        use super::cursor;
        use crate::db;
        let (limit, cursor) = match self {
            Self::Delegations(q) => (
                q.limit,
                cursor::<db::delegation::Cursor>(q.cursor.as_deref()).map(drop),
            ),
            Self::Reporters(q) => (q.limit, cursor::<(i64,)>(q.cursor.as_deref()).map(drop)),
            Self::Accreditations(q) => (
                q.limit,
                cursor::<db::accreditation::Cursor>(q.cursor.as_deref()).map(drop),
            ),
            Self::Interviews(q) => (
                q.limit,
                cursor::<db::interview::Cursor>(q.cursor.as_deref()).map(drop),
            ),
            Self::Conferences(q) => (
                q.limit,
                cursor::<db::conference::Cursor>(q.cursor.as_deref()).map(drop),
            ),
            Self::Audit(q) => (q.limit, cursor::<(i64,)>(q.cursor.as_deref()).map(drop)),
            Self::Members(_) | Self::Schedule(_) => (None, Ok(())),
        };
        super::limit(limit)?;
        cursor
    }
}

/// Every row of a list read page by page with `read` (the list's own
/// model read: `after` the key of the last row, `limit + 1` rows asked so
/// that the last page is known), keyed by `key` as the list's cursor is;
/// 422 past `cap` rows.
pub fn walk<T, K>(
    cap: usize,
    mut read: impl FnMut(Option<K>, Limit) -> ApiResult<Vec<T>>,
    key: impl Fn(&T) -> K,
) -> ApiResult<Vec<T>> {
    let limit = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut all: Vec<T> = Vec::new();
    let mut after = None;
    loop {
        let mut rows = read(after.take(), limit)?;
        let more = rows.len() > limit.get();
        rows.truncate(limit.get());
        all.extend(rows);
        if all.len() > cap {
            return Err(too_many(cap));
        }
        match all.last() {
            Some(last) if more => after = Some(key(last)),
            _ => return Ok(all),
        }
    }
}

/// 422 for a list longer than a file holds.
pub fn too_many(cap: usize) -> ApiError {
    ApiError::invalid(
        "query",
        format!("more than {cap} rows match; narrow the filters (a shorter period, a status)"),
    )
}

/// The answer carrying `table` as a file to save.
pub fn file(table: &Table, format: Format, stem: &str) -> ApiResult<HttpResponse> {
    let (bytes, content_type, extension) = match format {
        Format::Csv => (
            crate::documents::csv::write(table),
            "text/csv; charset=utf-8",
            "csv",
        ),
        Format::Xlsx => (
            crate::documents::xlsx::workbook(std::slice::from_ref(table))
                .map_err(ApiError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    Ok(attachment(
        bytes,
        content_type,
        &format!("{stem}.{extension}"),
    ))
}

/// The answer carrying `bytes` as a file named `name` to save (exports and
/// the reports' documents alike): never kept by a cache, its name also in
/// UTF-8.
pub fn attachment(bytes: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, disposition(name)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes)
}

/// `attachment` with an ASCII name and, for clients that read it, the
/// same name in UTF-8 (RFC 6266, RFC 8187).
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = percent_encode(name);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_reads_every_page_and_stops_at_the_cap() {
        let rows: Vec<i64> = (1..=1234).collect();
        let read = |after: Option<i64>, limit: Limit| {
            let start = after.map_or(0, |a| usize::try_from(a).unwrap());
            Ok(rows
                .iter()
                .copied()
                .skip(start)
                .take(usize::try_from(limit.probe()).unwrap())
                .collect())
        };
        let all = walk(5_000, read, |r| *r).unwrap();
        assert_eq!(all, rows);
        let refused = walk(1_000, read, |r| *r).unwrap_err();
        assert!(matches!(refused, ApiError::Invalid(_)), "{refused:?}");
        assert_eq!(walk(1_234, read, |r| *r).unwrap().len(), 1_234);
    }

    #[test]
    fn a_file_name_has_an_ascii_fallback() {
        assert_eq!(
            disposition("đoàn-2026.csv"),
            "attachment; filename=\"_o_n-2026.csv\"; filename*=UTF-8''%C4%91o%C3%A0n-2026.csv"
        );
    }
}
