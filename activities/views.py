"""The Wagtail admin view that imports an action plan from a spreadsheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from activities.forms import ImportPlanForm
from activities.importer import PlanImportError, import_plan, parse_rows, read_table
from activities.models import ActionPlanIndexPage
from home.schools import editable_schools


def can_publish_plan(user, school):
    """Whether `user` may publish in the school's action plans section."""
    index = ActionPlanIndexPage.objects.child_of(school).first() or school
    return index.permissions_for_user(user).can_publish()


class ImportPlanView(WagtailAdminTemplateMixin, FormView):
    """Upload a CSV or XLSX plan for one of the schools the user can edit.

    Moderators (and administrators) may publish, so their import is published at
    once, like the import_action_plan command. Editors may not: their import
    becomes draft revisions, which they then submit to the school's moderation
    workflow from the page editor as they would submit any edit. So an upload
    never lets anyone publish more than they could by hand.
    """

    form_class = ImportPlanForm
    template_name = "activities/admin/import_plan.html"
    page_title = gettext_lazy("Import an action plan")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.schools = editable_schools(request.user)
        if not self.schools:
            raise PermissionDenied
        requested = request.POST.get("school") or request.GET.get("school")
        if requested and not self.schools.filter(pk=requested).exists():
            # Another school's plan: refuse outright rather than as a form error.
            raise PermissionDenied
        self.import_errors = []
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["schools"] = self.schools
        return kwargs

    def get_initial(self):
        return {
            "school": self.request.GET.get("school") or self.schools.first().pk,
            "school_year": self.request.GET.get("year", ""),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("activities_import_plan")
        context["submit_button_label"] = _("Import")
        context["submit_button_active_label"] = _("Importing…")
        context["import_errors"] = self.import_errors
        return context

    def form_valid(self, form):
        school = form.cleaned_data["school"]
        upload = form.cleaned_data["file"]
        publish = can_publish_plan(self.request.user, school)
        try:
            rows = parse_rows(read_table(upload.read(), upload.name))
            result = import_plan(
                school,
                form.cleaned_data["school_year"],
                rows,
                user=self.request.user,
                publish=publish,
            )
        except PlanImportError as error:
            self.import_errors = error.errors
            return self.render_to_response(self.get_context_data(form=form))
        counts = {
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": len(result.unchanged),
            "title": result.plan.title,
        }
        if publish:
            message = _(
                "“%(title)s” is published: %(created)s new, %(updated)s updated and "
                "%(unchanged)s unchanged activities."
            )
        else:
            message = _(
                "“%(title)s” is saved as drafts: %(created)s new and %(updated)s "
                "updated activities. Submit them for moderation to publish them."
            )
        messages.success(self.request, message % counts)
        return redirect("wagtailadmin_explore", result.plan.pk)
