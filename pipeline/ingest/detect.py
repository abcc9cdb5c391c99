"""Decode an input file and tell its format.

Decoding is strict: a BOM decides; otherwise UTF-8 if the bytes are valid UTF-8; otherwise
UTF-16 without BOM when the byte pattern shows it; otherwise charset-normalizer's best guess among
the Chinese encodings, accepted only when it decodes the whole file with little noise. Anything
else is an InputError naming the file, never a silently wrong guess.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.errors import InputError
from pipeline.models import Format
from pipeline.zh.chars import HAN_CHAR

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x7fELF", b"ID3", b"RIFF", b"fLaC")
_TIMING = re.compile(r"\d+:\d{2}(?::\d{2})?[,.]\d{1,3}\s*-->\s*\d")
SUFFIXES = {".txt": "txt", ".srt": "srt", ".vtt": "vtt", ".json": "json"}


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding) with the BOM removed and line ends made ``\\n``."""
    if not raw.strip():
        raise InputError("the file is empty", path=path)
    if any(raw.startswith(m) for m in _MAGIC):
        raise InputError("this is a binary file (image, audio or archive), not a transcript", path=path)
    text = enc = None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                text, enc = raw[len(bom):].decode(name.replace("-sig", "")), name
            except UnicodeDecodeError as exc:
                raise InputError(f"has a {name} byte-order mark but is not valid {name} "
                                 f"(byte {exc.start})", path=path) from exc
            break
    if text is None:
        text, enc = _decode_unmarked(raw, path)
    if "\x00" in text:
        raise InputError("contains NUL characters: a binary file, or a mis-detected encoding", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc or "utf-8"


def _decode_unmarked(raw: bytes, path: str) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    head = raw[:4000]
    evens, odds = head[0::2], head[1::2]
    if len(head) >= 4 and head.count(0) > len(head) // 8:
        name = "utf-16-le" if odds.count(0) > evens.count(0) else "utf-16-be"
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            pass
    cjk = _best_chinese(raw)
    if cjk is not None:
        return cjk
    from charset_normalizer import from_bytes  # deferred: only legacy files need it

    best = from_bytes(raw, cp_isolation=["cp1252", "utf_16"]).best()
    if best is not None and best.chaos < 0.2 and best.encoding.replace("_", "-") in ("cp1252", "utf-16"):
        name = best.encoding.replace("_", "-")
        try:
            text = raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and not HAN_CHAR.search(text):
            return text, name
    raise InputError(f"cannot tell the text encoding (not UTF-8 at byte {utf8_error.start}, "
                     "nor UTF-16 or GB18030)", path=path)


def _common_han(ch: str) -> bool:
    """In the first level of GB2312 or of Big5: the few thousand characters most text is made of.
    Mojibake from the wrong one of the two lands mostly outside them."""
    for enc, lo, hi in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
        try:
            b = ch.encode(enc)
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and lo <= b[0] <= hi:
            return True
    return False


def _best_chinese(raw: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes strictly into mostly common Han characters; None when
    neither does (so the caller reports it rather than guess)."""
    best = None
    for name in ("gb18030", "big5"):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        han = HAN_CHAR.findall(text[:20000])
        if not han:
            continue
        score = sum(map(_common_han, han)) / len(han)
        if score >= 0.85 and (best is None or score > best[0]):
            best = (score, text, name)
    return (best[1], best[2]) if best else None


def sniff(text: str, suffix: str, path: str) -> Format:
    """Tell the format from content first, the file name second."""
    head = text.lstrip()[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith(("{", "[")) and suffix in (".json", ".txt", ""):
        return _json_kind(text, path)
    if _TIMING.search(head):
        return "srt"
    if suffix == ".srt":
        raise InputError("no subtitle timing line (00:00:01,000 --> 00:00:02,000) found", path=path)
    if suffix == ".vtt":
        raise InputError("a .vtt file must start with WEBVTT", path=path)
    if suffix == ".json":
        raise InputError("not JSON", path=path)
    return "txt"


def _json_kind(text: str, path: str) -> Format:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path=path, position=f"line {exc.lineno}") from exc
    if isinstance(data, dict):
        if isinstance(data.get("body"), list):
            return "bilibili-json"
        if isinstance(data.get("segments"), list):
            return "whisper-json"
        if isinstance(data.get("transcription"), list):
            return "tingwu-json"
    if isinstance(data, list) and data and isinstance(data[0], dict) and {"start", "text"} <= data[0].keys():
        return "whisper-json"
    raise InputError("JSON that is not a transcript (expected Bilibili 'body', Whisper 'segments' "
                     "or 通义听悟 'transcription')", path=path)


def read(path: Path, max_bytes: int | None = None) -> tuple[bytes, str]:
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"is {size / 2**20:.1f} MB, over the limit of {max_bytes / 2**20:.0f} MB "
                             "(raise it with --max-input-mb)", path=str(path))
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
