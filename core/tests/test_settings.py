import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import env_bool, env_list, local_secret

ROOT = Path(__file__).resolve().parents[2]


def run_deploy_check(extra_env, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update({"PETITIONS_VAR_DIR": str(tmp_path)}, **extra_env)
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_deploy_check_clean_with_production_variables(tmp_path):
    result = run_deploy_check(
        {
            "DJANGO_SECRET_KEY": "k" * 20 + "A7%zQ!x9-long-random-production-key-value",
            "DJANGO_HTTPS": "1",
            "DJANGO_ALLOWED_HOSTS": "petitions.court.example",
        },
        tmp_path,
    )

    assert result.returncode == 0, result.stderr


def test_deploy_check_warns_without_https(tmp_path):
    result = run_deploy_check({"DJANGO_ALLOWED_HOSTS": "petitions.court.example"}, tmp_path)

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr or "security.W008" in result.stderr


def test_debug_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    assert env_bool("DJANGO_DEBUG", False) is False

    monkeypatch.setenv("DJANGO_DEBUG", "yes")
    assert env_bool("DJANGO_DEBUG", False) is True


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", " a.example , b.example ,")

    assert env_list("DJANGO_ALLOWED_HOSTS", []) == ["a.example", "b.example"]


@pytest.mark.parametrize("kind", ["token", "fernet"])
def test_local_secret_is_created_once_and_kept(tmp_path, kind):
    first = local_secret(tmp_path, "key", kind=kind)
    second = local_secret(tmp_path, "key", kind=kind)

    assert first == second
    assert len(first) >= 40
    assert (tmp_path / "key").stat().st_mode & 0o777 == 0o600
