//! Workflow tables: each record kind's workflow is one table of
//! (action, from, to, who), and one function decides any transition from it.

use super::role::Role;

/// States and actions have the names the API uses for them.
pub trait Named: Copy {
    fn name(self) -> &'static str;
}

/// Who may take a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Any user of this role.
    Role(Role),
    /// A `host_unit` user acting on its own unit's record.
    OwnUnit,
}

/// One row of a workflow table.
#[derive(Debug)]
pub struct Rule<S: 'static, A: 'static> {
    pub action: A,
    pub from: &'static [S],
    pub to: S,
    pub who: &'static [Who],
}

/// The caller as a workflow sees it.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub role: Role,
    /// The record belongs to the caller's unit.
    pub owns: bool,
}

/// What the table says of an action from a state by a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict<S> {
    /// Allowed: the state it leads to.
    Go(S),
    /// The subject's role may not take this action (here).
    Forbidden,
    /// The action is not open from the current state; these states would allow it.
    WrongState { current: S, allowed_from: Vec<S> },
}

fn may<S, A>(rule: &Rule<S, A>, subject: Subject) -> bool {
    // The administrator may do everything (DESIGN.md, "Roles").
    subject.role == Role::Admin
        || rule.who.iter().any(|who| match who {
            Who::Role(role) => *role == subject.role,
            Who::OwnUnit => subject.role == Role::HostUnit && subject.owns,
        })
}

/// Decides `action` from `current` for `subject`: 403 before 409, so that a
/// role that may never act learns nothing of the record's state.
pub fn decide<S: Copy + Eq, A: Copy + Eq>(
    table: &[Rule<S, A>],
    action: A,
    current: S,
    subject: Subject,
) -> Verdict<S> {
    let rules: Vec<&Rule<S, A>> = table.iter().filter(|r| r.action == action).collect();
    if !rules.iter().any(|r| may(r, subject)) {
        return Verdict::Forbidden;
    }
    if let Some(rule) = rules
        .iter()
        .find(|r| r.from.contains(&current) && may(r, subject))
    {
        return Verdict::Go(rule.to);
    }
    if rules.iter().any(|r| r.from.contains(&current)) {
        // Open from here, but not to this role (a host unit cancelling after submission).
        return Verdict::Forbidden;
    }
    let mut allowed_from = Vec::new();
    for rule in rules.iter().filter(|r| may(r, subject)) {
        for state in rule.from {
            if !allowed_from.contains(state) {
                allowed_from.push(*state);
            }
        }
    }
    Verdict::WrongState {
        current,
        allowed_from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum S {
        Draft,
        Sent,
        Done,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum A {
        Send,
        Cancel,
    }

    const TABLE: &[Rule<S, A>] = &[
        Rule {
            action: A::Send,
            from: &[S::Draft],
            to: S::Sent,
            who: &[Who::OwnUnit, Who::Role(Role::ForeignAffairs)],
        },
        Rule {
            action: A::Cancel,
            from: &[S::Draft],
            to: S::Done,
            who: &[Who::OwnUnit],
        },
        Rule {
            action: A::Cancel,
            from: &[S::Draft, S::Sent],
            to: S::Done,
            who: &[Who::Role(Role::ForeignAffairs)],
        },
    ];

    fn subject(role: Role, owns: bool) -> Subject {
        Subject { role, owns }
    }

    #[test]
    fn the_table_decides() {
        assert_eq!(
            decide(TABLE, A::Send, S::Draft, subject(Role::HostUnit, true)),
            Verdict::Go(S::Sent)
        );
        assert_eq!(
            decide(TABLE, A::Send, S::Draft, subject(Role::HostUnit, false)),
            Verdict::Forbidden
        );
        assert_eq!(
            decide(TABLE, A::Send, S::Draft, subject(Role::Viewer, true)),
            Verdict::Forbidden
        );
        assert_eq!(
            decide(TABLE, A::Send, S::Sent, subject(Role::Admin, false)),
            Verdict::WrongState {
                current: S::Sent,
                allowed_from: vec![S::Draft]
            }
        );
        assert_eq!(
            decide(TABLE, A::Cancel, S::Sent, subject(Role::HostUnit, true)),
            Verdict::Forbidden
        );
        assert_eq!(
            decide(
                TABLE,
                A::Cancel,
                S::Sent,
                subject(Role::ForeignAffairs, false)
            ),
            Verdict::Go(S::Done)
        );
        assert_eq!(
            decide(
                TABLE,
                A::Cancel,
                S::Done,
                subject(Role::ForeignAffairs, false)
            ),
            Verdict::WrongState {
                current: S::Done,
                allowed_from: vec![S::Draft, S::Sent]
            }
        );
    }
}
