//! What the e-mails say, in the recipient's language (the console's
//! catalogues, `mail.ftl`): plain text, which every mail client shows as
//! written. Only what the schedule and the inbox show any role that sees
//! the entry: titles, times, places, references, escort officers — never a
//! passport number, a date of birth or a police note (no query behind
//! these texts reads them).

use chrono::{DateTime, NaiveDate, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use crate::console::i18n::{Lang, Tr};
use crate::model::inbox::InboxEntry;
use crate::model::notices::{Change, Seen};

fn when(t: Tr, s: &Seen) -> String {
    let end = if s.starts_at.with_timezone(&s.zone).date_naive()
        == s.ends_at.with_timezone(&s.zone).date_naive()
    {
        t.time(&s.ends_at, s.zone)
    } else {
        t.date_time(&s.ends_at, s.zone)
    };
    format!("{} – {end}", t.date_time(&s.starts_at, s.zone))
}

fn describe(t: Tr, out: &mut String, s: &Seen) {
    out.push_str(&format!("   {}: {}\n", t.t("mail-notice-when"), when(t, s)));
    if !s.place.trim().is_empty() {
        out.push_str(&format!("   {}: {}\n", t.t("mail-notice-place"), s.place));
    }
    if let Some(officer) = s.escort_officer.as_deref().filter(|o| !o.trim().is_empty()) {
        out.push_str(&format!("   {}: {officer}\n", t.t("mail-notice-escort")));
    }
}

/// A change notice: subject and body.
pub fn change_notice(lang: Lang, changes: &[&Change], _now: DateTime<Utc>) -> (String, String) {
    let t = Tr::new(lang);
    let subject = t.n("mail-notice-subject", changes.len());
    let mut body = format!("{}\n\n", t.t("mail-notice-intro"));
    for change in changes {
        let entry = change.entry();
        let what = match change {
            Change::Added(_) => t.t("mail-notice-added"),
            Change::Changed { .. } => t.t("mail-notice-changed"),
            Change::Cancelled(_) => t.t("mail-notice-cancelled"),
            Change::Gone { after: None, .. } => t.t("mail-notice-removed"),
            Change::Gone { after: Some(_), .. } => t.t("mail-notice-moved"),
        };
        body.push_str(&format!(
            "* {what}: {} — {}\n   {}: {}\n",
            t.t(&format!("mail-kind-{}", entry.kind.as_str())),
            entry.title,
            t.t("mail-notice-record"),
            entry.reference
        ));
        match change {
            Change::Changed { before, after }
            | Change::Gone {
                before,
                after: Some(after),
            } => {
                let retitled = before.title != after.title;
                for (heading, side) in [("mail-notice-was", before), ("mail-notice-now", after)] {
                    body.push_str(&format!("  {}:\n", t.t(heading)));
                    if retitled {
                        body.push_str(&format!(
                            "   {}: {}\n",
                            t.t("mail-notice-title"),
                            side.title
                        ));
                    }
                    describe(t, &mut body, side);
                }
            }
            _ => describe(t, &mut body, entry),
        }
        body.push('\n');
    }
    body.push_str(&format!("-- \n{}\n", t.t("mail-footer")));
    (subject, body)
}

/// The daily digest of `items` (the inbox at send time): subject and body.
pub fn digest(lang: Lang, name: &str, items: &[InboxEntry], today: NaiveDate) -> (String, String) {
    let t = Tr::new(lang);
    let subject = t.with(
        "mail-digest-subject",
        &[
            ("date", FluentValue::from(t.date(&today))),
            ("count", FluentValue::from(items.len())),
        ],
    );
    let mut body = format!("{}\n\n", t.t1("mail-digest-greeting", "name", name));
    if items.is_empty() {
        body.push_str(&format!("{}\n\n", t.t("mail-digest-none")));
    } else {
        body.push_str(&format!("{}\n", t.t("mail-digest-intro")));
        let groups = [
            (
                "mail-digest-overdue",
                items
                    .iter()
                    .filter(|i| i.due_date < today)
                    .collect::<Vec<_>>(),
            ),
            (
                "mail-digest-today",
                items.iter().filter(|i| i.due_date == today).collect(),
            ),
            (
                "mail-digest-upcoming",
                items.iter().filter(|i| i.due_date > today).collect(),
            ),
        ];
        for (heading, group) in groups {
            if group.is_empty() {
                continue;
            }
            body.push_str(&format!("\n{} ({}):\n", t.t(heading), group.len()));
            for item in group {
                let reference = item
                    .record
                    .as_ref()
                    .map(|r| format!("{} ", r.reference))
                    .unwrap_or_default();
                let mut due = t.t1("mail-digest-due", "date", &t.date(&item.due_date));
                let days =
                    usize::try_from(item.working_days_left.unsigned_abs()).unwrap_or(usize::MAX);
                match item.working_days_left {
                    0 => {}
                    left if left > 0 => due = format!("{due}, {}", t.n("mail-digest-left", days)),
                    _ => due = format!("{due}, {}", t.n("mail-digest-late", days)),
                }
                body.push_str(&format!(
                    "* {reference}{} — {} ({due})\n",
                    item.title,
                    t.phrase(&item.reason),
                ));
            }
        }
        body.push('\n');
    }
    body.push_str(&format!("-- \n{}\n", t.t("mail-footer")));
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inbox::RecordLink;

    #[test]
    fn the_mail_catalogue_has_every_message_in_both_languages() {
        crate::console::i18n::catalogue::check_part(
            include_str!("../console/locales/vi/mail.ftl"),
            include_str!("../console/locales/en/mail.ftl"),
            &["mail-", "me-mail-", "err-", "audit-action-"],
        );
    }

    #[test]
    fn a_digest_groups_overdue_due_and_coming_in_the_readers_language() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let entry = |reference: &str, due: NaiveDate| InboxEntry {
            record: Some(RecordLink {
                kind: "delegation".into(),
                id: 1,
                reference: reference.into(),
            }),
            title: "Đoàn Shizuoka".into(),
            status: "submitted".into(),
            reason: "submitted: appraise it".into(),
            due_date: due,
            working_days_left: (due - today).num_days(),
        };
        let items = [
            entry("DV-2026-0001", today.pred_opt().unwrap()),
            entry("DV-2026-0002", today),
            entry("DV-2026-0003", today.succ_opt().unwrap()),
        ];
        let (subject, body) = digest(Lang::En, "Lan", &items, today);
        assert_eq!(
            subject,
            "[visitdesk] What waits on your unit, 7 Dec 2026 (3 items)"
        );
        let overdue = body.find("Overdue (1)").unwrap();
        let due = body.find("Due today (1)").unwrap();
        let coming = body.find("Coming up (1)").unwrap();
        assert!(overdue < due && due < coming, "{body}");
        assert!(body.find("DV-2026-0001").unwrap() < due, "{body}");
        assert!(
            body.contains("1 working day late") && body.contains("1 working day left"),
            "{body}"
        );
        let (subject, body) = digest(Lang::Vi, "Lan", &[], today);
        assert_eq!(subject, "[visitdesk] Việc cần làm ngày 07/12/2026 (0 việc)");
        assert!(body.contains("không có việc nào"), "{body}");
    }
}
