"""A derivation's narration, written by the lecture for the notes' steps in order.

The words follow the notes' steps by position, so they fit only while the notes have as many
steps there as the lecture has words. When a lecturer edits the notes (a step added or removed),
the render goes on with words generated from the audit (the line and, for a finding, its reason)
and says so in a warning: an edit to the notes never stops a lecture.
"""

import logging

from scenes.kit import checked
from scenes.kit.derivation import default_narration

log = logging.getLogger("manim")


def in_order(chain_name, words, prefix=""):
    """narration(step, first_time) for the board: `words[k]` for the chain's k-th step (whose id
    starts with `prefix`): a string, or for a finding a pair (while the notes' version is shown,
    for the correction); "{line}" in the words is the step's line in the notes."""
    steps = [s for s in checked.chain(chain_name) if s.id.startswith(prefix)]
    table = {}
    if len(steps) == len(words):
        table = dict(zip((s.id for s in steps), words, strict=True))
    else:
        log.warning("%s%s: the notes have %d steps, the lecture words for %d; generated words "
                    "are said instead (update the lecture's words)", chain_name,
                    f" ({prefix})" if prefix else "", len(steps), len(words))  # fmt: skip

    def narration(step, first_time):
        if step.id not in table:
            return default_narration(step, first_time)
        said = table[step.id]
        if isinstance(said, str) or first_time:
            return _lined(said, step.line)
        return _lined(" ".join(said), step.line)

    return narration


def _lined(said, line):
    if isinstance(said, str):
        return said.format(line=line)
    return tuple(words.format(line=line) for words in said)
