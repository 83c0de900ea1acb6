"""The derivation board: a chain from derivations/ played step by step, each with its verdict.

(Kept until scenes/kit/derivation.py's board lands; a lecture reaches it through
Lecture.derive, whose call shape stays.)
"""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Line,
    SurroundingRectangle,
    VGroup,
    Write,
    config,
)

from scenes.kit.layout import fit_inside, section_title
from scenes.kit.palette import MUTED, VERDICT
from scenes.kit.style import SMALL_SIZE, TEX_SIZE
from scenes.kit.typeset import MatchingTex, formula, label
from scenes.kit.words import plain

MARKS = {"correct": "\u2713 correct", "wrong": "\u2717 wrong", "typo": "\u2717 typo",
         "incomplete": "\u2026 incomplete"}  # fmt: skip


def tag(words, color, size=SMALL_SIZE):
    """A coloured label in a rounded box."""
    words = label(words, size, color)
    box = SurroundingRectangle(words, color=color, buff=0.1, corner_radius=0.08, stroke_width=2)
    return VGroup(box, words)


def verdict_mark(verdict, size=SMALL_SIZE):
    """The verdict from derivations/ as a coloured tag: '✓ correct', '✗ wrong', ..."""
    return tag(MARKS[verdict], VERDICT[verdict], size=size)


def step_tex(content, width=None, height=3.4, size=TEX_SIZE):
    """One formula (or several MathTex parts), scaled down to fit the board."""
    parts = content if isinstance(content, (list, tuple)) else [content]
    return fit_inside(formula(*parts, size=size), width or config.frame_width - 1.0, height)


class DerivationBoard:
    """Plays derivation steps (derivations.chain) one narration beat each, with verdicts.

    A step continuing the previous one is written as 'previous = step', so each transition
    moves the last result to the left and writes the next. A correct step gets a green tick; a
    step the notes got wrong stays as written, crossed out with its verdict and one-line reason,
    then turns into the correction. A reason already explained is not explained again at length.
    ``play`` returns (step id, verdict) in the order shown; the scene's snapshot is taken after
    each step ("step <id>").
    """

    def __init__(self, scene, heading, center=0.2 * DOWN):
        self.scene = scene
        self.heading_text = heading
        self.heading = section_title(heading)
        self.center = center
        self.shown = []
        self.explained = set()
        self.current = None  # the formula on the board
        self.labels = VGroup()  # source line, verdict tag, reason
        self.strike = self.reason = None  # on a step the notes got wrong
        self.again = False  # its reason was explained before

    def play(self, steps, intro=None):
        with self.scene.beat(intro or self.heading_text) as t:
            self.scene.play(FadeIn(self.heading), run_time=min(0.6, t.duration))
        previous = None
        for number, step in enumerate(steps, 1):
            left = previous if step.relation else step.label or None
            where = f"step {number}/{len(steps)}"
            self._show(left, step, where)
            if step.verdict != "correct":
                self._correct(left, step, where)
            self.scene.snapshot(f"step {step.id}")
            self.shown.append((step.id, step.verdict))
            previous = step.corrected_tex or step.tex
        self.scene.play(FadeOut(self.current), FadeOut(self.labels), FadeOut(self.heading))
        self.current = None
        return self.shown

    def _formula(self, left, step, content):
        if left is None:
            parts = [content]
        elif step.relation:
            parts = [left, step.relation, content]
        else:  # a label such as "dx \, linear :" or "h_\theta(x) ="
            parts = [left, content]
        return step_tex(parts).move_to(self.center)

    def _labels(self, formula, words, mark):
        labels = VGroup(label(words, color=MUTED), mark).arrange(RIGHT, buff=0.4)
        return labels.next_to(formula, DOWN, buff=0.45)

    def _show(self, left, step, where):
        """Write the step as the notes have it: with its verdict, and, if it is not correct,
        struck through with the reason (explained at length only the first time)."""
        formula = self._formula(left, step, step.tex)
        checked = f"  \u00b7  SymPy: {step.check}" if getattr(step, "check", "") else ""
        words = f"{where}  \u00b7  notes, line {step.line}{checked}"
        labels = self._labels(formula, words, verdict_mark(step.verdict))
        say = f"Line {step.line} of the notes: {step.verdict}."
        marks = []
        if step.verdict != "correct":
            again = self.again = step.reason in self.explained
            self.explained.add(step.reason)
            color = VERDICT[step.verdict]
            corner = formula[-1].get_corner  # the step itself, not what it follows from
            self.strike = Line(corner(DOWN + LEFT), corner(UP + RIGHT), color=color, stroke_width=3)
            self.reason = label(plain(step.reason), color=color)
            fit_inside(self.reason.next_to(labels, DOWN, buff=0.3))
            marks = [Create(self.strike), FadeIn(self.reason)]
            say = "The same slip again: " if again else f"Line {step.line} is {step.verdict}: "
            say += plain(step.reason)
        if self.current is None:
            shown = [Write(formula), FadeIn(labels)]
        else:
            shown = [MatchingTex(self.current, formula), FadeOut(self.labels), FadeIn(labels)]
        with self.scene.beat(say) as t:
            self.scene.play(*shown, *marks, run_time=min(1.0, t.duration))
        self.current, self.labels = formula, labels

    def _correct(self, left, step, where):
        """Turn the struck-through step into its correction, keeping the reason on screen."""
        fixed = self._formula(left, step, step.corrected_tex)
        labels = self._labels(fixed, f"{where}  \u00b7  corrected", tag("\u2713 corrected",
                              VERDICT["correct"]))  # fmt: skip
        with self.scene.beat("Corrected, and the derivation continues from the correction.") as t:
            self.scene.play(
                FadeOut(self.strike),
                MatchingTex(self.current, fixed),
                FadeOut(self.labels),
                FadeIn(labels),
                self.reason.animate.next_to(labels, DOWN, buff=0.3),
                run_time=min(0.9, t.duration),
            )
        self.current, self.labels = fixed, VGroup(*labels, self.reason)


def equations(steps):
    """A chain's steps joined into the notes' equations (an empty relation starts one):
    [(line, TeX as corrected, worst verdict, reason, [(step id, verdict)])]."""
    groups = []
    for step in steps:
        if not step.relation or not groups:
            groups.append([])
        groups[-1].append(step)
    out = []
    for group in groups:
        head = group[0].label + " " if group[0].label else ""
        fixed = head + " ".join(f"{s.relation} {s.corrected_tex or s.tex}" for s in group)
        wrong = [s for s in group if s.verdict != "correct"]
        verdict = wrong[0].verdict if wrong else "correct"
        reason = "; ".join(plain(s.reason) for s in wrong)
        out.append((group[0].line, fixed, verdict, reason, [(s.id, s.verdict) for s in group]))
    return out
