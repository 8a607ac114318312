//! Due dates counted the way the province's offices count them: the
//! settings (each with its default and its source), and the pure rules that
//! turn a record's dates into its deadlines on a [`WorkingCalendar`].
//!
//! Counting follows [`WorkingCalendar`]: "within n working days of X" is
//! the n-th working day strictly after X; "at least n working days before
//! Y" is met by a day on or before the n-th working day strictly before Y.
//! A period of calendar days whose last day is a day off ends on the next
//! working day (Civil Code 2015, Art. 148(5): "khi ngày cuối cùng của thời
//! hạn là ngày nghỉ cuối tuần hoặc ngày nghỉ lễ thì thời hạn kết thúc tại
//! thời điểm kết thúc ngày làm việc tiếp theo ngày nghỉ đó").

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::working_days::{CalendarSettings, ExtraHoliday, WorkingCalendar};

/// Whether a period counts every day or working days only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    Calendar,
    Working,
}

/// The deadlines a province sets; each default is the rule's source's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineSettings {
    /// A foreign reporter's programme is registered at least this many
    /// working days before it starts (10: Nghị định 88/2012/NĐ-CP).
    #[schema(minimum = 0, maximum = 60)]
    pub programme_notice_working_days: u32,
    /// A resident reporter's request is answered within this many working
    /// days (5: Nghị định 88/2012/NĐ-CP).
    #[schema(minimum = 0, maximum = 60)]
    pub resident_answer_working_days: u32,
    /// A foreign body's press conference is registered at least this many
    /// working days ahead (2: Nghị định 88/2012/NĐ-CP).
    #[schema(minimum = 0, maximum = 60)]
    pub conference_notice_working_days: u32,
    /// The post-trip report is due this many days after the delegation's
    /// end (15: the province's plan for foreign-information work).
    #[schema(minimum = 0, maximum = 366)]
    pub report_days: u32,
    /// Whether `report_days` counts calendar or working days (calendar, as
    /// the plan writes it; a last day that is a day off moves to the next
    /// working day, Civil Code Art. 148(5)).
    pub report_day_count: DayCount,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        Self {
            programme_notice_working_days: 10,
            resident_answer_working_days: 5,
            conference_notice_working_days: 2,
            report_days: 15,
            report_day_count: DayCount::Calendar,
        }
    }
}

/// How far ahead expiry is warned of, and the legal minimums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpirySettings {
    /// A passport must be valid at least this many months after entry (6:
    /// Luật 47/2014/QH13 on foreigners' entry, as amended by Luật 51/2019/QH14).
    #[schema(minimum = 0, maximum = 60)]
    pub passport_months_after_entry: u32,
    /// A visa must end at least this many days before the passport does
    /// (30: Luật 47/2014/QH13, as amended).
    #[schema(minimum = 0, maximum = 366)]
    pub visa_days_before_passport: u32,
    /// A press card (issued by the Ministry of Foreign Affairs for at most
    /// 12 months) is warned of this many days before it ends.
    #[schema(minimum = 0, maximum = 366)]
    pub press_card_warning_days: u32,
    /// An approved accreditation is warned of this many days before it ends.
    #[schema(minimum = 0, maximum = 366)]
    pub accreditation_warning_days: u32,
}

impl Default for ExpirySettings {
    fn default() -> Self {
        Self {
            passport_months_after_entry: 6,
            visa_days_before_passport: 30,
            press_card_warning_days: 30,
            accreditation_warning_days: 7,
        }
    }
}

/// Everything the province sets about its calendar and deadlines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvinceSettings {
    /// Saturday is a working day (off by default: Quyết định 188/1999/QĐ-TTg
    /// gives state offices a Monday–Friday week).
    pub saturday_working: bool,
    /// 24/11, Ngày Văn hóa Việt Nam, is a holiday from 2026 (off by
    /// default until the Labour Code's amendment is in force).
    pub culture_day: bool,
    pub deadlines: DeadlineSettings,
    pub expiry: ExpirySettings,
    /// The report periods and the compiling unit (absent in settings saved
    /// before reports existed: the defaults).
    #[serde(default)]
    pub reports: super::report::ReportSettings,
}

