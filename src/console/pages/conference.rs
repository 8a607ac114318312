//! The province's press conferences in the console: the list, planning one
//! (periodic or ad hoc, speakers, venue, topics, date and time), and its
//! page with its attendees (a foreign reporter only with an accreditation
//! covering the day: the operation refuses otherwise, and the form says
//! why) and the actions the workflow opens to the person (announce,
//! complete, cancel: `domain::press::conference_allowed`).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::delegation::form::{self, Reader, text};
use super::delegation::{Choice, choices};
use super::interview::{ActionForm, ActionPage, Offer, here, most, reporter_label, status_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::Visit;
use crate::db;
use crate::domain::ids::{PressConferenceId, ReporterId};
use crate::domain::pagination::{Limit, page as split};
use crate::domain::press::{self as rules, ConferenceAction, ConferenceKind, ConferenceStatus};
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::model::conference::{AttendeeInput, ConferenceInput};

/// This part's routes, under `/press-conferences`.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/press-conferences")
            .service(list)
            .service(new_form)
            .service(create)
            .service(show)
            .service(add_attendee)
            .service(action_form)
            .service(act),
    );
}

// ---------------------------------------------------------------------------
// The list.

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    kind: String,
    cursor: String,
}

#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    title: String,
    kind: String,
    when: String,
    venue: String,
    status: &'static str,
    status_name: String,
}

#[derive(Template)]
#[template(path = "conference/list.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    statuses: Vec<Choice>,
    kinds: Vec<Choice>,
    may_create: bool,
    rows: Option<Vec<Row>>,
    next: Option<String>,
    first: Option<String>,
    filtered: bool,
}

fn list_href(q: &ListQuery, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [("status", &q.status), ("kind", &q.kind)] {
        if !value.trim().is_empty() {
            url.append_pair(name, value);
        }
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        s if s.is_empty() => "/press-conferences".to_owned(),
        s => format!("/press-conferences?{s}"),
    }
}

/// `GET /press-conferences`: newest first, by status and kind.
#[get("")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let q = query.into_inner();
    let t = visit.tr();
    let mut read = Reader::new();
    let status = read.choice("status", &q.status, ConferenceStatus::parse);
    let kind = read.choice("kind", &q.kind, ConferenceKind::parse);
    let search = read
        .finish()
        .and_then(|()| model::input::cursor::<db::conference::Cursor>(text(&q.cursor).as_deref()));
    let (errors, search) = match search {
        Ok(after) => (FormErrors::default(), Some(after)),
        Err(e) => (form::errors(e, t, &["status", "kind"])?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, rows) = visit
        .read(&state, move |conn, account| {
            let filter = db::conference::Filter {
                status,
                kind,
                ..Default::default()
            };
            search
                .map(|after| model::conference::list(conn, account.caller, &filter, after, limit))
                .transpose()
        })
        .await?;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |c| (c.starts_at.naive_utc(), c.id.get()));
            let rows = rows
                .into_iter()
                .map(|c| Row {
                    href: format!("/press-conferences/{}", c.id),
                    reference: c.reference.clone(),
                    title: c.title.clone(),
                    kind: t.name("meetings-kind", c.kind.as_str()),
                    when: t.date_time(&c.starts_at, c.time_zone),
                    venue: c.venue.clone(),
                    status: c.status.as_str(),
                    status_name: t.name("meetings-conference-status", c.status.as_str()),
                })
                .collect();
            (Some(rows), next.map(|cursor| list_href(&q, Some(&cursor))))
        }
        None => (None, None),
    };
    page::html_with(
        &visit,
        status_of(&errors),
        &ListPage {
            c: Chrome::new(
                &visit,
                Some(&account),
                Nav::Press,
                &here(&req, "/press-conferences"),
            ),
            errors,
            statuses: choices(
                ConferenceStatus::ALL,
                ConferenceStatus::as_str,
                "meetings-conference-status",
                &q.status,
                t,
            ),
            kinds: choices(
                ConferenceKind::ALL,
                ConferenceKind::as_str,
                "meetings-kind",
                &q.kind,
                t,
            ),
            may_create: rules::writes_conferences(account.caller.role),
            rows,
            next,
            first: text(&q.cursor).map(|_| list_href(&q, None)),
            filtered: !q.status.trim().is_empty() || !q.kind.trim().is_empty(),
        },
    )
}

// ---------------------------------------------------------------------------
// Planning one.

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct NewForm {
    csrf: String,
    title: String,
    kind: String,
    date: String,
    starts_at: String,
    ends_at: String,
    venue: String,
    topics: String,
    /// One speaker a line.
    speakers: String,
}

const ORDER: &[&str] = &[
    "title",
    "kind",
    "date",
    "starts_at",
    "ends_at",
    "venue",
    "topics",
    "speakers",
];

