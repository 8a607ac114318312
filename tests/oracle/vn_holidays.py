#!/usr/bin/env python3
"""Oracle for src/domain/lunar.rs and src/domain/working_days.rs.

Prints, as JSON on stdout, what the PyPI package `holidays` (its Vietnam
calendar) says: Tết (lunar 1/1) and Giỗ Tổ Hùng Vương (lunar 10/3) for every
year 1901–2100, and every public holiday of 2010–2030 with the observed
(nghỉ bù) and substituted (swapped) days it adds. The Rust test
`working_days::tests::matches_holidays_oracle` reads the file named by
VISITDESK_HOLIDAYS_ORACLE and lists each disagreement.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install holidays
    /tmp/venv/bin/python tests/oracle/vn_holidays.py > /tmp/vn.json
    VISITDESK_HOLIDAYS_ORACLE=/tmp/vn.json cargo test matches_holidays_oracle -- --nocapture
"""

import json
import re
import sys
from datetime import date

import holidays
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

LUNAR_YEARS = range(1901, 2101)
HOLIDAY_YEARS = range(2010, 2031)

# The package's Vietnamese names; the language is asked for each time, as
# the default follows the caller's locale.
TET = "Tết Nguyên Đán"
HUNG_KINGS = "Ngày Giỗ Tổ Hùng Vương"
# "Ngày nghỉ (thay cho ngày 26/04/2025)": a working day moved to a weekend.
SUBSTITUTED = re.compile(r"\(thay cho ngày (\d{2})/(\d{2})/(\d{4})\)")


def by_name(calendar, name):
    """The one date the calendar gives `name` (None when it has none)."""
    dates = [d for d, n in calendar.items() if name in n.split("; ")]
    if len(dates) > 1:
        sys.exit(f"{name!r} on several dates: {dates}")
    return dates[0] if dates else None


def lunar_rows():
    # Giỗ Tổ is a public holiday only since 2007; the package's Vietnamese
    # lunisolar table gives the date for every year, and where both exist
    # they must agree.
    table = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    rows = []
    for year in LUNAR_YEARS:
        named = holidays.country_holidays("VN", years=year, observed=False, language="vi")
        tet = by_name(named, TET)
        hung = by_name(named, HUNG_KINGS)
        tet_table, _ = table.lunar_new_year_date(year)
        hung_table, _ = table.hung_kings_date(year)
        if tet != tet_table or (hung is not None and hung != hung_table):
            sys.exit(f"{year}: the package's names and table disagree")
        rows.append(
            {
                "year": year,
                "tet": tet.isoformat(),
                "hung_kings": hung_table.isoformat(),
                "hung_kings_is_holiday": hung is not None,
            }
        )
    return rows


def holiday_rows(year):
    full_vi = holidays.country_holidays("VN", years=year, language="vi")
    full_en = holidays.country_holidays("VN", years=year, language="en_US")
    plain = holidays.country_holidays("VN", years=year, observed=False)
    rows = []
    for day in sorted(full_vi):
        name_vi = full_vi[day]
        worked = SUBSTITUTED.search(name_vi)
        if worked:
            kind = "special"
            dd, mm, yyyy = worked.groups()
            worked = date(int(yyyy), int(mm), int(dd)).isoformat()
        elif day in plain:
            kind = "statutory"
        else:
            kind = "observed"
        rows.append(
            {
                "date": day.isoformat(),
                "kind": kind,
                "name_vi": name_vi,
                "name_en": full_en[day],
                "worked": worked,
            }
        )
    return {"year": year, "holidays": rows}


def main():
    out = {
        "package": "holidays",
        "version": holidays.__version__,
        "lunar": lunar_rows(),
        "years": [holiday_rows(y) for y in HOLIDAY_YEARS],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
