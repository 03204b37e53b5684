"""Reading JSON-LD (``<script type="application/ld+json">``) of a page.

Portals nest their nodes in lists and ``@graph`` arrays, write authors as a
string, an object, a list or an ``@id`` reference to another node, and
sometimes leave trailing commas. Everything here tolerates that; broken
scripts are skipped, and nothing raises on odd values.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree

from ikn_tui.core.text import clean_optional

Node = dict[str, Any]

_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "blogposting", "liveblogposting", "report", "webpage", "creativework",
}
_SPECIFIC_ARTICLE_TYPES = _ARTICLE_TYPES - {"webpage", "creativework"}
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_MAX_NODES = 200
_MAX_LIST = 20  # items read from one author/image list


def node_types(node: Node) -> set[str]:
    """The node's ``@type`` values, lower-cased."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values if v}


def _load(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError:
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)
        except ValueError:
            return None


def jsonld_nodes(root: etree._Element) -> list[Node]:
    """Every object of every JSON-LD script, lists and ``@graph`` flattened,
    in document order."""
    nodes: list[Node] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = (script.text or "").strip()
        if not text:
            continue
        data = _load(text)
        if data is None:
            continue
        stack = [data]
        while stack and len(nodes) < _MAX_NODES:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[0:0] = item
            elif isinstance(item, dict):
                nodes.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[0:0] = graph
    return nodes


def nodes_by_id(nodes: list[Node]) -> dict[str, Node]:
    """Nodes that carry an ``@id``, for resolving references."""
    return {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}


def pick_article(nodes: list[Node]) -> Node:
    """The first NewsArticle-like node, else the first WebPage-like one, else {}."""
    best: Node = {}
    for node in nodes:
        types = node_types(node)
        if types & _SPECIFIC_ARTICLE_TYPES:
            return node
        if types & _ARTICLE_TYPES and not best:
            best = node
    return best


def text_value(value: Any) -> str | None:
    """A clean string from a JSON string or number, else ``None``."""
    if isinstance(value, str):
        return clean_optional(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _name(value: Any) -> str | None:
    return clean_optional(value) if isinstance(value, str) else None


def person_names(value: Any, ids: dict[str, Node], people_only: bool = False) -> list[str]:
    """Person/organisation names from a JSON-LD value: str, object, @id, list.
    ``people_only`` skips objects typed Organization (an "author" that is the publisher)."""
    if isinstance(value, list):
        return [name for item in value[:_MAX_LIST] for name in person_names(item, ids, people_only)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = ids.get(value["@id"], value)
        if people_only and node_types(value) & {"organization", "newsmediaorganization", "corporation"}:
            return []
        name = value.get("name")
        if isinstance(name, list):
            return [n for n in (_name(x) for x in name) if n]
        found = _name(name)
        return [found] if found else []
    found = _name(value)
    return [found] if found else []


def image_urls(value: Any) -> list[str]:
    """Raw image URLs from a JSON-LD value: str, ImageObject, list."""
    if isinstance(value, list):
        return [url for item in value[:_MAX_LIST] for url in image_urls(item)]
    if isinstance(value, dict):
        return image_urls(value.get("url") or value.get("contentUrl"))
    return [value] if isinstance(value, str) else []


def breadcrumb_names(nodes: list[Node]) -> list[str]:
    """Item names of the first BreadcrumbList, in order."""
    found: list[str] = []
    for node in nodes:
        if "breadcrumblist" in node_types(node):
            items = node.get("itemListElement")
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict):
                    inner = item.get("item")
                    name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
                    if text_value(name):
                        found.append(text_value(name) or "")
            break
    return found
