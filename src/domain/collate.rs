//! Sorting names the Vietnamese way: the alphabet is
//! a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (with f j w z
//! of foreign names in their Latin places), the tone marks count only when
//! the letters are equal, in the order of Unicode CLDR's Vietnamese
//! collation: none, huyền (`à`), hỏi (`ả`), ngã (`ã`), sắc (`á`), nặng
//! (`ạ`); case counts last. Byte order would put "Đặng" after "Zhang" and
//! "Ánh" after "Yến".

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// The letters in order; a letter not here (digits, other scripts, signs)
/// sorts after them by its code point.
const ALPHABET: [&str; 33] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

/// One letter's place: its rank in the alphabet (or past it), its tone and
/// whether it was upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Letter {
    rank: u32,
    tone: u8,
    upper: bool,
}

/// A key that orders names the Vietnamese way: compare keys, not strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey(Vec<Letter>);

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        let ranks = |k: &Self| k.0.iter().map(|l| l.rank).collect::<Vec<_>>();
        let tones = |k: &Self| k.0.iter().map(|l| l.tone).collect::<Vec<_>>();
        let cases = |k: &Self| k.0.iter().map(|l| l.upper).collect::<Vec<_>>();
        ranks(self)
            .cmp(&ranks(other))
            .then_with(|| tones(self).cmp(&tones(other)))
            .then_with(|| cases(self).cmp(&cases(other)))
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The sort key of `text`.
pub fn sort_key(text: &str) -> SortKey {
    let mut letters = Vec::with_capacity(text.len());
    let mut base: Option<(String, bool)> = None;
    let mut tone = 0u8;
    let flush = |base: &mut Option<(String, bool)>, tone: &mut u8, out: &mut Vec<Letter>| {
        if let Some((letter, upper)) = base.take() {
            let rank = ALPHABET
                .iter()
                .position(|a| *a == letter)
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or_else(|| 0x100 + letter.chars().next().map_or(0, u32::from));
            out.push(Letter {
                rank,
                tone: *tone,
                upper,
            });
        }
        *tone = 0;
    };
    for c in text.nfd() {
        match c {
            // The marks that make a letter of their own.
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                if let Some((letter, _)) = base.as_mut() {
                    letter.push(c);
                    *letter = letter.nfc().collect();
                }
            }
            // The tones, in CLDR's order.
            '\u{0300}' => tone = 1,
            '\u{0309}' => tone = 2,
            '\u{0303}' => tone = 3,
            '\u{0301}' => tone = 4,
            '\u{0323}' => tone = 5,
            _ => {
                flush(&mut base, &mut tone, &mut letters);
                let lower: String = c.to_lowercase().collect();
                base = Some((lower, c.is_uppercase()));
            }
        }
    }
    flush(&mut base, &mut tone, &mut letters);
    SortKey(letters)
}

/// Sorts `items` by the Vietnamese order of the name `name` gives.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| sort_key(name(item)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        sort_by_name(&mut v, String::as_str);
        v
    }

    #[test]
    fn letters_with_marks_are_letters_of_their_own() {
        assert_eq!(
            sorted(&["Đặng", "Dương", "Zhang", "Ân", "Anh", "Ăn", "Bình"]),
            ["Anh", "Ăn", "Ân", "Bình", "Dương", "Đặng", "Zhang"]
        );
        assert_eq!(
            sorted(&["Ơn", "Ôn", "On", "Ưng", "Ung"]),
            ["On", "Ôn", "Ơn", "Ung", "Ưng"]
        );
    }

    #[test]
    fn tones_count_only_between_equal_letters() {
        // CLDR: none < huyền < hỏi < ngã < sắc < nặng.
        assert_eq!(
            sorted(&["mạ", "má", "mã", "mả", "mà", "ma"]),
            ["ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // "Ánh" before "Anh Tú": the letters decide before the tone does.
        assert_eq!(sorted(&["Anh Tú", "Ánh"]), ["Ánh", "Anh Tú"]);
    }

    #[test]
    fn upper_case_counts_last_and_other_text_sorts_after_letters() {
        assert_eq!(sorted(&["an", "An", "1 an"]), ["an", "An", "1 an"]);
        assert_eq!(sort_key("Nguyễn"), sort_key("Nguyễn")); // precomposed = decomposed
    }
}
