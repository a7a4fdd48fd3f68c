"""Digital front door for the social domain of a Dutch municipality."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT_DIR = Path(__file__).resolve().parent
