import { Inject } from '@nestjs/common';

/**
 * Nest token of Vigie's clock (the `Clock` of libs/shared/calendar): every "today" and calendar "now" of the API comes
 * from it, on the Europe/Paris calendar. `VIGIE_TODAY=YYYY-MM-DD` pins it (config.ts).
 */
export const CLOCK = Symbol('VIGIE_CLOCK');

/** Constructor parameter decorator: `@InjectClock() private readonly clock: Clock`. */
export const InjectClock = (): ParameterDecorator => Inject(CLOCK);
