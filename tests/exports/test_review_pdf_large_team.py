"""A large team's review still makes a PDF: a chart is one drawing that a page cannot split, so
it shows the 30 people furthest from target and says so, while the tables list everyone (at
1,000 reps the top director's review failed with reportlab's LayoutError: one bar a goal)."""

from datetime import date

from pdf_text import text_lines

from pacesetter.domain.formatting import share
from pacesetter.domain.periods import parse_period
from pacesetter.exports.pdf import pdf_bytes
from pacesetter.incentives.review import GoalOutcome, PersonReview, ReviewView
from pacesetter.incentives.review_pdf import CHART_ROWS, review_report
from pacesetter.metrics.quadrant import Placement, QuadrantRow, QuadrantView

MARCH = parse_period("2026-03")
TEAM = 300


def _attainment(number: int) -> float:
    """Rep 0 is furthest below target; attainments rise with the number."""
    return 0.2 + number / 100


def _person(number: int) -> PersonReview:
    attainment = _attainment(number)
    goal = GoalOutcome(
        "revenue_won", "person", 1000.0, 1000 * attainment, attainment, attainment >= 1, 0.0, []
    )
    return PersonReview(
        number, f"Rep {number:03d}", "rep", [goal], None, None, None, 0, 0, 0, 0, []
    )


def _row(number: int) -> QuadrantRow:
    pace = _attainment(number)
    placement = Placement(pace, pace, "on_track", None, None, None, None, None, True)
    return QuadrantRow(number, f"E{number}", f"r{number}@x.example", f"Rep {number:03d}", placement)


def _large_review() -> bytes:
    people = [_person(number) for number in range(TEAM)]
    review = ReviewView(MARCH, date(2026, 3, 31), 9999, "Dana", people, [], None, None, 0.0)
    quadrant = QuadrantView(MARCH, date(2026, 3, 31), [_row(number) for number in range(TEAM)])
    return pdf_bytes(review_report(review, quadrant, None, made_on=date(2026, 4, 2)))


def test_a_large_teams_review_pdf_charts_the_furthest_from_target_and_lists_everyone() -> None:
    lines = text_lines(_large_review())
    assert f"The chart shows {CHART_ROWS} of {TEAM} goals, the lowest attainment first" in " ".join(
        lines
    )
    assert f"The chart shows {CHART_ROWS} of {TEAM} reps, the lower of their two paces" in " ".join(
        lines
    )
    # The lowest attainment is charted (a bar label), the highest only in the table.
    charted = [line for line in lines if line.endswith("· revenue won")]
    assert len(charted) == CHART_ROWS
    assert "Rep 000 · revenue won" in charted
    assert f"Rep {TEAM - 1:03d} · revenue won" not in charted
    # Every person is in the tables, with their attainment.
    for number in range(TEAM):
        assert f"Rep {number:03d}" in lines
    assert share(_attainment(TEAM - 1)) in lines
