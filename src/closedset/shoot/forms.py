from __future__ import annotations

from django import forms

from closedset.shoot.models import Entry


class DayForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    call_time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="In the production's time zone.",
    )


class EntryForm(forms.Form):
    scene = forms.ChoiceField(choices=[])
    kind = forms.ChoiceField(choices=Entry.Kind.choices, initial=Entry.Kind.SHOOT, label="For")
    third_adult = forms.CharField(
        max_length=150,
        required=False,
        label="Third adult present",
        help_text="R10: for a rehearsal with a performer under 18.",
    )

    def __init__(self, *args: object, scenes: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["scene"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "Choose a scene"), *scenes]


class BestEffortForm(forms.Form):
    tried_on = forms.DateField(label="When", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        max_length=300,
        label="What was tried",
        help_text="E.g. asked three registry coordinators; none free on these dates.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DebriefForm(forms.Form):
    feeling = forms.ChoiceField(
        label="How are you?",
        choices=[
            ("ok", "I'm OK"),
            ("talk", "I'd like to talk to the intimacy coordinator"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        max_length=2000,
        required=False,
        label="Anything to raise",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
