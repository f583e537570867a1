/** The middle value (the lower of the two middle ones for an even count): the benchmarks' runs are few and odd in number. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
