/** Where "now" comes from: the machine's clock in production, a settable one in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
