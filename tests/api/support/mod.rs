//! What the tests share and none of them is: the harness (`helpers`), the
//! fixtures of each side (delegations, press, schedule) and the checkers
//! of answers (`conformance`) and feeds (`feed_checks`). `main.rs`
//! re-exports each at the crate root, so a test names it `crate::helpers`.

pub(crate) mod conformance;
pub(crate) mod feed_checks;
pub(crate) mod fixtures;
pub(crate) mod helpers;
pub(crate) mod press_fixtures;
pub(crate) mod schedule_fixtures;
