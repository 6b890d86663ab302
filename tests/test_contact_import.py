"""Reading contacts from LinkedIn's Connections.csv and from generic CSV files.

Every fixture is written here, in LinkedIn's layout as LinkedIn writes it; every name in them
is invented.
"""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.contact_import import (
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportedContact,
    ImportFileError,
    ImportResult,
    RowProblem,
    read_csv,
    read_linkedin,
    sniff,
)
from drafter.errors import UsageError

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
NOTES = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this at: "
    'https://www.linkedin.com/help/linkedin/answer/261"',
    "",
]
URL = "https://www.linkedin.com/in/"


def export(*rows: str, notes: list[str] = NOTES, bom: bool = True, end: str = "\r\n") -> bytes:
    """A Connections.csv as LinkedIn writes it: BOM, notes, header, rows, CRLF, a last empty line."""
    text = end.join([*notes, HEADER, *rows]) + end
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


# Line 5 is the first row: three notes lines (the last empty), then the header on line 4.
REALISTIC = export(
    f"Maribel,Okonkwo-Lindqvist,{URL}maribel-okonkwo-lindqvist-4a1b2c,,Fernhill Analytics,Head of Data,15 Mar 2024",
    f'Tomasz,Verhoeven,{URL}tverhoeven,tomasz.verhoeven@example.com,"Acme, Inc.","Director, Partnerships",02 Jan 2023',
    f'Aiko,Brandt,{URL}aiko-brandt,,"Quill ""&"" Ledger","He said ""hi"" first",28 Feb 2022',
    f"Zoltán,Ibáñez,{URL}zoltan-ibanez-%C3%A9,,Überlingen Werke GmbH,Ingénieure,1 Jul 2021",
    f"Prisha,,{URL}prisha-9f,,,,15-Mar-24",
    f",Oduya,{URL}oduya,,Northwind,,2020-11-30",
)

EXPECTED = [
    ImportedContact(5, "Maribel Okonkwo-Lindqvist", "", "Fernhill Analytics", "Head of Data",
                    f"{URL}maribel-okonkwo-lindqvist-4a1b2c", "2024-03-15"),
    ImportedContact(6, "Tomasz Verhoeven", "tomasz.verhoeven@example.com", "Acme, Inc.",
                    "Director, Partnerships", f"{URL}tverhoeven", "2023-01-02"),
    ImportedContact(7, "Aiko Brandt", "", 'Quill "&" Ledger', 'He said "hi" first',
                    f"{URL}aiko-brandt", "2022-02-28"),
    ImportedContact(8, "Zoltán Ibáñez", "", "Überlingen Werke GmbH", "Ingénieure",
                    f"{URL}zoltan-ibanez-%C3%A9", "2021-07-01"),
    ImportedContact(9, "Prisha", linkedin=f"{URL}prisha-9f", connected="2024-03-15"),
    ImportedContact(10, "Oduya", company="Northwind", linkedin=f"{URL}oduya", connected="2020-11-30"),
]  # fmt: skip


def test_a_realistic_export_reads_every_row() -> None:
    assert read_linkedin(REALISTIC) == ImportResult(EXPECTED, [])


@pytest.mark.parametrize(
    ("bom", "end"), [(True, "\r\n"), (False, "\r\n"), (True, "\n"), (False, "\n")]
)
def test_bom_and_line_ends_do_not_matter(bom: bool, end: str) -> None:
    text = REALISTIC.decode("utf-8-sig").replace("\r\n", end)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert read_linkedin(data) == ImportResult(EXPECTED, [])


@pytest.mark.parametrize(
    ("notes", "first_line"),
    [
        ([], 2),
        (["Notes:"], 3),
        (NOTES, 5),
        ([*NOTES, "Notes:", '"Another, longer note"', "", ""], 9),
    ],
)
def test_the_header_is_found_after_any_number_of_notes_lines(
    notes: list[str], first_line: int
) -> None:
    result = read_linkedin(export(f"Ana,Sokol,{URL}ana,,,,15 Mar 2024", notes=notes))
    assert result.contacts == [
        ImportedContact(first_line, "Ana Sokol", linkedin=f"{URL}ana", connected="2024-03-15")
    ]


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("15 Mar 2024", "2024-03-15"),
        ("05 Mar 2024", "2024-03-05"),
        ("5 Mar 2024", "2024-03-05"),
        ("15-Mar-24", "2024-03-15"),
        ("15-mar-2024", "2024-03-15"),
        ("29 Feb 2024", "2024-02-29"),
        ("2024-03-15", "2024-03-15"),
        ("5 September 2023", "2023-09-05"),
        ("5 Sept 2023", "2023-09-05"),
        ("", None),
        ("  ", None),
    ],
)
def test_connected_on_dates(written: str, iso: str | None) -> None:
    result = read_linkedin(export(f"Ana,Sokol,,,,,{written}"))
    assert result == ImportResult([ImportedContact(5, "Ana Sokol", connected=iso)], [])


