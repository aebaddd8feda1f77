"""The trail's records: a submission log line, a revised value, a month lock line.

Pure data, shared by the store that writes and reads them (:mod:`kehoach.store.log`,
:mod:`kehoach.store.revisions`, :mod:`kehoach.store.month_locks`) and by the computations
that use them (``missing``, ``explain``, ``revisions``, the report's adjustments). The
files' columns are named here with their records; a file's columns only ever grow at the
end, so a line written before a column existed still reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from kehoach.core.i18n import Localized

# --- the submission log, DATA/_log.csv ------------------------------------------------
# sha256: the file as received; stored_sha256: the stored DATA/YYYY-MM/UNIT.csv
# (kehoach check-store); reason: --reopen-reason. New columns go at the end only.
LOG_HEADER = (
    "time",
    "unit",
    "month",
    "source",
    "sha256",
    "rows",
    "action",
    "stored_sha256",
    "reason",
)
LOG_OLD_COLUMNS = 7  # logs written before stored_sha256 and reason
# new / replaced: a stored file created / replaced (its old version kept in _history);
# reopened-…: the same, in a month locked with `kehoach lock` (a revision after the lock)
# official / reopened-official: stored estimates replaced by the official figures
ACTIONS = (
    "new",
    "replaced",
    "official",
    "reopened-new",
    "reopened-replaced",
    "reopened-official",
)
REPLACING_ACTIONS = ("replaced", "official", "reopened-replaced", "reopened-official")
# A unit's narrative report stored as DATA/YYYY-MM/UNIT.md (kehoach.store.narratives): the
# same actions with a "narrative-" prefix, so a figures' line and a narrative's line of one
# (unit, month) are never taken for each other (timeliness, explain, check-store).
NARRATIVE_PREFIX = "narrative-"
NARRATIVE_ACTIONS = tuple(
    NARRATIVE_PREFIX + a for a in ("new", "replaced", "reopened-new", "reopened-replaced")
)
NARRATIVE_REPLACING_ACTIONS = (
    NARRATIVE_PREFIX + "replaced",
    NARRATIVE_PREFIX + "reopened-replaced",
)
ACTIONS = ACTIONS + NARRATIVE_ACTIONS


def is_narrative_action(action: str) -> bool:
    return action.startswith(NARRATIVE_PREFIX)


@dataclass(frozen=True)
class LogEntry:
    """One line of the submission log: one stored file."""

    time: datetime
    unit: str
    month: str
    source: str
    sha256: str
    rows: int
    action: str  # one of ACTIONS
    stored_sha256: str = ""  # empty in lines written before the column existed
    reason: str = ""


# --- revised values, DATA/_revisions.csv ------------------------------------------------
REVISIONS_HEADER = (
    "time",
    "unit",
    "indicator",
    "month",
    "old",
    "new",
    "old_estimate",
    "new_estimate",
    "action",
    "reason",
)


class Revision(NamedTuple):
    """A stored value replaced by a later submission: an estimate made official, or a
    correction sent with --replace."""

    unit: str
    indicator: str
    month: str
    old: Decimal | None
    new: Decimal | None
    old_estimate: bool
    new_estimate: bool
    action: str  # "official" (estimate → official figure) | "replaced" (| "reopened-…")
    reason: str = ""
    time: datetime | None = None


# --- month locks, DATA/_locks.csv --------------------------------------------------------
LOCKS_HEADER = ("time", "month", "state", "user", "note")
LOCKED = "locked"
UNLOCKED = "unlocked"
STATES = (LOCKED, UNLOCKED)
UNKNOWN_USER = "unknown"


def trail_time(when: datetime) -> str:
    """A time as every trail file writes it: UTC, to the second, ``2020-10-05T02:00:00Z``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown_time(when: datetime) -> Localized:
    """A trail time as people read it, in the machine's time zone: "09:00 ngày 05/10/2020"
    / "2020-10-05 09:00"."""
    local = when.astimezone()
    return Localized(local.strftime("%H:%M ngày %d/%m/%Y"), local.strftime("%Y-%m-%d %H:%M"))


@dataclass(frozen=True)
class LockEntry:
    """One line of the lock file."""

    time: datetime  # aware, UTC
    month: str  # YYYY-MM
    state: str  # "locked" | "unlocked"
    user: str
    note: str = ""
    line: int | None = None  # where it was read (1 = the header)

    @property
    def locked(self) -> bool:
        return self.state == LOCKED

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": trail_time(self.time),
            "month": self.month,
            "state": self.state,
            "user": self.user,
            "note": self.note,
        }
