#!/bin/sh
echo "The Prisma schema-engine binary is not used here: create migrations with 'pnpm --filter @samling/server migrate:create NAME'; the server applies them at start." >&2
exit 1
