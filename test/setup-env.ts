// The AWS SDK warns on Node 20 about its future Node 22 floor; the warning is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Powertools logger stays quiet in tests unless a test asks for output.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