impl NewForm {
    fn input(&self) -> Result<ConferenceInput, ApiError> {
        let mut read = Reader::new();
        let kind = read.required_choice("kind", &self.kind, ConferenceKind::parse);
        read.required_date("date", &self.date);
        let starts_at = if read.has("date") {
            None
        } else {
            read.local_time("starts_at", &self.date, &self.starts_at)
        };
        let ends_at = if read.has("date") {
            None
        } else {
            read.local_time("ends_at", &self.date, &self.ends_at)
        };
        let input = ConferenceInput {
            title: self.title.clone(),
            kind: kind.unwrap_or(ConferenceKind::Periodic),
            starts_at: starts_at.unwrap_or_default(),
            ends_at: ends_at.unwrap_or_default(),
            time_zone: None,
            venue: self.venue.clone(),
            topics: self.topics.clone(),
            speakers: self
                .speakers
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect(),
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }
}

#[derive(Template)]
#[template(path = "conference/new.html")]
struct NewPage {
    c: Chrome,
    errors: FormErrors,
    kinds: Vec<Choice>,
    form: NewForm,
}

async fn render_new(
    state: &AppState,
    visit: &Visit,
    form: NewForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let (account, ()) = visit
        .read(state, |_, account| {
            model::reporter::require_press(account.caller)
        })
        .await?;
    if !rules::writes_conferences(account.caller.role) {
        return Err(form::not_open());
    }
    let t = visit.tr();
    let page = NewPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, "/press-conferences/new"),
        errors,
        kinds: choices(
            ConferenceKind::ALL,
            ConferenceKind::as_str,
            "meetings-kind",
            &form.kind,
            t,
        ),
        form,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /press-conferences/new`.
#[get("/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    render_new(&state, &visit, NewForm::default(), FormErrors::default()).await
}

/// `POST /press-conferences`: plans it.
#[post("")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    body: web::Form<NewForm>,
) -> Result<HttpResponse, PageError> {
    let form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let done = match form.input() {
        Ok(input) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::conference::create(conn, caller, input)
                })
                .await
        }
        Err(e) => Err(PageError::Api(e)),
    };
    match done {
        Ok(c) => Ok(page::see_other(&format!(
            "/press-conferences/{}?done=created",
            c.id
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, visit.tr(), ORDER)?;
            render_new(&state, &visit, form, errors).await
        }
        Err(other) => Err(other),
    }
}

// ---------------------------------------------------------------------------
// Its page: details, attendees, actions.

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RecordQuery {
    done: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AttendeeForm {
    csrf: String,
    outlet: String,
    name: String,
    reporter_id: String,
}

const ATTENDEE_ORDER: &[&str] = &["outlet", "name", "reporter_id"];

#[derive(Debug)]
struct AttendeeRow {
    outlet: String,
    name: String,
    reporter: Option<String>,
}

#[derive(Template)]
#[template(path = "conference/record.html")]
struct RecordPage {
    c: Chrome,
    id: PressConferenceId,
    notice: Option<String>,
    errors: FormErrors,
    reference: String,
    title: String,
    kind: String,
    status: &'static str,
    status_name: String,
    when: String,
    venue: String,
    topics: String,
    speakers: Vec<String>,
    announced: Option<String>,
    created: String,
    attendees: Vec<AttendeeRow>,
    may_add: bool,
    reporters: Vec<Choice>,
    form: AttendeeForm,
    actions: Vec<Offer>,
}

async fn render_record(
    state: &AppState,
    visit: &Visit,
    here: String,
    id: PressConferenceId,
    notice: Option<String>,
    form: AttendeeForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let limit = most()?;
    let (account, (c, attendees, reporters)) = visit
        .read(state, move |conn, account| {
            let caller = account.caller;
            let c = model::conference::visible(conn, caller, id)?;
            let attendees = model::conference::attendees(conn, caller, id)?;
            let reporters =
                model::reporter::list(conn, caller, &db::reporter::Filter::default(), None, limit)?;
            Ok((c, attendees, reporters))
        })
        .await?;
    let role = account.caller.role;
    let actions = rules::conference_allowed(c.status, role)
        .into_iter()
        .map(|a| Offer {
            href: format!("/press-conferences/{id}/{}", a.as_str()),
            label: t.t(&format!("meetings-conference-do-{}", a.as_str())),
            warning: a == ConferenceAction::Cancel,
        })
        .collect();
    let attendees = attendees
        .into_iter()
        .map(|a| AttendeeRow {
            reporter: a.reporter_id.map(|r| {
                reporters
                    .iter()
                    .find(|x| x.id == r)
                    .map_or_else(|| r.to_string(), reporter_label)
            }),
            outlet: a.outlet,
            name: a.name,
        })
        .collect();
    let picked = form.reporter_id.trim().to_owned();
    let page = RecordPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, &here),
        id,
        notice,
        errors,
        reference: c.reference.clone(),
        title: c.title.clone(),
        kind: t.name("meetings-kind", c.kind.as_str()),
        status: c.status.as_str(),
        status_name: t.name("meetings-conference-status", c.status.as_str()),
        when: format!(
            "{} – {}",
            t.date_time(&c.starts_at, c.time_zone),
            t.time(&c.ends_at, c.time_zone)
        ),
        venue: c.venue.clone(),
        topics: c.topics.clone(),
        speakers: c.speakers.clone(),
        announced: c.announced_at.map(|at| t.date_time(&at, PROVINCE_TZ)),
        created: t.date_time(&c.created_at, PROVINCE_TZ),
        attendees,
        may_add: rules::attendees_open(c.status, role),
        reporters: reporters
            .iter()
            .map(|r| Choice {
                value: r.id.to_string(),
                label: reporter_label(r),
                chosen: r.id.to_string() == picked,
            })
            .collect(),
        form,
        actions,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /press-conferences/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    id: web::Path<PressConferenceId>,
    query: web::Query<RecordQuery>,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let done = query.into_inner().done;
    let notice = ConferenceAction::parse(&done)
        .map(|a| t.t(&format!("meetings-conference-done-{}", a.as_str())))
        .or_else(|| {
            matches!(done.as_str(), "created" | "attendee")
                .then(|| t.t(&format!("meetings-conference-done-{done}")))
        });
    render_record(
        &state,
        &visit,
        here(&req, "/press-conferences"),
        id.into_inner(),
        notice,
        AttendeeForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /press-conferences/{id}/attendees`: registers an attendee.
#[post("/{id}/attendees")]
pub async fn add_attendee(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<PressConferenceId>,
    body: web::Form<AttendeeForm>,
) -> Result<HttpResponse, PageError> {
    let form = body.into_inner();
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    let mut read = Reader::new();
    let reporter_id = text(&form.reporter_id)
        .and_then(|raw| read.id("reporter_id", &raw))
        .map(ReporterId);
    let input = AttendeeInput {
        outlet: form.outlet.clone(),
        name: form.name.clone(),
        reporter_id,
    };
    read.check(&input);
    let done = match read.finish() {
        Ok(()) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::conference::register_attendee(conn, caller, id, input)
                })
                .await
        }
        Err(e) => Err(PageError::Api(e)),
    };
    match done {
        Ok(_) => Ok(page::see_other(&format!(
            "/press-conferences/{id}?done=attendee#attendees"
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, visit.tr(), ATTENDEE_ORDER)?;
            let here = format!("/press-conferences/{id}");
            render_record(&state, &visit, here, id, None, form, errors).await
        }
        Err(other) => Err(other),
    }
}

