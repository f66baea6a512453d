import { createContext, useContext, type Context } from 'react';

/**
 * A feature's live state shared with every panel that reads it: the feature's provider (mounted
 * once for the signed-in console) fills the context, `use()` reads it (and says which provider
 * is missing when a panel is mounted outside it).
 */
export function featureContext<T>(name: string): { Context: Context<T | null>; use: () => T } {
  const Context = createContext<T | null>(null);
  Context.displayName = name;
  const use = (): T => {
    const value = useContext(Context);
    if (value === null) throw new Error(`${name} is read outside its provider`);
    return value;
  };
  return { Context, use };
}
