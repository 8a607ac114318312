//! Bounds on work that costs much memory per request, so that a burst of
//! requests queues instead of holding its memory all at once: a password
//! hash (argon2id takes 7 MiB while it runs) and a big answer (a week of
//! the schedule or a feed is megabytes while it is built). With two cores,
//! building more than two at once is no faster; it only holds more memory.
//! A finished big answer leaves a slice at a time ([`Sliced`]).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::error::{ApiError, ApiResult};

#[derive(Debug)]
pub struct Limits {
    hashing: Semaphore,
    big_answers: Semaphore,
}

impl Limits {
    /// `parallel` (the number of cores, at least one) hashes at a time, and
    /// as many big answers: building one is work for a core from start to
    /// end (SQLite reads from memory), so more at once only held more memory
    /// (bench/run: twice as many in flight, same req/s).
    pub fn new(parallel: usize) -> Self {
        let parallel = parallel.max(1);
        Self {
            hashing: Semaphore::new(parallel),
            big_answers: Semaphore::new(parallel),
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

    /// Builds a big answer (the schedule, a feed), `parallel` at a time.
    pub async fn big_answer<T>(&self, build: impl Future<Output = ApiResult<T>>) -> ApiResult<T> {
        let _permit = enter(&self.big_answers).await?;
        build.await
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(crate::config::cores())
    }
}

/// A finished big answer, handed to the connection a slice at a time.
///
/// Given one buffer, actix copies all of it into the connection's write
/// buffer, which then keeps that capacity for as long as the client keeps
/// the connection open: sixteen keep-alive clients of the week's schedule
/// held 21 MB of write buffers (valgrind massif under bench/run's load).
/// Slices are copied as the socket drains, so the write buffer stays small;
/// the length is still announced up front (`Content-Length`).
#[derive(Debug)]
pub struct Sliced {
    rest: Bytes,
    length: u64,
}

/// How much of a big answer is handed over at a time.
const SLICE: usize = 64 * 1024;

impl Sliced {
    pub fn new(body: impl Into<Bytes>) -> Self {
        let rest = body.into();
        let length = u64::try_from(rest.len()).unwrap_or(u64::MAX);
        Self { rest, length }
    }
}

impl MessageBody for Sliced {
    type Error = Infallible;

    fn size(&self) -> BodySize {
        BodySize::Sized(self.length)
    }

    fn poll_next(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        if self.rest.is_empty() {
            return Poll::Ready(None);
        }
        let take = self.rest.len().min(SLICE);
        Poll::Ready(Some(Ok(self.rest.split_to(take))))
    }
}

async fn enter(gate: &Semaphore) -> ApiResult<SemaphorePermit<'_>> {
    // Only a closed semaphore fails, and these are never closed.
    gate.acquire().await.map_err(|_| ApiError::Unavailable)
}
