"""Create the database cache table that SMS and login rate limits use by default.

``createcachetable`` does nothing when CACHES names no database cache
(for example Redis), and nothing when the table already exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_profiles_staff_codes_audit")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
