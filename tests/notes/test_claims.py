"""Offline claims on the reference talk: attribution by reporting and stance cues, grounded
evidence, schema-valid, bounded count."""

from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.ingest import ingest
from pipeline.models import Claim
from pipeline.notes.actors import Cast, Sentence
from pipeline.notes.claims import MAX_CLAIMS, extract_claims
from pipeline.segment import segment

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "beijing-internet3.txt"


@pytest.fixture(scope="module")
def run():
    doc = ingest(SAMPLE)
    cleaned = clean(doc)
    return doc, cleaned, extract_claims(cleaned, segment(cleaned).segments, title=doc.meta.title).claims


def _covering(claims, doc, phrase):
    at = doc.text.index(phrase)
    return [c for c in claims if c.evidence.start < at + len(phrase) and at < c.evidence.end]


def test_reported_list_items_are_document_claims(run):
    doc, _, claims = run
    for phrase in ("一个是构建可信系统", "云化虚拟化", "研发基于AI的低代码开发软件"):
        assert any(c.attributed_to == "source_document" for c in _covering(claims, doc, phrase)), phrase


def test_stance_is_the_speakers(run):
    doc, _, claims = run
    for phrase in ("有点温水煮青蛙的感觉", "还有一部分还是拍脑袋的"):
        hits = _covering(claims, doc, phrase)
        assert hits and all(c.attributed_to == "speaker" for c in hits), phrase


def test_grounded_valid_and_bounded(run):
    doc, cleaned, claims = run
    assert 0 < len(claims) <= MAX_CLAIMS
    for c in claims:
        Claim.model_validate(c.model_dump())
        assert c.evidence.quote in cleaned.clean_text
        assert 0 <= c.evidence.start < c.evidence.end <= len(doc.text)
        assert "对吧" not in c.statement and "是吧" not in c.statement
    assert {c.document for c in claims if c.attributed_to == "source_document"} == {doc.meta.title}


def _conversation(lines):
    import json

    from pipeline.ingest import ingest_text
    body = {"title": "对谈", "transcription": [
        {"time": f"00:00:{10 * i:02d}", "text": t, "speaker": f"发言人{1 + i % 2}"} for i, t in enumerate(lines)]}
    doc = ingest_text(json.dumps(body, ensure_ascii=False), "talk.transcript.json", suffix=".json")
    cleaned = clean(doc)
    return extract_claims(cleaned, segment(cleaned).segments, title=doc.meta.title).claims


def test_conversation_lists_are_not_reported():
    claims = _conversation([
        "我们做产品主要看三件事，一个是用户留存率，一个是付费转化率。",
        "我觉得教育行业的直播转化其实非常依赖老师本人。",
        "对，那你们团队现在有多少人在做这个方向呢？",
    ])
    assert claims and all(c.speaker for c in claims)
    assert not any(c.attributed_to == "source_document" for c in claims)  # a guest's own list reports no one
    assert not any("多少人" in c.evidence.quote for c in claims)  # the host's question is no claim


def test_named_parties_are_reported_with_their_names():
    """Cut from a real energy-policy podcast (huzuohuyou 379): a named subject with its verb, the
    items that continue its list (先是…又是…), a pronoun standing for it, a position (的看法就是)."""
    claims = _conversation([
        "看到川普在四面索要领土，先是让加拿大成为美国的第51个州，又是向丹麦索要格陵兰岛。",
        "马斯克也在拼命在说美国的政府部门冗员太多，浪费太多。",
        "几年过去之后，川普依然在老调重弹，他要让欧洲要多买美国的天然气。",
        "民主党的看法就是减少负债，共和党当时的观点就是要拿出这些财政盈余来减税。",
    ])
    reported = {c.evidence.quote: c for c in claims if c.attributed_to == "source_document"}
    by_quote = {q[:6]: c.attributed_name for q, c in reported.items()}
    assert by_quote.get("又是向丹麦索") == "川普"
    assert reported[next(q for q in reported if q.startswith("又是向丹麦"))].statement.startswith("川普向丹麦索要")
    assert by_quote.get("马斯克也在拼") == "马斯克"
    assert any(c.attributed_name == "川普" and c.statement.startswith("川普要让欧洲") for c in reported.values())
    assert {"民主党", "共和党"} <= {c.attributed_name for c in reported.values()}


def test_frames_alone_and_questions_are_not_claims():
    claims = _conversation([
        "贝森特是一家对冲基金的大佬，被提名为财政部长。",
        "贝森特提出了一个非常夸张的政策，就是财政赤字要压到3%以下。",
        "这个文件里面写得很清楚。",
        "美联储加息会不会把美国经济搞崩掉？",
    ])
    reported = [c for c in claims if c.attributed_to == "source_document"]
    assert any("3%" in c.evidence.quote and c.attributed_name == "贝森特" for c in reported)
    assert not any(c.statement.rstrip("。").endswith(("写得很清楚", "政策")) for c in claims)
    assert not any("加息" in c.evidence.quote for c in claims)
    for c in claims:
        assert sum(ch.isalnum() for ch in c.statement) >= 6


