"""Runs deploy_checks on the repository: the Dockerfile, docker-compose.yml and every Kustomize
tree under deploy/kubernetes (the base and each overlay, rendered by `kustomize build`). Exit 1
with the problems listed when any check fails. Called by validate.sh, which provides the tools.

  python tools/deploy/check.py --compose-schema FILE --crd FILE... --kustomize 'kustomize build' --strimzi-classpath CP
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

import deploy_checks as checks

KUBERNETES_DIR = checks.ROOT / "deploy" / "kubernetes"


def render(kustomize: str, tree: Path) -> list[dict]:
    out = subprocess.run([*shlex.split(kustomize), str(tree)], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"kustomize build {tree.relative_to(checks.ROOT)} failed:\n{out.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(out.stdout) if doc]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compose-schema", type=Path, required=True)
    parser.add_argument("--crd", type=Path, action="append", default=[])
    parser.add_argument("--kustomize", required=True)
    parser.add_argument("--strimzi-classpath", required=True)
    args = parser.parse_args()

    services = checks.load_services()
    results: list[tuple[str, list[str]]] = []
    results.append(("Dockerfile", checks.check_dockerfile((checks.ROOT / "Dockerfile").read_text(), (checks.ROOT / ".dockerignore").read_text())))
    compose = yaml.safe_load((checks.ROOT / "docker-compose.yml").read_text())
    results.append(("docker-compose.yml", checks.check_compose(compose, yaml.safe_load(args.compose_schema.read_text()), services)))

    crds = checks.crd_schemas(args.crd)
    trees = [KUBERNETES_DIR / "base", *sorted(p for p in (KUBERNETES_DIR / "overlays").iterdir() if (p / "kustomization.yaml").is_file())]
    for tree in trees:
        name = str(tree.relative_to(checks.ROOT))
        try:
            objects = render(args.kustomize, tree)
        except RuntimeError as error:
            results.append((name, [str(error)]))
            continue
        problems = checks.validate_objects(objects, crds, checks.strimzi_checker(args.strimzi_classpath))
        # The base leaves the database Secrets to each environment; an overlay must provide them.
        problems += checks.check_workloads(objects, services, checks.node_args, require_secrets=tree.parent.name == "overlays")
        kinds = sorted({f"{o['kind']}" for o in objects})
        results.append((f"{name} ({len(objects)} objects: {', '.join(kinds)})", problems))

    failed = 0
    for name, problems in results:
        print(f"{'ok  ' if not problems else 'FAIL'} {name}")
        for problem in problems:
            print(f"       - {problem}")
        failed += bool(problems)
    print(f"deploy checks: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
