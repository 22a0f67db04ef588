"""The follow-up family: meetings and demos whose follow-up window has ended by d.

A meeting's window is the 2 working days after its date. Working days depend on the
organisation's calendar, which SQL cannot portably know, so Python works out each day's window
end and the query joins them as a small VALUES table of (day, window_end): only the days of the
to-date window whose follow-up window has ended by d, at most one row per day of the period.
A meeting is followed when another activity of the same owner on the same account is dated
after the meeting's date and no later than its window end (a weekend touch inside counts).
A meeting is dated on its `day` and counts from its window end, `due_on`.
These rows are what the follow-up rollup sums (store/rollups.py): reports read the rollup
(metrics/rollups.py), series and drill-downs read the rows.
"""

from datetime import date, timedelta

from sqlalchemy import Date, Subquery, case, column, exists, select, values
from sqlalchemy.orm import aliased

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.vocab import FOLLOWED_UP_TYPES
from pacesetter.metrics.families import Family, Owners, ReportContext, Window
from pacesetter.store.models import Activity

FOLLOW_UP_WORKING_DAYS = 2


def due_windows(window: Window, as_of: date, calendar: WorkCalendar) -> list[tuple[date, date]]:
    """(meeting day, window end) for each day of `window` whose window has ended by `as_of`."""
    start, end = window
    days = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
    pairs = ((day, calendar.add_working_days(day, FOLLOW_UP_WORKING_DAYS)) for day in days)
    return [(day, window_end) for day, window_end in pairs if window_end <= as_of]


def _follow_ups(context: ReportContext, owners: Owners) -> Subquery | None:
    window = context.window  # checked first: the calendar is read only when needed
    due = due_windows(window, context.as_of, context.calendar) if window else []
    if not due:
        return None
    windows = (
        values(column("day", Date), column("window_end", Date), name="follow_up_windows")
        .data(due)
        .cte("follow_up_windows")
    )
    meeting, touch = aliased(Activity, name="meeting"), aliased(Activity, name="touch")
    followed = exists().where(
        touch.owner_id == meeting.owner_id,
        touch.account_id == meeting.account_id,
        touch.occurred_on > meeting.occurred_on,
        touch.occurred_on <= windows.c.window_end,
    )
    dates = (meeting.occurred_on.label("day"), windows.c.window_end.label("due_on"))
    return (
        select(meeting.owner_id, *dates, case((followed, 1), else_=0).label("followed"))
        .join(windows, windows.c.day == meeting.occurred_on)
        .where(meeting.owner_id.in_(owners), meeting.type.in_(FOLLOWED_UP_TYPES))
        .where(meeting.account_id.is_not(None))
        .where(meeting.occurred_on.between(due[0][0], due[-1][0]))
        .subquery("follow_ups")
    )


FOLLOW_UPS = Family("follow_ups", _follow_ups, ("day", "due_on"))