def test_cue_lists_hold_no_phrase_of_the_sample():
    """The cue data is general Chinese: none of the reference talk's own turns of phrase."""
    from pipeline.zh import data
    cues = data.toml("pipeline.notes", "claim_cues.toml")
    words = {w for v in cues.values() if isinstance(v, list) for w in v}
    for phrase in ("温水煮青蛙", "拍脑袋", "完全一致", "上榜", "写进去", "其实这些", "我是比较", "不用管", "相对来讲"):
        assert phrase not in words, phrase


def test_conversation_naming_a_document_reports_it():
    claims = _conversation([
        "这个规划文件里面写得很清楚，一个是支持算力基础设施建设，一个是鼓励数据开放共享。",
        "我觉得这个方向是对的。",
    ])
    assert any(c.attributed_to == "source_document" and "算力" in c.evidence.quote for c in claims)


def test_fragments_are_not_claims(run):
    _, _, claims = run
    for c in claims:
        body = c.statement.split("：")[-1].rstrip("。")
        assert not body.startswith(("如果", "首先")) and not body.endswith(("的话", "也好")), c.statement


def test_only_an_official_document_title_makes_a_review():
    from pipeline.notes.claims import _reviewed_document
    assert _reviewed_document("（北京）互联网3.0产业创新发展方案")
    assert _reviewed_document("解读《关于加快建设全国统一大市场的意见》")
    assert not _reviewed_document("E160 牛市（少）亏钱指南")  # a podcast's title, not a document
    assert not _reviewed_document(None)


def _reported(lines):
    return [c for c in _conversation(lines) if c.attributed_to == "source_document"]


def _said(reported, name, phrase):
    """Whether ``name`` is reported saying, wanting or doing what ``phrase`` quotes."""
    return any(c.attributed_name == name and phrase in c.evidence.quote for c in reported)


def test_what_was_said_named_and_classes_of_bodies_are_not_reports():
    reported = _reported([
        "王老师提到的数字基础设施，其实跟东西部发展不均衡的问题有关。",
        "跨国公司在中国进行投资，上市公司的盈利能力在提高。",
        "发改委发布了新的电价政策，要求各地在年底前完成改革。",
    ])
    assert not any("数字基础设施" in c.evidence.quote or "跨国公司" in c.evidence.quote for c in reported)
    assert any("电价政策" in c.evidence.quote for c in reported)


def test_a_party_reported_again_saying_the_same_is_one_claim():
    reported = _reported(["马斯克说要削减联邦政府的预算，砍掉一些部门。", "后来马斯克又说要削减联邦政府的预算。",
                          "马斯克还说要取消电动车补贴。"])
    budget = [c for c in reported if "预算" in c.evidence.quote]
    assert len(budget) == 1 and budget[0].evidence.sentence_ids == [0]  # the first time it was said
    assert any("电动车补贴" in c.evidence.quote for c in reported)


def test_a_numbered_list_goes_on_after_asides_and_examples_go_on_with_their_party():
    aside = ["这个事情其实也比较困难。", "我们看这个关系就没有那么线性化了。", "大家还有很多想象力。"] * 4
    claims = _conversation([
        "贝森特是财政部长。", "贝森特提出了一个非常夸张的政策，就是所谓的333。",
        "第一个三，是财政赤字要压到3%以下。", "第二个三，是经济增长要推到3%以上。", *aside,
        "第三个三，是每天增产300万桶原油。",
        "川普在2016年当选。", "川普执政之后，他的贸易谈判经常把能源端上台面。", "比如说逼迫中国多买美国的液化天然气。",
    ])
    reported = {c.evidence.quote: c.attributed_name for c in claims if c.attributed_to == "source_document"}
    assert any("300万桶" in q and n == "贝森特" for q, n in reported.items())  # 第三 after 第二, twelve asides later
    assert any("逼迫中国" in q and n == "川普" for q, n in reported.items())


def test_a_frame_waits_across_sentences_for_its_content():
    """Cut from huzuohuyou 379: the party's own question, a judged position closing its sentence
    and unnamed measures each announce what the next sentence says, which may quote the party."""
    reported = _reported([
        "而我们知道川普他在竞选当中大放厥词，谈一个事情是什么呢？", "就是我要24小时结束俄乌战争。",
        "我们知道川普对于气候议题采取的是一种非常顽固的态度。",
        "上一次我上台就退出巴黎气候谈判，这一次的话我也要退出。",
        "其实这个政策是拜登总统在去年松动的，拜登已经做了些动作。", "允许谈判，允许招标，康菲去接了这个单子。",
    ])
    by_quote = {c.evidence.quote: c.attributed_name for c in reported}
    assert any("24小时结束" in q and n == "川普" for q, n in by_quote.items())
    assert any("退出巴黎" in q and n == "川普" for q, n in by_quote.items())
    assert any("允许谈判，允许招标" in q and n == "拜登" for q, n in by_quote.items())
    assert not any(c.statement.rstrip("。").endswith(("做了些动作", "态度", "什么呢")) for c in reported)


