//! A report as a document an office files: a unit's report (its figures and
//! its own sections) and the province's compiled report (the province's
//! figures and every accepted unit's sections), assembled as the
//! [`ReportDocument`] that `documents::docx` lays out and whose tables
//! `documents::xlsx` writes one sheet each.
//!
//! Who may have which is not decided here: the unit report's read
//! (`unit_report::visible`, 404 as if absent), the overview (`overview`,
//! the compiling unit and the administrator, 403 for the rest) and the
//! figures (`figures::of_period`) decide it, so a document never shows what
//! the JSON does not.
//!
//! The province is named as the settings name it (`reports.province_name`,
//! read by `ProvinceName::heading`): "UBND TỈNH BÌNH ĐỊNH" above the
//! issuer and "Bình Định" before the date; without a name, the neutral
//! "UBND TỈNH" the decree allows and a dotted place for the clerk to write,
//! as the decree's blank forms do.

use chrono::NaiveDate;

use crate::db::AnyConnection;
use crate::documents::Table;
use crate::documents::docx::{ReportDocument, Section};
use crate::domain::ids::{UnitId, UnitReportId};
use crate::domain::report::figures::ReportFigures;
use crate::domain::report::settings::ProvinceHeading;
use crate::domain::report::workflow::{Progress, Sections};
use crate::domain::report::{Period, PeriodKind};
use crate::domain::role::Caller;
use crate::domain::unit::{Unit, UnitKind};
use crate::error::ApiResult;

use super::{figures, unit_report};

/// What a section the unit left empty says.
const NOTHING: &str = "Không có.";

/// A report ready to write, and the name its file is saved under.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFile {
    pub document: ReportDocument,
    /// The file's name without its extension, ASCII only.
    pub stem: String,
}

impl ReportFile {
    /// Every table of the report, in the order it prints them: the sheets
    /// of its workbook.
    pub fn tables(&self) -> Vec<Table> {
        self.document
            .sections
            .iter()
            .flat_map(|s| s.tables.iter().cloned())
            .collect()
    }
}

/// The report `id` as a document dated `today`, for a caller who may see
/// it (404 otherwise), with its unit's figures as the caller sees them.
#[tracing::instrument(level = "debug", skip(conn))]
pub fn of_unit_report(
    conn: &mut AnyConnection,
    caller: Caller,
    id: UnitReportId,
    today: NaiveDate,
) -> ApiResult<ReportFile> {
    let report = unit_report::visible(conn, caller, id)?;
    let figures = figures::of_period(conn, caller, report.period, Some(report.unit_id))?;
    let unit = crate::model::unit::find(conn, report.unit_id)?;
    let (compiling, province) = named_in_settings(conn)?;
    let s = &report.sections;
    let mut recipients = vec![province.committee];
    if let Some(c) = compiling.filter(|c| c.id != unit.id) {
        recipients.push(c.name);
    }
    recipients.push("Lưu: VT".to_owned());
    let document = ReportDocument {
        governing_body: province.governing_body,
        issuing_body: unit.name.to_uppercase(),
        number_abbrev: abbreviation(&unit.name),
        number: None,
        place: province.place,
        date: today,
        subject: subject(report.period),
        sections: vec![
            Section {
                title: "Kết quả".to_owned(),
                paragraphs: [paragraphs(&s.results), vec![figures_lead(&figures)]].concat(),
                tables: figures.tables(),
            },
            own_section("Khó khăn, hạn chế", &s.difficulties),
            own_section("Đề xuất, kiến nghị", &s.proposals),
            own_section("Phương hướng, nhiệm vụ kỳ tới", &s.plan),
        ],
        recipients,
        signer_title: signer_title(unit.kind).to_owned(),
        signer_name: String::new(),
    };
    Ok(ReportFile {
        document,
        stem: format!("bao-cao-{}-{}", slug(&unit.name), report.period),
    })
}

