#!/usr/bin/env node
// The asylon command. TypeScript runs through tsx's loader: no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
