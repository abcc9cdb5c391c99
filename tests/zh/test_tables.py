"""Stored tables: built once, read back equal, rebuilt when stale or damaged, never a failure."""

import json
import os
import subprocess
import sys
import time

import pytest

from pipeline.zh import tables as tablecache


@pytest.fixture
def where(tmp_path):
    tablecache.place(str(tmp_path))
    yield tmp_path / tablecache.SUBFOLDER
    tablecache.place(None)


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def _is_dict(v):
    return isinstance(v, dict)


def test_built_once_then_read_back(where):
    value = {"赋能": ("fu", "neng"), "k": 3, "s": frozenset({1, 2})}
    build, calls = _counting(value)
    assert tablecache.stored("t", "key1", build, _is_dict) == value
    assert tablecache.stored("t", "key1", build, _is_dict) == value
    assert len(calls) == 1
    assert len(list(where.glob("t-*.marshal"))) == 1


def test_new_key_rebuilds_and_old_versions_are_bounded(where):
    for i in range(tablecache.KEEP + 3):
        build, calls = _counting({"i": i})
        assert tablecache.stored("t", f"key{i}", build, _is_dict) == {"i": i}
        assert calls == [1]
        older = time.time() - 86_400 * (tablecache.KEEP + 3 - i)  # the ones before are older
        os.utime(next(iter(sorted(where.glob("t-*.marshal"), key=os.path.getmtime))), (older, older))
    assert len(list(where.glob("t-*.marshal"))) == tablecache.KEEP
    build, calls = _counting({"i": -1})
    assert tablecache.stored("t", f"key{tablecache.KEEP + 2}", build, _is_dict) == {"i": tablecache.KEEP + 2}
    assert calls == []  # the newest is still there


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"N"])  # empty, unreadable, a valid None
def test_damaged_or_wrong_shape_is_rebuilt(where, damage):
    build, calls = _counting({"a": 1})
    tablecache.stored("t", "k", build, _is_dict)
    (path,) = where.glob("t-*.marshal")
    path.write_bytes(damage)
    assert tablecache.stored("t", "k", build, _is_dict) == {"a": 1}
    assert len(calls) == 2
    assert tablecache.stored("t", "k", build, _is_dict) == {"a": 1}
    assert len(calls) == 2  # and the repaired file is read again


def test_unwritable_folder_costs_only_speed(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    tablecache.place(str(blocker))
    try:
        build, calls = _counting({"a": 1})
        assert tablecache.stored("t", "k", build, _is_dict) == {"a": 1}
        assert tablecache.stored("t", "k", build, _is_dict) == {"a": 1}
        assert len(calls) == 2
    finally:
        tablecache.place(None)
    assert blocker.read_text() == "not a folder"
    assert not list(tmp_path.glob("**/*.tmp")) and not list(tmp_path.glob("**/.t-*"))


def test_clear(where):
    tablecache.stored("a", "k", lambda: {}, _is_dict)
    tablecache.stored("b", "k", lambda: {}, _is_dict)
    tablecache.lookup("c", "k", lambda: [("x", 1)])
    assert tablecache.clear() == 3
    assert not list(where.glob("*.marshal")) and not list(where.glob("*.sqlite"))


ROWS = [("区块链", 9.5), ("经济", 4.25), ("", 7.0), ("a'b", "text"), ("长" * 300, 1)]


def test_lookup_built_once_then_read_in_batches(where, monkeypatch):
    calls = []

    def build():
        calls.append(1)
        return iter(ROWS)  # rows may come from a generator

    monkeypatch.setattr(tablecache.Lookup, "BATCH", 2)  # several queries for one call
    for _ in range(2):
        table = tablecache.lookup("t", "k", build)
        got = table.get_many(["经济", "没有", "区块链", "经济", "", "a'b", "长" * 300])
        assert got == {"经济": 4.25, "区块链": 9.5, "": 7.0, "a'b": "text", "长" * 300: 1}
    assert calls == [1]
    assert len(list(where.glob("t-*.sqlite"))) == 1 and not list(where.glob(".t-*"))


@pytest.mark.parametrize("damage", [b"", b"SQLite format 3\x00" + b"\x00" * 200, b"junk" * 100])
def test_damaged_lookup_is_rebuilt(where, damage):
    tablecache.lookup("t", "k", lambda: ROWS)
    (path,) = where.glob("t-*.sqlite")
    path.write_bytes(damage)
    calls = []
    table = tablecache.lookup("t", "k", lambda: calls.append(1) or ROWS)
    assert table.get_many(["经济"]) == {"经济": 4.25} and calls == [1]
    assert tablecache.lookup("t", "k", lambda: calls.append(1) or ROWS).get_many(["经济"]) == {"经济": 4.25}
    assert calls == [1]


def test_lookup_in_an_unwritable_folder_is_built_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    tablecache.place(str(blocker))
    try:
        assert tablecache.lookup("t", "k", lambda: ROWS).get_many(["区块链", "x"]) == {"区块链": 9.5}
    finally:
        tablecache.place(None)
    assert blocker.read_text() == "not a folder"


PROBE = """
import json, sys
from pipeline.zh import words
from pipeline.clean import clean
from pipeline.config import CleanOptions
from pipeline.ingest import ingest_text
text = "今天我们聊一聊区块链和人工智能怎么赋能实体经济，还有北京的互联网3.0行动计划。"
out = {"words": words.words(text), "freq": [words.frequency(w) for w in words.words(text)],
       "idf": [words.idf(w) for w in ("区块链", "经济", "不存在的词语")]}
out["clean"] = clean(ingest_text(sys.argv[1], "t.txt", suffix=".txt")).clean_text
out["pypinyin"] = "pypinyin" in sys.modules
print(json.dumps(out, ensure_ascii=False))
"""


def test_tables_give_what_building_gives(tmp_path):
    """A process that builds the tables and one that reads them segment, weigh and clean alike,
    and the reading one imports pypinyin only for a talk in which something sounds like a term."""
    env = {**os.environ, "SUBNOTES_CACHE_DIR": str(tmp_path)}

    def probe(text):
        out = subprocess.run([sys.executable, "-c", PROBE, text], env=env, capture_output=True, text=True,
                             check=True)
        return json.loads(out.stdout)

    plain = "今天天气很好我们出去走走吧"
    built = probe(plain)
    names = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / tablecache.SUBFOLDER).glob("*-*.*"))
    assert names == ["jieba-dict", "jieba-idf", "pinyin-chars", "pinyin-odd-words"]
    read = probe(plain)
    assert {k: v for k, v in read.items() if k != "pypinyin"} == {k: v for k, v in built.items() if k != "pypinyin"}
    assert "".join(built["words"]).startswith("今天我们聊一聊") and built["idf"][0] > built["idf"][1]
    assert built["idf"][2] == read["idf"][2] > 0  # an unknown word: the median
    assert built["pypinyin"] is True and read["pypinyin"] is False
    # 负能 sounds like the term 赋能 and is no dictionary word: it is read in context, from the
    # tables (pypinyin is imported only to build them)
    hit = probe("这个技术可以负能实体经济")
    assert "赋能" in hit["clean"] and hit["pypinyin"] is False


def test_content_key_is_the_content_not_the_path(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("区块链 9.5")
    b.write_text("区块链 9.5")
    assert tablecache.content_key(str(a)) == tablecache.content_key(str(b))
    c = tmp_path / "c.txt"
    c.write_text("区块链 9.6")
    assert tablecache.content_key(str(c)) != tablecache.content_key(str(a))