/// The province's report of `period` dated `today`, as the compiling unit
/// compiles it: the province's figures, and the sections of every unit
/// whose report it accepted, by the unit's name. The compiling unit and the
/// administrator only (403 for anyone else, as for the overview).
#[tracing::instrument(level = "debug", skip(conn))]
pub fn of_province(
    conn: &mut AnyConnection,
    caller: Caller,
    period: Period,
    today: NaiveDate,
) -> ApiResult<ReportFile> {
    let overview = unit_report::overview(conn, caller, period, today)?;
    let figures = figures::of_period(conn, caller, period, None)?;
    let mut accepted = Vec::new();
    for row in overview
        .units
        .iter()
        .filter(|r| r.status == Progress::Accepted)
    {
        if let Some(id) = row.report_id {
            let report = unit_report::visible(conn, caller, id)?;
            accepted.push((row.unit_name.clone(), report.sections));
        }
    }
    let (compiling, province) = named_in_settings(conn)?;
    // Without a compiling unit named, the administrator compiles in the
    // province's own name.
    let (governing_body, issuer, abbrev) = match &compiling {
        Some(c) => (
            province.governing_body,
            c.name.to_uppercase(),
            abbreviation(&c.name),
        ),
        None => (String::new(), province.governing_body, "UBND".to_owned()),
    };
    let lead = format!(
        "Tổng hợp từ báo cáo của {} trên tổng số {} đơn vị.",
        accepted.len(),
        overview.units.len()
    );
    let document = ReportDocument {
        governing_body,
        issuing_body: issuer,
        number_abbrev: abbrev,
        number: None,
        place: province.place,
        date: today,
        subject: subject(period),
        sections: vec![
            Section {
                title: "Kết quả".to_owned(),
                paragraphs: [
                    vec![lead],
                    by_unit(&accepted, |s| &s.results),
                    vec![figures_lead(&figures)],
                ]
                .concat(),
                tables: figures.tables(),
            },
            compiled_section("Khó khăn, hạn chế", &accepted, |s| &s.difficulties),
            compiled_section("Đề xuất, kiến nghị", &accepted, |s| &s.proposals),
            compiled_section("Phương hướng, nhiệm vụ kỳ tới", &accepted, |s| &s.plan),
        ],
        recipients: vec![province.committee, "Lưu: VT".to_owned()],
        signer_title: compiling
            .map_or("TM. ỦY BAN NHÂN DÂN", |c| signer_title(c.kind))
            .to_owned(),
        signer_name: String::new(),
    };
    Ok(ReportFile {
        document,
        stem: format!("bao-cao-tinh-{period}"),
    })
}

/// The unit the settings name to compile the province's report, if any,
/// and how the documents name the province.
fn named_in_settings(conn: &mut AnyConnection) -> ApiResult<(Option<Unit>, ProvinceHeading)> {
    let reports = crate::model::settings::get(conn)?.values.reports;
    let id: Option<UnitId> = reports.compiling_unit;
    let unit = id
        .map(|id| crate::model::unit::find(conn, id))
        .transpose()?;
    Ok((unit, reports.province_name.heading()))
}

/// "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2026" or "… năm 2026".
fn subject(period: Period) -> String {
    match period.kind {
        PeriodKind::HalfYear => format!(
            "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm {}",
            period.year
        ),
        PeriodKind::Year => format!("Kết quả công tác thông tin đối ngoại năm {}", period.year),
    }
}

/// The sentence before the figures' tables: whose, and which days.
fn figures_lead(f: &ReportFigures) -> String {
    let whose = f
        .unit
        .as_ref()
        .map_or_else(|| "toàn tỉnh".to_owned(), |u| u.name.clone());
    format!(
        "Số liệu của {whose} từ ngày {} đến ngày {}, so với cùng kỳ năm trước, tại các bảng dưới đây.",
        f.first_day.format("%d/%m/%Y"),
        f.last_day.format("%d/%m/%Y")
    )
}

/// A unit's text as paragraphs: one per line it wrote, blank lines dropped.
fn paragraphs(text: &str) -> Vec<String> {
    let out: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if out.is_empty() {
        vec![NOTHING.to_owned()]
    } else {
        out
    }
}

fn own_section(title: &str, text: &str) -> Section {
    Section {
        title: title.to_owned(),
        paragraphs: paragraphs(text),
        tables: Vec::new(),
    }
}

