import { REJECTIONS, type RejectReason } from '../engine/rejections';

/**
 * A Binance error answer `{code, msg}` with its HTTP status. Thrown inside the API layer only and
 * turned into a response by the router; it never leaves the venue as an exception.
 */
export class BinanceReject extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly msg: string,
  ) {
    super(msg);
    this.name = 'BinanceReject';
  }
}

/** Binance's legal range for decimal parameters, quoted in its -1100 message. */
export const DECIMAL_PARAM_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';

/** The spot REST error codes the venue answers with (Binance "Error codes" doc, spot). */
export const apiErrors = {
  // Binance answers key problems with HTTP 401; ccxt maps -2014/-2015 to AuthenticationError.
  apiKeyFormat: () => new BinanceReject(401, -2014, 'API-key format invalid.'),
  unknownApiKey: () => new BinanceReject(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  badSignature: () => new BinanceReject(400, -1022, 'Signature for this request is not valid.'),
  timestampAhead: () => new BinanceReject(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  outsideRecvWindow: () => new BinanceReject(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  recvWindowTooLarge: () => new BinanceReject(400, -1131, 'recvWindow must be less than 60000'),
  mandatory: (name: string) => new BinanceReject(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  eitherOf: (a: string, b: string) => new BinanceReject(400, -1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  illegalCharacters: (name: string, range: string) => new BinanceReject(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '${range}'.`),
  duplicateParameter: () => new BinanceReject(400, -1101, 'Duplicate values for a parameter detected.'),
  unreadParameters: (read: number, sent: number) => new BinanceReject(400, -1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`),
  notRequired: (name: string) => new BinanceReject(400, -1106, `Parameter '${name}' sent when not required.`),
  invalidParameter: (name: string) => new BinanceReject(400, -1130, `Data sent for parameter '${name}' is not valid.`),
  tooMuchPrecision: () => new BinanceReject(400, -1111, 'Precision is over the maximum defined for this asset.'),
  invalidSymbol: () => new BinanceReject(400, -1121, 'Invalid symbol.'),
  invalidSide: () => new BinanceReject(400, -1117, 'Invalid side.'),
  invalidOrderType: () => new BinanceReject(400, -1116, 'Invalid orderType.'),
  invalidTimeInForce: () => new BinanceReject(400, -1115, 'Invalid timeInForce.'),
  optionalParametersCombination: () => new BinanceReject(400, -1128, 'Combination of optional parameters invalid.'),
  moreThan24Hours: () => new BinanceReject(400, -1127, 'More than 24 hours between startTime and endTime.'),
  // Market data (spot "Error codes" doc; the -1128 wording as Binance answers a ticker sent both).
  symbolAndSymbols: () => new BinanceReject(400, -1128, "Combination of optional parameters invalid. Recommendation: 'symbol' and 'symbols' cannot both be sent."),
  invalidSymbolStatus: () => new BinanceReject(400, -1122, 'Invalid symbolStatus.'),
  symbolStatusMismatch: () => new BinanceReject(400, -1220, "The symbol's status does not match the requested symbolStatus."),
  invalidTickerType: () => new BinanceReject(400, -1139, 'Invalid ticker type.'),
  duplicateSymbols: () => new BinanceReject(400, -1151, 'Symbol is present multiple times in the list.'),
  rejected: (reason: RejectReason) => new BinanceReject(400, REJECTIONS[reason].code, REJECTIONS[reason].msg),
} as const;
