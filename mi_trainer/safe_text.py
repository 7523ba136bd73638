"""Typed text made harmless for where it is shown: a terminal, a spreadsheet, a Markdown viewer.

What practitioners type (and what a transcript file holds) reaches several readers that treat
some characters as commands:

- a terminal obeys escape sequences (``ESC ] 0 ; title BEL`` retitles the window, others move
  the cursor, recolour or rewrite what is shown): :func:`visible_controls` shows every control
  character as a visible symbol instead;
- a spreadsheet runs a cell beginning ``=``, ``+``, ``-``, ``@`` (or tab / carriage return) as a
  formula: :func:`csv_cell` starts such a cell with an apostrophe, which spreadsheets show as
  text and do not display;
- a Markdown viewer renders raw HTML (``<script>``), links and images: :func:`markdown_text`
  escapes them so the words are shown, not run.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls (0x9b is an 8-bit CSI), and the
# Unicode formatting controls that reorder or hide text (bidirectional overrides, line and
# paragraph separators).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN = re.compile(r"[\\`*_\[\]<>&|!#~]")
_MARKDOWN_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ESC -> ␛, CR -> ␍
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible_controls(text: str) -> str:
    """``text`` with every control character (but tab and newline) shown as a visible symbol."""
    return _CONTROLS.sub(_visible, text)


def json_for_terminal(text: str) -> str:
    """JSON text with the controls ``json.dumps`` leaves raw (C1, bidi) written as ``\\uXXXX``.

    ``json.dumps`` already escapes C0 controls; the result is still the same JSON value.
    """
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: strings that would start a formula get a ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown_text(text: str) -> str:
    """Inline Markdown showing ``text`` literally: no HTML, links, images, emphasis or cells."""
    flat = visible_controls(" ".join(text.splitlines()))
    return _MARKDOWN.sub(lambda m: _MARKDOWN_ENTITIES.get(m.group(), "\\" + m.group()), flat)
