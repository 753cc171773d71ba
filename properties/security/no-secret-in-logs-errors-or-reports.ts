import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithAllFaults } from '../commands/fault-sets';
import { noSecretInAnyOutput } from '../invariants/no-secret-leaks';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * S1 at run level: through trading under every fault kind, so that errors of every kind are
 * thrown and logged, neither the API key nor the secret appears, raw or encoded, in a line the
 * adapter logged, an error one of its calls threw, or a trace row of the report and the corpus.
 * (properties/security/no-secret-in-any-output.prop.ts checks the same of the configuration,
 * telemetry and metrics pieces one by one.) Only S1 is watched: a leak is the verdict.
 */
export const noSecretInLogsErrorsOrReports: TradingPropertyOptions = {
  name: 'no-secret-in-logs-errors-or-reports',
  checks: [noSecretInAnyOutput],
  commands: tradingCommandsWithAllFaults,
  captureLogs: true,
  maxCommands: 10,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
