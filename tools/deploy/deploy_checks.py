"""The offline checks of what Crossdock ships to run elsewhere: the Dockerfile (parsed by the
`dockerfile` package, which wraps BuildKit's own parser), docker-compose.yml (against the
compose-spec JSON schema that Docker Compose itself validates with) and the Kubernetes manifests
(built-in kinds against kubernetes-validate's schemas, the operators' kinds against their CRDs'
OpenAPI schemas). Each check returns a list of problems; none means it passed.

validate.sh installs the tools and calls check.py, which runs these on the repository; the tests
in test_deploy_checks.py break copies of the real files and expect the problem to be reported.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dockerfile
import jsonschema
import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parents[2]
# The Kubernetes minor version the built-in kinds are validated against.
KUBERNETES_VERSION = "1.33"


def load_services(root: Path = ROOT) -> list[dict[str, Any]]:
    return json.loads((root / "infra" / "services.json").read_text())["services"]


@functools.lru_cache(maxsize=None)
def node_args(service: str | None, root: Path = ROOT) -> tuple[str, ...]:
    """infra/node/node-args.js's flags, as every launcher of a service gets them."""
    out = subprocess.run(["node", str(root / "infra" / "node" / "node-args.js"), *([service] if service else [])], capture_output=True, text=True, check=True)
    return tuple(out.stdout.split())


