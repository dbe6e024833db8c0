from django.contrib.auth import get_user_model
from django.urls import reverse


def test_admin_names_background_tasks_in_chinese(client, db):
    admin = get_user_model().objects.create_superuser("root", password="pw-for-tests-only")
    client.force_login(admin)

    index = client.get(reverse("admin:index")).content.decode()
    changelist = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).content.decode()

    assert "后台任务" in index
    assert "任务结果" in index
    assert "Tasks Database Backend" not in index
    assert "Task Results" not in index
    assert "待执行" in changelist
