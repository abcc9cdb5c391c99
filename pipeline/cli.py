"""The command line. The only place that turns errors into messages and exit codes:
0 all good, 1 some input failed, 2 usage or configuration error, 130 interrupted."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn Chinese talk transcripts into clean text, topic sections, notes and claims.")
cache_app = typer.Typer(help="The LLM response cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")

_debug = False
_console = False  # set by main(): this process is the console script and owns its signals


def _settled() -> None:
    """The batch is over and its outcome decided: from here a Ctrl-C (one sent as the last file
    finished, say) would only turn a finished run into a traceback or a signal death while the
    summary prints and the interpreter exits. Only the console script does this; an in-process
    caller (tests, CliRunner) keeps its own Ctrl-C."""
    if _console:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"subnotes {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for internal errors.")] = False,
) -> None:
    global _debug
    _debug = debug


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"subnotes: {message}", err=True)
    raise typer.Exit(code)


def _settings(**flags: Any):
    from pipeline.config import load_settings
    from pipeline.errors import ConfigError

    clean = {k: flags.pop(k) for k in ("keep_fillers", "script", "lexicons") if k in flags}
    seg = {k: flags.pop(k) for k in ("segments",) if k in flags}
    nested = {"clean": {k: v for k, v in clean.items() if v is not None and v != ()},
              "segment": {k: v for k, v in seg.items() if v is not None}}
    try:
        return load_settings({**{k: v for k, v in flags.items() if v is not None}, **nested})
    except ConfigError as exc:
        _fail(str(exc))


BackendOpt = Annotated[str | None, typer.Option("--backend", "-b", help="Backend name (see `subnotes backends`).")]
ModelOpt = Annotated[str | None, typer.Option("--model", "-m", help="Model name for an LLM backend.")]
BaseUrlOpt = Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server URL.")]
LexiconOpt = Annotated[list[Path] | None, typer.Option("--lexicon", help="User lexicon file (repeatable).")]
KeepOpt = Annotated[bool | None, typer.Option("--keep-fillers/--drop-fillers", help="Keep fillers and repeats.")]
SegOpt = Annotated[str | None, typer.Option("--segments", help="auto, a number of sections, or minutes like 5m.")]


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("notes"),
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Files processed in parallel.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo files whose outputs are up to date.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the LLM response cache.")] = False,
    keep_fillers: KeepOpt = None,
    lexicon: LexiconOpt = None,
    segments: SegOpt = None,
    html: Annotated[bool | None, typer.Option("--html/--no-html", help="Also write NAME.html.")] = None,
    mindmap: Annotated[bool | None, typer.Option("--mindmap/--no-mindmap",
                                                 help="Also write NAME.opml (a mind map).")] = None,
    max_input_mb: Annotated[float | None, typer.Option("--max-input-mb", min=0.001)] = None,
) -> None:
    """Write OUT/NAME.md and OUT/NAME.notes.json for every input."""
    from pipeline.backends import registry
    from pipeline.errors import SubnotesError
    from pipeline.run import collect

    settings = _settings(backend=backend, model=model, base_url=base_url, jobs=jobs, force=force or None,
                         no_cache=no_cache or None, keep_fillers=keep_fillers, html=html, mindmap=mindmap,
                         lexicons=tuple(str(p) for p in lexicon or ()), segments=segments,
                         max_input_mb=max_input_mb)
    try:
        registry.create(settings.backend, **_backend_kwargs(settings))
    except SubnotesError as exc:
        _fail(str(exc))
    job_list, missing = collect(paths, out)
    for m in missing:
        typer.echo(f"subnotes: {m}: no such file or folder", err=True)
    if not job_list and missing:  # every input named failed to be found: inputs that failed
        raise typer.Exit(1)
    if not job_list:
        _fail(f"no input files found (looked for {', '.join(sorted(_suffixes()))})")
    code = _drive(job_list, settings, failed_before=bool(missing))
    raise typer.Exit(code)


def _suffixes() -> set[str]:
    from pipeline.ingest import SUFFIXES

    return set(SUFFIXES)


def _backend_kwargs(settings) -> dict:
    from pipeline.run import backend_settings

    return backend_settings(settings)


def _drive(job_list, settings, failed_before: bool) -> int:
    from pipeline.render.progress import Reporter
    from pipeline.run import run_batch

    counts = {"done": 0, "skipped": 0, "failed": 0}
    usage = {"calls": 0, "cached": 0, "prompt_tokens": 0, "completion_tokens": 0}
    t0 = time.perf_counter()
    reporter = Reporter(len(job_list))
    interrupted = False
    try:
        with reporter:
            for res in run_batch(job_list, settings, debug=_debug):
                counts[res.status] += 1
                for k in usage:
                    usage[k] += res.usage.get(k, 0)
                reporter.result(res)
        _settled()
    except KeyboardInterrupt:
        interrupted = True
        _settled()
    secs = time.perf_counter() - t0
    summary = f"{counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed in {secs:.1f}s"
    if usage["calls"] or usage["cached"]:
        summary += (f"; model calls {usage['calls']} ({usage['cached']} cached), tokens "
                    f"{usage['prompt_tokens']} prompt + {usage['completion_tokens']} completion")
    if interrupted:
        typer.echo(f"interrupted: {summary}; run again to finish the rest", err=True)
        return 130
    typer.echo(summary, err=True)
    return 1 if counts["failed"] or failed_before else 0


def _load_one(file: Path):
    from pipeline.errors import SubnotesError
    from pipeline.ingest import ingest

    try:
        return ingest(file)
    except SubnotesError as exc:
        _fail(str(exc), 1)


@app.command("clean")
def clean_cmd(
    file: Path,
    to: Annotated[str, typer.Option("--to", help="text or srt")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    keep_fillers: KeepOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Print the cleaned text (or write a cleaned SRT that keeps every cue's timing)."""
    from pipeline.backends import registry
    from pipeline.clean import clean

    if to not in ("text", "srt"):
        _fail(f"--to must be text or srt, not {to!r}")
    settings = _settings(keep_fillers=keep_fillers, lexicons=tuple(str(p) for p in lexicon or ()))
    doc = _load_one(file)
    cleaned = clean(doc, settings.clean, registry.create("offline"))
    if to == "srt":
        from pipeline.render.subtitles import to_srt

        text = to_srt(doc, cleaned)
    else:
        text = "\n".join(s.text for s in cleaned.sentences) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        from pipeline.outputs import write_atomic

        write_atomic(output, text, {file.resolve()})


