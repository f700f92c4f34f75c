"""Personal data of surveys: invited addresses, and names in named surveys.

Answers to an anonymous survey hold nothing that links them to a person; a
survey that is not anonymous asks for the respondent's name, which is kept in
the Wagtail form submission until the invitation addresses go.
"""

from django.utils.translation import gettext_lazy as _

from home.personal_data import (
    Entry,
    Retention,
    Treatment,
    Viewer,
    days_text,
    entry,
    register,
    rows,
)
from surveys.models import Invitation, SurveyResponse

NAME_KEY = "respondent_name"


def expire_invitations(now):
    """Delete the addresses of surveys closed longer ago than the period."""
    cutoff = entry("surveys.invitations").retention.cutoff(now)
    if cutoff is None:
        return 0
    return Invitation.objects.filter(survey__closes_at__lt=cutoff).delete()[0]


def erase_invitations(person):
    return Invitation.objects.filter(email__iexact=person.email).delete()[0]


def export_invitations(person):
    return rows(
        Invitation.objects.filter(email__iexact=person.email),
        "survey__title",
        "audience",
        "email",
        "created_at",
        "sent_at",
        "reminded_at",
        "used",
    )


def named_responses():
    return SurveyResponse.objects.filter(form_data__has_key=NAME_KEY)


def _forget_names(responses):
    forgotten = 0
    for response in responses:
        response.form_data.pop(NAME_KEY, None)
        response.save(update_fields=["form_data"])
        forgotten += 1
    return forgotten


def expire_names(now):
    cutoff = entry("surveys.names").retention.cutoff(now)
    if cutoff is None:
        return 0
    return _forget_names(
        named_responses().filter(page__surveypage__closes_at__lt=cutoff)
    )


def _responses_of(person):
    names = {name.casefold() for name in person.names}
    return [
        response
        for response in named_responses()
        if str(response.form_data.get(NAME_KEY, "")).strip().casefold() in names
    ]


def erase_names(person):
    return _forget_names(_responses_of(person)) if person.names else 0


def export_names(person):
    return [
        {"survey": str(response.page), "submitted": response.submit_time.isoformat()}
        | dict(response.form_data)
        for response in (_responses_of(person) if person.names else [])
    ]


register(
    Entry(
        key="surveys.invitations",
        label=_("Survey invitations"),
        situation=_("Answering an environmental review survey"),
        data=_(
            "Your answers and your group (student, teacher, administration, "
            "other). In anonymous surveys nothing links your answers to your "
            "e-mail address; we keep only that an invitation was used."
        ),
        model=Invitation,
        fields=("email", "nonce", "token_hash"),
        retention=Retention(
            counted_from=_("the closing of the survey"),
            setting="PERSONAL_DATA_RETENTION_DAYS",
            key="survey_invitations",
        ),
        describe=days_text(
            "Invitation addresses are deleted %(days)s day after the survey closes.",
            "Invitation addresses are deleted %(days)s days after the survey closes.",
        ),
        treatment=Treatment.DELETED,
        visible_to=(Viewer.SCHOOL_STAFF, Viewer.OPERATOR),
        expire=expire_invitations,
        held=Invitation.objects.all,
        oldest_field="survey__closes_at",
        school_path="survey__path",
        erase=erase_invitations,
        export=export_invitations,
        order=30,
    )
)

register(
    Entry(
        key="surveys.names",
        label=_("Names in surveys that are not anonymous"),
        situation=_("Answering a survey that asks for your name"),
        data=_("Your name beside your answers."),
        model=SurveyResponse,
        fields=("form_data",),
        retention=Retention(
            counted_from=_("the closing of the survey"),
            setting="PERSONAL_DATA_RETENTION_DAYS",
            key="survey_invitations",
        ),
        describe=days_text(
            "The name is removed from the answers %(days)s day after the survey "
            "closes.",
            "The name is removed from the answers %(days)s days after the survey "
            "closes.",
        ),
        treatment=Treatment.BLANKED,
        visible_to=(Viewer.SCHOOL_STAFF, Viewer.OPERATOR),
        expire=expire_names,
        held=named_responses,
        oldest_field="submit_time",
        school_path="page__path",
        erase=erase_names,
        export=export_names,
        order=31,
    )
)
