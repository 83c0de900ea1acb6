"""A lecture's words for a derivation follow the notes' steps; an edited chain never stops it."""

from manim import tempconfig


def test_words_follow_the_steps_and_fall_back_when_the_notes_changed(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        from scenes.kit import checked
        from scenes.kit.step_words import in_order

        steps = checked.chain("limits")
        words = [f"Step {k}, line {{line}}." for k in range(len(steps))]
        narration = in_order("limits", words)
        assert [narration(s, False) for s in steps] == [
            f"Step {k}, line {s.line}." for k, s in enumerate(steps)
        ]

        fewer = in_order("limits", words[:-1])  # as if the notes had gained a step
        for step in steps:
            said = fewer(step, step.verdict != "correct")
            said = said if isinstance(said, str) else " ".join(said)
            assert f"Line {step.line}" in said and "Step" not in said
