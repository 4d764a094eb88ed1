"""Generate ``generated_sdk/htx_swap_client`` from ``openapi.yaml``, or check that it is fresh.

``python generator/generate.py`` regenerates the committed package; ``--check`` regenerates into a
temporary directory and exits 1 with a unified diff when the committed code differs.

Byte-identical output on any machine rests on three things this script enforces: the pinned
tool versions from ``generator/requirements.lock`` (checked, not trusted), post-hooks that run
ruff with ``--isolated`` (so no ruff configuration of the surrounding tree leaks in), and a
generation that always happens in a fresh temporary directory.

Two additions to what openapi-python-client writes:

- ``generator/templates/`` overrides some of its templates (``--custom-template-path``): every
  endpoint module gets a public codec surface (``METHOD``, ``PATH``, ``request_kwargs``,
  ``parse_body``) and ``models/__init__.py`` imports its models lazily.
- ``htx_swap_client/operations.py``, written by this script from the ``x-htx-*`` extensions of
  each operation (openapi-python-client does not hand vendor extensions to its templates).
  The extensions are validated here: an unknown ``x-htx-*`` key or a value of the wrong type
  fails the generation.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "OperationFactsError",
    "diff_trees",
    "generate_into",
    "main",
    "operation_facts",
    "render_operations",
    "templates_digest",
]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator" / "config.yaml"
TEMPLATES = ROOT / "generator" / "templates"
LOCK = ROOT / "generator" / "requirements.lock"
PACKAGE = "htx_swap_client"
GENERATED_ROOT = ROOT / "generated_sdk"
STAMP_NAME = "GENERATED.json"
PINNED_TOOLS = ("openapi-python-client", "ruff")
HEADER = "# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.\n"
OPERATIONS_MODULE = "operations.py"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PERMISSIONS = ("trade", "read", "none")
ENVELOPES = ("status", "code", "v5")
# Which HTX product an operation belongs to (x-htx-product, required): the runtime selects a
# product's operations by it. "common" is for what no product owns (server time).
PRODUCTS = ("swap", "futures", "usdt", "common")
# The path every operation of a product lives under (a typo'd product would otherwise move an
# operation into the other product's rate-limit buckets without a word).
PRODUCT_PATHS = {
    "swap": "/swap-api/",
    "futures": "/api/v1/contract",
    "usdt": "/v5/",
    "common": "/api/v1/",
}
# The product whose shared buckets carry no prefix (trade, read). Every other product's shared
# buckets are named after it (futures_trade, usdt_read), so that no two products ever share a
# quota by accident; a bucket of one operation's own is named after its operationId.
UNPREFIXED_PRODUCT = "swap"
# Where an operation's facts come from (x-htx-doc-source; default htx): HTX's own page (named
# by x-htx-doc) or, where HTX publishes none, the third-party SDKs named in
# x-htx-third-party-sources.
DOC_SOURCES = ("htx", "third-party")
RATE_LIMIT_KEYS = ("bucket", "requests", "period_seconds")
# Every x-htx-* key an operation may carry; anything else fails the generation (a typo would
# otherwise vanish without a word).
OPERATION_EXTENSIONS = (
    "x-htx-doc",
    "x-htx-doc-source",
    "x-htx-envelope",
    "x-htx-max-ids",
    "x-htx-order-status",
    "x-htx-permission",
    "x-htx-product",
    "x-htx-rate-limit",
    "x-htx-signed",
    "x-htx-third-party-sources",
)
REQUIRED_EXTENSIONS = ("x-htx-envelope", "x-htx-permission", "x-htx-product")


class OperationFactsError(ValueError):
    """An operation's ``x-htx-*`` extensions are missing, unknown or of the wrong type."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return _is_int(value) or isinstance(value, float)


def _request_max_ids(operation: dict[str, Any], spec: dict[str, Any]) -> set[int]:
    """The ``x-htx-max-ids`` values declared on the request body's properties."""
    found: set[int] = set()
    for media in operation.get("requestBody", {}).get("content", {}).values():
        schema = media.get("schema", {})
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            schema = spec.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
        for prop in schema.get("properties", {}).values():
            if isinstance(prop, dict) and "x-htx-max-ids" in prop:
                found.add(prop["x-htx-max-ids"])
    return found


