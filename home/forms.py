"""The public-form kit: one rate limit, one honeypot, one field template.

Every form a visitor sends without an account (event registration and
subscription, story sharing) stands on these, so that each behaves the same:

- `PublicForm` carries the honeypot and, when a submission is held back, the
  notice shown above the form;
- `RateLimit` counts accepted submissions per address in the default cache;
- `templates/includes/form_field.html`, `form_errors.html` and `honeypot.html`
  render a field (label, hint and error tied to the input with
  aria-describedby and aria-invalid, as Django's BoundField sets them), the
  error summary with the notice, and the honeypot.
"""

import math

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

HONEYPOT_FIELD = "website"


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")


class PublicForm(forms.Form):
    """A form anyone may send: a honeypot, and room for a notice above the form.

    Robots that fill in every field fill in the honeypot too. Views answer such
    a submission as they answer an accepted one, and save nothing: a robot
    learns nothing from the answer.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Declared on this base class, the honeypot would come first; it goes
        # after the form's own fields, out of the way of anyone reading in order.
        self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)
        self.notice = ""

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_website(self):
        return ""

    def hold_back(self, notice):
        """Show the form again as it was sent, with `notice` above it.

        The notice is also a non-field error, so that the form is not valid and
        templates that show the summary only for a form with errors show it.
        """
        self.notice = str(notice)
        self.add_error(None, forms.ValidationError(self.notice, code="held_back"))

    @property
    def has_errors_to_correct(self):
        """Errors besides the notice: what the "Please correct" summary lists."""
        return any(
            error.code != "held_back"
            for errors in self.errors.as_data().values()
            for error in errors
        )


class RateLimit:
    """How many submissions one address may have accepted per window.

    Only what a view accepted counts (`count`), so a person who corrects a form
    four times, or a class that registers from one school network and mistypes,
    does not use up the allowance; forms shown again with errors are free. The
    count lives in the default cache (Redis in production, shared by every web
    process) per fixed window, so `retry_after` is exact.

    The check and the count are two steps: posts arriving at the same moment may
    pass the check together. The limit is a brake on scripts, not a quota.
    """

    def __init__(self, scope, *, setting, default, window):
        self.scope = scope
        self.setting = setting
        self.default = default
        self.window = window

    @property
    def limit(self):
        # Read on every request, so that override_settings and a changed
        # environment apply without a restart of the module.
        return getattr(settings, self.setting, self.default)

    def _now(self):
        return int(timezone.now().timestamp())

    def _key(self, request):
        window_number = self._now() // self.window
        return f"forms:rate:{self.scope}:{client_address(request)}:{window_number}"

    def exceeded(self, request):
        return cache.get(self._key(request), 0) >= self.limit

    def count(self, request):
        key = self._key(request)
        cache.add(key, 0, timeout=self.window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window)

    def retry_after(self):
        """Seconds until the window ends and the count starts again."""
        return self.window - self._now() % self.window

    def message(self, *, kept=True):
        """Why the submission was not accepted, and when to send it again.

        `kept`: the form is shown again with what the person typed in it.
        """
        minutes = math.ceil(self.retry_after() / 60)
        if kept:
            text = ngettext(
                "Too many forms were sent from your address. What you typed is "
                "still in the form below: send it again in %(minutes)d minute.",
                "Too many forms were sent from your address. What you typed is "
                "still in the form below: send it again in %(minutes)d minutes.",
                minutes,
            )
        else:
            text = ngettext(
                "Too many forms were sent from your address. Try again in "
                "%(minutes)d minute.",
                "Too many forms were sent from your address. Try again in "
                "%(minutes)d minutes.",
                minutes,
            )
        return text % {"minutes": minutes}

    def holds_back(self, request, form):
        """True, with the notice on `form`, when the address has used its allowance.

        The view then shows `form` again and answers with `too_many`.
        """
        if not self.exceeded(request):
            return False
        form.hold_back(self.message())
        return True

    def too_many(self, response):
        """`response`, the page with the form shown again, as HTTP 429."""
        response.status_code = 429
        response["Retry-After"] = str(self.retry_after())
        return response
