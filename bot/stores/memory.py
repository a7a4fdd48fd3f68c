"""In-memory store: for tests and throwaway demos (nothing survives a restart)."""

from __future__ import annotations

import copy
import threading

from bot.stores.base import (
    AuditEntry,
    ContentVersion,
    Conversation,
    Feedback,
    Session,
    StaffRecord,
    Store,
    StoredMessage,
    StoreError,
    Ticket,
    Unanswered,
    User,
    handled_at,
    settle_status,
)


class InMemoryStore(Store):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conversations: dict[str, Conversation] = {}
        self._messages: dict[str, list[StoredMessage]] = {}
        self._users: dict[str, User] = {}
        self._sessions: dict[str, Session] = {}
        self._tickets: dict[str, Ticket] = {}
        self._content: list[ContentVersion] = []
        self._feedback: list[Feedback] = []
        self._unanswered: list[Unanswered] = []
        self._settings: dict[str, object] = {}
        self._staff_records: list[StaffRecord] = []
        self._audit: list[AuditEntry] = []

    def create_conversation(self, conversation: Conversation) -> None:
        with self._lock:
            if conversation.id in self._conversations:
                raise StoreError("conversation exists")
            self._conversations[conversation.id] = copy.deepcopy(conversation)

    def get_conversation(self, conversation_id: str) -> Conversation | None:
        c = self._conversations.get(conversation_id)
        return settle_status(copy.deepcopy(c)) if c else None

    def update_conversation(self, conversation: Conversation) -> None:
        with self._lock:
            old = self._conversations.get(conversation.id)
            new = copy.deepcopy(conversation)
            new.taken_over_by = old.taken_over_by if old else None
            self._conversations[conversation.id] = new

    def list_conversations(self, include_closed: bool = False) -> list[Conversation]:
        return [settle_status(copy.deepcopy(c)) for c in self._conversations.values()
                if include_closed or c.status != "closed"]

    def claim_conversation(self, conversation_id: str, username: str) -> bool:
        with self._lock:
            c = self._conversations.get(conversation_id)
            if c is None or c.taken_over_by not in (None, username):
                return False
            c.taken_over_by, c.status = username, "staff"
            return True

    def release_conversation(self, conversation_id: str, username: str, status: str) -> bool:
        with self._lock:
            c = self._conversations.get(conversation_id)
            if c is None or c.taken_over_by != username:
                return False
            c.taken_over_by, c.status = None, status
            return True

    def append_messages(self, messages: list[StoredMessage]) -> None:
        with self._lock:
            for m in messages:
                self._messages.setdefault(m.conversation_id, []).append(copy.deepcopy(m))

    def get_messages(self, conversation_id: str) -> list[StoredMessage]:
        return copy.deepcopy(self._messages.get(conversation_id, []))

    def create_ticket(self, ticket: Ticket) -> None:
        with self._lock:
            if ticket.id in self._tickets or self._by_reference(ticket.reference):
                raise StoreError("ticket exists")
            self._tickets[ticket.id] = copy.deepcopy(ticket)

    def _by_reference(self, reference: str) -> Ticket | None:
        return next((t for t in self._tickets.values() if t.reference == reference), None)

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        return copy.deepcopy(self._tickets.get(ticket_id))

    def get_ticket_by_reference(self, reference: str) -> Ticket | None:
        return copy.deepcopy(self._by_reference(reference))

    def update_ticket(self, ticket: Ticket) -> None:
        with self._lock:
            self._tickets[ticket.id] = copy.deepcopy(ticket)

    def list_tickets(self, status: str | None = None) -> list[Ticket]:
        found = [t for t in self._tickets.values() if status is None or t.status == status]
        return copy.deepcopy(sorted(found, key=lambda t: t.created_at, reverse=True))

    def add_user(self, user: User) -> None:
        with self._lock:
            if user.username in self._users:
                raise StoreError(f"user {user.username!r} exists")
            self._users[user.username] = copy.deepcopy(user)

    def get_user(self, username: str) -> User | None:
        u = self._users.get(username)
        return copy.deepcopy(u) if u else None

    def list_users(self) -> list[User]:
        return copy.deepcopy(sorted(self._users.values(), key=lambda u: u.username))

    def set_user_active(self, username: str, active: bool) -> bool:
        with self._lock:
            if username not in self._users:
                return False
            self._users[username].active = active
            return True

    def save_session(self, session: Session) -> None:
        self._sessions[session.token_hash] = copy.deepcopy(session)

    def get_session(self, token_hash: str) -> Session | None:
        s = self._sessions.get(token_hash)
        return copy.deepcopy(s) if s else None

    def touch_session(self, token_hash: str, at) -> None:
        with self._lock:
            if token_hash in self._sessions:
                self._sessions[token_hash].last_seen = at

    def delete_session(self, token_hash: str) -> None:
        self._sessions.pop(token_hash, None)

    def add_staff_record(self, record: StaffRecord) -> None:
        with self._lock:
            self._staff_records.append(copy.deepcopy(record))

    def list_staff_records(self, conversation_ids: list[str] | None = None) -> list[StaffRecord]:
        wanted = None if conversation_ids is None else set(conversation_ids)
        return copy.deepcopy([r for r in self._staff_records
                              if wanted is None or r.conversation_id in wanted])

    def add_audit(self, entry: AuditEntry) -> None:
        with self._lock:
            self._audit.append(copy.deepcopy(entry))

    def list_audit(self, limit: int = 500, conversation_id: str | None = None
                   ) -> list[AuditEntry]:
        found = [e for e in self._audit if conversation_id in (None, e.conversation_id)]
        return copy.deepcopy(found[::-1][:limit])

    def add_content_version(self, version: ContentVersion) -> ContentVersion:
        with self._lock:
            version = copy.deepcopy(version)
            version.version = 1 + max((v.version for v in self._content
                                       if (v.topic, v.language) == (version.topic,
                                                                     version.language)),
                                      default=0)
            self._content.append(version)
            return copy.deepcopy(version)

    def list_content_versions(self, topic: str | None = None,
                              language: str | None = None) -> list[ContentVersion]:
        found = [v for v in self._content if topic in (None, v.topic)
                 and language in (None, v.language)]
        return copy.deepcopy(sorted(found, key=lambda v: (v.at, v.version), reverse=True))

    def add_feedback(self, feedback: Feedback) -> None:
        with self._lock:
            self._feedback.append(copy.deepcopy(feedback))

    def list_feedback(self) -> list[Feedback]:
        return copy.deepcopy(self._feedback)

    def add_unanswered(self, item: Unanswered) -> None:
        with self._lock:
            self._unanswered.append(copy.deepcopy(item))

    def list_unanswered(self, limit: int = 200) -> list[Unanswered]:
        return copy.deepcopy(sorted(self._unanswered, key=lambda u: u.at, reverse=True)[:limit])

    def purge(self, before, tickets_handled_before) -> dict[str, int]:
        with self._lock:
            old = {cid for cid, c in self._conversations.items() if c.updated_at < before}
            n_msgs = sum(len(v) for v in self._messages.values())
            for cid in old:
                del self._conversations[cid]
                self._messages.pop(cid, None)
            self._messages = {cid: [m for m in ms if m.at >= before]
                              for cid, ms in self._messages.items()}
            counts = {"conversations": len(old),
                      "messages": n_msgs - sum(len(v) for v in self._messages.values())}
            self._staff_records, gone = _split(self._staff_records,
                                               lambda r: r.conversation_id not in old)
            counts["staff_records"] = gone
            self._feedback, counts["feedback"] = _split(self._feedback, lambda f: f.at >= before)
            self._unanswered, counts["unanswered"] = _split(self._unanswered,
                                                            lambda u: u.at >= before)
            ended = [k for k, v in self._sessions.items() if v.expires_at < before]
            for k in ended:
                del self._sessions[k]
            counts["sessions"] = len(ended)
            done = [k for k, t in self._tickets.items()
                    if t.status == "handled" and handled_at(t) < tickets_handled_before]
            for k in done:
                del self._tickets[k]
            counts["tickets"] = len(done)
            return counts

    def get_setting(self, key: str):
        return copy.deepcopy(self._settings.get(key))

    def put_setting(self, key: str, value) -> None:
        with self._lock:
            self._settings[key] = copy.deepcopy(value)


def _split(items: list, keep) -> tuple[list, int]:
    kept = [i for i in items if keep(i)]
    return kept, len(items) - len(kept)
