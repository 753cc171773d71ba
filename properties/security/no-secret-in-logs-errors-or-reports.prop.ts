import { registerTradingProperty } from '../trading-property';
import { noSecretInLogsErrorsOrReports } from './no-secret-in-logs-errors-or-reports';

registerTradingProperty(noSecretInLogsErrorsOrReports);