def _check_keys(operation: dict[str, Any], fail: Callable[[str], OperationFactsError]) -> None:
    keys = {key for key in operation if key.startswith("x-htx-")}
    unknown = sorted(keys - set(OPERATION_EXTENSIONS))
    if unknown:
        raise fail(
            f"unknown extension(s) {', '.join(unknown)}; known: {', '.join(OPERATION_EXTENSIONS)}"
        )
    missing = [key for key in REQUIRED_EXTENSIONS if key not in operation]
    if missing:
        raise fail(f"missing required extension(s) {', '.join(missing)}")


def _check_descriptive(
    operation: dict[str, Any], fail: Callable[[str], OperationFactsError]
) -> tuple[str, str]:
    """Validate permission, envelope, signed, doc and order-status; return the first two."""
    permission = operation["x-htx-permission"]
    if permission not in PERMISSIONS:
        raise fail(f"x-htx-permission must be one of {PERMISSIONS}, got {permission!r}")
    envelope = operation["x-htx-envelope"]
    if envelope not in ENVELOPES:
        raise fail(f"x-htx-envelope must be one of {ENVELOPES}, got {envelope!r}")
    signed = operation.get("x-htx-signed", permission != "none")
    if not isinstance(signed, bool):
        raise fail(f"x-htx-signed must be a boolean, got {signed!r}")
    if signed != (permission != "none"):
        raise fail(f"x-htx-signed={signed} contradicts x-htx-permission={permission!r}")
    doc = operation.get("x-htx-doc", "https://")
    if not isinstance(doc, str) or not doc.startswith("https://"):
        raise fail(f"x-htx-doc must be an https URL, got {doc!r}")
    statuses = operation.get("x-htx-order-status", {})
    if not isinstance(statuses, dict) or not all(
        _is_int(code) and isinstance(text, str) for code, text in statuses.items()
    ):
        raise fail("x-htx-order-status must map integer codes to strings")
    return permission, envelope


def _check_provenance(
    path: str, operation: dict[str, Any], fail: Callable[[str], OperationFactsError]
) -> tuple[str, str]:
    """Validate product (and its path), doc source and third-party sources; return the product
    and source."""
    product = operation["x-htx-product"]
    if product not in PRODUCTS:
        raise fail(f"x-htx-product must be one of {PRODUCTS}, got {product!r}")
    if not path.startswith(PRODUCT_PATHS[product]):
        raise fail(f"x-htx-product {product!r} needs a path under {PRODUCT_PATHS[product]}")
    source = operation.get("x-htx-doc-source", "htx")
    if source not in DOC_SOURCES:
        raise fail(f"x-htx-doc-source must be one of {DOC_SOURCES}, got {source!r}")
    sdks = operation.get("x-htx-third-party-sources")
    if source == "third-party":
        named = isinstance(sdks, list) and all(isinstance(sdk, str) and sdk for sdk in sdks)
        if not sdks or not named:
            raise fail("x-htx-doc-source third-party needs x-htx-third-party-sources: SDK names")
        if "x-htx-doc" in operation:
            raise fail("x-htx-doc names an HTX page, but x-htx-doc-source says third-party")
    elif sdks is not None:
        raise fail("x-htx-third-party-sources is only for x-htx-doc-source: third-party")
    return str(product), source


def _check_max_ids(
    operation: dict[str, Any], spec: dict[str, Any], fail: Callable[[str], OperationFactsError]
) -> int | None:
    max_ids = operation.get("x-htx-max-ids")
    if max_ids is not None and (not _is_int(max_ids) or max_ids < 1):
        raise fail(f"x-htx-max-ids must be a positive integer, got {max_ids!r}")
    declared = _request_max_ids(operation, spec)
    if declared and declared != {max_ids}:
        raise fail(
            f"x-htx-max-ids is {max_ids!r} but the request body's id fields say {sorted(declared)}"
        )
    return max_ids if isinstance(max_ids, int) else None


