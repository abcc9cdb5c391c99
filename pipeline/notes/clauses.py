"""What one clause is, for the claims reader: an item that names something, the speaker's view,
a condition, a verb word that is not acting as one. Tests on text alone; the state of the reading
(who was named last, which list is open) is ``reading``'s.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.notes.cues import cues
from pipeline.notes.statements import is_frame, stripped
from pipeline.zh import words
from pipeline.zh.chars import content_chars

GAP = 8  # characters between a party and its verb (川普在四面索要: adverbs, a place, 也, 曾经)
PLACE_GAP = 1  # a country acts only when its verb follows at once (美国宣布, 美国他要; not 美国经济要)
ITEM_CHARS = 28  # a listed item is short; a long clause is the speaker talking around it
HEADER = re.compile(r"第[一二三四五六七八九十\d]+(个|块|点|部分|方面|条)?(就)?是")
_VERB_TAGS = ("v", "vn", "vd", "vi")
ADVERBS = re.compile(r"^(?:也|还|又|已经|就|都|再|便|才|曾经|曾|一直|则|并且|并|现在|当时|后来|随后|同时)+")
SAYING = ("说", "讲")  # also the speaker's own discourse: 可以说, 所以说, 甚至于说
# 要 and 想 followed by these are no intent: 要比 compares, 要是 supposes, 想出来 finds out, 想法 is a noun
_WHEN = re.compile("的时候|之后|以后|之前|以前")
WHEN_REACH = 10  # characters after a verb within which 的时候/以后 makes it a time clause
_NOT_INTENT = {"要": "比是不么", "想": "出到起通清好象像法"}
_NEGATIONS = tuple("不没未别难")  # 也不说了, 没有提到, 很难说: a saying denied reports nothing


def not_a_verb(text: str, at: int, verb: str) -> bool:
    """A verb word that is not one here: 跨国公司的发展 is a noun, 从政府角度来讲 and 不能说 are
    no one's saying, nor are 也不说了 and 谈成, 要比 and 想出来 are no intent, 提到的 names what
    was said, and an act with nothing after it reports nothing, nor one that sets the time of
    another (公布以后)."""
    end = at + len(verb)
    before, after = text[at - 1:at], text[end:end + 1]
    act, say = cues()["act"].fullmatch(verb), cues()["say"].fullmatch(verb)
    if verb in _NOT_INTENT and after and after in _NOT_INTENT[verb]:  # 要比, 要是, 想出来: not wanting
        return True
    if act and not after.strip("了过，,。；;！!？? "):  # 已经启动了: acting on nothing said
        return True
    if act and after == "的" and text[end + 1:end + 2] != "是":
        return True  # 哈丁时期搞的这个地方: what was done, named (but 采取的是…: what it is)
    if say and (after == "的" or _denied(text, at)):  # 提到的…, 也不说了
        return True
    if say and len(verb) == 1 and words.frequency(verb + after) > 0:
        return True  # 谈 in 谈成 and 谈判, 说 in 说明, 称 in 称为: a word of its own
    if _WHEN.search(text, at, end + WHEN_REACH):  # 写教材的时候, 课标公布以后: a time, not a report
        return True
    return before in "的所" or (verb in SAYING and before in "来能以会该是于得")  # 所考虑的: a noun


def _denied(text: str, at: int) -> bool:
    """也不说了, 没有提到, 不好去说: a negation within the three characters before the verb."""
    return any(n in text[max(0, at - 3):at] for n in _NEGATIONS)


@cache
def position() -> re.Pattern:
    """的看法就是…, 的政策。: a party's position, and whether its content follows (group 2)."""
    return re.compile("的[^，。]{0,6}?(" + "|".join(cues()["position"]) + r")(?:(就是|是)|$|[，。；])")


@cache
def _having() -> re.Pattern:
    return re.compile(r"(?:他|它|也|还|都|就|会|一直)*有[^，,。；;]{2,14}?的?(?:" + "|".join(cues()["position"])
                      + r")(?=$|[，,。；;]|就是|是)")


def has_position(text: str) -> bool:
    """美国有生物燃料的这个推进政策: what follows a party says it has a policy, a plan or an aim,
    and names it."""
    return _having().match(text) is not None


def lists(clause: str) -> bool:
    return any(cue in clause for cue in cues()["listing"])


def measure(clause: str) -> bool:
    """A clause that opens on a verb of policy action and names what it acts on."""
    body = stripped(clause)
    return cues()["act"].match(body) is not None and names_something(body) and content_chars(body) >= 6


