import { Inject } from '@nestjs/common';
import type { Clock } from '@vigie/calendar';

/**
 * Nest token of Vigie's clock (libs/shared/calendar): every "today" and calendar "now" of the API comes
 * from it, on the Europe/Paris calendar. `VIGIE_TODAY=YYYY-MM-DD` pins it (config.ts).
 */
export const CLOCK = Symbol('VIGIE_CLOCK');

/** Constructor parameter decorator: `@InjectClock() private readonly clock: Clock`. */
export const InjectClock = (): ParameterDecorator => Inject(CLOCK);
