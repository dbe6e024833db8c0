"""In-site notices."""

from rest_framework import serializers


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    # Rendered in the language of the request, like the notices page.
    title = serializers.CharField(source="display_title")
    body = serializers.CharField(source="display_body")
    petition_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NoticePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    unread_count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = NoticeSerializer(many=True)


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notices changed from unread to read.")
    unread_count = serializers.IntegerField()
