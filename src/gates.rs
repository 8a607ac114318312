//! Bounds on work that costs much memory per request, so that a burst of
//! requests queues instead of holding its memory all at once: a password
//! hash (argon2id takes 19 MiB while it runs) and a big answer (a week of
//! the schedule or a feed is megabytes while it is built). With two cores,
//! building more than a few at once is no faster; it only holds more memory.

use std::future::Future;

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::error::{ApiError, ApiResult};

#[derive(Debug)]
pub struct Gates {
    hashing: Semaphore,
    big_answers: Semaphore,
}

impl Gates {
    /// `parallel` (the number of cores, at least one) hashes at a time, and
    /// twice that many big answers (whose builds also wait on the database).
    pub fn new(parallel: usize) -> Self {
        let parallel = parallel.max(1);
        Self {
            hashing: Semaphore::new(parallel),
            big_answers: Semaphore::new(2 * parallel),
        }
    }

    /// Runs a password hash or check off the async workers, `parallel` at a time.
    pub async fn hash<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> ApiResult<T> {
        let _permit = enter(&self.hashing).await?;
        Ok(actix_web::web::block(work).await?)
    }

    /// Builds a big answer (the schedule, a feed), `2 × parallel` at a time.
    pub async fn big_answer<T>(&self, build: impl Future<Output = ApiResult<T>>) -> ApiResult<T> {
        let _permit = enter(&self.big_answers).await?;
        build.await
    }
}

impl Default for Gates {
    fn default() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from))
    }
}

async fn enter(gate: &Semaphore) -> ApiResult<SemaphorePermit<'_>> {
    // Only a closed semaphore fails, and these are never closed.
    gate.acquire().await.map_err(|_| ApiError::Unavailable)
}
