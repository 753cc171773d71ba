export { createNemesis, type Nemesis, type NemesisOptions, type CancelRace } from './nemesis';
export { decideFaults, clockOffsetAt, type FaultRequest, type FaultChoice } from './decide';
export { exchangeWithFaults, type FaultedExchange, type VenueHandler } from './apply';
export { createCancelRace, type CancelRaceDeps } from './cancel-race';
export { ConnectionResetError, ResponseLostError } from './network-errors';
export type { FaultPlanOptions, PlannedWindow, PlannedRequestFaultKind, PlannedWindowFaultKind } from './plan';
export { NO_FAULT, type Fault, type FaultDecision, type FaultOutcome, type RequestMatcher, type ScheduleOptions, type ScheduledFault, type ServerErrorStatus } from './fault';
export { CORRUPTION_VARIANTS, corruptAnswer, type CorruptionVariant } from './corruption';
export { tamperRequest } from './tamper';
