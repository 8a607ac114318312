//! What the delegation pages' forms share: the text a person typed read
//! into the operations' input types (dates as `dd/mm/yyyy` too), the same
//! `validator` rules as the API with messages a person reads, and a
//! refused change turned into the form's errors, in field order.
//!
//! No rule lives here: the bounds are the input types' own, and every
//! message goes through the catalogue (`Tr::phrase`) like the operations'.

use chrono::NaiveDate;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::FormErrors;
use crate::domain::FieldError;
use crate::error::ApiError;

/// Reads a form's fields, keeping every problem (not only the first).
#[derive(Debug, Default)]
pub struct Reader {
    errors: Vec<FieldError>,
}

/// Optional free text as an input type holds it: `None` when blank.
pub fn text(raw: &str) -> Option<String> {
    (!raw.trim().is_empty()).then(|| raw.to_owned())
}

/// A day as a date input sends it (`2026-12-01`) or as the office writes
/// it (`1/12/2026`, `01/12/2026`).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d/%m/%Y"))
        .ok()
}

/// A time of day as a time input sends it (`09:00`, `09:00:00`) or typed
/// with a dot or an `h` (`9.30`, `9h30`).
pub fn parse_time(raw: &str) -> Option<chrono::NaiveTime> {
    let raw = raw.trim().replace(['.', 'h', 'H'], ":");
    chrono::NaiveTime::parse_from_str(&raw, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(&raw, "%H:%M:%S"))
        .ok()
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    fn refuse(&mut self, field: &str, message: impl Into<String>) {
        if !self.has(field) {
            self.errors.push(FieldError::new(field, message));
        }
    }

    /// Whether `field` was refused already.
    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// A day, or `None` when blank.
    pub fn date(&mut self, field: &str, raw: &str) -> Option<NaiveDate> {
        if raw.trim().is_empty() {
            return None;
        }
        let day = parse_date(raw);
        if day.is_none() {
            self.refuse(field, "must be a date (dd/mm/yyyy)");
        }
        day
    }

    /// A day that must be given.
    pub fn required_date(&mut self, field: &str, raw: &str) -> Option<NaiveDate> {
        if raw.trim().is_empty() {
            self.refuse(field, "must not be empty");
            return None;
        }
        self.date(field, raw)
    }

    /// A day and a time as the operations read a local time
    /// (`2026-12-01T09:00`), both needed.
    pub fn local_time(&mut self, field: &str, day: &str, time: &str) -> Option<String> {
        if day.trim().is_empty() || time.trim().is_empty() {
            self.refuse(field, "must not be empty");
            return None;
        }
        let day = self.date(field, day)?;
        match parse_time(time) {
            Some(t) => Some(format!("{day}T{}", t.format("%H:%M:%S"))),
            None => {
                self.refuse(field, "must be a time of day (hh:mm)");
                None
            }
        }
    }

    /// One of a closed set (its API name), or `None` when nothing was chosen.
    pub fn choice<T>(&mut self, field: &str, raw: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        if raw.trim().is_empty() {
            return None;
        }
        let value = parse(raw.trim());
        if value.is_none() {
            self.refuse(field, "must be one of the choices");
        }
        value
    }

    /// One of a closed set that must be chosen.
    pub fn required_choice<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            self.refuse(field, "choose one");
            return None;
        }
        self.choice(field, raw, parse)
    }

    /// A record's id chosen in a list.
    pub fn id(&mut self, field: &str, raw: &str) -> Option<i64> {
        if raw.trim().is_empty() {
            self.refuse(field, "choose one");
            return None;
        }
        let id = raw.trim().parse().ok();
        if id.is_none() {
            self.refuse(field, "must be one of the choices");
        }
        id
    }

    /// Runs the input type's `validator` rules (the API's), keeping the
    /// problems of fields not refused already.
    pub fn check<T: Validate>(&mut self, value: &T) {
        if let Err(errors) = value.validate() {
            let mut found = Vec::new();
            flatten(&errors, "", &mut found);
            for e in found {
                self.refuse(&e.field, e.message);
            }
        }
    }

    /// `Ok` when nothing was refused.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.errors))
        }
    }
}