def test_denied_glued_and_nominal_sayings_report_nothing():
    reported = _reported([
        "特朗普现在也不说了，就彻底废掉这个事情不说。", "特朗普谈成美加墨自贸协议，是很多年前的事。",
        "美国政府他所考虑的这个安全概念，跟企业不一样。",
    ])
    assert reported == []


@pytest.mark.parametrize("lines, found, absent", [
    # zhongjin ep22: the objects after a reported verb are the claim's; 说白了 is the speaker's gloss
    (["因为美国他开始考虑到一些对中国的限制，对中国的制裁，这些高科技向中国出口的一些限制。",
      "那么这种背景下面，中国肯定就要考虑到，我是不是要强调一些更多的原创性，更多的自主可控。",
      "这种领先地位，其实说白了就是要保证他要超越其他的国家。"],
     [("美国", "高科技向中国出口"), ("中国", "自主可控")], ["超越"]),
    # huzuohuyou 379: 美国他… makes the country the subject its next verbs go on with (one claim),
    # and a party having a policy the clause names is a report
    (["美国他在一战之后，更加发现舰船的燃料都要切换成石油。",
      "所以他在阿拉斯加的北部，当时就选择了这样一块地方，建立他的石油的后备的储蓄。",
      "比如说我们知道美国有生物燃料的这个推进政策，这个就是两个部门共同去推进的。"],
     [("美国", "选择了这样一块地方，建立"), ("美国", "生物燃料")], ["更加发现"]),
])
def test_enumerated_objects_a_countrys_pronoun_and_its_policy(lines, found, absent):
    reported = _reported(lines)
    for name, phrase in found:
        assert _said(reported, name, phrase), phrase
    assert not any(p in c.evidence.quote for c in reported for p in absent)


def test_the_speakers_views_keep_their_room_in_a_talk_full_of_reports():
    from pipeline.models import Evidence
    from pipeline.notes.claims import MAX_OWN, MAX_REPORTED, select

    def claim(i, who):
        return Claim(statement=f"第{i}个说法说的是这件事情。", attributed_to=who, claim_type="fact", topic="话题",
                     confidence=0.8 if who == "source_document" else 0.5,
                     evidence=Evidence(quote="这件事情", start=i, end=i + 1, sentence_ids=[i]))
    found = [claim(i, "source_document" if i % 2 else "speaker") for i in range(3 * (MAX_REPORTED + MAX_OWN))]
    kept = select(found)
    assert sum(c.attributed_to == "source_document" for c in kept) == MAX_REPORTED
    assert sum(c.attributed_to == "speaker" for c in kept) >= MAX_OWN
    assert [c.evidence.start for c in kept] == sorted(c.evidence.start for c in kept)  # the talk's order


def test_some_of_a_kind_of_body_are_reported_the_kind_in_general_is_not():
    """Cut from zhongjin ep22: 很多国家会有…的想法 reports some countries' intent (想法 is a noun,
    not 想); 跨国公司在中国进行投资 says what such companies do in general."""
    reported = _reported([
        "就是随着各国对于政治和安全的因素现在考量越来越多，特别是很多国家会有这种脱钩断链的想法。",
        "跨国公司在中国进行投资，上市公司的盈利能力在提高。",
    ])
    assert [c.attributed_name for c in reported] == ["很多国家"]
    assert "脱钩断链" in reported[0].evidence.quote


def test_a_speakers_view_says_something_of_something_and_not_to_the_audience():
    claims = _conversation([
        "我估计就是MicroLED。",
        "所以我觉得，就给大家提供一个最新的消息。",
        "我觉得这个方向其实现在也的确是个很好的方向。",
    ])
    views = [c.evidence.quote for c in claims if c.attributed_to == "speaker"]
    assert len(views) == 1 and "很好的方向" in views[0]


def test_a_name_inside_a_term_is_no_party():
    reported = _reported(["多普勒效应指出波源向观察者靠近时接收频率变高。", "费米能级要统一。",
                          "小布什时期大规模推动玉米做的生物酒精。"])
    assert [c.attributed_name for c in reported] == ["小布什"]  # a time noun leaves the party acting


def test_every_kind_of_party_passes_the_one_search_that_skips_clauses_naming_none():
    talk = ["贝森特说要降息。", "贝森特说要降息。", "很多国家都在看。", "他们说了。",
            "《数字中国建设整体布局规划》出来了。", "这个规划文件要求很高。", "今天天气不错。"]
    cast = Cast(talk)
    kinds = [[p.kind for p in cast.parties(Sentence(t), 0, len(t))] for t in talk]
    assert kinds[2:] == [["group"], ["pronoun"], ["document"], ["document"], []]
