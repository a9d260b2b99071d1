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
        error: typeof r === 'object' && r.error ? r.error : (HttpStatus[status] ?? 'Error'),
        message: messages.join('; '),
        ...(typeof r === 'object' && r.details ? { details: r.details } : {}),
        // a machine-readable reason a client can act on (e.g. password_change_required)
        ...(typeof r === 'object' && typeof (r as { code?: unknown }).code === 'string' ? { code: (r as { code: string }).code } : {}),
      };
    } else if (isBodyParserError(exception)) {
      body = {
        statusCode: exception.status,
        error: exception.status === 413 ? 'Payload Too Large' : 'Bad Request',
        message:
          exception.type === 'entity.too.large'
            ? 'request body too large (JSON bodies: at most 4 MB)'
            : exception.type === 'entity.too.deep'
              ? 'request body nested too deeply (JSON bodies: at most 64 levels)'
              : 'malformed request body',
      };
    } else if (isInvalidInputForDatabase(exception)) {
      // A value that passed validation but that Postgres refuses (NUL byte, out-of-range number…):
      // bad input, not a server fault.
      body = {
        statusCode: 400,
        error: 'Bad Request',
        message: 'a value of the request is not valid (invalid character, number out of range or malformed date)',
      };
    } else if (isDatabaseUnavailable(exception)) {
      // Pool exhausted, Postgres restarting or unreachable: a retryable condition, not a bug.
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      res.setHeader('Retry-After', '2');
      body = { statusCode: 503, error: 'Service Unavailable', message: 'the database is busy or restarting; retry in a moment' };
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      body = { statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred; it has been logged' };
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return typeof e === 'object' && e !== null && 'type' in e && 'status' in e && typeof (e as { status: unknown }).status === 'number';
}

/** Errors that mean "try again": connection timeouts, refused or terminated connections, shutdown. */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: string }).code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003'].includes(code ?? '') ||
    /timeout exceeded when trying to connect|Connection terminated|the database system is (starting up|shutting down)|too many clients/i.test(
      e.message,
    )
  );
}

/** Postgres data exceptions caused by request values: 22021 NUL/invalid byte, 22P05, 22P02, 22003, 22007, 22008. */
export function isInvalidInputForDatabase(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code =
    (e as { code?: string; driverError?: { code?: string } }).code ?? (e as { driverError?: { code?: string } }).driverError?.code;
  return ['22021', '22P05', '22P02', '22003', '22007', '22008'].includes(code ?? '');
}
