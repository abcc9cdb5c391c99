"""One file through the stages, and the batch loop around it.

``process`` is the whole pipeline for one Document, usable in-process. ``run_file`` adds the
file-system side (up-to-date check, atomic writes); ``run_batch`` runs many, in parallel
processes with ``jobs > 1``, and reports each result as it comes so a failure never stops the rest.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.config import Settings
from pipeline.errors import SubnotesError
from pipeline.ingest import SUFFIXES
from pipeline.models import Document, Notes, RunInfo
from pipeline.outputs import marked, output_stem, write_atomic
from pipeline.zh import tables

if TYPE_CHECKING:
    from pipeline.backends.base import Backend

log = logging.getLogger("subnotes.run")

SKIP_SUFFIXES = (".notes.json",)


@dataclass
class Job:
    path: Path
    rel: Path
    stem: Path


@dataclass
class Result:
    job: Job
    status: str  # done | skipped | failed
    seconds: float = 0.0
    error: str | None = None
    outputs: list[Path] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)
    degraded: list[str] = field(default_factory=list)


def _known(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in SUFFIXES and not name.endswith(SKIP_SUFFIXES) and not name.startswith(".")


def collect(paths: list[str], out_dir: Path) -> tuple[list[Job], list[str]]:
    """Files, folders (recursive, known extensions) and globs → jobs; also what matched nothing."""
    jobs: list[Job] = []
    missing: list[str] = []
    out_resolved = out_dir.resolve()
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            root = p
            nested_out = root.resolve() in out_resolved.parents  # -o inside the input folder
            found = sorted(f for f in p.rglob("*") if f.is_file() and _known(f)
                           and not (nested_out and out_resolved in f.resolve().parents))
            jobs += [Job(f, f.relative_to(root), Path()) for f in found]
        elif p.is_file():
            jobs.append(Job(p, Path(p.name), Path()))
        else:
            hits = sorted(Path(h) for h in glob.glob(arg, recursive=True) if Path(h).is_file())
            if hits:
                jobs += [Job(h, Path(h.name), Path()) for h in hits if _known(h)]
            else:
                missing.append(arg)
    seen: dict[Path, Job] = {}
    unique: list[Job] = []
    for job in jobs:
        key = job.path.resolve()
        if key in seen:
            continue
        seen[key] = job
        unique.append(job)
    taken: dict[Path, int] = {}
    for job in unique:
        stem = output_stem(out_dir, job.rel)
        n = taken.get(stem, 0)
        taken[stem] = n + 1
        if n:  # two inputs with one name (a.srt, a.txt): keep the extension in the second
            stem = stem.with_name(f"{stem.name}.{job.path.suffix.lstrip('.') or 'x'}{'' if n == 1 else n}")
        job.stem = stem
    return unique, missing


def input_key(raw: bytes, fingerprint: dict) -> str:
    h = hashlib.sha256(raw)
    h.update(json.dumps(fingerprint, sort_keys=True).encode())
    h.update(__version__.encode())
    return h.hexdigest()


def process(doc: Document, settings: Settings, backend: Backend | None = None, key: str = "") -> Notes:
    """Run every stage on one document."""
    from pipeline.backends import registry
    from pipeline.clean import clean
    from pipeline.notes import extract_claims, outline
    from pipeline.notes.qa import questions
    from pipeline.segment import segment

    if backend is None:
        backend = registry.create(settings.backend, **backend_settings(settings))
    cleaned = clean(doc, settings.clean, backend)
    segmentation = segment(cleaned, settings.segment, backend)
    segments = segmentation.segments
    notes_outline = outline(cleaned, segments, backend)
    claims = extract_claims(cleaned, segments, backend, title=doc.meta.title)
    qa = questions(cleaned)
    degraded = [*cleaned.degraded, *segmentation.degraded, *notes_outline.degraded, *claims.degraded]
    for d in degraded:
        log.warning("%s: the model failed (%s); the offline result stands in", d.stage, d.reason)
    secret = settings.api_key.get_secret_value() if settings.api_key is not None else ""
    model = backend.model.replace(secret, "***") if backend.model and len(secret) >= 8 else backend.model
    run = RunInfo(backend=backend.name, model=model, version=__version__, key=key,
                  created=datetime.now(UTC).isoformat(timespec="seconds"), options=public_options(settings))
    return Notes(source=doc.source, meta=doc.meta, run=run, clean_text=cleaned.clean_text, edits=cleaned.edits,
                 candidates=cleaned.candidates, sentences=cleaned.sentences, segments=segments,
                 outline=notes_outline, claims=claims.claims, qa=qa, degraded=degraded,
                 usage=backend.usage.model_copy())


def public_options(settings: Settings) -> dict[str, Any]:
    """The fingerprint as written into the notes: a URL's ``user:password@`` part (people paste
    keys there) is dropped, and the API key is masked wherever it occurs."""
    from urllib.parse import urlsplit, urlunsplit

    opts = settings.fingerprint()
    url = opts.get("base_url")
    if isinstance(url, str) and "@" in url:
        parts = urlsplit(url)
        opts["base_url"] = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))
    secret = settings.api_key.get_secret_value() if settings.api_key is not None else ""
    if len(secret) >= 8:
        opts = json.loads(json.dumps(opts).replace(secret, "***"))
    return opts


def backend_settings(settings: Settings) -> dict[str, Any]:
    return {"model": settings.model, "base_url": settings.base_url, "api_key": settings.api_key,
            "timeout": settings.timeout, "retries": settings.retries, "concurrency": settings.concurrency,
            "cache_dir": settings.cache_dir, "use_cache": not settings.no_cache}


def up_to_date(stem: Path, key: str, html: bool, mindmap: bool = False) -> bool:
    try:
        data = json.loads(stem.with_name(stem.name + ".notes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    outs = [stem.with_name(stem.name + ".md")] + ([stem.with_name(stem.name + ".html")] if html else [])
    outs += [stem.with_name(stem.name + ".opml")] if mindmap else []
    return data.get("run", {}).get("key") == key and all(p.is_file() for p in outs)


def run_file(job: Job, settings: Settings, protected: set[Path]) -> Result:
    from pipeline.ingest import ingest_bytes
    from pipeline.ingest.detect import read
    from pipeline.render import markdown

    t0 = time.perf_counter()
    raw, _ = read(job.path, int(settings.max_input_mb * 2**20))
    key = input_key(raw, settings.fingerprint())
    if not settings.force and up_to_date(job.stem, key, settings.html, settings.mindmap):
        return Result(job, "skipped", time.perf_counter() - t0)
    doc = ingest_bytes(raw, str(job.path), suffix=job.path.suffix.lower())
    notes = process(doc, settings, key=key)
    stem = job.stem
    md = stem.with_name(stem.name + ".md")
    outs = [(md, marked(md, markdown.render(notes)))]
    if settings.html:
        from pipeline.render import html

        page = stem.with_name(stem.name + ".html")
        outs.append((page, marked(page, html.render(notes, doc))))
    if settings.mindmap:
        from pipeline.render import opml

        tree = stem.with_name(stem.name + ".opml")
        outs.append((tree, opml.render(notes)))
    outs.append((stem.with_name(stem.name + ".notes.json"), notes.model_dump_json(indent=1)))
    for path, data in outs:  # the JSON last: it is what marks the set complete
        write_atomic(path, data, protected)
    return Result(job, "done", time.perf_counter() - t0, outputs=[p for p, _ in outs],
                  usage=notes.usage.model_dump(), degraded=[d.stage for d in notes.degraded])


def _safe_run(job: Job, settings: Settings, protected: set[Path], debug: bool = False) -> Result:
    """run_file with every failure turned into a failed Result (one line, no traceback)."""
    t0 = time.perf_counter()
    try:
        return run_file(job, settings, protected)
    except SubnotesError as exc:
        msg = str(exc) if exc.path else f"{job.path}: {exc}"
    except RecursionError:
        msg = f"{job.path}: input too deeply nested"
    except MemoryError:
        msg = f"{job.path}: out of memory"
    except Exception as exc:  # last resort: a bug must cost one file, not the batch
        msg = f"{job.path}: internal error: {type(exc).__name__}: {exc}"
        if debug:
            import traceback

            msg += "\n" + traceback.format_exc()
    return Result(job, "failed", time.perf_counter() - t0, error=msg)


def run_batch(jobs: list[Job], settings: Settings, *, debug: bool = False,
              on_start: Callable[[Job], None] | None = None) -> Iterator[Result]:
    """Yield one Result per job as each finishes. Stops cleanly on KeyboardInterrupt."""
    tables.place(settings.cache_dir)
    yield from _batch(jobs, settings, debug=debug, on_start=on_start)


def _batch(jobs: list[Job], settings: Settings, *, debug: bool = False,
           on_start: Callable[[Job], None] | None = None) -> Iterator[Result]:
    protected = {j.path.resolve() for j in jobs}
    if settings.jobs <= 1 or len(jobs) <= 1:
        for job in jobs:
            if on_start:
                on_start(job)
            yield _safe_run(job, settings, protected, debug)
        return
    from functools import partial

    from pipeline.workers import parallel

    workers = min(settings.jobs, len(jobs), os.cpu_count() or 1) or 1
    yield from parallel(partial(_safe_run, settings=settings, protected=protected, debug=debug), jobs, workers,
                        size=_size, failed=_worker_failed, init=tables.place, init_args=(settings.cache_dir,))


def _worker_failed(job: Job, exc: BaseException) -> Result:
    return Result(job, "failed", error=f"{job.path}: worker failed: {type(exc).__name__}")


def _size(job: Job) -> int:
    try:
        return job.path.stat().st_size
    except OSError:
        return 0
