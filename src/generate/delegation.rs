//! Generated delegations, with their members, itinerary and reviews.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use rand::Rng;

use super::*;
use crate::db::schema::{delegation_members, delegations, itinerary_items, security_reviews};
use crate::domain::reference::Series;
use crate::domain::text::fold;

impl Generator<'_> {
    pub(super) fn delegations(&mut self) -> Result<(), String> {
        let first_id = next_id!(self.conn, delegations);
        // The demo's references come first: counters continue after them.
        self.load_counters()?;
        let today = self.today();
        let total = self.volume.delegations;
        let mut batch = DelegationBatch::default();
        for (n, id) in (0..total).zip(first_id..) {
            let start = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let length = self.rng.random_range(2..=6_i64);
            let end = start + Duration::days(length - 1);
            let incoming = self.rng.random_bool(0.75);
            let (country, partner) = *self.pick(PARTNERS);
            let unit = *self.pick(&self.units.clone());
            let series = if incoming {
                Series::IncomingDelegation
            } else {
                Series::OutgoingDelegation
            };
            let created = (start - Duration::days(self.rng.random_range(20..60)))
                .min(today - Duration::days(1));
            let reference = self.next_reference(series, created.year());
            let status = self.delegation_status(start, end, today);
            let title = if incoming {
                format!("Đoàn {partner} thăm và làm việc tại tỉnh")
            } else {
                format!("Đoàn công tác của tỉnh làm việc với {partner}")
            };
            let head = format!("{} {}", self.pick(GIVEN), self.pick(SURNAMES));
            let search = fold(&format!("{reference} {title} {partner} {head}"));
            let decided = matches!(status, "approved" | "rejected" | "completed" | "reported");
            batch.delegations.push((
                (
                    delegations::id.eq(id),
                    delegations::reference.eq(reference),
                    delegations::direction.eq(if incoming { "incoming" } else { "outgoing" }),
                    delegations::title.eq(title),
                    delegations::purpose.eq("Trao đổi hợp tác đầu tư, thương mại, giáo dục"),
                    delegations::partner_organization.eq(partner),
                    delegations::countries.eq(format!(",{country},")),
                    delegations::host_unit_id.eq(unit),
                    delegations::head_of_delegation.eq(head),
                    delegations::start_date.eq(start),
                    delegations::end_date.eq(end),
                    delegations::status.eq(status),
                ),
                (
                    delegations::decision_number
                        .eq(decided.then(|| format!("{}/QĐ-UBND", 100 + n % 4000))),
                    delegations::decision_date.eq(decided.then(|| start - Duration::days(7))),
                    delegations::report.eq((status == "reported").then_some(
                        "Đoàn đã hoàn thành chương trình; các bên thống nhất các nội dung hợp tác.",
                    )),
                    delegations::search_text.eq(search),
                    delegations::created_at.eq(Self::stamp(created)),
                    delegations::updated_at.eq(Self::stamp(end.min(today))),
                    delegations::version.eq(1 + Self::steps(status).len() as i64),
                ),
            ));
            self.audit(
                Self::stamp(created),
                "create",
                "delegation",
                id,
                "{}".into(),
            );
            let mut from = "draft";
            for (k, (step, to)) in Self::steps(status).iter().enumerate() {
                let on = (created + Duration::days(2 * (k as i64 + 1))).min(today);
                let changes = format!(r#"{{"status":{{"from":"{from}","to":"{to}"}}}}"#);
                self.audit(Self::stamp(on), step, "delegation", id, changes);
                from = to;
            }
            let review = self.review("delegation", id, status, created, today);
            batch.reviews.push(review);
            for m in 0..self.volume.members_per_delegation {
                let name = format!("{} {}", self.pick(SURNAMES), self.pick(GIVEN));
                batch.members.push((
                    delegation_members::delegation_id.eq(id),
                    delegation_members::full_name.eq(name),
                    delegation_members::gender.eq(Some(if m % 2 == 0 { "male" } else { "female" })),
                    delegation_members::date_of_birth.eq(NaiveDate::from_ymd_opt(
                        1960 + (m as i32 * 3) % 35,
                        1 + (n as u32 % 12),
                        1 + (m as u32 % 28),
                    )),
                    delegation_members::nationality.eq(if incoming { country } else { "VN" }),
                    delegation_members::passport_number.eq(Some(format!("P{:08}", n * 16 + m))),
                    delegation_members::role.eq(if m == 0 { "head" } else { "member" }),
                    delegation_members::created_at.eq(Self::stamp(created)),
                    delegation_members::updated_at.eq(Self::stamp(created)),
                ));
            }
            // One officer escorts a visit, at most of its programme.
            let escort_officer = self.escort();
            let per_day = self.volume.items_per_delegation.div_ceil(length as usize);
            for i in 0..self.volume.items_per_delegation {
                let day = start + Duration::days((i / per_day) as i64);
                let slot = (i % per_day) as u32;
                let hour = 7 + (slot * 12) / per_day as u32;
                let minute = [0, 15, 30, 45][self.rng.random_range(0..4)];
                let (place, district) = self.venue();
                let starts = Self::at(day, hour, minute);
                let ends = starts + Duration::minutes(self.rng.random_range(2..=5) * 15);
                let participants = self.rng.random_bool(0.05).then(|| *self.pick(LEADERS));
                let escort =
                    (incoming && self.rng.random_bool(0.6)).then(|| escort_officer.clone());
                let kind =
                    *self.pick(&["meeting", "working_session", "site_visit", "meal", "travel"]);
                let item_status = match status {
                    "cancelled" | "rejected" => "cancelled",
                    "completed" | "reported" => "done",
                    _ => "planned",
                };
                batch.items.push((
                    (
                        itinerary_items::delegation_id.eq(id),
                        itinerary_items::starts_at.eq(starts),
                        itinerary_items::ends_at.eq(ends),
                        itinerary_items::time_zone.eq(if incoming {
                            "Asia/Ho_Chi_Minh"
                        } else {
                            "Asia/Tokyo"
                        }),
                        itinerary_items::kind.eq(kind),
                        itinerary_items::title.eq(format!("{} {}", Self::kind_title(kind), place)),
                        itinerary_items::place_name.eq(place),
                        itinerary_items::place_district.eq(Some(district)),
                    ),
                    (
                        itinerary_items::participants.eq(participants),
                        itinerary_items::escort_officer.eq(escort),
                        itinerary_items::status.eq(item_status),
                        itinerary_items::created_at.eq(Self::stamp(created)),
                        itinerary_items::updated_at.eq(Self::stamp(created)),
                    ),
                ));
            }
            self.out.delegations += 1;
            if batch.items.len() >= 20 * ROWS_PER_INSERT {
                self.write_delegations(&mut batch)?;
            }
        }
        self.write_delegations(&mut batch)
    }

    /// The police's review of a record: cleared once it left the draft.
    pub(super) fn review(
        &mut self,
        kind: &'static str,
        id: i64,
        status: &str,
        created: NaiveDate,
        today: NaiveDate,
    ) -> ReviewRow {
        (
            security_reviews::record_kind.eq(kind),
            security_reviews::record_id.eq(id),
            security_reviews::status.eq(if status == "draft" {
                "pending"
            } else {
                "cleared"
            }),
            security_reviews::officer.eq(Some(*self.pick(ESCORTS))),
            security_reviews::notes.eq(Some("Không có vấn đề an ninh")),
            security_reviews::reviewed_at.eq(Self::stamp((created + Duration::days(3)).min(today))),
        )
    }

    pub(super) fn kind_title(kind: &str) -> &'static str {
        match kind {
            "meeting" => "Hội kiến tại",
            "working_session" => "Làm việc tại",
            "site_visit" => "Khảo sát",
            "meal" => "Chiêu đãi tại",
            _ => "Di chuyển đến",
        }
    }

    /// A delegation's status, consistent with its dates: years-old ones
    /// are reported (or were refused or called off), current ones approved,
    /// later ones somewhere along the way.
    pub(super) fn delegation_status(
        &mut self,
        start: NaiveDate,
        end: NaiveDate,
        today: NaiveDate,
    ) -> &'static str {
        let roll = self.rng.random_range(0..100);
        if end < today - Duration::days(30) {
            match roll {
                0..85 => "reported",
                85..90 => "completed",
                90..95 => "cancelled",
                _ => "rejected",
            }
        } else if end < today {
            if roll < 60 { "completed" } else { "reported" }
        } else if start <= today {
            "approved"
        } else if start <= today + Duration::days(30) {
            if roll < 80 { "approved" } else { "appraised" }
        } else {
            match roll {
                0..30 => "draft",
                30..60 => "submitted",
                60..80 => "appraised",
                _ => "approved",
            }
        }
    }

    /// The workflow steps (action, status it leads to) from draft to `status`.
    pub(super) fn steps(status: &str) -> &'static [(&'static str, &'static str)] {
        const PATH: &[(&str, &str)] = &[
            ("submit", "submitted"),
            ("appraise", "appraised"),
            ("approve", "approved"),
            ("complete", "completed"),
            ("report", "reported"),
        ];
        match status {
            "submitted" => &PATH[..1],
            "appraised" => &PATH[..2],
            "approved" => &PATH[..3],
            "completed" => &PATH[..4],
            "reported" => PATH,
            "rejected" => &[
                ("submit", "submitted"),
                ("appraise", "appraised"),
                ("reject", "rejected"),
            ],
            "cancelled" => &[("submit", "submitted"), ("cancel", "cancelled")],
            _ => &[],
        }
    }

    pub(super) fn write_delegations(&mut self, batch: &mut DelegationBatch) -> Result<(), String> {
        for chunk in batch.delegations.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, delegations::table, chunk)?;
        }
        for chunk in batch.reviews.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, security_reviews::table, chunk)?;
        }
        for chunk in batch.members.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, delegation_members::table, chunk)?;
        }
        for chunk in batch.items.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, itinerary_items::table, chunk)?;
        }
        self.out.members += batch.members.len();
        self.out.items += batch.items.len();
        *batch = DelegationBatch::default();
        Ok(())
    }
}

/// A batch of delegations with their reviews, members and items, written together.
#[derive(Default)]
pub(super) struct DelegationBatch {
    delegations: Vec<DelegationRow>,
    reviews: Vec<ReviewRow>,
    members: Vec<MemberRow>,
    items: Vec<ItemRow>,
}
