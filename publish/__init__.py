"""Publish a rendered lecture: the video with chapters and captions, the slide deck, the page.

    python -m publish video MOVIE.mp4     chapters, soft subtitles and a poster, beside the mp4
    python -m publish slides scenes/NAME.py [manim options]   the reveal.js deck and a PDF handout
    python -m publish page scenes/NAME.py  media/site/NAME/index.html (and the index of lectures)
    python -m publish erratum              media/erratum/erratum.html

It reads what the render wrote (the mp4, its .srt, sections/<Scene>.json, <movie>.lecture.json)
and computes nothing a lecture shows: data flows derivations/fitting -> scenes -> publish.
"""
