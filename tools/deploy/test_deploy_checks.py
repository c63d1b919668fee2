"""deploy_checks on the repository's real files, and on copies broken one way at a time: each break
must be reported. validate.sh runs these first, with the tools it installed named in DEPLOY_*."""

from __future__ import annotations

import copy
import os
import shlex
import subprocess
import unittest
from pathlib import Path

import yaml

import deploy_checks as checks

ROOT = checks.ROOT
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DOCKERIGNORE = (ROOT / ".dockerignore").read_text()
SERVICES = checks.load_services()


def rendered(tree: str) -> list[dict]:
    out = subprocess.run([*shlex.split(os.environ["DEPLOY_KUSTOMIZE"]), str(ROOT / tree)], capture_output=True, text=True, check=True)
    return [doc for doc in yaml.safe_load_all(out.stdout) if doc]


def find(objects: list[dict], kind: str, name: str | None = None) -> dict:
    return next(o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name))


class DockerfileTest(unittest.TestCase):
    def test_the_repository_passes(self):
        self.assertEqual(checks.check_dockerfile(DOCKERFILE, DOCKERIGNORE), [])

    def test_a_single_stage_is_refused(self):
        single = "FROM node:24\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run db -- generate\nUSER 1000\nHEALTHCHECK CMD true\nENTRYPOINT [\"/app/deploy/image/entrypoint.sh\"]\n"
        self.assertIn("Dockerfile must be multi-stage (found 1 stage)", checks.check_dockerfile(single, DOCKERIGNORE))

    def test_root_or_a_named_user_in_the_final_stage_is_refused(self):
        for user in ("root", "0:0", "node"):
            broken = DOCKERFILE.replace("USER 1000:1000", f"USER {user}")
            self.assertTrue(any("USER" in p for p in checks.check_dockerfile(broken, DOCKERIGNORE)), user)
        no_user = DOCKERFILE.replace("USER 1000:1000\n", "")
        self.assertIn("the final stage has no USER: the services would run as root", checks.check_dockerfile(no_user, DOCKERIGNORE))

    def test_the_hosts_node_modules_are_refused(self):
        copied = DOCKERFILE.replace("COPY patches ./patches", "COPY patches ./patches\nCOPY node_modules ./node_modules")
        self.assertTrue(any("takes the host's node_modules" in p for p in checks.check_dockerfile(copied, DOCKERIGNORE)))
        not_ignored = DOCKERIGNORE.replace("**/node_modules\n", "")
        self.assertTrue(any("lets the host's node_modules" in p for p in checks.check_dockerfile(DOCKERFILE, not_ignored)))

    def test_a_parse_error_is_reported(self):
        self.assertTrue(checks.check_dockerfile("FROM node:24\nRUN <<EOF\nnpm ci\n", DOCKERIGNORE)[0].startswith("Dockerfile does not parse"))
        misspelt = checks.check_dockerfile(DOCKERFILE.replace("FROM deps AS build", "FORM deps AS build"), DOCKERIGNORE)
        self.assertTrue(any(p.endswith("unknown instruction FORM") for p in misspelt), misspelt)

    def test_a_service_the_entrypoint_does_not_start_as_the_launchers_do_is_reported(self):
        def entrypoint(target: str) -> list[str]:
            if target == "order-ingest":
                return ["node", "-r", "@swc-node/register", "apps/order-ingest/src/main.ts"]  # without its heap caps
            return checks._dry_run(ROOT / "deploy/image/entrypoint.sh", target)

        problems = checks.check_dockerfile(DOCKERFILE, DOCKERIGNORE, entrypoint_dry_run=entrypoint)
        self.assertEqual(len(problems), 1)
        self.assertIn("entrypoint.sh order-ingest", problems[0])

    def test_an_excluded_service_source_is_reported(self):
        problems = checks.check_dockerfile(DOCKERFILE, DOCKERIGNORE + "apps/availability\n")
        self.assertIn(".dockerignore leaves out apps/availability/src/main.ts", problems)

    def test_dockerignore_patterns_read_as_docker_reads_them(self):
        ignore = checks.DockerIgnore("**/node_modules\ntmp\napps/*/src/generated\n*.log\n!keep.log\n")
        self.assertTrue(ignore.excludes("node_modules/a/b.js"))
        self.assertTrue(ignore.excludes("libs/x/node_modules/a"))
        self.assertTrue(ignore.excludes("tmp/hub/x"))
        self.assertFalse(ignore.excludes("libs/tmp/x"))
        self.assertTrue(ignore.excludes("apps/order-ingest/src/generated/prisma/index.ts"))
        self.assertFalse(ignore.excludes("apps/order-ingest/src/main.ts"))
        self.assertTrue(ignore.excludes("a.log"))
        self.assertFalse(ignore.excludes("keep.log"))


