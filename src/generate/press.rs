//! Generated reporters, accreditations, activities, interviews and press
//! conferences.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;
use rand::Rng;

use super::*;
use crate::db::schema::{
    accreditation_reporters, accreditations, interview_reporters, interviews, press_activities,
    press_conference_attendees, press_conferences, reporters, security_reviews,
};
use crate::domain::reference::Series;
use crate::domain::text::fold;

impl Generator<'_> {
    pub(super) fn press(&mut self) -> Result<(), String> {
        let today = self.today();
        let first_reporter = next_id!(self.conn, reporters);
        let mut rows = Vec::new();
        for n in 0..self.volume.reporters {
            let (outlet, outlet_country) = *self.pick(OUTLETS);
            let name = format!("{} {}", self.pick(GIVEN), self.pick(SURNAMES));
            let card = format!("PC-{:06}", n);
            let search = fold(&format!("{name} {outlet} {card}"));
            rows.push((
                reporters::id.eq(first_reporter + n as i64),
                reporters::full_name.eq(name),
                reporters::nationality.eq(outlet_country),
                reporters::passport_number.eq(Some(format!("R{:08}", n))),
                reporters::outlet.eq(outlet),
                reporters::outlet_country.eq(outlet_country),
                reporters::position.eq("Phóng viên"),
                reporters::press_card_number.eq(Some(card)),
                reporters::search_text.eq(search),
                reporters::created_at.eq(Self::stamp(self.first)),
                reporters::updated_at.eq(Self::stamp(self.first)),
            ));
            self.audit(
                Self::stamp(self.first),
                "create",
                "reporter",
                first_reporter + n as i64,
                "{}".into(),
            );
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, reporters::table, chunk)?;
        }
        self.out.reporters = rows.len();
        let reporter_count = rows.len() as i64;
        drop(rows);

        // Accreditations with their activities.
        let first_acc = next_id!(self.conn, accreditations);
        let total = self.volume.accreditations;
        let (mut accs, mut links, mut acts, mut reviews) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for n in 0..total {
            let id = first_acc + n as i64;
            let start = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let length = self.rng.random_range(3..=10_i64);
            let end = start + Duration::days(length - 1);
            let created = (start - Duration::days(15)).min(today - Duration::days(1));
            let status = if end < today {
                if self.rng.random_bool(0.9) {
                    "completed"
                } else {
                    "cancelled"
                }
            } else if start <= today + Duration::days(14) {
                "approved"
            } else if self.rng.random_bool(0.5) {
                "submitted"
            } else {
                "draft"
            };
            let reference = self.next_reference(Series::Accreditation, created.year());
            let escort_officer = self.escort();
            accs.push((
                accreditations::id.eq(id),
                accreditations::reference.eq(reference),
                accreditations::topics.eq("Kinh tế biển, du lịch, văn hóa"),
                accreditations::permitted_places
                    .eq(r#"["Thành phố","Thị xã An Nhơn","Huyện Tuy Phước"]"#),
                accreditations::start_date.eq(start),
                accreditations::end_date.eq(end),
                accreditations::referral_number.eq(format!("{}/BNG-TTBC", 100 + n)),
                accreditations::referral_date.eq(created),
                accreditations::escort_officer.eq(Some(escort_officer.clone())),
                accreditations::status.eq(status),
                accreditations::created_at.eq(Self::stamp(created)),
                accreditations::updated_at.eq(Self::stamp(end.min(today))),
                accreditations::version.eq(match status {
                    "draft" => 1_i64,
                    "submitted" => 2,
                    "approved" => 3,
                    _ => 4,
                }),
            ));
            self.audit(
                Self::stamp(created),
                "create",
                "accreditation",
                id,
                "{}".into(),
            );
            let review = self.review("accreditation", id, status, created, today);
            reviews.push(review);
            let first = self.rng.random_range(0..reporter_count);
            for k in 0..self.rng.random_range(1..=2_i64) {
                links.push((
                    accreditation_reporters::accreditation_id.eq(id),
                    accreditation_reporters::reporter_id
                        .eq(first_reporter + (first + k) % reporter_count),
                ));
            }
            let per_day = self
                .volume
                .activities_per_accreditation
                .div_ceil(length as usize);
            for i in 0..self.volume.activities_per_accreditation {
                let day = start + Duration::days((i / per_day) as i64);
                let hour = 8 + ((i % per_day) as u32 * 10) / per_day as u32;
                let (place, district) = self.venue();
                let starts = Self::at(day, hour, 0);
                let kind = *self.pick(&["filming", "interview", "visit"]);
                acts.push((
                    press_activities::accreditation_id.eq(id),
                    press_activities::starts_at.eq(starts),
                    press_activities::ends_at.eq(starts + Duration::minutes(45)),
                    press_activities::time_zone.eq("Asia/Ho_Chi_Minh"),
                    press_activities::kind.eq(kind),
                    press_activities::title.eq(format!("Ghi hình tại {place}")),
                    press_activities::place_name.eq(place),
                    press_activities::place_district.eq(Some(district)),
                    press_activities::escort_officer.eq(Some(escort_officer.clone())),
                    press_activities::status.eq(if status == "cancelled" {
                        "cancelled"
                    } else if end < today {
                        "done"
                    } else {
                        "planned"
                    }),
                    press_activities::created_at.eq(Self::stamp(created)),
                    press_activities::updated_at.eq(Self::stamp(created)),
                ));
            }
        }
        for chunk in accs.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, accreditations::table, chunk)?;
        }
        for chunk in reviews.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, security_reviews::table, chunk)?;
        }
        for chunk in links.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, accreditation_reporters::table, chunk)?;
        }
        for chunk in acts.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, press_activities::table, chunk)?;
        }
        self.out.accreditations = accs.len();
        self.out.activities = acts.len();
        drop((accs, links, acts, reviews));

        self.interviews(today, first_reporter, reporter_count)?;
        self.conferences(today, first_reporter, reporter_count)
    }

    pub(super) fn interviews(
        &mut self,
        today: NaiveDate,
        first_reporter: i64,
        reporters: i64,
    ) -> Result<(), String> {
        let first = next_id!(self.conn, interviews);
        let total = self.volume.interviews;
        let (mut rows, mut links) = (Vec::new(), Vec::new());
        for n in 0..total {
            let id = first + n as i64;
            let day = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let starts = Self::at(day, self.rng.random_range(8..17), 0);
            let created = (day - Duration::days(10)).min(today - Duration::days(1));
            let status = if day < today {
                if self.rng.random_bool(0.9) {
                    "done"
                } else {
                    "cancelled"
                }
            } else if self.rng.random_bool(0.6) {
                "approved"
            } else {
                "requested"
            };
            let (outlet, _) = *self.pick(OUTLETS);
            let reference = self.next_reference(Series::Interview, created.year());
            rows.push((
                (
                    interviews::id.eq(id),
                    interviews::reference.eq(reference),
                    interviews::interviewee_name.eq(*self.pick(LEADERS)),
                    interviews::interviewee_position.eq("Lãnh đạo tỉnh"),
                    interviews::outlet.eq(outlet),
                    interviews::starts_at.eq(starts),
                    interviews::ends_at.eq(starts + Duration::minutes(60)),
                    interviews::time_zone.eq("Asia/Ho_Chi_Minh"),
                ),
                (
                    interviews::place.eq(self.pick(PLACES).0),
                    interviews::topics.eq("Thu hút đầu tư"),
                    interviews::status.eq(status),
                    interviews::created_at.eq(Self::stamp(created)),
                    interviews::updated_at.eq(Self::stamp(day.min(today))),
                    interviews::version.eq(match status {
                        "requested" => 1_i64,
                        "approved" => 2,
                        _ => 3,
                    }),
                ),
            ));
            self.audit(Self::stamp(created), "create", "interview", id, "{}".into());
            links.push((
                interview_reporters::interview_id.eq(id),
                interview_reporters::reporter_id
                    .eq(first_reporter + self.rng.random_range(0..reporters)),
            ));
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, interviews::table, chunk)?;
        }
        for chunk in links.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, interview_reporters::table, chunk)?;
        }
        self.out.interviews = rows.len();
        Ok(())
    }

    pub(super) fn conferences(
        &mut self,
        today: NaiveDate,
        first_reporter: i64,
        reporters: i64,
    ) -> Result<(), String> {
        let first = next_id!(self.conn, press_conferences);
        let total = self.volume.conferences;
        let (mut rows, mut attendees) = (Vec::new(), Vec::new());
        for n in 0..total {
            let id = first + n as i64;
            let day = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let starts = Self::at(day, 14, 0);
            let created = (day - Duration::days(14)).min(today - Duration::days(1));
            let status = if day < today {
                if self.rng.random_bool(0.95) {
                    "held"
                } else {
                    "cancelled"
                }
            } else if day <= today + Duration::days(14) {
                "announced"
            } else {
                "planned"
            };
            let announced = matches!(status, "held" | "announced")
                .then(|| Self::stamp((day - Duration::days(7)).min(today)));
            let reference = self.next_reference(Series::PressConference, created.year());
            let periodic = n % 3 == 0;
            rows.push((
                (
                    press_conferences::id.eq(id),
                    press_conferences::reference.eq(reference),
                    press_conferences::title.eq(if periodic {
                        "Họp báo định kỳ của UBND tỉnh".to_owned()
                    } else {
                        format!("Họp báo về {}", self.pick(PLACES).0)
                    }),
                    press_conferences::kind.eq(if periodic { "periodic" } else { "ad_hoc" }),
                    press_conferences::starts_at.eq(starts),
                    press_conferences::ends_at.eq(starts + Duration::minutes(90)),
                    press_conferences::time_zone.eq("Asia/Ho_Chi_Minh"),
                    press_conferences::venue.eq("Trung tâm Hội nghị tỉnh"),
                ),
                (
                    press_conferences::topics.eq("Tình hình kinh tế - xã hội"),
                    press_conferences::speakers.eq(format!(r#"["{}"]"#, self.pick(LEADERS))),
                    press_conferences::status.eq(status),
                    press_conferences::announced_at.eq(announced),
                    press_conferences::created_at.eq(Self::stamp(created)),
                    press_conferences::updated_at.eq(Self::stamp(day.min(today))),
                    press_conferences::version.eq(match status {
                        "planned" => 1_i64,
                        "announced" => 2,
                        _ => 3,
                    }),
                ),
            ));
            self.audit(
                Self::stamp(created),
                "create",
                "press_conference",
                id,
                "{}".into(),
            );
            for k in 0..3 {
                let (outlet, _) = *self.pick(OUTLETS);
                let foreign = k == 0;
                attendees.push((
                    press_conference_attendees::press_conference_id.eq(id),
                    press_conference_attendees::outlet.eq(outlet),
                    press_conference_attendees::name.eq(format!(
                        "{} {}",
                        self.pick(GIVEN),
                        self.pick(SURNAMES)
                    )),
                    press_conference_attendees::reporter_id
                        .eq(foreign.then(|| first_reporter + self.rng.random_range(0..reporters))),
                    press_conference_attendees::created_at.eq(Self::stamp(created)),
                ));
            }
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, press_conferences::table, chunk)?;
        }
        for chunk in attendees.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, press_conference_attendees::table, chunk)?;
        }
        self.out.conferences = rows.len();
        self.out.attendees = attendees.len();
        Ok(())
    }
}
