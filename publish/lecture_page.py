"""What a lecture's page shows, from what its render wrote: Sources (the files) and page_html.

    sources = Sources.find(media, "calculus", movie=None, quality=None)
    page_html(sources, title, erratum="../../erratum/erratum.html", media=media)

The page's parts, top to bottom: the video with its captions (inlined as a data: URI: Chromium
refuses a <track src> file from a file:// page) and the chapter list; the derivation steps the
lecture showed, in order, each as the notes write it with its verdict, and the correction and
its reason where it is not correct; the loss-surface explorer; the transcript (the beats).
Each step is looked up in today's audit by its id; a step the audit no longer has, or judges
otherwise than the video did, means the video is older than the notes: StaleError, render it again.
"""

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import derivations
from derivations.audit import VERDICTS
from derivations.erratum import _shown
from publish import math_svg
from publish.surface import Explorer
from publish.templates import badge, esc, fill, math, read

SIDECARS = {"captions": ".vtt", "chapters": ".chapters.json", "poster": ".poster.png"}


class InputError(Exception):
    """What the user has to do first, as one message."""


class StaleError(InputError):
    """The video shows a derivation the notes no longer have as it is."""


@dataclass(frozen=True)
class Sources:
    name: str  # the lecture, scenes/NAME.py
    folder: Path  # media/videos/NAME/<quality>
    scene: str  # the Scene class: <Scene>.mp4 and its sidecars

    @classmethod
    def find(cls, media, name, movie=None, quality=None):
        """The render of scenes/NAME.py: `movie` (its mp4, or the folder holding it), else
        media/videos/NAME/`quality`, else the newest render there. InputError if none."""
        render = f"render it first: ./dev video scenes/{name}.py"
        videos = Path(media) / "videos" / name
        if movie and Path(movie).suffix == ".mp4":
            sources = cls(name, Path(movie).parent, Path(movie).stem)
        else:
            if movie or quality:
                records = list((Path(movie) if movie else videos / quality).glob("*.lecture.json"))
            else:
                records = list(videos.glob("*/*.lecture.json"))  # every quality rendered
            if not records:
                raise InputError(f"no rendered lecture in {movie or videos / (quality or '')}; "
                                 f"{render}")  # fmt: skip
            newest = max(records, key=lambda p: p.stat().st_mtime)
            sources = cls(name, newest.parent, newest.name.removesuffix(".lecture.json"))
        for path in (sources.movie, sources.lecture):
            if not path.is_file():
                raise InputError(f"no {path}; {render}")
        return sources

    def beside(self, suffix):
        return self.folder / f"{self.scene}{suffix}"

    movie = property(lambda self: self.beside(".mp4"))
    lecture = property(lambda self: self.beside(".lecture.json"))
    captions = property(lambda self: self.beside(SIDECARS["captions"]))
    chapters = property(lambda self: self.beside(SIDECARS["chapters"]))
    poster = property(lambda self: self.beside(SIDECARS["poster"]))
    video_name = property(lambda self: f"{self.name}.mp4")  # the names in the page's folder
    captions_name = property(lambda self: f"{self.name}.vtt")

    def missing_sidecars(self):
        return [p for p in (self.captions, self.chapters, self.poster) if not p.is_file()]


def read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read {path} ({err}); render it again") from err


def data_uri(path, mime):
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def clock(t):
    """Seconds as m:ss."""
    t = int(t)
    return f"{t // 60}:{t % 60:02d}"


def shown_steps(records, name):
    """The Steps the lecture showed ([{chain, step, verdict}]), each once, in order."""
    rerender = f"render it again: ./dev video scenes/{name}.py"
    chains, steps, seen = {}, [], set()
    for r in records:
        key = (r["chain"], r["step"])
        if key in seen:
            continue
        seen.add(key)
        if r["chain"] not in chains:
            chains[r["chain"]] = {s.id: s for s in derivations.chain(r["chain"])}
        step = chains[r["chain"]].get(r["step"])
        if step is None:
            raise StaleError(f"the video shows step {r['step']}, which the notes no longer "
                             f"have; {rerender}")  # fmt: skip
        if step.verdict != r["verdict"]:
            raise StaleError(f"the video calls step {step.id} (line {step.line}) "
                             f"{r['verdict']}, the notes' audit now {step.verdict}; "
                             f"{rerender}")  # fmt: skip
        steps.append(step)
    return steps


