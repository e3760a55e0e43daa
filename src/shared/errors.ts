// Errors that cross the edge carry a stable machine code and a Chinese message for people.
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string | number) =>
  new AppError(404, 'NOT_FOUND', `${what}不存在：${id}`, { id });

export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
