//! The console's two languages, from the Fluent catalogues in
//! `src/console/locales/{vi,en}/*.ftl` (compiled into the binary by
//! fluent-templates): every label, status, action, role and message a page
//! shows. Vietnamese is the default; a person may choose English before
//! signing in (a cookie) and keep it (their preference).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use serde::{Deserialize, Serialize};

use crate::domain::time::PROVINCE_TZ;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/console/locales",
        fallback_language: "vi",
        // Fluent wraps every placeable in bidi isolation marks, meant for
        // mixed-direction text; both languages here run left to right, and
        // the marks would land in copied references and in tests' text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static VI: LanguageIdentifier = langid!("vi");
static EN: LanguageIdentifier = langid!("en");

/// A language the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, which the header offers to switch to.
    pub fn other(self) -> Self {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// Text in one language, as templates ask for it.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        LOCALES.lookup(self.lang.id(), id)
    }

    /// The message `id`, if the catalogue has it.
    pub fn find(&self, id: &str) -> Option<String> {
        LOCALES.try_lookup(self.lang.id(), id)
    }

    /// The message `id` with its arguments.
    pub fn with(&self, id: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(self.lang.id(), id, &args)
    }

    /// The message `id` with one text argument `arg`.
    pub fn t1(&self, id: &str, name: &'static str, arg: &str) -> String {
        self.with(id, &[(name, FluentValue::from(arg.to_owned()))])
    }

    /// The message `id` with a count `$count` (plural forms are the
    /// catalogue's).
    pub fn n(&self, id: &str, count: usize) -> String {
        self.with(id, &[("count", FluentValue::from(count))])
    }

    /// A name a catalogue keeps for a value of a closed set: `status-draft`,
    /// `role-police`; the value itself if the catalogue lacks it.
    pub fn name(&self, prefix: &str, value: &str) -> String {
        self.find(&format!("{prefix}-{value}"))
            .unwrap_or_else(|| value.to_owned())
    }

    /// A day as the office writes it: `07/12/2026` in Vietnamese,
    /// `7 Dec 2026` in English.
    pub fn date(&self, day: &NaiveDate) -> String {
        match self.lang {
            Lang::Vi => day.format("%d/%m/%Y").to_string(),
            Lang::En => day.format("%-d %b %Y").to_string(),
        }
    }

    /// A time of day on the 24-hour clock in `zone`, with the zone named
    /// when it is not the province's.
    pub fn time(&self, at: &DateTime<Utc>, zone: Tz) -> String {
        let local = at.with_timezone(&zone);
        if zone == PROVINCE_TZ {
            local.format("%H:%M").to_string()
        } else {
            format!("{} ({})", local.format("%H:%M"), zone.name())
        }
    }

    /// A day and time in `zone` (the zone named when not the province's).
    pub fn date_time(&self, at: &DateTime<Utc>, zone: Tz) -> String {
        format!(
            "{} {}",
            self.date(&at.with_timezone(&zone).date_naive()),
            self.time(at, zone)
        )
    }

    /// A sentence of the operations (a field's error, a 409's reason, an
    /// inbox entry's reason) in this language. The operations speak English
    /// to the API's clients; the catalogue keeps each sentence's translation
    /// under an id made from its words, with its numbers as arguments
    /// (`must be at most 500 characters` → `err-must-be-at-most-n-characters`
    /// with `$n1 = 500`). A sentence the catalogue lacks is shown as it is.
    pub fn phrase(&self, message: &str) -> String {
        if self.lang == Lang::En {
            return message.to_owned();
        }
        let (id, numbers) = error_id(message);
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = numbers
            .into_iter()
            .zip(["n1", "n2", "n3", "n4", "n5", "n6"])
            .map(|(n, name)| (Cow::Borrowed(name), FluentValue::from(n)))
            .collect();
        // With its numbers: a message that uses `$n1` does not read without them.
        LOCALES
            .try_lookup_with_args(self.lang.id(), &id, &args)
            .unwrap_or_else(|| message.to_owned())
    }
}

