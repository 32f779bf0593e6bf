"""No module of the desk or the county imports itself back (STYLE.md 14).

The import-linter contracts in pyproject.toml order the desk's top-level
packages and forbid cycles between siblings inside each package; the layer
of the domain services and printing lets those two import each other, so
this test closes the gap: no cycle between any two modules anywhere, with
every import counted, those inside functions too.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]


def module_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of modules (more than one, or one that
    imports itself), each sorted; Tarjan's algorithm, iteratively."""
    modules = sorted(m for m in graph.modules if not graph.is_module_squashed(m))
    known = set(modules)
    edges = {m: sorted(set(graph.find_modules_directly_imported_by(m)) & known) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in modules:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            step = next(pending, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(edges[step])))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges[node]:
                    found.append(sorted(group))
    return sorted(found)


def test_no_module_of_the_desk_or_the_county_is_in_an_import_cycle() -> None:
    graph = grimp.build_graph("app", "county_server", cache_dir=None)
    assert {"app.sync.apply", "app.ui.main_window", "county_server.app"} <= graph.modules
    assert module_cycles(graph) == []


@pytest.fixture
def sample_package(tmp_path: Path) -> Iterator[Path]:
    package = tmp_path / "cyclesample"
    (package / "inner").mkdir(parents=True)
    for path in (package / "__init__.py", package / "inner" / "__init__.py"):
        path.write_text("", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield package
    finally:
        sys.path.remove(str(tmp_path))


def test_the_check_would_notice_a_cycle(sample_package: Path) -> None:
    # a -> inner.b -> c -> a, the last one hidden inside a function, as a
    # cycle is usually hidden; d only imports a (no cycle of its own).
    (sample_package / "a.py").write_text("from cyclesample.inner import b\n", encoding="utf-8")
    (sample_package / "inner" / "b.py").write_text("import cyclesample.c\n", encoding="utf-8")
    (sample_package / "c.py").write_text("def later():\n    from cyclesample import a\n", encoding="utf-8")
    (sample_package / "d.py").write_text("import cyclesample.a\n", encoding="utf-8")
    graph = grimp.build_graph("cyclesample", cache_dir=None)
    assert module_cycles(graph) == [["cyclesample.a", "cyclesample.c", "cyclesample.inner.b"]]

    (sample_package / "c.py").write_text("def later():\n    pass\n", encoding="utf-8")
    assert module_cycles(grimp.build_graph("cyclesample", cache_dir=None)) == []
