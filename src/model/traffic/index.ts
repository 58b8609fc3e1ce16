// Traffic: the rate curve, request arrivals, and the users who send the requests.
export { RateCurve } from './rate-curve.ts';
export { PiecewiseRate, type RatePoint } from './piecewise-rate.ts';
export { ArrivalProcess, type ArrivalOptions } from './arrivals.ts';
export { UserPopulation, type UserFilter } from './users.ts';
export { ZipfChoice } from './zipf-choice.ts';
export { SessionPicker } from './sessions.ts';
