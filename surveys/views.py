"""Respondents answer, the public reads results, editors invite, read and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from surveys import exports, invitations
from surveys.charts import question_chart
from surveys.forms import InvitationUploadForm, answer_rows
from surveys.models import AUDIENCE_FIELD, RespondentGroup, SurveyAnswer, SurveyPage
from surveys.results import HIDDEN_NOTE, survey_results

# Answering ---------------------------------------------------------------------


def _message(request, survey, heading, text, status):
    context = survey.get_context(request)
    context.update({"heading": heading, "text": text})
    return TemplateResponse(
        request, "surveys/survey_message.html", context, status=status
    )


def _closed(request, survey, state):
    if state == "not_open":
        return _message(
            request,
            survey,
            _("The survey is not open yet"),
            _("You can answer from %(date)s.") % {"date": _format(survey.opens_at)},
            200,
        )
    return _message(
        request,
        survey,
        _("The survey is closed"),
        _("It closed on %(date)s. Thank you for your interest.")
        % {"date": _format(survey.closes_at)},
        200,
    )


def _format(moment):
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _used(request, survey):
    return _message(
        request,
        survey,
        _("This link has already been used"),
        _(
            "Each invitation link can be used to answer once, and this one "
            "already has been. Thank you!"
        ),
        410,
    )


def record_response(survey, form, audience):
    """Save the response and its answer rows; nothing that names the respondent."""
    data = {
        name: value
        for name, value in form.cleaned_data.items()
        if name != AUDIENCE_FIELD
    }
    response = survey.get_submission_class().objects.create(
        page=survey,
        survey_key=survey.translation_key,
        audience=audience,
        form_data=data,
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, **row)
        for row in answer_rows(survey.questions, form.cleaned_data)
    )
    return response


def serve_survey(request, survey):
    state = survey.state()
    if state != "open":
        return _closed(request, survey, state)

    token = request.POST.get("invitation") or request.GET.get("invitation") or ""
    invitation = None
    if token:
        invitation = invitations.find_invitation(survey, token)
        if invitation is None:
            return _message(
                request,
                survey,
                _("This link is not valid"),
                _(
                    "Check that you opened the whole link from your invitation, "
                    "or ask the school for a new one."
                ),
                404,
            )
        if invitation.used:
            return _used(request, survey)
    elif survey.invitation_only:
        return _message(
            request,
            survey,
            _("This survey is answered by invitation"),
            _("Please open the personal link from the invitation you received."),
            403,
        )

    with_audience = invitation is None
    if request.method == "POST":
        form = survey.get_form(request.POST, with_audience=with_audience, page=survey)
        if form.is_valid():
            audience = (
                invitation.audience if invitation else form.cleaned_data[AUDIENCE_FIELD]
            )
            with transaction.atomic():
                if invitation is not None and not invitations.use_invitation(
                    invitation
                ):
                    return _used(request, survey)
                response = record_response(survey, form, audience)
            return survey.render_landing_page(request, response)
    else:
        form = survey.get_form(with_audience=with_audience, page=survey)

    context = survey.get_context(request)
    context.update({"form": form, "invitation_token": token if invitation else ""})
    return TemplateResponse(
        request,
        survey.get_template(request),
        context,
        status=400 if form.is_bound else 200,
    )


# Results -------------------------------------------------------------------------


def _with_charts(results):
    return [(question, question_chart(question)) for question in results.questions]


def public_results(request, survey):
    if not survey.results_published:
        raise Http404
    results = survey_results(survey, public=True)
    context = survey.get_context(request)
    context.update(
        {
            "results": results,
            "questions": [
                (question, chart)
                for question, chart in _with_charts(results)
                if not question.is_free_text
            ],
            "hidden_note": HIDDEN_NOTE % {"threshold": results.threshold},
        }
    )
    return TemplateResponse(request, "surveys/survey_results.html", context)


RESULTS_EXPORTS = {
    "csv": (exports.results_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        exports.results_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def public_results_export(request, survey, file_format):
    """The published tables as a file: the same figures as the results page."""
    if not survey.results_published or file_format not in RESULTS_EXPORTS:
        raise Http404
    write, content_type = RESULTS_EXPORTS[file_format]
    results = survey_results(survey, public=True)
    name = slugify(f"{survey.slug}-{survey.school_year}-results") or "results"
    response = HttpResponse(write(results), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


# Admin -------------------------------------------------------------------------


def editable_survey(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return survey


def admin_results(request, page_id):
    survey = editable_survey(request, page_id)
    results = survey_results(survey, public=False)
    invited = {
        value: {"label": label, "invited": 0, "answered": 0}
        for value, label in RespondentGroup.choices
    }
    for invitation in survey.invitations.all().only("audience", "used"):
        invited[invitation.audience]["invited"] += 1
        invited[invitation.audience]["answered"] += invitation.used
    return TemplateResponse(
        request,
        "surveys/admin/results.html",
        {
            "survey": survey,
            "results": results,
            "questions": _with_charts(results),
            "invited": [row for row in invited.values() if row["invited"]],
            "below_threshold": [
                group
                for group in results.groups
                if group.respondents < survey.min_group_size
            ],
        },
    )


def admin_invitations(request, page_id):
    survey = editable_survey(request, page_id)
    if request.method == "POST":
        form = InvitationUploadForm(request.POST, request.FILES, survey=survey)
        if form.is_valid():
            created = invitations.create_invitations(
                survey, form.cleaned_data["audience"], form.cleaned_data["addresses"]
            )
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation is being sent.",
                    "%(count)s invitations are being sent.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("surveys_admin:invitations", page_id=survey.pk)
    else:
        form = InvitationUploadForm(survey=survey)
    return TemplateResponse(
        request,
        "surveys/admin/invitations.html",
        {"survey": survey, "form": form},
        status=400 if form.is_bound else 200,
    )


def admin_export(request, page_id, file_format):
    survey = editable_survey(request, page_id)
    name = slugify(f"{survey.slug}-{survey.school_year}") or "survey"
    if file_format == "csv":
        response = HttpResponse(exports.as_csv(survey), content_type="text/csv")
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(survey),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
