//! SQLite's one writer, with group commit.
//!
//! SQLite lets one connection write at a time, and with `synchronous=FULL`
//! every commit waits for the disk. One thread owns the writing connection;
//! changes are queued to it, and whatever is queued when it is free is run
//! in one transaction, each change inside its own savepoint, and committed
//! once: one wait for the disk for the lot. A change that fails rolls back
//! its savepoint only, and gets its own error; the others are unaffected.
//! Nobody is answered before the commit that holds their change is on disk,
//! so an answered change is as durable as before, and each change still
//! lands with its audit entries in one atomic unit (its savepoint, inside a
//! transaction that commits or rolls back whole).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use diesel::Connection;

use super::AnyConnection;
use super::connection::{DatabaseUrl, prepare};
use crate::error::{ApiError, ApiResult};

/// Changes taken into one transaction at most.
const MAX_BATCH: usize = 64;

/// One queued change: run inside the batch's transaction, then told how
/// the batch ended.
trait Pending: Send {
    fn run(&mut self, conn: &mut AnyConnection);
    fn finish(self: Box<Self>, batch: Result<(), BatchFailure>);
}

/// Why a batch's changes were not kept, for those that had succeeded.
#[derive(Debug, Clone, Copy)]
enum BatchFailure {
    /// The commit itself failed (disk full, database busy past the timeout).
    Commit,
    /// A change panicked: the batch was rolled back to be safe.
    Panic,
}

struct Task<T, F, R> {
    change: Option<F>,
    result: Option<ApiResult<T>>,
    reply: R,
}

impl<T, F, R> Pending for Task<T, F, R>
where
    T: Send,
    F: FnOnce(&mut AnyConnection) -> ApiResult<T> + Send,
    R: FnOnce(ApiResult<T>) + Send,
{
    fn run(&mut self, conn: &mut AnyConnection) {
        if let Some(change) = self.change.take() {
            // Inside the batch's transaction this is a savepoint.
            self.result = Some(conn.transaction(change));
        }
    }

    fn finish(self: Box<Self>, batch: Result<(), BatchFailure>) {
        let result = match (self.result, batch) {
            (Some(Err(e)), _) => Err(e),
            (Some(Ok(_)), Err(BatchFailure::Commit)) | (None, Err(BatchFailure::Commit)) => {
                Err(ApiError::Unavailable)
            }
            (_, Err(BatchFailure::Panic)) | (None, Ok(())) => Err(ApiError::Internal),
            (Some(Ok(value)), Ok(())) => Ok(value),
        };
        (self.reply)(result);
    }
}

/// The handle to the writer thread; cheap to clone. The thread ends when
/// the last handle is dropped.
#[derive(Clone)]
pub struct GroupWriter {
    queue: mpsc::Sender<Box<dyn Pending>>,
}

impl std::fmt::Debug for GroupWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupWriter").finish_non_exhaustive()
    }
}

impl GroupWriter {
    /// Opens the writing connection (as the pools prepare theirs) and
    /// starts the thread that owns it.
    pub fn start(url: &DatabaseUrl) -> Result<Self, super::OpenError> {
        let mut conn = url.connect()?;
        prepare(&mut conn, false)?;
        let (queue, jobs) = mpsc::channel::<Box<dyn Pending>>();
        let url = url.clone();
        std::thread::Builder::new()
            .name("visitdesk-writer".into())
            .spawn(move || serve(conn, &url, &jobs))
            .map_err(|e| super::OpenError::Migrate(Box::new(e)))?;
        Ok(Self { queue })
    }

    /// Queues `change`; `reply` gets its result once the transaction that
    /// holds it has committed (or failed).
    pub fn submit<T, F, R>(&self, change: F, reply: R)
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> ApiResult<T> + Send + 'static,
        R: FnOnce(ApiResult<T>) + Send + 'static,
    {
        let task = Box::new(Task {
            change: Some(change),
            result: None,
            reply,
        });
        if let Err(mpsc::SendError(task)) = self.queue.send(task) {
            // The writer is gone (it only ends with the last handle, so this
            // is a shutdown race): nothing was written.
            task.finish(Err(BatchFailure::Commit));
        }
    }

    /// Runs `change` and awaits its commit without holding an async worker
    /// or a blocking thread while it is queued.
    pub async fn run<T, F>(&self, change: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> ApiResult<T> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.submit(change, move |result| {
            let _ = tx.send(result);
        });
        rx.await.unwrap_or(Err(ApiError::Unavailable))
    }
}

