"""The derivation board: a chain of the notes' steps written one under the other, as on a
blackboard, with what the notes got wrong marked on the very piece and corrected in place.

    board = DerivationBoard(scene, "The cost, as the notes write it")
    board.open()
    for step in derivations.chain("mse"):
        with scene.beat(words_for(step)) as t:
            board.step(step, t)          # or board.show(step, t), then in the next beat correct(t)
    board.close()

or, the same in one call, `board.play(steps, narration)`.

How it reads: each step continues the equation above it, its relation (`=`, `:=`) aligned under
the one before; the previous steps stay on screen, and when the board is full the oldest scroll
away. Pieces that carry over slide down from the line above, and what is new is underlined
(texdiff.changed). A finding (wrong, incomplete, a typo) is written as the notes have it, the
offending piece boxed (or, for something missing, the place where it goes), the reason written
underneath in the mark's colour; then the correction replaces that piece. A slip the board has
already explained is not explained again: the step is written corrected, its fix boxed briefly.
Correct steps get no badge. Every quantity keeps its palette colour (palette.TEX).

For tests, ``records`` holds one StepRecord per step shown and ``moments`` the text boxes and
piece sizes at each key moment; ``play`` and ``shown`` give (step id, verdict) in order.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    WHITE,
    FadeIn,
    FadeOut,
    Line,
    Rectangle,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    config,
)

from scenes.kit import palette, texdiff
from scenes.kit.layout import section_title
from scenes.kit.probes import text_boxes
from scenes.kit.style import MARGIN
from scenes.kit.typeset import formula, label
from scenes.kit.words import plain

TEX_SIZE = 42  # a subscript digit is then 2.6% of the frame's height
NOTE_SIZE = 26  # the reason under the board
ROW_GAP = 0.32  # between the rows of one equation
BLOCK_GAP = 0.6  # between two equations
INDENT = 0.7  # a continuation row starts this far right of its equation's right side
NOTE_HEIGHT = 1.35  # the band at the bottom kept for the reason (three lines)
COLUMN = -0.12  # of the frame's width from its centre: the relations' column
RELATION_GAP = 0.25  # a lone left side ends this far before the column
SHORTEST = 0.5  # s: no animation runs shorter, however short the narration
VERB = {"wrong": "Wrong", "typo": "Typo", "incomplete": "Incomplete"}


@dataclass
class StepRecord:
    """What the board did with one step (for tests and the lecture's log)."""

    step_id: str
    verdict: str
    explained: bool  # its finding was marked and explained (not a repeat, not correct)
    written: tuple[str, ...]  # keys of its pieces as written (as in the notes, for a finding
    # explained; corrected at once, for one explained before)
    shown: tuple[str, ...]  # keys of its pieces once corrected (what stays on the board)
    shown_tex: str  # the TeX of those pieces, as MathTex received it
    highlighted: tuple[int, ...]  # indices in `written` underlined as changed from the step above
    marked: tuple[int, ...] = ()  # indices in `written` boxed as the offending pieces
    missing_before: int | None = None  # for a finding that lacks something: where it goes
    fixed: tuple[int, ...] = ()  # indices in `shown` boxed as the correction
    above: tuple[str, ...] = ()  # ids of the steps still on the board when it appeared
    rows: int = 1


@dataclass(eq=False)
class _Line:
    """One step's formula on the board: its pieces (`lead` pieces before the step's own: an
    equation's left side and relation, or a label), their mobjects, and the rows they sit in."""

    step_id: str
    pieces: list
    lead: int
    muted: int = 0  # how many leading pieces are a caption (drawn muted)
    parts: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    @property
    def own(self):
        return self.pieces[self.lead :]

    @property
    def own_parts(self):
        return self.parts[self.lead :]


def _continues(line):
    """Does the line continue the equation above it (it starts with its relation, "= ...")?"""
    return bool(line.pieces) and line.pieces[0].key in ("=", ":=")


def _board_box():
    """(left, right, top, bottom) of the area the stack may use."""
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    left, right = -half_w + MARGIN + 0.3, half_w - MARGIN - 0.3
    top = half_h - MARGIN - 0.95  # below the heading
    bottom = -half_h + MARGIN + NOTE_HEIGHT + 0.2
    return left, right, top, bottom


def piece_color(piece, muted=False):
    """A piece's colour: its quantity's (palette.TEX, by its name then its symbol) or white."""
    if muted:
        return palette.MUTED
    return palette.TEX.get(piece.name) or palette.TEX.get(piece.base) or WHITE


def split_label(label_tex):
    """A step's label as (left side, relation): 'h_\\theta(x) =' -> ('h_\\theta(x)', '=');
    'dw \\, linear :' -> ('dw \\, linear :', '') (a caption, written muted before the step)."""
    text = re.sub(r"(\\[,;:!]|\s)+$", "", label_tex or "").strip()
    for relation in (":=", "=", "?"):
        if text.endswith(relation):
            return re.sub(r"(\\[,;:!]|\s)+$", "", text[: -len(relation)]).strip(), relation
    return text, ""


class DerivationBoard:
    """Writes derivations.chain steps one under the other (see the module docstring)."""

    def __init__(self, scene, heading, size=TEX_SIZE, explained=None):
        self.scene, self.size = scene, size
        self.heading = section_title(heading) if heading else VGroup()
        # findings already explained, shared by the boards of one lecture unless given
        self.explained = explained if explained is not None else _lecture_memory(scene)
        self.left, self.right, self.top, self.bottom = _board_box()
        self.column = COLUMN * config.frame_width  # where relations line up, if the left fits
        self.lines = []  # _Line on the board, oldest first
        self.block = None  # the equation being continued: {"rel_x", "open", "first" line}
        self.cursor = self.top  # y under the lowest row
        self.transient = []  # underlines and boxes of the last step, faded by the next
        self.note = None
        self.pending = None  # a finding shown, waiting for correct()
        self.records, self.moments, self.shown = [], {}, []
        self.repeats = {}  # (verdict, reason) -> how many steps of the chain share it
        self.spent = 0.0  # s of animation asked for in the current beat

    # --- the lecture's calls -----------------------------------------------------------------
    # Each call fills its beat: it waits out whatever of t.duration its animations left. The
    # board counts the run times it asked for rather than reading the renderer's clock, which
    # advances by whole frames when an animation is drawn and by its exact run time when Manim's
    # cache skips it: the waits, and so the cache's hashes, would differ between two renders.
    def open(self, t=None):
        self._play(FadeIn(self.heading), run_time=_time(t, 1.0, 0.6))
        self._finish(t)

    def close(self, t=None):
        gone = [*self._on_board(), *self.transient, self.heading]
        gone += [self.note] if self.note else []
        self._play(*(FadeOut(m) for m in gone), run_time=_time(t, 1.0, 0.6))
        self.lines, self.block, self.transient, self.note = [], None, [], None
        self.cursor = self.top
        self._finish(t)

    def step(self, step, t):
        """Write the step; a finding is marked, explained and corrected, all in this beat."""
        if self.show(step, t, share=0.55, finish=False):
            self.correct(t, share=0.35, finish=False)
        self._finish(t)

    def show(self, step, t, share=1.0, finish=True):
        """Write the step. A finding seen for the first time is written as the notes have it,
        marked and explained; returns True then, and correct() must follow."""
        if self.pending:
            self.correct(None, finish=False)
        finding = step.verdict != "correct" and step.corrected_tex
        first = finding and (step.verdict, step.reason) not in self.explained
        written = step.tex if (first or not finding) else step.corrected_tex
        record = self._write(step, written, t, share * (0.6 if first else 1.0))
        if first:
            self.explained.add((step.verdict, step.reason))
            self._mark(step, record, t, share * 0.4)
            self.pending = (step, record)
        else:
            if finding:
                self._box_fix(step, record)
            self._snapshot(f"step {step.id}")
        if finish:
            self._finish(t)
        return bool(first)

    def correct(self, t, share=1.0, finish=True):
        """The correction replaces the marked piece of the finding shown last: the pieces it
        keeps slide to their new places, the mark's box moves onto what replaced the piece."""
        step, record = self.pending
        self.pending = None
        line = self.lines[-1]
        fixed = texdiff.pieces(step.corrected_tex)
        above = self.lines[-2] if len(self.lines) > 1 and line.lead and not line.muted else None
        if above is not None and [p.key for p in above.own] == [p.key for p in fixed]:
            self._withdraw(step, record, fixed, t, share, finish)  # "A = A": the line above is it
            return
        d = texdiff.diff(line.own, fixed)
        lead = line.pieces[: line.lead]
        if lead and lead[-1].key == "?":  # "is it equal?" settled by the correction
            lead = [*lead[:-1], *texdiff.pieces("=")]
        new = _Line(line.step_id, lead + fixed, len(lead), line.muted)
        self._place(new, anchor=("like", line))
        animations, _ = self._scroll_for(new, keep=True)
        pairs = [(k, k) for k in range(len(lead))]
        pairs += [(i + line.lead, j + new.lead) for i, j in d.pairs]
        animations += [ReplacementTransform(line.parts[i], new.parts[j]) for i, j in pairs]
        old_done, new_done = {i for i, _ in pairs}, {j for _, j in pairs}
        animations += [FadeOut(p, scale=0.6) for k, p in enumerate(line.parts) if k not in old_done]
        animations += [FadeIn(p, scale=0.6) for k, p in enumerate(new.parts) if k not in new_done]
        color = palette.VERDICT[step.verdict]
        boxes = self._boxes(_pointed(new.own_parts, d.added, line.own, fixed), color)
        marks = [m for m in self.transient if getattr(m, "is_mark", False)]
        animations += [FadeOut(m) for m in self.transient if m not in marks]  # the underlines
        self.transient = []
        if marks and boxes:
            moved = VGroup(*boxes)
            animations.append(ReplacementTransform(VGroup(*marks), moved))
            self.transient.append(moved)
        else:
            animations += [FadeOut(m) for m in marks] + [FadeIn(b) for b in boxes]
            self.transient += boxes
        self._play(*animations, run_time=_time(t, share * 0.6, 1.0))
        self._settle(new)
        self.lines[-1] = new
        if self.block and self.block.get("first") is line:
            self.block["first"] = new
        record.shown, record.shown_tex = tuple(p.key for p in fixed), _joined(fixed)
        record.fixed = _indices(d.added, line.own, fixed, len(fixed))
        self._snapshot(f"corrected {step.id}")
        if finish:
            self._finish(t)

    def _withdraw(self, step, record, fixed, t, share, finish):
        """A correction that is the line above: take the notes' line away and box that one."""
        line, above = self.lines.pop(), self.lines[-1]
        boxes = self._boxes([above.own_parts], palette.VERDICT[step.verdict])
        gone = [FadeOut(p, shift=0.2 * UP) for p in line.parts]
        gone += [FadeOut(m) for m in self.transient]
        self.transient = boxes
        self._play(*gone, *(FadeIn(b) for b in boxes), run_time=_time(t, share * 0.6, 1.0))
        self.scene.remove(*line.rows)
        self.cursor = min(row.get_bottom()[1] for row in above.rows)
        record.shown, record.shown_tex = tuple(p.key for p in fixed), _joined(fixed)
        record.fixed = tuple(range(len(fixed)))
        self._snapshot(f"corrected {step.id}")
        if finish:
            self._finish(t)

    def _play(self, *animations, run_time):
        self.scene.play(*animations, run_time=run_time)
        self.spent += run_time

    def _finish(self, t):
        """Wait out the rest of the beat t (nothing if the animations took all of it)."""
        left = (getattr(t, "duration", 0.0) or 0.0) - self.spent
        if left > 1e-3:
            self.scene.wait(left)
        self.spent = 0.0

    def play(self, steps, intro=None, narration=None):
        """Play `steps` on this board, one beat per step (two for a finding explained), and
        return (step id, verdict) in order. narration(step, first_time) gives the words: a
        string, or for a finding explained a pair (as written, the correction)."""
        narration = narration or default_narration
        steps = list(steps)
        self.repeats = _count_reasons(steps)
        if intro:
            with _beat(self.scene, intro) as t:
                self.open(t)
        else:
            self.open()  # no words: the heading fades in and the first step's beat follows
        for step in steps:
            first = step.verdict != "correct" and bool(step.corrected_tex) and (
                (step.verdict, step.reason) not in self.explained)  # fmt: skip
            try:
                words = narration(step, first)
            except LookupError:  # a step the notes gained after the lecture's words were written
                words = default_narration(step, first)
            if first and isinstance(words, tuple):
                with _beat(self.scene, words[0]) as t:
                    self.show(step, t)
                with _beat(self.scene, words[1]) as t:
                    self.correct(t)
            else:
                with _beat(self.scene, words if isinstance(words, str) else " ".join(words)) as t:
                    self.step(step, t)
        self.close()
        return list(self.shown)

    # --- writing a step ------------------------------------------------------------------------
    def _write(self, step, written, t, share):
        own = texdiff.pieces(written)
        above = self.lines[-1] if self.lines else None
        continues = step.relation in (":=", "=") or (step.label or "").strip() == "="
        if continues:
            lhs, relation = "", (step.relation or "=") if self.block else ""
        else:
            lhs, relation = split_label(step.label)
            if relation == "?" and (step.verdict == "correct" or written == step.corrected_tex):
                relation = "="  # a claim that holds, or written corrected: the question is settled
        line, completes = self._new_line(step, own, lhs, relation, continues)
        animations, _ = self._scroll_for(line, keep=completes)
        on_board = tuple(x.step_id for x in self.lines)
        carried = 0  # leading parts that are already on the board
        if completes:  # the lone left side's row now carries the relation and this step
            old = self.lines.pop()
            carried = len(old.parts)
            animations += [ReplacementTransform(a, b)
                           for a, b in zip(old.parts, line.parts, strict=False)]  # fmt: skip
        came = set()
        if above is not None and continues:
            for i, j in texdiff.diff(above.own, own).pairs:
                animations.append(TransformFromCopy(above.own_parts[i], line.own_parts[j]))
                came.add(line.lead + j)
        animations += [FadeIn(p, shift=0.15 * DOWN) for k, p in enumerate(line.parts)
                       if k >= carried and k not in came]  # fmt: skip
        self._fade_transient(animations)
        self._play(*animations, run_time=_time(t, share * 0.6, 1.0))
        self._settle(line)
        self.lines.append(line)
        highlighted = texdiff.changed(above.own, own) if above is not None and continues else ()
        underlines = self._underlines([line.own_parts[j] for j in highlighted])
        if underlines:
            self.transient += underlines
            self._play(*(FadeIn(u) for u in underlines), run_time=_time(t, share * 0.2))
        keys = tuple(p.key for p in own)
        record = StepRecord(step.id, step.verdict, False, keys, keys, _joined(own),
                            tuple(highlighted), above=on_board, rows=len(line.rows))  # fmt: skip
        self.records.append(record)
        self.shown.append((step.id, step.verdict))
        return record

    def _settle(self, line):
        """After an animation: the line's rows, not their loose parts, are the scene's."""
        self.scene.remove(*line.parts)
        self.scene.add(*line.rows)
        self.cursor = min(row.get_bottom()[1] for row in line.rows)

    def _new_line(self, step, own, lhs, relation, continues):
        """The _Line of a step, placed; and whether it completes the row of a lone left side."""
        block = self.block
        if continues and block and block["open"]:
            lone = self.lines[-1]
            short = lone.rows[0].get_right()[0] < self.left + 0.45 * self._width()
            if len(lone.rows) == 1 and short:
                rel = texdiff.pieces(relation)
                line = _Line(step.id, lone.pieces + rel + own, len(lone.pieces) + len(rel),
                             lone.muted)  # fmt: skip
                self._place(line, anchor=("like", lone))
                self._start_block(line, len(lone.pieces))
                return line, True
            block.update(rel_x=self.left + INDENT, open=False)  # a long left side: "=" below it
        if continues and block:
            rel = texdiff.pieces(relation)
            line = _Line(step.id, rel + own, len(rel))
            self._place(line, anchor=("relation", block["rel_x"]))
            return line, False
        lead = texdiff.pieces(lhs) if lhs else []
        rel = texdiff.pieces(relation) if relation else []
        line = _Line(step.id, lead + rel + own, len(lead) + len(rel), len(lead) if not rel else 0)
        self._place(line, anchor=("new", len(lead) if rel else None))
        if rel:
            self._start_block(line, len(lead))
        else:
            self.block = {"rel_x": None, "open": True, "first": line}
        return line, False

    def _start_block(self, line, relation_index):
        """The equation continues with its relation under this line's."""
        self.block = {"rel_x": line.parts[relation_index].get_left()[0], "open": False,
                      "first": line}  # fmt: skip

    def _width(self):
        return self.right - self.left

    # --- layout ------------------------------------------------------------------------------
    def _build(self, pieces, muted=0):
        """One row's mobject (a typeset.Formula: one part per piece), coloured by quantity."""
        row = formula(*(p.tex for p in pieces), size=self.size)
        for k, (piece, part) in enumerate(zip(pieces, row.submobjects, strict=True)):
            part.set_fill(piece_color(piece, muted=k < muted), opacity=1.0)
            part.piece = piece
        return row

    def _place(self, line, anchor):
        """Cut the line into rows that fit the board and put them where `anchor` says."""
        muted = line.muted
        whole = self._build(line.pieces, muted)
        kind, where = anchor
        if kind == "like":  # the row of a lone left side, now continued: its pieces stay put
            ref = where.parts[0]
            whole.shift(ref.get_left() - whole[0].get_left())
            whole.shift((ref.get_center()[1] - whole[0].get_center()[1]) * UP)
        elif kind == "relation":
            whole.shift((where - whole[0].get_left()[0]) * RIGHT)
            whole.shift((self.cursor - ROW_GAP - whole.get_top()[1]) * UP)
        else:  # a new equation: its relation at the board's column, its left side before it
            gap = BLOCK_GAP if self.lines else 0.0
            width = whole.width
            before = whole[where].get_left()[0] - whole.get_left()[0] if where is not None else (
                width + RELATION_GAP)  # fmt: skip
            x0 = max(self.left, self.column - before)
            x0 = min(x0, max(self.left, self.right - width))  # rather left than cut
            whole.shift((x0 - whole.get_left()[0]) * RIGHT)
            whole.shift((self.cursor - gap - whole.get_top()[1]) * UP)
        cuts = self._cuts(line, whole)
        if not cuts:
            line.parts, line.rows = list(whole.submobjects), [whole]
        else:
            self._rows(line, whole, cuts)
        if kind == "like":
            self._clear_above(line, where)

    def _clear_above(self, line, replaced):
        """Push a line taking the place of `replaced` down, if it grew into the line above."""
        k = next((k for k, x in enumerate(self.lines) if x is replaced), 0)
        if k == 0:
            return
        limit = min(row.get_bottom()[1] for row in self.lines[k - 1].rows) - ROW_GAP
        top = max(row.get_top()[1] for row in line.rows)
        if top > limit:
            for row in line.rows:
                row.shift((top - limit) * DOWN)

    def _rows(self, line, whole, cuts):
        """The line's rows, cut before the pieces `cuts`: a continuation row is indented."""
        muted = line.muted
        rows, bounds = [], [0, *cuts, len(line.pieces)]
        own_x = whole[line.lead].get_left()[0]
        for r, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
            pieces = line.pieces[a:b]
            if r:  # a binary operator keeps its spacing at the start of a row
                pieces = [replace(pieces[0], prefix="{}" + pieces[0].prefix), *pieces[1:]]
            row = self._build(pieces, max(0, muted - a))
            if r == 0:
                row.shift(whole[0].get_left() - row[0].get_left())
                row.shift((whole[0].get_center()[1] - row[0].get_center()[1]) * UP)
            else:  # indented under the step, or as far left as the row needs to fit
                x = max(self.left, min(own_x + INDENT, self.right - row.width))
                row.shift((x - row.get_left()[0]) * RIGHT)
                row.shift((rows[-1].get_bottom()[1] - ROW_GAP - row.get_top()[1]) * UP)
            rows.append(row)
        line.rows = rows
        line.parts = [part for row in rows for part in row.submobjects]

    def _cuts(self, line, whole):
        """Where the rows of a line too wide for the board end (piece indices), or []."""
        if whole.get_right()[0] <= self.right:
            return []
        own_start = line.lead
        candidates = [(k + own_start, level) for k, level in texdiff.breaks(line.own)]
        cuts, start_x = [], whole[0].get_left()[0]
        right_of = [part.get_right()[0] for part in whole.submobjects]

        def reach(a, b):  # a fraction's rule, drawn with its numerator's last piece, can
            return max(right_of[a:b])  # reach further right than the pieces after it

        indent_x = whole[line.lead].get_left()[0] + INDENT
        while True:
            row_start = cuts[-1] if cuts else 0
            offset = (whole[row_start].get_left()[0] - indent_x) if cuts else 0.0
            if reach(row_start, len(right_of)) - offset <= self.right:
                return cuts
            fits = [(k, level) for k, level in candidates
                    if k > row_start and reach(row_start, k) - offset <= self.right]  # fmt: skip
            if not fits:
                return cuts  # nothing left to break at: the row stays wide (probes report it)
            best = min(level for _, level in fits)
            good = [k for k, level in fits if level == best]
            fill = (reach(row_start, good[-1]) - offset - start_x) / self._width()
            cuts.append(good[-1] if fill > 0.5 or best == 0 else fits[-1][0])

    def _scroll_for(self, line, keep=False):
        """If `line` would reach into the note band: shift it up, and return the animations
        that scroll the board up with it; rows pushed past the top fade. The first row of the
        equation being continued stays (it says what the rows under it equal): where it is, if it
        sits in the board's upper half, else it scrolls up to the top and stops there; the rows
        after it scroll up under it. With keep, the last line on the
        board is left alone (it is being transformed into `line`)."""
        bottom = min(row.get_bottom()[1] for row in line.rows)
        if bottom >= self.bottom:
            return [], 0.0
        shift = self.bottom - bottom
        for row in line.rows:
            row.shift(shift * UP)
        first = self.block.get("first") if self.block else None
        on_board = any(x is first for x in self.lines)
        pinned = on_board and first is not line and not (keep and first is self.lines[-1])
        new_top = max(row.get_top()[1] for row in line.rows)
        lift = 0.0  # how far the pinned row itself moves up: never past the board's top
        if pinned:
            # Low on the board, it scrolls with the rest; and it moves up as far as the new
            # line needs to fit under it. Either way it stops at the top and stays there, so
            # the rows under it never lose what they equal.
            room = self.top - max(row.get_top()[1] for row in first.rows)
            low = first.rows[-1].get_bottom()[1] < (self.top + self.bottom) / 2
            need = new_top - (first.rows[-1].get_bottom()[1] - ROW_GAP)
            lift = max(0.0, min(room, max(need, shift if low else 0.0)))
        if pinned and new_top > first.rows[-1].get_bottom()[1] + lift - ROW_GAP + 1e-6:
            pinned, lift = False, 0.0  # the new line is too tall to fit under it even so
        limit = first.rows[-1].get_bottom()[1] + lift - ROW_GAP if pinned else self.top
        moves, kept, below = [], [], not pinned
        in_block, headless = False, False  # headless: the line above lost its first row
        for k, old in enumerate(self.lines):
            below = below or old is first
            in_block = in_block or old is first
            if pinned and old is first:
                moves += [row.animate.shift(lift * UP) for row in old.rows] if lift else []
                kept.append(old)
                headless = False
                continue
            if (keep and k == len(self.lines) - 1) or (not below and not lift):
                kept.append(old)  # above the pinned row, or being transformed
                headless = False
                continue
            # An earlier equation's "= ..." rows go with its first row: never left without it.
            orphan = headless and not in_block and _continues(old)
            staying = []
            for row in old.rows:
                if orphan or row.get_top()[1] + shift > (limit if below else self.top):
                    moves.append(FadeOut(row, shift=shift * UP))
                else:
                    moves.append(row.animate.shift(shift * UP))
                    staying.append(row)
            headless = orphan or not staying or staying[0] is not old.rows[0]
            old.rows = staying
            if staying:
                kept.append(old)
        moves += [FadeOut(m, shift=shift * UP) for m in self.transient]
        self.lines, self.transient = kept, []
        return moves, shift

    def _on_board(self):
        return [row for line in self.lines for row in line.rows]

    # --- marks -------------------------------------------------------------------------------
    def _mark(self, step, record, t, share):
        """Box the offending pieces (or the place of a missing one) and write the reason."""
        line, color = self.lines[-1], palette.VERDICT[step.verdict]
        fixed = texdiff.pieces(step.corrected_tex)
        d = texdiff.diff(line.own, fixed)
        marks = self._boxes(_pointed(line.own_parts, d.removed, line.own, fixed), color)
        if not d.removed:  # something is missing: mark each place where it goes
            places = sorted({texdiff.insertion_point(d, j) for j in d.added}) or [len(line.own)]
            marks = [self._caret(line, before, color) for before in places]
            record.missing_before = places[0]
        for m in marks:
            m.is_mark = True
        record.marked, record.explained = _indices(d.removed, line.own, fixed, len(line.own)), True
        note = self._note(step, color)
        self.transient += marks
        self._play(*(FadeIn(m) for m in marks), FadeIn(note), run_time=_time(t, share, 0.8))
        self._snapshot(f"marked {step.id}")

    def _box_fix(self, step, record):
        """A slip explained before, written corrected: box the fix, say nothing."""
        written = texdiff.pieces(step.tex)
        line = self.lines[-1]
        d = texdiff.diff(written, line.own)
        boxes = self._boxes(_pointed(line.own_parts, d.added, written, line.own),
                            palette.VERDICT[step.verdict])  # fmt: skip
        record.fixed = _indices(d.added, written, line.own, len(line.own))
        if boxes:
            self.transient += boxes
            self._play(*(FadeIn(b) for b in boxes), run_time=SHORTEST)

    def _note(self, step, color):
        """The reason, in plain words, in the mark's colour, in the band under the board."""
        count = self.repeats.get((step.verdict, step.reason), 1)
        words = f"{VERB[step.verdict]}: {plain(step.reason)}"
        if count > 1:
            words += f" (the notes repeat it on {count} lines)"
        note = _wrapped(words, color, self.right - self.left)
        note.next_to([0, -config.frame_height / 2 + MARGIN + 0.05, 0], UP, buff=0)
        note.set_x((self.left + self.right) / 2)
        animations = [FadeOut(self.note)] if self.note else []
        if animations:
            self._play(*animations, run_time=0.3)
        self.note = note
        return note

    def _boxes(self, runs, color):
        """One box around the glyphs of each run of parts (see _pointed)."""
        boxes = []
        for run in runs:
            x0, y0, x1, y1 = _glyph_box(run)
            box = Rectangle(width=x1 - x0 + 0.12, height=y1 - y0 + 0.12, color=color,
                            stroke_width=3)  # fmt: skip
            boxes.append(box.move_to([(x0 + x1) / 2, (y0 + y1) / 2, 0]))
        return boxes

    def _underlines(self, parts):
        lines = []
        for run in _runs(parts):
            x0, y0, x1, _ = _glyph_box(run)
            lines.append(Line([x0, y0 - 0.07, 0], [x1, y0 - 0.07, 0], color=palette.CHANGED,
                              stroke_width=4))  # fmt: skip
        return lines

    def _caret(self, line, before, color):
        """Where a missing piece goes: a slim box at the left of the piece it comes before."""
        parts = line.own_parts
        x0, y0, x1, y1 = _glyph_box([parts[min(before, len(parts) - 1)]])
        x = x0 - 0.06 if before < len(parts) else x1 + 0.06
        box = Rectangle(width=0.14, height=max(y1 - y0, 0.3) + 0.12, color=color, stroke_width=3)
        return box.move_to([x, (y0 + y1) / 2, 0])

    def _fade_transient(self, animations):
        animations += [FadeOut(m) for m in self.transient]
        if self.note:
            animations.append(FadeOut(self.note))
        self.transient, self.note = [], None

    # --- what the tests read -----------------------------------------------------------------
    def _snapshot(self, moment):
        """The text on screen and the size of every letter and digit, under `moment`."""
        boxes, sizes = [], []
        for line in self.lines:
            for row in line.rows:
                boxes.append((line.step_id, _box(row)))
            for part in line.parts:
                if re.search(r"[A-Z0-9]", part.piece.key) and not part.piece.key.startswith("\\"):
                    sizes.append((part.piece.key, part.height / config.frame_height))
        for name, mob in (("heading", self.heading), ("note", self.note)):
            if mob is not None and mob.family_members_with_points():
                boxes.append((name, _box(mob)))
        self.moments[moment] = {"boxes": boxes, "sizes": sizes}
        if hasattr(self.scene, "key_moments"):
            self.scene.key_moments[moment] = text_boxes(self.scene)


def _joined(pieces):
    """The TeX MathTex received for these pieces (it joins its parts with a space)."""
    return " ".join(p.tex for p in pieces)


def _box(mob):
    (x0, y0, _), (x1, y1, _) = mob.get_corner(DOWN + LEFT), mob.get_corner(UP + RIGHT)
    return (float(x0), float(y0), float(x1), float(y1))


def _pointed(parts, indices, before, after):
    """The parts a mark points at: those at `indices`; all of them when the correction rewrites
    the formula rather than mends a piece (one box, not a box on every other symbol)."""
    if indices and not texdiff.changed(before, after):
        return [list(parts)]
    return _runs([parts[k] for k in indices])


def _indices(indices, before, after, size):
    """The indices of the `size` parts _pointed boxes: all of them for a rewrite."""
    if indices and not texdiff.changed(before, after):
        return tuple(range(size))
    return tuple(indices)


def _glyph_box(parts):
    """(x0, y0, x1, y1) around the glyphs of parts, leaving out fraction rules: a piece that
    ends a numerator carries its fraction's rule, which is not the piece a mark points at."""
    boxes = []
    for part in parts:
        for outline in part.get_subpaths():
            (x0, y0), (x1, y1) = outline[:, :2].min(0), outline[:, :2].max(0)
            if not (y1 - y0 < 0.06 and x1 - x0 > 4 * (y1 - y0)):
                boxes.append((x0, y0, x1, y1))
    if not boxes:  # only a rule (or a minus): its own extent
        return _box(VGroup(*parts))
    x0, y0, x1, y1 = zip(*boxes, strict=True)
    return float(min(x0)), float(min(y0)), float(max(x1)), float(max(y1))


def _runs(parts):
    """Neighbouring parts grouped: a run breaks where the next part is not just right of the
    last (another row, or another place in the formula)."""
    runs = []
    for part in parts:
        last = runs[-1][-1] if runs else None
        near = last is not None and abs(part.get_left()[0] - last.get_right()[0]) < 0.35
        same_row = last is not None and abs(part.get_center()[1] - last.get_center()[1]) < 0.4
        if near and same_row:
            runs[-1].append(part)
        else:
            runs.append([part])
    return runs


def _wrapped(words, color, width):
    """The words in lines that fit `width`, as one label per line."""
    lines, current = [], ""
    for word in words.split():
        trial = f"{current} {word}".strip()
        if current and label(trial, NOTE_SIZE).width > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    group = VGroup(*(label(text, NOTE_SIZE, color) for text in lines))
    return group.arrange(DOWN, aligned_edge=LEFT, buff=0.12)


def _time(t, share, most=1.0):
    """An animation's run time: `share` of the beat, at most `most` s, at least SHORTEST."""
    duration = getattr(t, "duration", 0.0) or 0.0
    return max(SHORTEST, min(most, share * duration))


def _lecture_memory(scene):
    """The findings a lecture has explained so far (one set per scene, across its boards)."""
    if not hasattr(scene, "explained_findings"):
        scene.explained_findings = set()
    return scene.explained_findings


def _count_reasons(steps):
    counts = {}
    for step in steps:
        if step.verdict != "correct":
            counts[(step.verdict, step.reason)] = counts.get((step.verdict, step.reason), 0) + 1
    return counts


class _Silent:
    def __init__(self, duration):
        self.duration = duration


@contextmanager
def _beat(scene, words):
    """The scene's narration beat (scenes/kit/narration.py) if it has one, else a silent beat
    as long as a calm reader needs for the words (the board's calls wait it out)."""
    if hasattr(scene, "beat"):
        with scene.beat(words) as clock:
            yield clock
        return
    yield _Silent(max(1.5, len(words) / 14.0))  # the board waits out the beat itself


def default_narration(step, first_time):
    """Words for a step when the lecture gives none: the line, and a finding's reason."""
    if first_time:
        return (f"Line {step.line} of the notes, as written.", f"{plain(step.reason)}.")
    return f"Line {step.line}."
