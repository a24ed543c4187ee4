"""The commodity hierarchy: groups in tree order for the filter form, a group's members."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from tracker.models import Commodity


@dataclass(frozen=True)
class TreeNode:
    """A commodity at its place in the hierarchy (depth 0: not in any group)."""

    slug: str
    name: str
    depth: int
    members: int


def commodity_tree(session: Session) -> list[TreeNode]:
    """Every commodity, each group followed by its members (alphabetical at each level)."""
    rows = session.execute(
        select(Commodity.id, Commodity.slug, Commodity.name, Commodity.parent_id).order_by(
            Commodity.name
        )
    ).all()
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[TreeNode] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for row in children.get(parent_id, []):
            out.append(TreeNode(row.slug, row.name, depth, len(children.get(row.id, []))))
            walk(row.id, depth + 1)

    walk(None, 0)
    return out


def group_members(session: Session, commodity: Commodity) -> list[TreeNode]:
    """Everything under COMMODITY, depth counted from its direct members (0)."""
    tree = commodity_tree(session)
    start = next(i for i, node in enumerate(tree) if node.slug == commodity.slug)
    base = tree[start].depth + 1
    out = []
    for node in tree[start + 1 :]:
        if node.depth < base:
            break
        out.append(TreeNode(node.slug, node.name, node.depth - base, node.members))
    return out


def parent_of(session: Session, commodity: Commodity) -> Commodity | None:
    """The group COMMODITY is in, if any."""
    if commodity.parent_id is None:
        return None
    return session.get(Commodity, commodity.parent_id)
