"""The one PDF writer: a report laid out on A4 pages (a title, figures, headings, tables, bar
charts and a scatter chart), drawn by reportlab and its own chart module, with no browser.

Layout only. It takes plain values, text already formatted for reading by the caller (the one
formatter, `domain.formatting`) and numbers only where a chart must place them, and gives bytes.

The page streams are written uncompressed, so the text a reader sees is in the file as it reads.
A review of a team is a few pages, and a check (a test, the permission matrix's leak check)
can find every name and figure in it without a PDF parser. The output is invariant: the same
document gives the same bytes.
"""

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

PDF_MEDIA_TYPE = "application/pdf"
MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
# The app's palette (web/static/app.css): ink, muted text, lines, accent, good and bad.
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#d9e2ec")
ACCENT = colors.HexColor("#2f6fdf")
GOOD = colors.HexColor("#2e9e6a")
BAD = colors.HexColor("#d64545")
NEUTRAL = colors.HexColor("#9aa5b1")
BAR_HEIGHT = 14  # points per bar
LEGEND_LINE = 10.5  # points per line of the scatter's legend
Tick = Callable[[float], str]


@dataclass(frozen=True)
class Figure:
    """One headline number: what it is, the number, and a line under it."""

    label: str
    value: str
    hint: str = ""


@dataclass(frozen=True)
class Figures:
    items: Sequence[Figure]


@dataclass(frozen=True)
class Heading:
    text: str
    note: str = ""  # a muted line under the heading: what the section is read from


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Grid:
    """A table: `numeric` holds the indexes of the right-aligned (number) columns."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: frozenset[int] = frozenset()
    widths: Sequence[float] | None = None  # shares of the page's width, one per column


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length and the text written at its end. `good` colours it:
    True good, False bad, None neutral."""

    label: str
    value: float
    text: str
    good: bool | None = None


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars from zero, with a dashed reference line (a target, 100%)."""

    bars: Sequence[Bar]
    tick: Tick
    reference: float | None = None
    reference_label: str = ""


@dataclass(frozen=True)
class Point:
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class Scatter:
    """Points on two axes from zero, each axis with a dashed reference line, and a name in each
    corner of the four fields the lines make (top left, top right, bottom left, bottom right)."""

    points: Sequence[Point]
    x_title: str
    y_title: str
    tick: Tick
    x_reference: float
    y_reference: float
    corners: tuple[str, str, str, str] = ("", "", "", "")
    legend_title: str = ""  # above the list of points beside the chart


Block = Figures | Heading | Text | Grid | BarChart | Scatter


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    footer: str  # on every page, beside the page number
    blocks: Sequence[Block] = field(default_factory=list)


def pdf_bytes(report: Report) -> bytes:
    """The report as a PDF file."""
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=report.title,
        author="Pacesetter",
        pageCompression=0,
        invariant=1,
    )
    story: list[Flowable] = [
        Paragraph(escape(report.title), _STYLES["title"]),
        Paragraph(escape(report.subtitle), _STYLES["muted"]),
        Spacer(1, 4 * mm),
    ]
    story += _flowables(report.blocks)

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN, report.footer)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN, f"page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _flowables(blocks: Sequence[Block]) -> list[Flowable]:
    """Each block as flowables; a heading is kept on the page of what follows it."""
    found: list[Flowable] = []
    pending: list[Flowable] = []
    for block in blocks:
        drawn = _BUILDERS[type(block)](block)
        if isinstance(block, Heading):
            pending = drawn
            continue
        found.append(KeepTogether([*pending, *drawn]) if pending else _together(drawn))
        pending = []
    return found + pending


def _together(drawn: list[Flowable]) -> Flowable:
    return drawn[0] if len(drawn) == 1 else KeepTogether(drawn)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()["Normal"]

    def style(name: str, **changes: object) -> ParagraphStyle:
        settings = {"fontName": "Helvetica", "textColor": INK, **changes}
        return ParagraphStyle(name, parent=base, **settings)

    return {
        "title": style("title", fontName="Helvetica-Bold", fontSize=17, leading=21),
        "heading": style("heading", fontName="Helvetica-Bold", fontSize=12, leading=15),
        "body": style("body", fontSize=9, leading=12),
        "muted": style("muted", fontSize=8.5, leading=11, textColor=MUTED),
        "cell": style("cell", fontSize=8, leading=10),
        "number": style("number", fontSize=8, leading=10, alignment=2),
        "head": style("head", fontName="Helvetica-Bold", fontSize=8, leading=10),
        "head_number": style("head_number", fontName="Helvetica-Bold", fontSize=8, alignment=2),
        "figure_label": style("figure_label", fontSize=7.5, leading=9, textColor=MUTED),
        "figure": style("figure", fontName="Helvetica-Bold", fontSize=15, leading=18),
        "figure_hint": style("figure_hint", fontSize=7.5, leading=9, textColor=MUTED),
    }


_STYLES = _styles()


def _paragraph(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text), _STYLES[style])


def _heading(block: Heading) -> list[Flowable]:
    drawn: list[Flowable] = [Spacer(1, 5 * mm), _paragraph(block.text, "heading")]
    if block.note:
        drawn.append(_paragraph(block.note, "muted"))
    return [*drawn, Spacer(1, 2 * mm)]


def _text(block: Text) -> list[Flowable]:
    return [_paragraph(block.text, "body")]


def _figures(block: Figures) -> list[Flowable]:
    """The headline numbers side by side, each in a ruled box."""
    cells = [
        [
            _paragraph(item.label, "figure_label"),
            _paragraph(item.value, "figure"),
            _paragraph(item.hint, "figure_hint"),
        ]
        for item in block.items
    ]
    table = Table([cells], colWidths=[WIDTH / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (0, 0), 2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [table]


def _grid(block: Grid) -> list[Flowable]:
    """A table whose header repeats on every page it runs over; number columns right-aligned."""

    def row(cells: Sequence[str], plain: str, number: str) -> list[Paragraph]:
        return [
            _paragraph(cell, number if index in block.numeric else plain)
            for index, cell in enumerate(cells)
        ]

    data = [row(block.header, "head", "head_number")]
    data += [row(cells, "cell", "number") for cells in block.rows]
    widths = [WIDTH * share for share in block.widths] if block.widths else None
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [table]


def _axis_top(largest: float, reference: float | None) -> tuple[float, float]:
    """The axis's end and step: a round number past the largest value and the reference."""
    top = max(largest, reference or 0, 1e-9) * 1.08
    step = 10 ** math.floor(math.log10(top))
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 6:
            step *= factor
            break
    return math.ceil(top / step) * step, step


