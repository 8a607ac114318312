#!/usr/bin/env python3
"""Reads back what `cargo test --test documents` wrote, with readers that are
not ours: python-docx for the report, openpyxl for the workbook, Python's csv
module for the CSV, and pdftotext for LibreOffice's PDF of the report.

Usage: check.py DIR   (DIR holds report.docx, report.pdf, tables.xlsx,
delegations.csv). Prints one line per check; exits 1 if any failed.

The expected values are written out here literally, from the sample in
tests/documents.rs, not computed by the code under test: a change to what
the writers produce must show up here.
"""

import csv
import datetime
import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

FAILED = []


def check(name, ok, detail=""):
    """Records one check and prints it."""
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok else f": {detail}"))
    if not ok:
        FAILED.append(name)


def equal(name, got, want):
    check(name, got == want, f"got {got!r}, want {want!r}")


# The tables of the sample, as a reader sees them.
BY_COUNTRY = {
    "title": "Đoàn vào theo quốc gia",
    "headers": ["Quốc gia", "Số đoàn", "Số thành viên", "Cùng kỳ năm trước"],
    "rows": [
        ["Hàn Quốc", 12, 1234, 9],
        ["Nhật Bản", 7, 41, None],
        ["Cộng hòa Pháp", 0, 0, 2],
    ],
}
DELEGATIONS = {
    "title": "Danh sách đoàn: 6 tháng đầu năm 2026 [bản nháp]",
    "headers": ["Tên đoàn", "Ngày đến", "Ngày đi", "Số người", "Ghi chú"],
    "rows": [
        [
            "Đoàn Sở Ngoại vụ Gyeonggi, Hàn Quốc",
            datetime.date(2026, 2, 3),
            datetime.date(2026, 2, 5),
            8,
            'Làm việc về "hợp tác du lịch"',
        ],
        [
            "Phóng viên NHK",
            datetime.date(2026, 6, 14),
            datetime.date(2026, 6, 20),
            3,
            "Dòng một\nDòng hai",
        ],
        ['=HYPERLINK("http://x")', None, None, -1, ""],
    ],
}


def in_report(value):
    """A cell as the report prints it: thousands grouped with a dot, dates
    dd/mm/yyyy, nothing for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return value


def all_runs(paragraph, test):
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(test(r) for r in runs)


def bold(p):
    return all_runs(p, lambda r: r.bold)


def cell_lines(cell):
    return [p.text for p in cell.paragraphs if p.text.strip()]


def borders(table):
    """The values of the table's own borders ({} when it sets none)."""
    tbl_borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    if tbl_borders is None:
        return {}
    return {child.tag.split("}")[1]: child.get(qn("w:val")) for child in tbl_borders}


