"""The municipality profile (name, phone, hours, team names) as a dict."""

from __future__ import annotations

from functools import lru_cache

import yaml

from bot.settings import get_settings


@lru_cache(maxsize=1)
def municipality() -> dict:
    with open(get_settings().municipality_profile, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