def condition(rest: str) -> bool:
    """美国它所公布的产业政策的话，…: a condition, whose report is the clause after it."""
    return rest.rstrip("，,；;。 ").endswith(cues()["fragment_ends"])


def has_verb(body: str) -> bool:
    """Whether a clause says something happens (a list item that is an act, not a bare noun)."""
    if cues()["verb"].search(body):
        return True
    return any(t.startswith(_VERB_TAGS) for t in words.tags(words.words(body)).values())


def fragment(body: str) -> bool:
    """A piece of a longer thought (如果…, …的话, …当中, 实际上一旦做起来), not a statement that
    stands alone."""
    c = cues()
    return body.startswith(c["fragment_starts"]) or body.endswith(c["fragment_ends"]) or conditional(body)


def conditional(text: str) -> bool:
    """A clause that sets a condition (如果美中关系恶化, 一旦做起来): what follows from it is in
    the next clause."""
    return cues()["conditions"].search(text) is not None


def _aside(body: str, quoting: bool = False) -> bool:
    """The speaker talking to the audience or pointing back (我, 你们, 这个…). In a party's quoted
    words (``quoting``: 就是我要…) 我 is the party; 我们 stays the speaker and the audience."""
    c = cues()
    first = "我们" in body if quoting else c["first_person"].search(body) is not None
    return first or c["personal"].search(body) is not None or body.startswith(c["demonstrative"])


def names_something(body: str) -> bool:
    """A clause that names something (an item of a list), not the speaker talking around it."""
    c = cues()
    return (4 <= content_chars(body) <= ITEM_CHARS and not _aside(body) and not fragment(body)
            and not c["evaluative"].search(body) and not c["prediction"].search(body))


def says_something(body: str, quoting: bool = False) -> bool:
    """The content a reporting frame waits for: a clause that states, not one that asks, points,
    judges or trails off; it may quote the party in the first person (``quoting``)."""
    c = cues()
    return (content_chars(body) >= 4 and not c["asking"].search(body) and not _aside(body, quoting)
            and not fragment(body) and not judging(body) and not c["evaluative"].search(body))


def holds_view(text: str) -> bool:
    """Whether the speaker's words hold a view a reader can take away: something is said of
    something (a verb or an adjective), not a bare term (MicroLED), and not to the audience about
    the talk (分析一下我的理解, 给大家提供一个最新的消息)."""
    body = stripped(text)
    if cues()["audience"].search(body):
        return False
    return any(t.startswith(("v", "a")) for t in words.tags(words.words(body)).values())


def own_view(clause: str) -> bool:
    body = stripped(clause)
    return content_chars(body) >= 4 and not fragment(body) and not cues()["asking"].search(body)


def judging(text: str) -> bool:
    """The speaker grading what a party does rather than reporting it: a degree word (非常顽固,
    比较无所谓), or a sentence closing on 的 (上台就要立即退出的, 大概率是要退的: the 是…的 of an
    assertion about the party)."""
    return cues()["judgement"].search(text) is not None or text.rstrip("，,；;。！! ").endswith("的")


_NUMERALS = "一二三四五六七八九十"
_ORDINAL = re.compile(rf"^(?:第|其)([{_NUMERALS}])")


def ordinal_number(head: str) -> int | None:
    """The number of a numbered item (第三个… → 3, 其二 → 2, 其次 → 2), None for any other clause."""
    if head.startswith("其次"):
        return 2
    m = _ORDINAL.match(head)
    return _NUMERALS.index(m.group(1)) + 1 if m else None


def frames(verb: str, rest: str) -> bool:
    """Whether ``verb`` and what follows it only announce the content: a saying with little after
    it does (提了几个, 发过报告); an act only when its object is measures unnamed (采取了一些措施),
    an intent never with a predicate after it (他要追求回岸: short, but what is wanted)."""
    if cues()["act"].fullmatch(verb):
        return measures_only(verb + rest)
    if cues()["intend"].fullmatch(verb):
        return content_chars(rest) < 2
    return is_frame(rest)


def asks(clause: str) -> bool:
    """A clause that asks: it ends in a question mark or holds a question word (吗, 会不会 …)."""
    return clause.rstrip().endswith(("？", "?")) or cues()["asking"].search(clause) is not None


