"""Every table of the store; importing this package registers them all on `Base.metadata`."""

from pacesetter.store.models.audit import AuditEntry
from pacesetter.store.models.base import Base, utcnow
from pacesetter.store.models.crm import Account, Activity, Deal, DealChange, Forecast
from pacesetter.store.models.incentives import RewardRule, RewardRuleChange, RewardRuleVersion
from pacesetter.store.models.leaderboards import TvLink
from pacesetter.store.models.mail import MailOutbox, MailPreference, MailSent
from pacesetter.store.models.org import Holiday, OrgSettings, Person
from pacesetter.store.models.planning import (
    CoachingList,
    CoachingRecord,
    Goal,
    GoalChange,
    PlanLine,
)
from pacesetter.store.models.plans import PlanProposal
from pacesetter.store.models.rollups import ActivityRollup, DealRollup, FollowUpRollup
from pacesetter.store.models.system import ImportRun, LoginAttempt, UserSession
from pacesetter.store.models.version import DataVersion

__all__ = [
    "Account",
    "Activity",
    "ActivityRollup",
    "AuditEntry",
    "Base",
    "CoachingList",
    "CoachingRecord",
    "DataVersion",
    "Deal",
    "DealChange",
    "DealRollup",
    "FollowUpRollup",
    "Forecast",
    "Goal",
    "GoalChange",
    "Holiday",
    "ImportRun",
    "LoginAttempt",
    "MailOutbox",
    "MailPreference",
    "MailSent",
    "OrgSettings",
    "Person",
    "PlanLine",
    "PlanProposal",
    "RewardRule",
    "RewardRuleChange",
    "RewardRuleVersion",
    "TvLink",
    "UserSession",
    "utcnow",
]
