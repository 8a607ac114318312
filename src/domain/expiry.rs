//! Expiry warnings: a passport, a visa, a press card or an accreditation
//! that runs out before or soon after the visit needs it, found before it
//! makes the visit illegal.
//!
//! A warning names the person (a name is not personal data) and the rule;
//! the dates and numbers behind it (a passport's expiry is read off the
//! passport) are kept only for the roles that see personal data, so a
//! warning shown to a viewer or a host unit cannot leak them.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::deadlines::ExpirySettings;
use super::role::Role;

/// A visa's kind, as Luật 47/2014/QH13 names the press ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisaType {
    /// PV1: a resident correspondent's.
    Pv1,
    /// PV2: a reporter's short-term visit.
    Pv2,
    /// Any other kind (DL, DN, NG…).
    Other,
}
text_enum!(VisaType { Pv1 => "pv1", Pv2 => "pv2", Other => "other" });

/// A foreigner's travel documents, as far as the province knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelDocuments {
    pub passport_expiry: Option<NaiveDate>,
    pub visa_type: Option<VisaType>,
    pub visa_number: Option<String>,
    pub visa_end: Option<NaiveDate>,
    /// A reporter's press card (Ministry of Foreign Affairs), if any.
    pub press_card_end: Option<NaiveDate>,
}

/// Which rule a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The passport is valid for less than the minimum after entry.
    PassportValidity,
    /// The visa ends less than the minimum before the passport does.
    VisaBeforePassport,
    /// The press card ends before the programme does, or soon.
    PressCardEnding,
    /// The accreditation ends soon.
    AccreditationEnding,
}
text_enum!(WarningKind {
    PassportValidity => "passport_validity", VisaBeforePassport => "visa_before_passport",
    PressCardEnding => "press_card_ending", AccreditationEnding => "accreditation_ending",
});

/// One warning on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Warning {
    pub what: WarningKind,
    /// The person it is about (a member's or reporter's name); `null` for
    /// the record itself.
    #[schema(required = true)]
    pub person: Option<String>,
    /// The date that runs out. Absent for roles that do not see personal
    /// data when it is read off a passport or visa.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    /// The day by which it must be dealt with: the entry for a passport or
    /// visa, the day the card or accreditation ends otherwise.
    pub act_by: NaiveDate,
}

impl Warning {
    /// The warning as `role` may read it: a passport's or visa's date is
    /// personal data.
    pub fn for_role(mut self, role: Role) -> Warning {
        let personal = matches!(
            self.what,
            WarningKind::PassportValidity | WarningKind::VisaBeforePassport
        );
        if personal && !role.sees_personal_data() {
            self.ends_on = None;
        }
        self
    }
}

/// What one person's documents are checked against.
#[derive(Debug, Clone, Copy)]
pub struct Visit {
    /// The day the person enters (the delegation's or programme's start).
    pub entry: NaiveDate,
    /// The day the visit or programme ends.
    pub end: NaiveDate,
    pub today: NaiveDate,
}

/// The warnings for one person on one visit; none once the visit is over.
pub fn person(
    name: &str,
    docs: &TravelDocuments,
    visit: Visit,
    settings: &ExpirySettings,
) -> Vec<Warning> {
    let mut out = Vec::new();
    if visit.end < visit.today {
        return out;
    }
    let warn = |what, ends_on, act_by| Warning {
        what,
        person: Some(name.to_owned()),
        ends_on: Some(ends_on),
        act_by,
    };
    if let Some(expiry) = docs.passport_expiry {
        let needed = visit
            .entry
            .checked_add_months(Months::new(settings.passport_months_after_entry));
        if needed.is_some_and(|needed| expiry < needed) {
            out.push(warn(WarningKind::PassportValidity, expiry, visit.entry));
        }
        if let Some(visa_end) = docs.visa_end {
            let latest =
                expiry.checked_sub_days(Days::new(u64::from(settings.visa_days_before_passport)));
            if latest.is_some_and(|latest| visa_end > latest) {
                out.push(warn(WarningKind::VisaBeforePassport, visa_end, visit.entry));
            }
        }
    }
    if let Some(card_end) = docs.press_card_end {
        let horizon = visit
            .today
            .checked_add_days(Days::new(u64::from(settings.press_card_warning_days)));
        if card_end < visit.end || horizon.is_some_and(|h| card_end <= h) {
            out.push(warn(WarningKind::PressCardEnding, card_end, card_end));
        }
    }
    out
}

