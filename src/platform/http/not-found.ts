// Thrown by services when a row does not exist or the actor may not know it exists:
// both answer 404, so ids of other partners' rows reveal nothing.
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor() {
    super('Not found');
  }
}
