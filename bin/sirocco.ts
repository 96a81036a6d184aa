import { runCli } from '../lib/cli/program';

runCli(process.argv).then((code) => {
  process.exitCode = code;
});
