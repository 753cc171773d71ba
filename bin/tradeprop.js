#!/usr/bin/env node
// The installed entry point: registers tsx so the TypeScript sources (and a TypeScript
// --adapter module) load without a build step, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// Exit explicitly: a misbehaving adapter or worker handle must not keep the CLI alive.
process.exit(await main(process.argv.slice(2)));