impl ProvinceSettings {
    /// The calendar's part of the settings.
    pub fn calendar(&self) -> CalendarSettings {
        CalendarSettings {
            saturday_working: self.saturday_working,
            extra_holidays: if self.culture_day {
                vec![ExtraHoliday::culture_day()]
            } else {
                Vec::new()
            },
        }
    }
}

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A foreign reporter's programme registered ahead of its start.
    ProgrammeNotice,
    /// A resident reporter's request answered by the province.
    ResidentAnswer,
    /// A foreign body's press conference registered ahead.
    ConferenceNotice,
    /// The police's security review, before the visit's first entry.
    SecurityReview,
    /// The report after the trip.
    Report,
}
text_enum!(DeadlineKind {
    ProgrammeNotice => "programme_notice", ResidentAnswer => "resident_answer",
    ConferenceNotice => "conference_notice", SecurityReview => "security_review", Report => "report",
});

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// Not done, not yet due.
    Pending,
    /// Done on or before the due date.
    Met,
    /// Done after the due date.
    Late,
    /// Not done, and the due date has passed.
    Overdue,
}
text_enum!(DeadlineState {
    Pending => "pending", Met => "met", Late => "late", Overdue => "overdue",
});

/// One due date of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Deadline {
    pub what: DeadlineKind,
    pub due_date: NaiveDate,
    pub state: DeadlineState,
    /// Working days from today to the due date: 0 when due today, negative
    /// when past (the working days it is overdue by).
    pub working_days_left: i64,
    /// When it was done, if it was.
    #[schema(required = true)]
    pub done_on: Option<NaiveDate>,
}

/// The rules of one province on one day.
#[derive(Debug)]
pub struct Rules<'a> {
    pub calendar: &'a WorkingCalendar,
    pub settings: &'a DeadlineSettings,
    pub today: NaiveDate,
}

