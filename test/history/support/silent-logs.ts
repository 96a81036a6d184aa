// Imported first by tests whose handlers create their Logger at import time.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
