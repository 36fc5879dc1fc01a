"""HTML in titles and summaries reduced to safe plain text."""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html
from lxml_html_clean import Cleaner

# lxml_html_clean drops scripts, styles, comments, forms, frames, embedded objects and meta tags
# (with their content); what is left is read as text.
_CLEANER = Cleaner(
    scripts=True, javascript=True, style=True, comments=True, processing_instructions=True, embedded=True,
    frames=True, forms=True, meta=True, page_structure=False, links=True, annoying_tags=True,
    kill_tags=["noscript", "template", "iframe", "object"],
)
# Elements after which words must not run together ("<p>a</p><p>b</p>" is "a b", not "ab").
_BLOCK = {
    "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "header", "footer", "dd", "dt", "hr", "pre",
}
_MARKUP = re.compile(r"<[A-Za-z!/?]|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def _collapse(text: str) -> str | None:
    text = " ".join(text.split())
    return text or None


def clean_text(value: str | None) -> str | None:
    """Plain text of ``value``: no markup, no script/style content, entities unescaped, whitespace
    collapsed. None for None or text that is empty once cleaned."""
    if value is None:
        return None
    if not _MARKUP.search(value):
        return _collapse(value)
    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
        root = _CLEANER.clean_html(root)
    except (etree.ParserError, ValueError):
        # Unparseable fragments: strip anything tag-shaped rather than let markup through.
        return _collapse(html.unescape(re.sub(r"<[^>]*>", " ", value)))
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK:
            element.tail = " " + (element.tail or "")
    # Entities are decoded by the parser; a second unescape catches double-encoded ones ("&amp;amp;").
    text = html.unescape(root.text_content())
    return _collapse(re.sub(r"<[^>]*>", " ", text))