def _groups(steps):
    """[[steps]]: consecutive steps of one chain together (one board of the lecture)."""
    groups = []
    for s in steps:
        if groups and groups[-1][0].id.split(".")[0] == s.id.split(".")[0]:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _tex(s, tex, relation=True):
    """A step as typeset: its label, its relation to the step before (not for a correction,
    which replaces the step's right-hand side), its TeX."""
    return " ".join(f"{s.label} {s.relation if relation else ''} {tex}".split())


def derivation_html(steps, notes):
    """Each chain shown as a heading and its steps, every formula typeset."""
    if not steps:
        return "<p>This lecture shows no derivation of the notes.</p>"
    texs = [_tex(s, s.tex) for s in steps]
    texs += [_tex(s, s.corrected_tex, False) for s in steps if s.corrected_tex is not None]
    typeset = dict(zip(texs, math_svg.render(texs), strict=True))
    parts = []
    for group in _groups(steps):
        lines = sorted({s.line for s in group})
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}"
        chain = group[0].id.split(".")[0]
        parts.append(f"<h3>{esc(notes)}, {where} (the derivation “{esc(chain)}”)</h3>")
        parts.append('<ol class="steps">')
        for s in group:
            body = badge(s.verdict) + math(typeset[_tex(s, s.tex)], s.tex)
            if s.verdict != "correct":
                fix = ("no correction" if s.corrected_tex is None else
                       math(typeset[_tex(s, s.corrected_tex, False)], s.corrected_tex))  # fmt: skip
                body += (f'<div class="fix">corrected: {fix}</div>'
                         f'<div class="reason">{esc(s.reason)}</div>')  # fmt: skip
            parts.append(f'<li><span class="where">line {s.line}</span>'
                         f'<div class="body">{body}</div></li>')  # fmt: skip
        parts.append("</ol>")
    return "\n".join(parts)


def counts_html(steps):
    counts = {}
    for s in steps:
        counts[s.verdict] = counts.get(s.verdict, 0) + 1
    shown = [f"{n} {badge(v)}" for v in VERDICTS if (n := counts.get(v))]
    return f'<span class="counts">{len(steps)} steps: {" ".join(shown)}</span>' if shown else ""


def chapters_html(chapters):
    return "\n".join(
        f'<li tabindex="0" data-start="{c["start"]:.3f}"><span class="at">{clock(c["start"])}'
        f"</span><span>{esc(_title(c['title']))}</span></li>"
        for c in chapters
    )


def _title(section):
    """A section name as a chapter title: 'linear_layer' -> 'Linear layer'."""
    words = section.replace("_", " ")
    return words[:1].upper() + words[1:]


def transcript_html(beats):
    return "\n".join(
        f'<p><a class="at" href="#lecture" data-start="{b["start"]:.3f}">{clock(b["start"])}</a>'
        f"{esc(b['text'])}</p>"
        for b in beats
    )


def _lede(sources, chapters):
    length = clock(chapters[-1]["end"]) if chapters else "?"
    return (f"A {length} lecture in {len(chapters)} chapters, from "
            f"<code>scenes/{esc(sources.name)}.py</code> (rendered at "
            f"{esc(sources.folder.name)}).")  # fmt: skip


def _size(path):
    return f"{Path(path).stat().st_size / 1e6:.1f} MB"


def page_html(sources, title, erratum, media):
    """The lecture page's index.html (the files it names are copied beside it by page.py)."""
    record = read_json(sources.lecture)
    chapters = read_json(sources.chapters)
    steps = shown_steps(record.get("steps", []), sources.name)
    explorer = Explorer.of(sources.name, Path(media) / "trajectories")
    notes_shown = _shown(derivations.notes_path())
    return fill(
        "lecture.html",
        title,
        title=esc(title),
        lede=_lede(sources, chapters),
        erratum=esc(erratum),
        video=esc(sources.video_name),
        video_size=_size(sources.movie),
        captions=data_uri(sources.captions, "text/vtt"),
        captions_file=esc(sources.captions_name),
        chapters=chapters_html(chapters),
        counts=counts_html(steps),
        derivation=derivation_html(steps, notes_shown),
        surface_note=esc(
            explorer.note
            or "Drag to turn it; hover over the path for W, b and J at each recorded epoch."
        )
        if explorer
        else "This lecture fits no single model: there is no surface to explore.",
        surface=explorer.html() if explorer else "",
        transcript=transcript_html(record.get("beats", [])),
        footer=f"Built by <code>python -m publish page scenes/{esc(sources.name)}.py</code> from "
        f"{esc(sources.movie.name)} and the audit of {esc(notes_shown)}.",
        script=read("lecture.js"),
    )
