//! The report files to download (.docx, .xlsx): a unit's report and the
//! province's compiled one.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::session::Visit;
use crate::domain::ids::UnitReportId;
use crate::domain::time::province_today;
use crate::model;
use crate::routes::report::documents::{self, DocumentFormat};

use super::parse_period;

/// What a download link asks for: `format=xlsx` for the tables, the .docx
/// otherwise (a link, not a form: nothing to refuse).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct FileQuery {
    period: String,
    format: String,
}

impl FileQuery {
    fn format(&self) -> DocumentFormat {
        if self.format == "xlsx" {
            DocumentFormat::Xlsx
        } else {
            DocumentFormat::Docx
        }
    }
}

/// Reads the report file `make` builds for the signed-in person, under the
/// gate of big answers (as the API's documents are), and answers it.
async fn download(
    state: &AppState,
    visit: &Visit,
    format: DocumentFormat,
    make: impl FnOnce(&mut crate::db::AnyConnection, crate::domain::role::Caller) -> ApiResultFile
    + Send
    + 'static,
) -> Result<HttpResponse, PageError> {
    let read = state
        .limits
        .big_answer(async {
            Ok(visit
                .read(state, move |conn, account| {
                    let file = make(conn, account.caller)?;
                    Ok((file.stem.clone(), documents::render(&file, format)?))
                })
                .await)
        })
        .await?;
    let (_, (stem, file)) = read?;
    Ok(visit.finish(documents::answer(&stem, file)))
}

type ApiResultFile = crate::error::ApiResult<model::report::document::ReportFile>;

/// `GET /reports/{id}/document?format=docx|xlsx`: a report the person may
/// read, as the office files it (404 otherwise, as its page).
#[get("/{id}/document")]
pub async fn document(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<UnitReportId>,
    query: web::Query<FileQuery>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    download(&state, &visit, query.format(), move |conn, caller| {
        model::report::document::of_unit_report(conn, caller, id, province_today())
    })
    .await
}

/// `GET /reports/overview/document?period=&format=docx|xlsx`: the
/// province's report of the period as the compiling unit compiles it (the
/// compiling unit and the administrator; the 403 page otherwise).
#[get("/overview/document")]
pub async fn province_document(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<FileQuery>,
) -> Result<HttpResponse, PageError> {
    let period = parse_period(&query.period)?;
    download(&state, &visit, query.format(), move |conn, caller| {
        model::report::document::of_province(conn, caller, period, province_today())
    })
    .await
}
