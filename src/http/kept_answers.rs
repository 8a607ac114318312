//! Finished big answers kept against the data they were built from: the
//! last body of each feed address and the weeks of the schedule.
//!
//! A week of the schedule is megabytes of JSON built from thousands of rows
//! (about 7 ms of two cores here), a feed of 1,000 entries is 513 KB of
//! iCal (156–191 req/s at 16 clients when built for each request), and the
//! police open the same week from several desks while calendar servers
//! poll the same feeds all day. While nothing was written anywhere (the same
//! [`DataStamp`]: every process learns of every commit, `db::notify`), the
//! bytes built for the same question are the answer; a change anywhere
//! makes every kept answer stale at once, with no time limit either way.
//!
//! Bodies are kept plain, and gzipped too once a client that accepts gzip
//! asked (compressed once, off the async workers, not on the build's path:
//! most clients of the benchmark and the console do not ask for it). The
//! whole store holds at most [`KeptAnswers::MAX_TOTAL`] bytes, plain and
//! gzipped counted together; the oldest answers go first. A body is kept at
//! its length: a `Bytes` made from a `Vec` keeps the `Vec`'s capacity, and a
//! 1.5 MB week serialised into a growing buffer sat in 2 MB.
//!
//! One question is built once at a time ([`KeptAnswers::turn`]): sixteen
//! clients asking for the same cold week had two builds of it in memory
//! (one per big-answer permit), the second thrown away.

use std::collections::VecDeque;
use std::hash::{BuildHasher as _, RandomState};
use std::io::Write as _;
use std::sync::{Mutex, MutexGuard};

use actix_web::HttpRequest;
use actix_web::http::header;
use actix_web::web::Bytes;
use chrono::{DateTime, Utc};

use crate::db::audit::DataStamp;
use crate::error::{ApiError, ApiResult};

/// A feed's validators: its ETag and Last-Modified.
pub type Validators = (String, DateTime<Utc>);

/// One kept answer: the body, plain and (once asked for) gzipped, and the
/// validators it was answered with, for a feed.
#[derive(Debug, Clone)]
pub struct KeptAnswer {
    pub plain: Bytes,
    pub gzip: Option<Bytes>,
    pub validators: Option<Validators>,
}

impl KeptAnswer {
    /// `plain` as the answer, held at its length (see the module's text).
    pub fn new(plain: Vec<u8>, validators: Option<Validators>) -> Self {
        Self {
            plain: exact(plain),
            gzip: None,
            validators,
        }
    }

    fn bytes(&self) -> usize {
        self.plain.len() + self.gzip.as_ref().map_or(0, Bytes::len)
    }
}

/// The bytes that leave for one request, and whether they are gzipped.
#[derive(Debug)]
pub struct Encoded {
    pub bytes: Bytes,
    pub gzip: bool,
}

/// Answers kept, newest first, within a memory bound.
#[derive(Debug, Default)]
pub struct KeptAnswers {
    kept: Mutex<Store>,
    /// Whose turn it is to build: a question waits on the lock its hash
    /// picks (two questions may share one and then take turns).
    turns: [tokio::sync::Mutex<()>; TURNS],
    hasher: RandomState,
}

/// Builds of different questions that may run at once, at most. More than
/// the big-answer permits (one per core), so that questions rarely share.
const TURNS: usize = 16;

#[derive(Debug, Default)]
struct Store {
    answers: VecDeque<Kept>,
    bytes: usize,
}

#[derive(Debug)]
struct Kept {
    question: String,
    stamp: DataStamp,
    answer: KeptAnswer,
}

impl KeptAnswers {
    /// The most bytes kept (plain and gzipped): a busy week is about
    /// 1.5 MB, the 1,122-entry feed 505 KB plain and 15 KB gzipped, so two
    /// weeks and the feeds of the benchmark fit, and the peak RSS of the
    /// whole of bench/run stays under its 64 MB (issue 18).
    pub const MAX_TOTAL: usize = 4 * 1024 * 1024;
    /// The largest answer kept.
    const MAX_ONE: usize = 4 * 1024 * 1024;
    /// Answers kept at most (each also holds its question).
    const MAX_ANSWERS: usize = 256;
    /// Below this a body is sent as it is: gzip would save a packet at most.
    const GZIP_FROM: usize = 1024;

