"""One typed settings object, read from the environment (prefix FRONTDOOR_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field

from bot import ROOT


class Settings(BaseSettings):
    host: str = "127.0.0.1"
    port: int = 8000
    rasa_port: int = 5005
    action_port: int = 5055
    # Where the gateway reaches Rasa; the supervisor fills it from rasa_port.
    rasa_url: str = ""
    public_url: str = ""

    var_dir: Path = ROOT / "var"
    model_dir: Path = ROOT / "models"
    # Our own tables (conversations, staff). sqlite file by default; postgresql:// in production.
    database_url: str = Field("", env=["FRONTDOOR_DATABASE_URL", "DATABASE_URL"])
    # Production: one Redis for Rasa's tracker and lock stores, live updates and rate
    # limits (each can still be set on its own below).
    redis_url: str = Field("", env=["FRONTDOOR_REDIS_URL", "REDIS_URL"])
    # How many of each process `bot run` starts (web i talks to Rasa i, Rasa i to action
    # server i; ports count up from the ones below). More than one needs redis_url and
    # database_url: separate processes share nothing on the embedded default.
    replicas: int = 1
    # `bot run-prod` starts its own Redis and PostgreSQL here when REDIS_URL and
    # DATABASE_URL are not set.
    local_redis_port: int = 6390
    local_postgres_port: int = 5440
    # Rasa's tracker store; sqlite file by default.
    tracker_db: Path = Field(default=None)
    # limits storage URI: memory:// by default, redis://… in production.
    rate_limit_storage: str = "memory://"

    # Retention: conversation texts, flags, feedback and unanswered questions are deleted
    # this many days after the conversation's last message (handled tickets: the
    # profile's ticket_retention_months, as the consent text says). Checked this often.
    retention_days: int = 30
    retention_check_minutes: int = 60

    default_language: str = "nl"
    max_message_chars: int = 2000
    max_body_bytes: int = 16_384
    messages_per_minute: int = 30
    conversations_per_minute_per_client: int = 20
    login_attempts_per_minute: int = 10
    rasa_timeout_seconds: float = 20.0
    # A Server-Timing header on every response (store, safety, rasa, app in ms): for
    # operators and `make bench`. Off by default: it tells visitors how the server works.
    server_timing: bool = False
    # Shared secret Rasa sends to our NLG endpoint; the supervisor makes one per run.
    nlg_token: str = ""

    staff_session_hours: int = 8
    # A staff session ends after this many minutes without a request.
    staff_idle_minutes: int = 30
    # This many wrong passwords for one username lock it for lockout_minutes.
    lockout_after_failures: int = 5
    lockout_minutes: int = 15
    # Live updates (staff queue, pushed messages): memory:// in one process, redis://…
    # when several web processes run.
    events_url: str = "memory://"
    secure_cookies: bool = False
    municipality_profile: Path = ROOT / "bot" / "municipality.yml"

    class Config:
        env_prefix = "FRONTDOOR_"
        env_file = ROOT / ".env"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'frontdoor.db'}"

    @property
    def bus_url(self) -> str:
        """Where live updates go: redis_url in production unless events_url says else."""
        return self.redis_url if self.redis_url and self.events_url == "memory://" \
            else self.events_url

    @property
    def limits_url(self) -> str:
        """Rate limits and login lock-outs shared by every web process in production."""
        return self.redis_url if self.redis_url and self.rate_limit_storage == "memory://" \
            else self.rate_limit_storage

    @property
    def trackers_path(self) -> Path:
        return self.tracker_db or (self.var_dir / "trackers.db")

    @property
    def rasa_base_url(self) -> str:
        return self.rasa_url or f"http://127.0.0.1:{self.rasa_port}"

    @property
    def model_path(self) -> Path:
        return self.model_dir / "frontdoor.tar.gz"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