def modifies(word: str) -> bool:
    """Whether a name followed by ``word`` modifies it (多普勒效应, 费米能级): a common noun, not
    one of time (小布什时期推动…: the party still acts)."""
    return bool(word) and words.tags([word])[word] in ("n", "ng", "nz") and word not in cues()["time_nouns"]


def names_a_thing(between: str) -> bool:
    """Whether the words between a country and a verb name a thing the verb is of (美国经济要,
    海淀那个问题说): a noun among them."""
    found = words.words(between) if between else ()
    return any(t.startswith("n") for t in words.tags(found).values())


def interrupted(between: str) -> bool:
    """Whether the words between a party and a verb make the verb another's: the speaker's (我),
    that of a time clause the party opens (法国公布的时候说…), or the party's own passive (文件被
    派去写…: whoever did it, not the party)."""
    return "我" in between or "被" in between or _WHEN.search(between) is not None


def measures_only(text: str) -> bool:
    """做了些动作, 采取了一系列措施: a verb whose object is measures not yet named, and nothing
    after it; the measures are the clauses that follow."""
    m = cues()["measure_frame"].match(text)
    return m is not None and content_chars(text[m.end():]) < 2


def subject_place(before: str) -> bool:
    """Whether a party after ``before`` (the clause up to it) stands as the clause's subject:
    only openers (我们知道, 再加上, 现在你看) and a character or two before it."""
    return len(cues()["opening"].sub("", before.strip())) <= 2


@cache
def _position_end() -> re.Pattern:
    return re.compile("的[^，,。；;]{0,8}?(?:" + "|".join(cues()["position"]) + ")[，,。；;！!]?$")


def ends_on_position(text: str) -> bool:
    """…具有强烈的诉求。, …采取的是一种非常顽固的态度。: a clause that names a party's position
    and ends there; what the position is comes next."""
    return _position_end().search(text.rstrip()) is not None


def object_item(clause: str) -> bool:
    """对中国的制裁, 更多的自主可控: a noun phrase standing alone in its clause, one more object
    of the verb reported just before it (an enumeration of what was done or wanted)."""
    body = clause.strip("，,；;。！! ")
    c = cues()
    if not 2 <= content_chars(body) <= ITEM_CHARS or "的" not in body or asks(body):
        return False
    if c["first_person"].search(body) or c["personal"].search(body):  # the speaker talking
        return False
    first = words.words(body)[0]
    if words.tags([first])[first].startswith("c"):  # 但是至少…的欢乐: a new thought, not an object
        return False
    tail = body[body.rindex("的") + 1:]
    return 2 <= content_chars(tail) <= 6 and "是" not in body and c["stance"].search(body) is None


def parallel(before: str, clause: str) -> bool:
    """允许谈判，允许招标: a clause that opens on the verb the clause before opened on, one more
    item of the same list."""
    a, b = stripped(before), stripped(clause)
    verb = cues()["verb"].match(a)
    return verb is not None and b.startswith(verb.group()) and content_chars(b) >= 3 and not asks(b)


def goes_on(text: str, lo: int, hi: int, clause: str) -> bool:
    """Whether ``clause`` goes on the claim at ``text[lo:hi]`` just before it: one more object
    (…的限制，对中国的制裁), a clause opening on the verb its last clause opened on (允许…，允许…),
    what the noun phrase it ended on is (…影响最大的事情，就是…), or what follows from the
    condition it ended on (如果美中关系恶化，…)."""
    last = text[text.rfind("，", lo, hi - 1) + 1:hi]
    if clause.lstrip().startswith(("就是", "是")) and object_item(last):  # 影响最大的事情，就是…
        return not asks(clause)
    if conditional(last):  # 中国说如果美中关系恶化，…: what follows from it
        return not asks(clause)
    return object_item(clause) or parallel(last, clause)


def reach(kind: str, verb: str) -> int:
    """How far a party's verb may stand: a country acts only by saying or wanting (美国宣布,
    中国希望), and 要/想/将 must follow it at once (美国要…, not 美国经济要…)."""
    if kind != "place":
        return GAP
    if cues()["near_intend"].fullmatch(verb):
        return PLACE_GAP
    return GAP if cues()["place_verb"].fullmatch(verb) else -1


def has_view_cue(text: str) -> bool:
    """Whether any clause of ``text`` may show the speaker's view: the cues are plain words, so a
    clause has one only if its sentence does."""
    return bool(cues()["stance"].search(text) or cues()["evaluative"].search(text))
