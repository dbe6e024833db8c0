from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLogin:
    """One demo account as printed by ``manage.py setup_demo``."""

    role: str
    username: str
    password: str
