"""How the app sets up its process."""

from fastapi.testclient import TestClient
from threadpoolctl import threadpool_info, threadpool_limits

from bot.api.app import create_app


def _blas_threads() -> set[int]:
    return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}


def test_the_app_runs_one_blas_thread_however_it_was_started(settings, store, rasa):
    threadpool_limits(2)
    assert _blas_threads() == {2}
    with TestClient(create_app(settings, store=store, rasa=rasa)):
        assert _blas_threads() == {1}


def test_the_sentence_encoder_is_loaded_before_the_first_resident(settings, store, rasa):
    # Its weights load on first use (about a second, measured on the first message of
    # `make run` before this): the app must have done that at start.
    from bot.safety import semantic

    semantic.encoder.cache_clear()
    with TestClient(create_app(settings, store=store, rasa=rasa)):
        assert semantic.encoder()._backend is not None
