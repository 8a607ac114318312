//! Importing a delegation's itinerary from an .ics file a partner sent:
//! a file field in a plain form (`multipart/form-data`), read as the API
//! reads the same file (`POST …/itinerary/import`), all or nothing: one
//! invalid event and nothing is imported, each problem named by its event.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::Head;
use super::itinerary::editable;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::Visit;
use crate::domain::FieldError;
use crate::domain::ical_import::{self, ReadError};
use crate::domain::ids::DelegationId;
use crate::error::ApiError;
use crate::model;
use crate::routes::import::CALENDAR_FILE_LIMIT;

#[derive(Template)]
#[template(path = "delegation/import.html")]
struct ImportPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
}

/// `GET /delegations/{id}/itinerary/import`: the form.
#[get("/{id}/itinerary/import")]
pub async fn import_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
) -> Result<HttpResponse, PageError> {
    show(&state, &visit, id.into_inner(), FormErrors::default()).await
}

async fn show(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let (account, (d, _)) = editable(state, visit, id, None).await?;
    let head = Head::of(&d);
    let action = format!("{}/itinerary/import", head.href);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ImportPage {
        c: Chrome::new(visit, Some(&account), Nav::Delegations, &action),
        errors,
        head,
        action,
    };
    page::html_with(visit, status, &page)
}

/// `POST /delegations/{id}/itinerary/import`: the file's events become
/// items (or update those an earlier import of them made).
#[post("/{id}/itinerary/import")]
pub async fn import(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<DelegationId>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let sent = boundary(&req)
        .and_then(|b| Form::parse(&body, &b))
        .unwrap_or_default();
    visit.check_csrf(sent.csrf.as_deref().unwrap_or_default())?;
    let file = sent.file.unwrap_or_default();
    let refuse = |message: String| FormErrors(vec![FieldError::new("file", message)]);
    if file.is_empty() {
        return show(&state, &visit, id, refuse(t.t("delegation-import-choose"))).await;
    }
    if file.len() > CALENDAR_FILE_LIMIT {
        return show(&state, &visit, id, refuse(t.t("delegation-import-too-big"))).await;
    }
    // Who may import, first: a file is read only for one who may (as the API).
    editable(&state, &visit, id, None).await?;
    let events = web::block(move || ical_import::read(&file))
        .await
        .map_err(|e| ApiError::internal(format_args!("the import's reader: {e}")))?;
    let events = match events {
        Ok(events) => events,
        Err(e) => {
            let message = match e {
                ReadError::Syntax(_) => t.t("delegation-import-not-ics"),
                other => t.phrase(&other.to_string()),
            };
            return show(&state, &visit, id, refuse(message)).await;
        }
    };
    let outcome = visit
        .write(&state.db, move |conn, caller| {
            model::import::import(conn, caller, id, &events, false)
        })
        .await;
    match outcome {
        Ok(report) => Ok(page::see_other(&format!(
            "{}?done=imported&imported={}&updated={}&unchanged={}#h-itinerary",
            super::href(id),
            report.imported,
            report.updated,
            report.unchanged
        ))),
        Err(PageError::Api(ApiError::Invalid(fields))) => {
            show(&state, &visit, id, event_errors(fields, t)).await
        }
        Err(PageError::Api(e @ ApiError::Conflict { .. })) => {
            let errors = super::form::errors(e, t, &[])?;
            show(&state, &visit, id, errors).await
        }
        Err(other) => Err(other),
    }
}

/// The import's refusals (`events[3].SUMMARY`: "missing: … (UID x)") as
/// the form shows them: each on the file field, naming its event.
fn event_errors(fields: Vec<FieldError>, t: Tr) -> FormErrors {
    FormErrors(
        fields
            .into_iter()
            .map(|f| {
                let (message, uid) = match f.message.rfind(" (UID ") {
                    Some(at) if f.message.ends_with(')') => (
                        &f.message[..at],
                        Some(&f.message[at + 6..f.message.len() - 1]),
                    ),
                    _ => (f.message.as_str(), None),
                };
                let (event, property) = f
                    .field
                    .strip_prefix("events[")
                    .and_then(|rest| rest.split_once("]."))
                    .and_then(|(i, p)| Some((i.parse::<usize>().ok()? + 1, p)))
                    .unwrap_or((0, f.field.as_str()));
                let id = if uid.is_some() {
                    "delegation-import-event-error-uid"
                } else {
                    "delegation-import-event-error"
                };
                let text = t.with(
                    id,
                    &[
                        ("number", event.into()),
                        ("property", property.to_owned().into()),
                        ("uid", uid.unwrap_or_default().to_owned().into()),
                        ("message", t.phrase(message).into()),
                    ],
                );
                FieldError::new("file", text)
            })
            .collect(),
    )
}

/// The boundary of a `multipart/form-data` body, from its content type.
fn boundary(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mut params = value.split(';');
    if !params
        .next()?
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
    {
        return None;
    }
    params.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The two fields of the import form (RFC 7578): the CSRF token and the file.
#[derive(Debug, Default)]
struct Form {
    csrf: Option<String>,
    file: Option<Vec<u8>>,
}

impl Form {
    fn parse(body: &[u8], boundary: &str) -> Option<Self> {
        if boundary.is_empty() || boundary.len() > 70 {
            return None;
        }
        let delimiter = format!("\r\n--{boundary}");
        let mut found = Form::default();
        // The first delimiter may open the body without the line break.
        let start = format!("--{boundary}");
        let mut rest = body.strip_prefix(start.as_bytes()).or_else(|| {
            let at = find(body, delimiter.as_bytes())?;
            Some(&body[at + delimiter.len()..])
        })?;
        loop {
            if rest.starts_with(b"--") {
                return Some(found);
            }
            rest = rest.strip_prefix(b"\r\n")?;
            let head_end = find(rest, b"\r\n\r\n")?;
            let head = std::str::from_utf8(&rest[..head_end]).ok()?;
            let content = &rest[head_end + 4..];
            let end = find(content, delimiter.as_bytes())?;
            let value = &content[..end];
            match part_name(head).as_deref() {
                Some("csrf") => found.csrf = String::from_utf8(value.to_vec()).ok(),
                Some("file") => found.file = Some(value.to_vec()),
                _ => {}
            }
            rest = &content[end + delimiter.len()..];
        }
    }
}

/// The `name` of a part, from its `Content-Disposition: form-data` header.
fn part_name(head: &str) -> Option<String> {
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then_some(value)
        })?
        .split(';')
        .find_map(|p| {
            let (key, value) = p.split_once('=')?;
            (key.trim() == "name").then(|| value.trim().trim_matches('"').to_owned())
        })
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forms_file_and_token_are_found_between_its_boundaries() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"name=a.ics\"\r\n\
Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n\r\n--XyZ--\r\n";
        let form = Form::parse(body, "XyZ").unwrap();
        assert_eq!(form.csrf.as_deref(), Some("tok"));
        assert_eq!(
            form.file.as_deref(),
            Some(&b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"[..])
        );
    }

    #[test]
    fn a_body_without_its_closing_boundary_is_not_a_form() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok";
        assert!(Form::parse(body, "XyZ").is_none());
        assert!(Form::parse(b"", "XyZ").is_none());
        assert!(Form::parse(b"anything", "").is_none());
    }
}
