"""The mind map as ``NAME.opml`` (OPML 2.0), the outline format XMind, MindNode, OmniOutliner,
Logseq and Obsidian's outliners import: one ``outline`` element per node of ``mindmap.tree``, the
talk's title at the root, each node's time range and speaker in ``_note`` (OmniOutliner's note).

The XML is made by the standard library, which escapes ``& < > "`` in every attribute; characters
XML 1.0 cannot hold at all (control characters a transcript may carry) are dropped first. The
``generator: subnotes`` comment follows the XML declaration, which must come first in the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import format_datetime

from pipeline.models import Notes
from pipeline.outputs import MARK
from pipeline.render.labels import clock
from pipeline.render.mindmap import Node, tree

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _outline(parent: ET.Element, node: Node) -> None:
    el = ET.SubElement(parent, "outline", text=_xml(node.text))
    note = [f"{clock(node.time[0])}–{clock(node.time[1])}" if node.time else "", node.who or ""]
    if any(note):
        el.set("_note", _xml(" · ".join(x for x in note if x)))
    for child in node.children:
        _outline(el, child)


def _date(created: str) -> str | None:
    """RFC 822, as OPML's ``dateCreated`` wants it."""
    try:
        return format_datetime(datetime.fromisoformat(created))
    except ValueError:
        return None


def render(notes: Notes) -> str:
    root = tree(notes)
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = _xml(root.text)
    created = _date(notes.run.created)
    if created:
        ET.SubElement(head, "dateCreated").text = created
    _outline(ET.SubElement(opml, "body"), root)
    ET.indent(opml, space=" ")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {MARK} -->\n{ET.tostring(opml, encoding="unicode")}\n'
