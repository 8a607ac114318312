//! What a workflow action needs beyond the table: the fields its request
//! carries, and the conditions on other data (DESIGN.md, "Workflows").

use chrono::NaiveDate;

use super::{Delegation, DelegationAction, Recommendation};

use DelegationAction as A;

/// What a workflow action's request carries besides the action, field by
/// field (the names of `TransitionInput`), and whether [`check_needs`]
/// refuses the action without it.
pub fn inputs(action: DelegationAction) -> &'static [(&'static str, bool)] {
    match action {
        A::Return | A::Cancel => &[("note", true)],
        A::Appraise => &[("recommendation", true), ("note", true)],
        A::Approve | A::Reject => &[
            ("decision_number", true),
            ("decision_date", true),
            ("note", false),
        ],
        A::Report => &[("report", true), ("note", false)],
        A::Submit | A::Complete => &[("note", false)],
    }
}

/// What a transition request carries besides its action.
#[derive(Debug, Clone, Default)]
pub struct TransitionInput {
    pub note: Option<String>,
    pub recommendation: Option<Recommendation>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub report: Option<String>,
}

/// What the other data says when an action is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub members: i64,
    pub items: i64,
    /// Today in the province.
    pub today: NaiveDate,
}

/// Why an allowed action cannot be taken yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// 422: fields the action needs.
    Missing(Vec<(&'static str, &'static str)>),
    /// 409: a condition on other data.
    Condition(String),
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Checks what `action` needs (DESIGN.md, "Workflows", column "needs").
pub fn check_needs(
    action: DelegationAction,
    delegation: &Delegation,
    input: &TransitionInput,
    facts: Facts,
) -> Result<(), Unmet> {
    let mut missing = Vec::new();
    let note_needed = |missing: &mut Vec<_>, why| {
        if !filled(&input.note) {
            missing.push(("note", why));
        }
    };
    match action {
        A::Submit => {
            if facts.members == 0 || facts.items == 0 {
                return Err(Unmet::Condition(
                    "a delegation is submitted with at least one member and one itinerary item"
                        .into(),
                ));
            }
        }
        A::Return => note_needed(&mut missing, "say what to fix"),
        A::Appraise => {
            if input.recommendation.is_none() {
                missing.push(("recommendation", "approve or reject"));
            }
            note_needed(&mut missing, "give the appraisal");
        }
        A::Approve | A::Reject => {
            if !filled(&input.decision_number) {
                missing.push((
                    "decision_number",
                    "give the number of the province's decision",
                ));
            }
            if input.decision_date.is_none() {
                missing.push(("decision_date", "give the date of the province's decision"));
            }
        }
        A::Complete => {
            if facts.today < delegation.end_date {
                return Err(Unmet::Condition(format!(
                    "the delegation ends on {}; it can be completed from that day",
                    delegation.end_date
                )));
            }
        }
        A::Report => {
            if !filled(&input.report) {
                missing.push(("report", "give the report's text"));
            }
        }
        A::Cancel => note_needed(&mut missing, "say why it is cancelled"),
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Unmet::Missing(missing))
    }
}
