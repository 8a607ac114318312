//! The figures as the tables a report prints (.docx) and a workbook holds
//! (.xlsx): titles and headings in Vietnamese, the language of the
//! province's papers; each count beside the same period a year before.

use super::{DelegationFigures, Figure, Keyed, ReportFigures, UnitCount};
use crate::documents::{Cell, Table};
use crate::domain::delegation::DelegationStatus;

const NOW: &str = "Kỳ này";
const BEFORE: &str = "Cùng kỳ năm trước";

/// A delegation status as a Vietnamese report names it.
fn status_vi(status: &str) -> &'static str {
    match DelegationStatus::parse(status) {
        Some(DelegationStatus::Draft) => "Dự thảo",
        Some(DelegationStatus::Submitted) => "Đã trình",
        Some(DelegationStatus::Appraised) => "Đã thẩm định",
        Some(DelegationStatus::Approved) => "Đã phê duyệt",
        Some(DelegationStatus::Rejected) => "Không phê duyệt",
        Some(DelegationStatus::Completed) => "Đã kết thúc",
        Some(DelegationStatus::Reported) => "Đã báo cáo",
        Some(DelegationStatus::Cancelled) => "Đã hủy",
        None => "Khác",
    }
}

fn row(label: impl Into<String>, f: Figure) -> Vec<Cell> {
    vec![
        Cell::Text(label.into()),
        f.current.into(),
        f.previous.into(),
    ]
}

fn counts(title: String, key: &str, rows: &[Keyed]) -> Table {
    let mut t = Table::new(title, &[key, NOW, BEFORE]);
    for k in rows {
        t.push(row(
            k.key.clone(),
            Figure {
                current: k.current,
                previous: k.previous,
            },
        ));
    }
    t
}

fn units(title: String, key: &str, rows: &[UnitCount]) -> Table {
    let mut t = Table::new(title, &[key, NOW, BEFORE]);
    for u in rows {
        t.push(row(
            u.name.clone(),
            Figure {
                current: u.current,
                previous: u.previous,
            },
        ));
    }
    t
}

fn delegation_tables(out: &mut Vec<Table>, name: &str, unit_heading: &str, d: &DelegationFigures) {
    let mut by_status = Table::new(
        format!("{name} theo trạng thái"),
        &["Trạng thái", NOW, BEFORE],
    );
    for k in &d.by_status {
        by_status.push(row(
            status_vi(&k.key),
            Figure {
                current: k.current,
                previous: k.previous,
            },
        ));
    }
    by_status.push(row("Tổng số", d.total));
    out.push(by_status);
    out.push(counts(
        format!("{name} theo quốc gia"),
        "Quốc gia",
        &d.by_country,
    ));
    out.push(units(
        format!("{name} theo {unit_heading}"),
        "Đơn vị",
        &d.by_unit,
    ));
    let mut members = counts(
        format!("Thành viên {} theo quốc tịch", name.to_lowercase()),
        "Quốc tịch",
        &d.members_by_nationality,
    );
    members.push(row("Tổng số", d.members));
    out.push(members);
}

impl ReportFigures {
    /// The tables of these figures, in the order a report presents them.
    pub fn tables(&self) -> Vec<Table> {
        let mut out = Vec::new();
        delegation_tables(&mut out, "Đoàn vào", "đơn vị đón tiếp", &self.incoming);
        delegation_tables(&mut out, "Đoàn ra", "đơn vị cử đoàn", &self.outgoing);
        let p = &self.post_trip_reports;
        let mut reports = Table::new("Báo cáo kết quả sau chuyến đi", &["Chỉ tiêu", NOW, BEFORE]);
        reports.push(row("Nộp đúng hạn", p.on_time));
        reports.push(row("Nộp muộn", p.late));
        reports.push(row("Chưa nộp", p.missing));
        out.push(reports);
        let r = &self.security_reviews;
        let mut reviews = Table::new("Thẩm định an ninh", &["Chỉ tiêu", NOW, BEFORE]);
        reviews.push(row("Đã thẩm định", r.done));
        reviews.push(row("Có vấn đề cần lưu ý", r.with_concerns));
        out.push(reviews);
        if let Some(i) = &self.interviews {
            let mut t = Table::new(
                "Lãnh đạo tỉnh trả lời phỏng vấn",
                &["Chỉ tiêu", NOW, BEFORE],
            );
            t.push(row("Báo chí nước ngoài", i.foreign_press));
            t.push(row("Báo chí trong nước", i.domestic_press));
            out.push(t);
        }
        if let Some(p) = &self.press {
            let mut t = Table::new("Phóng viên nước ngoài", &["Chỉ tiêu", NOW, BEFORE]);
            t.push(row("Phóng viên được đón", p.reporters));
            t.push(row("Hồ sơ được chấp thuận", p.accreditations_approved));
            t.push(row("Hồ sơ bị từ chối", p.accreditations_rejected));
            t.push(row("Hồ sơ bị thu hồi", p.accreditations_revoked));
            t.push(row("Hoạt động báo chí", p.press_activities));
            out.push(t);
            out.push(counts(
                "Phóng viên nước ngoài theo quốc tịch".into(),
                "Quốc tịch",
                &p.reporters_by_country,
            ));
            out.push(counts(
                "Phóng viên nước ngoài theo cơ quan báo chí".into(),
                "Cơ quan báo chí",
                &p.reporters_by_outlet,
            ));
            let c = &p.conferences;
            let mut t = Table::new(
                "Họp báo theo quý",
                &[
                    "Quý",
                    "Từ ngày",
                    "Đến ngày",
                    "Định kỳ - kỳ này",
                    "Định kỳ - cùng kỳ",
                    "Đột xuất - kỳ này",
                    "Đột xuất - cùng kỳ",
                ],
            );
            for q in &c.by_quarter {
                t.push(vec![
                    Cell::Text(q.quarter.clone()),
                    q.first_day.into(),
                    q.last_day.into(),
                    q.periodic.current.into(),
                    q.periodic.previous.into(),
                    q.ad_hoc.current.into(),
                    q.ad_hoc.previous.into(),
                ]);
            }
            t.push(vec![
                Cell::Text("Tổng số".into()),
                Cell::Empty,
                Cell::Empty,
                c.periodic.current.into(),
                c.periodic.previous.into(),
                c.ad_hoc.current.into(),
                c.ad_hoc.previous.into(),
            ]);
            out.push(t);
        }
        out
    }
}
