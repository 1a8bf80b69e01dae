"""The register (people, activities) and the public pages that show it."""

from .imports import ImportJob, ImportStatus
from .pages import DirectoryPage, StatisticsPage
from .register import (
    PUBLIC_STATUSES,
    Activity,
    ActivityEvidence,
    ActivityForm,
    Person,
    PersonKind,
    PersonStatus,
    RecognitionLevel,
)

__all__ = [
    "PUBLIC_STATUSES",
    "Activity",
    "ActivityEvidence",
    "ActivityForm",
    "DirectoryPage",
    "ImportJob",
    "ImportStatus",
    "Person",
    "PersonKind",
    "PersonStatus",
    "RecognitionLevel",
    "StatisticsPage",
]
