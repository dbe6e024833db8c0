"""Demo data for the courts app: the full court registry."""

from courts.registry import load_registry


def load(stdout):
    report = load_registry()
    stdout.write(f"Court registry: {report}")
    return []
