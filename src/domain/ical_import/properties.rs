//! An event's properties read one by one: found by name, as unescaped
//! text, as the item's kind; and the key of an event without a UID.

use ical::property::Property;
use sha2::{Digest, Sha256};

use crate::domain::ical::unescape_text;
use crate::domain::itinerary::ItemKind;

/// The first property of this name (names are case-insensitive).
pub(super) fn property<'p>(properties: &'p [Property], name: &str) -> Option<&'p Property> {
    properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

pub(super) fn param<'p>(property: &'p Property, name: &str) -> Option<&'p str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// A TEXT property, unescaped and trimmed; `None` when absent or blank.
pub(super) fn text(properties: &[Property], name: &str) -> Option<String> {
    let raw = property(properties, name)?.value.as_deref()?;
    Some(unescape_text(raw).trim().to_owned()).filter(|t| !t.is_empty())
}

pub(super) fn required(
    properties: &[Property],
    name: &str,
    max: usize,
    what: &str,
    error: &mut impl FnMut(&str, String),
) -> String {
    match text(properties, name) {
        None => {
            error(name, format!("missing: every itinerary item needs {what}"));
            String::new()
        }
        Some(t) if t.chars().count() > max => {
            error(name, format!("must be at most {max} characters"));
            t
        }
        Some(t) => t,
    }
}

/// The kind the event's CATEGORIES name (`meeting`, `Site visit`, …).
pub(super) fn kind(properties: &[Property]) -> Option<ItemKind> {
    properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("CATEGORIES"))
        .filter_map(|p| p.value.as_deref())
        .flat_map(split_list)
        .find_map(|c| {
            let c: String = c
                .trim()
                .chars()
                .map(|ch| {
                    if ch == ' ' || ch == '-' {
                        '_'
                    } else {
                        ch.to_ascii_lowercase()
                    }
                })
                .collect();
            ItemKind::parse(&c)
        })
}

/// The items of a comma-separated TEXT list, unescaped.
pub(super) fn split_list(raw: &str) -> Vec<String> {
    let (mut items, mut current, mut escaped) = (Vec::new(), String::new(), false);
    for c in raw.chars() {
        match c {
            ',' if !escaped => items.push(std::mem::take(&mut current)),
            _ => {
                escaped = c == '\\' && !escaped;
                current.push(c);
            }
        }
    }
    items.push(current);
    items.iter().map(|i| unescape_text(i)).collect()
}

/// A stable key for an event without a UID.
pub(super) fn digest(properties: &[Property]) -> String {
    let mut hash = Sha256::new();
    for name in ["DTSTART", "SUMMARY", "LOCATION"] {
        if let Some(p) = property(properties, name) {
            hash.update(p.value.as_deref().unwrap_or("").as_bytes());
            hash.update(param(p, "TZID").unwrap_or("").as_bytes());
        }
        hash.update([0]);
    }
    let hex: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("visitdesk-import-{hex}")
}
