"""GraphiQL's browser assets, served by the server itself (docs/graphiql.md).

Strawberry's GraphiQL page loads React, GraphiQL and its explorer plugin from a public
CDN, pinned by version and by SRI hash. On an intranet the page never gets past
"Loading...". This module fetches exactly those files — the versions strawberry's page
names, so they follow strawberry's upgrades — from the npm registry at install time
(`promoflow graphiql-assets`, run by `./run`), into a git-ignored folder, and checks each
one twice: the registry's sha512 of the package tarball, and the page's own SRI hash
(which the browser checks again when it loads them). The server then serves the page
with the CDN prefix pointing at itself.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

CDN = "https://unpkg.com/"
LOCAL_PREFIX = "/graphiql/assets/"
REGISTRY = "https://registry.npmjs.org"
DEFAULT_DIR = Path(__file__).resolve().parent / "graphiql-assets"  # = Settings' default
_SPEC = re.compile(r"^(?P<package>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>.+)$")
_TAG = re.compile(r'(?:src|href)="https://unpkg\.com/(?P<spec>[^"]+)"\s+integrity="(?P<sri>[^"]+)"')


class AssetError(RuntimeError):
    """An asset could not be fetched or did not match its hash; the message says which."""


@dataclass(frozen=True)
class Asset:
    package: str  # e.g. @graphiql/plugin-explorer
    version: str
    path: str  # inside the package, e.g. dist/index.umd.js
    integrity: str  # the page's SRI hash, e.g. sha384-…

    @property
    def relative(self) -> str:
        """Where it lives under the assets folder and the URL prefix."""
        return f"{self.package}@{self.version}/{self.path}"


def ide_html() -> str:
    """Strawberry's GraphiQL page, as it ships (CDN URLs)."""
    from strawberry.http.ides import get_graphql_ide_html

    return get_graphql_ide_html(graphql_ide="graphiql")


def assets(html: str | None = None) -> list[Asset]:
    """The files the page loads, from its own <script>/<link> tags."""
    found = []
    for match in _TAG.finditer(html or ide_html()):
        spec = _SPEC.match(match["spec"])
        if spec is None:
            raise AssetError(f"cannot read the CDN address {match['spec']!r}")
        found.append(Asset(package=spec["package"], version=spec["version"],
                           path=spec["path"], integrity=match["sri"]))
    if not found:
        raise AssetError("strawberry's GraphiQL page names no CDN assets: has it changed?")
    return found


def local_html(html: str | None = None) -> str:
    """The page with every asset loaded from this server."""
    return (html or ide_html()).replace(CDN, LOCAL_PREFIX)


def missing(folder: Path = DEFAULT_DIR, html: str | None = None) -> list[Asset]:
    return [a for a in assets(html) if not (folder / a.relative).is_file()]


def _sri_ok(data: bytes, integrity: str) -> bool:
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in {"sha256", "sha384", "sha512"}:
        return False
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    return digest == expected


def fetch(folder: Path = DEFAULT_DIR, registry: str = REGISTRY, timeout: float = 60.0,
          html: str | None = None) -> list[str]:
    """Download what is missing into `folder`; returns the files written."""
    import httpx

    wanted = missing(folder, html)
    by_package: dict[tuple[str, str], list[Asset]] = {}
    for asset in wanted:
        by_package.setdefault((asset.package, asset.version), []).append(asset)
    written: list[str] = []
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for (package, version), files in by_package.items():
            meta_url = f"{registry}/{quote(package, safe='@')}/{version}"
            try:
                meta = client.get(meta_url)
                meta.raise_for_status()
                dist = meta.json()["dist"]
                tarball = client.get(dist["tarball"])
                tarball.raise_for_status()
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                raise AssetError(f"{package}@{version}: {type(exc).__name__}: {exc}") from None
            if not _sri_ok(tarball.content, dist["integrity"]):
                raise AssetError(f"{package}@{version}: the tarball does not match the "
                                 "registry's integrity hash")
            with tarfile.open(fileobj=io.BytesIO(tarball.content), mode="r:gz") as archive:
                for asset in files:
                    member = archive.extractfile(f"package/{asset.path}")
                    if member is None:
                        raise AssetError(f"{asset.relative}: not in the package")
                    data = member.read()
                    if not _sri_ok(data, asset.integrity):
                        raise AssetError(f"{asset.relative}: does not match the page's "
                                         f"integrity hash {asset.integrity}")
                    target = folder / asset.relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                    written.append(asset.relative)
    if written:
        manifest = {a.relative: a.integrity for a in assets(html)}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return written
