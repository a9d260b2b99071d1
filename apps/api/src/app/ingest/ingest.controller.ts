import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyAuth, RateLimit } from '../auth/access.decorators.js';
import { ApiKeyGuard, type ApiKeyPrincipal } from './api-key.guard.js';
import { SearchEventBatchDto } from './ingest.dto.js';
import { type BatchResult, IngestService } from './ingest.service.js';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('ingest')
@ApiKeyAuth()
@RateLimit('ingest')
@UseGuards(ApiKeyGuard)
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post('search-events')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per batch; re-sending the same key never duplicates events' })
  @ApiOperation({ summary: 'Live search feed: a batch of up to 10,000 search events (no personal data), stored exactly once' })
  async searchEvents(
    @Body() body: SearchEventBatchDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { apiKey: ApiKeyPrincipal },
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchResult> {
    if (!key || !/^[A-Za-z0-9._:-]{8,200}$/.test(key)) {
      throw new BadRequestException('an Idempotency-Key header (8–200 characters: letters, digits, . _ : -) is required');
    }
    const result = await this.ingest.ingest(`${req.apiKey.source}:${key}`, req.apiKey, body.events);
    if (result.duplicate) res.status(200);
    return { ...result, idempotencyKey: key };
  }
}