/// The warning for an approved accreditation ending within the horizon.
pub fn accreditation_ending(
    end: NaiveDate,
    today: NaiveDate,
    settings: &ExpirySettings,
) -> Option<Warning> {
    let horizon =
        today.checked_add_days(Days::new(u64::from(settings.accreditation_warning_days)))?;
    (today <= end && end <= horizon).then_some(Warning {
        what: WarningKind::AccreditationEnding,
        person: None,
        ends_on: Some(end),
        act_by: end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn visit() -> Visit {
        Visit {
            entry: d(2027, 3, 1),
            end: d(2027, 3, 10),
            today: d(2027, 2, 1),
        }
    }

    #[test]
    fn a_passport_valid_five_months_after_entry_is_warned_of_six_is_not() {
        let s = ExpirySettings::default();
        let five = TravelDocuments {
            passport_expiry: Some(d(2027, 8, 1)),
            ..Default::default()
        };
        let w = person("A", &five, visit(), &s);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].what, WarningKind::PassportValidity);
        let six = TravelDocuments {
            passport_expiry: Some(d(2027, 9, 1)),
            ..Default::default()
        };
        assert!(person("A", &six, visit(), &s).is_empty());
    }

    #[test]
    fn a_visa_must_end_thirty_days_before_the_passport() {
        let s = ExpirySettings::default();
        let mut docs = TravelDocuments {
            passport_expiry: Some(d(2030, 1, 31)),
            visa_end: Some(d(2030, 1, 2)),
            ..Default::default()
        };
        assert_eq!(
            person("A", &docs, visit(), &s)[0].what,
            WarningKind::VisaBeforePassport
        );
        docs.visa_end = Some(d(2030, 1, 1));
        assert!(person("A", &docs, visit(), &s).is_empty());
    }

    #[test]
    fn a_press_card_ending_inside_the_programme_is_warned_of() {
        let s = ExpirySettings::default();
        let docs = TravelDocuments {
            press_card_end: Some(d(2027, 3, 5)),
            ..Default::default()
        };
        assert_eq!(
            person("A", &docs, visit(), &s)[0].what,
            WarningKind::PressCardEnding
        );
        let later = TravelDocuments {
            press_card_end: Some(d(2027, 12, 31)),
            ..Default::default()
        };
        assert!(person("A", &later, visit(), &s).is_empty());
    }

    #[test]
    fn roles_without_personal_data_get_no_passport_date() {
        let s = ExpirySettings::default();
        let docs = TravelDocuments {
            passport_expiry: Some(d(2027, 8, 1)),
            ..Default::default()
        };
        let w = person("A", &docs, visit(), &s).remove(0);
        assert_eq!(
            w.clone().for_role(Role::Police).ends_on,
            Some(d(2027, 8, 1))
        );
        assert_eq!(w.clone().for_role(Role::Viewer).ends_on, None);
        assert_eq!(w.for_role(Role::ProvincialOffice).ends_on, None);
    }

    #[test]
    fn nothing_is_warned_of_after_the_visit() {
        let s = ExpirySettings::default();
        let docs = TravelDocuments {
            passport_expiry: Some(d(2027, 3, 2)),
            ..Default::default()
        };
        let over = Visit {
            today: d(2027, 4, 1),
            ..visit()
        };
        assert!(person("A", &docs, over, &s).is_empty());
    }
}
