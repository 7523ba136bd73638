"""Keep Python's cyclic garbage collector off the path from Enter to the reply.

The app holds many long-lived objects: spaCy's tables and the loaded modules (~150,000) and,
as a conversation grows, a thousand or two more per turn (bubbles, turns, styles). Left in the
collector's oldest generation, every full collection walks them all; full collections come
every dozen or so replies and took ~100 ms once the pipeline was loaded, a visible stall.

:func:`settle` collects what is garbage now and freezes the survivors (``gc.freeze``), so later
collections skip them. The first call, after the pipeline loads, walks everything once;
after that each call only walks what was created since the previous one (a few milliseconds
after a reply, once it is painted). Frozen objects are still freed when their last reference
goes; only reference cycles among them wait for :func:`release`, which the session screen
calls when it closes so its widgets can be collected.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect the current garbage, then freeze every surviving object."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """Hand every frozen object back to the collector (its next full pass sees them)."""
    gc.unfreeze()