# --- .dockerignore ------------------------------------------------------------------------------


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as Docker reads it (Go's filepath.Match plus `**` for any depth)."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


class DockerIgnore:
    def __init__(self, text: str):
        self.rules: list[tuple[bool, re.Pattern[str]]] = []
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            pattern = line[1:].strip() if negated else line
            pattern = pattern.strip("/").removeprefix("./")
            self.rules.append((negated, _pattern_regex(pattern)))

    def excludes(self, path: str) -> bool:
        """Whether the build context leaves `path` out: the last rule matching it or a parent folder wins."""
        parts = path.strip("/").split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        excluded = False
        for negated, regex in self.rules:
            if any(regex.match(prefix) for prefix in prefixes):
                excluded = not negated
        return excluded


# --- Dockerfile ---------------------------------------------------------------------------------


@dataclass
class Stage:
    name: str | None
    base: str
    commands: list[Any]


def stages_of(commands: Iterable[Any]) -> list[Stage]:
    stages: list[Stage] = []
    for command in commands:
        if command.cmd.upper() == "FROM":
            values = [value for value in command.value]
            name = values[2] if len(values) >= 3 and values[1].upper() == "AS" else None
            stages.append(Stage(name, values[0], []))
        elif stages:
            stages[-1].commands.append(command)
    return stages


def _copy_sources(command: Any) -> list[str]:
    """The context paths a COPY/ADD takes (none when it copies from another stage or image)."""
    if any(flag.startswith("--from") for flag in command.flags):
        return []
    return list(command.value[:-1])


def check_dockerfile(dockerfile_text: str, dockerignore_text: str, root: Path = ROOT, entrypoint_dry_run: Any = None) -> list[str]:
    """The image's rules: multi-stage, dependencies installed and Prisma clients generated inside it,
    no host node_modules, a non-root numeric USER and a HEALTHCHECK in the final stage, and an
    entrypoint that starts every service of infra/services.json by name the way the launchers do."""
    problems: list[str] = []
    try:
        commands = dockerfile.parse_string(dockerfile_text)
    except dockerfile.GoParseError as error:
        return [f"Dockerfile does not parse: {error}"]
    known = set(dockerfile.all_cmds())
    for command in commands:
        if command.cmd.lower() not in known:
            problems.append(f"line {command.start_line}: unknown instruction {command.cmd}")
    stages = stages_of(commands)
    ignore = DockerIgnore(dockerignore_text)
    if len(stages) < 2:
        problems.append(f"Dockerfile must be multi-stage (found {len(stages)} stage)")
    if not stages:
        return problems
    runs = [" ".join(c.value) for stage in stages for c in stage.commands if c.cmd.upper() == "RUN"]
    if not any(re.search(r"\bnpm ci\b", run) for run in runs):
        problems.append("no RUN installs the dependencies in the image (npm ci)")
    if not any(re.search(r"\bdb -- generate\b|\bprisma generate\b", run) for run in runs):
        problems.append("no RUN generates the Prisma clients in the image (npm run db -- generate)")

    for stage in stages:
        for command in stage.commands:
            if command.cmd.upper() in ("COPY", "ADD"):
                for source in _copy_sources(command):
                    if "node_modules" in source.split("/"):
                        problems.append(f"line {command.start_line}: {command.cmd} takes the host's {source}")
    for path in ("node_modules/x", "apps/x/node_modules/y", "libs/x/node_modules/y"):
        if not ignore.excludes(path):
            problems.append(f".dockerignore lets the host's {path.rsplit('/', 1)[0]} into the build context")
    if not ignore.excludes("apps/x/src/generated/prisma/client.ts"):
        problems.append(".dockerignore lets the host's generated Prisma clients (apps/*/src/generated) into the build context")

    final = stages[-1]
    users = [c for c in final.commands if c.cmd.upper() == "USER"]
    if not users:
        problems.append("the final stage has no USER: the services would run as root")
    else:
        user = users[-1].value[0].split(":")[0]
        if user in ("root", "0") or not user.isdigit():
            problems.append(f"the final stage's USER is '{users[-1].value[0]}': it must be a non-root uid (numeric, so runAsNonRoot can verify it)")
    if not any(c.cmd.upper() == "HEALTHCHECK" for c in final.commands):
        problems.append("the final stage has no HEALTHCHECK")
    if any(c.cmd.upper() == "RUN" and re.search(r"\bnpm (ci|install)\b", " ".join(c.value)) for c in final.commands):
        problems.append("the final stage installs dependencies itself: it should copy them from the build stage")

    entrypoints = [c for c in final.commands if c.cmd.upper() == "ENTRYPOINT"]
    if not entrypoints or not entrypoints[-1].json:
        problems.append("the final stage needs an exec-form ENTRYPOINT (the script that starts a service by name)")
        return problems
    script = entrypoints[-1].value[0].removeprefix("/app/")
    for needed in [script, "infra/services.json", "infra/node/node-args.js", "infra/node/runtime.json", "tsconfig.base.json", "package.json"]:
        if ignore.excludes(needed):
            problems.append(f".dockerignore leaves out {needed}, which the entrypoint needs")
    if not (root / script).is_file():
        problems.append(f"ENTRYPOINT {script} is not in the repository")
        return problems
    run = entrypoint_dry_run or (lambda *args: _dry_run(root / script, *args))
    for service in load_services(root):
        name = service["name"]
        for needed in [f"apps/{name}/src/main.ts", f"apps/{name}/runtime.json"]:
            if (root / needed).exists() and ignore.excludes(needed):
                problems.append(f".dockerignore leaves out {needed}")
        expected = ["node", *node_args(name, root), "-r", "@swc-node/register", f"apps/{name}/src/main.ts"]
        got = run(name)
        if got != expected:
            problems.append(f"`{script} {name}` runs {' '.join(got) or 'nothing'}; expected {' '.join(expected)}")
    simulators = ["node", *node_args(None, root), "-r", "@swc-node/register", "tools/demo/simulators.main.ts"]
    if run("simulators") != simulators:
        problems.append(f"`{script} simulators` does not run {' '.join(simulators)}")
    init = run("init")
    if "contracts:apply" not in " ".join(init) or "db -- migrate" not in " ".join(init):
        problems.append(f"`{script} init` does not run contracts:apply and db -- migrate (runs: {' '.join(init)})")
    return problems


@functools.lru_cache(maxsize=None)
def _dry_run(script: Path, *args: str) -> list[str]:
    out = subprocess.run(["sh", str(script), *args], capture_output=True, text=True, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CROSSDOCK_ENTRYPOINT_DRY_RUN": "1"})
    return out.stdout.split() if out.returncode == 0 else []


# --- docker-compose.yml -------------------------------------------------------------------------


def check_compose(compose: dict[str, Any], schema: dict[str, Any], services: list[dict[str, Any]]) -> list[str]:
    """The compose file against the compose-spec schema, plus what the schema cannot see: references
    between services and volumes, and the hub's services built from this repository's Dockerfile."""
    problems = [f"docker-compose.yml {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in jsonschema.Draft7Validator(schema).iter_errors(compose)]
    if problems:
        return problems
    defined = compose.get("services", {})
    volumes = set((compose.get("volumes") or {}).keys())
    for name, service in defined.items():
        depends = service.get("depends_on", {})
        for target in depends if isinstance(depends, (list, dict)) else []:
            if target not in defined:
                problems.append(f"service {name} depends on {target}, which is not defined")
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source and not source.startswith((".", "/", "~")) and source not in volumes:
                problems.append(f"service {name} mounts volume {source}, which is not declared")
            if source in (".", "./") or "node_modules" in str(volume):
                problems.append(f"service {name} mounts the host's {source or volume}: the hub runs from the image")
    hub = ["hub-init", "simulators", *[service["name"] for service in services]]
    images = set()
    for name in hub:
        service = defined.get(name)
        if service is None:
            problems.append(f"docker-compose.yml has no service {name}")
            continue
        build = service.get("build")
        context = build if isinstance(build, str) else (build or {}).get("context")
        if context not in (".", "./"):
            problems.append(f"service {name} is not built from the repository's Dockerfile (build context {context!r})")
        images.add(service.get("image"))
    if len(images) > 1:
        problems.append(f"the hub's services should share one image, not {sorted(map(str, images))}")
    for service in services:
        command = defined.get(service["name"], {}).get("command")
        if command != [service["name"]]:
            problems.append(f"service {service['name']} runs {command!r}; the image starts it by name: [{service['name']!r}]")
    return problems


# --- Kubernetes ---------------------------------------------------------------------------------


def _strict(schema: Any) -> Any:
    """A CRD's structural schema made strict the way `kubectl apply` (server-side field validation,
    Strict by default) treats a manifest: an unknown field is an error, not silently pruned."""
    if isinstance(schema, dict):
        schema = {key: _strict(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema["additionalProperties"] = False
        if schema.get("x-kubernetes-int-or-string"):
            schema.setdefault("anyOf", [{"type": "integer"}, {"type": "string"}])
        return schema
    if isinstance(schema, list):
        return [_strict(value) for value in schema]
    return schema


def crd_schemas(crd_files: Iterable[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> the strict JSON schema of that version, from CRD YAML files."""
    schemas: dict[tuple[str, str], dict[str, Any]] = {}
    for file in crd_files:
        for crd in yaml.safe_load_all(file.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group = crd["spec"]["group"]
            kind = crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
                schema.setdefault("properties", {})
                # apiVersion, kind and metadata are the API server's; status is the operator's.
                schema["properties"]["metadata"] = {"type": "object"}
                schema["properties"].pop("status", None)
                schemas[(f"{group}/{version['name']}", kind)] = _strict(schema)
    return schemas


STRIMZI_GROUP = "kafka.strimzi.io/"


def strimzi_checker(classpath: str) -> Any:
    """Strimzi's CRDs are published with its releases only, in no package registry; its API model
    (io.strimzi:api on Maven Central) is, and StrimziCheck.java reads the resources with it."""

    def check(objects: list[dict[str, Any]]) -> list[str]:
        if not objects:
            return []
        out = subprocess.run(
            ["java", "-Dslf4j.internal.verbosity=ERROR", "-cp", classpath, str(Path(__file__).parent / "strimzi" / "StrimziCheck.java")],
            input="".join(json.dumps(obj) + "\n" for obj in objects),
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            return [f"StrimziCheck failed ({out.returncode}): {out.stderr.strip()}"]
        return [line for line in out.stdout.splitlines() if line.strip()]

    return check


def validate_objects(objects: list[dict[str, Any]], crds: dict[tuple[str, str], dict[str, Any]], strimzi: Any) -> list[str]:
    """Every object against its schema: the operators' kinds against their CRDs (CloudNativePG) or
    Strimzi's API model, the rest against Kubernetes' own (kubernetes-validate, strict: unknown
    fields are errors, as `kubectl apply` reports them)."""
    problems = strimzi([obj for obj in objects if str(obj.get("apiVersion", "")).startswith(STRIMZI_GROUP)])
    for obj in objects:
        if str(obj.get("apiVersion", "")).startswith(STRIMZI_GROUP):
            continue
        where = f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}"
        key = (obj.get("apiVersion"), obj.get("kind"))
        if key in crds:
            for error in jsonschema.Draft7Validator(crds[key]).iter_errors(obj):
                problems.append(f"{where} {'.'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
            continue
        try:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            problems.append(f"{where}: no schema for {key[0]} {key[1]} (neither Kubernetes {KUBERNETES_VERSION} nor a vendored CRD)")
        except kubernetes_validate.ValidationError as error:
            problems.append(f"{where} {'.'.join(map(str, error.path)) or '(root)'}: {error.message}")
    return problems


def _memory_mib(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1000 / 1024**2, "M": 1000**2 / 1024**2, "G": 1000**3 / 1024**2}
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", quantity)
    if not match:
        raise ValueError(f"unreadable memory quantity {quantity}")
    return float(match.group(1)) * (units[match.group(2)] if match.group(2) else 1 / 1024**2)


def check_workloads(objects: list[dict[str, Any]], services: list[dict[str, Any]], heap_args: Any, require_secrets: bool) -> list[str]:
    """What the schemas cannot see: every service deployed as the hub needs it (probes on its health
    endpoints, two replicas, room for its graceful shutdown, memory for its heap caps, started by
    name from the image), the init Job, one database per service, and every reference resolvable."""
    problems: list[str] = []
    by_kind: dict[str, dict[str, dict[str, Any]]] = {}
    for obj in objects:
        by_kind.setdefault(obj["kind"], {})[obj["metadata"]["name"]] = obj
    config_maps = by_kind.get("ConfigMap", {})
    secrets = by_kind.get("Secret", {})
    pod_specs = [(f"Deployment/{name}", d["spec"]["template"]["spec"]) for name, d in by_kind.get("Deployment", {}).items()]
    pod_specs += [(f"Job/{name}", j["spec"]["template"]["spec"]) for name, j in by_kind.get("Job", {}).items()]
    for where, pod in pod_specs:
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                ref = (source.get("configMapRef") or {}).get("name")
                if ref and ref not in config_maps:
                    problems.append(f"{where}: envFrom ConfigMap {ref} is not in the manifests")
            for variable in container.get("env", []):
                ref = ((variable.get("valueFrom") or {}).get("secretKeyRef") or {}).get("name")
                if ref and require_secrets and ref not in secrets:
                    problems.append(f"{where}: {variable['name']} reads Secret {ref}, which the overlay does not provide")
    platform = config_maps.get("crossdock-platform", {}).get("data", {})
    for variable in ("KAFKA_BROKERS", "SCHEMA_REGISTRY_URL", "OTEL_EXPORTER_OTLP_ENDPOINT"):
        if variable not in platform:
            problems.append(f"ConfigMap crossdock-platform has no {variable}")

    for service in services:
        name = service["name"]
        deployment = by_kind.get("Deployment", {}).get(name)
        if deployment is None:
            problems.append(f"no Deployment for service {name}")
            continue
        if name not in by_kind.get("Service", {}):
            problems.append(f"no Service for service {name}")
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        container = pod["containers"][0]
        if spec.get("replicas", 1) < 2:
            problems.append(f"Deployment/{name}: replicas {spec.get('replicas', 1)}, at least 2 expected")
        if container.get("args") != [name]:
            problems.append(f"Deployment/{name}: container args {container.get('args')}, expected [{name}] (the image starts a service by name)")
        for probe, path in (("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live")):
            got = ((container.get(probe) or {}).get("httpGet") or {}).get("path")
            if got != path:
                problems.append(f"Deployment/{name}: {probe} checks {got}, expected {path}")
        ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
        if ports.get("http") != service["port"]:
            problems.append(f"Deployment/{name}: http port {ports.get('http')}, infra/services.json says {service['port']}")
        env = {v["name"]: v.get("value") for v in container.get("env", [])}
        # The service exits by itself SHUTDOWN_TIMEOUT_MS (default 20 s) after SIGTERM, which comes after the preStop pause.
        shutdown = int(env.get("SHUTDOWN_TIMEOUT_MS") or 20000) / 1000
        pre_stop = ((container.get("lifecycle") or {}).get("preStop") or {}).get("exec", {}).get("command", [])
        pause = int(pre_stop[1]) if len(pre_stop) == 2 and pre_stop[0] == "sleep" else 0
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace <= pause + shutdown:
            problems.append(f"Deployment/{name}: terminationGracePeriodSeconds {grace} does not cover the {pause} s preStop pause and the {shutdown:g} s shutdown bound (SHUTDOWN_TIMEOUT_MS)")
        if "DATABASE_URL" not in env:
            problems.append(f"Deployment/{name}: no DATABASE_URL")
        limits = (container.get("resources") or {}).get("limits") or {}
        if "memory" not in limits:
            problems.append(f"Deployment/{name}: no memory limit")
        else:
            args = heap_args(name)
            heap = sum(int(arg.split("=")[1]) * (3 if "semi" in arg else 1) for arg in args if arg.startswith(("--max-old-space-size=", "--max-semi-space-size=")))
            if _memory_mib(limits["memory"]) < heap + 128:
                problems.append(f"Deployment/{name}: memory limit {limits['memory']} leaves under 128 MiB beside its {heap} MiB heap caps (apps/{name}/runtime.json)")
        if not (pod.get("securityContext") or {}).get("runAsNonRoot"):
            problems.append(f"Deployment/{name}: pod securityContext lacks runAsNonRoot")
    jobs = [job for job in by_kind.get("Job", {}).values() if job["spec"]["template"]["spec"]["containers"][0].get("args") == ["init"]]
    if not jobs:
        problems.append("no Job runs the image's init (contracts:apply and migrations)")
    databases = {d["spec"]["name"] for d in by_kind.get("Database", {}).values()}
    for service in services:
        if service["database"] not in databases:
            problems.append(f"no CloudNativePG Database for {service['name']} ({service['database']})")
    return problems
