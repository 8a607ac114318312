//! Keyset pagination: the page size and the opaque cursor of every list.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// How many items a page holds: 50 unless asked, never more than 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(u16);

impl Limit {
    pub const DEFAULT: u16 = 50;
    pub const MAX: u16 = 500;

    pub fn parse(raw: Option<i64>) -> Result<Self, &'static str> {
        match raw {
            None => Ok(Self(Self::DEFAULT)),
            Some(n) if (1..=i64::from(Self::MAX)).contains(&n) => Ok(Self(
                u16::try_from(n).map_err(|_| "must be between 1 and 500")?,
            )),
            Some(_) => Err("must be between 1 and 500"),
        }
    }

    pub fn get(self) -> usize {
        usize::from(self.0)
    }

    /// One more than the page, to learn whether another page follows.
    pub fn probe(self) -> i64 {
        i64::from(self.0) + 1
    }
}

/// Where the next page starts: the sort key of the last item seen, encoded
/// so that clients treat it as opaque.
pub fn encode_cursor<K: Serialize>(key: &K) -> String {
    // Sort keys are plain tuples of numbers and strings.
    let json = serde_json::to_vec(key).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

pub fn decode_cursor<K: DeserializeOwned>(raw: &str) -> Result<K, &'static str> {
    const BAD: &str = "is not a cursor this list gave out";
    if raw.len() > 1024 {
        return Err(BAD);
    }
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| BAD)?;
    serde_json::from_slice(&bytes).map_err(|_| BAD)
}

/// Cuts the probe row off a page of `limit + 1` rows and says where the next
/// page starts.
pub fn page<T, K: Serialize>(
    mut rows: Vec<T>,
    limit: Limit,
    key: impl Fn(&T) -> K,
) -> (Vec<T>, Option<String>) {
    if rows.len() > limit.get() {
        rows.truncate(limit.get());
        let next = rows.last().map(|last| encode_cursor(&key(last)));
        (rows, next)
    } else {
        (rows, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_bounded() {
        assert_eq!(Limit::parse(None).unwrap().get(), 50);
        assert_eq!(Limit::parse(Some(500)).unwrap().get(), 500);
        assert!(Limit::parse(Some(0)).is_err());
        assert!(Limit::parse(Some(-5)).is_err());
        assert!(Limit::parse(Some(501)).is_err());
        assert!(Limit::parse(Some(i64::MAX)).is_err());
    }

    #[test]
    fn cursors_round_trip_and_forgeries_are_refused() {
        let c = encode_cursor(&(42_i64,));
        assert_eq!(decode_cursor::<(i64,)>(&c).unwrap(), (42,));
        assert!(decode_cursor::<(i64,)>("!!!").is_err());
        assert!(decode_cursor::<(i64,)>(&URL_SAFE_NO_PAD.encode(b"\"x\"")).is_err());
        assert!(decode_cursor::<(i64,)>(&"A".repeat(5000)).is_err());
    }

    #[test]
    fn a_page_says_whether_more_follow() {
        let limit = Limit::parse(Some(2)).unwrap();
        let (items, next) = page(vec![1_i64, 2, 3], limit, |i| (*i,));
        assert_eq!(items, [1, 2]);
        assert_eq!(decode_cursor::<(i64,)>(&next.unwrap()).unwrap(), (2,));
        let (items, next) = page(vec![1_i64, 2], limit, |i| (*i,));
        assert_eq!(items, [1, 2]);
        assert!(next.is_none());
    }
}
