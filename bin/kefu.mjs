#!/usr/bin/env node
// The `kefu` command: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../apps/server/src/cli.ts');
