"""Read an HTX API documentation page (the Markdown copy committed beside this file).

The contract tests compare the spec with what these functions read from the page, so nothing the
page says is hard-coded in a test. Everything here is pure: text in, values out.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

__all__ = [
    "DocError",
    "DocField",
    "DocPage",
    "parse_commaless_json",
    "parse_doc_page",
]

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
# The pages open a nested block in several spellings; each start row's "Data Type" cell may name
# the block's kind (object, array, "object array") when the marker does not:
#   DICT>(ATTRIBUTE NAME: DATA_START   LIST> (FIELD NAME: ERRORS_START   (kind in the marker)
#   data: <dict>   data <list>                                          (kind in the marker)
#   DATA_START   DATA> _START                                           (kind in Data Type, if any)
# and close it with DICT_END / LIST_END (innermost block, of that kind) or NAME_END (by name).
_MARKER = re.compile(r"^(DICT|LIST)>\s*\(\s*(?:ATTRIBUTE|FIELD|DATA) NAME:\s*([A-Z0-9_]+?)_START$")
_ANGLE_MARKER = re.compile(r"^([a-z][a-z0-9_]*):?\s*<(dict|list)>$")
_BARE_MARKER = re.compile(r"^([A-Z][A-Z0-9_]*?)(?:>\s*)?_START$")
_END_MARKER = re.compile(r"^(DICT|LIST)_END$")
_NAMED_END = re.compile(r"^([A-Z][A-Z0-9_]*)_END$")
_BLOCK_TYPES = {
    "object": "object",
    "array": "array",
    "object array": "array",
    "objectarray": "array",  # a coin-M futures page's spelling
    "": "",
}
_FREQUENCY_NOTE = re.compile(r"The frequency limit of this interface is \d+ times per second")
_SOURCE = re.compile(r"\*\*Source:\*\*\s*\[[^\]]*\]\((\S+)\)")
# Words are matched in any case: the pages print ``NULL`` for JSON null.
_TOKEN = re.compile(
    r'\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([{}\[\]:])|(true|false|null))', re.IGNORECASE
)

# HTX's data types -> (JSON Schema type, format)
_DOC_TYPES = {
    "string": ("string", ""),
    "int": ("integer", ""),
    "long": ("integer", "int64"),
    "decimal": ("number", ""),
    "boolean": ("boolean", ""),
    # One page types a field "booleanint" (its values are "true or false"): read as either.
    "booleanint": ("boolean|integer", ""),
    # The v5 (USDT-M) pages: id lists typed "Array of string", and one "Intege" (sic).
    "array of string": ("array", ""),
    "intege": ("integer", ""),
}


class DocError(ValueError):
    """The page does not have the structure the parser expects."""


@attrs.frozen
class DocField:
    """One row of a parameter table; ``children`` holds the rows nested under DICT/LIST markers."""

    name: str
    type: str  # JSON Schema type: string, integer, boolean, object or array
    required: bool
    description: str = ""
    children: tuple[DocField, ...] = ()
    format: str = ""
    values: tuple[str, ...] = ()  # the quoted values of the "Value Range" column


@attrs.frozen
class DocPage:
    title: str
    path: str
    summary: str
    method: str
    servers: tuple[tuple[str, str], ...]  # (address, environment)
    request_fields: tuple[DocField, ...]
    response_fields: tuple[DocField, ...]
    examples: dict[str, Any]  # heading -> parsed JSON value
    permission: str = ""  # "Interface permission:" line, e.g. "Trade"
    rate_limit: str = ""  # "Rate Limit:" line when the page has one, e.g. "5 times per second"
    source: str = ""  # the page's address on htx.com
    # "The frequency limit of this interface is 5 times per second." from the notes, if any
    frequency_note: str = ""


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """Map each heading's text to the lines below it, up to the next heading."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        match = _HEADING.match(line)
        if match:
            current = sections.setdefault(match.group(2), [])
        elif current is not None:
            current.append(line)
    return sections


def _table(lines: list[str]) -> list[dict[str, str]]:
    rows = [line.strip() for line in lines if line.strip().startswith("|")]
    if len(rows) < 2:
        raise DocError("expected a Markdown table")
    split = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    header = split[0]
    return [dict(zip(header, cells, strict=True)) for cells in split[2:]]


def _required(cell: str) -> bool:
    value = cell.strip().lower()
    if value not in {"true", "false"}:
        raise DocError(f"Required must be true or false, got {cell!r}")
    return value == "true"


def _block_start(name: str, data_type: str) -> tuple[str, str] | None:
    """``(block name, kind)`` when ``name`` opens a block; kind is "" when the page omits it."""
    for pattern, kind_group, name_group in ((_MARKER, 1, 2), (_ANGLE_MARKER, 2, 1)):
        match = pattern.match(name)
        if match:
            kind = "object" if match.group(kind_group).lower() == "dict" else "array"
            return match.group(name_group).lower(), kind
    match = _BARE_MARKER.match(name)
    if match:
        declared = data_type.strip().lower()
        if declared not in _BLOCK_TYPES:
            raise DocError(f"unknown block type {data_type!r} for {name}")
        return match.group(1).lower(), _BLOCK_TYPES[declared]
    return None


