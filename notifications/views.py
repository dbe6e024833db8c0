from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.models import Notice, unread_count
from notifications.services import mark_read

PAGE_SIZE = 20


@login_required
def notice_list(request):
    notices = Notice.objects.filter(recipient=request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": unread_count(request.user)}
    return render(request, "notifications/notice_list.html", context)


@login_required
def notice_detail(request, pk):
    # Another user's notice answers 404, the same as one that does not exist.
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    mark_read(notice)
    return render(request, "notifications/notice_detail.html", {"notice": notice})


@login_required
@require_POST
def mark_all_read(request):
    count = Notice.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, _("%(count)s notices marked as read.") % {"count": count})
    return redirect("notifications:list")
