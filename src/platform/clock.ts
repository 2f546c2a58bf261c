// The only source of "now" for services and jobs, so tests can move time.
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
