# hcpcs as a service. Not built here (no Docker engine on the development machines).
#   docker build -t hcpcs .
#   docker run -p 8080:8080 -v hcpcs-data:/data -v /srv/cms:/releases:ro hcpcs
# The container imports every release under /releases (HCPCS_RELEASES) into /data/hcpcs.sqlite
# (HCPCS_DB, a volume), then serves on 8080. GET /healthz answers the health check.

# Build: all dependencies (tsc), better-sqlite3 compiled or fetched for this image's Node.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
# npm ci runs `prepare` (npm run build) once the dependencies are in.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

# Runtime: the compiled code and the production dependencies only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HCPCS_DB=/data/hcpcs.sqlite HCPCS_RELEASES=/releases PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli/start.js"]
