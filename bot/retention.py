"""Retention: what is kept how long, and the job that deletes the rest.

- Conversations (their messages, safety flags and staff records), feedback and
  unanswered questions: `retention_days` after the conversation's last message.
- Tickets: `ticket_retention_months` of the municipality profile after staff marked
  them handled, as the consent text promises; open tickets are never deleted.
- Rasa's trackers: the same days. The SQLite tracker store is purged by this job (whole
  conversations only, never half a tracker); in Redis each tracker expires by itself
  (`record_exp`, written into Rasa's endpoints).
- The audit log is not purged: it is the record of who saw what.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from bot.profile import municipality
from bot.settings import Settings
from bot.stores.base import Store, now

log = logging.getLogger(__name__)


def cutoffs(settings: Settings, at: datetime) -> tuple[datetime, datetime]:
    months = int(municipality().get("ticket_retention_months", 12))
    return at - timedelta(days=settings.retention_days), at - timedelta(days=30 * months)


def purge_sqlite_trackers(path: Path, before: datetime) -> int:
    """Deletes the trackers of conversations whose last event is older than `before`."""
    if not path.exists():
        return 0
    with sqlite3.connect(path, timeout=30) as conn:
        have = conn.execute("SELECT name FROM sqlite_master WHERE name = 'events'").fetchone()
        if not have:
            return 0
        old = [r[0] for r in conn.execute(
            "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < ?",
            (before.timestamp(),))]
        conn.executemany("DELETE FROM events WHERE sender_id = ?", [(s,) for s in old])
    return len(old)


def run(store: Store, settings: Settings, at: datetime | None = None) -> dict[str, int]:
    """One pass; `at` is the clock (tests set it)."""
    before, tickets_before = cutoffs(settings, at or now())
    counts = store.purge(before, tickets_before)
    if not settings.redis_url:
        counts["trackers"] = purge_sqlite_trackers(settings.trackers_path, before)
    # Counts only: what was deleted is gone, and its content must not reach the logs.
    log.info("retention: %s", ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return counts


async def every(store: Store, settings: Settings) -> None:
    """The scheduled job: a pass at start-up, then every `retention_check_minutes`.
    Several web processes may each run it; deleting twice deletes nothing more."""
    while True:
        try:
            await asyncio.to_thread(run, store, settings)
        except Exception:  # a failed pass is tried again next time
            log.exception("retention pass failed")
        await asyncio.sleep(settings.retention_check_minutes * 60)
