"""What loket staff do with a conversation: the queue, one conversation, take over,
write, hand back, status, notes, assignment, false alarms, and the audit log.

Staff work is kept as append-only records beside the conversation (never in its row):
the chat service rewrites the conversation on every resident message, and a note
written at that moment must not be lost. The current state is the fold of the records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.chat import ChatService, wire_message
from bot.events.base import QUEUE, conversation_channel
from bot.safety.signals import PRIORITY_RANK, highest_priority
from bot.staff import accounts
from bot.stores.base import (
    AuditEntry,
    Conversation,
    Session,
    StaffRecord,
    Store,
    StoreError,
    User,
    now,
)

log = logging.getLogger(__name__)

HANDLING = ("new", "in_progress", "handled")
MAX_NOTE = 2000
MAX_REASON = 500
MAX_STAFF_MESSAGE = 2000


class ConsoleError(Exception):
    """A staff action that cannot be done; `status` is the HTTP status to answer."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass
class Work:
    """The state staff made, folded from the records of one conversation."""

    handling: str = "new"
    handled_at: datetime | None = None
    assigned_to: str | None = None
    notes: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: dict[int, dict[str, Any]] = field(default_factory=dict)
    picked_up_at: datetime | None = None  # first takeover or assignment


def fold(records: list[StaffRecord]) -> Work:
    work = Work()
    for r in records:
        entry = {"by": r.by, "at": r.at.isoformat()}
        if r.kind == "status":
            work.handling = r.data["status"]
            work.handled_at = r.at if work.handling == "handled" else None
        elif r.kind == "assign":
            work.assigned_to = r.data.get("to")
        elif r.kind == "note":
            work.notes.append({**entry, "text": r.data["text"]})
        elif r.kind == "false_alarm":
            work.false_alarms[r.data["index"]] = {**entry, "reason": r.data["reason"]}
        if r.kind in ("takeover", "assign") and work.picked_up_at is None:
            work.picked_up_at = r.at
    return work


def _works(store: Store, ids: list[str]) -> dict[str, Work]:
    grouped: dict[str, list[StaffRecord]] = {i: [] for i in ids}
    for r in store.list_staff_records(ids):
        grouped.setdefault(r.conversation_id, []).append(r)
    return {i: fold(rs) for i, rs in grouped.items()}


def signals_view(conv: Conversation, work: Work) -> list[dict[str, Any]]:
    """The conversation's signals with their index and any false-alarm mark."""
    out = []
    for i, s in enumerate(conv.signals):
        item = {k: s.get(k) for k in ("category", "priority", "at", "excerpt", "layer",
                                      "language")}
        item["index"] = i
        if i in work.false_alarms:
            item["false_alarm"] = work.false_alarms[i]
        out.append(item)
    return out


def priority(conv: Conversation, work: Work) -> str:
    """Signals marked as false alarm no longer count."""
    if not work.false_alarms:
        return conv.priority
    real = [s["priority"] for i, s in enumerate(conv.signals) if i not in work.false_alarms]
    return highest_priority(real)


def reopened(conv: Conversation, work: Work) -> bool:
    """A new signal after 'handled' puts the conversation back in the queue."""
    if work.handling != "handled" or work.handled_at is None:
        return False
    return any(s.get("at", "") > work.handled_at.isoformat() for i, s in enumerate(conv.signals)
               if i not in work.false_alarms)


def waiting_since(conv: Conversation, work: Work) -> str | None:
    """Since when the resident waits for a person: the first real signal, else the
    moment the chat asked for a person; None once staff picked it up."""
    if work.picked_up_at is not None or conv.taken_over_by:
        return None
    real = [s["at"] for i, s in enumerate(conv.signals) if i not in work.false_alarms]
    if real:
        return min(real)
    return conv.updated_at.isoformat() if conv.status == "waiting" else None


def summary(conv: Conversation, work: Work) -> dict[str, Any]:
    handling = "new" if reopened(conv, work) else work.handling
    item: dict[str, Any] = {
        "conversation_id": conv.id, "priority": priority(conv, work),
        "signals": signals_view(conv, work), "status": conv.status,
        "language": conv.language, "updated_at": conv.updated_at.isoformat(),
        "created_at": conv.created_at.isoformat(), "handling": handling,
        "assigned_to": work.assigned_to, "taken_over_by": conv.taken_over_by,
        "waiting_since": waiting_since(conv, work),
    }
    if conv.ticket_id:
        item["ticket_id"] = conv.ticket_id
    if conv.safety:
        item["safety"] = {k: conv.safety.get(k) for k in ("safe_now", "may_call",
                                                          "callback_phone")}
    return item


