"""The beat form: performers, action, body area and parameters from the vocabulary, dress,
barriers, camera note, placeholder. It builds the beat's JSON; the service checks it."""

from __future__ import annotations

from typing import Any

from django import forms

from closedset.choreography.services import MAX_INTENT
from closedset.rules.vocabulary import (
    BODY_AREAS,
    CLOTHING,
    CONTACT_ACTIONS,
    GARMENTS,
    MODESTY_LEVELS,
    MOUTH,
    NOT_SHOWN,
    NUDITY_PARTS,
    VISIBILITIES,
)

_NONE = [("", "—")]


class BeatForm(forms.Form):
    doers = forms.MultipleChoiceField(
        label="Who does it", widget=forms.CheckboxSelectMultiple, choices=()
    )
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "No contact (state of dress only)")]
        + [(a.code, a.label) for a in CONTACT_ACTIONS.values()],
    )
    receiver = forms.ChoiceField(label="To whom", required=False, choices=())
    area = forms.ChoiceField(
        label="Body area",
        required=False,
        choices=_NONE + [(a.code, a.label) for a in BODY_AREAS.values()],
    )
    mouth = forms.ChoiceField(
        label="Kiss: mouth",
        required=False,
        choices=_NONE + [(c.code, c.label) for c in MOUTH.choices],
    )
    clothing = forms.ChoiceField(
        label="Press, lie on top, straddle: clothing",
        required=False,
        choices=_NONE + [(c.code, c.label) for c in CLOTHING.choices],
    )
    barriers = forms.MultipleChoiceField(
        label="Barriers and garments",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(g.code, g.label) for g in GARMENTS.values()],
    )
    dress_performer = forms.ChoiceField(label="Nudity: who", required=False, choices=())
    dress_part = forms.ChoiceField(
        label="Nudity: body part",
        required=False,
        choices=_NONE + [(p.code, p.label) for p in NUDITY_PARTS.values()],
    )
    dress_visibility = forms.ChoiceField(
        label="Nudity: how visible",
        required=False,
        choices=_NONE + [(v.code, v.label) for v in VISIBILITIES.values() if v.code != NOT_SHOWN],
    )
    dress_modesty = forms.ChoiceField(
        label="Modesty-garment level",
        required=False,
        choices=_NONE + [(m.code, m.label) for m in MODESTY_LEVELS.values()],
    )
    camera_note = forms.CharField(label="Camera note", required=False, max_length=500)
    placeholder = forms.BooleanField(
        label="Placeholder (a stand-in used in early rehearsal)", required=False
    )

    def __init__(self, *args: Any, cast: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = list(cast.items())
        self.fields["doers"].choices = people  # type: ignore[attr-defined]
        self.fields["receiver"].choices = [("", "No one (alone)"), *people]  # type: ignore[attr-defined]
        self.fields["dress_performer"].choices = _NONE + people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action") or ""
        if data.get("receiver") and data["receiver"] in (data.get("doers") or []):
            self.add_error("receiver", "A performer is not their own partner.")
        if data.get("receiver") and not action:
            self.add_error("action", "Choose the contact between them.")
        dress = [data.get("dress_performer"), data.get("dress_part"), data.get("dress_visibility")]
        if any(dress) and not all(dress):
            self.add_error("dress_part", "For nudity, choose who, the body part and how visible.")
        if data.get("dress_modesty") and not data.get("dress_performer"):
            self.add_error("dress_performer", "Choose who wears the modesty garment.")
        return data

    def beat(self) -> dict[str, Any]:
        """The beat's JSON (call after is_valid())."""
        data = self.cleaned_data
        action = data.get("action") or ""
        act: dict[str, Any] | None = None
        if action:
            term = CONTACT_ACTIONS[action]
            parameters = {p.code: data[p.code] for p in term.parameters if data.get(p.code)}
            act = {
                "action": action,
                "area": (data.get("area") or None) if term.takes_area else None,
                "parameters": parameters,
            }
        dress: dict[str, list[dict[str, str]]] = {}
        who = data.get("dress_performer")
        if who and data.get("dress_part") and data.get("dress_visibility"):
            dress.setdefault(who, []).append(
                {
                    "kind": "nudity",
                    "part": data["dress_part"],
                    "visibility": data["dress_visibility"],
                }
            )
        if who and data.get("dress_modesty"):
            dress.setdefault(who, []).append({"kind": "modesty", "level": data["dress_modesty"]})
        return {
            "doers": list(data.get("doers") or []),
            "receiver": data.get("receiver") or None,
            "act": act,
            "barriers": list(data.get("barriers") or []),
            "dress": dress,
            "camera_note": data.get("camera_note") or "",
            "placeholder": bool(data.get("placeholder")),
        }


def initial_from_beat(beat: dict[str, Any]) -> dict[str, Any]:
    """Form values for editing a stored beat (the first nudity and modesty item per beat)."""
    act = beat.get("act") or {}
    parameters = act.get("parameters") or {}
    initial: dict[str, Any] = {
        "doers": beat.get("doers") or [],
        "receiver": beat.get("receiver") or "",
        "action": act.get("action", ""),
        "area": act.get("area") or "",
        "mouth": parameters.get("mouth", ""),
        "clothing": parameters.get("clothing", ""),
        "barriers": beat.get("barriers") or [],
        "camera_note": beat.get("camera_note", ""),
        "placeholder": beat.get("placeholder", False),
    }
    for performer, items in (beat.get("dress") or {}).items():
        for item in items:
            initial["dress_performer"] = performer
            if item.get("kind") == "nudity":
                initial["dress_part"] = item.get("part")
                initial["dress_visibility"] = item.get("visibility")
            elif item.get("kind") == "modesty":
                initial["dress_modesty"] = item.get("level")
    return initial


class IntentForm(forms.Form):
    """The director's intent notes: what the scene is for (the brief's context)."""

    intent = forms.CharField(
        label="Intent notes",
        required=False,
        max_length=MAX_INTENT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the scene is for, its tone and story. Not beats: saving these never "
        "voids an approval.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
