"""The package's layout shows its layers (README, Architecture): the public surface is
``htx_swap`` itself and its ``cli``; everything else lives in ``_``-prefixed internal
subpackages, and the modules import each other without a cycle."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import htx_swap

PACKAGE = Path(htx_swap.__file__).parent
LAYERS = {
    "_model",
    "_wire",
    "_engine",
    "_clients",
    "_push",
    "_observe",
    "_redis",
    "_cli",
    "_products",
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, *, type_only_too: bool) -> set[str]:
    """The package's modules that ``path`` imports at module level (``if TYPE_CHECKING:``
    blocks included when ``type_only_too``; imports inside functions never)."""
    statements: list[ast.stmt] = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If):
            statements += node.body if type_only_too else []
        else:
            statements.append(node)
    found: set[str] = set()
    for node in statements:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("htx_swap"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else str(node.module))
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
    return found & set(MODULES)


def test_only_the_public_surface_is_at_the_top_of_the_package() -> None:
    top = {path.name for path in PACKAGE.iterdir() if path.name != "__pycache__"}
    assert top == {"__init__.py", "cli.py", "py.typed"} | LAYERS
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").is_file()


def test_every_public_name_comes_from_the_package_and_resolves() -> None:
    assert not [name for name in htx_swap.__all__ if name.startswith("_") and name != "__version__"]
    for name in htx_swap.__all__:
        assert getattr(htx_swap, name) is not None
    for name, module in htx_swap._LAZY.items():
        assert module.split(".")[1] in LAYERS, (name, module)
        assert name in htx_swap.__all__
        assert getattr(importlib.import_module(module), name) is getattr(htx_swap, name)


def test_dir_lists_the_public_surface_and_no_internal() -> None:
    listed = {name for name in dir(htx_swap) if not name.startswith("__")}
    assert listed == {name for name in htx_swap.__all__ if not name.startswith("__")}
    assert "__version__" in dir(htx_swap)


def test_the_modules_import_each_other_without_a_cycle() -> None:
    graph = {name: _imports(path, type_only_too=False) for name, path in MODULES.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join((*path, name))}"
        if name in done:
            return
        for imported in graph[name]:
            visit(imported, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def _reachable(start: str) -> set[str]:
    """Every module ``start`` imports, directly or through others, type-only imports included."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for imported in _imports(MODULES[todo.pop()], type_only_too=True) - seen:
            seen.add(imported)
            todo.append(imported)
    return seen


def test_the_steps_and_the_answer_reader_do_not_import_the_engine() -> None:
    # the former cycle body.py <-> engine.py (through Send, even for type checking only)
    assert "htx_swap._engine.engine" not in _reachable("htx_swap._engine.steps")
    assert "htx_swap._engine.engine" not in _reachable("htx_swap._wire.body")
    assert "htx_swap._engine.steps" in _imports(MODULES["htx_swap._wire.body"], type_only_too=True)


# README, Architecture: the layers in the order they may import each other (a layer imports
# only layers before it); ``htx_swap`` stands for the package's own __init__.
LAYER_ORDER = (
    "_model",
    "_wire",
    "_observe",
    "_push",
    "_engine",
    "_redis",
    "_products",
    "_cli",
    "_clients",
    "cli",
    "htx_swap",
)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "htx_swap"


def test_each_layer_imports_only_the_layers_before_it() -> None:
    assert set(LAYER_ORDER) == LAYERS | {"cli", "htx_swap"}
    rank = {layer: position for position, layer in enumerate(LAYER_ORDER)}
    upward = sorted(
        f"{name} -> {imported}"
        for name, path in MODULES.items()
        for imported in _imports(path, type_only_too=False)
        if rank[_layer(imported)] > rank[_layer(name)]
    )
    assert upward == []


def test_the_generated_client_is_imported_by_the_wire_codecs_only() -> None:
    """README: ``codec`` and ``v5_codec`` are the only importers of ``htx_swap_client``
    (inside functions too)."""
    importers = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [str(node.module)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(each.split(".")[0] == "htx_swap_client" for each in names):
                importers.add(name)
    assert importers == {"htx_swap._wire.codec", "htx_swap._wire.v5_codec"}
