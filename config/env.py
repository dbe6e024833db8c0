"""Typed readers for environment variables and locally generated secrets."""

import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret(var_dir: Path, name: str, kind: str = "token") -> str:
    """Read a secret from ``var_dir/name``, creating it on first use.

    This keeps a single-machine install working without configuration and
    keeps secrets out of the repository. Several servers must share the
    value through the environment instead.
    """
    path = Path(var_dir) / name
    if path.exists():
        return path.read_text().strip()

    path.parent.mkdir(parents=True, exist_ok=True)
    value = Fernet.generate_key().decode() if kind == "fernet" else secrets.token_urlsafe(50)
    # O_EXCL makes a concurrent first start keep whichever file was written first.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value