@pytest.mark.parametrize(
    "written", ["31 Feb 2024", "29 Feb 2023", "15 Foo 2024", "15 Marchy 2024", "yesterday",
                "2024-13-01", "15/03/2024", "Mar 15 2024", "15 Mar"]
)  # fmt: skip
def test_a_bad_date_is_a_problem_and_the_rest_go_on(written: str) -> None:
    result = read_linkedin(export(f"Ana,Sokol,,,,,{written}", "Ben,Ode,,,,,1 Apr 2024"))
    assert result == ImportResult(
        [ImportedContact(6, "Ben Ode", connected="2024-04-01")],
        [RowProblem(5, f"Connected On: {written!r} is not a date (like 15 Mar 2024)")],
    )


@pytest.mark.parametrize("written", ["n/a", "ana at example.com", "ana sokol@example.com"])
def test_an_address_a_contact_would_refuse_is_a_problem_and_the_rest_go_on(written: str) -> None:
    """Every row read is one contacts.import_contacts takes: a bad address in one row must not
    end the import of all the others."""
    result = read_linkedin(export(f"Ana,Sokol,,{written},,,", "Ben,Ode,,ben@example.com,,,"))
    assert result == ImportResult(
        [ImportedContact(6, "Ben Ode", email="ben@example.com")],
        [RowProblem(5, f"Email Address: {written!r} is not an email address")],
    )


def test_unreadable_rows_become_problems_with_their_line() -> None:
    result = read_linkedin(
        export(
            "Ana,Sokol,,,,,",
            "Too,Few,fields",
            ",,,nobody@example.com,Acme,,",
            "Too,Many,,,,,,,surprise",
            "Spreadsheet,Padding,,,,,,,",  # empty cells after the last column are harmless
            "   ,  ,,,,,",  # only spaces: a blank row, skipped
            "Ben,Ode,,,,,",
        )
    )
    assert result == ImportResult(
        [ImportedContact(5, "Ana Sokol"), ImportedContact(9, "Spreadsheet Padding"),
         ImportedContact(11, "Ben Ode")],
        [RowProblem(6, "3 fields, but the header has 7"),
         RowProblem(7, "no name (First Name and Last Name are empty)"),
         RowProblem(8, "9 fields, but the header has 7")],
    )  # fmt: skip


def test_a_quoted_field_over_several_lines_keeps_later_line_numbers_right() -> None:
    result = read_linkedin(
        export('Ana,Sokol,,,"Line one\r\nline two\r\nline three",,', "Ben,Ode,,,,,")
    )
    assert result.contacts == [
        ImportedContact(5, "Ana Sokol", company="Line one line two line three"),
        ImportedContact(8, "Ben Ode"),
    ]


def test_blank_lines_between_rows_are_skipped_but_counted() -> None:
    result = read_linkedin(export("Ana,Sokol,,,,,", "", "", "Ben,Ode,,,,,", "", ""))
    assert result == ImportResult(
        [ImportedContact(5, "Ana Sokol"), ImportedContact(8, "Ben Ode")], []
    )


def test_a_doubled_quote_past_the_first_kilobyte_is_read_right() -> None:
    # csv.Sniffer guesses from a sample and fails on files like this one (mailmerge's bug).
    plain = [f"Person{i},Plain{i},{URL}p{i},,Company {i},Engineer,1 Jan 2024" for i in range(40)]
    data = export(*plain, 'Quinn,Doe,,,"Said ""hello, world""","A ""quoted"" title",2 Jan 2024')
    assert data.index(b'""') > 2048
    result = read_linkedin(data)
    assert result.problems == []
    assert len(result.contacts) == 41
    assert result.contacts[-1] == ImportedContact(
        45, "Quinn Doe", company='Said "hello, world"', position='A "quoted" title',
        connected="2024-01-02",
    )  # fmt: skip


def test_a_header_with_extra_columns_in_another_order() -> None:
    data = (
        "Position,Tags,Connected On,Last Name,Notes,First Name,Email Address,URL,Company\r\n"
        f"CTO,friends,15 Mar 2024,Sokol,met at PyCon,Ana,ana@example.com,{URL}ana,Fernhill\r\n"
    ).encode()
    assert read_linkedin(data) == ImportResult(
        [ImportedContact(2, "Ana Sokol", "ana@example.com", "Fernhill", "CTO", f"{URL}ana",
                         "2024-03-15")],
        [],
    )  # fmt: skip


