"""Forms for the reporting page, the receipt page, triage and requests for an IC.

Lengths and emptiness are checked by the services, which give the precise message; these
forms only shape the input (and keep what was typed when something is refused).
"""

from __future__ import annotations

from typing import Any

from django import forms

from closedset.concerns.models import ICRequest, Kind, Referral, State
from closedset.concerns.services import SubjectIn

KIND_HELP = {
    Kind.NAMED: "Your name goes with the report, and the people handling it can act now.",
    Kind.ANONYMOUS: "No name, no account, no address kept. You get a receipt to read replies.",
    Kind.WITNESS: "You saw or heard something that happened to someone else.",
    Kind.STAND_DOWN: "It is recorded and passed on, but nothing is done until you say go.",
    Kind.HOLD_FOR_MATCH: "Kept sealed. Passed on only if someone else reports the same person.",
}


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of report is this?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.ANONYMOUS,
    )
    subject_members = forms.MultipleChoiceField(
        label="Who is it about? Pick from the production",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subject_names = forms.CharField(
        label="Who is it about? Type a name (one per line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
    )
    what = forms.CharField(
        label="What happened",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-draft": "what"}),
        help_text="In your own words. Up to 20,000 characters.",
    )
    when = forms.CharField(label="When", required=False)
    where = forms.CharField(label="Where", required=False)
    scene = forms.CharField(label="Scene", required=False)
    wants = forms.CharField(
        label="What would you like to happen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-draft": "wants"}),
    )
    identify = forms.BooleanField(
        label="Put my name on this report",
        required=False,
        help_text="For witness, stand-down and hold-for-match reports. Leave it unticked to "
        "stay anonymous.",
    )
    contact_name = forms.CharField(label="Your name", required=False)
    contact_email = forms.EmailField(label="Your e-mail", required=False)
    may_refer = forms.BooleanField(
        label="The people handling this may pass it to my union or the employer",
        required=False,
    )

    def __init__(self, *args: Any, members: list[tuple[str, str]], logged_in: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["subject_members"].choices = members  # type: ignore[attr-defined]
        if not members:
            del self.fields["subject_members"]
        if logged_in:
            del self.fields["contact_name"]
            del self.fields["contact_email"]

    def subjects(self) -> list[SubjectIn]:
        data = self.cleaned_data
        found = [SubjectIn(member_id=m) for m in data.get("subject_members") or []]
        found += [
            SubjectIn(name=line.strip())
            for line in (data.get("subject_names") or "").splitlines()
            if line.strip()
        ]
        return found


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label="Your receipt",
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class TriageForm(forms.Form):
    state = forms.ChoiceField(
        label="State", choices=[("", "Keep as it is"), *State.choices], required=False
    )
    reply = forms.CharField(
        label="Reply to the reporter",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The reporter reads this (with their receipt, or after an e-mail telling them "
        "there is a reply).",
    )
    note = forms.CharField(
        label="Internal note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the people handling this report see notes.",
    )
    referral = forms.ChoiceField(
        label="Refer to", choices=[("", "No referral"), *Referral.choices], required=False
    )


class ICRequestForm(forms.Form):
    scene = forms.ChoiceField(label="Scene")
    note = forms.CharField(
        label="Anything the production should know",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    on_behalf_of = forms.CharField(
        label="On behalf of (if you represent a performer)", required=False
    )

    def __init__(self, *args: Any, scenes: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["scene"].choices = scenes  # type: ignore[attr-defined]


class ICAnswerForm(forms.Form):
    answer = forms.ChoiceField(label="Answer", choices=ICRequest.Answer.choices)
    response = forms.CharField(
        label="Your response to the performer",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A good-faith answer is recorded (R7).",
    )