def _bar_chart(block: BarChart) -> list[Flowable]:
    """Horizontal bars, the first at the top; the value's text at each bar's end."""
    if not block.bars:
        return []
    label_width, text_width = 150.0, 50.0
    height = BAR_HEIGHT * len(block.bars) + 30
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 20
    chart.width, chart.height = WIDTH - label_width - text_width, height - 26
    bars = list(reversed(block.bars))  # the category axis counts from the bottom
    chart.data = [[max(bar.value, 0) for bar in bars]]
    top, step = _axis_top(max(bar.value for bar in bars), block.reference)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = block.tick
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = "Helvetica", 7
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, RULE
    chart.valueAxis.strokeColor = MUTED
    chart.categoryAxis.categoryNames = [bar.label for bar in bars]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = "Helvetica", 7.5
    chart.categoryAxis.labels.boxAnchor, chart.categoryAxis.labels.dx = "e", -4
    chart.categoryAxis.strokeColor = MUTED
    chart.barWidth, chart.groupSpacing = 8, 4
    chart.bars.strokeColor = None
    for index, bar in enumerate(bars):
        chart.bars[(0, index)].fillColor = {True: GOOD, False: BAD, None: NEUTRAL}[bar.good]
    chart.barLabelFormat, chart.barLabelArray = "values", [[bar.text for bar in bars]]
    chart.barLabels.fontName, chart.barLabels.fontSize = "Helvetica", 7
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    if block.reference is not None:
        x = chart.x + chart.width * block.reference / top
        drawing.add(_dashed(x, chart.y, x, chart.y + chart.height))
        drawing.add(_label(x, chart.y + chart.height + 2, block.reference_label, "middle"))
    return [drawing]


