"""SQL store through SQLAlchemy Core: SQLite file by default, PostgreSQL in production."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

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

metadata = sa.MetaData()

conversations = sa.Table(
    "conversations", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("priority", sa.String(4), nullable=False, default="P3"),
    sa.Column("signals", sa.Text, nullable=False, default="[]"),
    sa.Column("safety", sa.Text, nullable=False, server_default="{}", default="{}"),
    sa.Column("ticket_id", sa.String(64), nullable=True),
    sa.Column("language_chosen", sa.Boolean, nullable=True),
    sa.Column("language_offered", sa.String(8), nullable=True),
    sa.Column("taken_over_by", sa.String(64), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
messages = sa.Table(
    "messages", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", sa.String(64), nullable=False, index=True),
    sa.Column("sender", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("custom", sa.Text, nullable=False, default="{}"),
    sa.Column("buttons", sa.Text, nullable=False, default="[]"),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
tickets = sa.Table(
    "tickets", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("reference", sa.String(16), nullable=False, unique=True),
    sa.Column("conversation_id", sa.String(64), nullable=False, index=True),
    sa.Column("priority", sa.String(4), nullable=False),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("data", sa.Text, nullable=False),
)
users = sa.Table(
    "users", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("display_name", sa.String(64), nullable=True),
)
sessions = sa.Table(
    "staff_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
)
staff_records = sa.Table(
    "staff_records", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("by", sa.String(64), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
audit = sa.Table(
    "audit", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("conversation_id", sa.String(64), nullable=True, index=True),
    sa.Column("ticket_id", sa.String(64), nullable=True),
    sa.Column("detail", sa.Text, nullable=False),
)

content = sa.Table(
    "content_versions", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("topic", sa.String(64), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("links", sa.Text, nullable=False, default="[]"),
    sa.Column("next_step", sa.String(32), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("author", sa.String(64), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    # Two editors saving at once cannot get the same number.
    sa.UniqueConstraint("topic", "language", "version"),
)
feedback = sa.Table(
    "feedback", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("topic", sa.String(64), nullable=False, index=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("helpful", sa.Boolean, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
unanswered = sa.Table(
    "unanswered", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
)
settings_table = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


# Any constant: the advisory lock that serialises creating and migrating the tables.
SCHEMA_LOCK = 7_316_425


def _utc(value: datetime) -> datetime:
    # SQLite drops the time zone; everything we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class SQLStore(Store):
    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            # A pool of open connections: SQLAlchemy 1.4 opens a new file connection per
            # transaction by default (NullPool), which tripled the cost of each write.
            self.engine = sa.create_engine(url, connect_args={"check_same_thread": False},
                                           poolclass=sa.pool.QueuePool)
            # WAL lets the web process read while another process (the CLI) writes.
            with self.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True)
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                # Several web processes start at once: one creates the tables, the others
                # wait for it instead of failing on the same CREATE TABLE.
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
            metadata.create_all(conn)
            self._add_missing_columns(conn)

    @staticmethod
    def _add_missing_columns(conn) -> None:
        """Columns added after a database was created (see README, migration notes)."""
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have:
                    default = column.server_default.arg if column.server_default else None
                    ddl = (f"ALTER TABLE {table.name} ADD COLUMN {column.name} "
                           f"{column.type.compile(conn.dialect)}"
                           + (f" NOT NULL DEFAULT '{default}'" if default is not None else ""))
                    conn.exec_driver_sql(ddl)

    # conversations
    def create_conversation(self, c: Conversation) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(conversations.insert().values(**self._conv_row(c)))
        except IntegrityError as exc:
            raise StoreError("conversation exists") from exc

    @staticmethod
    def _conv_row(c: Conversation) -> dict:
        return {"id": c.id, "language": c.language, "status": c.status, "priority": c.priority,
                "signals": json.dumps(c.signals), "safety": json.dumps(c.safety),
                "ticket_id": c.ticket_id, "language_chosen": c.language_chosen,
                "language_offered": c.language_offered, "created_at": c.created_at,
                "updated_at": c.updated_at}

    @staticmethod
    def _conv(row) -> Conversation:
        return Conversation(id=row.id, language=row.language, status=row.status,
                            priority=row.priority, signals=json.loads(row.signals),
                            safety=json.loads(row.safety or "{}"), ticket_id=row.ticket_id,
                            language_chosen=bool(row.language_chosen),
                            language_offered=row.language_offered,
                            taken_over_by=row.taken_over_by,
                            created_at=_utc(row.created_at), updated_at=_utc(row.updated_at))

    def get_conversation(self, conversation_id: str) -> Conversation | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                conversations.select().where(conversations.c.id == conversation_id)
            ).first()
        return settle_status(self._conv(row)) if row else None

    def update_conversation(self, c: Conversation) -> None:
        self.record(c, [])

    def claim_conversation(self, conversation_id: str, username: str) -> bool:
        # One conditional UPDATE: of two staff (or two processes), one wins.
        c = conversations.c
        with self.engine.begin() as conn:
            done = conn.execute(conversations.update().where(
                c.id == conversation_id,
                sa.or_(c.taken_over_by.is_(None), c.taken_over_by == username),
            ).values(taken_over_by=username, status="staff")).rowcount
        return done == 1

    def release_conversation(self, conversation_id: str, username: str, status: str) -> bool:
        c = conversations.c
        with self.engine.begin() as conn:
            done = conn.execute(conversations.update().where(
                c.id == conversation_id, c.taken_over_by == username,
            ).values(taken_over_by=None, status=status)).rowcount
        return done == 1

    def list_conversations(self, include_closed: bool = False) -> list[Conversation]:
        query = conversations.select().order_by(conversations.c.updated_at.desc())
        if not include_closed:
            query = query.where(conversations.c.status != "closed")
        with self.engine.connect() as conn:
            return [settle_status(self._conv(r)) for r in conn.execute(query)]

    def append_messages(self, items: list[StoredMessage]) -> None:
        if not items:
            return
        with self.engine.begin() as conn:
            self._insert_messages(conn, items)

    @staticmethod
    def _insert_messages(conn, items: list[StoredMessage]) -> None:
        conn.execute(messages.insert(), [
            {"conversation_id": m.conversation_id, "sender": m.sender, "text": m.text,
             "custom": json.dumps(m.custom), "buttons": json.dumps(m.buttons), "at": m.at}
            for m in items
        ])

    def record(self, conversation: Conversation, items: list[StoredMessage]) -> None:
        row = self._conv_row(conversation)
        row.pop("id")
        with self.engine.begin() as conn:
            if items:
                self._insert_messages(conn, items)
            conn.execute(conversations.update()
                         .where(conversations.c.id == conversation.id).values(**row))

    def get_messages(self, conversation_id: str) -> list[StoredMessage]:
        with self.engine.connect() as conn:
            rows = conn.execute(messages.select()
                                .where(messages.c.conversation_id == conversation_id)
                                .order_by(messages.c.seq))
            return [StoredMessage(conversation_id=r.conversation_id, sender=r.sender, text=r.text,
                                  custom=json.loads(r.custom), buttons=json.loads(r.buttons),
                                  at=_utc(r.at)) for r in rows]

    # tickets
    def create_ticket(self, t: Ticket) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(tickets.insert().values(**self._ticket_row(t)))
        except IntegrityError as exc:
            raise StoreError("ticket exists") from exc

    @staticmethod
    def _ticket_row(t: Ticket) -> dict:
        return {"id": t.id, "reference": t.reference, "conversation_id": t.conversation_id,
                "priority": t.priority, "status": t.status, "created_at": t.created_at,
                "data": json.dumps(t.data, ensure_ascii=False)}

    @staticmethod
    def _ticket(row) -> Ticket:
        return Ticket(id=row.id, reference=row.reference, conversation_id=row.conversation_id,
                      priority=row.priority, status=row.status,
                      created_at=_utc(row.created_at), data=json.loads(row.data))

    def _one_ticket(self, where) -> Ticket | None:
        with self.engine.connect() as conn:
            row = conn.execute(tickets.select().where(where)).first()
        return self._ticket(row) if row else None

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        return self._one_ticket(tickets.c.id == ticket_id)

    def get_ticket_by_reference(self, reference: str) -> Ticket | None:
        return self._one_ticket(tickets.c.reference == reference)

    def update_ticket(self, t: Ticket) -> None:
        row = self._ticket_row(t)
        row.pop("id")
        with self.engine.begin() as conn:
            conn.execute(tickets.update().where(tickets.c.id == t.id).values(**row))

    def list_tickets(self, status: str | None = None) -> list[Ticket]:
        query = tickets.select().order_by(tickets.c.created_at.desc())
        if status is not None:
            query = query.where(tickets.c.status == status)
        with self.engine.connect() as conn:
            return [self._ticket(r) for r in conn.execute(query)]

    # staff
    def add_user(self, user: User) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(users.insert().values(
                    username=user.username, role=user.role, password_hash=user.password_hash,
                    created_at=user.created_at, active=user.active,
                    display_name=user.display_name or None))
        except IntegrityError as exc:
            raise StoreError(f"user {user.username!r} exists") from exc

    @staticmethod
    def _user(r) -> User:
        return User(username=r.username, role=r.role, password_hash=r.password_hash,
                    created_at=_utc(r.created_at), active=bool(r.active),
                    display_name=r.display_name or "")

    def get_user(self, username: str) -> User | None:
        with self.engine.connect() as conn:
            r = conn.execute(users.select().where(users.c.username == username)).first()
        return self._user(r) if r else None

    def list_users(self) -> list[User]:
        with self.engine.connect() as conn:
            return [self._user(r) for r in conn.execute(users.select()
                                                        .order_by(users.c.username))]

    def set_user_active(self, username: str, active: bool) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(users.update().where(users.c.username == username)
                                .values(active=active)).rowcount == 1

    def save_session(self, s: Session) -> None:
        with self.engine.begin() as conn:
            conn.execute(sessions.insert().values(token_hash=s.token_hash, username=s.username,
                                                  role=s.role, expires_at=s.expires_at,
                                                  last_seen=s.last_seen))

    def get_session(self, token_hash: str) -> Session | None:
        with self.engine.connect() as conn:
            r = conn.execute(sessions.select().where(sessions.c.token_hash == token_hash)).first()
        if not r:
            return None
        return Session(token_hash=r.token_hash, username=r.username, role=r.role,
                       expires_at=_utc(r.expires_at),
                       last_seen=_utc(r.last_seen) if r.last_seen else None)

    def touch_session(self, token_hash: str, at: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(sessions.update().where(sessions.c.token_hash == token_hash)
                         .values(last_seen=at))

    def delete_session(self, token_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))

    # what staff did (append-only)
    def add_staff_record(self, r: StaffRecord) -> None:
        with self.engine.begin() as conn:
            conn.execute(staff_records.insert().values(
                conversation_id=r.conversation_id, kind=r.kind, by=r.by,
                data=json.dumps(r.data, ensure_ascii=False), at=r.at))

    def list_staff_records(self, conversation_ids: list[str] | None = None) -> list[StaffRecord]:
        query = staff_records.select().order_by(staff_records.c.seq)
        if conversation_ids is None:
            chunks = [query]
        else:  # SQLite allows only so many parameters in one IN (...)
            chunks = [query.where(staff_records.c.conversation_id.in_(conversation_ids[i:i + 500]))
                      for i in range(0, len(conversation_ids), 500)]
        with self.engine.connect() as conn:
            rows = [r for q in chunks for r in conn.execute(q)]
        rows.sort(key=lambda r: r.seq)
        return [StaffRecord(conversation_id=r.conversation_id, kind=r.kind, by=r.by,
                            data=json.loads(r.data), at=_utc(r.at)) for r in rows]

    def add_audit(self, e: AuditEntry) -> None:
        with self.engine.begin() as conn:
            conn.execute(audit.insert().values(
                at=e.at, username=e.username, role=e.role, action=e.action,
                conversation_id=e.conversation_id, ticket_id=e.ticket_id, detail=e.detail))

    def list_audit(self, limit: int = 500, conversation_id: str | None = None
                   ) -> list[AuditEntry]:
        query = audit.select().order_by(audit.c.seq.desc()).limit(limit)
        if conversation_id is not None:
            query = query.where(audit.c.conversation_id == conversation_id)
        with self.engine.connect() as conn:
            return [AuditEntry(username=r.username, role=r.role, action=r.action,
                               conversation_id=r.conversation_id, ticket_id=r.ticket_id,
                               detail=r.detail, at=_utc(r.at))
                    for r in conn.execute(query)]

    # content
    def add_content_version(self, v: ContentVersion) -> ContentVersion:
        for _ in range(5):
            try:
                with self.engine.begin() as conn:
                    newest = conn.execute(
                        sa.select(sa.func.max(content.c.version))
                        .where(content.c.topic == v.topic, content.c.language == v.language)
                    ).scalar()
                    number = (newest or 0) + 1
                    conn.execute(content.insert().values(
                        topic=v.topic, language=v.language, version=number, body=v.body,
                        links=json.dumps(v.links, ensure_ascii=False), next_step=v.next_step,
                        status=v.status, author=v.author, note=v.note, at=v.at))
                return ContentVersion(**{**v.__dict__, "version": number})
            except IntegrityError:
                continue  # another editor took the number; take the next one
        raise StoreError("could not number the content version")

    def list_content_versions(self, topic: str | None = None,
                              language: str | None = None) -> list[ContentVersion]:
        query = content.select().order_by(content.c.at.desc(), content.c.version.desc())
        if topic is not None:
            query = query.where(content.c.topic == topic)
        if language is not None:
            query = query.where(content.c.language == language)
        with self.engine.connect() as conn:
            return [ContentVersion(topic=r.topic, language=r.language, version=r.version,
                                   body=r.body, links=json.loads(r.links),
                                   next_step=r.next_step, status=r.status, author=r.author,
                                   note=r.note, at=_utc(r.at))
                    for r in conn.execute(query)]

    def add_feedback(self, f: Feedback) -> None:
        with self.engine.begin() as conn:
            conn.execute(feedback.insert().values(topic=f.topic, language=f.language,
                                                  helpful=f.helpful, at=f.at))

    def list_feedback(self) -> list[Feedback]:
        with self.engine.connect() as conn:
            return [Feedback(topic=r.topic, language=r.language, helpful=bool(r.helpful),
                             at=_utc(r.at))
                    for r in conn.execute(feedback.select().order_by(feedback.c.seq))]

    def add_unanswered(self, item: Unanswered) -> None:
        with self.engine.begin() as conn:
            conn.execute(unanswered.insert().values(text=item.text, language=item.language,
                                                    at=item.at))

    def list_unanswered(self, limit: int = 200) -> list[Unanswered]:
        query = unanswered.select().order_by(unanswered.c.at.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [Unanswered(text=r.text, language=r.language, at=_utc(r.at))
                    for r in conn.execute(query)]

    # retention
    def purge(self, before: datetime, tickets_handled_before: datetime) -> dict[str, int]:
        counts = {}
        with self.engine.begin() as conn:
            old = sa.select(conversations.c.id).where(conversations.c.updated_at < before)
            counts["staff_records"] = conn.execute(staff_records.delete().where(
                staff_records.c.conversation_id.in_(old))).rowcount
            counts["messages"] = conn.execute(messages.delete().where(sa.or_(
                messages.c.conversation_id.in_(old), messages.c.at < before))).rowcount
            counts["conversations"] = conn.execute(conversations.delete().where(
                conversations.c.updated_at < before)).rowcount
            counts["feedback"] = conn.execute(feedback.delete().where(
                feedback.c.at < before)).rowcount
            counts["unanswered"] = conn.execute(unanswered.delete().where(
                unanswered.c.at < before)).rowcount
            counts["sessions"] = conn.execute(sessions.delete().where(
                sessions.c.expires_at < before)).rowcount
            # "Handled" lives in the ticket's JSON: few rows are handled and old, so
            # they are read and checked here.
            done = [r.id for r in conn.execute(tickets.select().where(
                tickets.c.status == "handled", tickets.c.created_at < tickets_handled_before))
                if handled_at(self._ticket(r)) < tickets_handled_before]
            counts["tickets"] = conn.execute(tickets.delete().where(
                tickets.c.id.in_(done))).rowcount if done else 0
        return counts

    # settings
    def get_setting(self, key: str):
        with self.engine.connect() as conn:
            row = conn.execute(settings_table.select()
                               .where(settings_table.c.key == key)).first()
        return json.loads(row.value) if row else None

    def put_setting(self, key: str, value) -> None:
        data = json.dumps(value, ensure_ascii=False)
        with self.engine.begin() as conn:
            done = conn.execute(settings_table.update().where(settings_table.c.key == key)
                                .values(value=data)).rowcount
            if not done:
                conn.execute(settings_table.insert().values(key=key, value=data))

    def close(self) -> None:
        self.engine.dispose()
