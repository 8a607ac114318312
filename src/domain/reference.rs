//! Human references that offices quote on paper: `DV-2026-0012`.

/// The kinds of numbered records and their prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Đoàn vào: an incoming delegation.
    IncomingDelegation,
    /// Đoàn ra: an outgoing delegation.
    OutgoingDelegation,
    /// Phóng viên: a press accreditation.
    Accreditation,
    /// Phỏng vấn: an interview.
    Interview,
    /// Họp báo: a press conference.
    PressConference,
}

impl Series {
    pub fn prefix(self) -> &'static str {
        match self {
            Series::IncomingDelegation => "DV",
            Series::OutgoingDelegation => "DR",
            Series::Accreditation => "PV",
            Series::Interview => "PH",
            Series::PressConference => "HB",
        }
    }
}

/// `PREFIX-YEAR-NNNN` (at least four digits, more past 9999).
pub fn format(series: Series, year: i32, number: i64) -> String {
    format!("{}-{year}-{number:04}", series.prefix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_offices_write_them() {
        assert_eq!(format(Series::IncomingDelegation, 2026, 12), "DV-2026-0012");
        assert_eq!(format(Series::OutgoingDelegation, 2026, 3), "DR-2026-0003");
        assert_eq!(
            format(Series::OutgoingDelegation, 2027, 12345),
            "DR-2027-12345"
        );
    }
}