def _check_rate_limit(
    operation: dict[str, Any], fail: Callable[[str], OperationFactsError], product: str
) -> tuple[str | None, int | None, float | None]:
    """A bucket is the operation's own (named after its operationId) or one of its product's
    shared buckets: unprefixed for swap, ``<product>_...`` for every other product."""
    if "x-htx-rate-limit" not in operation:
        return None, None, None
    limit = operation["x-htx-rate-limit"]
    if not isinstance(limit, dict) or sorted(limit) != sorted(RATE_LIMIT_KEYS):
        raise fail(f"x-htx-rate-limit must be a mapping with exactly {RATE_LIMIT_KEYS}")
    bucket, requests, period = limit["bucket"], limit["requests"], limit["period_seconds"]
    if not isinstance(bucket, str) or not bucket.isidentifier():
        raise fail(f"x-htx-rate-limit.bucket must be a name, got {bucket!r}")
    owner = next(
        (p for p in PRODUCTS if p != UNPREFIXED_PRODUCT and bucket.startswith(f"{p}_")), None
    )
    own_bucket = bucket == operation.get("operationId")
    if not own_bucket and owner != (None if product == UNPREFIXED_PRODUCT else product):
        raise fail(
            f"x-htx-rate-limit.bucket {bucket!r} does not fit x-htx-product {product!r}: "
            "a product's shared buckets start with its name and an underscore (swap's have "
            "none); a bucket of the operation's own is named after its operationId"
        )
    if not _is_int(requests) or requests < 1:
        raise fail(f"x-htx-rate-limit.requests must be a positive integer, got {requests!r}")
    if not _is_number(period) or period <= 0:
        raise fail(f"x-htx-rate-limit.period_seconds must be a positive number, got {period!r}")
    return bucket, requests, float(period)


def _one_operation(
    path: str, method: str, operation: dict[str, Any], spec: dict[str, Any]
) -> dict[str, Any]:
    name = operation.get("operationId")
    where = f"{method.upper()} {path}"
    if not isinstance(name, str) or not name.isidentifier():
        raise OperationFactsError(f"{where}: operationId must be a Python identifier, got {name!r}")
    where = f"{where} ({name})"

    def fail(message: str) -> OperationFactsError:
        return OperationFactsError(f"{where}: {message}")

    _check_keys(operation, fail)
    permission, envelope = _check_descriptive(operation, fail)
    product, doc_source = _check_provenance(path, operation, fail)
    max_ids = _check_max_ids(operation, spec, fail)
    bucket, requests, period = _check_rate_limit(operation, fail, product)
    if not operation.get("responses", {}).get("200", {}).get("content"):
        raise fail("needs an HTTP 200 response with content (parse_body decodes it)")
    return {
        "name": name,
        "method": method.upper(),
        "path": path,
        "permission": permission,
        "max_ids": max_ids,
        "rate_limit_bucket": bucket,
        "rate_limit_requests": requests,
        "rate_limit_period": period,
        "envelope": envelope,
        "product": product,
        "doc_source": doc_source,
    }