# Hostile files.


def test_escape_sequences_and_controls_are_removed_from_every_field() -> None:
    data = export(
        "\x1b]0;pwned\x07Ana,\x1b[2J\x1b[HSokol,"
        f"{URL}ana\u202e,ana\x1b[8m@example.com,\x1b[31mAcme\x1b[0m Corp,\x9b1mBoss\u200b,15 Mar 2024"
    )
    assert read_linkedin(data).contacts == [
        ImportedContact(5, "Ana Sokol", "ana@example.com", "Acme Corp", "Boss", f"{URL}ana",
                        "2024-03-15")
    ]  # fmt: skip


def test_a_nul_byte_is_dropped() -> None:
    data = export("An\x00a,Sokol,,,Ac\x00me,,")
    assert read_linkedin(data).contacts == [ImportedContact(5, "Ana Sokol", company="Acme")]


@pytest.mark.parametrize(
    ("size", "reason"),
    [
        (MAX_FIELD_CHARS + 1, "Company is 2,001 characters long (at most 2,000)"),
        (10_000, "Company is 10,000 characters long (at most 2,000)"),
        # Past csv's own field limit, which it reports as an error.
        (200_000, "cannot be read as CSV: field larger than field limit (131072)"),
    ],
)
def test_a_field_too_long_is_a_problem_and_the_rest_go_on(size: int, reason: str) -> None:
    result = read_linkedin(export(f"Ana,Sokol,,,{'x' * size},,", "Ben,Ode,,,,,"))
    assert result == ImportResult([ImportedContact(6, "Ben Ode")], [RowProblem(5, reason)])


def test_a_field_of_exactly_the_limit_is_read() -> None:
    company = "y" * MAX_FIELD_CHARS
    result = read_linkedin(export(f"Ana,Sokol,,,{company},,"))
    assert result == ImportResult([ImportedContact(5, "Ana Sokol", company=company)], [])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "the file is empty"),
        ("\r\n".join(NOTES).encode(), "no header found in the first 50 lines (looked for First Name and Last Name)"),
        (b"Name,Email\r\nAna Sokol,ana@example.com\r\n", "no header found in the first 50 lines (looked for First Name and Last Name)"),
        (export("Ana,Sokol,,,Caf\xe9 \u201cZur Post\u201d,,", bom=False).decode("utf-8").encode("cp1252"),
         "line 5: not UTF-8 text (byte 0xe9)"),
        ("\r\n".join([HEADER, "Ana,Sokol,,,,,"]).encode("utf-16"), "the file is UTF-16 text, not UTF-8"),
    ],
)  # fmt: skip
def test_files_that_cannot_be_read_give_one_line(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError) as info:
        read_linkedin(data)
    assert str(info.value) == message
    assert isinstance(info.value, UsageError)
    assert info.value.exit_code == 2


def test_a_file_too_large_is_refused_before_reading() -> None:
    with pytest.raises(
        ImportFileError, match=r"^the file is larger than 50 MiB \(52,428,801 bytes\)$"
    ):
        read_linkedin(b"a" * (MAX_FILE_BYTES + 1))


@pytest.mark.slow
def test_too_many_rows_is_refused() -> None:
    rows = b"Ana,Sokol\r\n" * (MAX_ROWS + 1)
    with pytest.raises(ImportFileError, match=r"^line 200002: more than 200,000 rows$"):
        read_linkedin(b"First Name,Last Name\r\n" + rows)


@pytest.mark.slow
def test_the_most_rows_allowed_are_read() -> None:
    rows = b"Ana,Sokol\r\n" * MAX_ROWS
    result = read_linkedin(b"First Name,Last Name\r\n" + rows)
    assert len(result.contacts) == MAX_ROWS
    assert result.contacts[-1].line == MAX_ROWS + 1