def check_docx(path):
    doc = docx.Document(path)
    section = doc.sections[0]
    check("docx: page is A4 (210 × 297 mm)",
          abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5,
          f"{section.page_width.mm:.1f} × {section.page_height.mm:.1f} mm")
    for side, low, high in [("top", 20, 25), ("bottom", 20, 25), ("left", 30, 35), ("right", 15, 20)]:
        mm = getattr(section, f"{side}_margin").mm
        check(f"docx: {side} margin within {low}–{high} mm", low - 0.2 <= mm <= high + 0.2, f"{mm:.1f} mm")
    check("docx: first page has no page number (titlePg)", section.different_first_page_header_footer)
    header_xml = section.header._element.xml
    check("docx: the header holds a PAGE field", "PAGE" in header_xml, header_xml[:200])

    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for attribute in ["w:ascii", "w:hAnsi", "w:cs"]:
        equal(f"docx: default font ({attribute}) is Times New Roman", fonts.get(qn(attribute)), "Times New Roman")
    size = int(defaults.find(qn("w:sz")).get(qn("w:val"))) / 2
    check("docx: default size 13–14 pt", 13 <= size <= 14, f"{size} pt")
    other_fonts = {r.font.name for p in doc.paragraphs for r in p.runs} - {None, "Times New Roman"}
    equal("docx: no run names another font", other_fonts, set())

    tables = doc.tables
    equal("docx: head, two tables of figures, foot", len(tables), 4)
    head, by_country, delegations, foot = tables

    # The head: issuer and number left, national title, motto, place and date right.
    equal("docx: head has no borders", set(borders(head).values()) - {"nil", "none"}, set())
    left, right = head.rows[0].cells
    equal("docx: governing body over issuing body", cell_lines(left),
          ["UBND TỈNH TUYÊN QUANG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"])
    check("docx: issuing body bold", bold(left.paragraphs[1]))
    check("docx: governing body not bold", not bold(left.paragraphs[0]))
    equal("docx: national title over motto", cell_lines(right),
          ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    check("docx: national title and motto bold", bold(right.paragraphs[0]) and bold(right.paragraphs[1]))
    number, date = head.rows[1].cells
    check("docx: number 'Số: …/BC-SVHTTDL' with room for the clerk",
          re.fullmatch(r"Số: {3,}/BC-SVHTTDL", number.text) is not None, repr(number.text))
    equal("docx: place and date as the decree writes them", date.text,
          "Tuyên Quang, ngày 05 tháng 6 năm 2026")
    check("docx: place and date in italics", all_runs(date.paragraphs[0], lambda r: r.italic))

    # The title, the subject and the numbered sections.
    texts = [p for p in doc.paragraphs if p.text.strip()]
    equal("docx: 'BÁO CÁO' first after the head", texts[0].text, "BÁO CÁO")
    check("docx: 'BÁO CÁO' bold and centred", bold(texts[0]) and texts[0].alignment == WD_ALIGN_PARAGRAPH.CENTER)
    equal("docx: the subject below it", texts[1].text,
          "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2026")
    check("docx: the subject bold and centred", bold(texts[1]) and texts[1].alignment == WD_ALIGN_PARAGRAPH.CENTER)
    headings = [p.text for p in texts if re.match(r"^[IVX]+\. ", p.text)]
    equal("docx: sections numbered I., II., …", headings, [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KHÓ KHĂN, HẠN CHẾ",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM",
    ])
    check("docx: section headings bold", all(bold(p) for p in texts if re.match(r"^[IVX]+\. ", p.text)))
    body = next(p for p in texts if p.text.startswith("Trong 6 tháng"))
    check("docx: text justified", body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, body.alignment)
    captions = [p.text for p in texts if p.text in (BY_COUNTRY["title"], DELEGATIONS["title"])]
    equal("docx: tables captioned", captions, [BY_COUNTRY["title"], DELEGATIONS["title"]])

    # The tables of figures: every cell as written, the heading row bold, borders.
    for name, table, want in [("by country", by_country, BY_COUNTRY), ("delegations", delegations, DELEGATIONS)]:
        got = [[c.text for c in row.cells] for row in table.rows]
        expected = [want["headers"]] + [[in_report(v) for v in row] for row in want["rows"]]
        equal(f"docx: table {name}: every cell", got, expected)
        check(f"docx: table {name}: heading row bold",
              all(bold(c.paragraphs[0]) for c in table.rows[0].cells))
        values = set(borders(table).values())
        check(f"docx: table {name}: bordered", values and values <= {"single"}, values)

    # Nơi nhận left, the signature right.
    recipients, signature = foot.rows[0].cells
    lines = recipients.paragraphs
    equal("docx: 'Nơi nhận:' and the recipients", [p.text for p in lines],
          ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Ngoại vụ;", "- Lưu: VT, VP."])
    check("docx: 'Nơi nhận:' bold italic 12 pt",
          all_runs(lines[0], lambda r: r.bold and r.italic and r.font.size == Pt(12)))
    check("docx: recipients 11 pt", all(all_runs(p, lambda r: r.font.size == Pt(11)) for p in lines[1:]))
    equal("docx: signature block", cell_lines(signature), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"])
    check("docx: signer's title and name bold",
          all(bold(p) for p in signature.paragraphs if p.text.strip()))
    empty = [p for p in signature.paragraphs if not p.text.strip()]
    check("docx: room to sign between title and name", len(empty) >= 3, len(empty))


def check_pdf(path):
    check("pdf: LibreOffice wrote it", path.exists() and path.stat().st_size > 1000, path)
    if not path.exists():
        return
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for phrase in ["BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "ngày 05 tháng 6 năm 2026", "Nơi nhận:", "Nguyễn Văn An", "1.234"]:
        check(f"pdf: shows {phrase!r}", phrase in text)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    check("pdf: the sample runs onto a second page", pages >= 2, pages)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout.split()
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
                            capture_output=True, text=True, check=True).stdout.split()
    check("pdf: page 1 opens with the head, no number", first[:1] == ["UBND"], first[:3])
    check("pdf: page 2 opens with its number", second[:1] == ["2"], second[:3])


def check_xlsx(path):
    book = openpyxl.load_workbook(path)
    equal("xlsx: one sheet per table, names cut to 31, cleaned and unique", book.sheetnames, [
        "Đoàn vào theo quốc gia",
        "Danh sách đoàn- 6 tháng đầu năm",
        "Danh sách đoàn- 6 tháng đầu (2)",
    ])
    for sheet, want in zip(book.worksheets, [BY_COUNTRY, DELEGATIONS, DELEGATIONS]):
        name = sheet.title
        equal(f"xlsx {name}: headings frozen (A2)", sheet.freeze_panes, "A2")
        rows = list(sheet.iter_rows())
        equal(f"xlsx {name}: headings", [c.value for c in rows[0]], want["headers"])
        check(f"xlsx {name}: headings bold", all(c.font.bold for c in rows[0]))
        for r, (cells, values) in enumerate(zip(rows[1:], want["rows"]), start=2):
            for cell, value in zip(cells, values):
                where = f"xlsx {name}!{cell.coordinate}"
                if isinstance(value, datetime.date):
                    check(f"{where}: a date, d/m/yyyy",
                          cell.is_date and cell.value == datetime.datetime.combine(value, datetime.time())
                          and cell.number_format == "d/m/yyyy", (cell.value, cell.number_format))
                elif isinstance(value, int):
                    check(f"{where}: the number {value}",
                          cell.data_type == "n" and cell.value == value, (cell.value, cell.data_type))
                elif value:
                    check(f"{where}: text {value!r}", cell.data_type == "s" and cell.value == value,
                          (cell.value, cell.data_type))
                    if "\n" in value:
                        check(f"{where}: its lines wrap", cell.alignment.wrap_text, cell.alignment)
                else:
                    check(f"{where}: empty", cell.value in (None, ""), cell.value)
        equal(f"xlsx {name}: no more rows than written", sheet.max_row, len(want["rows"]) + 1)
        first = sheet.column_dimensions["A"].width
        check(f"xlsx {name}: first column widened to its text", first and first >= 12, first)


def check_csv(path):
    raw = path.read_bytes()
    check("csv: starts with the UTF-8 BOM", raw.startswith(b"\xef\xbb\xbf"), raw[:3])
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    expected = [DELEGATIONS["headers"]] + [
        [csv_field(v) for v in row] for row in DELEGATIONS["rows"]
    ]
    equal("csv: quoting round-trips (commas, quotes, line breaks)", rows, expected)
    records = len(expected)
    equal("csv: every record ends in CRLF", raw.count(b"\r\n"), records)
    check("csv: ends with CRLF", raw.endswith(b"\r\n"))
    check("csv: Vietnamese intact", "Đoàn Sở Ngoại vụ" in text and "Ngày đến" in text)


def csv_field(value):
    """A cell as the CSV writes it: ISO dates, plain numbers, formulas
    defused with a leading quote (OWASP)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def main():
    directory = Path(sys.argv[1])
    check_docx(directory / "report.docx")
    check_pdf(directory / "report.pdf")
    check_xlsx(directory / "tables.xlsx")
    check_csv(directory / "delegations.csv")
    if FAILED:
        print(f"{len(FAILED)} check(s) failed")
        sys.exit(1)
    print("all document checks passed")


if __name__ == "__main__":
    main()