def _fields(rows: list[dict[str, str]]) -> tuple[DocField, ...]:
    """Fold a flat table with block start and end markers into a tree of fields."""
    stack: list[tuple[str, str, bool, list[DocField]]] = [("", "object", True, [])]
    for row in rows:
        name = row["Parameter"].strip()
        start = _block_start(name, row["Data Type"])
        end, named_end = _END_MARKER.match(name), _NAMED_END.match(name)
        if start:
            stack.append((start[0], start[1], _required(row["Required"]), []))
        elif end or named_end:
            if len(stack) == 1:
                raise DocError(f"{name} closes nothing or the wrong kind of block")
            block_name, block_kind, block_required, children = stack.pop()
            if end:
                kind = "object" if end.group(1) == "DICT" else "array"
                if block_kind not in {kind, ""}:
                    raise DocError(f"{name} closes nothing or the wrong kind of block")
                block_kind = kind
            elif named_end and named_end.group(1).lower() != block_name:
                raise DocError(f"{name} closes block {block_name!r}")
            stack[-1][3].append(
                DocField(block_name, block_kind, block_required, "", tuple(children))
            )
        else:
            doc_type = row["Data Type"].strip().lower()
            if doc_type not in _DOC_TYPES:
                raise DocError(f"unknown data type {row['Data Type']!r} for {name}")
            json_type, json_format = _DOC_TYPES[doc_type]
            required = _required(row["Required"])
            values = tuple(re.findall(r'"([^"]*)"', row.get("Value Range", "")))
            stack[-1][3].append(
                DocField(name, json_type, required, row["Description"], (), json_format, values)
            )
    if len(stack) != 1:
        raise DocError(f"unclosed block {stack[-1][0]!r}")
    return tuple(stack[0][3])


def parse_commaless_json(text: str) -> Any:
    """Parse JSON as HTX's pages print it: no commas, and array items labelled ``0:``, ``1:``.

    >>> parse_commaless_json('{ "a": "1" "b": [ 0:{ "c": 2 "d": NULL } ] }')
    {'a': '1', 'b': [{'c': 2, 'd': None}]}
    """
    tokens: list[tuple[str, str]] = []
    position, text = 0, text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise DocError(f"cannot read example at {text[position : position + 20]!r}")
        string, number, punct, word = match.groups()
        if string is not None:
            tokens.append(("string", string))
        elif number is not None:
            tokens.append(("number", number))
        elif punct is not None:
            tokens.append((punct, punct))
        else:
            tokens.append(("word", word))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1

    index = 0

    def value() -> Any:
        nonlocal index
        kind, raw = tokens[index]
        index += 1
        if kind == "{":
            obj: dict[str, Any] = {}
            while tokens[index][0] != "}":
                key_kind, key = tokens[index]
                if key_kind != "string" or tokens[index + 1][0] != ":":
                    raise DocError(f"expected a key, got {key!r}")
                index += 2
                obj[json.loads(key)] = value()
            index += 1
            return obj
        if kind == "[":
            items: list[Any] = []
            while tokens[index][0] != "]":
                if tokens[index][0] == "number" and tokens[index + 1][0] == ":":
                    index += 2  # the page's "0:" item label
                items.append(value())
            index += 1
            return items
        if kind == "word":
            return json.loads(raw.lower())
        if kind in {"string", "number"}:
            return json.loads(raw)  # ints stay exact: json never turns them into floats
        raise DocError(f"unexpected {raw!r} in example")

    try:
        result = value()
    except IndexError as exc:
        raise DocError("example ends too early") from exc
    if index != len(tokens):
        raise DocError("text after the end of the example")
    return result


def _example(body: list[str]) -> Any:
    """An example as a page prints it: plain JSON in a code fence (the coin-M futures pages) or
    HTX's commaless rendering (the swap pages)."""
    text = "\n".join(line for line in body if line.strip() != "```")
    try:
        return json.loads(text)
    except ValueError:
        return parse_commaless_json(text)


def parse_doc_page(markdown: str) -> DocPage:
    lines = _unescape(markdown).splitlines()
    sections = _sections(lines)
    title = next((m.group(2) for m in map(_HEADING.match, lines) if m), "")
    endpoint = next(
        (h for h in sections if h.startswith("/") and h.endswith(")")),
        None,
    )
    if endpoint is None:
        raise DocError("no '### /path (Summary)' heading")
    path, _, summary = endpoint.partition(" ")
    method_line = next(
        (line for line in sections[endpoint] if line.startswith("Request type:")), None
    )
    if method_line is None:
        raise DocError("no 'Request type:' line")

    def line_value(prefix: str) -> str:
        """The text after ``prefix``, with the lines it wraps onto (up to a blank line)."""
        body = sections[endpoint]
        start = next((n for n, line in enumerate(body) if line.startswith(prefix)), None)
        if start is None:
            return ""
        wrapped = [body[start].partition(":")[2]]
        for line in body[start + 1 :]:
            if not line.strip():
                break
            wrapped.append(line)
        return " ".join(part.strip() for part in wrapped).strip()

    frequency = _FREQUENCY_NOTE.search(markdown)

    source = _SOURCE.search(markdown)
    servers = tuple(
        (row["Address"], row["Environment"]) for row in _table(sections["Request Address"])
    )
    examples = {
        heading: _example(body)
        for heading, body in sections.items()
        if heading.endswith(("example", "Example")) and "{" in "".join(body)
    }
    return DocPage(
        title=title,
        path=path,
        summary=summary.strip("()").strip(),
        method=method_line.partition(":")[2].strip().upper(),
        servers=servers,
        request_fields=_fields(_table(sections["Request Parameter"])),
        response_fields=_fields(_table(sections["Response Parameter"])),
        examples=examples,
        permission=line_value("Interface permission:"),
        rate_limit=line_value("Rate Limit:"),
        source=source.group(1) if source else "",
        frequency_note=frequency.group(0) if frequency else "",
    )
