import pytest

from closedset.breakdown import ElementKind, Script, ScriptError, read_script


def fdx(content: str, title_page: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>\n{content}\n</Content>\n{title_page}\n</FinalDraft>\n"
    ).encode()


def paragraph(kind: str, *runs: str, attrs: str = "", inner: str = "") -> str:
    texts = "".join(f"<Text>{run}</Text>" for run in runs)
    return f'<Paragraph Type="{kind}"{attrs}>{inner}{texts}</Paragraph>'


def parse(data: bytes) -> Script:
    script = read_script(data, "script.fdx")
    assert script.format == "fdx"
    return script


def test_every_scene_heading_paragraph_starts_a_scene():
    script = parse(
        fdx(
            "\n".join(
                [
                    paragraph("Action", "FADE IN:"),
                    paragraph("Scene Heading", "INT. HOUSE - DAY"),
                    paragraph("Action", "Rain."),
                    paragraph("Scene Heading", "FLASHBACK - THE DOCK"),
                    paragraph("Action", "Summer."),
                    paragraph("Scene Heading", "montage"),
                ]
            )
        )
    )
    assert [scene.normalized_heading for scene in script.scenes] == [
        "INT. HOUSE - DAY",
        "FLASHBACK - THE DOCK",
        "MONTAGE",
    ]
    assert [e.text for e in script.scenes[0].elements] == ["Rain."]


def test_text_runs_are_joined_even_inside_a_heading():
    script = parse(
        fdx(
            paragraph("Scene Heading", "INT. COTTAGE - BEDROOM - ", "MORNING")
            + paragraph("Action", "Porch light, very much ", "not", " waiting up.")
        )
    )
    scene = script.scenes[0]
    assert scene.normalized_heading == "INT. COTTAGE - BEDROOM - MORNING"
    assert scene.elements[0].text == "Porch light, very much not waiting up."


def test_scene_numbers_pages_and_lengths_come_from_the_file():
    properties = '<SceneProperties Length="1 2/8" Page="4" Title=""/>'
    script = parse(
        fdx(
            paragraph("Scene Heading", "INT. A - DAY", attrs=' Number="12A"', inner=properties)
            + paragraph("Action", "A.")
            + paragraph(
                "Scene Heading",
                "INT. B - DAY",
                attrs=' StartsNewPage="Yes"',
                inner='<SceneProperties Length="3/8" Page="7"/>',
            )
            + paragraph("Scene Heading", "INT. C - DAY")
        )
    )
    a, b, c = script.scenes
    assert (a.number, a.page, a.eighths) == ("12A", 4, 10)
    assert (b.number, b.page, b.eighths) == (None, 7, 3)
    assert c.page == 7
    assert c.eighths >= 1
    assert script.pages == 7


def test_dialogue_parentheticals_and_dual_dialogue():
    dual = (
        "<Paragraph><DualDialogue>"
        + paragraph("Character", "IVY")
        + paragraph("Dialogue", "Oh my God.")
        + paragraph("Character", "NORA")
        + paragraph("Parenthetical", "(sharp)")
        + paragraph("Dialogue", "Inside.")
        + "</DualDialogue></Paragraph>"
    )
    script = parse(
        fdx(
            paragraph("Scene Heading", "EXT. PORCH - NIGHT")
            + paragraph("Character", "THEO (CONT'D)")
            + paragraph("Parenthetical", "(grinning)")
            + paragraph("Dialogue", "Goodnight.")
            + dual
            + paragraph("Transition", "CUT TO:")
            + paragraph("Shot", "CLOSE ON THE DOOR")
            + paragraph("General", "Something else")
            + paragraph("New Act", "ACT TWO")
        )
    )
    elements = script.scenes[0].elements
    assert [(e.kind, e.text, e.speaker, e.dual) for e in elements] == [
        (ElementKind.CHARACTER, "THEO (CONT'D)", None, False),
        (ElementKind.PARENTHETICAL, "(grinning)", "THEO", False),
        (ElementKind.DIALOGUE, "Goodnight.", "THEO", False),
        (ElementKind.CHARACTER, "IVY", None, True),
        (ElementKind.DIALOGUE, "Oh my God.", "IVY", True),
        (ElementKind.CHARACTER, "NORA", None, True),
        (ElementKind.PARENTHETICAL, "(sharp)", "NORA", True),
        (ElementKind.DIALOGUE, "Inside.", "NORA", True),
        (ElementKind.TRANSITION, "CUT TO:", None, False),
        (ElementKind.SHOT, "CLOSE ON THE DOOR", None, False),
        (ElementKind.GENERAL, "Something else", None, False),
        (ElementKind.GENERAL, "ACT TWO", None, False),
    ]
    assert script.scenes[0].characters == ["THEO", "IVY", "NORA"]


