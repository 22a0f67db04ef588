"""The words of the domain, as in `shared/docs/domain.md` and `data-formats.md`.

Every layer (store columns, import validation, API schemas, the generator) takes its allowed
values from here, so a new activity type or coaching record is added in one place.
"""

from enum import StrEnum


class Role(StrEnum):
    REP = "rep"
    MANAGER = "manager"
    DIRECTOR = "director"
    ADMIN = "admin"


class ManagerType(StrEnum):
    LEADER = "leader"
    PLAYER_COACH = "player_coach"


class BusinessStage(StrEnum):
    SMALL = "small"
    GROWING = "growing"
    ESTABLISHED = "established"


class ActivityType(StrEnum):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    DEMO = "demo"
    PROPOSAL = "proposal"
    OTHER = "other"


# The activities that are due a follow-up (metrics.md, follow-up rate).
FOLLOWED_UP_TYPES = (ActivityType.MEETING, ActivityType.DEMO)


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class GoalKind(StrEnum):
    ACTIVITY = "activity"
    OUTCOME = "outcome"


class GoalStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    RETIRED = "retired"


class CoachingType(StrEnum):
    ONE_ON_ONE = "one_on_one"
    CHECK_IN = "check_in"
    RIDE_ALONG = "ride_along"
    SHADOWING = "shadowing"
    PRE_BRIEF = "pre_brief"
    DEBRIEF = "debrief"
    TEAM_MEETING = "team_meeting"
    INTERVIEW = "interview"
    IMPROVEMENT_PLAN = "improvement_plan"
    RECOGNITION = "recognition"
    UPWARD_FEEDBACK = "upward_feedback"
    CUSTOMER_EXPERIENCE = "customer_experience"


# Coaching records that need no subject person (data-formats.md, "coaching").
COACHING_WITHOUT_SUBJECT = frozenset({CoachingType.TEAM_MEETING, CoachingType.INTERVIEW})

# Plan lines beyond the activity types: the Direction share and the Quality rating of QDQ.
PLAN_LINE_DIRECTION = "direction"
PLAN_LINE_QUALITY = "quality"