/// Each unit's text of one section under its name, numbered 1., 2., … as
/// the decree numbers the parts of a section; units that wrote nothing
/// there are left out.
fn by_unit(units: &[(String, Sections)], part: fn(&Sections) -> &String) -> Vec<String> {
    let mut out = Vec::new();
    let written = units.iter().filter(|(_, s)| !part(s).trim().is_empty());
    for (n, (name, s)) in written.enumerate() {
        out.push(format!("{}. {name}", n + 1));
        out.extend(paragraphs(part(s)));
    }
    out
}

fn compiled_section(
    title: &str,
    units: &[(String, Sections)],
    part: fn(&Sections) -> &String,
) -> Section {
    let mut paragraphs = by_unit(units, part);
    if paragraphs.is_empty() {
        paragraphs.push(NOTHING.to_owned());
    }
    Section {
        title: title.to_owned(),
        paragraphs,
        tables: Vec::new(),
    }
}

/// Who signs for a unit of this kind, as the province's units sign.
fn signer_title(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::ForeignAffairs
        | UnitKind::Information
        | UnitKind::Department
        | UnitKind::Police => "GIÁM ĐỐC",
        UnitKind::ProvincialOffice => "CHÁNH VĂN PHÒNG",
        UnitKind::District => "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        UnitKind::Press | UnitKind::Other => "THỦ TRƯỞNG ĐƠN VỊ",
    }
}

/// The issuer's letters in "Số: …/BC-SVHTTDL": the first letter of each
/// word without its diacritics ("và" left out, as offices write it), a
/// word already in capitals ("UBND") kept whole.
fn abbreviation(name: &str) -> String {
    deunicode::deunicode(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("va"))
        .map(|w| {
            if w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
                w.to_owned()
            } else {
                w.chars().take(1).collect::<String>().to_uppercase()
            }
        })
        .collect()
}

/// A name as the ASCII part of a file name: "so-cong-thuong".
fn slug(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_names_the_period() {
        assert_eq!(
            subject(Period::half_year(2026)),
            "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2026"
        );
        assert_eq!(
            subject(Period::year(2026)),
            "Kết quả công tác thông tin đối ngoại năm 2026"
        );
    }

    #[test]
    fn an_issuer_is_abbreviated_as_offices_write_it() {
        assert_eq!(abbreviation("Sở Văn hóa, Thể thao và Du lịch"), "SVHTTDL");
        assert_eq!(abbreviation("Sở Công Thương"), "SCT");
        assert_eq!(abbreviation("Đài Phát thanh"), "DPT");
        assert_eq!(abbreviation("UBND huyện Mai Châu"), "UBNDHMC");
    }

    #[test]
    fn a_file_name_is_ascii() {
        assert_eq!(
            slug("Sở Văn hóa, Thể thao và Du lịch"),
            "so-van-hoa-the-thao-va-du-lich"
        );
        assert_eq!(slug("UBND huyện Mai Châu"), "ubnd-huyen-mai-chau");
    }

    #[test]
    fn a_units_text_becomes_its_paragraphs() {
        assert_eq!(
            paragraphs("Đón 12 đoàn.\n\n  Cử 3 đoàn ra. \n"),
            vec!["Đón 12 đoàn.", "Cử 3 đoàn ra."]
        );
        assert_eq!(paragraphs("  \n"), vec![NOTHING]);
    }

    #[test]
    fn the_compiled_sections_number_the_units_that_wrote() {
        let unit = |results: &str| Sections {
            results: results.to_owned(),
            ..Sections::default()
        };
        let units = vec![
            ("Sở Công Thương".to_owned(), unit("Đón 2 đoàn.")),
            ("Sở Y tế".to_owned(), unit("")),
            ("UBND huyện Mai Châu".to_owned(), unit("Cử 1 đoàn.")),
        ];
        assert_eq!(
            by_unit(&units, |s| &s.results),
            vec![
                "1. Sở Công Thương",
                "Đón 2 đoàn.",
                "2. UBND huyện Mai Châu",
                "Cử 1 đoàn."
            ]
        );
        assert_eq!(
            compiled_section("Đề xuất, kiến nghị", &units, |s| &s.proposals).paragraphs,
            vec![NOTHING]
        );
    }
}
