import os
import subprocess
import sys

from bot.stores import create_store


def run_cli(tmp_path, *args, stdin=""):
    env = {**os.environ, "FRONTDOOR_VAR_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, env=env, timeout=60)


def test_users_add_reads_the_password_from_stdin(tmp_path):
    r = run_cli(tmp_path, "users", "add", "els", "--role", "loket",
                stdin="correct horse battery\n")
    assert r.returncode == 0, r.stderr
    user = create_store(f"sqlite:///{tmp_path}/frontdoor.db").get_user("els")
    assert user.role == "loket" and user.password_hash.startswith("$argon2")
    assert "correct horse" not in r.stdout + r.stderr


def test_users_add_refuses_weak_passwords_duplicates_and_roles(tmp_path):
    assert run_cli(tmp_path, "users", "add", "els", "--role", "loket", stdin="kort\n").returncode
    assert run_cli(tmp_path, "users", "add", "els", "--role", "baas",
                   stdin="correct horse battery\n").returncode
    assert run_cli(tmp_path, "users", "add", "els", "--role", "admin",
                   stdin="correct horse battery\n").returncode == 0
    dup = run_cli(tmp_path, "users", "add", "els", "--role", "admin",
                  stdin="correct horse battery\n")
    assert dup.returncode == 1 and "exists" in dup.stderr


def test_users_add_keeps_the_name_residents_see(tmp_path):
    r = run_cli(tmp_path, "users", "add", "els.de.vries", "--role", "loket",
                "--display-name", "  Els  ", stdin="correct horse battery\n")
    assert r.returncode == 0, r.stderr
    user = create_store(f"sqlite:///{tmp_path}/frontdoor.db").get_user("els.de.vries")
    assert user.display_name == "Els"
