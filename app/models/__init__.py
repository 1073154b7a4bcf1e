"""SQLAlchemy 2.0 typed tables. No Qt, no I/O."""

from app.models.activity import Activity, ActivityOutput, ActivityPartner
from app.models.base import Base, SyncedRecord
from app.models.funding import Funding
from app.models.identity_link import IdentityLink
from app.models.local import (
    AuditEntry,
    ClockState,
    LocalSetting,
    LocalSite,
    PackageLog,
    PackageReceived,
    PackageSent,
    PeerAck,
    SiteKey,
)
from app.models.locks import LockException, YearLock
from app.models.organisation import Organisation
from app.models.person import GreenEnvoy, Participation, Person
from app.models.plan import ActionPlan, Milestone, PlanArea, PlanItem, Target
from app.models.reference import Country, ExchangeRate, LeastDevelopedMember, Site
from app.models.registry import BY_KIND, RECORD_TYPES, FieldSpec, fields_of, model_of
from app.models.review import Review

__all__ = [
    "BY_KIND",
    "RECORD_TYPES",
    "ActionPlan",
    "Activity",
    "ActivityOutput",
    "ActivityPartner",
    "AuditEntry",
    "Base",
    "ClockState",
    "Country",
    "ExchangeRate",
    "FieldSpec",
    "Funding",
    "GreenEnvoy",
    "IdentityLink",
    "LeastDevelopedMember",
    "LocalSetting",
    "LockException",
    "LocalSite",
    "PeerAck",
    "SiteKey",
    "Milestone",
    "Organisation",
    "PackageLog",
    "PackageReceived",
    "PackageSent",
    "Participation",
    "Person",
    "PlanArea",
    "PlanItem",
    "Review",
    "Site",
    "SyncedRecord",
    "Target",
    "YearLock",
    "fields_of",
    "model_of",
]
