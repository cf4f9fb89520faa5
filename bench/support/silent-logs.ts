/** Imported first by benches and the fuzz: the functions' loggers read their level when their modules load. */
process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