# Generic CSV files.


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Name,E-mail,Organization,Title", "Ana Sokol,ana@example.com,Fernhill,CTO",
         ImportedContact(2, "Ana Sokol", "ana@example.com", "Fernhill", "CTO")),
        ("full name,email address,COMPANY,position,Profile URL",
         f"Ana Sokol,ana@example.com,Fernhill,CTO,{URL}ana",
         ImportedContact(2, "Ana Sokol", "ana@example.com", "Fernhill", "CTO", f"{URL}ana")),
        ("First Name,Last Name,Email,LinkedIn,Connected On",
         f"Ana,Sokol,ana@example.com,{URL}ana,15 Mar 2024",
         ImportedContact(2, "Ana Sokol", "ana@example.com", linkedin=f"{URL}ana",
                         connected="2024-03-15")),
        ("first_name,last_name,url", f"Ana,Sokol,{URL}ana",
         ImportedContact(2, "Ana Sokol", linkedin=f"{URL}ana")),
        ("Notes,Name,Phone", "met at PyCon,  Ana   Sokol ,+1 555 0100", ImportedContact(2, "Ana Sokol")),
    ],
)  # fmt: skip
def test_csv_recognises_common_header_names(
    header: str, row: str, expected: ImportedContact
) -> None:
    assert read_csv(f"{header}\r\n{row}\r\n".encode()) == ImportResult([expected], [])


def test_csv_with_a_mapping() -> None:
    data = (
        b"Who,Employer,Mail,Company\r\n"
        b"Ana Sokol,Fernhill,ana@example.com,ignored\r\n"
        b",Nobody Ltd,x@example.com,\r\n"
    )
    result = read_csv(data, {"who": "name", "EMPLOYER": "company", "Mail": "email"})
    assert result == ImportResult(
        [ImportedContact(2, "Ana Sokol", "ana@example.com", "Fernhill")],
        [RowProblem(3, "no name (Who is empty)")],
    )


def test_csv_reads_linkedin_exports_too() -> None:
    assert read_csv(REALISTIC) == ImportResult(EXPECTED, [])


def test_csv_mapping_to_an_unknown_key_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"^mapping Who=fullname: 'fullname' is not one of name, "):
        read_csv(b"Who\r\nAna\r\n", {"Who": "fullname"})


def test_csv_mapping_a_column_that_is_not_there() -> None:
    with pytest.raises(
        ImportFileError, match=r"^no header found in the first 50 lines \(looked for who and a name"
    ):
        read_csv(b"Name\r\nAna\r\n", {"Who": "name"})


def test_csv_without_a_name_column() -> None:
    with pytest.raises(ImportFileError, match="no header found"):
        read_csv(b"Email,Company\r\nana@example.com,Fernhill\r\n")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (REALISTIC, "linkedin"),
        (export("Ana,Sokol,,,,,", bom=False, notes=[]), "linkedin"),
        (b"Name,Email\r\nAna Sokol,ana@example.com\r\n", "csv"),
        (b"First Name,Last Name,Email\r\nAna,Sokol,a@example.com\r\n", "csv"),
        (b"", "csv"),
        (b"\xff\xfe\x00garbage", "csv"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


# Any rows written by csv.writer in LinkedIn's layout read back the same.

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
# Letters, digits, punctuation (commas, quotes), symbols, spaces and newlines: what people put
# in names and job titles. Not controls, formats or private use: those are removed on purpose.
TEXT = st.text(
    st.one_of(
        st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\r"),
        st.sampled_from(',"\n '),
    ),
    max_size=30,
)
ROW = st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, st.none() | st.dates(datetime.date(2003, 1, 1)))


def tidy(value: str) -> str:
    return " ".join(value.split())


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, max_size=8))
def test_rows_written_by_csv_writer_read_back_the_same(
    rows: list[tuple[str, str, str, str, str, str, datetime.date | None]],
) -> None:
    out = io.StringIO()
    out.write("\r\n".join(NOTES) + "\r\n")
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    expected: list[ImportedContact] = []
    problems: list[RowProblem] = []
    line = len(NOTES) + 2
    for first, last, url, email, company, position, day in rows:
        connected = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}" if day else ""
        writer.writerow([first, last, url, email, company, position, connected])
        fields = [tidy(v) for v in (first, last, url, email, company, position)]
        name = " ".join(v for v in fields[:2] if v)
        if not any(v.strip() for v in (first, last, url, email, company, position, connected)):
            pass  # a row of blanks is skipped
        elif name and fields[3] and ("@" not in fields[3] or " " in fields[3]):
            problems.append(
                RowProblem(line, f"Email Address: {fields[3]!r} is not an email address")
            )
        elif name:
            expected.append(
                ImportedContact(line, name, fields[3], fields[4], fields[5], fields[2],
                                day.isoformat() if day else None)
            )  # fmt: skip
        else:
            problems.append(RowProblem(line, "no name (First Name and Last Name are empty)"))
        line += 1 + sum(v.count("\n") for v in (first, last, url, email, company, position))
    data = b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
    assert read_linkedin(data) == ImportResult(expected, problems)
    assert sniff(data) == "linkedin"
