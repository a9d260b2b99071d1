/** Shape of every error response (4xx and 5xx). Never carries a stack trace. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level details for validation errors. */
  details?: { field: string; reason: string }[];
}