impl Rules<'_> {
    /// The working days from today to `due`: positive ahead, negative past.
    pub fn working_days_left(&self, due: NaiveDate) -> i64 {
        self.calendar.working_days_between(self.today, due)
    }

    /// A deadline due on `due`, done on `done_on` if it was.
    pub fn deadline(
        &self,
        what: DeadlineKind,
        due: NaiveDate,
        done_on: Option<NaiveDate>,
    ) -> Deadline {
        let state = match done_on {
            Some(day) if day <= due => DeadlineState::Met,
            Some(_) => DeadlineState::Late,
            None if self.today > due => DeadlineState::Overdue,
            None => DeadlineState::Pending,
        };
        Deadline {
            what,
            due_date: due,
            state,
            working_days_left: self.working_days_left(due),
            done_on,
        }
    }

    /// The day a period of `days` calendar days after `from` ends: its last
    /// day, or the working day after it when that is a day off (Art. 148(5)).
    pub fn calendar_days_after(&self, from: NaiveDate, days: u32) -> NaiveDate {
        let mut day = from
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(from);
        // A run of days off is at most a few weeks long (Tết with swaps);
        // the bound only guards the loop at the calendar's far end.
        for _ in 0..60 {
            if self.calendar.is_working(day) {
                break;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }

    /// When the post-trip report of a delegation that ended on `end` is due.
    pub fn report_due(&self, end: NaiveDate) -> NaiveDate {
        let days = self.settings.report_days;
        match self.settings.report_day_count {
            DayCount::Calendar => self.calendar_days_after(end, days),
            DayCount::Working => self
                .calendar
                .add_working_days(end, days)
                .unwrap_or_else(|| self.calendar_days_after(end, days)),
        }
    }

    /// The last day a foreign reporter's programme starting on `start` may
    /// be registered (the n-th working day before it).
    pub fn programme_notice_due(&self, start: NaiveDate) -> NaiveDate {
        self.calendar
            .working_days_before(start, self.settings.programme_notice_working_days)
            .unwrap_or(start)
    }

    /// By when a resident reporter's request received on `received` is answered.
    pub fn resident_answer_due(&self, received: NaiveDate) -> NaiveDate {
        let n = self.settings.resident_answer_working_days;
        self.calendar
            .add_working_days(received, n)
            .unwrap_or_else(|| self.calendar_days_after(received, n))
    }

    /// The last day a foreign body's press conference on `day` may be registered.
    pub fn conference_notice_due(&self, day: NaiveDate) -> NaiveDate {
        self.calendar
            .working_days_before(day, self.settings.conference_notice_working_days)
            .unwrap_or(day)
    }

    /// The police's review of a visit starting on `start` is due by the last
    /// working day before it (the police work working days; a review on
    /// the weekend before still counts as met, being done before the entry).
    pub fn review_due(&self, start: NaiveDate) -> NaiveDate {
        self.calendar.working_days_before(start, 1).unwrap_or(start)
    }
}

/// What the deadlines of a delegation are worked out from.
#[derive(Debug, Clone)]
pub struct DelegationFacts {
    pub incoming: bool,
    /// Cancelled or rejected: no deadline runs any more.
    pub closed: bool,
    /// Approved or later: the trip is on and its report will be due.
    pub approved: bool,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// When the police last reviewed it (province day).
    pub reviewed_on: Option<NaiveDate>,
    /// When its report was submitted (province day).
    pub reported_on: Option<NaiveDate>,
}

/// A delegation's deadlines: the police review before an incoming visit
/// starts; the report after the trip, once it was approved.
pub fn delegation(rules: &Rules<'_>, facts: &DelegationFacts) -> Vec<Deadline> {
    if facts.closed {
        return Vec::new();
    }
    let mut out = Vec::new();
    if facts.incoming {
        // A review done before the visit starts is in time even when it
        // falls after the last working day (a weekend's urgent review).
        let due = rules.review_due(facts.start_date);
        let done = facts
            .reviewed_on
            .map(|d| if d < facts.start_date { d.min(due) } else { d });
        out.push(rules.deadline(DeadlineKind::SecurityReview, due, done));
    }
    if facts.approved {
        let due = rules.report_due(facts.end_date);
        out.push(rules.deadline(DeadlineKind::Report, due, facts.reported_on));
    }
    out
}

/// What the deadlines of an accreditation are worked out from.
#[derive(Debug, Clone)]
pub struct AccreditationFacts {
    /// Cancelled or rejected: no deadline runs any more.
    pub closed: bool,
    /// The day the programme was registered: the referring letter's date.
    pub registered_on: NaiveDate,
    pub start_date: NaiveDate,
    /// Every reporter on it is resident in Vietnam (PV1 visa).
    pub resident: bool,
    /// When the province answered (approved or rejected), if it did.
    pub answered_on: Option<NaiveDate>,
    /// When the police last reviewed it.
    pub reviewed_on: Option<NaiveDate>,
}

/// An accreditation's deadlines: the programme registered in time (a
/// request of resident reporters instead answered in time), and the
/// police's review before it starts.
pub fn accreditation(rules: &Rules<'_>, facts: &AccreditationFacts) -> Vec<Deadline> {
    let mut out = Vec::new();
    if facts.resident {
        let due = rules.resident_answer_due(facts.registered_on);
        if !facts.closed || facts.answered_on.is_some() {
            out.push(rules.deadline(DeadlineKind::ResidentAnswer, due, facts.answered_on));
        }
    } else {
        // Registration is a fact of the past: met or late, never pending.
        let due = rules.programme_notice_due(facts.start_date);
        out.push(rules.deadline(
            DeadlineKind::ProgrammeNotice,
            due,
            Some(facts.registered_on),
        ));
    }
    if !facts.closed {
        let due = rules.review_due(facts.start_date);
        let done = facts
            .reviewed_on
            .map(|d| if d < facts.start_date { d.min(due) } else { d });
        out.push(rules.deadline(DeadlineKind::SecurityReview, due, done));
    }
    out
}

/// What the deadline of a press conference is worked out from.
#[derive(Debug, Clone)]
pub struct ConferenceFacts {
    /// The day it is held (in its own zone).
    pub day: NaiveDate,
    /// For a foreign body's: the day its registration reached the province.
    /// The province's own registers with nobody and has no such deadline.
    pub registered_on: Option<NaiveDate>,
}

/// A press conference's deadline: a foreign body's registered at least n
/// working days before it is held. Registration is a fact of the past:
/// met or late, never pending (as an accreditation's programme notice),
/// and it stays on the record when the conference is cancelled.
pub fn conference(rules: &Rules<'_>, facts: &ConferenceFacts) -> Vec<Deadline> {
    facts
        .registered_on
        .map(|registered| {
            let due = rules.conference_notice_due(facts.day);
            rules.deadline(DeadlineKind::ConferenceNotice, due, Some(registered))
        })
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests;
