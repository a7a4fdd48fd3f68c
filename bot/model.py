"""Trains the Rasa model only when its training data changed (fingerprint)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

from bot import BOT_DIR, ROOT
from bot.settings import get_settings

CONFIG = BOT_DIR / "config.yml"
DOMAIN = BOT_DIR / "domain.yml"
DIALOGUE_DATA = BOT_DIR / "data"
NLU_DATA = ROOT / "nlu_data"


def training_files() -> list[Path]:
    files = [CONFIG, DOMAIN]
    for folder in (DIALOGUE_DATA, NLU_DATA):
        files += sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml"))
    return files


def fingerprint() -> str:
    import rasa

    digest = hashlib.sha256(f"rasa={rasa.__version__}\n".encode())
    for path in training_files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stamp(model: Path) -> Path:
    return model.with_suffix(".fingerprint")


def is_current() -> bool:
    model = get_settings().model_path
    stamp = _stamp(model)
    return model.exists() and stamp.exists() and stamp.read_text().strip() == fingerprint()


def train_command(out: Path) -> list[str]:
    return [
        sys.executable, "-m", "rasa", "train", "--config", str(CONFIG), "--domain", str(DOMAIN),
        "--data", str(NLU_DATA), str(DIALOGUE_DATA), "--out", str(out.parent),
        "--fixed-model-name", out.name.removesuffix(".tar.gz"), "--force",
    ]


def ensure_model(force: bool = False) -> Path:
    from bot.safety import semantic

    started = time.monotonic()
    semantic.ensure_classifier(force=force)
    print(f"semantic safety classifier ready in {time.monotonic() - started:.0f} s")
    model = get_settings().model_path
    if not force and is_current():
        print(f"model up to date: {model.relative_to(ROOT)}")
        return model
    model.parent.mkdir(parents=True, exist_ok=True)
    print("training the Rasa model (training data changed) …", flush=True)
    started = time.monotonic()
    subprocess.run(train_command(model), check=True, cwd=ROOT)
    _stamp(model).write_text(fingerprint())
    print(f"trained in {time.monotonic() - started:.0f} s: {model.relative_to(ROOT)}")
    return model
