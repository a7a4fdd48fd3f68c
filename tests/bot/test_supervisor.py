"""What the supervisor starts, and with which environment."""

from bot.settings import Settings
from bot.supervisor import children


def test_the_web_process_runs_one_blas_thread_rasa_keeps_its_own(tmp_path):
    kids = {c.name: c for c in children(Settings(var_dir=tmp_path))}
    assert kids["web"].env["OPENBLAS_NUM_THREADS"] == "1"
    assert kids["web"].env["OMP_NUM_THREADS"] == "1"
    assert kids["web"].env["FRONTDOOR_RASA_URL"].endswith(":5005")
    # Rasa's TensorFlow sizes its own thread pools.
    assert not (kids["rasa"].env or {}).get("OPENBLAS_NUM_THREADS")


def test_replicas_get_their_own_rasa(tmp_path):
    kids = {c.name: c for c in children(Settings(var_dir=tmp_path, replicas=2))}
    assert kids["web-2"].env["FRONTDOOR_RASA_URL"].endswith(":5006")
    assert kids["web-2"].env["OPENBLAS_NUM_THREADS"] == "1"
