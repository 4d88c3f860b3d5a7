# Build: install everything, generate the Prisma client, compile, then drop dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json tsconfig.web.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

# Run: production dependencies (the embedded PostgreSQL's binaries among them), the compiled server
# and its migrations, as the unprivileged node user: PostgreSQL will not run as root, and pitchside
# runs its embedded PostgreSQL as the user it runs as.
FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=4000 DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/prisma ./prisma
COPY --from=build --chown=root:root /app/scripts/serve.sh ./scripts/serve.sh
RUN mkdir -p /data && chown node:node /data
# Without DATABASE_URL the club's database (the embedded PostgreSQL's cluster, its log, the JWT
# secret) lives here: a volume, so it outlives the container.
VOLUME /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run at start-up, under an advisory lock, before the port opens. serve.sh sets the
# memory settings and execs node, which gets the signals and stops the embedded PostgreSQL (if it
# runs one) before it exits; Docker's default 10 s stop timeout leaves time for both.
CMD ["sh", "scripts/serve.sh"]
