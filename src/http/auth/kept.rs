//! What a signed-in request reads besides its records, kept while nothing
//! is written ([`db::kept`]): the account behind its token (a user's rights
//! change only by an audited write) and the province's calendar its due
//! dates are counted on (the settings and the swap table likewise), with
//! the year tables the requests before it already built.

use std::sync::Arc;

use crate::db::{self, AnyConnection, kept::Kept, notify::ChangeWatch};
use crate::domain::ids::UserId;
use crate::domain::user::User;
use crate::error::ApiResult;
use crate::model::settings::{self, Calendar};

#[derive(Debug)]
pub struct KeptReads {
    watch: ChangeWatch,
    accounts: Kept<UserId, Option<User>>,
    calendar: Kept<(), Arc<Calendar>>,
}

impl KeptReads {
    pub fn new(watch: ChangeWatch) -> Self {
        Self {
            watch,
            accounts: Kept::new(),
            calendar: Kept::new(),
        }
    }

    /// The kept reads as the data is now: one look at the generation for
    /// all a request reads.
    pub fn now(&self) -> Now<'_> {
        Now {
            kept: self,
            generation: self.watch.local_stamp(),
        }
    }
}

/// [`KeptReads`] at one generation, taken before anything is read.
#[derive(Debug)]
pub struct Now<'a> {
    kept: &'a KeptReads,
    generation: Option<u64>,
}

impl Now<'_> {
    /// The account `id`, if there is one.
    pub fn account(&self, conn: &mut AnyConnection, id: UserId) -> ApiResult<Option<User>> {
        self.kept
            .accounts
            .get(self.generation, id, || db::user::find(conn, id))
    }

    /// [`settings::calendar`].
    pub fn calendar(&self, conn: &mut AnyConnection) -> ApiResult<Arc<Calendar>> {
        self.kept.calendar.get(self.generation, (), || {
            settings::calendar(conn).map(Arc::new)
        })
    }
}