def _scatter(block: Scatter) -> list[Flowable]:
    """Each point a dot with its label beside it, the reference lines dashed, and the name of
    each field in its corner."""
    side = 250.0
    drawing = Drawing(WIDTH, max(side + 40, LEGEND_LINE * (len(block.points) + 1) + 20))
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 60, 30, side, side
    x_top, x_step = _axis_top(max((p.x for p in block.points), default=0), block.x_reference)
    y_top, y_step = _axis_top(max((p.y for p in block.points), default=0), block.y_reference)
    plot.data = [[(p.x, p.y) for p in block.points] or [(0, 0)]]
    plot.joinedLines = 0
    plot.lines[0].strokeColor = None
    plot.lines[0].symbol = makeMarker("FilledCircle", size=5, fillColor=ACCENT)
    plot.lines[0].symbol.strokeColor = colors.white
    if not block.points:
        plot.lines[0].symbol = None
    for axis, top, step in ((plot.xValueAxis, x_top, x_step), (plot.yValueAxis, y_top, y_step)):
        axis.valueMin, axis.valueMax, axis.valueStep = 0, top, step
        axis.labelTextFormat = block.tick
        axis.labels.fontName, axis.labels.fontSize = "Helvetica", 7
        axis.visibleGrid, axis.gridStrokeColor, axis.strokeColor = True, RULE, MUTED
    drawing.add(plot)

    def at(x: float, y: float) -> tuple[float, float]:
        return plot.x + plot.width * x / x_top, plot.y + plot.height * y / y_top

    ref_x, ref_y = at(block.x_reference, block.y_reference)
    drawing.add(_dashed(ref_x, plot.y, ref_x, plot.y + plot.height))
    drawing.add(_dashed(plot.x, ref_y, plot.x + plot.width, ref_y))
    left, right, top, bottom = plot.x + 4, plot.x + plot.width - 4, plot.y + side - 10, plot.y + 4
    for (x, y), name, anchor in zip(
        ((left, top), (right, top), (left, bottom), (right, bottom)),
        block.corners,
        ("start", "end", "start", "end"),
        strict=True,
    ):
        drawing.add(_label(x, y, name, anchor, colour=MUTED))
    for number, point in enumerate(block.points, 1):
        x, y = at(point.x, point.y)
        drawing.add(_label(x + 4, y + 2, str(number), "start", colour=INK))
    drawing.add(_label(plot.x + plot.width / 2, 4, block.x_title, "middle", size=8))
    # Turned a quarter left, (x, y) lands on (-y, x): this lands on (14, the axis's middle).
    drawing.add(_rotated(_label(plot.y + plot.height / 2, -14, block.y_title, "middle", size=8)))
    _legend_beside(drawing, block, plot.x + side + 24)
    return [drawing]


def _legend_beside(drawing: Drawing, block: Scatter, x: float) -> None:
    """Each point's number, label and two values, to the right of the plot: the dots carry only
    their numbers, as names beside dots that sit close together would overwrite each other."""
    y = drawing.height - 14
    drawing.add(_label(x, y, block.legend_title, "start", size=7.5))
    for number, point in enumerate(block.points, 1):
        y -= LEGEND_LINE
        line = f"{number}  {point.label}: {block.tick(point.x)} / {block.tick(point.y)}"
        drawing.add(_label(x, y, line, "start", size=7.5, colour=INK))


def _dashed(x1: float, y1: float, x2: float, y2: float) -> Line:
    return Line(x1, y1, x2, y2, strokeColor=INK, strokeWidth=0.8, strokeDashArray=[3, 2])


def _label(
    x: float, y: float, text: str, anchor: str, *, size: float = 7, colour: colors.Color = MUTED
) -> String:
    return String(
        x, y, text, fontName="Helvetica", fontSize=size, fillColor=colour, textAnchor=anchor
    )


def _rotated(title: String) -> Group:
    """The y axis's title, written upwards along the axis."""
    group = Group(title)
    group.rotate(90)
    return group


_BUILDERS: dict[type, Callable[..., list[Flowable]]] = {
    Figures: _figures,
    Heading: _heading,
    Text: _text,
    Grid: _grid,
    BarChart: _bar_chart,
    Scatter: _scatter,
}
