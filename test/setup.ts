// Tests never touch the developer's .data directory: in-memory PGlite unless DATABASE_URL is set.
process.env.PGLITE_DIR ??= 'memory://';
process.env.LOG_LEVEL ??= 'silent';
