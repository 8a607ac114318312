//! A change and the audit entries it must leave ([`Audited`]), who makes it
//! ([`Actor`]), and the wrapper that writes the entries in the change's own
//! transaction.

use super::{AnyConnection, audit, now, outbox};
use crate::domain::audit::AuditEvent;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::role::Role;
use crate::error::ApiResult;

/// `f` followed by the insertion of the audit entries it returns, and —
/// while e-mail is on — the change notices of the schedule entries of the
/// coming week it changed (`model::notices`: the one place every change
/// passes through); whether it wrote mail, to wake the sender after commit.
pub(super) fn audited<T>(
    actor: Actor,
    mail: std::sync::Arc<outbox::Signal>,
    f: impl FnOnce(&mut AnyConnection) -> ApiResult<Audited<T>>,
) -> impl FnOnce(&mut AnyConnection) -> ApiResult<(T, bool)> {
    move |conn| {
        let watch = if mail.enabled() {
            Some(crate::model::notices::Watch::before(conn)?)
        } else {
            None
        };
        let Audited { value, events } = f(conn)?;
        let mailed = match watch {
            Some(watch) => watch.after(conn, &events, &actor)? > 0,
            None => false,
        };
        audit::insert(conn, &actor, &events, now())?;
        Ok((value, mailed))
    }
}

/// A change's result together with the audit entries it must leave.
#[derive(Debug)]
pub struct Audited<T> {
    value: T,
    events: Vec<AuditEvent>,
}

impl<T> Audited<T> {
    pub fn new(value: T, event: AuditEvent) -> Self {
        Self {
            value,
            events: vec![event],
        }
    }

    /// A request that turned out to change nothing: no entry, as no change.
    pub fn unchanged(value: T) -> Self {
        Self {
            value,
            events: Vec::new(),
        }
    }

    /// The same entries over another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Audited<U> {
        Audited {
            value: f(self.value),
            events: self.events,
        }
    }

    /// The value and the entries, for a caller that gathers the entries of
    /// several operations into one transaction (the demo loader).
    pub fn into_parts(self) -> (T, Vec<AuditEvent>) {
        (self.value, self.events)
    }

    /// Another entry in the same transaction (a change touching two records).
    pub fn and(mut self, event: AuditEvent) -> Self {
        self.events.push(event);
        self
    }
}

/// Who makes a change, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub username: String,
    pub role: Option<Role>,
    pub unit_id: Option<UnitId>,
    pub request_id: Option<String>,
}

impl Actor {
    /// Changes made from the command line or at start (demo data).
    pub fn system(what: &str) -> Self {
        Self {
            user_id: None,
            username: format!("({what})"),
            role: None,
            unit_id: None,
            request_id: None,
        }
    }

    /// A signed-in user, as the audit names them, for one request.
    pub fn of(user: crate::domain::user::User, request_id: String) -> Self {
        Self {
            user_id: Some(user.id),
            username: user.username,
            role: Some(user.role),
            unit_id: user.unit_id,
            request_id: Some(request_id),
        }
    }
}