def operation_facts(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation's facts from its ``x-htx-*`` extensions, sorted by operationId.

    Raises ``OperationFactsError`` with a message naming the operation and the extension.
    """
    facts: list[dict[str, Any]] = []
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                facts.append(_one_operation(path, method, operation, spec))
    names = [fact["name"] for fact in facts]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise OperationFactsError(f"operationId used more than once: {', '.join(duplicates)}")
    _check_buckets(facts)
    return sorted(facts, key=lambda fact: str(fact["name"]))


def _check_buckets(facts: list[dict[str, Any]]) -> None:
    """A rate-limit bucket belongs to one product and has one limit: two products never share a
    bucket by a name, and two operations of a bucket never disagree on its size."""
    seen: dict[str, dict[str, Any]] = {}
    for fact in sorted(facts, key=lambda fact: str(fact["name"])):
        bucket = fact["rate_limit_bucket"]
        if bucket is None:
            continue
        first = seen.setdefault(bucket, fact)
        if first["product"] != fact["product"]:
            raise OperationFactsError(
                f"rate-limit bucket {bucket!r} is used by {first['name']} ({first['product']}) "
                f"and {fact['name']} ({fact['product']}): each product has buckets of its own"
            )
        size = ("rate_limit_requests", "rate_limit_period")
        if any(first[key] != fact[key] for key in size):
            raise OperationFactsError(
                f"rate-limit bucket {bucket!r}: {first['name']} says "
                f"{first['rate_limit_requests']} per {first['rate_limit_period']} s, "
                f"{fact['name']} says {fact['rate_limit_requests']} per "
                f"{fact['rate_limit_period']} s"
            )


_OPERATIONS_PREAMBLE = '''"""Facts about each operation that its schemas cannot hold.

Written by generator/generate.py from the ``x-htx-*`` extensions of each operation (documented
in the spec's ``info.description``).
"""

import dataclasses

__all__ = ["OPERATIONS", "PRODUCTS", "OperationFacts", "operations_of"]


@dataclasses.dataclass(frozen=True, slots=True)
class OperationFacts:
    """One operation of the spec."""

    name: str
    """The operationId, e.g. "swap_cancel"."""
    method: str
    """The HTTP method, upper case, e.g. "POST"."""
    path: str
    """The path, e.g. "/swap-api/v1/swap_cancel"."""
    permission: str
    """The API key permission it needs: "trade", "read" or "none" (public, not signed)."""
    max_ids: int | None
    """How many order ids one request may name (x-htx-max-ids); None when it names none."""
    rate_limit_bucket: str | None
    """The rate-limit bucket it counts against (x-htx-rate-limit.bucket); None when unlimited."""
    rate_limit_requests: int | None
    """Requests allowed per period in that bucket (x-htx-rate-limit.requests)."""
    rate_limit_period: float | None
    """The bucket's period in seconds (x-htx-rate-limit.period_seconds)."""
    envelope: str
    """The answer's envelope: "status" ({status, data, ts}, errors with err_code/err_msg),
    "code" ({code, msg, data, ts}) or "v5" ({code, message, data, ts}, success code 200)."""
    product: str
    """The HTX product (x-htx-product): "swap" (coin-margined perpetual swaps, /swap-api/),
    "futures" (coin-margined delivery futures, /api/v1/contract*), "usdt" (USDT-margined
    contracts, the v5 API, /v5/) or "common" (server time). Select one product's operations
    with ``operations_of(product)``."""
    doc_source: str = "htx"
    """Where its facts come from (x-htx-doc-source): "htx" (HTX's page) or "third-party"
    (SDKs only; HTX publishes no page)."""


OPERATIONS: dict[str, OperationFacts] = {
'''


def _literal(value: object) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


_OPERATIONS_EPILOGUE = '''

def operations_of(product: str) -> dict[str, OperationFacts]:
    """The operations of one product ("swap", "futures", "usdt" or "common"), by operationId.

    An unknown product is a ``KeyError`` naming it, never an empty table.
    """
    if product not in PRODUCTS:
        raise KeyError(f"unknown product {product!r}; known: {', '.join(PRODUCTS)}")
    return {name: facts for name, facts in OPERATIONS.items() if facts.product == product}
'''


def render_operations(facts: list[dict[str, Any]]) -> str:
    """The source of ``operations.py`` (before ruff formats it)."""
    lines = [_OPERATIONS_PREAMBLE]
    for fact in facts:
        fields = ", ".join(f"{key}={_literal(value)}" for key, value in fact.items())
        lines.append(f"    {_literal(fact['name'])}: OperationFacts({fields}),\n")
    lines.append("}\n")
    lines.append(f"\nPRODUCTS = {PRODUCTS!r}\n")
    lines.append('"""Every product an operation may belong to (x-htx-product)."""\n')
    lines.append(_OPERATIONS_EPILOGUE)
    return "".join(lines)


def templates_digest() -> str:
    """One sha256 over every file under generator/templates (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _pinned_versions() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.strip().partition("==")
        if sep:
            pins[name.lower().replace("_", "-")] = version
    return pins


def _check_tools() -> dict[str, str]:
    """Return the pinned tool versions, failing when the installed ones differ."""
    pins = _pinned_versions()
    found: dict[str, str] = {}
    for tool in PINNED_TOOLS:
        try:
            installed = metadata.version(tool)
        except metadata.PackageNotFoundError:
            sys.exit(f"generate: {tool} is not installed; run `make venv`")
        if installed != pins.get(tool):
            sys.exit(
                f"generate: {tool} {installed} is installed but generator/requirements.lock pins "
                f"{pins.get(tool)}; run `make venv`"
            )
        found[tool] = installed
    return found


def _check_config_keys() -> None:
    """Fail on config keys the generator would ignore without a word."""
    from openapi_python_client.config import ConfigFile

    keys = set(yaml.safe_load(CONFIG.read_text(encoding="utf-8")))
    unknown = sorted(keys - set(ConfigFile.model_fields))
    if unknown:
        sys.exit(f"generate: unknown keys in generator/config.yaml: {', '.join(unknown)}")


def generate_into(target: Path) -> None:
    """Generate the package and its stamp into ``target`` (a directory that must not exist)."""
    versions = _check_tools()
    _check_config_keys()
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    try:
        facts = operation_facts(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
    except OperationFactsError as exc:
        sys.exit(f"generate: openapi.yaml: {exc}")
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    with tempfile.TemporaryDirectory(prefix="htx-generate-") as scratch:
        out = Path(scratch) / PACKAGE
        command = [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--overwrite",
            "--fail-on-warning",
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.exit(f"generate: openapi-python-client failed\n{result.stdout}{result.stderr}")
        (out / OPERATIONS_MODULE).write_text(render_operations(facts), encoding="utf-8")
        for hook in config.get("post_hooks", []):  # the same ruff passes as the generated code
            done = subprocess.run(
                shlex.split(hook), cwd=out, env=env, capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                sys.exit(f"generate: {hook!r} failed on {OPERATIONS_MODULE}\n{done.stderr}")
        for source in sorted(out.rglob("*.py")):
            source.write_text(HEADER + source.read_text(encoding="utf-8"), encoding="utf-8")
        (out / "py.typed").write_text("", encoding="utf-8")
        target.mkdir(parents=True)
        shutil.copytree(out, target / PACKAGE)
    stamp = {
        "generator": f"openapi-python-client=={versions['openapi-python-client']}",
        "formatter": f"ruff=={versions['ruff']}",
        "spec": "openapi.yaml",
        "spec_sha256": hashlib.sha256(SPEC.read_bytes()).hexdigest(),
        "config_sha256": hashlib.sha256(CONFIG.read_bytes()).hexdigest(),
        "templates": TEMPLATES.relative_to(ROOT).as_posix(),
        "templates_sha256": templates_digest(),
    }
    (target / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def diff_trees(committed: Path, fresh: Path) -> str:
    """Return a unified diff of two generated trees; empty when they are identical."""
    old, new = _tree(committed), _tree(fresh)
    chunks: list[str] = []
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) == new.get(name):
            continue
        before = old.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        after = new.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        label_old = f"committed/{name}" if name in old else "/dev/null"
        label_new = f"generated/{name}" if name in new else "/dev/null"
        chunks.extend(difflib.unified_diff(before, after, label_old, label_new))
    return "".join(chunks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh generation with generated_sdk/"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="htx-generated-") as scratch:
        fresh = Path(scratch) / "generated_sdk"
        generate_into(fresh)
        if args.check:
            diff = diff_trees(GENERATED_ROOT, fresh)
            if diff:
                sys.stdout.write(diff)
                print(
                    "\ncheck-generated: generated_sdk/ differs from a fresh generation of "
                    "openapi.yaml; run `make generate` and commit the result.",
                    file=sys.stderr,
                )
                return 1
            print("check-generated: generated_sdk/ matches a fresh generation")
            return 0
        for name in (PACKAGE, STAMP_NAME):
            old = GENERATED_ROOT / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
        GENERATED_ROOT.mkdir(exist_ok=True)
        shutil.copytree(fresh / PACKAGE, GENERATED_ROOT / PACKAGE)
        shutil.copy2(fresh / STAMP_NAME, GENERATED_ROOT / STAMP_NAME)
    print(f"generate: wrote generated_sdk/{PACKAGE} and generated_sdk/{STAMP_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