@app.command("segment")
def segment_cmd(file: Path, segments: SegOpt = None) -> None:
    """Print the topic segments (time, title, first words)."""
    from pipeline.backends import registry
    from pipeline.clean import clean
    from pipeline.render.labels import clock
    from pipeline.segment import segment

    settings = _settings(segments=segments)
    doc = _load_one(file)
    cleaned = clean(doc, settings.clean, registry.create("offline"))
    for seg in segment(cleaned, settings.segment, registry.create("offline")).segments:
        when = f"{clock(seg.time[0])}-{clock(seg.time[1])}" if seg.time else f"@{seg.start}"
        first = cleaned.sentences[seg.first_sentence].text[:30]
        typer.echo(f"{seg.index + 1:>3}  {when:<15} {seg.title}  | {first}")


@app.command()
def schema(which: Annotated[str, typer.Argument(help="notes or claims")] = "notes") -> None:
    """Print the JSON Schema of the notes document (or of one claim)."""
    import json

    from pydantic import BaseModel

    from pipeline.models import Claim, Notes

    models: dict[str, type[BaseModel]] = {"notes": Notes, "claims": Claim, "claim": Claim}
    if which not in models:
        _fail(f"unknown schema {which!r}; choose notes or claims")
    typer.echo(json.dumps(models[which].model_json_schema(), ensure_ascii=False, indent=1))


@app.command()
def backends() -> None:
    """List the installed backends."""
    from pipeline.backends import registry

    for name, target in sorted(registry.available().items()):
        typer.echo(f"{name:<10} {target}")


@cache_app.command("clear")
def cache_clear() -> None:
    """Empty the response cache and the stored tables (jieba's dictionary, pinyin)."""
    from pipeline.backends.cache import clear
    from pipeline.config import load_settings
    from pipeline.zh import tables as stored_tables

    cache_dir = load_settings().cache_dir
    n = clear(cache_dir)
    tables = stored_tables.clear(cache_dir)
    typer.echo(f"removed {n} cached responses and {tables} stored tables")


@cache_app.command("path")
def cache_path() -> None:
    """Print where the cache lives."""
    from pipeline.backends.cache import default_path
    from pipeline.config import load_settings

    typer.echo(str(default_path(load_settings().cache_dir)))


def main() -> None:
    """Console-script entry point: typer's own usage errors exit 2, ours as documented."""
    global _console
    _console = True
    app()
