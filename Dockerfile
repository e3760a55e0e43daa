# Build stage: `npm ci` (native addons built, model installed and checksummed), then `npm run build` compiles the
# service and its operator CLIs to dist/ (esbuild; npm packages stay external). The runtime stage has no
# TypeScript runtime and no sources: node, the production node_modules, dist/ and the model.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts/setup-model.mjs scripts/setup-model.mjs
# better-sqlite3 and hnswlib-node compile here; postinstall fetches the model from the npm registry.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data MODEL_DIR=/app/models
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/models ./models
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Operator CLIs in the same image: docker exec … node dist/cycle.js --cycle ID (also import, export, seed-demo, match, apikey).
CMD ["node", "dist/server.js"]
