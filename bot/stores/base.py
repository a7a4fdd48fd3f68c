"""The store's interface: conversations, their messages, staff users and sessions."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


def now() -> datetime:
    return datetime.now(timezone.utc)


class StoreError(Exception):
    pass


def settle_status(conv: Conversation) -> Conversation:
    """`taken_over_by` decides whether staff have the chat; a status written from an
    older copy of the conversation cannot undo a takeover or a hand-back."""
    if conv.taken_over_by:
        conv.status = "staff"
    elif conv.status == "staff":
        conv.status = "waiting"
    return conv


@dataclass
class Conversation:
    id: str
    language: str
    status: str = "bot"  # bot | waiting | staff | closed
    created_at: datetime = field(default_factory=now)
    updated_at: datetime = field(default_factory=now)
    priority: str = "P3"
    signals: list[dict[str, Any]] = field(default_factory=list)
    # Safety follow-up: pending question, safe_now, may_call, callback_phone.
    safety: dict[str, Any] = field(default_factory=dict)
    ticket_id: str | None = None
    # The resident chose the language (switcher or button): no more offers to switch.
    language_chosen: bool = False
    language_offered: str | None = None  # the last language offered, offered once
    # The staff member who has taken over the chat; the bot is paused while it is set.
    # Only claim_conversation/release_conversation change it (two staff, one chat).
    taken_over_by: str | None = None


@dataclass
class StoredMessage:
    conversation_id: str
    sender: str  # resident | bot | staff
    text: str
    custom: dict[str, Any] = field(default_factory=dict)
    buttons: list[dict[str, Any]] = field(default_factory=list)
    at: datetime = field(default_factory=now)


@dataclass
class Ticket:
    """A warm-handover ticket. `data` is the contract's ticket JSON; the other fields
    are copies of it that the store indexes."""

    id: str
    reference: str  # short, for the phone: "VB-7K3M9"
    conversation_id: str
    priority: str
    status: str  # new | in_progress | handled
    created_at: datetime
    data: dict[str, Any]


def handled_at(ticket: Ticket) -> datetime:
    """When staff marked the ticket handled (recorded since the console); else its
    creation, the earliest it can have been handled."""
    at = ticket.data.get("handled_at")
    return datetime.fromisoformat(at) if at else ticket.created_at


@dataclass
class User:
    username: str
    role: str
    password_hash: str
    created_at: datetime = field(default_factory=now)
    active: bool = True
    # The name residents see after a takeover ("Anna"); the username when empty.
    display_name: str = ""


@dataclass
class ContentVersion:
    """One saved version of the answer to a topic in one language. Versions are never
    changed or deleted; publishing, unpublishing and restoring add a version."""

    topic: str
    language: str
    body: str  # the small safe Markdown subset of bot/content/markdown.py
    links: list[dict[str, str]] = field(default_factory=list)  # [{"title", "url"}]
    next_step: str = "questionnaire"
    status: str = "draft"  # draft | published | needs_review | unpublished
    author: str = ""
    note: str = ""
    at: datetime = field(default_factory=now)
    version: int = 0  # set by the store: 1, 2, … per topic and language


@dataclass
class Feedback:
    """"Did this answer help?" per topic; no conversation id, no text: not personal."""

    topic: str
    language: str
    helpful: bool
    at: datetime = field(default_factory=now)


@dataclass
class Unanswered:
    """A question the bot did not understand, with personal data redacted."""

    text: str
    language: str
    at: datetime = field(default_factory=now)


@dataclass
class Session:
    token_hash: str
    username: str
    role: str
    expires_at: datetime
    last_seen: datetime | None = None  # for the idle timeout


@dataclass
class StaffRecord:
    """What staff did with a conversation: status, assignment, a note, a false alarm.
    Appended, never changed: the current state is the newest record of each kind."""

    conversation_id: str
    kind: str  # status | assign | note | false_alarm | takeover | handback
    by: str
    data: dict[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=now)


@dataclass
class AuditEntry:
    """Who viewed or changed which conversation or ticket, and when. Append-only."""

    username: str
    role: str
    action: str
    conversation_id: str | None = None
    ticket_id: str | None = None
    detail: str = ""
    at: datetime = field(default_factory=now)


class Store(abc.ABC):
    """All durable state of the gateway. Implementations must be safe to share
    between requests of one process."""

    # conversations
    @abc.abstractmethod
    def create_conversation(self, conversation: Conversation) -> None: ...

    @abc.abstractmethod
    def get_conversation(self, conversation_id: str) -> Conversation | None: ...

    @abc.abstractmethod
    def update_conversation(self, conversation: Conversation) -> None:
        """Writes every field but `taken_over_by` (see claim_conversation)."""

    @abc.abstractmethod
    def list_conversations(self, include_closed: bool = False) -> list[Conversation]: ...

    @abc.abstractmethod
    def claim_conversation(self, conversation_id: str, username: str) -> bool:
        """Atomically: takes the chat over for `username` unless someone else has it."""

    @abc.abstractmethod
    def release_conversation(self, conversation_id: str, username: str, status: str) -> bool:
        """Atomically: hands the chat back (new `status`) if `username` has it."""

    @abc.abstractmethod
    def append_messages(self, messages: list[StoredMessage]) -> None: ...

    @abc.abstractmethod
    def get_messages(self, conversation_id: str) -> list[StoredMessage]: ...

    def record(self, conversation: Conversation, messages: list[StoredMessage]) -> None:
        """Appends `messages` and updates the conversation, as one write where the
        store can (a resident message costs two of these)."""
        self.append_messages(messages)
        self.update_conversation(conversation)

    # tickets
    @abc.abstractmethod
    def create_ticket(self, ticket: Ticket) -> None:
        """Durable when it returns. Raises StoreError when id or reference exist."""

    @abc.abstractmethod
    def get_ticket(self, ticket_id: str) -> Ticket | None: ...

    @abc.abstractmethod
    def get_ticket_by_reference(self, reference: str) -> Ticket | None: ...

    @abc.abstractmethod
    def update_ticket(self, ticket: Ticket) -> None: ...

    @abc.abstractmethod
    def list_tickets(self, status: str | None = None) -> list[Ticket]:
        """Newest first."""

    # staff
    @abc.abstractmethod
    def add_user(self, user: User) -> None:
        """Raises StoreError when the username exists."""

    @abc.abstractmethod
    def get_user(self, username: str) -> User | None: ...

    @abc.abstractmethod
    def list_users(self) -> list[User]:
        """By username."""

    @abc.abstractmethod
    def set_user_active(self, username: str, active: bool) -> bool:
        """False when there is no such user."""

    @abc.abstractmethod
    def save_session(self, session: Session) -> None: ...

    @abc.abstractmethod
    def get_session(self, token_hash: str) -> Session | None: ...

    @abc.abstractmethod
    def touch_session(self, token_hash: str, at: datetime) -> None: ...

    @abc.abstractmethod
    def delete_session(self, token_hash: str) -> None: ...

    @abc.abstractmethod
    def add_staff_record(self, record: StaffRecord) -> None: ...

    @abc.abstractmethod
    def list_staff_records(self, conversation_ids: list[str] | None = None) -> list[StaffRecord]:
        """Oldest first; all conversations when `conversation_ids` is None."""

    @abc.abstractmethod
    def add_audit(self, entry: AuditEntry) -> None:
        """There is no way to change or delete an entry."""

    @abc.abstractmethod
    def list_audit(self, limit: int = 500, conversation_id: str | None = None
                   ) -> list[AuditEntry]:
        """Newest first."""

    # content (answers the communicatie team edits)
    @abc.abstractmethod
    def add_content_version(self, version: ContentVersion) -> ContentVersion:
        """Stores a new version, numbered one past the newest of its topic and language."""

    @abc.abstractmethod
    def list_content_versions(self, topic: str | None = None,
                              language: str | None = None) -> list[ContentVersion]:
        """Newest first."""

    @abc.abstractmethod
    def add_feedback(self, feedback: Feedback) -> None: ...

    @abc.abstractmethod
    def list_feedback(self) -> list[Feedback]: ...

    @abc.abstractmethod
    def add_unanswered(self, item: Unanswered) -> None: ...

    @abc.abstractmethod
    def list_unanswered(self, limit: int = 200) -> list[Unanswered]:
        """Newest first."""

    # retention
    @abc.abstractmethod
    def purge(self, before: datetime, tickets_handled_before: datetime) -> dict[str, int]:
        """Deletes conversations last active before `before` (with their messages, flags
        and staff records), older messages, feedback, unanswered questions and ended
        sessions, and tickets handled before `tickets_handled_before`. Returns counts."""

    # settings (the municipality profile)
    @abc.abstractmethod
    def get_setting(self, key: str) -> Any: ...

    @abc.abstractmethod
    def put_setting(self, key: str, value: Any) -> None: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        pass
