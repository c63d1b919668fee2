#!/usr/bin/env bash
# Prints the classpath of Strimzi's API model (pom.xml beside this file), resolved once from Maven
# Central into ~/.m2 and remembered in the cache folder given as $1 per pom.xml content.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$1"
file="$cache/strimzi-classpath-$(sha1sum "$here/pom.xml" | cut -c1-12).txt"
if [[ ! -s "$file" ]]; then
  echo "[deploy] resolving Strimzi's API model from Maven Central" >&2
  if ! mvn -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$file.tmp" >"$file.log" 2>&1; then
    cat "$file.log" >&2
    exit 1
  fi
  mv "$file.tmp" "$file"
fi
cat "$file"
