/**
 * Quantity parsing for checks. Checks normally receive quantities that already parsed
 * (the walk drops the ones that did not), but a check must never throw on odd input, so a
 * failed parse reads as "no value" here. A kata that is still a stub keeps throwing, so the
 * learner is told to finish kata 01-quantity first.
 */
import { parseQuantity } from '@kata/01-api-machinery/quantity';
import type { Quantity } from '../types/quantity';
import { KATA_NOT_IMPLEMENTED } from '../../kata/not-implemented';

/** Parses `text`, or returns undefined when it is not a quantity. */
export function quantityOrUndefined(text: unknown): Quantity | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return parseQuantity(text);
  } catch (error) {
    if ((error as Error).name === KATA_NOT_IMPLEMENTED) throw error;
    return undefined;
  }
}