def queue(store: Store) -> list[dict[str, Any]]:
    """Open conversations: P1 first, then P2, then the longest waiting; handled ones
    leave the queue until a new signal comes in."""
    convs = store.list_conversations()
    works = _works(store, [c.id for c in convs])
    items = [summary(c, works[c.id]) for c in convs]
    items = [i for i in items if i["handling"] != "handled"]
    return sorted(items, key=lambda i: (PRIORITY_RANK.get(i["priority"], 9),
                                        i["waiting_since"] or i["updated_at"]))


def conversation(store: Store, conversation_id: str) -> tuple[Conversation, Work]:
    conv = store.get_conversation(conversation_id[:64])
    if conv is None:
        raise ConsoleError(404, "no conversation with this id")
    return conv, _works(store, [conv.id])[conv.id]


def detail(store: Store, conv: Conversation, work: Work) -> dict[str, Any]:
    """Everything the conversation view shows: the summary, the messages, the notes and
    the ticket (when there is one)."""
    out = summary(conv, work)
    out["messages"] = [wire_message(m) for m in store.get_messages(conv.id)]
    out["notes"] = work.notes
    ticket = store.get_ticket(conv.ticket_id) if conv.ticket_id else None
    if ticket is not None:
        out["ticket"] = {**ticket.data, "status": ticket.status, "reference": ticket.reference}
    return out


def audit(store: Store, who: Session | User, action: str, conversation_id: str | None = None,
          ticket_id: str | None = None, detail_text: str = "") -> None:
    """`who`: the staff session, or the account when there is no session (a refused
    login)."""
    store.add_audit(AuditEntry(username=who.username, role=who.role, action=action,
                               conversation_id=conversation_id, ticket_id=ticket_id,
                               detail=detail_text[:200]))


# A console that reloads a conversation on every new message is one view, not fifty.
VIEW_AGAIN_AFTER = timedelta(minutes=10)


def audit_view(store: Store, session: Session, conv: Conversation) -> None:
    """Records that `session` looked at the conversation, once per VIEW_AGAIN_AFTER."""
    since = now() - VIEW_AGAIN_AFTER
    for e in store.list_audit(limit=50, conversation_id=conv.id):
        if e.at < since:
            break
        if e.username == session.username and e.action == "view":
            return
    audit(store, session, "view", conv.id, conv.ticket_id)


async def _changed(chat: ChatService, conv: Conversation, kind: str) -> None:
    """Tells every live view (other staff, other processes) that staff changed this."""
    await chat.bus.publish(QUEUE, {"conversation_id": conv.id, "change": kind})
    await chat.bus.publish(conversation_channel(conv.id), {"type": "work", "change": kind})


async def _record(chat: ChatService, conv: Conversation, session: Session, kind: str,
                  data: dict[str, Any], detail_text: str = "") -> None:
    chat.store.add_staff_record(StaffRecord(conv.id, kind, session.username, data))
    audit(chat.store, session, kind, conv.id, conv.ticket_id, detail_text)
    await _changed(chat, conv, kind)


async def take_over(chat: ChatService, conv: Conversation, session: Session) -> None:
    if not chat.store.claim_conversation(conv.id, session.username):
        fresh = chat.store.get_conversation(conv.id)
        raise ConsoleError(409, f"{fresh.taken_over_by if fresh else 'someone'} "
                                "has already taken over this conversation")
    if conv.taken_over_by == session.username:
        return  # a second click: nothing new to tell the resident
    conv = chat.store.get_conversation(conv.id)
    chat.store.add_staff_record(StaffRecord(conv.id, "takeover", session.username, {}))
    audit(chat.store, session, "takeover", conv.id, conv.ticket_id)
    await chat.staff_takeover(conv, accounts.display_name(chat.store, session.username))
    await _changed(chat, conv, "takeover")


def _own(conv: Conversation, session: Session) -> None:
    if conv.taken_over_by != session.username:
        raise ConsoleError(409, "take over the conversation first" if not conv.taken_over_by
                           else f"{conv.taken_over_by} has this conversation")


