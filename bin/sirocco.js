#!/usr/bin/env node
// Entry point of the `sirocco` command: registers tsx so that Node.js loads the TypeScript CLI directly.

// The project runs on Node.js 20, and @aws-sdk/core reads this variable to skip its notice
// about Node.js 22. It is set before any module loads, so that it holds for every subcommand.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

require('tsx/cjs');
require('./sirocco.ts');
