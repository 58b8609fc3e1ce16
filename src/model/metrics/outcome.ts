// How a request ended, as the metrics pipeline and the results count it.

export const enum Outcome {
  /** Served successfully (2xx). */
  Ok,
  /** Served with a client error (4xx): the service worked, so it counts toward availability. */
  ClientError,
  /** Served with a server error (5xx). */
  Error,
  /** Answered after the client's timeout: a failure. */
  Timeout,
  /** Never served: rejected by a full queue, refused by a stopping or crashed instance, or no healthy upstream. */
  Dropped,
}

export const OUTCOME_COUNT = 5;

/** Whether the outcome counts against availability (5xx, timeout, dropped). */
export function isFailure(outcome: Outcome): boolean {
  return outcome >= Outcome.Error;
}
