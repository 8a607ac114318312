//! The login throttle: how many failed logins a username, and a client
//! address, may have before logins for it (from it) are refused for a while.

use chrono::{DateTime, Duration, Utc};

/// Failed logins counted for one username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureRecord {
    pub failures: i64,
    pub window_started_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// What a throttle counts failures of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThrottleScope {
    /// One account, whichever address guesses at it.
    Username,
    /// One client address, whichever accounts it guesses at.
    Address,
}

text_enum!(ThrottleScope { Username => "username", Address => "address" });

impl ThrottleScope {
    /// Whether a right password forgives the subject's earlier failures: an
    /// account's, yes; an address's, no (a guesser may own one account), it
    /// only takes back the right guess's own count.
    pub fn forgiven_by_success(self) -> bool {
        self == ThrottleScope::Username
    }
}

/// Both throttles a login passes. An address gets a larger budget than a
/// username: an office behind one address has many people who mistype.
#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle {
    pub per_username: ThrottlePolicy,
    pub per_address: ThrottlePolicy,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            per_username: ThrottlePolicy::default(),
            per_address: ThrottlePolicy {
                max_failures: 20,
                ..ThrottlePolicy::default()
            },
        }
    }
}

impl LoginThrottle {
    pub fn policy(&self, scope: ThrottleScope) -> &ThrottlePolicy {
        match scope {
            ThrottleScope::Username => &self.per_username,
            ThrottleScope::Address => &self.per_address,
        }
    }
}

/// `max_failures` failures within `window` lock the subject for `lock`.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    pub max_failures: i64,
    pub window: Duration,
    pub lock: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            window: Duration::minutes(15),
            lock: Duration::minutes(15),
        }
    }
}

impl ThrottlePolicy {
    /// Seconds left of a lock in force, if one is.
    pub fn locked_for(&self, record: Option<&FailureRecord>, now: DateTime<Utc>) -> Option<u64> {
        let until = record?.locked_until?;
        (until > now).then(|| u64::try_from((until - now).num_seconds().max(1)).unwrap_or(1))
    }

    /// The record with one counted attempt taken back (it was right): a
    /// lock only that attempt brought is lifted.
    pub fn after_refund(&self, record: &FailureRecord) -> FailureRecord {
        let failures = (record.failures - 1).max(0);
        FailureRecord {
            failures,
            window_started_at: record.window_started_at,
            locked_until: record
                .locked_until
                .filter(|_| failures >= self.max_failures),
        }
    }

    /// The record after one more failure at `now`.
    pub fn after_failure(
        &self,
        previous: Option<&FailureRecord>,
        now: DateTime<Utc>,
    ) -> FailureRecord {
        let fresh = FailureRecord {
            failures: 1,
            window_started_at: now,
            locked_until: None,
        };
        let Some(prev) = previous else { return fresh };
        let lock_over = prev.locked_until.is_some_and(|until| until <= now);
        if lock_over || now - prev.window_started_at > self.window {
            return fresh;
        }
        let failures = prev.failures + 1;
        FailureRecord {
            failures,
            window_started_at: prev.window_started_at,
            locked_until: (failures >= self.max_failures).then(|| now + self.lock),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn the_fifth_failure_in_the_window_locks() {
        let policy = ThrottlePolicy::default();
        let mut record = None;
        for i in 0..4 {
            record = Some(policy.after_failure(record.as_ref(), at(i)));
            assert_eq!(policy.locked_for(record.as_ref(), at(i)), None);
        }
        record = Some(policy.after_failure(record.as_ref(), at(4)));
        assert_eq!(policy.locked_for(record.as_ref(), at(4)), Some(15 * 60));
        assert_eq!(policy.locked_for(record.as_ref(), at(19)), None);
    }

    #[test]
    fn a_right_guess_takes_back_its_count_and_the_lock_it_brought() {
        let policy = ThrottlePolicy::default();
        let mut record = None;
        for i in 0..5 {
            record = Some(policy.after_failure(record.as_ref(), at(i)));
        }
        let locked = record.unwrap();
        assert!(locked.locked_until.is_some());
        let back = policy.after_refund(&locked);
        assert_eq!(back.failures, 4);
        assert_eq!(back.locked_until, None);
        // A lock earned by failures beyond this guess stays.
        let more = policy.after_failure(Some(&back), at(5));
        let again = policy.after_failure(Some(&more), at(6));
        assert!(policy.after_refund(&again).locked_until.is_some());
    }

    #[test]
    fn old_failures_are_forgotten() {
        let policy = ThrottlePolicy::default();
        let mut record = None;
        for i in 0..4 {
            record = Some(policy.after_failure(record.as_ref(), at(i)));
        }
        let later = policy.after_failure(record.as_ref(), at(30));
        assert_eq!(later.failures, 1);
        assert_eq!(later.locked_until, None);
    }

    #[test]
    fn a_failure_after_the_lock_starts_afresh() {
        let policy = ThrottlePolicy::default();
        let locked = FailureRecord {
            failures: 5,
            window_started_at: at(0),
            locked_until: Some(at(15)),
        };
        assert_eq!(policy.after_failure(Some(&locked), at(16)).failures, 1);
    }
}
