"""A line typed fast, spelled out the way the member hears it (issue 21, session 7).

A worker typing on a tablet between visits writes "hw old is she", "wheres ur son at the
min", "r u ok for a cuppa", "noahs age?". A person hearing that said aloud hears "how old is
she", "where's your son at the minute", "are you ok for a cuppa", "Noah's age?". The coder's
patterns are written for the spelled-out words, so the session hears the line spelled out
(``spelled_out``); the transcript keeps what was typed, and the coder's code of it.

Everything is data, in ``default_rules.yaml`` ``text_speak:``:

- ``words``: a text-speak word and the words it stands for ("u": "you", "wheres":
  "where's"), matched whole, in any case;
- ``ur``: these ("ur") are "your" ("ur son"), or "you're" before one of ``ur_before_you_re``
  ("ur ok", "ur worried", a word in -ing: "ur coping");
- ``after_the``: clipped words said after "the" ("at the mo", "at the min");
- ``dropped_g``: an -ing word typed without its g ("hw u sleepin": sleeping), listed, as many
  words end in -in ("cousin", "within");
- the addressed member's name typed without its comma ("kai hows leah", "any meds jade")
  is heard as said to them: first, it is left out as "Kai, ..." is; last, it gets its comma
  (``addressed``; not after a ``vocative_not_after`` word);
- a family name with an "s" and no apostrophe ("noahs age", "the kids dads side") is the
  name's possessive, when the name without the "s" is one of the scenario's people or
  relations and the word itself is not (given the scenario's names); a plural of
  ``plural_possessors`` before one of ``possessed`` is theirs ("kids names?": the kids' names).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

_WORD = re.compile(r"[A-Za-z0-9']+")


class Spelling:
    """The text-speak table of the rules, applied to one line at a time."""

    def __init__(self, table: Mapping[str, Any] | None, names: Collection[str] = ()) -> None:
        table = table or {}
        self.words = {str(k).lower(): str(v) for k, v in (table.get("words") or {}).items()}
        self.ur = frozenset(str(w).lower() for w in table.get("ur") or ())
        self.ur_before = frozenset(str(w).lower() for w in table.get("ur_before_you_re") or ())
        self.after_the = {str(k).lower(): str(v) for k, v in (table.get("after_the") or {}).items()}
        self.names = frozenset(n.lower() for n in names if " " not in n)
        self.not_after = frozenset(str(w).lower() for w in table.get("vocative_not_after") or ())
        self.groups = frozenset(str(w).lower() for w in table.get("plural_possessors") or ())
        self.possessed = frozenset(str(w).lower() for w in table.get("possessed") or ())
        self.dropped_g = frozenset(str(w).lower() for w in table.get("dropped_g") or ())
        aux = table.get("dropped_auxiliary") or {}
        self.aux_wh = frozenset(str(w).lower() for w in aux.get("wh") or ())
        self.aux_of = {str(k).lower(): str(v) for k, v in (aux.get("subjects") or {}).items()}
        self.aux_before = frozenset(str(w).lower() for w in aux.get("before") or ())
        self.aux_leads = frozenset(str(w).lower() for w in aux.get("lead_ins") or ())
        self.aux_how = frozenset(str(w).lower() for w in aux.get("how_words") or ())
        self.inverted = {str(k).lower(): str(v) for k, v in (aux.get("inverted") or {}).items()}

    def spelled_out(self, text: str) -> str:
        """``text`` with its text-speak words spelled out (the same text when it has none)."""
        return self._with_auxiliary(self._words_spelled(text))

    def _words_spelled(self, text: str) -> str:
        words = list(_WORD.finditer(text))
        if not words:
            return text
        out: list[str] = []
        last = 0
        for i, match in enumerate(words):
            word = match.group(0)
            low = word.lower()
            before = words[i - 1].group(0).lower() if i else ""
            after = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
            said = self._said(low, before, after)
            if said is None:
                continue
            out.append(text[last : match.start()])
            out.append(said)
            last = match.end()
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)

    def _with_auxiliary(self, text: str) -> str:
        """A wh-question with its auxiliary left out, heard with it: "how you sleeping" is "how
        are you sleeping", "what year she in" "what year is she in", "how long you've had them"
        "how long have you had them" (``dropped_auxiliary``). Only a clause's opening wh-word
        (after lead-ins, at most one word after it: "how often", "what year"), then a subject
        and an -ing word or a ``before`` word; "what you said was..." (a frame) has neither."""
        if not self.aux_wh:
            return text
        words = list(_WORD.finditer(text))
        for i, match in enumerate(words):
            if match.group(0).lower() not in self.aux_wh:
                continue
            gap = text[words[i - 1].end() : match.start()] if i else ""
            opens = not i or any(c in gap for c in ",;:-?") or (
                words[i - 1].group(0).lower() in self.aux_leads
                and (i == 1 or any(c in text[words[i - 2].end() : words[i - 1].start()] for c in ",;:-?"))
            )
            if not opens:
                continue
            said_is = self._noun_is(words, i)
            if said_is is not None:
                return text[:said_is.end() - 1] + "'s" + text[said_is.end() :]
            for k in (i + 1, i + 2):
                if k + 1 > len(words) or (k == i + 2 and not words[i + 1].group(0).isalpha()):
                    break
                subject = words[k].group(0).lower()
                if subject in self.inverted and words[i + 1].group(0).lower() in self.aux_how:
                    if k == i + 2:  # "how long you've had them": how long have you had them
                        return text[: words[k].start()] + self.inverted[subject] + text[words[k].end() :]
                    break
                if subject not in self.aux_of or k + 1 >= len(words):
                    continue
                after = words[k + 1].group(0).lower()
                if after in self.aux_before or (len(after) > 4 and after.endswith("ing")):
                    aux = self.aux_of[subject]
                    return text[: words[k].start()] + aux + " " + text[words[k].start() :]
            return text
        return text

    def _noun_is(self, words: list[re.Match[str]], i: int) -> re.Match[str] | None:
        """"what years mia in": the noun after the wh-word is "year's" (year is), its 's typed
        as s, when a person follows (a name of the scenario, ``aux_of``'s "he"/"she") and then
        a ``before`` word or nothing: "what toys alfie likes" keeps its plural."""
        if i + 2 >= len(words):
            return None
        noun, person = words[i + 1], words[i + 2].group(0).lower()
        low = noun.group(0).lower()
        if not (len(low) > 3 and low.endswith("s") and low.isalpha() and not low.endswith("ss")):
            return None
        if low in self.names or not (person in self.names or person in ("he", "she")):
            return None
        after = words[i + 3].group(0).lower() if i + 3 < len(words) else ""
        return noun if (not after or after in self.aux_before) else None

    def addressed(self, text: str, names: Collection[str]) -> str:
        """``text`` read as a name said to the member would be: "kai hows leah" is "hows leah"
        said to Kai (as "Kai, hows leah" is), "any meds jade" is "any meds, jade" (``names``:
        the addressed member's, in lower case; a last name never after a word that takes it
        as its object: "talk to jade")."""
        words = list(_WORD.finditer(text))
        if len(words) < 2:
            return text
        first, last = words[0], words[-1]
        if first.group(0).lower() in names and text[first.end() : first.end() + 1] == " ":
            # as "Kai, ..." is: the name picks who is spoken to and is not coded
            text = text[first.end() :].lstrip()
            words = list(_WORD.finditer(text))
            if len(words) < 2:
                return text
            last = words[-1]
        before = words[-2]
        if (
            last.group(0).lower() in names
            and text[before.end() : last.start()] == " "
            and before.group(0).lower() not in self.not_after
            and not text[last.end() :].strip(" ?!.")
        ):
            text = text[: before.end()] + "," + text[before.end() :]
        return text

    def _said(self, low: str, before: str, after: str) -> str | None:
        if low in self.ur:
            you_re = after in self.ur_before or (len(after) > 4 and after.endswith("ing"))
            return "you're" if you_re else "your"
        if before == "the" and low in self.after_the:
            return self.after_the[low]
        if low in self.words:
            return self.words[low]
        if low in self.dropped_g:
            return low + "g"  # "u seein the kids": seeing
        if low in self.groups and after in self.possessed:
            return low + "'"  # "kids names?": the kids' names
        if len(low) > 3 and low.endswith("s") and low not in self.names and low[:-1] in self.names:
            return low[:-1] + "'s"
        return None
