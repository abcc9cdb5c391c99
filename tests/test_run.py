"""pipeline.run.process: every stage on one document, and what each stage reports of a model
that failed comes back in the notes (a stage's return value, not a changed backend)."""

from collections.abc import Mapping
from pathlib import Path

from pipeline.backends.base import Backend, T
from pipeline.config import load_settings
from pipeline.errors import BackendError
from pipeline.ingest import ingest
from pipeline.models import Usage
from pipeline.run import process

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


class Failing(Backend):
    """A model backend whose every call fails for good."""

    name = "failing"

    def __init__(self) -> None:
        self.model = "m"
        self.usage = Usage()
        self.asked: list[str] = []

    @property
    def is_model(self) -> bool:
        return True

    def ask(self, task: str, variables: Mapping[str, str], schema: type[T]) -> T | None:
        self.asked.append(task)
        raise BackendError(f"{task}: HTTP 500")


def test_an_offline_run_is_complete_and_not_degraded():
    notes = process(ingest(FIX / "clvts-00-cut.srt"), load_settings(config_path=None))
    assert notes.degraded == [] and notes.run.backend == "offline"
    assert notes.segments and notes.outline.sections and notes.sentences


def test_failed_calls_come_back_as_each_stage_degraded():
    backend = Failing()
    doc = ingest(FIX.parent / "clean" / "talk-excerpt.txt")
    settings = load_settings(config_path=None)
    notes = process(doc, settings, backend=backend)
    assert [d.stage for d in notes.degraded] == ["clean", "segment", "outline", "claims"]
    assert all("HTTP 500" in d.reason for d in notes.degraded)
    assert set(backend.asked) == {"correct", "segment", "outline", "claims"}
    assert not hasattr(backend, "degraded")
    offline = process(doc, settings)
    assert notes.clean_text == offline.clean_text and notes.segments == offline.segments
    assert "degraded" not in notes.model_dump(mode="json")["outline"]
