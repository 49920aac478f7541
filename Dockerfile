# Koordinasi worker and API image (one image, two commands). Production-shaped: compiled
# JavaScript, production dependencies only, non-root user. Temporal itself is NOT in this image:
# it points at a cluster through TEMPORAL_ADDRESS (see docker-compose.yml).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY config ./config
# tests/ is not copied, so this compiles exactly the shipped code (to dist/).
RUN npx tsc -p tsconfig.json
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DIRECTORY_PATH=/app/config/organizations.json \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json requirements-temporal.txt ./
COPY config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# The worker by default; the API service runs `node dist/src/server.js`.
CMD ["node", "dist/src/worker.js"]
