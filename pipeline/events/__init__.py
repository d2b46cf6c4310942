"""Events: documents grouped by the event they report, before anything is cross-checked. A claim is
checked only against the other documents of its event."""

from pipeline.events.dates import iso_day, ordinal
from pipeline.events.grouping import Event, group_documents, similarities

__all__ = ["Event", "group_documents", "iso_day", "ordinal", "similarities"]
