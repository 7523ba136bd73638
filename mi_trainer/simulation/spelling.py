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
        self.tail_how = frozenset(str(w).lower() for w in aux.get("tail_how") or ())
        self.tail_max = int(aux.get("tail_max") or 0)
        self.tail_not = frozenset(str(w).lower() for w in aux.get("tail_not") or ())
        self.not_after_ever = frozenset(str(w).lower() for w in aux.get("not_after_ever") or ())
        self.auxiliaries = frozenset(str(w).lower() for w in aux.get("auxiliaries") or ())
        self.do_verbs = frozenset(str(w).lower() for w in aux.get("do_verbs") or ())
        self.do_of = {str(k).lower(): str(v) for k, v in (aux.get("do_subjects") or {}).items()}
        self.copulas = frozenset(str(w).lower() for w in aux.get("copulas") or ())
        self.negations = frozenset(str(w).lower() for w in aux.get("negations") or ())
        self.question_ends = {
            str(k).lower(): str(v) for k, v in (aux.get("question_ends") or {}).items()
        }

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
        """A question with its auxiliary left out, heard with it (``dropped_auxiliary``):
        "how you sleeping" is "how are you sleeping", "what year she in" "what year is she
        in", "what you want to do" "what do you want to do", "how long you've had them" "how
        long have you had them"; at the line's start, "you ever been" / "ever been" "have you
        ever been", and a "you" line ending in a word only a question ends in ("yet", "at
        all"; no negation) "have you ... yet", "do you ... at all". Only a clause's opening
        wh-word (after lead-ins, at most one word after it: "how often", "what year"); "what
        you said was..." (a frame: no -ing, no ``before`` word, a copula after a ``do``
        verb) is left as it is."""
        if not self.aux_wh:
            return text
        words = list(_WORD.finditer(text))
        lows = [w.group(0).lower() for w in words]
        opened = self._opening(text, words, lows)
        if opened is not None:
            return opened
        moved = self._how_many_last(text, words, lows)
        if moved is not None:
            return moved
        for i, low in enumerate(lows):
            if low not in self.aux_wh or not self._opens(text, words, lows, i):
                continue
            said_is = self._noun_is(words, i)
            if said_is is not None:
                return text[: said_is.end() - 1] + "'s" + text[said_is.end() :]
            for k in (i + 1, i + 2):
                if k >= len(words) or (
                    k == i + 2 and (not lows[i + 1].isalpha() or lows[i + 1] in self.auxiliaries)
                ):
                    break  # "what would you like", "how are you doing": it is there
                subject = lows[k]
                if subject in self.inverted and lows[i + 1] in self.aux_how:
                    if k == i + 2:  # "how long you've had them": how long have you had them
                        said = self.inverted[subject]
                        return text[: words[k].start()] + said + text[words[k].end() :]
                    break
                if subject not in self.aux_of or k + 1 >= len(words):
                    continue
                aux = self._aux_for(subject, lows[k + 1], lows[k + 2 :])
                if aux is not None:
                    return text[: words[k].start()] + aux + " " + text[words[k].start() :]
            return text
        return text

    def _aux_for(self, subject: str, after: str, rest: list[str]) -> str | None:
        """The auxiliary left out before ``subject`` + ``after``: 'are'/'is' before -ing or a
        ``before`` word, 'do'/'does' before a ``do_verbs`` word not followed by a copula
        ("what you want is..." frames a statement)."""
        if after in self.aux_before or (len(after) > 4 and after.endswith("ing")):
            return self.aux_of[subject]
        if after in self.do_verbs and self.copulas.isdisjoint(rest):
            return self.do_of.get(subject)
        return None

    def _opens(self, text: str, words: list[re.Match[str]], lows: list[str], i: int) -> bool:
        """Whether word ``i`` opens a clause (the line's start, after , ; : - ?, or lead-ins)."""
        j = i
        while j and lows[j - 1] in self.aux_leads:
            j -= 1
        return not j or any(c in text[words[j - 1].end() : words[j].start()] for c in ",;:-?")

    def _how_many_last(self, text: str, words: list[re.Match[str]], lows: list[str]) -> str | None:
        """ "kids - how many", "late how many times": the thing, then "how many"/"how much"
        (and at most one word) typed last, heard asked first: "how many kids", "how many
        times late". Only after a short phrase (``tail_max`` words) with no person speaking
        and no negation ("I don't know how many" stays a statement)."""
        for i in range(1, len(lows) - 1):
            if lows[i] != "how" or lows[i + 1] not in self.tail_how or len(lows) - i > 3:
                continue
            before = lows[:i]
            if len(before) > self.tail_max or not self.tail_not.isdisjoint(before):
                return None
            if not self.negations.isdisjoint(before):
                return None
            ask = text[words[i].start() :].rstrip(" ?")
            thing = text[: words[i - 1].end()].strip(" -,;:\u2013\u2014")
            return f"{ask} {thing}" + ("?" if text.rstrip().endswith("?") else "")
        return None

    def _opening(self, text: str, words: list[re.Match[str]], lows: list[str]) -> str | None:
        """The line's start: "you ever ..." / "ever ..." ('have you' left out), "you ... yet",
        "you ... at all" (``question_ends``; not with a negation)."""
        i = 0
        while i < len(lows) and lows[i] in self.aux_leads:
            i += 1
        if i + 1 >= len(lows) or not lows[i + 1].isalpha():
            return None
        at = words[i].start()
        if lows[i] == "ever" and lows[i + 1] not in self.not_after_ever:
            return text[:at] + "have you " + text[at:]  # "ever been to the gp"
        if lows[i] != "you" or not self.negations.isdisjoint(lows):
            return None
        if lows[i + 1] == "ever":
            return text[:at] + "have " + text[at:]  # "you ever tried stopping"
        end = " ".join(lows[-2:])
        ending = self.question_ends.get(lows[-1]) or self.question_ends.get(end)
        if ending is None or len(lows) - i < 3:
            return None
        aux = self.aux_of["you"] if self._aux_for("you", lows[i + 1], []) == "are" else ending
        return text[:at] + aux + " " + text[at:]

    def _noun_is(self, words: list[re.Match[str]], i: int) -> re.Match[str] | None:
        """ "what years mia in": the noun after the wh-word is "year's" (year is), its 's typed
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
