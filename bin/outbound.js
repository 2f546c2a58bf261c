#!/usr/bin/env node
// `npx outbound <command>`: the TypeScript CLI, loaded through tsx in this process (signals reach it).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
