//! A delegation's members: adding one, changing one, removing one. Personal
//! data (date of birth, passport, e-mail, phone) is in the form of a
//! member only for those who may see it, as the API's view keeps it.

use crate::domain::expiry::{TravelDocuments, VisaType};
use actix_web::HttpResponse;
use askama::Template;
use serde::Deserialize;

use super::form::{self, Reader, text};
use super::{Choice, Head, choices};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::{Account, Visit};
use crate::domain::delegation::{Delegation, Gender, Member, MemberRole};
use crate::domain::ids::{DelegationId, MemberId};
use crate::error::ApiError;
use crate::model;
use crate::model::member::{MemberInput, MemberPatch};
use crate::routes::member::MemberView;

mod form_pages;
mod removal;

pub use form_pages::{add, edit_form, new_form, update};
pub use removal::{remove, remove_form};

/// A member's fields as the form sends them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    csrf: String,
    version: String,
    full_name: String,
    gender: String,
    date_of_birth: String,
    nationality: String,
    passport_number: String,
    organization: String,
    position: String,
    role: String,
    email: String,
    phone: String,
    passport_expiry: String,
    visa_type: String,
    visa_number: String,
    visa_end: String,
}

const ORDER: &[&str] = &[
    "full_name",
    "role",
    "gender",
    "date_of_birth",
    "nationality",
    "passport_number",
    "organization",
    "position",
    "email",
    "phone",
    "passport_expiry",
    "visa_type",
    "visa_number",
    "visa_end",
];

impl MemberForm {
    /// The form of a member as `view` shows it (personal data only if kept).
    fn of(view: &MemberView) -> Self {
        let personal = |v: &Option<Option<String>>| v.clone().flatten().unwrap_or_default();
        let day = |v: &Option<Option<chrono::NaiveDate>>| {
            v.flatten().map(|d| d.to_string()).unwrap_or_default()
        };
        Self {
            version: view.version.to_string(),
            full_name: view.full_name.clone(),
            gender: view
                .gender
                .map(|g| g.as_str().to_owned())
                .unwrap_or_default(),
            date_of_birth: view
                .date_of_birth
                .flatten()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            nationality: view.nationality.clone(),
            passport_number: personal(&view.passport_number),
            organization: view.organization.clone().unwrap_or_default(),
            position: view.position.clone().unwrap_or_default(),
            role: view.role.as_str().to_owned(),
            email: personal(&view.email),
            phone: personal(&view.phone),
            passport_expiry: day(&view.passport_expiry),
            visa_type: view
                .visa_type
                .flatten()
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            visa_number: personal(&view.visa_number),
            visa_end: day(&view.visa_end),
            ..Self::default()
        }
    }

    /// The member as the operations take it; with `personal` false, no
    /// personal data (the form had none).
    fn input(&self, personal: bool) -> Result<MemberInput, ApiError> {
        let mut read = Reader::new();
        let role = read.required_choice("role", &self.role, MemberRole::parse);
        let gender = read.choice("gender", &self.gender, Gender::parse);
        let born = if personal {
            read.date("date_of_birth", &self.date_of_birth)
        } else {
            None
        };
        let kept = |raw: &str| if personal { text(raw) } else { None };
        let input = MemberInput {
            full_name: self.full_name.clone(),
            gender,
            date_of_birth: born,
            nationality: self.nationality.trim().to_owned(),
            passport_number: kept(&self.passport_number),
            organization: text(&self.organization),
            position: text(&self.position),
            role: role.unwrap_or(MemberRole::Member),
            email: kept(&self.email).map(|e| e.trim().to_owned()),
            phone: kept(&self.phone),
            passport_expiry: if personal {
                read.date("passport_expiry", &self.passport_expiry)
            } else {
                None
            },
            visa_type: if personal {
                read.choice("visa_type", &self.visa_type, VisaType::parse)
            } else {
                None
            },
            visa_number: kept(&self.visa_number),
            visa_end: if personal {
                read.date("visa_end", &self.visa_end)
            } else {
                None
            },
        };
        read.check(&input);
        read.finish()?;
        Ok(input)
    }

