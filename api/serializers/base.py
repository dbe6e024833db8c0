"""The serializer base of the API: every field error names its field in the message."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail


class InputSerializer(serializers.Serializer):
    """Parses request bodies; messages read "<field label>: <problem>" so a person knows where to look."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError(self._labelled(error.detail)) from None

    def _labelled(self, detail):
        if not isinstance(detail, dict):
            return detail
        labelled = {}
        for name, errors in detail.items():
            field = self.fields.get(name)
            if field is None or not field.label or not isinstance(errors, list):
                labelled[name] = errors
                continue
            labelled[name] = [self._with_label(field.label, error) for error in errors]
        return labelled

    @staticmethod
    def _with_label(label, error):
        if not isinstance(error, ErrorDetail):
            return error
        text = _("%(label)s: %(message)s") % {"label": label, "message": error}
        return ErrorDetail(text, code=error.code)
