"""Data files: one way to find and read them."""

from pipeline.zh import data


def test_lines_drop_comments_and_blanks():
    assert data.parse_lines("# head\n区块链  # a term\n\n  赋能\n") == ["区块链", "赋能"]


def test_pairs():
    assert data.parse_pair("什幺 => 什么") == ("什幺", "什么")
    assert data.parse_pair("什幺 =>") is None and data.parse_pair("什幺") is None


def test_package_files_are_read_once():
    first = data.toml("pipeline.clean", "fillers.toml")
    assert data.toml("pipeline.clean", "fillers.toml") is first
    assert ("什幺", "什么") in data.pairs("pipeline.zh", "script_debris.txt")