    /// The change: every field the form shows (personal data only when it
    /// showed it; otherwise that stays as it is).
    fn patch(&self, personal: bool) -> Result<MemberPatch, ApiError> {
        let input = self.input(personal)?;
        let personal_field = |value: Option<String>| personal.then_some(value);
        Ok(MemberPatch {
            full_name: Some(input.full_name),
            gender: Some(input.gender),
            date_of_birth: personal.then_some(input.date_of_birth),
            nationality: Some(input.nationality),
            passport_number: personal_field(input.passport_number),
            organization: Some(input.organization),
            position: Some(input.position),
            role: Some(input.role),
            email: personal_field(input.email),
            phone: personal_field(input.phone),
            passport_expiry: personal.then_some(input.passport_expiry),
            visa_type: personal.then_some(input.visa_type),
            visa_number: personal_field(input.visa_number),
            visa_end: personal.then_some(input.visa_end),
        })
    }
}

#[derive(Template)]
#[template(path = "delegation/member.html")]
struct MemberPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    /// `None` for a new member.
    editing: Option<MemberId>,
    action: String,
    form: MemberForm,
    /// Whether the form shows personal data: a new member's always (it is
    /// what one types); a member's only where the API's view keeps it.
    personal: bool,
    roles: Vec<Choice>,
    genders: Vec<Choice>,
    visa_types: Vec<Choice>,
}

impl MemberPage {
    fn new(
        visit: &Visit,
        account: &Account,
        d: &Delegation,
        editing: Option<MemberId>,
        personal: bool,
        form: MemberForm,
        errors: FormErrors,
    ) -> Self {
        let t = visit.tr();
        let head = Head::of(d);
        let action = match editing {
            Some(m) => format!("{}/members/{m}/edit", head.href),
            None => format!("{}/members/new", head.href),
        };
        let mut form = form;
        form.date_of_birth = form::iso(&form.date_of_birth);
        form.passport_expiry = form::iso(&form.passport_expiry);
        form.visa_end = form::iso(&form.visa_end);
        let mut visa_types = vec![Choice {
            value: String::new(),
            label: t.t("deadlines-visa-none"),
            chosen: form.visa_type.is_empty(),
        }];
        visa_types.extend(choices(
            VisaType::ALL,
            VisaType::as_str,
            "deadlines-visa",
            &form.visa_type,
            t,
        ));
        let mut genders = vec![Choice {
            value: String::new(),
            label: t.t("delegation-member-gender-none"),
            chosen: form.gender.is_empty(),
        }];
        genders.extend(choices(
            Gender::ALL,
            Gender::as_str,
            "delegation-gender",
            &form.gender,
            t,
        ));
        Self {
            c: Chrome::new(visit, Some(account), Nav::Delegations, &action),
            errors,
            roles: choices(
                MemberRole::ALL,
                MemberRole::as_str,
                "delegation-member-role",
                &form.role,
                t,
            ),
            genders,
            visa_types,
            personal,
            head,
            editing,
            action,
            form,
        }
    }

    fn answer(&self, visit: &Visit) -> Result<HttpResponse, PageError> {
        page::form(visit, &self.errors, self)
    }
}

/// The delegation, if the caller may change its members now.
async fn editable(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
) -> Result<(Account, Delegation), PageError> {
    let (account, d, ()) = super::open_to(state, visit, id, |a| a.edit, |_, _| Ok(())).await?;
    Ok((account, d))
}

/// The delegation and one of its members as the caller may see it.
async fn member(
    state: &AppState,
    visit: &Visit,
    id: DelegationId,
    member_id: MemberId,
) -> Result<(Account, (Delegation, MemberView)), PageError> {
    let (account, d, m) = super::open_to(
        state,
        visit,
        id,
        |a| a.edit,
        move |conn, caller| {
            let m: (Member, TravelDocuments) =
                model::member::list_with_documents(conn, caller, id)?
                    .into_iter()
                    .find(|(m, _)| m.id == member_id)
                    .ok_or(ApiError::NotFound)?;
            Ok(m)
        },
    )
    .await?;
    let (m, docs) = m;
    let view = MemberView::new(m, account.caller).with_documents(docs, account.caller);
    Ok((account, (d, view)))
}
