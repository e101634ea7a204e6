// Tests never touch the developer's .data directory: in-memory PGlite unless DATABASE_URL is set.
process.env.PGLITE_DIR ??= 'memory://';
process.env.LOG_LEVEL ??= 'silent';
// Test files sharing one Redis (REDIS_URL, as CI sets it) never see each other's counters.
process.env.REDIS_KEY_PREFIX ??= `test-${crypto.randomUUID().slice(0, 8)}`;