def test_lines_are_the_xml_lines_of_the_paragraphs():
    script = parse(
        fdx(
            "\n".join(
                [
                    paragraph("Scene Heading", "INT. HOUSE - DAY"),
                    "",
                    paragraph("Action", "Rain."),
                ]
            )
        )
    )
    assert script.scenes[0].line == 4
    assert script.scenes[0].elements[0].line == 6


def test_the_title_page_gives_the_title():
    title_page = (
        "<TitlePage><Content>"
        '<Paragraph Alignment="Center"></Paragraph>'
        '<Paragraph Alignment="Center"><Text Style="Bold">THE FERRY SCHEDULE</Text></Paragraph>'
        '<Paragraph Alignment="Center"><Text>Written by</Text></Paragraph>'
        "</Content></TitlePage>"
    )
    script = parse(fdx(paragraph("Scene Heading", "INT. A - DAY"), title_page))
    assert script.title == "THE FERRY SCHEDULE"
    assert script.title_page == {"title": "THE FERRY SCHEDULE"}
    assert len(script.scenes) == 1


def test_header_footer_and_notes_are_not_script_text():
    extra = (
        "<HeaderAndFooter><Header><Paragraph><Text>HEADER KISS</Text></Paragraph></Header>"
        "</HeaderAndFooter>"
    )
    script = parse(
        fdx(paragraph("Scene Heading", "INT. A - DAY") + paragraph("Action", "A."), extra)
    )
    assert [e.text for e in script.scenes[0].elements] == ["A."]


def test_utf16_files_are_read():
    data = fdx(paragraph("Scene Heading", "INT. CAFÉ - DAY")).decode()
    data = data.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    script = parse(data.encode("utf-16"))
    assert script.scenes[0].normalized_heading == "INT. CAFÉ - DAY"


def test_no_headings_makes_one_scene_and_a_warning():
    script = parse(fdx(paragraph("Action", "Just action.")))
    assert len(script.scenes) == 1
    assert script.warnings


def test_truncated_xml_is_refused():
    data = fdx(paragraph("Scene Heading", "INT. A - DAY"))[:-40]
    with pytest.raises(ScriptError, match="damaged"):
        read_script(data, "script.fdx")


def test_billion_laughs_is_refused():
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [\n<!ENTITY lol "lol">\n'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
            for i in range(1, 10)
        )
        + ']>\n<FinalDraft><Content><Paragraph Type="Action"><Text>&lol9;</Text>'
        "</Paragraph></Content></FinalDraft>"
    )
    with pytest.raises(ScriptError, match="entities"):
        read_script(bomb.encode(), "bomb.fdx")


def test_external_entities_are_refused():
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<FinalDraft><Content><Paragraph Type="Action"><Text>&x;</Text></Paragraph>'
        "</Content></FinalDraft>"
    )
    with pytest.raises(ScriptError):
        read_script(data.encode(), "x.fdx")


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><html><body>INT. A - DAY</body></html>',
        b"<html><body>hello</body></html>",
        b'<?xml version="1.0"?><Script><Content/></Script>',
    ],
)
def test_other_xml_is_refused(data):
    with pytest.raises(ScriptError, match="Final Draft"):
        read_script(data, "script.fdx")


def test_the_root_must_be_final_draft_even_if_the_name_appears_later():
    data = b'<?xml version="1.0"?><Other><FinalDraft/></Other>'
    with pytest.raises(ScriptError, match="not a Final Draft"):
        read_script(data, "script.fdx")
