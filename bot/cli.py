"""The `bot` console script: run the front door, manage staff users, train."""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.settings import get_settings


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise SystemExit("passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start Rasa, the action server and the web app")
    prod = sub.add_parser("run-prod", help="production mode on this machine: several of each "
                          "process on Redis and PostgreSQL (local ones unless REDIS_URL and "
                          "DATABASE_URL are set)")
    prod.add_argument("--replicas", type=int, default=2)
    model = sub.add_parser("model", help="train the model if its training data changed")
    model.add_argument("--force", action="store_true")
    sub.add_parser("fingerprint", help="print the training-data fingerprint")
    sub.add_parser("retention", help="delete what is past its retention now (the web app "
                   "also does this every retention_check_minutes)")
    users = sub.add_parser("users", help="staff accounts")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="add a staff account (password from standard input)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["loket", "communicatie", "admin"])
    add.add_argument("--display-name", default="",
                     help="the name residents see after a takeover (default: NAME)")
    args = parser.parse_args(argv)

    if args.command == "run":
        from bot.supervisor import run

        return run()
    if args.command == "run-prod":
        from bot.supervisor import run_prod

        return run_prod(max(1, args.replicas))
    if args.command == "model":
        from bot.model import ensure_model

        ensure_model(force=args.force)
        return 0
    if args.command == "retention":
        from bot import profile, retention
        from bot.stores import create_store

        settings = get_settings()
        store = create_store(settings.db_url)
        profile.use_store(store)
        counts = retention.run(store, settings)
        print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
        return 0
    if args.command == "fingerprint":
        from bot.model import fingerprint

        print(fingerprint())
        return 0
    if args.command == "users" and args.users_command == "add":
        from bot.staff.accounts import AccountError, add_user
        from bot.stores import StoreError, create_store

        store = create_store(get_settings().db_url)
        try:
            user = add_user(store, args.name, args.role, _read_password(), args.display_name)
        except (AccountError, StoreError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"added {user.username} with role {user.role}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