    /// Waits until no other request is building an answer to `question`
    /// (or to one that shares its lock), and holds the turn while the guard
    /// lives: look in the store again once it is yours, then build.
    pub async fn turn(&self, question: &str) -> tokio::sync::MutexGuard<'_, ()> {
        let lock = self.hasher.hash_one(question) % TURNS as u64;
        self.turns[usize::try_from(lock).unwrap_or(0)].lock().await
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The answer kept for `question` from data as `stamp` says it is
    /// (`None`: nothing kept can be trusted now). Counted in `/metrics` as
    /// a hit or a miss of `kind`.
    pub fn get(
        &self,
        kind: &'static str,
        question: &str,
        stamp: Option<DataStamp>,
    ) -> Option<KeptAnswer> {
        let found = stamp.and_then(|stamp| {
            self.store()
                .answers
                .iter()
                .find(|k| k.question == question && k.stamp == stamp)
                .map(|k| k.answer.clone())
        });
        crate::http::metrics::kept_answer(kind, found.is_some());
        found
    }

    /// Keeps `answer` to `question` from data at `stamp` (taken before the
    /// data the answer was built from); answers from older data go.
    pub fn put(&self, question: String, stamp: DataStamp, answer: KeptAnswer) {
        if answer.plain.len() > Self::MAX_ONE {
            return;
        }
        let mut store = self.store();
        let Store { answers, bytes } = &mut *store;
        answers.retain(|k| {
            let keep = k.question != question && k.stamp == stamp;
            if !keep {
                *bytes -= k.answer.bytes();
            }
            keep
        });
        *bytes += answer.bytes();
        answers.push_front(Kept {
            question,
            stamp,
            answer,
        });
        store.trim();
    }

    /// Adds the gzipped body to the answer kept for `question`, if it is
    /// still the one kept.
    fn keep_gzip(&self, question: &str, stamp: DataStamp, gzip: Bytes) {
        let mut store = self.store();
        let Some(kept) = store
            .answers
            .iter_mut()
            .find(|k| k.question == question && k.stamp == stamp && k.answer.gzip.is_none())
        else {
            return;
        };
        let added = gzip.len();
        kept.answer.gzip = Some(gzip);
        store.bytes += added;
        store.trim();
    }

    /// The body to send for `answer` (kept for `question` at `stamp`, or
    /// just built for it): gzipped when the client accepts it
    /// ([`accepts_gzip`]) and the body
    /// is worth it, compressed here once and kept with the answer.
    pub async fn encoded(
        &self,
        question: &str,
        stamp: Option<DataStamp>,
        answer: &KeptAnswer,
        gzip_ok: bool,
    ) -> ApiResult<Encoded> {
        if answer.plain.len() < Self::GZIP_FROM || !gzip_ok {
            return Ok(Encoded {
                bytes: answer.plain.clone(),
                gzip: false,
            });
        }
        let gzip = match &answer.gzip {
            Some(gzip) => gzip.clone(),
            None => {
                let plain = answer.plain.clone();
                let gzip = actix_web::web::block(move || gzip(&plain)).await??;
                if let Some(stamp) = stamp {
                    self.keep_gzip(question, stamp, gzip.clone());
                }
                gzip
            }
        };
        Ok(Encoded {
            bytes: gzip,
            gzip: true,
        })
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.store().bytes
    }
}

impl Store {
    /// Lets the oldest answers go until the store is within its bounds.
    fn trim(&mut self) {
        while self.answers.len() > KeptAnswers::MAX_ANSWERS || self.bytes > KeptAnswers::MAX_TOTAL {
            match self.answers.pop_back() {
                Some(old) => self.bytes -= old.answer.bytes(),
                None => break,
            }
        }
    }
}

/// `plain`, gzipped (zlib-rs at the default level: a 513 KB feed takes a
/// few milliseconds, once per change).
fn gzip(plain: &[u8]) -> ApiResult<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(plain.len() / 4),
        flate2::Compression::default(),
    );
    encoder.write_all(plain).map_err(ApiError::internal)?;
    Ok(exact(encoder.finish().map_err(ApiError::internal)?))
}

/// `bytes` without spare capacity.
fn exact(mut bytes: Vec<u8>) -> Bytes {
    bytes.shrink_to_fit();
    Bytes::from(bytes)
}

