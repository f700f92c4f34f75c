from django import template

from surveys.invitations import invitation_url
from surveys.models import Invitation

register = template.Library()


@register.simple_tag
def invitation_link(invitation_id):
    """The personal link of an invitation, rebuilt when its mail is rendered.

    Mail context is stored in the outbox, so it carries only the invitation's id:
    the token exists nowhere at rest, only in the mail that leaves.
    """
    invitation = (
        Invitation.objects.filter(pk=invitation_id).select_related("survey").first()
    )
    return invitation_url(invitation) if invitation else ""
