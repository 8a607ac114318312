//! Planning a press conference and changing it while it is planned or
//! announced: one form, empty for a new one, filled in with the conference
//! as it stands for a change and carrying its version, so that a change
//! made meanwhile by someone else is refused (as the API's `If-Match` is)
//! rather than overwritten. The operations are the routes':
//! `model::conference::create` and `model::conference::update`.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{self, Reader};
use crate::console::pages::delegation::{Choice, choices};
use crate::console::pages::interview::status_of;
use crate::console::session::Visit;
use crate::domain::press::{self as rules, ConferenceKind, OrganizerKind, PressConference};
use crate::error::ApiError;
use crate::model;
use crate::model::conference::{ConferenceInput, ConferencePatch};

mod change;

pub use change::{edit_form, update};

/// The form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ConferenceForm {
    csrf: String,
    /// The version the form showed (a change only).
    version: String,
    title: String,
    kind: String,
    date: String,
    starts_at: String,
    ends_at: String,
    venue: String,
    topics: String,
    /// One speaker a line.
    speakers: String,
    /// `province` or `foreign_body`.
    organizer: String,
    organizer_name: String,
    registration_date: String,
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
    "organizer",
    "organizer_name",
    "registration_date",
];

impl ConferenceForm {
    /// The form filled in with `c` as it stands (times in its zone).
    fn of(c: &PressConference) -> Self {
        let starts = c.starts_at.with_timezone(&c.time_zone);
        let ends = c.ends_at.with_timezone(&c.time_zone);
        Self {
            version: c.version.to_string(),
            title: c.title.clone(),
            kind: c.kind.as_str().to_owned(),
            date: starts.date_naive().to_string(),
            starts_at: starts.format("%H:%M").to_string(),
            ends_at: ends.format("%H:%M").to_string(),
            venue: c.venue.clone(),
            topics: c.topics.clone(),
            speakers: c.speakers.join("\n"),
            organizer: c.organizer.kind().as_str().to_owned(),
            organizer_name: c.organizer.name().unwrap_or_default().to_owned(),
            registration_date: c
                .organizer
                .registered_on()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            ..Self::default()
        }
    }

    /// The form read as the operations read a conference.
    fn input(&self) -> Result<ConferenceInput, ApiError> {
        let mut read = Reader::new();
        let kind = read.required_choice("kind", &self.kind, ConferenceKind::parse);
        read.required_date("date", &self.date);
        let organizer = read.choice("organizer", &self.organizer, OrganizerKind::parse);
        let foreign = organizer == Some(OrganizerKind::ForeignBody);
        // The form shows the date, so an emptied box means "none": refused
        // here, as a PATCH without the date would keep the one stored.
        let registration_date = if foreign {
            read.required_date("registration_date", &self.registration_date)
        } else {
            None
        };
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
            organizer,
            // The province's own sends no name or date: what was typed in
            // the foreign body's fields before choosing it is dropped.
            organizer_name: foreign.then(|| self.organizer_name.clone()),
            registration_date,
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }

    /// The form read as the PATCH reads it: every field it shows is sent;
    /// the zone, which it does not show, stays the conference's.
    fn patch(&self) -> Result<ConferencePatch, ApiError> {
        let input = self.input()?;
        Ok(ConferencePatch {
            title: Some(input.title),
            kind: Some(input.kind),
            starts_at: Some(input.starts_at),
            ends_at: Some(input.ends_at),
            time_zone: None,
            venue: Some(input.venue),
            topics: Some(input.topics),
            speakers: Some(input.speakers),
            organizer: input.organizer,
            organizer_name: input.organizer_name,
            registration_date: input.registration_date,
        })
    }
}

/// Who holds it, as radio buttons: the province's own when nothing was
/// chosen yet (as the API's default).
fn organizer_choices(form: &ConferenceForm, t: crate::console::i18n::Tr) -> Vec<Choice> {
    let chosen = if form.organizer.is_empty() {
        OrganizerKind::Province.as_str()
    } else {
        form.organizer.as_str()
    };
    choices(
        OrganizerKind::ALL,
        OrganizerKind::as_str,
        "meetings-conference-organizer",
        chosen,
        t,
    )
}

#[derive(Template)]
#[template(path = "conference/form.html")]
struct FormPage {
    c: Chrome,
    errors: FormErrors,
    /// Which conference, for a change: its reference and title.
    caption: Option<String>,
    heading: String,
    button: String,
    action: String,
    back: String,
    /// The zone its times are in, when it is not the province's.
    zone: Option<String>,
    kinds: Vec<Choice>,
    organizers: Vec<Choice>,
    form: ConferenceForm,
}

impl FormPage {
    fn status(&self) -> actix_web::http::StatusCode {
        status_of(&self.errors)
    }
}

async fn render_new(
    state: &AppState,
    visit: &Visit,
    form: ConferenceForm,
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
    let page = FormPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, "/press-conferences/new"),
        errors,
        caption: None,
        heading: t.t("meetings-conference-new-title"),
        button: t.t("meetings-conference-plan"),
        action: "/press-conferences".to_owned(),
        back: "/press-conferences".to_owned(),
        zone: None,
        kinds: choices(
            ConferenceKind::ALL,
            ConferenceKind::as_str,
            "meetings-kind",
            &form.kind,
            t,
        ),
        organizers: organizer_choices(&form, t),
        form,
    };
    page::html_with(visit, page.status(), &page)
}

/// `GET /press-conferences/new`.
#[get("/new")]
pub async fn new_form(state: web::Data<AppState>, visit: Visit) -> Result<HttpResponse, PageError> {
    render_new(
        &state,
        &visit,
        ConferenceForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /press-conferences`: plans it.
#[post("")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    body: web::Form<ConferenceForm>,
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::console::i18n::{Lang, Tr};
    use crate::domain::press::{Organizer, OrganizerKind};

    #[test]
    fn the_organisers_sentences_are_said_in_vietnamese() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10);
        let refusals = [
            Organizer::parse(OrganizerKind::ForeignBody, None, day),
            Organizer::parse(OrganizerKind::ForeignBody, Some("Đại sứ quán"), None),
            Organizer::parse(OrganizerKind::Province, Some("Đại sứ quán"), None),
            Organizer::parse(OrganizerKind::Province, None, day),
        ];
        let vi = Tr::new(Lang::Vi);
        for refused in refusals {
            let message = refused.unwrap_err().message;
            assert_ne!(
                vi.phrase(&message),
                message,
                "no Vietnamese for {message:?}"
            );
        }
        assert_eq!(
            vi.phrase(&crate::model::deadlines::late_registration(2)),
            "Đăng ký muộn: cơ quan, tổ chức nước ngoài phải đăng ký họp báo trước ít nhất 2 ngày làm việc"
        );
    }
}