fn flatten(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                out.extend(list.iter().map(|e| FieldError::new(&path, sentence(e))));
            }
            ValidationErrorsKind::Struct(inner) => flatten(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

/// A broken rule as a sentence: the rule's own message, or for `validator`'s
/// built-in checks (which carry only a code) one made from their bounds.
fn sentence(e: &ValidationError) -> String {
    if let Some(message) = &e.message {
        return message.to_string();
    }
    let bound = |name: &str| e.params.get(name).and_then(serde_json::Value::as_u64);
    match e.code.as_ref() {
        "length" => {
            let (count, list) = match e.params.get("value") {
                Some(serde_json::Value::String(s)) => (s.chars().count(), false),
                Some(serde_json::Value::Array(a)) => (a.len(), true),
                _ => (0, false),
            };
            match (bound("min"), bound("max")) {
                (Some(min), _) if (count as u64) < min => "must not be empty".to_owned(),
                (_, Some(max)) if list => format!("must list at most {max}"),
                (_, Some(max)) => format!("must be at most {max} characters"),
                _ => "must not be empty".to_owned(),
            }
        }
        "email" => "must be an e-mail address".to_owned(),
        code => code.to_owned(),
    }
}

/// The name a form gives a field the operations name by its path
/// (`place.name` → `place_name`), so that its input's id is `f-place_name`.
fn form_name(field: &str) -> String {
    field.replace('.', "_")
}

/// The errors of a refused change as the form shows them: fields named as
/// the form names them, each message in the page's language, in the order
/// of `order` (the form's), a problem with no field first. Anything but a
/// refused input (403, 404, a lost race) is the error page's.
pub fn errors(error: ApiError, t: Tr, order: &[&str]) -> Result<FormErrors, PageError> {
    let error = match error {
        ApiError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|f| FieldError::new(form_name(&f.field), massage(&f.message)))
                .collect(),
        ),
        other => other,
    };
    let mut errors = FormErrors::from_api(error, t)?;
    let place = |field: &str| {
        let base = field.split('[').next().unwrap_or(field);
        match order.iter().position(|f| *f == base) {
            Some(i) => i + 1,
            None if base.is_empty() => 0,
            None => order.len() + 1,
        }
    };
    errors.0.sort_by_key(|e| place(&e.field));
    Ok(errors)
}

/// [`errors`], and for a change made on a version someone else changed
/// meanwhile, a message saying so, with `version` now the current one (the
/// form shown again saves over it once the person has looked).
pub fn refused(
    error: ApiError,
    t: Tr,
    order: &[&str],
    version: &mut String,
) -> Result<FormErrors, PageError> {
    if let ApiError::PreconditionFailed { current } = error {
        *version = current.to_string();
        return Ok(FormErrors(vec![FieldError::new(
            "",
            t.t("delegation-stale"),
        )]));
    }
    errors(error, t, order)
}

/// A version as a form sends it back (`If-Match`); none when blank.
pub fn version(raw: &str) -> Option<i64> {
    raw.trim().parse().ok()
}

/// A day as a date input shows it (`2026-12-01`); what was typed if it is
/// not a day.
pub fn iso(raw: &str) -> String {
    parse_date(raw).map_or_else(|| raw.to_owned(), |d| d.to_string())
}

/// What a person may not open now (a form of a change the operations
/// would refuse them): 403, said in the page's language.
pub fn not_open() -> PageError {
    PageError::Api(ApiError::forbidden(
        "this is not open to you on this delegation now",
    ))
}

/// The operations' bare `validator` codes (from rules they check on a
/// whole record, such as a member after a change) as sentences.
fn massage(message: &str) -> String {
    match message {
        "length" => "is empty or too long".to_owned(),
        "email" => "must be an e-mail address".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_as_typed_or_as_a_date_input_sends_them() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 7);
        assert_eq!(parse_date("2026-03-07"), day);
        assert_eq!(parse_date("07/03/2026"), day);
        assert_eq!(parse_date(" 7/3/2026 "), day);
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }

    #[test]
    fn times_are_read_on_the_24_hour_clock() {
        let t = chrono::NaiveTime::from_hms_opt(9, 30, 0);
        assert_eq!(parse_time("09:30"), t);
        assert_eq!(parse_time("9:30"), t);
        assert_eq!(parse_time("9h30"), t);
        assert_eq!(parse_time("09:30:00"), t);
        assert_eq!(parse_time("25:00"), None);
    }

    #[derive(Debug, validator::Validate)]
    struct Sample {
        #[validate(length(max = 3))]
        title: String,
        #[validate(length(min = 1, max = 2))]
        codes: Vec<String>,
        #[validate(email)]
        email: String,
    }

    #[test]
    fn built_in_checks_say_what_is_wrong_with_their_bounds() {
        let mut reader = Reader::new();
        reader.check(&Sample {
            title: "abcd".into(),
            codes: vec![],
            email: "nope".into(),
        });
        let ApiError::Invalid(mut errors) = reader.finish().unwrap_err() else {
            panic!("not invalid")
        };
        errors.sort_by(|a, b| a.field.cmp(&b.field));
        let messages: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                ("codes", "must not be empty"),
                ("email", "must be an e-mail address"),
                ("title", "must be at most 3 characters"),
            ]
        );
    }

    #[test]
    fn a_refused_change_lists_its_fields_in_the_forms_order() {
        let error = ApiError::Invalid(vec![
            FieldError::new("place.name", "length"),
            FieldError::new("title", "must not be empty"),
        ]);
        let shown = errors(
            error,
            Tr::new(crate::console::i18n::Lang::En),
            &["title", "place_name"],
        )
        .unwrap();
        let fields: Vec<&str> = shown.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "place_name"]);
        assert_eq!(shown.get("place_name"), Some("is empty or too long"));
    }
}
