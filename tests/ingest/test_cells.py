"""Reading single cells: numbers as spreadsheets write them, yes/no, and formula-like text."""

import pytest

from pacesetter.ingest.cells import CellError, flag, looks_like_formula, neutralise_formula, number


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1234.5", 1234.5),
        ("1,234.50", 1234.5),
        ("$12,500.00", 12500.0),
        ("-5", -5.0),
        ("1.2E+06", 1_200_000.0),
        (" 7 ", 7.0),
        (42, 42.0),
        (-3.5, -3.5),
    ],
)
def test_numbers_read_as_spreadsheets_write_them(cell: object, value: float) -> None:
    assert number(cell) == value  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["12,34", "1_000", "nan", "inf", "12 apples", "", True])
def test_things_that_are_not_plain_numbers_are_refused(cell: object) -> None:
    with pytest.raises(CellError):
        number(cell)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("TRUE", True),
        ("yes", True),
        ("1", True),
        (1, True),
        ("No", False),
        ("0", False),
        (False, False),
    ],
)
def test_yes_no_cells_take_any_case(cell: object, value: bool) -> None:
    assert flag(cell) is value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ('=HYPERLINK("http://evil.example","click")', True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ("@SUM(1+1)", True),
        ("-5", False),
        ("+1.5", False),
        ("Called back", False),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_recognised(text: str, formula: bool) -> None:
    assert looks_like_formula(text) is formula


def test_exports_neutralise_formulas_and_leave_other_text_alone() -> None:
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("-5") == "-5"
    assert neutralise_formula("Acme") == "Acme"