/// Whether the request's `Accept-Encoding` takes gzip (a `q=0` refuses it).
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(generation: u64) -> DataStamp {
        DataStamp {
            generation,
            day: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default(),
        }
    }

    fn answer(body: &[u8]) -> KeptAnswer {
        KeptAnswer::new(body.to_vec(), None)
    }

    #[test]
    fn an_answer_holds_only_for_its_question_and_its_data() {
        let answers = KeptAnswers::default();
        answers.put("week 48".into(), stamp(7), answer(b"[48]"));
        let plain = |a: Option<KeptAnswer>| a.map(|a| a.plain);
        assert_eq!(
            plain(answers.get("t", "week 48", Some(stamp(7)))).as_deref(),
            Some(&b"[48]"[..])
        );
        assert!(answers.get("t", "week 49", Some(stamp(7))).is_none());
        assert!(answers.get("t", "week 48", Some(stamp(8))).is_none());
        // Nothing can be known: nothing kept holds.
        assert!(answers.get("t", "week 48", None).is_none());
        // Something was written: the old answers go when a new one comes.
        answers.put("week 49".into(), stamp(8), answer(b"[49]"));
        assert!(answers.get("t", "week 48", Some(stamp(7))).is_none());
        assert_eq!(answers.bytes(), 4);
    }

    #[test]
    fn the_store_keeps_within_its_bound_newest_first() {
        let answers = KeptAnswers::default();
        for week in 0..10 {
            answers.put(
                format!("week {week}"),
                stamp(1),
                KeptAnswer::new(vec![b'x'; 3 * 1024 * 1024], None),
            );
            assert!(answers.bytes() <= KeptAnswers::MAX_TOTAL);
        }
        assert!(answers.get("t", "week 9", Some(stamp(1))).is_some());
        assert!(answers.get("t", "week 0", Some(stamp(1))).is_none());
        // Too big to keep at all.
        answers.put(
            "huge".into(),
            stamp(1),
            KeptAnswer::new(vec![0; 5 * 1024 * 1024], None),
        );
        assert!(answers.get("t", "huge", Some(stamp(1))).is_none());
    }

    #[test]
    fn a_kept_body_holds_no_spare_capacity() {
        let mut grown = Vec::with_capacity(2 * 1024 * 1024);
        grown.extend_from_slice(&[b'x'; 1_500_000]);
        let kept = KeptAnswer::new(grown, None);
        // `Bytes` from a `Vec` frees through the `Vec` it came from: only a
        // shrunk one gives back what it held beyond its length.
        let back: Vec<u8> = kept.plain.into();
        assert_eq!(back.capacity(), 1_500_000);
    }

    #[actix_web::test]
    async fn one_question_is_built_by_one_request_at_a_time() {
        let answers = std::sync::Arc::new(KeptAnswers::default());
        let turn = answers.turn("week 48").await;
        let waiting = {
            let answers = answers.clone();
            actix_web::rt::spawn(async move {
                let _turn = answers.turn("week 48").await;
                answers.get("t", "week 48", Some(stamp(1))).is_some()
            })
        };
        for _ in 0..10 {
            actix_web::rt::task::yield_now().await;
        }
        // It waits while the first builds…
        assert!(!waiting.is_finished());
        answers.put("week 48".into(), stamp(1), answer(b"[48]"));
        drop(turn);
        // …and then finds what the first built.
        assert!(waiting.await.unwrap_or(false));
    }

    #[test]
    fn gzip_is_taken_unless_refused() {
        use actix_web::test::TestRequest;
        let with = |v: &str| {
            TestRequest::default()
                .insert_header((header::ACCEPT_ENCODING, v))
                .to_http_request()
        };
        assert!(accepts_gzip(&with("gzip, deflate, br")));
        assert!(accepts_gzip(&with("br;q=1.0, gzip;q=0.8")));
        assert!(!accepts_gzip(&with("gzip;q=0, br")));
        assert!(!accepts_gzip(&with("identity")));
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }

    #[test]
    fn a_gzipped_body_reads_back_the_same() {
        use std::io::Read as _;
        let plain = "BEGIN:VEVENT\r\nSUMMARY:Họp báo\r\nEND:VEVENT\r\n".repeat(200);
        let packed = gzip(plain.as_bytes()).unwrap_or_default();
        assert!(packed.len() < plain.len() / 10);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_string(&mut back)
            .unwrap_or_default();
        assert_eq!(back, plain);
    }
}