fn serve(mut conn: AnyConnection, url: &DatabaseUrl, jobs: &mpsc::Receiver<Box<dyn Pending>>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(task) => batch.push(task),
                Err(_) => break,
            }
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            conn.write_transaction::<(), diesel::result::Error>(|c| {
                for task in &mut batch {
                    task.run(c);
                }
                Ok(())
            })
        }));
        let ended = match outcome {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => {
                tracing::error!(error = %e, "a batch of writes could not be committed");
                Err(BatchFailure::Commit)
            }
            Err(_) => {
                tracing::error!("a write panicked; its batch was rolled back");
                // The connection's transaction state is unknown: start over
                // on a fresh one (dropping the old rolls back what is open).
                match url.connect() {
                    Ok(mut fresh) => match prepare(&mut fresh, false) {
                        Ok(()) => conn = fresh,
                        Err(e) => {
                            tracing::error!(error = %e, "could not reopen the writing connection")
                        }
                    },
                    Err(e) => {
                        tracing::error!(error = %e, "could not reopen the writing connection")
                    }
                }
                Err(BatchFailure::Panic)
            }
        };
        for task in batch {
            task.finish(ended);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::Receiver;

    use diesel::RunQueryDsl;
    use diesel::sql_types::BigInt;

    use super::*;

    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    /// A writer on a fresh database with one table `t (n)`.
    fn writer() -> (GroupWriter, DatabaseUrl, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::parse(&format!("sqlite://{}/w.db", dir.path().display())).unwrap();
        let group = GroupWriter::start(&url).unwrap();
        replies(&group, exec("CREATE TABLE t (n BIGINT PRIMARY KEY)"))
            .recv()
            .unwrap()
            .unwrap();
        (group, url, dir)
    }

    fn exec(sql: &'static str) -> impl FnOnce(&mut AnyConnection) -> ApiResult<()> + Send {
        move |c| {
            diesel::sql_query(sql).execute(c)?;
            Ok(())
        }
    }

    fn replies<T: Send + 'static>(
        group: &GroupWriter,
        change: impl FnOnce(&mut AnyConnection) -> ApiResult<T> + Send + 'static,
    ) -> Receiver<ApiResult<T>> {
        let (tx, rx) = mpsc::channel();
        group.submit(change, move |r| tx.send(r).unwrap());
        rx
    }

    /// Queues `changes` behind a change that waits until all are queued, so
    /// that they run in one batch.
    fn in_one_batch(group: &GroupWriter) -> mpsc::Sender<()> {
        let (go, wait) = mpsc::channel::<()>();
        group.submit(
            move |_| {
                wait.recv().ok();
                Ok(())
            },
            |_: ApiResult<()>| {},
        );
        go
    }

    fn count(url: &DatabaseUrl) -> i64 {
        let mut c = url.connect().unwrap();
        diesel::sql_query("SELECT COUNT(*) AS n FROM t")
            .get_result::<N>(&mut c)
            .unwrap()
            .n
    }

    #[test]
    fn a_failing_change_leaves_the_others_of_its_batch_committed() {
        let (group, url, _dir) = writer();
        let go = in_one_batch(&group);
        let first = replies(&group, exec("INSERT INTO t VALUES (1)"));
        let failing = replies(&group, |c| {
            diesel::sql_query("INSERT INTO t VALUES (2)").execute(c)?;
            Err::<(), _>(ApiError::conflict("refused after writing"))
        });
        let duplicate = replies(&group, exec("INSERT INTO t VALUES (1)"));
        let third = replies(&group, exec("INSERT INTO t VALUES (3)"));
        go.send(()).unwrap();
        assert!(first.recv().unwrap().is_ok());
        assert!(failing.recv().unwrap().is_err());
        assert!(duplicate.recv().unwrap().is_err());
        assert!(third.recv().unwrap().is_ok());
        // 1 and 3 kept; 2 (written, then refused) rolled back with its change.
        assert_eq!(count(&url), 2);
    }

    #[test]
    fn a_panicking_change_fails_its_batch_and_the_writer_goes_on() {
        let (group, url, _dir) = writer();
        let go = in_one_batch(&group);
        let before = replies(&group, exec("INSERT INTO t VALUES (1)"));
        let panics = replies(&group, |_| -> ApiResult<()> { panic!("a bug") });
        go.send(()).unwrap();
        assert!(matches!(before.recv().unwrap(), Err(ApiError::Internal)));
        assert!(matches!(panics.recv().unwrap(), Err(ApiError::Internal)));
        assert_eq!(count(&url), 0, "nobody was told their change was kept");
        replies(&group, exec("INSERT INTO t VALUES (4)"))
            .recv()
            .unwrap()
            .unwrap();
        assert_eq!(count(&url), 1);
    }
}