class ComposeTest(unittest.TestCase):
    schema = yaml.safe_load(Path(os.environ["DEPLOY_COMPOSE_SCHEMA"]).read_text())
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    def test_the_repository_passes(self):
        self.assertEqual(checks.check_compose(self.compose, self.schema, SERVICES), [])

    def test_a_key_compose_does_not_know_is_refused(self):
        broken = copy.deepcopy(self.compose)
        broken["services"]["order-ingest"]["helthcheck"] = {"test": ["CMD", "true"]}
        problems = checks.check_compose(broken, self.schema, SERVICES)
        self.assertTrue(any("services/order-ingest" in p and "helthcheck" in p for p in problems), problems)

    def test_a_wrong_type_is_refused(self):
        broken = copy.deepcopy(self.compose)
        broken["services"]["kafka"]["ports"] = "9092:9092"
        self.assertTrue(checks.check_compose(broken, self.schema, SERVICES))

    def test_the_hosts_repository_mounted_or_a_missing_service_is_refused(self):
        broken = copy.deepcopy(self.compose)
        broken["services"]["availability"]["volumes"] = [".:/app"]
        broken["services"]["availability"]["depends_on"]["hub-setup"] = {"condition": "service_started"}
        del broken["services"]["carrier-connector"]
        problems = checks.check_compose(broken, self.schema, SERVICES)
        self.assertIn("service availability mounts the host's .: the hub runs from the image", problems)
        self.assertIn("service availability depends on hub-setup, which is not defined", problems)
        self.assertIn("docker-compose.yml has no service carrier-connector", problems)

    def test_a_service_not_started_by_name_from_the_image_is_refused(self):
        broken = copy.deepcopy(self.compose)
        broken["services"]["order-ingest"]["image"] = "node:24"
        broken["services"]["order-ingest"]["command"] = ["node", "apps/order-ingest/src/main.ts"]
        problems = checks.check_compose(broken, self.schema, SERVICES)
        self.assertTrue(any("share one image" in p for p in problems), problems)
        self.assertTrue(any("the image starts it by name" in p for p in problems), problems)


class KubernetesTest(unittest.TestCase):
    crds = checks.crd_schemas(Path(file) for file in os.environ["DEPLOY_CRDS"].split(os.pathsep))
    strimzi = staticmethod(checks.strimzi_checker(os.environ["DEPLOY_STRIMZI_CLASSPATH"]))
    overlay = rendered("deploy/kubernetes/overlays/example")

    def problems(self, objects: list[dict]) -> list[str]:
        return checks.validate_objects(objects, self.crds, self.strimzi) + checks.check_workloads(objects, SERVICES, checks.node_args, require_secrets=True)

    def test_the_example_overlay_passes(self):
        self.assertEqual(self.problems(self.overlay), [])

    def test_broken_objects_are_reported(self):
        objects = copy.deepcopy(self.overlay)
        order_ingest = find(objects, "Deployment", "order-ingest")["spec"]["template"]["spec"]
        order_ingest["containers"][0]["readinessProbe"]["httpGet"]["path"] = "/health"
        order_ingest["containers"][0]["resources"]["limits"]["memory"] = "256Mi"
        order_ingest["containers"][0]["ports"][0]["containerPort"] = "3001"
        find(objects, "Deployment", "availability")["spec"]["template"]["spec"]["containers"][0]["livenes"] = {}
        find(objects, "Deployment", "wms-connector")["spec"]["replicas"] = 1
        find(objects, "Deployment", "erp-connector")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 30
        cluster = find(objects, "Cluster")["spec"]
        cluster["instances"] = "three"
        cluster["storage"]["sise"] = "1Gi"
        find(objects, "Database", "order-ingest")["spec"]["ensure"] = "maybe"
        find(objects, "Kafka")["spec"]["kafka"]["listners"] = []
        find(objects, "KafkaTopic")["spec"]["partitions"] = "twelve"
        find(objects, "KafkaNodePool")["spec"]["replicas"] = {"count": 3}
        objects = [o for o in objects if not (o["kind"] == "Secret" and o["metadata"]["name"] == "crossdock-db-availability")]
        objects.append({"apiVersion": "example.io/v1", "kind": "Widget", "metadata": {"name": "w"}})
        problems = "\n".join(self.problems(objects))
        for expected in [
            "Deployment/order-ingest: readinessProbe checks /health, expected /health/ready",
            "Deployment/order-ingest: memory limit 256Mi leaves under 128 MiB beside its 216 MiB heap caps",
            "Deployment/order-ingest spec.template.spec.containers.0.ports.0.containerPort: '3001' is not of type 'integer'",
            "Deployment/availability spec.template.spec.containers.0: Additional properties are not allowed ('livenes' was unexpected)",
            "Deployment/wms-connector: replicas 1, at least 2 expected",
            "Deployment/erp-connector: terminationGracePeriodSeconds 30 does not cover the 5 s preStop pause and the 30 s shutdown bound (SHUTDOWN_TIMEOUT_MS)",
            "Cluster/crossdock-postgres spec.instances: 'three' is not of type 'integer'",
            "Cluster/crossdock-postgres spec.storage: Additional properties are not allowed ('sise' was unexpected)",
            "Database/order-ingest spec.ensure: 'maybe' is not one of",
            "Kafka/crossdock-kafka spec.kafka.listners: unknown property",
            "spec.partitions: Cannot deserialize value of type `java.lang.Integer`",
            "KafkaNodePool/dual-role spec.replicas: Cannot deserialize",
            "DB_PASSWORD_AVAILABILITY reads Secret crossdock-db-availability, which the overlay does not provide",
            "Widget/w: no schema for example.io/v1 Widget",
        ]:
            self.assertIn(expected, problems)

    def test_a_missing_service_or_init_job_is_reported(self):
        objects = [o for o in self.overlay if not (o["kind"] in ("Deployment", "Database") and o["metadata"]["name"] == "channel-gateway") and o["kind"] != "Job"]
        problems = self.problems(objects)
        self.assertIn("no Deployment for service channel-gateway", problems)
        self.assertIn("no CloudNativePG Database for channel-gateway (channel_gateway)", problems)
        self.assertIn("no Job runs the image's init (contracts:apply and migrations)", problems)


if __name__ == "__main__":
    unittest.main()
