"""The Scene every lecture is built on: a plain Manim Scene, or a manim-slides Slide.

`./dev slides` (publish/deck.py) renders with SLIDES=1; then a lecture is a manim-slides Slide,
every beat starts a slide and its narration becomes the presenter's notes. Otherwise
(`manim render`, `./dev video`, the tests) it is a plain Scene whose next_slide does nothing, so a
video render needs no manim-slides and plays exactly the same animations: the deck reuses the
video's partial movies (media/videos/NAME/QUALITY/partial_movie_files/<Scene>/).

A SLIDES render writes nothing the video owns. Its slides (<Scene>.json and files/<Scene>/*.mp4)
go to $SLIDES_DIR (default ./slides), and the movie Manim always writes goes to
$SLIDES_DIR/video/ with its .srt and .lecture.json (the movie itself is not joined: the
video's is already rendered): the video's mp4, subtitles, sections JSON and .lecture.json
under media/videos/ stay as the plain render left them.
"""

import os
from pathlib import Path

from manim import DefaultSectionType, Scene, config

SLIDES = os.environ.get("SLIDES") == "1"

if SLIDES:
    from scenes.kit.slides_compat import Slide

    NORMAL = DefaultSectionType.NORMAL

    class Base(Slide):
        """A manim-slides Slide: a slide starts at each next_slide (each beat), not at sections."""

        skip_reversing = True  # HTML and PDF decks never play a slide backwards: no *_reversed.mp4

        def __init__(self, *args, **kwargs):
            folder = Path(os.environ.get("SLIDES_DIR", "slides")).absolute()
            # Both are read once, in Scene.__init__. An absolute output file puts the movie in
            # the slides' folder (the partial movies stay keyed by the scene's name, so they are
            # the video's); no section videos: a slide is cut from the partial movies.
            config.output_file = str(folder / "video" / type(self).__name__)
            config.save_sections = False
            super().__init__(*args, output_folder=folder, **kwargs)
            # The slides are cut from the partial movies; the whole movie Manim would join from
            # them is the video's, already rendered: joining it again only costs time.
            self.renderer.file_writer.combine_to_movie = lambda: None

        def add_sound(self, *args, **kwargs):
            pass  # a deck's slides play without sound: the lecturer speaks

        def next_section(self, name="unnamed", section_type=NORMAL, skip_animations=False):
            # manim-slides makes every section a slide too; a lecture's section starts with a
            # beat, so that would only cut empty or narration-less slides: one slide per beat.
            Scene.next_section(self, name, section_type, skip_animations)

else:

    class Base(Scene):
        """A Scene that ignores slide breaks (the same calls as manim-slides' Slide)."""

        def next_slide(self, *args, **slide_options):
            pass
