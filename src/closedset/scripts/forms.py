from __future__ import annotations

from django import forms

from closedset.scripts.models import Category
from closedset.scripts.services import max_script_bytes

ACCEPT = ".fountain,.spmd,.txt,.fdx,.pdf,text/plain,application/pdf"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Script file",
        help_text="Fountain, Final Draft (.fdx), PDF or plain text.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Taken from the title page if left empty."
    )
    label = forms.CharField(
        max_length=100, required=False, label="Revision label", help_text="e.g. Blue revision"
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        limit = max_script_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {upload.size / 1024 / 1024:.1f} MB; "
                f"scripts up to {limit // (1024 * 1024)} MB are accepted."
            )
        if upload.size == 0:
            raise forms.ValidationError("This file is empty.")
        return upload


class RevisionForm(UploadForm):
    title = None  # type: ignore[assignment]


class FlagsForm(forms.Form):
    confirm = forms.MultipleChoiceField(choices=Category.choices, required=False)
    dismiss = forms.MultipleChoiceField(choices=Category.choices, required=False)
    add = forms.ChoiceField(choices=[("", "Add a category…"), *Category.choices], required=False)
    note = forms.CharField(max_length=500, required=False)
    version = forms.IntegerField(min_value=1)


class CastForm(forms.Form):
    character = forms.UUIDField()
    member = forms.UUIDField(required=False)
