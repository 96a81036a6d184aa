#!/usr/bin/env node
// Runs the project's aws-cdk CLI offline, with dummy credentials and a fixed
// region. It turns off instance metadata lookups, the version check, notices,
// telemetry and the shared AWS config files. Every AWS endpoint points at a
// closed loopback port, so a command that would call AWS fails instead.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'node_modules', 'aws-cdk', 'bin', 'cdk');

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
};
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;
for (const name of Object.keys(env)) {
  if (name.startsWith('AWS_ENDPOINT_URL_')) {
    delete env[name];
  }
}

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
  cwd: path.join(__dirname, '..'),
});
if (result.error) {
  console.error(`Could not run the aws-cdk CLI at ${cli}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
