"""The reading rules of the subtitles, and the checker other tests run on every lecture's .srt."""

import pytest

from scenes.kit.narration import narrate, split_cues
from scenes.kit.srt import LINE, MAX_CPS, MAX_LINES, MIN_CUE, SrtCue, cue_problems, srt_problems

LONG = (
    "The gradient of J with respect to W is the mean, over the four houses, of twice the error "
    "times the floor count; because every error is negative at the start, the gradient is "
    "negative, so W grows. Short. Then b follows, more slowly, since its gradient is only the "
    "mean of twice the error, without the floors that make W's gradient larger."
)

GOOD = """1
00:00:00,000 --> 00:00:01,500
A dot appears.

2
00:00:01,540 --> 00:00:04,000
It moves to the right,
then it stops.
"""


def write(tmp_path, text):
    path = tmp_path / "lecture.srt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_readable_file_has_no_problems(tmp_path):
    assert srt_problems(write(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    "cue, rule",
    [
        (SrtCue(1, 0.0, 1.0, "Too short."), f"under {MIN_CUE}s"),
        (SrtCue(1, 0.0, 1.5, "Far too many words for one and a half s."), f"over {MAX_CPS}"),
        (SrtCue(1, 0.0, 9.0, "one\ntwo\nthree"), f"3 lines, over {MAX_LINES}"),
        (SrtCue(1, 0.0, 9.0, "x" * (LINE + 1)), f"over {LINE}"),
        (SrtCue(1, 0.0, 9.0, " "), "empty"),
    ],
)
def test_each_broken_rule_is_named(cue, rule):
    (problem,) = cue_problems([cue])
    assert rule in problem and "cue 1" in problem


def test_overlapping_cues_are_named():
    first, second = SrtCue(1, 0.0, 2.0, "First cue."), SrtCue(2, 1.9, 4.0, "Second cue.")
    (problem,) = cue_problems([first, second])
    assert "after cue 2 starts" in problem


def test_a_file_that_is_not_srt_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="not a readable .srt file"):
        srt_problems(write(tmp_path, "1\nnot a time line\nhello\n"))
    assert srt_problems(write(tmp_path, "")) == [f"{tmp_path / 'lecture.srt'}: no cues"]


def test_cues_are_the_narration_cut_at_sentences_and_clauses():
    pieces = split_cues(LONG)
    assert " ".join(pieces) == LONG
    assert "Short." in pieces  # a sentence end is always a cut
    for piece in pieces:
        assert len(piece) <= MAX_LINES * LINE
    assert all(p.endswith((",", ";", ".", ":")) for p in pieces if len(p) < LINE), pieces


def test_a_clause_too_long_for_one_cue_is_cut_between_words():
    words = " ".join(f"word{i}" for i in range(40))
    pieces = split_cues(words)
    assert len(pieces) > 1 and " ".join(pieces) == words


def test_silent_narration_obeys_the_rules_and_says_the_text():
    narration = narrate(LONG + " Yes.", voice=None)
    assert narration.audio is None
    assert cue_problems(narration.cues) == []
    assert " ".join(" ".join(cue.text.split()) for cue in narration.cues) == LONG + " Yes."
    assert narration.duration > narration.cues[-1].end


def test_a_beat_needs_words():
    with pytest.raises(ValueError, match="needs narration"):
        narrate("  ", voice=None)


def test_a_two_line_cue_breaks_after_a_clause_when_it_can():
    (cue,) = narrate("It moves to the right, slowly; then it stops.", voice=None).cues
    assert cue.text == "It moves to the right,\nslowly; then it stops."
