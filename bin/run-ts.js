#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, generators) with the same loader as the asylon command.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: run-ts.js SCRIPT.ts [args]\n');
  process.exit(64);
}
process.argv = [process.argv[0] ?? 'node', script, ...rest];
await import(pathToFileURL(path.resolve(script)).href);
