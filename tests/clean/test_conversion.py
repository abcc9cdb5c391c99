"""The script pass converts the whole text in one call and reads it line by line."""

from pipeline.clean import conversion
from pipeline.clean.textmap import Change
from pipeline.zh import script

TEXT = "頭髮乾了，下集再見\n\n這個後來發現\r\n軟體裡面的資料庫"


def _line_by_line(text: str) -> list[Change]:
    """Each line converted on its own: what one call for the whole text must come to."""
    out, at = [], 0
    for line in text.split("\n"):
        out += conversion._line_changes(at, line, script.convert(line, "simplified"), "t2s")
        at += len(line) + 1
    return out


def test_one_call_converts_each_line_as_it_would_alone():
    for cut in range(len(TEXT) + 1):
        text = TEXT[:cut] + "\n" + TEXT[cut:]  # a break inside a phrase (頭\n髮) splits it
        found = [c for c in conversion.changes(text, "simplified") if c.origin == "opencc"]
        assert found == _line_by_line(text), text


def test_a_line_whose_length_changes_is_one_change():
    (change,) = conversion._line_changes(5, "abc", "abcd", "t2s")
    assert (change.start, change.end, change.after) == (5, 8, "abcd")
