/** Imported first by tests that load the handler: keeps its structured logs out of test output. */
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
