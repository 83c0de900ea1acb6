"""media/site/NAME/index.html: a lecture's page, one folder that opens from file:// offline.

    python -m publish page scenes/NAME.py [MOVIE.mp4 | FOLDER] [--quality-folder 480p15]
                                          [--media media]

It reads what the render and `python -m publish video` wrote beside the movie (by default the
newest media/videos/NAME/<quality>/<Scene>.lecture.json): <Scene>.mp4, .vtt (captions),
.chapters.json, .poster.png and .lecture.json (beats, and the derivation steps shown with
their verdicts). It writes the page's folder: the video (copied), its poster and captions, the
chapter list, the derivation as checked with its math as SVG (publish/math_svg.py), the
loss-surface explorer (publish/surface.py, with plotly.min.js beside it), and the transcript;
then the erratum (publish/erratum_page.py) and the index of lectures (publish/site_index.py),
which the page links to. The folder is built under a temporary name and renamed into place:
a failure leaves the old page, or none.

Exit 2, with the fix on stderr: an unknown scene file; a lecture not rendered (or rendered
before the notes changed what it shows); the video not packaged; no node/MathJax.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

from derivations import NotesError, audit, notes_path
from publish import erratum_page, math_svg, site_index
from publish.folders import replace_folder
from publish.lecture_page import InputError, Sources, page_html
from publish.surface import write_plotly_js


def main_page(argv) -> int:
    args = _parser().parse_args(argv)
    try:
        path = build(args.scene, args.movie, args.quality_folder, Path(args.media))
    except (InputError, NotesError, math_svg.MathError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"page: {path}")
    return 0


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m publish page", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scene", help="the lecture's file, scenes/NAME.py")
    parser.add_argument("movie", nargs="?", help="its rendered mp4, or the folder holding it")
    parser.add_argument("--quality-folder", help="e.g. 480p15 (default: the newest render)")
    parser.add_argument("--media", default="media", help="the media folder (default: media)")
    return parser


def build(scene, movie, quality, media):
    """Write media/site/NAME/, then the erratum and the index; return the page's path."""
    name = _lecture(scene)
    sources = Sources.find(media, name, movie, quality)
    _ensure_packaged(sources)
    site, erratum = media / "site", media / "erratum"
    title = site_index.lecture_title(site_index.SCENES / f"{name}.py")
    # The page first: it refuses a video older than the notes before anything is written.
    html = page_html(sources, title, erratum=os.path.relpath(erratum / "erratum.html", site / name),
                     media=media)  # fmt: skip
    replace_folder(site / name, lambda folder: _write(folder, sources, html))
    erratum_page.write(erratum, audit(notes_path()), linked=True)  # the index follows
    site_index.write(site)
    return site / name / "index.html"


def _lecture(scene):
    """NAME of scenes/NAME.py, or InputError listing the lectures."""
    path = Path(scene)
    if path.suffix != ".py" or path.stem not in site_index.lectures():
        known = " ".join(f"scenes/{n}.py" for n in site_index.lectures())
        raise InputError(f"no lecture {scene!r}; choose one of: {known}")
    return path.stem


def _ensure_packaged(sources):
    """The captions, chapters and poster beside the movie, made again by publish/video.py (in
    under a second, and idempotent): a render by hand leaves the last ones beside a new video."""
    from publish.video import InputError as VideoInputError
    from publish.video import package

    try:
        package(sources.movie)
    except VideoInputError as err:
        raise InputError(str(err)) from err  # it names the fix already
    except (OSError, RuntimeError, ValueError) as err:
        raise InputError(f"packaging {sources.movie} failed ({err}); see "
                         f"python -m publish video {sources.movie}") from err  # fmt: skip
    if missing := sources.missing_sidecars():
        raise InputError(f"packaging wrote no {', '.join(map(str, missing))}; run "
                         f"python -m publish video {sources.movie}")  # fmt: skip


def _write(folder, sources, html):
    """The page's folder: index.html, the video and what it shows beside it."""
    shutil.copyfile(sources.movie, folder / sources.video_name)
    shutil.copyfile(sources.poster, folder / "poster.png")
    shutil.copyfile(sources.captions, folder / sources.captions_name)
    write_plotly_js(folder)
    (folder / "index.html").write_text(html, encoding="utf-8")
