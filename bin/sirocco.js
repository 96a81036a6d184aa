#!/usr/bin/env node
// Entry point of the `sirocco` command: registers tsx so that Node.js loads the TypeScript CLI directly.
require('tsx/cjs');
require('./sirocco.ts');
