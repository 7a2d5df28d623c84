"""The numbered tree of a document as printed: its sections nested the way the document numbers them ("B." holds
"I." holds "2." holds "2.1." holds "a)"), in the document's order, each with the ref the data cites it by ("II.1.2",
"B.I.2.1", "IV.3") and its heading; and the `printed` list of the data model made from it. Which sections become
typed parts (a content item, a task…) instead of printed sections is decided by the part readers; this module keeps
the numbering, its jumps and repeats, and the order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .labels import Label
from .blocks import Block

_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass
class Node:
    """A numbered section: its label and heading (the labelled paragraph), the paragraphs under it that are not
    numbered sections, and its sub-sections."""

    label: Label | None
    block: Block | None
    parent: "Node | None" = None
    body: list[Block] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    ref: str = ""
    mode: str = ""  # which part of a plan the section holds (set by parts.py)
    is_part: bool = False  # the section is itself a typed part (a content item, a task…), set by the part readers
    heading_is_part: bool = False  # its heading is the text of the part: printed with its number only
    text_blocks: list[Block] = field(default_factory=list)  # paragraphs printed as the section's own text
    note: str | None = None

    @property
    def heading(self) -> str:
        return self.block.text if self.block is not None else ""

    @property
    def number(self) -> int:
        return self.block.number if self.block is not None else 0

    def walk(self) -> Iterator["Node"]:
        for child in self.children:
            yield child
            yield from child.walk()


def build_tree(blocks: list[Block]) -> Node:
    """The sections of the body, nested by the kind of their numbers, in the order printed. Blocks before the first
    numbered section stay in the root's body (the preamble)."""
    root = Node(None, None)
    stack: list[Node] = [root]
    for block in blocks:
        label = block.label
        if label is None or label.is_bullet:
            stack[-1].body.append(block)
            continue
        keys = [node.label.key for node in stack[1:] if node.label is not None]
        if label.key in keys:
            while stack[-1].label is None or stack[-1].label.key != label.key:
                stack.pop()
            stack.pop()
        node = Node(label, block, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    _assign_refs(root)
    return root


def _assign_refs(root: Node) -> None:
    used: set[str] = set()
    for node in root.walk():
        assert node.label is not None
        base = _base(node)
        ref = f"{base}.{node.label.core}" if base else node.label.core
        if ref in used:
            node.note = (f"bản in ghi trùng số mục \"{node.label.text}\"; mục này được ghi mã \"{ref}-2\" để phân biệt")
            candidate, count = f"{ref}-2", 2
            while candidate in used:
                count += 1
                candidate = f"{ref}-{count}"
            ref = candidate
        used.add(ref)
        node.ref = ref


def _base(node: Node) -> str:
    """The ref a node's number is written after: "II" for "1.1." (an arabic number carries its own parents), the
    parent's ref for the others."""
    parent = node.parent
    assert node.label is not None
    if node.label.style == "arabic":
        while parent is not None and parent.label is not None and parent.label.style == "arabic":
            parent = parent.parent
    return parent.ref if parent is not None else ""


def numbering_notes(root: Node) -> list[str]:
    """Jumps in the printed numbers ("IV-" right after "II-"), noted on the section and returned for the report."""
    notes = []
    for node in [root, *root.walk()]:
        previous: Node | None = None
        for child in node.children:
            assert child.label is not None
            if previous is not None and previous.label is not None and previous.label.key == child.label.key \
                    and not _follows(previous.label, child.label):
                text = (f"bản in đánh số nhảy từ \"{previous.label.text}\" sang \"{child.label.text}\"; sổ tay giữ "
                        "đúng số như bản in")
                child.note = child.note or text[:1].upper() + text[1:] + "."
                notes.append(f"Mục {child.ref}: {text}.")
            previous = child
    return notes


def _follows(previous: Label, label: Label) -> bool:
    if previous.style in ("letter", "capital") and previous.value == _LETTERS.index("d") + 1:
        return label.value in (previous.value + 1, previous.value + 2)  # d) → đ) or d) → e)
    if label.style == "arabic" and len(label.parts) > 1 and label.parts[:-1] != previous.parts[:-1]:
        return label.value == 1
    return label.value == previous.value + 1


def printed_sections(root: Node) -> list[dict[str, Any]]:
    """The `printed` list of the data model: every numbered section that is not itself a typed part, in order; a
    part that its later siblings would otherwise overtake keeps a section of its own (number only)."""
    return _printed(root.children)


def _printed(nodes: list[Node]) -> list[dict[str, Any]]:
    found = []
    for node in nodes:
        if node.is_part and not keeps_own_section(node):
            continue
        assert node.label is not None
        section: dict[str, Any] = {"ref": node.ref, "label": node.label.text}
        if node.heading and not (node.is_part and node.heading_is_part):
            section["heading"] = node.heading
        if node.text_blocks:
            section["text"] = "\n\n".join(block.full if block.label else block.text for block in node.text_blocks)
        if node.note:
            section["note"] = node.note
        children = _printed(node.children)
        if children:
            section["sections"] = children
        found.append(section)
    return found


def keeps_own_section(node: Node) -> bool:
    """Whether a part-section is printed as a section of its own (so its part carries no label). A section shows
    its parts before its sub-sections, so a part printed after a sub-section keeps a section of its own to stay in
    its place ("B.II.3" after the section "B.II.2")."""
    if node.parent is None:
        return False
    siblings = node.parent.children
    index = siblings.index(node)
    return bool(node.children) or any(not earlier.is_part or earlier.children for earlier in siblings[:index])
