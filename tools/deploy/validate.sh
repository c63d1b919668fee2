#!/usr/bin/env bash
# `npm run deploy:validate`: the offline checks of the Dockerfile, docker-compose.yml and the
# Kubernetes manifests (tools/deploy/check.py), after the checker's own tests, which break copies
# of those files and expect each break reported. No Docker engine and no cluster are needed.
#
# Tools come from the package registries and are cached under ~/.cache/crossdock-deploy (or
# $XDG_CACHE_HOME), so a warm run takes seconds:
#   - Python (PyPI, pinned in requirements.txt): dockerfile (BuildKit's parser), kubernetes-validate
#     (the built-in kinds' schemas), jsonschema, PyYAML;
#   - Go modules (the Go module proxy): kustomize, to render the Kustomize trees; CloudNativePG, whose
#     module carries its CRDs; compose-go, whose module carries the compose-spec JSON schema that
#     `docker compose` validates with;
#   - Maven Central: Strimzi's API model (io.strimzi:api), which reads the Strimzi resources.
set -euo pipefail
cd "$(dirname "$0")/../.."

KUSTOMIZE_VERSION=v5.7.1
CNPG_VERSION=v1.27.1
COMPOSE_GO_VERSION=v2.9.1

cache="${XDG_CACHE_HOME:-$HOME/.cache}/crossdock-deploy"
mkdir -p "$cache"
say() { printf '[deploy] %s\n' "$*" >&2; }

# A virtualenv per requirements file content: a changed pin gets a fresh one.
venv="$cache/venv-$(sha1sum tools/deploy/requirements.txt | cut -c1-12)"
if [[ ! -x "$venv/bin/python" ]]; then
  say "installing the Python checkers into $venv"
  python3 -m venv "$venv.tmp"
  "$venv.tmp/bin/pip" install --quiet --disable-pip-version-check -r tools/deploy/requirements.txt
  mv "$venv.tmp" "$venv"
fi

# Outside any module, so `go` neither needs nor touches a go.mod; the module cache is Go's own.
export GOFLAGS=-mod=mod
module_dir() {
  local dir
  dir=$(cd "$cache" && go mod download -json "$1" | "$venv/bin/python" -c 'import json, sys; m = json.load(sys.stdin); print(m.get("Dir") or sys.exit(m.get("Error")))')
  echo "$dir"
}
kustomize="$cache/bin/kustomize-$KUSTOMIZE_VERSION"
if [[ ! -x "$kustomize" ]]; then
  say "building kustomize $KUSTOMIZE_VERSION"
  (cd "$cache" && GOBIN="$cache/gobin" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION")
  mkdir -p "$cache/bin"
  mv "$cache/gobin/kustomize" "$kustomize"
fi
cnpg=$(module_dir "github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION")
compose_go=$(module_dir "github.com/compose-spec/compose-go/v2@$COMPOSE_GO_VERSION")
strimzi_classpath=$(bash tools/deploy/strimzi/classpath.sh "$cache")

crds="$cnpg/config/crd/bases/postgresql.cnpg.io_clusters.yaml:$cnpg/config/crd/bases/postgresql.cnpg.io_databases.yaml"
export DEPLOY_KUSTOMIZE="$kustomize build"
export DEPLOY_COMPOSE_SCHEMA="$compose_go/schema/compose-spec.json"
export DEPLOY_CRDS="$crds"
export DEPLOY_STRIMZI_CLASSPATH="$strimzi_classpath"

# No __pycache__ left in the tree.
export PYTHONDONTWRITEBYTECODE=1
cd tools/deploy
# The checker's own tests first: a checker that lets a broken file through fails here.
if ! tests=$("$venv/bin/python" -m unittest test_deploy_checks 2>&1); then
  echo "$tests"
  exit 1
fi
echo "$tests" | tail -n 3
crd_args=()
IFS=: read -ra crd_files <<<"$crds"
for file in "${crd_files[@]}"; do crd_args+=(--crd "$file"); done
"$venv/bin/python" check.py --kustomize "$DEPLOY_KUSTOMIZE" --compose-schema "$DEPLOY_COMPOSE_SCHEMA" --strimzi-classpath "$strimzi_classpath" "${crd_args[@]}"
