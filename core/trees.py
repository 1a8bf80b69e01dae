"""Walking a tree given as (id, parent id) pairs: the unit tree's one walker."""


def subtree_ids(pairs, root_id):
    """``root_id`` and the ids of every node below it, parents before children.

    ``pairs`` is every (id, parent_id) of the tree, read in one query by the
    caller; the walk itself costs no query.
    """
    children = {}
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    ids, frontier = [root_id], [root_id]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, [])]
        ids.extend(frontier)
    return ids
