/** CPU profile of the bench's timed model check only (after its warm-up): `npx tsx bench/tools/profile-model.ts OUT.cpuprofile [runs]`. */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { measureModelCommands } from '../model-commands';

const [out = '/tmp/model.cpuprofile', runsText = '120'] = process.argv.slice(2);
await measureModelCommands({ seed: 20_261_124, warmupRuns: 60, runsPerRepetition: 1, repetitions: 1 });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const result = await measureModelCommands({ seed: 20_261_124, warmupRuns: 0, runsPerRepetition: Number(runsText), repetitions: 2 });
const { profile } = await session.post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
console.log(result.commandsPerSecond.samples.map((value) => value.toFixed(0)).join(' '), 'commands/s;', result.commandsPerCpuSecond.samples.map((value) => value.toFixed(0)).join(' '), 'per CPU s;', result.commandsPerRun.toFixed(1), 'a run');
