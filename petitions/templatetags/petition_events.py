"""Template filters that name event actions in the reader's language."""

from django import template

from petitions.event_labels import applicant_label

register = template.Library()


@register.filter
def applicant_action_label(action):
    """Return the applicant-facing name of an event action code."""
    return applicant_label(action)
