"""The committed OpenAPI schema matches the code, and the schema URL serves it."""

from pathlib import Path

import yaml
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parent.parent / "openapi.yaml"
REGENERATE = ".venv/bin/python manage.py spectacular --validate --fail-on-warn --lang en --file api/openapi.yaml"


def test_committed_schema_matches_generated(tmp_path):
    generated = tmp_path / "openapi.yaml"

    # --fail-on-warn makes any generator warning (an unannotated view, a type it guessed) fail here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--lang", "en", "--file", str(generated))

    message = f"api/openapi.yaml is out of date with the code. Regenerate it with:\n  {REGENERATE}"
    assert yaml.safe_load(generated.read_text()) == yaml.safe_load(COMMITTED.read_text()), message


def test_schema_url_serves_openapi_3(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/petitions" in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_error_response_uses_the_error_format():
    schema = yaml.safe_load(COMMITTED.read_text())

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Error", f"{method} {path} {status}"
