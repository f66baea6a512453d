/** The shape of a message catalogue: same keys as the source, every leaf a string. */
export type MessageTree<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : MessageTree<T[K]>;
};
