//! Small reads that nearly every request makes, kept in memory against the
//! generation of the data ([`super::notify`]): the account behind a token,
//! the province's calendar. Each is a few rows, but read for every request
//! they were most of a one-record GET's work (one delegation: five queries,
//! of which three were these).
//!
//! A value read under generation `g` is answered again only while the
//! generation is still `g`; every audited change (and a user's rights, the
//! settings and the swap table change only so) moves it, in this process
//! at once and in another at its next look. The generation is taken
//! *before* the read, so a change that lands during the read makes the kept
//! value stale at once, never wrong.
//!
//! Kept only where the generation costs no round trip to know
//! ([`super::notify::ChangeWatch::local_stamp`]: SQLite); elsewhere every
//! look-up reads, as if nothing were kept. The caller takes the generation
//! once for all it looks up in one request.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::ApiResult;

/// Values read from the database, by key, all under one generation.
#[derive(Debug)]
pub struct Kept<K, V> {
    slot: Mutex<Slot<K, V>>,
}

#[derive(Debug)]
struct Slot<K, V> {
    generation: u64,
    values: HashMap<K, V>,
}

impl<K: Eq + Hash, V: Clone> Kept<K, V> {
    /// Past this many keys the store starts again empty (keys are accounts
    /// or a single calendar: far fewer in any province).
    const MAX_KEYS: usize = 4096;

    pub fn new() -> Self {
        Self {
            slot: Mutex::new(Slot {
                generation: 0,
                values: HashMap::new(),
            }),
        }
    }

    /// The value under `key` as the data is at `generation` (taken just
    /// before): the kept one while nothing was written since it was read,
    /// else what `read` gives (kept for the next request). With no
    /// generation, what `read` gives.
    pub fn get(
        &self,
        generation: Option<u64>,
        key: K,
        read: impl FnOnce() -> ApiResult<V>,
    ) -> ApiResult<V> {
        let Some(generation) = generation else {
            return read();
        };
        {
            let slot = self.lock();
            if slot.generation == generation
                && let Some(value) = slot.values.get(&key)
            {
                return Ok(value.clone());
            }
        }
        let value = read()?;
        let mut slot = self.lock();
        match slot.generation.cmp(&generation) {
            // Read under an older generation than the one now kept:
            // answered, not kept.
            std::cmp::Ordering::Greater => {}
            std::cmp::Ordering::Less => {
                slot.values.clear();
                slot.generation = generation;
                slot.values.insert(key, value.clone());
            }
            std::cmp::Ordering::Equal => {
                if slot.values.len() >= Self::MAX_KEYS {
                    slot.values.clear();
                }
                slot.values.insert(key, value.clone());
            }
        }
        Ok(value)
    }

    fn lock(&self) -> MutexGuard<'_, Slot<K, V>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<K: Eq + Hash, V: Clone> Default for Kept<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
