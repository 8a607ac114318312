//! What every list's query says the same way: where a newest-first page
//! resumes, and how a folded search word is matched.

use diesel::dsl;
use diesel::expression::{AsExpression, BoxableExpression, Expression};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::connection::MultiBackend;

/// The rows after `(at, last)` in a list ordered `(key DESC, id DESC)`: an
/// earlier key, or the same key and a smaller id. The bounds only spell out
/// diesel's type of that expression; boxed, it goes into any list's boxed
/// query (delegations, accreditations, interviews, press conferences).
pub fn after_newest<T, K, I, V>(
    key: K,
    id: I,
    (at, last): (V, i64),
) -> Box<dyn BoxableExpression<T, MultiBackend, SqlType = Bool>>
where
    K: Expression + Copy + 'static,
    K::SqlType: diesel::sql_types::SingleValue,
    I: Expression<SqlType = BigInt> + 'static,
    V: AsExpression<K::SqlType> + Clone,
    dsl::Lt<K, V>: Expression<SqlType = Bool>,
    dsl::Eq<K, V>: Expression<SqlType = Bool>,
    dsl::Lt<I, i64>: Expression<SqlType = Bool>,
    dsl::Or<dsl::Lt<K, V>, dsl::And<dsl::Eq<K, V>, dsl::Lt<I, i64>, Bool>, Bool>:
        BoxableExpression<T, MultiBackend, SqlType = Bool> + 'static,
{
    Box::new(key.lt(at.clone()).or(key.eq(at).and(id.lt(last))))
}

/// `column` contains `word` (already folded) as it is: `%`, `_` and `\`
/// in the word match themselves (`LIKE '%…%' ESCAPE '\'`).
pub fn contains<C>(column: C, word: &str) -> dsl::Escape<dsl::Like<C, String>>
where
    C: Expression<SqlType = Text>,
{
    column
        .like(format!("%{}%", super::escape_like(word)))
        .escape('\\')
}
