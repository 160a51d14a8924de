# The Samling server image: the workspace installed, the Prisma client generated and the browser client built.
FROM node:20-bookworm-slim
WORKDIR /app
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NODE_ENV=production
COPY . .
RUN corepack enable && node scripts/samling.mjs setup
EXPOSE 3000
CMD ["node", "scripts/samling.mjs", "serve"]