/// The catalogue id of an English message, and the numbers it carries:
/// its runs of letters and of digits, a digit run written `n`.
fn error_id(message: &str) -> (String, Vec<String>) {
    let mut words = Vec::new();
    let mut numbers = Vec::new();
    let mut run = String::new();
    let mut flush = |run: &mut String| {
        if run.starts_with(|c: char| c.is_ascii_digit()) {
            numbers.push(std::mem::take(run));
            words.push("n".to_owned());
        } else if !run.is_empty() {
            words.push(std::mem::take(run).to_ascii_lowercase());
        }
    };
    for c in deunicode::deunicode(message).chars() {
        let digit_run = run.starts_with(|c: char| c.is_ascii_digit());
        // A character that goes on with the run: a digit after digits (or
        // first), a letter after letters.
        let same_run = if c.is_ascii_digit() {
            run.is_empty() || digit_run
        } else {
            c.is_ascii_alphabetic() && !digit_run
        };
        if same_run {
            run.push(c);
        } else {
            flush(&mut run);
            if c.is_ascii_alphanumeric() {
                run.push(c);
            }
        }
    }
    flush(&mut run);
    (format!("err-{}", words.join("-")), numbers)
}

/// The checks every part's catalogue file gets in its tests.
#[cfg(test)]
pub(crate) mod catalogue {
    use fluent_templates::fluent_bundle::FluentValue;

    use super::{Lang, Tr};

    /// The ids a catalogue file defines (`id = …` at the start of a line).
    pub fn ids(file: &str) -> Vec<&str> {
        file.lines()
            .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
            .filter(|id| {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .collect()
    }

    /// Whether message `id` of `file` reads, given every variable it uses.
    pub fn reads(t: Tr, file: &str, id: &str) -> bool {
        let start = file.find(&format!("\n{id} = ")).map_or(0, |at| at + 1);
        let text = &file[start..];
        let end = text[1..].find("\n\n").map_or(text.len(), |at| at + 1);
        let mut args = Vec::new();
        for part in text[..end].split('$').skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let name: &'static str = Box::leak(name.into_boxed_str());
            args.push((name, FluentValue::from(1)));
        }
        !t.with(id, &args).starts_with("Unknown localization")
    }

    /// A part's two files: the same ids in the same order, each starting
    /// with one of `prefixes`, each reading in its language.
    pub fn check_part(vi: &str, en: &str, prefixes: &[&str]) {
        assert_eq!(ids(vi), ids(en), "the same ids, in the same order");
        for (lang, file) in [(Lang::Vi, vi), (Lang::En, en)] {
            for id in ids(file) {
                assert!(prefixes.iter().any(|p| id.starts_with(p)), "{id}");
                assert!(
                    reads(Tr::new(lang), file, id),
                    "{lang:?}: {id} does not read"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_english_message_has_one_catalogue_id_with_its_numbers() {
        assert_eq!(
            error_id("must be at most 500 characters"),
            (
                "err-must-be-at-most-n-characters".to_owned(),
                vec!["500".to_owned()]
            )
        );
        assert_eq!(error_id("must not be blank").0, "err-must-not-be-blank");
        assert_eq!(
            error_id("must be between 1990-01-01 and 2100-12-31").0,
            "err-must-be-between-n-n-n-and-n-n-n"
        );
    }

    #[test]
    fn both_catalogues_have_every_message_the_vietnamese_one_has() {
        for lang in Lang::ALL {
            assert_eq!(Tr::new(lang).find("app-name").as_deref(), Some("visitdesk"));
        }
        assert_eq!(Tr::new(Lang::Vi).t("sign-in"), "Đăng nhập");
        assert_eq!(Tr::new(Lang::En).t("sign-in"), "Sign in");
    }

    #[test]
    fn a_sentence_is_translated_with_its_numbers() {
        assert_eq!(
            Tr::new(Lang::Vi).phrase("must be at most 500 characters"),
            "Tối đa 500 ký tự"
        );
        assert_eq!(
            Tr::new(Lang::En).phrase("must be at most 500 characters"),
            "must be at most 500 characters"
        );
        assert_eq!(
            Tr::new(Lang::Vi).phrase("no such sentence"),
            "no such sentence"
        );
        // A day inside a sentence is three numbers, turned round as Vietnamese writes it.
        assert_eq!(
            Tr::new(Lang::Vi).phrase(
                "2 foreign attendee(s) hold no approved accreditation covering 2026-12-11; remove them or move their accreditation first"
            ),
            "2 người tham dự nước ngoài không có hồ sơ tác nghiệp đã phê duyệt cho ngày 11/12/2026; hãy bỏ họ khỏi danh sách hoặc dời hồ sơ tác nghiệp trước"
        );
    }

    #[test]
    fn days_are_written_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(Tr::new(Lang::Vi).date(&day), "07/12/2026");
        assert_eq!(Tr::new(Lang::En).date(&day), "7 Dec 2026");
    }
}
