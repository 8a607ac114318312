//! The bounds on what a file may cost to read, checked line by line before
//! the parser sees it.

use super::ReadError;

/// The most characters of one (unfolded) line: a description of pages
/// fits; the parser's work per line stays small.
pub const MAX_LINE: usize = 32 * 1024;
/// The most parameters on one property (`DTSTART;TZID=…;VALUE=…`): calendar
/// programs write two or three; the parser rescans the line per parameter.
pub const MAX_PARAMETERS: usize = 20;
/// The most characters of a TZID (IANA names have at most 32; Outlook's
/// and Lotus' prefixed ones some 60).
pub const MAX_TZID: usize = 128;
/// The most events in one file: a delegation's programme has tens.
pub const MAX_EVENTS: usize = 2_000;

/// Refuses a file past any of the bounds, naming the line and the bound,
/// before the parser sees it: each check is one pass over the line.
pub(super) fn check_bounds(text: &str) -> Result<(), ReadError> {
    let mut events = 0;
    for (n, line) in text.lines().enumerate() {
        let at = |what: String| ReadError::Limit(format!("line {}: {what}", n + 1));
        if line.chars().count() > MAX_LINE {
            return Err(at(format!("longer than {MAX_LINE} characters")));
        }
        // The name and parameters: up to the first `:` outside quotes.
        let mut quoted = false;
        let head_end = line
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == ':' && !quoted
            })
            .map_or(line.len(), |(i, _)| i);
        let head = &line[..head_end];
        let mut quoted = false;
        let parameters: Vec<&str> = head
            .split(|c| {
                quoted ^= c == '"';
                c == ';' && !quoted
            })
            .skip(1)
            .collect();
        if parameters.len() > MAX_PARAMETERS {
            return Err(at(format!(
                "more than {MAX_PARAMETERS} parameters on one property"
            )));
        }
        let tzid = parameters
            .iter()
            .filter_map(|p| p.split_once('='))
            .chain(std::iter::once((
                head,
                &line[(head_end + 1).min(line.len())..],
            )))
            .any(|(name, value)| {
                name.eq_ignore_ascii_case("TZID") && value.chars().count() > MAX_TZID
            });
        if tzid {
            return Err(at(format!("a TZID longer than {MAX_TZID} characters")));
        }
        if line.trim_end().eq_ignore_ascii_case("BEGIN:VEVENT") {
            events += 1;
            if events > MAX_EVENTS {
                return Err(at(format!("more than {MAX_EVENTS} events in one file")));
            }
        }
    }
    Ok(())
}
