"""Markdown from data: plain prose takes a shortcut past Python-Markdown, and the shortcut
gives exactly what Markdown gives; everything else goes through Markdown as before."""

from __future__ import annotations

import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.publish import markup

_PIECES = st.sampled_from(
    [
        "Hej",
        "vi",
        "Åsa",
        "é",
        "öka",
        "12",
        "1.",
        "2)",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n",
        ".",
        ",",
        ":",
        "!",
        "?",
        "'",
        '"',
        "(",
        ")",
        "%",
        "/",
        "-",
        "–",
        "…",
        "«",
        "”",
        "*",
        "_",
        "`",
        "[",
        "]",
        "<",
        ">",
        "&",
        "#",
        "\\",
        "|",
        "~",
        "=",
        "+",
        "@",
        "\t",
        "\u0301",
        "\xa0",
        "http://x.se",
        "a.se",
    ]
)


def _by_markdown(text: str) -> str:
    return markup._markdown().reset().convert(text)


@settings(max_examples=4000)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_the_shortcut_gives_what_markdown_gives(text: str) -> None:
    shortcut = markup._plain_paragraphs(text)
    if shortcut is not None:
        assert shortcut == _by_markdown(text)


@settings(max_examples=500)
@given(st.text(max_size=40))
def test_the_shortcut_gives_what_markdown_gives_for_any_text(text: str) -> None:
    shortcut = markup._plain_paragraphs(text)
    if shortcut is not None:
        assert shortcut == _by_markdown(text)


def test_plain_prose_takes_the_shortcut_and_markup_does_not() -> None:
    assert markup._plain_paragraphs("Vi har gjort det.\nOch mer.\n\nNästa år: mer (50 %).") == (
        "<p>Vi har gjort det.\nOch mer.</p>\n<p>Nästa år: mer (50 %).</p>"
    )
    for text in ("Se *här*", "- en\n- två", "1. ett", "a  \nb", "[x](https://a.se)", "a &amp; b"):
        assert markup._plain_paragraphs(text) is None, text


def test_markdown_html_is_the_same_either_way() -> None:
    text = "Polisen och kommunen träffades 4 gånger.\n\nNästa steg: en ny kartläggning."
    assert str(markup.markdown_html(text)) == nh3.clean(
        _by_markdown(text),
        tags=markup._ALLOWED_TAGS,
        attributes=markup._ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )
