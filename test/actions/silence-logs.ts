// Imported first by the handler tests, before the handlers create their Powertools Logger.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