fn action_of(raw: &str) -> Result<ConferenceAction, PageError> {
    ConferenceAction::parse(raw).ok_or(PageError::Api(ApiError::NotFound))
}

async fn render_action(
    state: &AppState,
    visit: &Visit,
    id: PressConferenceId,
    action: ConferenceAction,
    note: String,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (account, c) = visit
        .read(state, move |conn, account| {
            model::conference::visible(conn, account.caller, id)
        })
        .await?;
    if !rules::conference_allowed(c.status, account.caller.role).contains(&action) {
        return Err(form::not_open());
    }
    let a = action.as_str();
    let path = format!("/press-conferences/{id}/{a}");
    let page = ActionPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, &path),
        errors,
        back: format!("/press-conferences/{id}"),
        caption: format!("{} · {}", c.reference, c.title),
        action: path,
        title: t.t(&format!("meetings-conference-{a}-title")),
        intro: t.t(&format!("meetings-conference-{a}-intro")),
        button: t.t(&format!("meetings-conference-do-{a}")),
        warning: action == ConferenceAction::Cancel,
        note,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /press-conferences/{id}/{action}`: the action's form.
#[get("/{id}/{action}")]
pub async fn action_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(PressConferenceId, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, raw) = path.into_inner();
    let action = action_of(&raw)?;
    render_action(
        &state,
        &visit,
        id,
        action,
        String::new(),
        FormErrors::default(),
    )
    .await
}

/// `POST /press-conferences/{id}/{action}`: takes it.
#[post("/{id}/{action}")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(PressConferenceId, String)>,
    body: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let ActionForm { csrf, note } = body.into_inner();
    visit.check_csrf(&csrf)?;
    let (id, raw) = path.into_inner();
    let action = action_of(&raw)?;
    let kept = note.clone();
    let done = visit
        .write(&state.db, move |conn, caller| {
            model::conference::transition(
                conn,
                caller,
                id,
                action,
                model::input::trimmed(Some(note)),
            )
        })
        .await;
    match done {
        Ok(_) => Ok(page::see_other(&format!(
            "/press-conferences/{id}?done={}",
            action.as_str()
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, visit.tr(), &["note"])?;
            render_action(&state, &visit, id, action, kept, errors).await
        }
        Err(other) => Err(other),
    }
}
