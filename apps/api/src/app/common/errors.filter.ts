import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiError } from '@vigie/contracts';

/**
 * Every error leaves as an ApiError: validation problems are 400 with field details, unknown failures
 * are a generic 500 (the detail goes to the log, never to the client).
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let body: ApiError;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse() as string | { message?: string | string[]; error?: string; details?: ApiError['details'] };
      const msg = typeof r === 'string' ? r : r.message;
      const messages = Array.isArray(msg) ? msg : [msg ?? exception.message];
      body = {
        statusCode: status,
        error: typeof r === 'object' && r.error ? r.error : HttpStatus[status] ?? 'Error',
        message: messages.join('; '),
        ...(typeof r === 'object' && r.details ? { details: r.details } : {}),
      };
    } else if (isBodyParserError(exception)) {
      body = { statusCode: exception.status, error: 'Bad Request', message: exception.type === 'entity.too.large' ? 'request body too large' : 'malformed request body' };
    } else {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
      body = { statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred; it has been logged' };
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && 'type' in e && 'status' in e && typeof (e as { status: unknown }).status === 'number';
}
