"""Safe YAML (and JSON) loading that remembers where every key and value was.

YAML is composed with PyYAML's *safe* loader (no object construction: an
unknown tag is an error, never a call), then turned into plain Python data by
our own walk over the node graph. The walk is what makes it safe against
hostile files:

* alias expansion is bounded: an "alias bomb" (billion laughs) stops after
  :data:`MAX_NODES` nodes instead of eating the machine;
* nesting depth is bounded by :data:`MAX_DEPTH`;
* positions (1-based line and column) of every key and value are kept in a
  :class:`Positions` map keyed by the value's path, so validation errors can
  point at the offending line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from dealcheck.errors import InputError
from dealcheck.textio import decode_text, display_name, read_bytes

MAX_NODES = 1_000_000
MAX_DEPTH = 64

Path_ = tuple[Any, ...]

try:  # libyaml's C parser is several times faster on large catalogues
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


_SCALARS = {
    tag: yaml.SafeLoader.yaml_constructors[tag]
    for tag in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:timestamp",
    )
}


@dataclass
class Positions:
    """Where each value (and each mapping key) of a loaded document stands."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)

    def of(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of ``path`` (or of its key), else of its nearest ancestor."""
        path = tuple(path)
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (None, None))


class _Walker:
    def __init__(self, name: str, positions: Positions) -> None:
        self.name = name
        self.positions = positions
        self.constructor = yaml.SafeLoader("")  # only used to build scalars

    def fail(self, message: str, node: yaml.Node, hint: str | None = None) -> InputError:
        return InputError(
            message, self.name, node.start_mark.line + 1, node.start_mark.column + 1, hint
        )

    def walk(self, node: yaml.Node, path: Path_, depth: int, stack: frozenset[int]) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep", node)
        pos = (node.start_mark.line + 1, node.start_mark.column + 1)
        # An alias repeats a node: keep the first position seen for each path only.
        self.positions.values.setdefault(path, pos)
        if isinstance(node, yaml.ScalarNode):
            self.positions.raw.setdefault(path, node.value)
            build = _SCALARS.get(node.tag)
            if build is None:
                raise self.fail(
                    f"unsupported tag {node.tag}",
                    node,
                    hint="plain YAML values only; custom tags are not allowed",
                )
            try:
                return build(self.constructor, node)
            except yaml.constructor.ConstructorError as exc:
                raise self.fail(
                    f"cannot read this value: {exc.problem}",
                    node,
                    hint="plain YAML values only; custom tags are not allowed",
                ) from None
            except (ValueError, OverflowError) as exc:
                if node.tag == "tag:yaml.org,2002:timestamp":
                    return node.value  # "2027-02-30": left as text for the validator to name
                raise self.fail(f"invalid value: {exc}", node) from None
        if id(node) in stack:
            raise self.fail("recursive alias", node)
        stack = stack | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in ("tag:yaml.org,2002:seq",):
                raise self.fail(f"unsupported tag {node.tag}", node)
            return [
                self.walk(child, (*path, i), depth + 1, stack) for i, child in enumerate(node.value)
            ]
        if isinstance(node, yaml.MappingNode):
            if node.tag not in ("tag:yaml.org,2002:map",):
                raise self.fail(f"unsupported tag {node.tag}", node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    merged = self.walk(value_node, path, depth + 1, stack)
                    items = merged if isinstance(merged, list) else [merged]
                    for item in items:
                        if isinstance(item, dict):
                            for k, v in item.items():
                                result.setdefault(k, v)
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail("a mapping key must be a plain value", key_node)
                key = self.walk(key_node, (*path, "<key>"), depth + 1, stack)
                try:
                    hash(key)
                except TypeError:
                    raise self.fail("a mapping key must be a plain value", key_node) from None
                if key in result:
                    raise self.fail(
                        f"duplicate key {key!r}", key_node, hint="each key may appear once"
                    )
                key_path = (*path, key)
                self.positions.keys[key_path] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                result[key] = self.walk(value_node, (*path, key), depth + 1, stack)
            return result
        raise self.fail("unsupported YAML node", node)  # pragma: no cover


def _compose(text: str, name: str) -> yaml.Node | None:
    """Build the node graph from parser events, iteratively, refusing deep nesting.

    PyYAML's own composer recurses (the C one can overflow the C stack on a
    file of ``[[[[...``), so we compose from the event stream ourselves.
    """
    resolver = yaml.resolver.Resolver()
    anchors: dict[str, yaml.Node] = {}
    stack: list[tuple[yaml.Node, list[Any]]] = []
    root: yaml.Node | None = None
    documents = 0

    def attach(node: yaml.Node, anchor: str | None) -> None:
        nonlocal root
        if anchor is not None:
            anchors[anchor] = node
        if stack:
            stack[-1][1].append(node)
        else:
            root = node

    def fail(message: str, mark: Any) -> InputError:
        return InputError(message, name, mark.line + 1, mark.column + 1)

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail(
                    "expected one YAML document, found several (remove '---')", event.start_mark
                )
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            attach(
                yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style),
                event.anchor,
            )
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise fail(f"unknown alias *{event.anchor}", event.start_mark)
            attach(anchors[event.anchor], None)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise fail(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            is_seq = isinstance(event, yaml.SequenceStartEvent)
            kind = yaml.SequenceNode if is_seq else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, event.end_mark)
            attach(node, event.anchor)
            stack.append((node, []))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, children = stack.pop()
            if isinstance(node, yaml.MappingNode):
                node.value = list(zip(children[0::2], children[1::2]))
            else:
                node.value = children
    return root


def _expanded_size(root: yaml.Node, name: str) -> int:
    """How many values the document holds once every alias is expanded (memoised)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = MAX_NODES + 1  # a node met again while being sized: a cycle
        if isinstance(node, yaml.ScalarNode):
            total = 1
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        else:
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        total = min(total, MAX_NODES + 1)
        sizes[id(node)] = total
        return total

    return size(root)


def loads(text: str, name: str) -> tuple[Any, Positions]:
    """Parse one YAML (or JSON) document from ``text``; return data and positions."""
    positions = Positions(name)
    try:
        node = _compose(text, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            raise InputError(
                f"invalid YAML: {message}", name, mark.line + 1, mark.column + 1
            ) from None
        raise InputError(f"invalid YAML: {message}", name) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", name) from None
    if node is None:
        return None, positions
    if _expanded_size(node, name) > MAX_NODES:
        raise InputError(
            f"document expands to more than {MAX_NODES:,} values through aliases (an alias bomb?)",
            name,
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            hint="write the values out instead of nesting aliases",
        )
    data = _Walker(name, positions).walk(node, (), 0, frozenset())
    return data, positions


def load_file(path: str) -> tuple[Any, Positions]:
    name = display_name(path)
    text = decode_text(read_bytes(path), name)
    return loads(text, name)
