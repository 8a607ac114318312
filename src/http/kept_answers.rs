//! Finished big answers remembered against the data they were built from.
//!
//! A week of the schedule is megabytes of JSON built from thousands of rows
//! (about 7 ms of two cores here), and the police open the same week again
//! and again, from several desks. While nothing was written (the same
//! [`DataStamp`]: last audit entry and day, as for feeds), the bytes
//! built for the same question are the answer; a change anywhere makes
//! every remembered answer stale. As for feeds, an answer is trusted for
//! [`DataStamp::TRUST`] at most.

use std::sync::Mutex;
use std::time::Instant;

use actix_web::web::Bytes;

use crate::db::audit::DataStamp;

/// A few answers, newest first.
#[derive(Debug, Default)]
pub struct KeptAnswers {
    kept: Mutex<Vec<Kept>>,
}

#[derive(Debug)]
struct Kept {
    question: String,
    stamp: DataStamp,
    body: Bytes,
    noted: Instant,
}

impl KeptAnswers {
    /// Answers kept at most, and the largest one kept: a few weeks of a busy
    /// province's schedule, within the service's memory budget.
    const MAX: usize = 2;
    const MAX_BYTES: usize = 4 * 1024 * 1024;

    /// The answer built for `question` from data as `stamp` says it is.
    pub fn get(&self, question: &str, stamp: DataStamp) -> Option<Bytes> {
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.iter()
            .find(|k| {
                k.question == question && k.stamp == stamp && k.noted.elapsed() < DataStamp::TRUST
            })
            .map(|k| k.body.clone())
    }

    /// Remembers `body` as the answer to `question` from data at `stamp`
    /// (read before the data the answer was built from); answers built from
    /// older data are forgotten.
    pub fn put(&self, question: String, stamp: DataStamp, body: Bytes) {
        if body.len() > Self::MAX_BYTES {
            return;
        }
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.retain(|k| k.question != question && k.stamp == stamp);
        kept.insert(
            0,
            Kept {
                question,
                stamp,
                body,
                noted: Instant::now(),
            },
        );
        kept.truncate(Self::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(last_change: i64) -> DataStamp {
        DataStamp {
            last_change,
            day: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        }
    }

    #[test]
    fn an_answer_holds_only_for_its_question_and_its_data() {
        let answers = KeptAnswers::default();
        answers.put("week 48".into(), stamp(7), Bytes::from_static(b"[48]"));
        assert_eq!(
            answers.get("week 48", stamp(7)).as_deref(),
            Some(&b"[48]"[..])
        );
        assert_eq!(answers.get("week 49", stamp(7)), None);
        assert_eq!(answers.get("week 48", stamp(8)), None);
        // Something was written: the old answers go when a new one comes.
        answers.put("week 49".into(), stamp(8), Bytes::from_static(b"[49]"));
        assert_eq!(answers.get("week 48", stamp(7)), None);
        for week in 0..10 {
            answers.put(format!("week {week}"), stamp(8), Bytes::from_static(b"[]"));
        }
        assert_eq!(answers.kept.lock().unwrap().len(), KeptAnswers::MAX);
        assert!(answers.get("week 9", stamp(8)).is_some());
        assert!(answers.get("week 0", stamp(8)).is_none());
    }
}
