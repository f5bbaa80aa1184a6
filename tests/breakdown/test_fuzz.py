"""Whatever arrives, the readers answer with a Script or a ScriptError, nothing else."""

from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closedset.breakdown import ElementKind, Script, ScriptError, read_script
from closedset.breakdown.readers.text import read_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# XML 1.0 "Char": no controls, no surrogates, and not the noncharacters U+FFFE and U+FFFF.
XML_CHARACTERS = st.characters(
    blacklist_categories=["Cs", "Cc"], blacklist_characters="\ufffe\uffff"
)
NAMES = st.sampled_from([None, "a.fountain", "a.fdx", "a.pdf", "a.txt", "a", "a.FOUNTAIN"])

FOUNTAIN_LINES = st.sampled_from(
    [
        "",
        "",
        "",
        "  ",
        "Title: **Fuzz**",
        "Author: someone",
        "    indented value",
        "INT. KITCHEN - NIGHT",
        "EXT. PIER - DAY #12A#",
        ".forced heading",
        "...ellipsis",
        "int. lower - day",
        "I/E CAR - NIGHT",
        "INTERCUT - A / B",
        "MAYA",
        "MAYA (V.O.)",
        "@McCLANE",
        "NORA ^",
        "(beat)",
        "(unclosed",
        "closed)",
        "They kiss.",
        "Dialogue with *emphasis* and _under_ and **bold**.",
        "CUT TO:",
        "> FADE OUT.",
        ">THE END<",
        "~la la la",
        "!FORCED ACTION",
        "# ACT ONE",
        "= synopsis",
        "===",
        "[[note",
        "]]",
        "[[inline note]] text",
        "/*",
        "*/",
        "a /* b */ c",
        "\tTabbed line\t",
        "DETECTIVE MARA OKONJO (44) walks.",
        '"QUOTED" NAME (17)',
        "\\*escaped\\*",
        "\f",
    ]
)

LAYOUT_LINES = st.builds(
    lambda indent, text, tail: " " * indent + text + tail,
    st.sampled_from([0, 1, 5, 6, 10, 16, 21, 28, 40, 55, 64, 70]),
    st.sampled_from(
        [
            "INT. KITCHEN - NIGHT",
            "12",
            "12A",
            "2.",
            "MAYA",
            "MAYA (CONT'D)",
            "(beat)",
            "(CONTINUED)",
            "CONTINUED:",
            "(MORE)",
            "Some dialogue here.",
            "She kisses him.",
            "CUT TO:",
            "*",
            "IVY                 NORA",
            "TRAUMA BAY - NIGHT",
            "",
        ]
    ),
    st.sampled_from(["", "", "          12", "   *", "\f"]),
)


def check(script: Script) -> None:
    assert script.format in {"fountain", "fdx", "pdf", "text"}
    assert script.pages >= 1
    assert script.scenes, "there is always at least one scene"
    assert [scene.ordinal for scene in script.scenes] == list(range(1, len(script.scenes) + 1))
    seen: dict[str, int] = {}
    for scene in script.scenes:
        seen[scene.normalized_heading] = seen.get(scene.normalized_heading, 0) + 1
        assert scene.occurrence == seen[scene.normalized_heading]
        assert scene.eighths >= 1
        assert 1 <= scene.page <= script.pages
        assert scene.normalized_heading == scene.normalized_heading.upper()
        assert "  " not in scene.normalized_heading
        for element in scene.elements:
            assert element.kind is not ElementKind.HEADING
            assert element.line >= 1
            assert element.page >= 1
            assert element.text or element.kind is ElementKind.PAGE_BREAK


@SETTINGS
@given(st.binary(max_size=2000), NAMES)
def test_any_bytes(data, name):
    try:
        check(read_script(data, name))
    except ScriptError as exc:
        assert str(exc)
        assert "\n" not in str(exc)


@SETTINGS
@given(st.text(max_size=1500), NAMES)
def test_any_text(text, name):
    try:
        check(read_script(text.encode("utf-8", "surrogatepass"), name))
    except ScriptError as exc:
        assert "\n" not in str(exc)


@SETTINGS
@given(st.binary(max_size=600))
def test_anything_claiming_to_be_a_pdf(data):
    try:
        check(read_script(b"%PDF-1.7\n" + data, "x.pdf"))
    except ScriptError as exc:
        assert "\n" not in str(exc)


@SETTINGS
@given(st.lists(FOUNTAIN_LINES, max_size=80), st.sampled_from(["\n", "\r\n", "\r"]))
def test_fountain_like_text(lines, newline):
    text = newline.join(lines)
    try:
        script = read_script(text.encode(), "fuzz.fountain")
    except ScriptError:
        assert not text.strip() or "\f" in text
        return
    check(script)
    if script.format == "fountain":
        last_line = text.count(newline) + 1
        for scene in script.scenes:
            assert scene.line <= last_line
            assert all(element.line <= last_line for element in scene.elements)
            for element in scene.elements:
                assert "/*" not in element.text or "*/" not in element.text.split("/*", 1)[1]


@SETTINGS
@given(st.lists(LAYOUT_LINES, max_size=120))
def test_layout_like_text(lines):
    text = "\n".join(lines)
    if not text.strip():
        return
    script = read_text(text)
    check(script)
    furniture = {"(MORE)", "(CONTINUED)", "CONTINUED:", "*"}
    for scene in script.scenes:
        for element in scene.elements:
            assert element.text not in furniture


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["Scene Heading", "Action", "Character", "Dialogue", "Parenthetical", "", "Odd"]
            ),
            st.lists(st.text(alphabet=XML_CHARACTERS, max_size=12), max_size=3),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_final_draft_like_xml(paragraphs):
    body = []
    for kind, runs, dual in paragraphs:
        texts = "".join(f"<Text>{escape(run)}</Text>" for run in runs)
        paragraph = f"<Paragraph Type={quoteattr(kind)}>{texts}</Paragraph>"
        if dual:
            paragraph = f"<Paragraph><DualDialogue>{paragraph}</DualDialogue></Paragraph>"
        body.append(paragraph)
    data = f'<?xml version="1.0"?><FinalDraft><Content>{"".join(body)}</Content></FinalDraft>'
    script = read_script(data.encode(), "fuzz.fdx")
    check(script)
    headings = [kind for kind, _, _ in paragraphs if kind == "Scene Heading"]
    assert len(script.scenes) == max(1, len(headings))
