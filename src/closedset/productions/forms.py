from __future__ import annotations

import zoneinfo

from django import forms

from closedset.core.permissions import ROLE_LABELS, Role

INVITE_ROLE_CHOICES = [("", "Choose a role"), *((r.value, ROLE_LABELS[r]) for r in Role)]
_ZONES = sorted(zoneinfo.available_timezones())


class ProductionForm(forms.Form):
    title = forms.CharField(max_length=200)
    company = forms.CharField(max_length=200, required=False)
    time_zone = forms.ChoiceField(
        choices=[(z, z) for z in _ZONES], initial="UTC", help_text="Call times are in this zone."
    )
    my_role = forms.ChoiceField(
        label="Your role",
        choices=[
            (Role.PRODUCER.value, ROLE_LABELS[Role.PRODUCER]),
            (Role.COORDINATOR.value, ROLE_LABELS[Role.COORDINATOR]),
        ],
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=INVITE_ROLE_CHOICES)
    department = forms.CharField(
        max_length=100, required=False, help_text="For crew: e.g. Hair and make-up, Camera."
    )


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(max_length=150, label="Your name")
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not a common password.",
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return data


class RemoveMemberForm(forms.Form):
    justification = forms.CharField(
        label="Justification",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed for a person protected under the anti-retaliation policy; the "
        "safety officer sees it.",
    )


class MemberRolesForm(RemoveMemberForm):
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=[(r.value, ROLE_LABELS[r]) for r in Role],
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["roles", "justification"]
