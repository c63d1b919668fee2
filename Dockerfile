# syntax=docker/dockerfile:1
# Crossdock: one image for every service of infra/services.json, the one-shot init (contracts and
# migrations) and the simulators. Dependencies are installed here, on Linux, so SWC's and Prisma's
# native parts are the image's own whatever the host is.
#
#   docker build -t crossdock .
#   docker run --rm -e KAFKA_BROKERS=... -e DATABASE_URL=... crossdock order-ingest
#   docker run --rm crossdock init          # npm run contracts:apply && npm run db -- migrate
#   docker run --rm crossdock simulators    # tools/demo/simulators.main.ts
#
# deploy/image/entrypoint.sh says what each name runs; tools/deploy/check_dockerfile.py (npm test)
# checks this file's rules.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- dependencies: only the manifests, so this layer is rebuilt when they change, not on every edit
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Scarf is a dependency's install-time analytics ping; nothing leaves the build for it.
ENV CI=true SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY patches ./patches
# The root's postinstall (patch-package, then Prisma generate) needs the sources, which are not
# here yet: this layer installs without it and patches, the next stage generates.
RUN --mount=type=cache,target=/root/.npm \
    npm pkg delete scripts.postinstall \
    && npm ci --no-audit --no-fund --loglevel=error \
    && npx --no-install patch-package

# --- build: the sources and every service's Prisma client
FROM deps AS build
# Also brings back the real package.json.
COPY . .
RUN npm run --silent db -- generate

# --- runtime: no npm cache, no build layers; the app is read-only for the user that runs it
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV SWC_NODE_PROJECT=tsconfig.base.json \
    SCARF_ANALYTICS=false \
    NO_UPDATE_NOTIFIER=1
COPY --from=build /app /app
# tmp/hub is where the simulators and the services that exchange files with them (EDI, 3PL
# mailboxes, reference data) meet; compose mounts one volume there, which starts with this owner.
RUN mkdir -p /app/tmp/hub && chown -R 1000:1000 /app/tmp
# The node image's unprivileged user, by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# Ready only once the service answers /health/ready on its HTTP_PORT; the init and the simulators
# have no such endpoint and count as healthy while they run.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "deploy/image/healthcheck.js"]
ENTRYPOINT ["/app/deploy/image/entrypoint.sh"]
CMD []
