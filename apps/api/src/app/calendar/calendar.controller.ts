import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Clock, VIGIE_TIME_ZONE } from '@vigie/calendar';
import type { CalendarInfo } from '@vigie/contracts';
import { Public } from '../auth/access.decorators.js';
import { InjectClock } from './clock.js';

@ApiTags('calendar')
@Controller('calendar')
@Public()
export class CalendarController {
  constructor(@InjectClock() private readonly clock: Clock) {}

  @Get()
  @ApiOperation({
    summary: "Vigie's today (Europe/Paris calendar): the dashboard's default periods start from it, not from the browser's clock",
  })
  calendar(@Res({ passthrough: true }) res: Response): CalendarInfo {
    res.setHeader('Cache-Control', 'no-store');
    return { today: this.clock.today(), timeZone: VIGIE_TIME_ZONE, pinned: this.clock.pinned !== null };
  }
}