async def send(chat: ChatService, conv: Conversation, session: Session, text: str) -> dict:
    _own(conv, session)
    text = text.strip()
    if not text:
        raise ConsoleError(422, "empty message")
    if len(text) > MAX_STAFF_MESSAGE:
        raise ConsoleError(422, f"message over {MAX_STAFF_MESSAGE} characters")
    audit(chat.store, session, "staff_message", conv.id, conv.ticket_id)
    return await chat.staff_message(conv, accounts.display_name(chat.store, session.username),
                                    text)


async def hand_back(chat: ChatService, conv: Conversation, session: Session) -> list[dict]:
    _own(conv, session)
    # Back to "waiting" while a real signal or ticket still needs a person.
    work = _works(chat.store, [conv.id])[conv.id]
    status = "waiting" if (priority(conv, work) != "P3" or conv.ticket_id) else "bot"
    if not chat.store.release_conversation(conv.id, session.username, status):
        raise ConsoleError(409, "the conversation was handed back already")
    conv = chat.store.get_conversation(conv.id)
    chat.store.add_staff_record(StaffRecord(conv.id, "handback", session.username, {}))
    audit(chat.store, session, "handback", conv.id, conv.ticket_id)
    messages = await chat.staff_handback(conv, accounts.display_name(chat.store,
                                                                     session.username))
    await _changed(chat, conv, "handback")
    return messages


async def set_status(chat: ChatService, conv: Conversation, session: Session,
                     status: str) -> None:
    if status not in HANDLING:
        raise ConsoleError(422, f"status must be one of {', '.join(HANDLING)}")
    ticket = chat.store.get_ticket(conv.ticket_id) if conv.ticket_id else None
    if ticket is not None and ticket.status != status:
        ticket.status = status
        # Retention counts from here (the consent text: "until it is handled, then …").
        if status == "handled":
            ticket.data["handled_at"] = now().isoformat()
        else:
            ticket.data.pop("handled_at", None)
        chat.store.update_ticket(ticket)
    await _record(chat, conv, session, "status", {"status": status}, status)


async def add_note(chat: ChatService, conv: Conversation, session: Session,
                   text: str) -> None:
    text = text.strip()
    if not text or len(text) > MAX_NOTE:
        raise ConsoleError(422, f"a note has 1 to {MAX_NOTE} characters")
    await _record(chat, conv, session, "note", {"text": text})


async def assign_to_self(chat: ChatService, conv: Conversation, session: Session) -> None:
    await _record(chat, conv, session, "assign", {"to": session.username})


async def false_alarm(chat: ChatService, conv: Conversation, session: Session, index: int,
                      reason: str) -> None:
    """Marks one signal as a false alarm, with who and why; the signal itself stays."""
    if not 0 <= index < len(conv.signals):
        raise ConsoleError(404, "no signal with this index")
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise ConsoleError(422, f"say why, in 1 to {MAX_REASON} characters")
    await _record(chat, conv, session, "false_alarm", {"index": index, "reason": reason},
                  conv.signals[index].get("category", ""))


def audit_log(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    return [{"at": e.at.isoformat(), "username": e.username, "role": e.role,
             "action": e.action, "conversation_id": e.conversation_id,
             "ticket_id": e.ticket_id, "detail": e.detail}
            for e in store.list_audit(limit)]


def users(store: Store) -> list[dict[str, Any]]:
    return [{"username": u.username, "role": u.role, "display_name": u.display_name,
             "active": u.active, "created_at": u.created_at.isoformat()}
            for u in store.list_users()]


def add_user(store: Store, session: Session, username: str, role: str, password: str,
             display_name: str = "") -> dict[str, Any]:
    try:
        user = accounts.add_user(store, username, role, password, display_name)
    except accounts.AccountError as exc:
        raise ConsoleError(422, str(exc)) from None
    except StoreError:
        raise ConsoleError(409, f"user {username.strip().lower()!r} exists") from None
    audit(store, session, "user_add", detail_text=f"{user.username} ({user.role})")
    return {"username": user.username, "role": user.role,
            "display_name": user.display_name, "active": True}


def set_active(store: Store, session: Session, username: str, active: bool) -> None:
    if username == session.username and not active:
        raise ConsoleError(409, "you cannot switch off your own account")
    try:
        accounts.set_active(store, username, active)
    except accounts.AccountError as exc:
        raise ConsoleError(404, str(exc)) from None
    audit(store, session, "user_enable" if active else "user_disable", detail_text=username)
