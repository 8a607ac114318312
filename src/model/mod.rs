//! Operations on records, one function per change: it takes the caller
//! (`domain::role::Caller`), the record's id and the parsed input, decides
//! (visibility → permission → state → version → rules), writes, and returns
//! the value with its audit entries (`Audited<T>`). The reads that apply
//! visibility live beside them. Every face calls these — the JSON routes,
//! the demo loader, the console to come — so none can allow or show more
//! than another. Each function runs inside the caller's transaction.

pub mod accreditation;
pub mod audit;
pub mod conference;
pub mod deadlines;
pub mod delegation;
pub mod import;
pub mod inbox;
pub mod input;
pub mod interview;
pub mod itinerary;
pub mod member;
pub mod notices;
pub mod report;
pub mod reporter;
pub mod review;
pub mod schedule;
pub mod settings;
pub mod subscription;
pub mod unit;
pub mod user;

use chrono::Datelike;
use serde_json::json;

use crate::domain::role::{Caller, Role};
use crate::domain::workflow::{Named, Verdict};
use crate::error::{ApiError, ApiResult};

/// The state a workflow verdict leads to, or the problem that says why not:
/// 403 for a role that may not, 409 naming the current state and the states
/// the action is open from (for every record kind's workflow).
pub fn go<S: Named + Eq, A: Named>(
    verdict: Verdict<S>,
    action: A,
    role: Role,
    record: &str,
) -> ApiResult<S> {
    match verdict {
        Verdict::Go(to) => Ok(to),
        Verdict::Forbidden => Err(ApiError::forbidden(format!(
            "the role `{role}` may not {} this {record} (now)",
            action.name()
        ))),
        Verdict::WrongState {
            current,
            allowed_from,
        } => {
            let names: Vec<&str> = allowed_from.iter().map(|s| s.name()).collect();
            Err(ApiError::Conflict {
                detail: format!(
                    "cannot {} a {record} that is {}; it can be done from: {}",
                    action.name(),
                    current.name(),
                    names.join(", ")
                ),
                extra: Some(json!({"current_status": current.name(), "allowed_from": names})),
            })
        }
    }
}

/// The current year in the province: the year of a new record's reference.
fn year() -> i32 {
    crate::db::now()
        .with_timezone(&crate::domain::time::PROVINCE_TZ)
        .year()
}

/// 403 unless `allowed`, naming what the caller's role may not do.
pub fn require(caller: Caller, allowed: bool, what: &str) -> ApiResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "the role `{}` may not {what}",
            caller.role
        )))
    }
}
