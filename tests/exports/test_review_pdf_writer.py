"""The one PDF writer (exports/pdf.py): a report with figures, tables and both kinds of chart
becomes a PDF whose text is what it was given; the same report gives the same bytes."""

from pdf_text import page_count, text_lines

from pacesetter.exports.pdf import (
    Bar,
    BarChart,
    Figure,
    Figures,
    Grid,
    Heading,
    Point,
    Report,
    Scatter,
    Text,
    pdf_bytes,
)


def percent(value: float) -> str:
    return f"{value:.0%}"


REPORT = Report(
    "Review 2026-11: O'Neil (Sales) team",
    "1 Nov \u2013 30 Nov 2026",
    "Pacesetter",
    [
        Figures([Figure("Goals hit", "2", "1 missed")]),
        Heading("Goals", "attainment = actual / target"),
        BarChart([Bar("Ann", 1.1, "110%", True), Bar("Ben", 0.5, "50%", False)], percent, 1),
        Grid(["Person", "Won"], [["Ann", "110,000"], ["Ben \\ Bo", "50,000"]], frozenset({1})),
        Scatter(
            [Point("Ann", 0.9, 1.1), Point("Ben", 1.3, 0.5)],
            "activity",
            "results",
            percent,
            1,
            1,
            ("results only", "on track", "off track", "activity only"),
            "activity / results",
        ),
        Text("The end."),
    ],
)


def test_a_report_is_a_pdf_with_the_text_it_was_given() -> None:
    body = pdf_bytes(REPORT)
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    assert page_count(body) == 1
    lines = text_lines(body)
    for shown in (
        "Review 2026-11: O'Neil (Sales) team",  # parentheses escaped and read back
        "1 Nov \u2013 30 Nov 2026",  # an en dash in WinAnsi
        "Goals hit",
        "110,000",
        "Ben \\ Bo",
        "The end.",
        "page 1",
    ):
        assert shown in lines, shown


def test_both_charts_are_drawn_with_their_labels() -> None:
    lines = text_lines(pdf_bytes(REPORT))
    # The bar chart: a label per bar, its value's text at its end, the reference line's axis.
    assert {"Ann", "Ben", "110%", "50%"} <= set(lines)
    # The scatter: each dot numbered, the legend with both values, the four fields' names.
    assert [line for line in lines if line[:1].isdigit() and ":" in line] == [
        "1  Ann: 90% / 110%",
        "2  Ben: 130% / 50%",
    ]
    assert {"results only", "on track", "off track", "activity only"} <= set(lines)


def test_the_same_report_gives_the_same_bytes() -> None:
    assert pdf_bytes(REPORT) == pdf_bytes(REPORT)


def test_a_long_table_runs_over_pages_with_its_header_on_each() -> None:
    rows = [[f"Person {n}", str(n)] for n in range(120)]
    body = pdf_bytes(Report("Long", "", "", [Grid(["Person", "Won"], rows, frozenset({1}))]))
    assert page_count(body) > 1
    assert text_lines(body).count("Person") == page_count(body)
